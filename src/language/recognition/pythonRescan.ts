import { handOver, type ReadPart } from './tokenHandover';
import { spelledAfterEdit } from './spelledTokens';
import { mentionsAfterEdit } from './textMentions';
import { Tokens } from './tokenOffsets';
import { linesAfterEdit } from './tokenLines';
import { lastHeadAtOrBefore, NEWLINE, scanFrom, scanPython, type PythonTokens } from './pythonScanner';

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
  /** Where the restart token started in the previous version (the edit may begin right at it). */
  readonly restartOffset: number;
  readonly oldEndToken: number;
  readonly newEndToken: number;
  readonly delta: number;
}

/**
 * The tokens of `text`, re-read from `previous` (see above); `edited` receives what changed when it
 * was read that way, while `previous`'s arrays are still its own (they are handed over to the
 * result: see tokenHandover.ts; `previous` stays correct, but reading it afterwards costs a copy).
 */
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
    if (previous.startAt(token - 1) < previous.startAt(token) && previous.kind[token - 1] === NEWLINE) break;
    restartHead--;
  }
  if (restartHead <= 0) return withLines(previous, scanPython(text), prefix, oldLength - suffix, changeEnd);
  const restartToken = previous.heads[restartHead]!;
  const from = previous.startAt(restartToken);

  // Resynchronize at a head whose whole line is in the suffix and that was a head before too.
  let syncHead = -1;
  const stop = (headStart: number, indent: number): boolean => {
    const lineBreak = headStart - indent - 1;
    if (lineBreak < changeEnd) return false;
    const code = text.charCodeAt(lineBreak);
    if (code !== 10 && code !== 13) return false;
    const oldHead = lastHeadAtOrBefore(previous, headStart - delta);
    if (oldHead < 0 || previous.startAt(previous.heads[oldHead]!) !== headStart - delta) return false;
    syncHead = oldHead;
    return true;
  };
  const part = scanFrom(text, from, restartToken, stop);
  if (!part.stopped) syncHead = -1;

  const syncToken = syncHead < 0 ? previous.count : previous.heads[syncHead]!;
  const partEnd = restartToken + part.count;
  const oldEndHead = syncHead < 0 ? previous.headCount : syncHead;
  const read: ReadPart = { at: restartToken, oldEnd: syncToken, headAt: restartHead, oldEndHead, delta, part };
  // Told before `previous` hands its arrays over: the receiver may still read them as they were.
  const edit: TokenEdit | undefined = syncHead < 0 ? undefined : { restartHead, oldEndHead: syncHead, newEndHead: restartHead + part.headCount, restartToken, restartOffset: from, oldEndToken: syncToken, newEndToken: partEnd, delta };
  if (edit) edited?.(edit);
  const next = handOver(previous, text, read) ?? copied(previous, text, read);
  if (edit) spelledAfterEdit(previous, next, edit);
  return withLines(previous, next, prefix, oldLength - suffix, changeEnd);
}

/** The tokens after the edit in new arrays (when `previous` already handed its own over to another version). */
function copied(previous: PythonTokens, text: string, read: ReadPart): PythonTokens {
  const { at, oldEnd, headAt, oldEndHead, delta, part } = read;
  const count = previous.count + part.count - (oldEnd - at);
  const tokenDelta = count - previous.count;
  const headCount = previous.headCount + part.headCount - (oldEndHead - headAt);
  return new Tokens(text, {
    count,
    kind: splicedKinds(count, previous.kind, part.kind, at, part.count, oldEnd),
    start: spliced(count, previous.start, part.start, at, part.count, oldEnd, delta),
    end: spliced(count, previous.end, part.end, at, part.count, oldEnd, delta),
    match: spliced(count, previous.match, part.match, at, part.count, oldEnd, tokenDelta, true),
    heads: spliced(headCount, previous.heads, part.heads, headAt, part.headCount, oldEndHead, tokenDelta),
    headIndent: spliced(headCount, previous.headIndent, part.headIndent, headAt, part.headCount, oldEndHead, 0),
    headCount,
  });
}

/** `next`, whose line starts and text searches will be derived from `previous`'s (see tokenLines.ts, textMentions.ts). */
function withLines(previous: PythonTokens, next: PythonTokens, prefix: number, oldChangeEnd: number, newChangeEnd: number): PythonTokens {
  linesAfterEdit(previous, next, prefix, oldChangeEnd, newChangeEnd);
  mentionsAfterEdit(previous, next, prefix, oldChangeEnd, newChangeEnd);
  return next;
}

/** `old`'s kinds before `at`, `part`'s first `length`, then `old`'s from `resume` on. */
function splicedKinds(count: number, old: Uint8Array, part: Uint8Array, at: number, length: number, resume: number): Uint8Array {
  const into = new Uint8Array(count);
  into.set(old.subarray(0, at));
  into.set(part.subarray(0, length), at);
  into.set(old.subarray(resume, resume + count - at - length), at + length);
  return into;
}

/**
 * `old`'s values before `at`, `part`'s first `length` values, then `old`'s values from `resume` on
 * with `shift` added (to the non-negative ones only when `keepNegative`: a -1 stays). Int32 only,
 * so the loop over the moved values stays monomorphic (it is most of an edit's cost in a large file).
 */
function spliced(count: number, old: Int32Array, part: Int32Array, at: number, length: number, resume: number, shift: number, keepNegative = false): Int32Array {
  const into = new Int32Array(count);
  into.set(old.subarray(0, at));
  into.set(part.subarray(0, length), at);
  const to = at + length;
  if (shift === 0) into.set(old.subarray(resume, resume + count - to), to);
  else if (keepNegative) {
    for (let k = to, from = resume; k < count; k++, from++) {
      const value = old[from]!;
      into[k] = value >= 0 ? value + shift : value;
    }
  } else {
    for (let k = to, from = resume; k < count; k++, from++) into[k] = old[from]! + shift;
  }
  return into;
}
