/*
 * The y ranges and tick labels of the charts. A range is fitted to the curves (never to far-off
 * points, which the chart draws at its edge instead), so one extreme value cannot flatten them.
 * Pure functions: the browser tests check them through the charts' data attributes.
 */

export interface AxisRange {
  readonly min: number;
  readonly max: number;
}

/** The smallest "nice" step (1, 2, 2.5 or 5 times a power of 10) that is >= `x` (> 0). */
function niceStep(x: number): number {
  const power = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= x * (1 - 1e-12)) return m * power;
  return 10 * power;
}

/**
 * A linear range holding every finite value: it starts at 0 when nothing is negative (a loss), and
 * its ends are whole multiples of a nice step (about five steps over the range).
 */
export function linearRange(lo: number, hi: number): AxisRange {
  if (!(lo <= hi)) return { min: 0, max: 1 };
  const min = Math.min(0, lo);
  const max = Math.max(0, hi);
  if (max - min === 0) return { min: min === 0 ? 0 : min - 1, max: max === 0 ? 1 : max + 1 };
  const step = niceStep((max - min) / 5);
  return { min: Math.floor(min / step + 1e-9) * step, max: Math.ceil(max / step - 1e-9) * step };
}

/** The ticks of a range from linearRange: whole multiples of the same nice step. */
export function linearTicks(range: AxisRange, count = 5): number[] {
  const step = niceStep((range.max - range.min) / count);
  const ticks: number[] = [];
  for (let k = Math.ceil(range.min / step - 1e-9); k * step <= range.max * (1 + 1e-12) + 1e-300; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** Whole-number ticks from 0 to `last` (class numbers), about `count` of them. */
export function indexTicks(last: number, count = 8): number[] {
  const step = Math.max(1, Math.round(niceStep(Math.max(1, last) / count)));
  const ticks: number[] = [];
  for (let k = 0; k <= last; k += step) ticks.push(k);
  return ticks;
}

/** A log range of whole decades from the smallest positive value to the largest. */
export function logRange(lowestPositive: number, hi: number): AxisRange {
  if (!(lowestPositive > 0 && hi >= lowestPositive && Number.isFinite(hi))) return { min: 1e-6, max: 10 };
  let low = Math.floor(Math.log10(lowestPositive));
  let high = Math.ceil(Math.log10(hi));
  if (high === low) high = low + 1;
  // Beyond the doubles' range (denormals) no curve is readable anyway.
  low = Math.max(low, -300);
  return { min: decade(low), max: decade(high) };
}

/** 10^k exactly as its decimal literal (Math.pow(10, -7) is 9.999999999999999e-8). */
function decade(k: number): number {
  return Number(`1e${k}`);
}

/**
 * Decade ticks over a log range, every n-th decade so at most `maxCount` are labelled, always
 * including 1 when it is in range (the loss where p_t = 1 / e).
 */
export function logTicks(range: AxisRange, maxCount = 8): number[] {
  const low = Math.round(Math.log10(range.min));
  const high = Math.round(Math.log10(range.max));
  const every = Math.max(1, Math.ceil((high - low) / Math.max(1, maxCount - 1)));
  const ticks: number[] = [];
  // Anchored at 10^0, so the labels read 1e-6, 1e-4, 0.01, 1 rather than an arbitrary phase.
  for (let k = high - (((high % every) + every) % every); k >= low; k -= every) ticks.unshift(decade(k));
  return ticks;
}

/** "1e-6", "1e-4", "0.01", "0.1", "1", "10", "100", "1000", "1e4": short and never rounded away. */
export function logTickLabel(value: number): string {
  const k = Math.round(Math.log10(value));
  return k >= -2 && k <= 3 ? String(decade(k)) : `1e${k}`;
}
