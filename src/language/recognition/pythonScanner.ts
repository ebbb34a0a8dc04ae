import { Tokens, type PythonTokens, type TokenColumns } from './tokenOffsets';

export type { PythonTokens, TokenColumns } from './tokenOffsets';

/*
 * A tolerant Python tokenizer for recognition (not a validator). It keeps only what call finding
 * needs: names, numbers, strings (one opaque token each, so nothing inside a string, f-string or
 * docstring is ever claimed), operators, logical line ends, and for every bracket its partner.
 * Comments vanish. Half-typed code must not swallow the rest of the file into one bracketed line:
 * a statement keyword at the start of a physical line inside brackets closes them (see HEALING).
 * Tokens live in parallel typed arrays because a 200,000-line file has millions of them.
 */

export const NAME = 1;
export const NUMBER = 2;
export const STRING = 3;
export const OP = 4;
/** End of a logical line (also emitted when brackets are healed). */
export const NEWLINE = 5;
export const END = 6;

/**
 * HEALING: statement-only keywords that cannot appear inside brackets. Seeing one first on a
 * physical line while brackets are open means the brackets were left unclosed (half-typed code).
 * Expression keywords (if, else, for, in, lambda, not, ...) are deliberately absent.
 */
const STATEMENT_KEYWORDS = new Set([
  'def', 'class', 'import', 'from', 'return', 'while', 'with', 'try', 'except', 'finally', 'elif',
  'pass', 'break', 'continue', 'raise', 'global', 'nonlocal', 'del', 'assert',
]);

const THREE_CHAR_OPS = new Set(['**=', '//=', '>>=', '<<=', '...']);
const TWO_CHAR_OPS = new Set(['**', '//', '==', '!=', '<=', '>=', '->', ':=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=', '<<', '>>']);
/** Characters that can start a multi-character operator. */
const MULTI_CHAR_START = new Set([...THREE_CHAR_OPS, ...TWO_CHAR_OPS].map((op) => op.charCodeAt(0)));

const MAX_FSTRING_NESTING = 4;

export function scanPython(text: string): PythonTokens {
  return new Tokens(text, scanFrom(text, 0, 0, undefined));
}

/**
 * A scan of `text` from `from`, which must be the first token of a logical line that follows a
 * physical line break (or 0): the scanner's state there is always the same (no bracket open, at
 * a logical line's start), so the tokens from there on do not depend on the text before. Token
 * indices (and `match`) are numbered from `tokenBase`. With `stop`, the scan ends just before the
 * first logical line whose first token and indentation `stop` accepts (that head is not included,
 * and no final NEWLINE/END is added): see rescanPython.
 */
