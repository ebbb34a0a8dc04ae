import { expNonPositive } from './exp';
import type { ResolvedParams } from './params';

/*
 * Per-element kernels shared by the scalar API and the batch loop, so both compute with the very
 * same arithmetic. They take validated inputs and write d loss / d logit to grad[i] when grad is
 * given (a caller-owned array, so nothing is allocated per element).
 *
 * Everything is written in terms of p and 1 - p computed separately, and of -log p and -log(1 - p)
 * as softplus values, so nothing cancels, nothing takes log(0), and 0 * Infinity never happens.
 */

/**
 * The target the loss sees: y (1 - e) + e / 2 under label smoothing e, applied before p_t and
 * alpha_t (Keras). Off, it is y * 1 + 0, which is y exactly, so the default path needs no branch.
 */
export function smoothedTarget(rp: ResolvedParams, y: number): number {
  return y * rp.targetKeep + rp.targetShift;
}

/** alpha_t = alpha y + (1 - alpha)(1 - y), or 1 when alpha weighting is off; branch-free from the resolved weights. */
export function alphaT(rp: ResolvedParams, y: number): number {
  return rp.alphaPositive * y + rp.alphaNegative * (1 - y);
}

/**
 * (1 - p_t)^gamma, q in [0, 1]. The common exponents are spelled out, and the rest go through
 * exp(gamma log q): V8's Math.pow costs several times as much, and for q in [0, 1] the two agree to
 * a few ulps.
 */
export function modulation(q: number, gamma: number): number {
  if (gamma === 0) return 1;
  if (gamma === 2) return q * q;
  if (gamma === 1) return q;
  return q > 0 ? Math.exp(gamma * Math.log(q)) : 0;
}

/**
 * alpha_t (1 - p_t)^gamma CE(p, y) from its parts, for CE, balanced CE and FL alike
 * (CE is alpha off and gamma 0; balanced CE is gamma 0), where CE's positive term is weighted by
 * posWeight: CE = posWeight y (-log p) + (1 - y)(-log(1 - p)). y is the target before smoothing.
 * p, pc: p and 1 - p. nlp, nlpc: -log p and -log(1 - p).
 *
 * The arithmetic is branch-free for finite parts (the batch loop's hot path). Only an infinite
 * -log (a logit of +-Infinity, p of 0 or 1) can make 0 * Infinity; each NaN check below catches
 * exactly that case and puts the mathematical limit in its place.
 */
export function focalFromParts(
  p: number,
  pc: number,
  nlp: number,
  nlpc: number,
  target: number,
  rp: ResolvedParams,
  grad: Float64Array | null,
  i: number,
): number {
  const y = smoothedTarget(rp, target);
  const yc = 1 - y;
  const yp = rp.posWeight * y; // the positive term's weight; y itself when posWeight is 1
  let ce = yp * nlp + yc * nlpc;
  // A zero-weight term with an infinite log contributes nothing.
  if (ce !== ce) ce = (y === 0 ? 0 : yp * nlp) + (yc === 0 ? 0 : yc * nlpc);
  const at = alphaT(rp, y);
  const q = y * pc + yc * p; // 1 - p_t without cancellation
  const m = modulation(q, rp.gamma);
  let loss = at * m * ce;
  // at = 0 (alpha 0 or 1) times an infinite CE: the weight wins.
  if (loss !== loss) loss = 0;
  if (grad !== null) {
    // d/dx [at q^g CE] = at q^g [ (yc p - yp pc) - g (2y - 1) r CE ],  r = p (1 - p) / q, bounded by 1
    // (r = p_t for hard targets); yc p - yp pc is dCE/dx, p - y when posWeight is 1. r CE -> 0 both
    // where q -> 0 (CE -> 0 too) and where r -> 0.
    let rce = 0;
    if (rp.gamma !== 0) {
      // For hard targets r is p_t itself: no division on the common path.
      const r = y === 1 || y === 0 ? y * p + yc * pc : (p * pc) / q;
      rce = r * ce;
      if (rce !== rce) rce = 0;
    }
    grad[i] = at * m * (yc * p - yp * pc - rp.gamma * (2 * y - 1) * rce) * rp.scale;
  }
  return loss * rp.scale;
}

/** The focal family from a logit x: softplus gives -log p and -log(1 - p) without cancellation. */
export function focalFromLogit(
  x: number,
  y: number,
  rp: ResolvedParams,
  grad: Float64Array | null,
  i: number,
): number {
  // exp(-|x|) in [0, 1] by the inlined exp (exp.ts): Math.exp is a C++ call that costs as much as the rest.
  const e = expNonPositive(-Math.abs(x));
  const l = Math.log1p(e); // softplus(-|x|)
  const inv = 1 / (1 + e);
  const positive = x >= 0;
  const p = positive ? inv : e * inv;
  const pc = positive ? e * inv : inv;
  const nlp = (positive ? 0 : -x) + l; // softplus(-x) = -log p
  const nlpc = (positive ? x : 0) + l; // softplus(x) = -log(1 - p)
  return focalFromParts(p, pc, nlp, nlpc, y, rp, grad, i);
}

/** The focal family from a probability p in [0, 1]. */
export function focalFromProb(p: number, y: number, rp: ResolvedParams): number {
  return focalFromParts(p, 1 - p, -Math.log(p), -Math.log1p(-p), y, rp, null, 0);
}

/**
 * FL* (paper appendix A): -log(sigmoid(gamma x_t + beta)) / gamma with x_t = (2y - 1) x,
 * which is x for y = 1 and -x for y = 0 (fvcore's form for soft targets), times alpha_t if set and
 * times posWeight y + (1 - y) (FL* has no separate positive term to weight). y is smoothed first.
 * Gradient: w (2y - 1)(p*_t - 1), w the product of those weights.
 */
export function focalStarFromLogit(
  x: number,
  target: number,
  rp: ResolvedParams,
  grad: Float64Array | null,
  i: number,
): number {
  const y = smoothedTarget(rp, target);
  const s = 2 * y - 1;
  const z = rp.gamma * (s === 0 ? 0 : s * x) + rp.beta;
  const e = Math.exp(-Math.abs(z));
  const softplusNegZ = (z < 0 ? -z : 0) + Math.log1p(e); // -log sigmoid(z)
  const at = alphaT(rp, y) * (rp.posWeight * y + (1 - y));
  if (grad !== null) {
    const oneMinusPStar = z >= 0 ? e / (1 + e) : 1 / (1 + e); // sigmoid(-z)
    grad[i] = at === 0 || s === 0 ? 0 : -at * s * oneMinusPStar * rp.scale;
  }
  return at === 0 ? 0 : ((at * softplusNegZ) / rp.gamma) * rp.scale;
}

/** logit(p) = log p - log(1 - p), infinite at 0 and 1. */
export function logitOf(p: number): number {
  return Math.log(p) - Math.log1p(-p);
}

/** sigmoid(x), accurate in both tails. */
export function sigmoid(x: number): number {
  const e = Math.exp(-Math.abs(x));
  return x >= 0 ? 1 / (1 + e) : e / (1 + e);
}
