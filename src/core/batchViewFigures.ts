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
 * The indices of `values` in ascending order of their values (ties by index). The values are sorted
 * by the typed array's native sort, several times faster than a comparator over indices at 10^5
 * samples, and each index is placed by a binary search for its value in the sorted copy.
 */
export function ascendingOrder(values: Float64Array): Uint32Array {
  const n = values.length;
  const order = new Uint32Array(n);
  const sorted = Float64Array.from(values).sort();
  if (n > 0 && sorted[n - 1] !== sorted[n - 1]) {
    // NaN has no place by value: order by a comparator that puts it last.
    for (let i = 0; i < n; i++) order[i] = i;
    return order.sort((a, b) => (values[a]! !== values[a]! ? 1 : values[b]! !== values[b]! ? -1 : values[a]! - values[b]! || a - b));
  }
  const used = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    order[lo + used[lo]!++] = i;
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
