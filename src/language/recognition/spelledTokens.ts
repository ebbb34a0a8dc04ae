import { NAME, type PythonTokens } from './pythonScanner';

/*
 * The NAME tokens spelled like one of some names (the class count's num_classes and synonyms, the
 * calls of a function whose parameter default is read, the lines that may bind a name), looked up
 * in an index of every NAME token by the hash of its spelling: a lookup costs the name's
 * occurrences, not the file's size. The index is built once (a walk over the tokens, O(file)) and
 * carried across edits: a version re-read after an edit (rescanPython) keeps the previous version's
 * table and maps its entries through the edits' token moves; the tokens the edits re-read are
 * searched directly (they are few). When the edits have re-read too much or too many places, the
 * next lookup builds the table again. Results are kept per version and list of names; a version
 * re-read after an edit moves the previous version's result for the same names (an array of
 * numbers, no token read but the re-read ones). Either way they equal a search of every token.
 */

/** The tokens [restartToken, oldEndToken) of the previous version became [restartToken, newEndToken) (a TokenEdit, see pythonRescan.ts). */
export interface EditedTokens {
  readonly restartToken: number;
  readonly oldEndToken: number;
  readonly newEndToken: number;
}

/** Every NAME token of one version, bucketed by the hash of its spelling (a counting sort, so in file order within a bucket). */
class NameTable {
  private constructor(
    private readonly mask: number,
    /** Entries of bucket b: [bucketStart[b], bucketStart[b + 1]). */
    private readonly bucketStart: Int32Array,
    private readonly token: Int32Array,
    private readonly hash: Int32Array,
  ) {}

  static build(tokens: PythonTokens): NameTable {
    const { count, kind, text } = tokens;
    // The arrays, not startAt/endAt: one walk over every token (reading them settles an edit's pending move once).
    const starts = tokens.start;
    const ends = tokens.end;
    let names = 0;
    for (let k = 0; k < count; k++) if (kind[k] === NAME) names++;
    const hashes = new Int32Array(names);
    const nameTokens = new Int32Array(names);
    for (let k = 0, i = 0; k < count; k++) {
      if (kind[k] !== NAME) continue;
      nameTokens[i] = k;
      hashes[i++] = hashOf(text, starts[k]!, ends[k]!);
    }
    // About four entries a bucket: a bucket's walk compares hashes (names that share a bucket are few).
    let bits = 4;
    while (bits < 30 && 1 << (bits + 2) < names) bits++;
    const mask = (1 << bits) - 1;
    const bucketStart = new Int32Array(mask + 2);
    for (let i = 0; i < names; i++) bucketStart[(hashes[i]! & mask) + 1]++;
    for (let b = 0; b <= mask; b++) bucketStart[b + 1] += bucketStart[b]!;
    const fill = bucketStart.slice(0, mask + 1);
    const token = new Int32Array(names);
    const hash = new Int32Array(names);
    for (let i = 0; i < names; i++) {
      const at = fill[hashes[i]! & mask]!++;
      token[at] = nameTokens[i]!;
      hash[at] = hashes[i]!;
    }
    return new NameTable(mask, bucketStart, token, hash);
  }

  /** The table's tokens (in its own version's numbering, ascending) whose spelling hashes to `h`. */
  candidates(h: number): number[] {
    const bucket = h & this.mask;
    const found: number[] = [];
    for (let i = this.bucketStart[bucket]!, to = this.bucketStart[bucket + 1]!; i < to; i++) if (this.hash[i] === h) found.push(this.token[i]!);
    return found;
  }
}

/** More places edited since the table was built than this, and the next lookup builds it again. */
const MAX_SEGMENTS = 256;

/**
 * A version's view of a table built for an earlier version: the tokens no edit re-read since, as
 * segments [tableFrom, tableTo) of the table's version that are [at, at + length) of this one (in
 * order, disjoint); every token of this version outside them was re-read by an edit.
 */
class NameIndex {
  constructor(
    readonly table: NameTable,
    private readonly tableFrom: Int32Array,
    private readonly tableTo: Int32Array,
    private readonly at: Int32Array,
    /** Tokens of this version outside the segments (re-read since the table was built). */
    readonly reread: number,
  ) {}

  static of(tokens: PythonTokens): NameIndex {
    return new NameIndex(NameTable.build(tokens), Int32Array.of(0), Int32Array.of(tokens.count), Int32Array.of(0), 0);
  }

  get segments(): number {
    return this.at.length;
  }

  /** The index of the version whose tokens [restartToken, oldEndToken) of this one became [restartToken, newEndToken). */
  afterEdit(edit: EditedTokens): NameIndex {
    const { restartToken, oldEndToken, newEndToken } = edit;
    const move = newEndToken - oldEndToken;
    const tableFrom: number[] = [];
    const tableTo: number[] = [];
    const at: number[] = [];
    let kept = 0;
    const keep = (from: number, to: number, position: number) => {
      if (to <= from) return;
      tableFrom.push(from);
      tableTo.push(to);
      at.push(position);
      kept += to - from;
    };
    for (let s = 0; s < this.at.length; s++) {
      const from = this.tableFrom[s]!;
      const start = this.at[s]!;
      const end = start + this.tableTo[s]! - from;
      if (end <= restartToken) keep(from, this.tableTo[s]!, start);
      else if (start >= oldEndToken) keep(from, this.tableTo[s]!, start + move);
      else {
        // The edit re-read part of the segment: what comes before it stays, what comes after it moves.
        if (start < restartToken) keep(from, from + restartToken - start, start);
        if (end > oldEndToken) keep(from + oldEndToken - start, this.tableTo[s]!, newEndToken);
      }
    }
    const countAfter = this.countOf() + move;
    return new NameIndex(this.table, Int32Array.from(tableFrom), Int32Array.from(tableTo), Int32Array.from(at), countAfter - kept);
  }

