import { NEWLINE, scanFrom, scanPython, type PythonTokens } from './pythonScanner';

/*
 * Re-tokenizing after an edit: the tokens of `text` equal scanPython(text), computed from the
 * previous version's tokens. Only the text between the common prefix and suffix of the two versions
 * changed; the scan restarts at the last logical line starting (after a physical line break) at or
 * before the change, and stops at the first logical line after the change whose line (break and
 * indentation included) lies in the unchanged suffix and that also started a logical line in the
 * previous version. From there the previous tokens are reused, shifted. At a logical line's start
 * the scanner's state is always the same, so the result is exactly a full scan's (an unclosed
 * string or bracket simply makes the partial scan run further, up to the end of the file).
 */

const CHUNK = 1 << 14;

/**
 * What changed between two versions' tokens, when the second was re-read from the first: the
 * logical lines [restartHead, oldEndHead) of the previous version became [restartHead, newEndHead),
 * the tokens [restartToken, oldEndToken) became [restartToken, newEndToken), and everything after
 * moved by `delta` characters. Lines and tokens before the restart are unchanged.
 */
export interface TokenEdit {
  readonly restartHead: number;
  readonly oldEndHead: number;
  readonly newEndHead: number;
  readonly restartToken: number;
  readonly oldEndToken: number;
  readonly newEndToken: number;
  readonly delta: number;
}

/** The tokens of `text`, re-read from `previous` (see above); `edited` receives what changed when it was read that way. */
export function rescanPython(previous: PythonTokens | undefined, text: string, edited?: (edit: TokenEdit) => void): PythonTokens {
  if (previous === undefined) return scanPython(text);
  const old = previous.text;
  if (old === text) return previous;
  const oldLength = old.length;
  const newLength = text.length;
  const limit = Math.min(oldLength, newLength);
  // Whole chunks compared as strings first (a memory comparison), then characters.
  let prefix = 0;
  for (let chunk = CHUNK; prefix + chunk <= limit;) {
    if (old.slice(prefix, prefix + chunk) === text.slice(prefix, prefix + chunk)) prefix += chunk;
    else if (chunk > 64) chunk >>= 2;
    else break;
  }
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  for (let chunk = CHUNK; suffix + chunk <= limit - prefix;) {
    if (old.slice(oldLength - suffix - chunk, oldLength - suffix) === text.slice(newLength - suffix - chunk, newLength - suffix)) suffix += chunk;
    else if (chunk > 64) chunk >>= 2;
    else break;
  }
  while (suffix < limit - prefix && old.charCodeAt(oldLength - 1 - suffix) === text.charCodeAt(newLength - 1 - suffix)) suffix++;
  const delta = newLength - oldLength;
  const changeEnd = newLength - suffix;

  // The restart: the last head starting at or before the change that follows a physical line break
  // (not one where healing closed brackets, whose NEWLINE sits at the head itself).
  let restartHead = lastHeadAtOrBefore(previous, prefix);
  while (restartHead > 0) {
    const token = previous.heads[restartHead]!;
    if (previous.start[token - 1]! < previous.start[token]! && previous.kind[token - 1] === NEWLINE) break;
    restartHead--;
  }
  if (restartHead <= 0) return scanPython(text);
  const restartToken = previous.heads[restartHead]!;
  const from = previous.start[restartToken]!;

  // Resynchronize at a head whose whole line is in the suffix and that was a head before too.
  let syncHead = -1;
  const stop = (headStart: number, indent: number): boolean => {
    const lineBreak = headStart - indent - 1;
    if (lineBreak < changeEnd) return false;
    const code = text.charCodeAt(lineBreak);
    if (code !== 10 && code !== 13) return false;
    const oldHead = lastHeadAtOrBefore(previous, headStart - delta);
    if (oldHead < 0 || previous.start[previous.heads[oldHead]!] !== headStart - delta) return false;
    syncHead = oldHead;
    return true;
  };
  const part = scanFrom(text, from, restartToken, stop);
  if (!part.stopped) syncHead = -1;

  const syncToken = syncHead < 0 ? previous.count : previous.heads[syncHead]!;
  const tail = previous.count - syncToken;
  const count = restartToken + part.count + tail;
  const kind = new Uint8Array(count);
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const match = new Int32Array(count);
  kind.set(previous.kind.subarray(0, restartToken));
  start.set(previous.start.subarray(0, restartToken));
  end.set(previous.end.subarray(0, restartToken));
  match.set(previous.match.subarray(0, restartToken));
  kind.set(part.kind.subarray(0, part.count), restartToken);
  start.set(part.start.subarray(0, part.count), restartToken);
  end.set(part.end.subarray(0, part.count), restartToken);
  match.set(part.match.subarray(0, part.count), restartToken);
  const tokenDelta = restartToken + part.count - syncToken;
  kind.set(previous.kind.subarray(syncToken, previous.count), restartToken + part.count);
  for (let k = syncToken, to = restartToken + part.count; k < previous.count; k++, to++) {
    start[to] = previous.start[k]! + delta;
    end[to] = previous.end[k]! + delta;
    const m = previous.match[k]!;
    match[to] = m >= 0 ? m + tokenDelta : m;
  }

  const tailHeads = syncHead < 0 ? 0 : previous.headCount - syncHead;
  const headCount = restartHead + part.headCount + tailHeads;
  const heads = new Int32Array(headCount);
  const headIndent = new Int32Array(headCount);
  heads.set(previous.heads.subarray(0, restartHead));
  headIndent.set(previous.headIndent.subarray(0, restartHead));
  heads.set(part.heads.subarray(0, part.headCount), restartHead);
  headIndent.set(part.headIndent.subarray(0, part.headCount), restartHead);
  if (syncHead >= 0) {
    headIndent.set(previous.headIndent.subarray(syncHead, previous.headCount), restartHead + part.headCount);
    for (let h = syncHead, to = restartHead + part.headCount; h < previous.headCount; h++, to++) heads[to] = previous.heads[h]! + tokenDelta;
  }
  if (syncHead >= 0) {
    edited?.({ restartHead, oldEndHead: syncHead, newEndHead: restartHead + part.headCount, restartToken, oldEndToken: syncToken, newEndToken: restartToken + part.count, delta });
  }
  return { text, count, kind, start, end, match, heads, headIndent, headCount };
}

/** Index of the last head whose first token starts at or before `offset`, or -1. */
function lastHeadAtOrBefore(tokens: PythonTokens, offset: number): number {
  let lo = 0;
  let hi = tokens.headCount - 1;
  if (hi < 0 || tokens.start[tokens.heads[0]!]! > offset) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tokens.start[tokens.heads[mid]!]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
