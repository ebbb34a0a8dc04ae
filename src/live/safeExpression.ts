import { msg } from '../core';

/*
 * Which argument expressions Loss Lens may evaluate in a paused debuggee. Evaluating runs code in the
 * user's process, so only what reads without effects in practice is allowed: names, attribute chains,
 * and subscripts by names, numbers, strings, slices and tuples of those (`logits[valid]`,
 * `outputs.logits`, `batch['labels'][:, 0]`, `x[..., 1:]`). A call, an operator, an assignment, a
 * lambda, a comprehension or a keyword other than None / True / False is refused, with the reason.
 */

export type SafeExpression = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** Longest expression accepted (a selection of a whole file is not an argument). */
export const MAX_EXPRESSION_LENGTH = 200;

const KEYWORDS = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from',
  'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case',
]);
const CONSTANTS = new Set(['None', 'True', 'False']);

type Token = { readonly kind: 'name' | 'number' | 'string' | 'op'; readonly text: string };

function tokens(text: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (name) {
      out.push({ kind: 'name', text: name[0] });
      i += name[0].length;
      continue;
    }
    const number = /^(?:\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (number) {
      out.push({ kind: 'number', text: number[0] });
      i += number[0].length;
      continue;
    }
    const string = /^(?:'[^'\\\n]*'|"[^"\\\n]*")/.exec(text.slice(i));
    if (string) {
      out.push({ kind: 'string', text: string[0] });
      i += string[0].length;
      continue;
    }
    if (text.startsWith('...', i)) {
      out.push({ kind: 'op', text: '...' });
      i += 3;
      continue;
    }
    if ('.[]:,-'.includes(c)) {
      out.push({ kind: 'op', text: c });
      i++;
      continue;
    }
    return c === '(' || c === ')' ? msg('it calls something (`(`)') : c === '=' ? msg('it assigns (`=`)') : msg('`{0}` is not a name, attribute or subscript', c);
  }
  return out;
}

/** Whether `text` may be evaluated in the debuggee; the trimmed text when it may, the reason when not. */
export function safeExpression(text: string): SafeExpression {
  const trimmed = text.trim();
  if (trimmed.length === 0) return { ok: false, reason: msg('it is empty') };
  if (trimmed.length > MAX_EXPRESSION_LENGTH) return { ok: false, reason: msg('it is longer than {0} characters', MAX_EXPRESSION_LENGTH) };
  if (/[\n\r;]/.test(trimmed)) return { ok: false, reason: msg('it is more than one expression') };
  const list = tokens(trimmed);
  if (typeof list === 'string') return { ok: false, reason: list };
  for (const token of list) {
    if (token.kind === 'name' && KEYWORDS.has(token.text)) return { ok: false, reason: msg('it uses the keyword `{0}`', token.text) };
  }
  const reason = checkGrammar(list);
  return reason ? { ok: false, reason } : { ok: true, text: trimmed };
}

/**
 * primary := NAME ('.' NAME | '[' items ']')*, where the first NAME is not a constant; items are
 * comma-separated subscripts, each a slice of (-)numbers / names / None, a string, `...` or a primary.
 */
function checkGrammar(list: readonly Token[]): string | undefined {
  let i = 0;
  const fail = () => msg('only names, attributes and subscripts are evaluated');
  const primary = (top: boolean): boolean => {
    const first = list[i];
    if (!first || first.kind !== 'name' || (top && CONSTANTS.has(first.text))) return false;
    i++;
    for (;;) {
      const op = list[i];
      if (op?.text === '.' && list[i + 1]?.kind === 'name') {
        i += 2;
        continue;
      }
      if (op?.text === '[') {
        i++;
        if (!items()) return false;
        if (list[i]?.text !== ']') return false;
        i++;
        continue;
      }
      return true;
    }
  };
  const atom = (): boolean => {
    const t = list[i];
    if (!t) return false;
    if (t.text === '-' && list[i + 1]?.kind === 'number') {
      i += 2;
      return true;
    }
    if (t.kind === 'number' || t.kind === 'string' || t.text === '...') {
      i++;
      return true;
    }
    if (t.kind === 'name' && CONSTANTS.has(t.text)) {
      i++;
      return true;
    }
    return t.kind === 'name' ? primary(false) : false;
  };
  const subscript = (): boolean => {
    // A slice: [atom] ':' [atom] [':' [atom]], or one atom.
    let parts = 0;
    if (list[i]?.text !== ':' && list[i]?.text !== ',' && list[i]?.text !== ']') {
      if (!atom()) return false;
      parts++;
    }
    for (let colons = 0; list[i]?.text === ':' && colons < 2; colons++) {
      i++;
      parts++;
      if (list[i]?.text !== ':' && list[i]?.text !== ',' && list[i]?.text !== ']' && !atom()) return false;
    }
    return parts > 0;
  };
  const items = (): boolean => {
    if (!subscript()) return false;
    while (list[i]?.text === ',') {
      i++;
      if (list[i]?.text === ']') return true;
      if (!subscript()) return false;
    }
    return true;
  };
  if (!primary(true) || i !== list.length) return fail();
  return undefined;
}