export function scanFrom(text: string, from: number, tokenBase: number, stop: ((headStart: number, indent: number) => boolean) | undefined): TokenColumns & { readonly stopped: boolean } {
  const n = text.length;
  let capacity = Math.max(64, ((stop ? Math.min(n - from, 4096) : n - from) >> 2) + 16);
  let kind = new Uint8Array(capacity);
  let start = new Int32Array(capacity);
  let end = new Int32Array(capacity);
  let match = new Int32Array(capacity);
  let headCapacity = Math.max(16, ((stop ? Math.min(n - from, 4096) : n - from) >> 5) + 16);
  let heads = new Int32Array(headCapacity);
  let headIndent = new Int32Array(headCapacity);
  let count = 0;
  let headCount = 0;
  const open: number[] = [];
  let atLogicalStart = true;
  let firstOnPhysicalLine = true;
  let stopped = false;

  const grow = () => {
    capacity *= 2;
    const k = new Uint8Array(capacity); k.set(kind); kind = k;
    const s = new Int32Array(capacity); s.set(start); start = s;
    const e = new Int32Array(capacity); e.set(end); end = e;
    const m = new Int32Array(capacity); m.set(match); match = m;
  };
  const push = (k: number, s: number, e: number): number => {
    if (count === capacity) grow();
    if (atLogicalStart && k !== NEWLINE && k !== END) {
      if (headCount === headCapacity) {
        headCapacity *= 2;
        const h = new Int32Array(headCapacity); h.set(heads); heads = h;
        const hi = new Int32Array(headCapacity); hi.set(headIndent); headIndent = hi;
      }
      const indent = indentBefore(text, s);
      if (stop !== undefined && stop(s, indent)) stopped = true;
      heads[headCount] = count + tokenBase;
      headIndent[headCount++] = indent;
      atLogicalStart = false;
    }
    kind[count] = k; start[count] = s; end[count] = e; match[count] = -1;
    firstOnPhysicalLine = false;
    return count++;
  };
  /** Ends the logical line; brackets still open are closed by it. */
  const endLine = (at: number, k: number) => {
    const index = push(k, at, at);
    while (open.length > 0) match[open.pop()! - tokenBase] = index + tokenBase;
    atLogicalStart = true;
  };

  let i = from;
  while (i < n && !stopped) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      // \r\n, \n and a lone \r all end a physical line.
      if (open.length === 0 && !atLogicalStart) endLine(i, NEWLINE);
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      firstOnPhysicalLine = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 12) { i++; continue; }
    if (c === 35 /* # */) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      continue;
    }
    if (c === 92 /* \ */ && (text.charCodeAt(i + 1) === 10 || text.charCodeAt(i + 1) === 13)) {
      // Line continuation: the logical line goes on.
      i += text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10 ? 3 : 2;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNamePart(text.charCodeAt(j))) j++;
      const q = text.charCodeAt(j);
      if ((q === 34 || q === 39) && j - i <= 2 && isStringPrefix(text, i, j)) {
        const fString = /[fFtT]/.test(text.slice(i, j));
        const stop = skipString(text, j, fString, 0);
        push(STRING, i, stop);
        i = stop;
        continue;
      }
      if (open.length > 0 && firstOnPhysicalLine && STATEMENT_KEYWORDS.has(text.slice(i, j))) {
        endLine(i, NEWLINE);
      }
      push(NAME, i, j);
      i = j;
      continue;
    }
    if (c === 34 || c === 39) {
      const stop = skipString(text, i, false, 0);
      push(STRING, i, stop);
      i = stop;
      continue;
    }
    if ((c >= 48 && c <= 57) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isNamePart(d) || d === 46) j++;
        else if ((d === 43 || d === 45) && (text.charCodeAt(j - 1) | 32) === 101 /* e */ && !/^0[xX]/.test(text.slice(i, i + 2))) j++;
        else break;
      }
      push(NUMBER, i, j);
      i = j;
      continue;
    }
    // Operators and brackets.
    if (c === 40 || c === 91 || c === 123) {
      open.push(push(OP, i, i + 1) + tokenBase);
      i++;
      continue;
    }
    if (c === 41 || c === 93 || c === 125) {
      const index = push(OP, i, i + 1);
      if (open.length > 0) {
        const opener = open.pop()!;
        match[opener - tokenBase] = index + tokenBase;
        match[index] = opener;
      }
      i++;
      continue;
    }
    if (c === 64 /* @ */ && open.length > 0 && firstOnPhysicalLine && indentBefore(text, i) === 0) {
      endLine(i, NEWLINE); // a decorator at column 0 inside brackets: they were left open
    }
    const width = operatorWidth(text, i, c);
    push(OP, i, i + width);
    i += width;
  }
  if (stopped) return { count: count - 1, kind, start, end, match, heads, headIndent, headCount: headCount - 1, stopped };
  if (!atLogicalStart) endLine(n, NEWLINE);
  endLine(n, END);
  return { count, kind, start, end, match, heads, headIndent, headCount, stopped };
}

/** Length of the operator at `i` (first char `c`): 1 unless it starts one of the multi-character operators. */
function operatorWidth(text: string, i: number, c: number): number {
  if (!MULTI_CHAR_START.has(c)) return 1;
  const second = text.charCodeAt(i + 1);
  if (second !== 61 /* = */ && second !== c && second !== 62 /* > */) return 1; // every multi-char op has '=', a doubled char or '->'
  const three = text.slice(i, i + 3);
  return THREE_CHAR_OPS.has(three) ? 3 : TWO_CHAR_OPS.has(three.slice(0, 2)) ? 2 : 1;
}

/** Offset just past the string literal whose opening quote is at `quoteAt`. */
function skipString(text: string, quoteAt: number, fString: boolean, nesting: number): number {
  const n = text.length;
  const q = text.charCodeAt(quoteAt);
  const triple = text.charCodeAt(quoteAt + 1) === q && text.charCodeAt(quoteAt + 2) === q;
  let i = quoteAt + (triple ? 3 : 1);
  let braces = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) { i += 2; continue; }
    if (!triple && (c === 10 || c === 13)) return i; // unterminated: Python ends it at the line
    if (fString && nesting < MAX_FSTRING_NESTING) {
      if (c === 123 /* { */) {
        if (braces === 0 && text.charCodeAt(i + 1) === 123) { i += 2; continue; }
        braces++; i++; continue;
      }
      if (c === 125 /* } */ && braces > 0) { braces--; i++; continue; }
      if (braces > 0 && (c === 34 || c === 39)) {
        // A string inside a replacement field (Python 3.12 allows the same quote).
        i = skipString(text, i, isFStringPrefixBefore(text, i), nesting + 1);
        continue;
      }
    }
    if (c === q && (!triple || (text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q))) {
      return i + (triple ? 3 : 1);
    }
    i++;
  }
  return n;
}

function isFStringPrefixBefore(text: string, quoteAt: number): boolean {
  const p = text.charCodeAt(quoteAt - 1) | 32;
  return p === 102 /* f */ || (isStringPrefixChar(p) && (text.charCodeAt(quoteAt - 2) | 32) === 102);
}

