import { STRING, type PythonTokens } from '../recognition';
import type { LintEdit } from './findings';
import { tokenAtOffset } from './syntax';

/*
 * Suppression comments, read from comments only (a `#` inside a string is not one):
 *   `# noqa: loss-lens`                        every rule on its line
 *   `# loss-lens: ignore` / `ignore[a, b]`     every rule / the rules named, on its line
 *   `# loss-lens: ignore-file` / `[a, b]`      every rule / the rules named, in the whole file
 * The lint reports a suppression that silences nothing (unused-suppression), and offers the edit
 * that adds one for a finding ("Ignore this rule on this line").
 */

export interface Suppression {
  /** Offsets of the directive (`noqa: loss-lens`, `loss-lens: ignore[a]`) in the text. */
  readonly start: number;
  readonly end: number;
  /** The comment's `#` and the end of its line. */
  readonly commentStart: number;
  readonly lineEnd: number;
  /** The line's start offset (line suppressions match findings starting on that line). */
  readonly lineStart: number;
  readonly file: boolean;
  /** The rule ids named in brackets, with their offsets; undefined: every rule. */
  readonly names?: readonly { readonly name: string; readonly start: number; readonly end: number }[];
  /** Offsets of the bracket list `[a, b]`, when there is one. */
  readonly list?: { readonly start: number; readonly end: number };
}

const NOQA = /\bnoqa\s*:\s*[^#\n]*?\bloss-lens\b/;
const IGNORE = /\bloss-lens\s*:\s*(ignore-file|ignore)(?![\w-])(?:\[([^\]\n]*)\])?/;

/** Every suppression comment in `text` from offset `from` on. */
export function readSuppressions(tokens: PythonTokens, from = 0): Suppression[] {
  const text = tokens.text;
  const found: Suppression[] = [];
  let lastLine = -1;
  for (let at = text.indexOf('loss-lens', from); at >= 0; at = text.indexOf('loss-lens', at + 9)) {
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (lineStart === lastLine) continue;
    const comment = commentStartOn(tokens, lineStart, at);
    if (comment < 0) continue;
    lastLine = lineStart;
    let lineEnd = text.indexOf('\n', comment);
    if (lineEnd < 0) lineEnd = text.length;
    const body = text.slice(comment, lineEnd);
    const ignore = IGNORE.exec(body);
    if (ignore) {
      const start = comment + ignore.index;
      let names: { name: string; start: number; end: number }[] | undefined;
      let list: { start: number; end: number } | undefined;
      if (ignore[2] !== undefined) {
        const open = start + ignore[0].indexOf('[');
        list = { start: open, end: start + ignore[0].length };
        names = [];
        for (const m of ignore[2].matchAll(/[^,\s]+/g)) names.push({ name: m[0], start: open + 1 + m.index!, end: open + 1 + m.index! + m[0].length });
      }
      found.push({ start, end: start + ignore[0].length, commentStart: comment, lineEnd, lineStart, file: ignore[1] === 'ignore-file', names, list });
      continue;
    }
    const noqa = NOQA.exec(body);
    if (noqa) found.push({ start: comment + noqa.index, end: comment + noqa.index + noqa[0].length, commentStart: comment, lineEnd, lineStart, file: false });
  }
  return found;
}

/** The offset of the comment's `#` on the line, when `at` is inside a comment; else -1. */
function commentStartOn(tokens: PythonTokens, lineStart: number, at: number): number {
  const text = tokens.text;
  for (let hash = text.indexOf('#', lineStart); hash >= 0 && hash < at; hash = text.indexOf('#', hash + 1)) {
    if (!insideString(tokens, hash)) return insideString(tokens, at) ? -1 : hash;
  }
  return -1;
}

function insideString(tokens: PythonTokens, offset: number): boolean {
  const k = tokenAtOffset(tokens, offset);
  for (const i of [k - 1, k]) if (i >= 0 && i < tokens.count && tokens.kind[i] === STRING && tokens.start[i]! <= offset && offset < tokens.end[i]!) return true;
  return false;
}

/** Whether `suppression` covers `rule` (named or all). */
export function covers(suppression: Suppression, rule: string): boolean {
  return suppression.names === undefined || suppression.names.some((n) => n.name === rule);
}

/**
 * The edit that silences `rule` on the line of `offset`: a rule added to the line's
 * `# loss-lens: ignore[...]`, or `  # loss-lens: ignore[rule]` after the line's code. Undefined when
 * the line ends inside a string or continues with a backslash.
 */
export function ignoreOnLineEdit(tokens: PythonTokens, offset: number, rule: string): LintEdit | undefined {
  const text = tokens.text;
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const existing = readSuppressions(tokens, lineStart).find((s) => s.lineStart === lineStart && !s.file);
  if (existing) {
    if (!existing.list) return undefined;
    const inside = text.slice(existing.list.start + 1, existing.list.end - 1).trim();
    return { start: existing.list.start, end: existing.list.end, newText: `[${inside ? `${inside}, ` : ''}${rule}]` };
  }
  let end = lineEnd;
  while (end > lineStart && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (end === lineStart || text[end - 1] === '\\' || insideString(tokens, end - 1) || insideString(tokens, lineEnd)) return undefined;
  return { start: end, end: lineEnd, newText: `  # loss-lens: ignore[${rule}]` };
}

/**
 * The edit that removes an unused suppression: the whole comment when it holds nothing else, or the
 * names in `unused` from its bracket list. Undefined for a `noqa` comment that names other tools too.
 */
export function removeSuppressionEdit(text: string, suppression: Suppression, unused: readonly string[]): LintEdit | undefined {
  if (suppression.names && unused.length < suppression.names.length && suppression.list) {
    const kept = suppression.names.filter((n) => !unused.includes(n.name)).map((n) => n.name);
    return { start: suppression.list.start, end: suppression.list.end, newText: `[${kept.join(', ')}]` };
  }
  const comment = text.slice(suppression.commentStart, suppression.lineEnd).replace(/\r$/, '');
  const directive = text.slice(suppression.start, suppression.end);
  if (comment.replace(/^#\s*/, '').trim() !== directive) return undefined;
  if (directive.startsWith('noqa') && !/^noqa\s*:\s*loss-lens$/.test(directive)) return undefined;
  let start = suppression.commentStart;
  while (start > suppression.lineStart && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  const end = suppression.commentStart + comment.length;
  // A comment alone on its line goes with its line.
  if (start === suppression.lineStart) return { start, end: Math.min(text.length, end + 1 + (text[end] === '\r' ? 1 : 0)), newText: '' };
  return { start, end, newText: '' };
}
