import type { PythonTokens, TokenColumns } from './pythonScanner';
import { MAX_RANGES, shiftAfterEdit, Tokens } from './tokenOffsets';

/*
 * Handing a version's token arrays over to the next version (rescanPython). A large file has
 * millions of tokens: allocating fresh arrays for every edit (and the memory faults of touching
 * them) was most of an edit's cost. Instead the next version takes the previous version's arrays
 * and changes them in place: the re-read part written in, the rest moved (a memmove when the
 * token count changed) and shifted (the start/end offsets lazily: see tokenOffsets.ts). The previous version stays correct: its arrays become getters
 * that, when first read, rebuild its values from the next version's arrays and the part it had
 * (kept here, the size of the edit). Nothing holds a token array apart from its tokens object
 * (every reader goes through `tokens.start[k]` and the like), so no one sees an array change.
 * A version handed over once is re-read from by copying (handOver returns undefined).
 */

type TokenArrays = Pick<PythonTokens, 'kind' | 'start' | 'end' | 'match' | 'heads' | 'headIndent'>;
type Key = keyof TokenArrays;
const KEYS: readonly Key[] = ['kind', 'start', 'end', 'match', 'heads', 'headIndent'];

/** What was re-read: tokens [at, oldEnd) became `part`'s first `count`, heads [headAt, oldEndHead) its first `headCount`. */
export interface ReadPart {
  readonly at: number;
  readonly oldEnd: number;
  readonly headAt: number;
  readonly oldEndHead: number;
  /** Characters the text after the part moved by. */
  readonly delta: number;
  readonly part: TokenColumns;
}

const handedOver = new WeakSet<PythonTokens>();

/** `text`'s tokens made from `previous`'s arrays in place (see above), or undefined when `previous` was already handed over. */
export function handOver(previous: PythonTokens, text: string, read: ReadPart): PythonTokens | undefined {
  if (handedOver.has(previous) || !(previous instanceof Tokens)) return undefined;
  const { at, oldEnd, headAt, oldEndHead, delta, part } = read;
  const count = previous.count + part.count - (oldEnd - at);
  const headCount = previous.headCount + part.headCount - (oldEndHead - headAt);
  const tokenDelta = count - previous.count;
  const kept = {} as Record<Key, Uint8Array | Int32Array>;
  for (const key of KEYS) {
    const [from, to] = key === 'heads' || key === 'headIndent' ? [headAt, oldEndHead] : [at, oldEnd];
    // The offsets as they are (not settled: that would move every later token's first).
    if (key === 'start' || key === 'end') kept[key] = Int32Array.from({ length: to - from }, (_, i) => (key === 'start' ? previous.startAt(from + i) : previous.endAt(from + i)));
    else kept[key] = previous[key].slice(from, to);
  }
  const tokenSpan = { at, oldEnd, oldCount: previous.count, newEnd: at + part.count, count };
  const headSpan = { at: headAt, oldEnd: oldEndHead, oldCount: previous.headCount, newEnd: headAt + part.headCount, count: headCount };
  // The offsets after the edit are stored unmoved, with the move pending; the re-read part is stored minus what is pending on it.
  const stored = previous.stored();
  const { shift, tail } = shiftAfterEdit(stored.pending, at, oldEnd, at + part.count, delta);
  const offsets = (array: Int32Array, partValues: Int32Array): Int32Array => {
    const into = moved(array, partValues, tokenSpan, 0, false);
    if (tail !== 0) addTo(into, at, at + part.count, -tail, false);
    return into;
  };
  const next = new Tokens(text, {
    count,
    kind: moved(previous.kind, part.kind, tokenSpan, 0, false),
    start: offsets(stored.start, part.start),
    end: offsets(stored.end, part.end),
    match: moved(previous.match, part.match, tokenSpan, tokenDelta, true),
    heads: moved(previous.heads, part.heads, headSpan, tokenDelta, false),
    headIndent: moved(previous.headIndent, part.headIndent, headSpan, 0, false),
    headCount,
  }, shift);
  if (shift && shift.ranges > MAX_RANGES) void next.start; // settles: bounds the ranges a read searches
  handedOver.add(previous);
  const rebuilt: Partial<Record<Key, Uint8Array | Int32Array>> = {};
  const shifts: Record<Key, number> = { kind: 0, start: delta, end: delta, match: tokenDelta, heads: tokenDelta, headIndent: 0 };
  for (const key of KEYS) {
    const span = key === 'heads' || key === 'headIndent' ? headSpan : tokenSpan;
    Object.defineProperty(previous, key, {
      enumerable: true,
      configurable: true,
      get: () => (rebuilt[key] ??= restored(next[key], kept[key]!, span, shifts[key], key === 'match')),
    });
  }
  // Its stored offsets are now the next version's: read them through the rebuilt arrays.
  Object.defineProperty(previous, 'startAt', { value: (k: number) => previous.start[k]! });
  Object.defineProperty(previous, 'endAt', { value: (k: number) => previous.end[k]! });
  return next;
}

interface Span {
  /** Entries [at, oldEnd) of the old version (oldCount in all) became [at, newEnd) of the new one (count in all). */
  readonly at: number;
  readonly oldEnd: number;
  readonly oldCount: number;
  readonly newEnd: number;
  readonly count: number;
}

/** `array` (the old version's) changed in place into the new version's, or a larger copy when it is too small. */
function moved<T extends Uint8Array | Int32Array>(array: T, part: T, span: Span, shift: number, keepNegative: boolean): T {
  const { at, oldEnd, oldCount, newEnd, count } = span;
  let into = array;
  if (count > array.length) {
    into = new (array.constructor as new (length: number) => T)(count + (count >> 3) + 64);
    into.set(array.subarray(0, oldCount));
  }
  if (newEnd !== oldEnd) into.copyWithin(newEnd, oldEnd, oldCount);
  into.set(part.subarray(0, newEnd - at), at);
  if (shift !== 0) addTo(into as Int32Array, newEnd, count, shift, keepNegative);
  return into;
}

/** The old version's values rebuilt from the new version's `array`: the kept part put back, the rest moved back. */
function restored<T extends Uint8Array | Int32Array>(array: T, kept: T, span: Span, shift: number, keepNegative: boolean): T {
  const { at, oldEnd, oldCount, newEnd, count } = span;
  const into = new (array.constructor as new (length: number) => T)(oldCount);
  into.set(array.subarray(0, at));
  into.set(kept, at);
  into.set(array.subarray(newEnd, count), oldEnd);
  if (shift !== 0) addTo(into as Int32Array, oldEnd, oldCount, -shift, keepNegative);
  return into;
}

function addTo(values: Int32Array, from: number, to: number, shift: number, keepNegative: boolean): void {
  if (keepNegative) {
    for (let k = from; k < to; k++) {
      const value = values[k]!;
      if (value >= 0) values[k] = value + shift;
    }
  } else {
    for (let k = from; k < to; k++) values[k] += shift;
  }
}
