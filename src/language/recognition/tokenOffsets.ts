/*
 * Token offsets that an edit moved, stored lazily. After an edit every token after it starts and
 * ends `delta` characters later; adding that to millions of entries was most of the first hover's
 * cost in a large file. Instead a version's start/end arrays may hold values still to be moved:
 * `pending` says, by ranges of token indices, what to add. startAt/endAt add it on each read (the
 * hover reads a few hundred tokens); reading the `start`/`end` arrays themselves (the lint, a
 * search of every call) first adds it to every entry once (settle), so whoever reads the arrays
 * sees exactly a full scan's offsets.
 */

/** A scan's token arrays (see PythonTokens). */
export interface TokenColumns {
  readonly count: number;
  readonly kind: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** For an opening bracket: its closer, or the NEWLINE/END token that ended it unclosed. For a closer: its opener or -1. */
  readonly match: Int32Array;
  /** Token index of the first token of each logical line, and that line's indentation (columns). */
  readonly heads: Int32Array;
  readonly headIndent: Int32Array;
  readonly headCount: number;
}

export interface PythonTokens extends TokenColumns {
  readonly text: string;
  /**
   * Token `k`'s start and end offsets: what start[k] and end[k] hold, without making a version
   * re-read after an edit move every later token's offsets first (see above). Readers on
   * the hover's path use these; reading the arrays is always right too.
   */
  startAt(k: number): number;
  endAt(k: number): number;
}

/** What to add to the stored offsets, by ranges of token indices: tokens [from[i], from[i + 1]) get add[i]. */
export class PendingShift {
  /** `from` is ascending and starts at 0; neighbouring ranges differ in `add`. */
  constructor(readonly from: Int32Array, readonly add: Int32Array) {}

  /** What to add to token `k`'s stored offsets. */
  at(k: number): number {
    const { from } = this;
    let lo = 0;
    let hi = from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (from[mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return this.add[lo]!;
  }

  get ranges(): number {
    return this.from.length;
  }
}

/** More ranges than this and an edit adds the pending values at once (bounds the cost of a read). */
export const MAX_RANGES = 48;

/**
 * The pending shift of a version whose tokens [at, oldEnd) of the previous version (pending
 * `previous`) were replaced by [at, newEnd) and everything after moved by `delta` characters;
 * `tail` is what the replaced part and everything after it get (the replaced part's stored values
 * must be its offsets minus `tail`). Undefined when nothing is pending.
 */
export function shiftAfterEdit(previous: PendingShift | undefined, at: number, oldEnd: number, newEnd: number, delta: number): { shift: PendingShift | undefined; tail: number } {
  const tokenDelta = newEnd - oldEnd;
  const from: number[] = [];
  const add: number[] = [];
  const push = (start: number, value: number) => {
    if (from.length > 0 && from[from.length - 1] === start) {
      from.pop();
      add.pop();
    }
    if (add.length > 0 && add[add.length - 1] === value) return;
    from.push(start);
    add.push(value);
  };
  const tail = (previous?.at(oldEnd) ?? 0) + delta;
  if (previous) {
    for (let i = 0; i < previous.from.length && previous.from[i]! < at; i++) push(previous.from[i]!, previous.add[i]!);
  } else {
    push(0, 0);
  }
  push(at, tail);
  if (previous) {
    for (let i = 0; i < previous.from.length; i++) if (previous.from[i]! > oldEnd) push(previous.from[i]! + tokenDelta, previous.add[i]! + delta);
  }
  if (from.length === 1 && add[0] === 0) return { shift: undefined, tail };
  return { shift: new PendingShift(Int32Array.from(from), Int32Array.from(add)), tail };
}

/** Adds `shift` to `values` (stored offsets) over `count` entries. */
export function settled(values: Int32Array, shift: PendingShift, count: number): void {
  const { from, add } = shift;
  for (let i = 0; i < from.length; i++) {
    const by = add[i]!;
    if (by === 0) continue;
    const to = i + 1 < from.length ? Math.min(from[i + 1]!, count) : count;
    for (let k = from[i]!; k < to; k++) values[k] += by;
  }
}

/**
 * A version's tokens (see PythonTokens); `pending`, when set, is still to be added to the stored
 * start/end offsets (see above).
 */
export class Tokens implements PythonTokens {
  readonly count: number;
  readonly kind: Uint8Array;
  readonly match: Int32Array;
  readonly heads: Int32Array;
  readonly headIndent: Int32Array;
  readonly headCount: number;
  private storedStart: Int32Array;
  private storedEnd: Int32Array;

  constructor(readonly text: string, columns: TokenColumns, private pending?: PendingShift) {
    this.count = columns.count;
    this.kind = columns.kind;
    this.storedStart = columns.start;
    this.storedEnd = columns.end;
    this.match = columns.match;
    this.heads = columns.heads;
    this.headIndent = columns.headIndent;
    this.headCount = columns.headCount;
  }

  get start(): Int32Array {
    if (this.pending) this.settle();
    return this.storedStart;
  }

  get end(): Int32Array {
    if (this.pending) this.settle();
    return this.storedEnd;
  }

  startAt(k: number): number {
    const pending = this.pending;
    return pending === undefined ? this.storedStart[k]! : this.storedStart[k]! + pending.at(k);
  }

  endAt(k: number): number {
    const pending = this.pending;
    return pending === undefined ? this.storedEnd[k]! : this.storedEnd[k]! + pending.at(k);
  }

  /** The stored arrays and what is pending on them, for the next version to take over (tokenHandover.ts). */
  stored(): { start: Int32Array; end: Int32Array; pending: PendingShift | undefined } {
    return { start: this.storedStart, end: this.storedEnd, pending: this.pending };
  }

  private settle(): void {
    const pending = this.pending!;
    this.pending = undefined;
    settled(this.storedStart, pending, this.count);
    settled(this.storedEnd, pending, this.count);
  }
}
