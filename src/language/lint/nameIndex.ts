import { NAME, type PythonTokens } from '../recognition';

/*
 * The NAME tokens of one text bucketed by a hash of their spelling, built in one pass over the tokens
 * (no string per token). A lint of a large file asks for the uses of a few dozen names; each asked
 * with its own search of the whole text cost more than this one pass and a walk of one bucket each.
 */

const BUCKET_BITS = 14;
const BUCKETS = 1 << BUCKET_BITS;

export interface NameIndex {
  /** The first NAME token of each bucket, -1 for none. */
  readonly first: Int32Array;
  /** The next NAME token in the same bucket after each token, -1 for none (tokens ascend along a chain). */
  readonly next: Int32Array;
}

export function nameIndexOf(tokens: PythonTokens): NameIndex {
  const first = new Int32Array(BUCKETS).fill(-1);
  const next = new Int32Array(tokens.count).fill(-1);
  const { text, kind, start, end } = tokens;
  // From the last token back, so each chain lists its tokens in ascending order.
  for (let k = tokens.count - 1; k >= 0; k--) {
    if (kind[k] !== NAME) continue;
    const bucket = hashOf(text, start[k]!, end[k]!);
    next[k] = first[bucket]!;
    first[bucket] = k;
  }
  return { first, next };
}

/** The NAME tokens spelled exactly `name`, in order. */
export function tokensSpelled(index: NameIndex, tokens: PythonTokens, name: string): number[] {
  const found: number[] = [];
  const { text, start, end } = tokens;
  for (let k = index.first[hashOf(name, 0, name.length)]!; k >= 0; k = index.next[k]!) {
    if (end[k]! - start[k]! === name.length && text.startsWith(name, start[k]!)) found.push(k);
  }
  return found;
}

/** FNV-1a over the characters [from, to) of `s`, folded to a bucket. */
function hashOf(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> BUCKET_BITS)) & (BUCKETS - 1);
}