  /** This version's token count: the segments' tokens and the re-read ones. */
  private countOf(): number {
    let kept = 0;
    for (let s = 0; s < this.at.length; s++) kept += this.tableTo[s]! - this.tableFrom[s]!;
    return kept + this.reread;
  }

  /** The NAME tokens of `tokens` (this index's version) spelled `name`, in file order. */
  spelled(tokens: PythonTokens, name: string): number[] {
    const result: number[] = [];
    const candidates = this.table.candidates(hashOf(name, 0, name.length));
    let c = 0;
    let previousEnd = 0;
    for (let s = 0; s <= this.at.length; s++) {
      // The re-read tokens before segment s (after the last one: up to the end), then the segment's.
      const start = s < this.at.length ? this.at[s]! : tokens.count;
      for (let k = previousEnd; k < start; k++) if (isSpelled(tokens, k, name)) result.push(k);
      if (s === this.at.length) break;
      const from = this.tableFrom[s]!;
      const to = this.tableTo[s]!;
      while (c < candidates.length && candidates[c]! < from) c++;
      for (; c < candidates.length && candidates[c]! < to; c++) {
        const k = start + candidates[c]! - from;
        // Same hash and same length: compared in full (two spellings may share a hash).
        if (isSpelled(tokens, k, name)) result.push(k);
      }
      previousEnd = start + to - from;
    }
    return result;
  }
}

function isSpelled(tokens: PythonTokens, k: number, name: string): boolean {
  if (tokens.kind[k] !== NAME) return false;
  const start = tokens.startAt(k);
  return tokens.endAt(k) - start === name.length && tokens.text.startsWith(name, start);
}

/** FNV-1a over the UTF-16 code units of text[from, to), mixed so its low bits spread. */
function hashOf(text: string, from: number, to: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  return Math.imul(h, 0x2c1b3c6d) ^ (h >>> 12);
}

const indexes = new WeakMap<PythonTokens, NameIndex>();
const found = new WeakMap<PythonTokens, Map<string, number[]>>();
/** For a version re-read from another: that version's results (not its tokens) and the edit. */
const derivedFrom = new WeakMap<PythonTokens, { readonly searched: Map<string, number[]>; readonly edit: EditedTokens }>();

/** Records that `next` was re-read from `previous` by `edit`: it carries `previous`'s index (when it has one), moved. */
export function spelledAfterEdit(previous: PythonTokens, next: PythonTokens, edit: EditedTokens): void {
  const searched = found.get(previous);
  if (searched !== undefined) derivedFrom.set(next, { searched, edit });
  const index = indexes.get(previous);
  if (index === undefined) return;
  const moved = index.afterEdit(edit);
  // Past these, a lookup would walk many re-read tokens or segments: the next one builds the table again.
  if (moved.segments <= MAX_SEGMENTS && moved.reread <= Math.max(4096, next.count >> 6)) indexes.set(next, moved);
}

/** Builds the index of `tokens` now when it has none (a version read from scratch: the walk costs less than the read). */
export function indexNames(tokens: PythonTokens): void {
  if (!indexes.has(tokens)) indexes.set(tokens, NameIndex.of(tokens));
}

/** The NAME tokens spelled like one of `names` (not in strings or comments), in file order. */
export function nameTokensSpelled(tokens: PythonTokens, names: readonly string[]): number[] {
  const key = names.join('\n');
  let searched = found.get(tokens);
  if (searched === undefined) found.set(tokens, (searched = new Map()));
  let result = searched.get(key);
  if (result === undefined) result = afterEdit(tokens, names, key);
  if (result === undefined) {
    let index = indexes.get(tokens);
    if (index === undefined) indexes.set(tokens, (index = NameIndex.of(tokens)));
    const each = [...new Set(names)].map((name) => index.spelled(tokens, name));
    result = each.length === 1 ? each[0]! : each.flat().sort((a, b) => a - b);
    searched.set(key, result);
  }
  return result;
}

/**
 * The result of the previous version for the same names, moved by the edit: its tokens before the
 * re-read ones kept, the re-read ones walked, those after them moved by the edit's token count (no
 * token outside the re-read ones is read). Undefined when the previous version did not search them.
 */
function afterEdit(tokens: PythonTokens, names: readonly string[], key: string): number[] | undefined {
  const from = derivedFrom.get(tokens);
  const before = from?.searched.get(key);
  if (from === undefined || before === undefined) return undefined;
  const { restartToken, oldEndToken, newEndToken } = from.edit;
  const result: number[] = [];
  let i = 0;
  for (; i < before.length && before[i]! < restartToken; i++) result.push(before[i]!);
  for (let k = restartToken; k < newEndToken; k++) if (names.some((name) => isSpelled(tokens, k, name))) result.push(k);
  const tokenDelta = newEndToken - oldEndToken;
  while (i < before.length && before[i]! < oldEndToken) i++;
  for (; i < before.length; i++) result.push(before[i]! + tokenDelta);
  return result;
}
