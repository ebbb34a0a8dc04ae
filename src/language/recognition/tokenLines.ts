import { lineStarts, type PythonTokens } from './pythonScanner';
import { MAX_RANGES, settled, shiftAfterEdit, type PendingShift } from './tokenOffsets';

/*
 * The line starts of a version's text, computed once per version. A version re-read after an edit
 * (rescanPython) takes them from the previous version's when those were computed: the starts before
 * the edit are kept, those in the edited text found again, those after it moved by the edit. As for
 * token offsets (tokenOffsets.ts), the move is not added to every later line: the starts are stored
 * with what to add still pending, by ranges of lines, and an edit that leaves the stored values as
 * they were (typing within a line) shares the previous version's array. Only an edit that adds or
 * removes lines copies the array (a memory copy, no add per line). lineOfOffset reads them lazily;
 * lineStartsOf gives the moved values. Either equals lineStarts(text).
 */

/** A version's line starts: stored values plus what is pending on them (see above). Never written to once built. */
class LineStarts {
  constructor(readonly stored: Int32Array, readonly pending: PendingShift | undefined) {}

  get count(): number {
    return this.stored.length;
  }

  at(line: number): number {
    return this.pending === undefined ? this.stored[line]! : this.stored[line]! + this.pending.at(line);
  }

  /** The first line whose start is at least `offset` (count when none is). */
  firstAtLeast(offset: number): number {
    let lo = 0;
    let hi = this.stored.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.at(mid) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  moved(): Int32Array {
    if (this.pending === undefined) return this.stored;
    const values = this.stored.slice();
    settled(values, this.pending, values.length);
    return values;
  }
}

const computed = new WeakMap<PythonTokens, LineStarts | (() => LineStarts)>();
const movedStarts = new WeakMap<PythonTokens, Int32Array>();

function startsOf(tokens: PythonTokens): LineStarts {
  const known = computed.get(tokens);
  if (known instanceof LineStarts) return known;
  const starts = known ? known() : new LineStarts(lineStarts(tokens.text), undefined);
  computed.set(tokens, starts);
  return starts;
}

/** Offsets of the start of each line of `tokens.text` (see lineStarts). */
export function lineStartsOf(tokens: PythonTokens): Int32Array {
  let starts = movedStarts.get(tokens);
  if (starts === undefined) movedStarts.set(tokens, (starts = startsOf(tokens).moved()));
  return starts;
}

/** The 0-based line of `offset` in `tokens.text` (lineOf(lineStartsOf(tokens), offset), without moving every line's start). */
export function lineOfOffset(tokens: PythonTokens, offset: number): number {
  const starts = startsOf(tokens);
  let lo = 0;
  let hi = starts.count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts.at(mid) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Records that `next` is `previous` with old text [prefix, oldChangeEnd) replaced by new text
 * [prefix, newChangeEnd): its line starts will be derived from `previous`'s if those are known or derivable.
 */
export function linesAfterEdit(previous: PythonTokens, next: PythonTokens, prefix: number, oldChangeEnd: number, newChangeEnd: number): void {
  if (!computed.has(previous)) return;
  // A previous version whose starts were never asked for is itself derived from its predecessor's:
  // derive them now (no walk over the lines), so the chain of derivations never breaks into a full
  // search and no version keeps an older one's text alive.
  const old = startsOf(previous);
  computed.set(next, () => startsAfterEdit(old, next.text, prefix, oldChangeEnd, newChangeEnd));
}

function startsAfterEdit(old: LineStarts, text: string, prefix: number, oldChangeEnd: number, newChangeEnd: number): LineStarts {
  // Whether `s` starts a line depends on the characters at s - 1 and s only.
  const keep = old.firstAtLeast(prefix);
  const resume = old.firstAtLeast(oldChangeEnd + 1);
  const found: number[] = [];
  for (let s = prefix, last = Math.min(newChangeEnd, text.length); s <= last; s++) {
    if (s === 0) { found.push(0); continue; }
    const c = text.charCodeAt(s - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(s) !== 10)) found.push(s);
  }
  // Lines [keep, resume) became `found`; the lines after them moved by the edit.
  const { shift, tail } = shiftAfterEdit(old.pending, keep, resume, keep + found.length, newChangeEnd - oldChangeEnd);
  // The re-read lines are stored minus what is pending on them: the same values as before, and the previous array serves.
  const same = found.length === resume - keep && found.every((start, i) => old.stored[keep + i] === start - tail);
  if (same && (shift === undefined || shift.ranges <= MAX_RANGES)) return new LineStarts(old.stored, shift);
  const stored = new Int32Array(keep + found.length + old.count - resume);
  stored.set(old.stored.subarray(0, keep));
  for (let i = 0; i < found.length; i++) stored[keep + i] = found[i]! - tail;
  stored.set(old.stored.subarray(resume), keep + found.length);
  if (shift !== undefined && shift.ranges > MAX_RANGES) {
    settled(stored, shift, stored.length);
    return new LineStarts(stored, undefined);
  }
  return new LineStarts(stored, shift);
}

/** Index of the first value of the ascending `values` that is at least `bound` (values.length when none is). */
export function firstAtLeast(values: ArrayLike<number>, bound: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
