import { END, isName, isOp, NAME, nameTokensSpelled, NEWLINE, NUMBER, OP, type PythonTokens, splitTopLevel, STRING, tokenAtOffset } from '../recognition';

/* Small readings of expressions over recognition's tokens: argument lists, dotted names, postfix chains. */

export interface Argument {
  /** Token range of the whole argument ([from, to)). */
  readonly from: number;
  readonly to: number;
  /** For `name=value`: the keyword and the value's first token. */
  readonly keyword?: string;
  readonly valueFrom: number;
}

export function text(tokens: PythonTokens, i: number): string {
  return tokens.text.slice(tokens.start[i]!, tokens.end[i]!);
}

export function rangeText(tokens: PythonTokens, from: number, to: number): string {
  return from < to ? tokens.text.slice(tokens.start[from]!, tokens.end[to - 1]!) : '';
}

/** Argument lists already read, per text and '(' token: several rules read each loss call's. */
const ARGUMENTS = new WeakMap<PythonTokens, Map<number, readonly Argument[]>>();

/** The arguments of the call whose '(' is token `open`. */
export function argumentsOf(tokens: PythonTokens, open: number): readonly Argument[] {
  let known = ARGUMENTS.get(tokens);
  if (!known) ARGUMENTS.set(tokens, (known = new Map()));
  let args = known.get(open);
  if (args) return args;
  const close = tokens.match[open]!;
  args = close <= open ? [] : splitTopLevel(tokens, open + 1, close).map(([from, to]) => {
    if (tokens.kind[from] === NAME && isOp(tokens, from + 1, '=') && from + 2 < to) return { from, to, keyword: text(tokens, from), valueFrom: from + 2 };
    return { from, to, valueFrom: from };
  });
  known.set(open, args);
  return args;
}

/** The argument at keyword `names` or, when none is given by keyword, at `position` (unless a `*args` precedes it). */
export function argumentAt(args: readonly Argument[], position: number, names: readonly string[]): Argument | undefined {
  const byName = args.find((a) => a.keyword !== undefined && names.includes(a.keyword));
  if (byName) return byName;
  const positional = args.filter((a) => a.keyword === undefined);
  return positional[position];
}

/** `a.b.c` when [from, to) is exactly a dotted name, else undefined. */
export function dottedName(tokens: PythonTokens, from: number, to: number): string | undefined {
  if (from >= to || tokens.kind[from] !== NAME || (to - from) % 2 === 0) return undefined;
  let name = text(tokens, from);
  for (let k = from + 1; k < to; k += 2) {
    if (!isOp(tokens, k, '.') || tokens.kind[k + 1] !== NAME) return undefined;
    name += '.' + text(tokens, k + 1);
  }
  return name;
}

/** Whether [from, to) is one postfix chain: an atom followed by calls, subscripts and attributes only. */
export function isPostfixChain(tokens: PythonTokens, from: number, to: number): boolean {
  let k = from;
  if (k >= to) return false;
  if (tokens.kind[k] === NAME || tokens.kind[k] === NUMBER || tokens.kind[k] === STRING) k++;
  else if (isOp(tokens, k, '(') || isOp(tokens, k, '[')) k = tokens.match[k]! + 1;
  else return false;
  if (tokens.kind[from] === NAME && KEYWORDS.has(text(tokens, from))) return false;
  while (k < to) {
    if (isOp(tokens, k, '.') && tokens.kind[k + 1] === NAME) k += 2;
    else if ((isOp(tokens, k, '(') || isOp(tokens, k, '[')) && tokens.match[k]! > k && tokens.match[k]! < to) k = tokens.match[k]! + 1;
    else return false;
  }
  return k === to;
}

const KEYWORDS = new Set(['not', 'lambda', 'await', 'yield', 'if', 'else', 'and', 'or', 'in', 'is', 'None', 'True', 'False']);

/** Index of the first top-level name token `word` in [from, to), or -1. */
export function topLevelWord(tokens: PythonTokens, from: number, to: number, word: string): number {
  for (let k = from; k < to; k++) {
    if (isName(tokens, k, word)) return k;
    const m = tokens.match[k]!;
    if (m > k && tokens.kind[k] === OP) k = m;
  }
  return -1;
}

/** The token index whose start is `offset`, or the first token after it (recognition's, shared). */
export { tokenAtOffset };

/** The logical line (head index) of token `t`. */
export function headOfToken(tokens: PythonTokens, t: number): number {
  let lo = 0;
  let hi = tokens.headCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tokens.heads[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The string literal's content for a plain (non-f, non-bytes) one-token string, else undefined. */
export function stringContent(tokens: PythonTokens, t: number): string | undefined {
  if (tokens.kind[t] !== STRING) return undefined;
  const m = /^([rRuU]?)('''|"""|'|")([\s\S]*)\2$/.exec(text(tokens, t));
  return m ? m[3] : undefined;
}

const OCCURRENCES = new WeakMap<PythonTokens, Map<string, readonly number[]>>();

/**
 * The NAME tokens spelled `name` (not in strings or comments, nor after a '.'), found once per text
 * and name, in recognition's name index of the text (spelledTokens.ts): the one the hover's reads
 * build and carry across edits, so a lint after a read indexes nothing again.
 */
export function nameTokens(tokens: PythonTokens, name: string): readonly number[] {
  let byName = OCCURRENCES.get(tokens);
  if (!byName) OCCURRENCES.set(tokens, (byName = new Map()));
  let found = byName.get(name);
  if (!found) byName.set(name, (found = name.length === 0 ? [] : attributeTokens(tokens, name).filter((k) => !isWordOrDot(tokens.text.charCodeAt(tokens.start[k]! - 1)))));
  return found;
}

/** Every NAME token spelled `name`, attributes (`model.compile`) included, in order (shared: not to be changed). */
export function attributeTokens(tokens: PythonTokens, name: string): readonly number[] {
  return nameTokensSpelled(tokens, [name]);
}

const DOTTED = new WeakMap<PythonTokens, Map<string, readonly number[]>>();

/** The NAME tokens spelled `name` right after a '.' (`self.prob`, `obj.method(`), found once per text and name. */
export function dottedTokens(tokens: PythonTokens, name: string): readonly number[] {
  let byName = DOTTED.get(tokens);
  if (!byName) DOTTED.set(tokens, (byName = new Map()));
  let found = byName.get(name);
  if (!found) byName.set(name, (found = attributeTokens(tokens, name).filter((k) => isOp(tokens, k - 1, '.'))));
  return found;
}

/** ASCII word characters, as the RegExp class \w has them (NaN past the end is none). */
function isWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isWordOrDot(c: number): boolean {
  return c === 46 || isWord(c);
}

/** The text of the one-line statement at logical line `head`, with its line break (undefined when it spans lines). */
export function statementLine(t: PythonTokens, head: number): { start: number; end: number } | undefined {
  const first = t.heads[head]!;
  const next = head + 1 < t.headCount ? t.heads[head + 1]! : t.count;
  const startOffset = t.text.lastIndexOf('\n', t.start[first]! - 1) + 1;
  let endOffset = t.text.indexOf('\n', t.start[first]!);
  if (endOffset < 0) endOffset = t.text.length;
  else endOffset += 1;
  // One physical line only: the statement's tokens all end before the line break.
  if (t.end[next - 1]! > endOffset && next - 1 > first && t.start[next - 1]! < endOffset) return undefined;
  for (let k = first; k < next; k++) if (t.start[k]! >= endOffset && t.kind[k] !== NEWLINE && t.kind[k] !== END) return undefined;
  return { start: startOffset, end: endOffset };
}