function isStringPrefix(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isStringPrefixChar(text.charCodeAt(k) | 32)) return false;
  return true;
}

function isStringPrefixChar(lower: number): boolean {
  return lower === 114 /* r */ || lower === 98 /* b */ || lower === 117 /* u */ || lower === 102 /* f */ || lower === 116 /* t */;
}

function indentBefore(text: string, offset: number): number {
  let k = offset;
  while (k > 0) {
    const c = text.charCodeAt(k - 1);
    if (c === 10 || c === 13) break;
    k--;
  }
  return offset - k;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 128 && c !== 0xa0 && c !== 0xfeff && !(c >= 0x2000 && c <= 0x200b) && c !== 0x3000);
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

/** The text of token `i`. */
export function tokenText(tokens: PythonTokens, i: number): string {
  return tokens.text.slice(tokens.startAt(i), tokens.endAt(i));
}

/** Token index of the bracket that encloses token `k` on its logical line, or -1. */
export function enclosingOpen(tokens: PythonTokens, k: number): number {
  for (let j = k - 1, steps = 0; j >= 0 && steps < 10_000; j--, steps++) {
    const kind = tokens.kind[j];
    if (kind === NEWLINE || kind === END) return -1;
    const m = tokens.match[j]!;
    if (m >= 0 && m < j) { j = m; continue; } // a closed bracket: skip to its opener
    if (m > k && (isOp(tokens, j, '(') || isOp(tokens, j, '[') || isOp(tokens, j, '{'))) return j;
  }
  return -1;
}

/** Whether token `i` is the operator `op`. Compares char codes: no substring is created. */
export function isOp(tokens: PythonTokens, i: number, op: string): boolean {
  return i >= 0 && i < tokens.count && tokens.kind[i] === OP && sameText(tokens, i, op);
}

/** Whether token `k` is a keyword argument's name in a call (`f(train=True)`, `g(x, loss_fn=...)`), not a use of that name. */
export function isKeywordArgumentName(tokens: PythonTokens, k: number): boolean {
  return isOp(tokens, k + 1, '=') && (isOp(tokens, k - 1, '(') || isOp(tokens, k - 1, ','));
}

/** Whether token `i` is the name `name`. */
export function isName(tokens: PythonTokens, i: number, name: string): boolean {
  return i >= 0 && i < tokens.count && tokens.kind[i] === NAME && sameText(tokens, i, name);
}

function sameText(tokens: PythonTokens, i: number, expected: string): boolean {
  const start = tokens.startAt(i);
  if (tokens.endAt(i) - start !== expected.length) return false;
  const text = tokens.text;
  for (let k = 0; k < expected.length; k++) if (text.charCodeAt(start + k) !== expected.charCodeAt(k)) return false;
  return true;
}

/** Offsets of the start of each line (after \n, \r\n or a lone \r), for 0-based line numbers. */
export function lineStarts(text: string): Int32Array {
  const starts: number[] = [0];
  if (text.indexOf('\r') < 0) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  } else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
  }
  return Int32Array.from(starts);
}

/** The 0-based line of `offset`, by binary search over `starts`. */
export function lineOf(starts: Int32Array, offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The first token starting at or after `offset` (tokens.count - 1, the END, when none does). */
export function tokenAtOffset(tokens: PythonTokens, offset: number): number {
  let lo = 0;
  let hi = tokens.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.startAt(mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The logical line (head index) holding token `k`, or -1 (before the first line). */
export function headOfToken(tokens: PythonTokens, k: number): number {
  let lo = 0;
  let hi = tokens.headCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.heads[mid]! <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Index of the last head whose first token starts at or before `offset`, or -1. With `near` (a head
 * found before), the search gallops out from there first: lookups close to the last one (a mouse
 * moving over a few lines) then touch only nearby entries of the head and offset arrays, so they cost
 * about the same in a 2,000-line file and a 200,000-line one.
 */
export function lastHeadAtOrBefore(tokens: PythonTokens, offset: number, near = -1): number {
  const startOf = (head: number) => tokens.startAt(tokens.heads[head]!);
  let lo = 0;
  let hi = tokens.headCount - 1;
  if (hi < 0 || startOf(0) > offset) return -1;
  if (near >= 0 && near <= hi) {
    let step = 1;
    if (startOf(near) <= offset) {
      lo = near;
      while (lo + step <= hi && startOf(lo + step) <= offset) {
        lo += step;
        step *= 2;
      }
      hi = Math.min(hi, lo + step - 1);
    } else {
      let after = near; // starts after `offset`
      while (after - step > 0 && startOf(after - step) > offset) {
        after -= step;
        step *= 2;
      }
      lo = Math.max(0, after - step);
      hi = after - 1;
    }
  }
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (startOf(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
