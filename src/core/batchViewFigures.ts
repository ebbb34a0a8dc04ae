/*
 * The pieces the batch view's math is built from: a number with whether it is exact or estimated
 * from the sample, and the Figure 4 and top-share computations on losses already in order. Kept
 * apart from batchViewMath.ts so each file has one purpose.
 */

/** A value of the batch view: exact over the whole batch, or estimated from the sample (null: not available). */
export interface Figure {
  readonly value: number | null;
  readonly exact: boolean;
}

export const exact = (value: number | null): Figure => ({ value, exact: true });
export const estimated = (value: number | null, sampleIsWhole: boolean): Figure => ({ value, exact: sampleIsWhole });
export const UNKNOWN: Figure = { value: null, exact: true };

/** value / total as a Figure, exact only when both are. */
export function shareOf(part: Figure, total: Figure): Figure {
  if (part.value === null || total.value === null || !(total.value > 0)) return { value: null, exact: part.exact && total.exact };
  return { value: part.value / total.value, exact: part.exact && total.exact };
}

/**
 * Figure 4's curve: the share of the total carried by the smallest f of the losses at each f of
 * `fractions`, for losses read in ascending order through `order` (as batchSummary.py's _cumulative:
 * the first ceil(f n) of them). Null when there are none or they sum to nothing.
 */
export function cumulativeShares(losses: Float64Array, order: Uint32Array | null, fractions: readonly number[]): number[] | null {
  const n = losses.length;
  if (n === 0) return null;
  const marks = fractions.map((f) => Math.ceil(f * n));
  const out = new Array<number>(fractions.length).fill(0);
  // One pass: the running sum is recorded at each mark (marks ascend with the fractions).
  let sum = 0;
  let m = 0;
  while (m < marks.length && marks[m]! <= 0) m++;
  for (let i = 0; i < n && m < marks.length; i++) {
    sum += losses[order === null ? i : order[i]!]!;
    while (m < marks.length && marks[m] === i + 1) out[m++] = sum;
  }
  let total = sum;
  for (let i = marks[marks.length - 1]!; i < n; i++) total += losses[order === null ? i : order[i]!]!;
  if (!(total > 0)) return null;
  return out.map((v, k) => (marks[k]! <= 0 ? 0 : v / total));
}

/** Whether `values` (read through `order`) ascend. */
export function ascends(values: Float64Array, order: Uint32Array | null): boolean {
  if (order === null) {
    for (let i = 1; i < values.length; i++) if (values[i]! < values[i - 1]!) return false;
    return true;
  }
  for (let i = 1; i < order.length; i++) if (values[order[i]!]! < values[order[i - 1]!]!) return false;
  return true;
}

/** `values` permuted by `order` (out[i] = values[order[i]]). */
export function permuted<T extends Float64Array | Int32Array>(values: T, order: Uint32Array): T {
  const out = values.slice() as T;
  for (let i = 0; i < order.length; i++) out[i] = values[order[i]!]!;
  return out;
}

/**
 * The indices of `values` in ascending order of their values (ties by index). Every value the view
 * orders is >= 0 (1 - p_t, a loss), whose IEEE bits ascend as the numbers do: a stable LSD radix
 * sort on them, four 16-bit passes, is several times faster than a comparison sort at 10^5 samples
 * (the first draw's budget). Anything else (a negative or NaN) falls back to a comparison sort.
 */
export function ascendingOrder(values: Float64Array): Uint32Array {
  return radixOrder(values) ?? comparisonOrder(values);
}

function comparisonOrder(values: Float64Array): Uint32Array {
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => (values[a]! !== values[a]! ? 1 : values[b]! !== values[b]! ? -1 : values[a]! - values[b]! || a - b));
}

/** Whether the platform stores a double's low word first (every engine the webview and Node run on). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function radixOrder(values: Float64Array): Uint32Array | null {
  const n = values.length;
  if (!LITTLE_ENDIAN) return null;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (!(v >= 0)) return null;
    keys[i] = v + 0; // -0 becomes +0, whose bits sort first
  }
  const words = new Uint32Array(keys.buffer);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const count = new Uint32Array(65536);
  for (const [word, shift] of [[0, 0], [0, 16], [1, 0], [1, 16]] as const) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(words[2 * i + word]! >>> shift) & 0xffff]++;
    // A digit every value shares orders nothing: skip its pass.
    if (n > 0 && count[(words[word]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const index = order[i]!;
      next[count[(words[2 * index + word]! >>> shift) & 0xffff]!++] = index;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * The shares of the total weighted loss carried by the largest `fractions` of the batch: groups of
 * sample losses (each sample standing for `weight` elements of its group, each group read in
 * ascending order through its order, or as it is when that is null), merged from the top until ceil(f N) elements are counted,
 * N the elements the groups stand for. Exact when every weight is 1 (the sample is the batch).
 */
export function topShares(
  groups: readonly { readonly losses: Float64Array; readonly order: Uint32Array | null; readonly weight: number }[],
  fractions: readonly number[],
): (number | null)[] {
  let total = 0;
  let elements = 0;
  for (const g of groups) {
    elements += g.losses.length * g.weight;
    for (let i = 0; i < g.losses.length; i++) total += g.losses[i]! * g.weight;
  }
  if (!(total > 0) || elements === 0) return fractions.map(() => null);
  const targets = fractions.map((f) => Math.max(1, Math.ceil(f * Math.round(elements))));
  const result = new Array<number | null>(fractions.length).fill(null);
  const next = groups.map((g) => g.losses.length - 1);
  let counted = 0;
  let sum = 0;
  let t = 0;
  const sortedTargets = targets.map((k, i) => [k, i] as const).sort((a, b) => a[0] - b[0]);
  while (t < sortedTargets.length) {
    // The largest loss not yet taken, across groups.
    let best = -1;
    let bestValue = -Infinity;
    for (let g = 0; g < groups.length; g++) {
      if (next[g]! < 0) continue;
      const { losses, order } = groups[g]!;
      const v = losses[order === null ? next[g]! : order[next[g]!]!]!;
      if (v > bestValue) {
        bestValue = v;
        best = g;
      }
    }
    if (best < 0) break;
    const w = groups[best]!.weight;
    // A sample standing for several elements is counted in part when a mark falls inside it.
    let left = w;
    while (left > 0 && t < sortedTargets.length) {
      const need = sortedTargets[t]![0] - counted;
      if (need <= left) {
        result[sortedTargets[t]![1]] = (sum + need * bestValue) / total;
        t++;
        continue;
      }
      break;
    }
    counted += w;
    sum += w * bestValue;
    next[best]!--;
  }
  for (; t < sortedTargets.length; t++) result[sortedTargets[t]![1]] = sum / total;
  return result;
}
