import { lineStarts, type PythonTokens } from './pythonScanner';

/*
 * The line starts of a version's text, computed once per version. A version re-read after an edit
 * (rescanPython) takes them from the previous version's when those were computed: the starts before
 * the edit are kept, those in the edited text found again, those after it moved by the edit (a copy
 * and an add over the lines, not a search of every character). The result equals lineStarts(text).
 */

const computed = new WeakMap<PythonTokens, Int32Array | (() => Int32Array)>();

/** Offsets of the start of each line of `tokens.text` (see lineStarts). */
export function lineStartsOf(tokens: PythonTokens): Int32Array {
  const known = computed.get(tokens);
  if (known instanceof Int32Array) return known;
  const starts = known ? known() : lineStarts(tokens.text);
  computed.set(tokens, starts);
  return starts;
}

/**
 * Records that `next` is `previous` with old text [prefix, oldChangeEnd) replaced by new text
 * [prefix, newChangeEnd): its line starts will be derived from `previous`'s if those are known or derivable.
 */
export function linesAfterEdit(previous: PythonTokens, next: PythonTokens, prefix: number, oldChangeEnd: number, newChangeEnd: number): void {
  const known = computed.get(previous);
  if (known === undefined) return;
  // A previous version whose starts were never asked for is itself derived from its predecessor's:
  // derive them now (a copy and an add), so the chain of derivations never breaks into a full search
  // and no version keeps an older one's text alive.
  const old = known instanceof Int32Array ? known : lineStartsOf(previous);
  computed.set(next, () => startsAfterEdit(old, next.text, prefix, oldChangeEnd, newChangeEnd));
}

function startsAfterEdit(old: Int32Array, text: string, prefix: number, oldChangeEnd: number, newChangeEnd: number): Int32Array {
  // Whether `s` starts a line depends on the characters at s - 1 and s only.
  const keep = firstAtLeast(old, prefix);
  const resume = firstAtLeast(old, oldChangeEnd + 1);
  const found: number[] = [];
  for (let s = prefix, last = Math.min(newChangeEnd, text.length); s <= last; s++) {
    if (s === 0) { found.push(0); continue; }
    const c = text.charCodeAt(s - 1);
    if (c === 10 || (c === 13 && text.charCodeAt(s) !== 10)) found.push(s);
  }
  const starts = new Int32Array(keep + found.length + old.length - resume);
  starts.set(old.subarray(0, keep));
  starts.set(found, keep);
  const delta = newChangeEnd - oldChangeEnd;
  for (let k = resume, to = keep + found.length; k < old.length; k++, to++) starts[to] = old[k]! + delta;
  return starts;
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
