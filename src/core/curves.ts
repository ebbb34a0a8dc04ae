import { focalFromLogit, focalFromProb, focalStarFromLogit, logitOf } from './kernels';
import { checkLogit, checkProbability, resolveParams } from './params';
import type { LossKind, LossParams } from './params';

/*
 * Sampled curves for charts: loss against p_t (the paper's Figure 1) and d loss / d logit against
 * the logit. Each value is computed by the very kernels lossFromProb and gradFromLogit use, so a
 * chart never disagrees with a number shown elsewhere; the parameters are resolved once per curve
 * rather than once per point, because curves are redrawn on every slider step.
 */

/** Evenly spaced samples of [from, to], both ends included. */
export function linspace(from: number, to: number, count: number): Float64Array {
  const out = new Float64Array(count);
  if (count === 1) {
    out[0] = from;
    return out;
  }
  const step = (to - from) / (count - 1);
  for (let i = 0; i < count; i++) out[i] = from + step * i;
  out[count - 1] = to;
  return out;
}

/**
 * The p_t samples of a loss curve. p_t = 0 is left out (every loss is infinite there) and so is
 * p_t = 1 (every loss is 0, which a log axis cannot show).
 */
export function ptSamples(count: number): Float64Array {
  return linspace(0.001, 0.999, count);
}

/**
 * The loss at each p_t for a target `y` (1: a positive with p = p_t, which gets alpha; 0: a negative
 * with p = 1 - p_t, which gets 1 - alpha), written into `out`.
 */
export function lossCurve(
  kind: LossKind,
  pts: Float64Array,
  y: 0 | 1,
  params: LossParams,
  out: Float64Array = new Float64Array(pts.length),
): Float64Array {
  const rp = resolveParams(kind, params);
  for (let i = 0; i < pts.length; i++) {
    const pt = pts[i]!;
    checkProbability(pt, 'p_t');
    const p = y === 1 ? pt : 1 - pt;
    out[i] = kind === 'focal-star' ? focalStarFromLogit(logitOf(p), y, rp, null, 0) : focalFromProb(p, y, rp);
  }
  return out;
}

/** d loss / d logit at each logit for target `y`, written into `out`. */
export function gradCurve(
  kind: LossKind,
  logits: Float64Array,
  y: 0 | 1,
  params: LossParams,
  out: Float64Array = new Float64Array(logits.length),
): Float64Array {
  const rp = resolveParams(kind, params);
  const kernel = kind === 'focal-star' ? focalStarFromLogit : focalFromLogit;
  for (let i = 0; i < logits.length; i++) {
    checkLogit(logits[i]!);
    kernel(logits[i]!, y, rp, out, i);
  }
  return out;
}

/** The paper's Figure 1: FL at these gammas (gamma 0 is CE). */
export const FIGURE1_GAMMAS: readonly number[] = [0, 0.5, 1, 2, 5];
