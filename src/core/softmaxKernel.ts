import { expNonPositive } from './exp';
import { modulation } from './kernels';
import type { ResolvedSoftmaxParams } from './softmaxParams';

/*
 * The softmax row kernel, shared by softmaxLoss and the batch loop:
 *   L = sum_c a_c (1 - p_c)^gamma (-log p_c),  a_c = w_c t'_c,  p = softmax(x).
 * With l_c = -log p_c, q_c = 1 - p_c and g_c = a_c q_c^gamma (1 + gamma r_c), r_c = p_c l_c / q_c,
 * the gradient is d L / d x_k = p_k sum_c g_c - g_k (each class's term depends on x only through
 * p_c, whose derivative is p_c (delta_ck - p_k)). r_c is bounded by 1 and tends to 1 as q_c -> 0, so
 * nothing divides by a vanishing q.
 *
 * Logits are shifted by their max (class m): d_c = x_c - max <= 0, e_c = exp(d_c), e_m = 1, and
 * rest = sum of e_c over c != m is summed on its own, so 1 - p_m = rest / (1 + rest) and
 * -log p_m = log1p(rest) keep their precision when the row is confident (no 1 + tiny - 1).
 *
 * After the shared max and exp passes, one of three tails finishes the row, each with as few passes
 * and branches as its case allows (the batch benchmark's budget is a few ns per class):
 *   oneHot: a class-index target without smoothing, any gamma: only class y has target mass.
 *   smoothedCrossEntropy: gamma 0 and a class-index target with smoothing: g_c = a_c, known before p.
 *   general: probability targets, and focal with smoothing.
 * Inputs are validated by the caller, except that a NaN logit makes the result NaN for the caller to
 * refuse; nothing is allocated. Each logit is read before its gradient is written, so grad may be
 * the logits array itself (an in-place gradient).
 */

/** x - max, with the limits of infinite logits: Inf - Inf (an infinite logit at the max, or all -Inf) is a tie, 0. */
function shifted(x: number, max: number): number {
  const d = x - max;
  return d === d ? d : 0;
}

/** Target mass t'_c of class c: the smoothed one-hot of y, or the smoothed probability soft[c]. */
function targetMass(c: number, y: number, soft: Float64Array | null, keep: number, shift: number): number {
  return soft === null ? (c === y ? keep + shift : shift) : soft[c]! * keep + shift;
}

/**
 * One row: logits x[xo .. xo + C), and either a class index y (soft null) or a probability target
 * soft[0 .. C). e is scratch of C numbers. Writes d L / d x into grad[go .. go + C) when grad is given.
 */
export function softmaxRow(
  x: Float64Array,
  xo: number,
  y: number,
  soft: Float64Array | null,
  rp: ResolvedSoftmaxParams,
  e: Float64Array,
  grad: Float64Array | null,
  go: number,
): number {
  const classes = rp.classes;
  if (soft === null && y === rp.ignoreIndex) {
    if (grad !== null) grad.fill(0, go, go + classes);
    return 0;
  }
  let m = 0;
  let max = x[xo]!;
  for (let c = 1; c < classes; c++) {
    const v = x[xo + c]!;
    if (v > max) {
      max = v;
      m = c;
    } else if (!(v <= max)) {
      return NaN; // v or max is NaN
    }
  }
  // Two loops around m: no branch on c = m, and no exp for e_m, which is 1. They also sum
  // w_c shift d_c, smoothedCrossEntropy's part of sum_c a_c d_c, while d_c is at hand (0 without smoothing).
  const smoothMass = rp.smoothMass;
  let rest = 0;
  let smoothAd = 0;
  for (let c = 0; c < m; c++) {
    const d = shifted(x[xo + c]!, max);
    rest += e[c] = expNonPositive(d);
    smoothAd += smoothMass[c]! * d;
  }
  for (let c = m + 1; c < classes; c++) {
    const d = shifted(x[xo + c]!, max);
    rest += e[c] = expNonPositive(d);
    smoothAd += smoothMass[c]! * d;
  }
  e[m] = 1;
  if (soft === null && rp.shift === 0) return oneHot(x, xo, y, m, max, rest, rp, e, grad, go);
  if (soft === null && rp.gamma === 0) return smoothedCrossEntropy(x, xo, y, m, max, rest, smoothAd, rp, e, grad, go);
  return general(x, xo, y, soft, m, max, rest, rp, e, grad, go);
}

/** g = a q^gamma (1 + gamma r) for one class (see the top of the file); the loss term is a q^gamma l. */
function classWeight(a: number, p: number, q: number, l: number, mod: number, gamma: number): number {
  if (gamma === 0) return a;
  // 0 * Infinity (p = 0) or 0 / 0 (q = 0, where mod is 0 anyway): the limit of r q^gamma is 0.
  let r = (p * l) / q;
  if (r !== r) r = 0;
  return a * mod * (1 + gamma * r);
}

/** Only class y has target mass a = w_y: L = a q_y^gamma l_y, grad_k = p_k g_y, and grad_y = -g_y q_y exactly. */
function oneHot(x: Float64Array, xo: number, y: number, m: number, max: number, rest: number, rp: ResolvedSoftmaxParams, e: Float64Array, grad: Float64Array | null, go: number): number {
  const a = rp.weights[y]!;
  if (a === 0) {
    if (grad !== null) grad.fill(0, go, go + rp.classes);
    return 0;
  }
  const inv = 1 / (1 + rest);
  const p = e[y]! * inv;
  const q = y === m ? rest * inv : 1 - p; // p_c <= 1/2 off the max, so 1 - p is exact enough there
  const l = Math.log1p(rest) - shifted(x[xo + y]!, max);
  const mod = modulation(q, rp.gamma);
  if (grad !== null) {
    const g = classWeight(a, p, q, l, mod, rp.gamma) * rp.scale;
    const gi = g * inv;
    for (let c = 0; c < rp.classes; c++) grad[go + c] = e[c]! * gi;
    grad[go + y] = 0 - g * q; // not -(g q), which is -0 when g is 0
  }
  return a * mod * l * rp.scale;
}

/**
 * gamma 0 and a class index y with smoothing: a_c = w_c shift + [c = y] hit, hit = w_y (1 - e). With
 * d_c = x_c - max <= 0, L = A lse - sum_c a_c d_c (both terms >= 0), A = sum_c a_c, and
 * grad_k = p_k A - a_k; at the max p_m A - a_m = p_m (A - a_m) - a_m (1 - p_m), without cancellation.
 * The per-class masses come precomputed with the parameters and sum_c w_c shift d_c from the exp
 * pass (smoothAd), so what is left is one branch-free pass for the gradient.
 */
function smoothedCrossEntropy(x: Float64Array, xo: number, y: number, m: number, max: number, rest: number, smoothAd: number, rp: ResolvedSoftmaxParams, e: Float64Array, grad: Float64Array | null, go: number): number {
  const { classes, smoothMass, scale } = rp;
  const hit = rp.weights[y]! * rp.keep;
  let ad = smoothAd + hit * shifted(x[xo + y]!, max);
  // 0 * -Infinity: a class at probability 0 without target mass, which costs nothing.
  if (ad !== ad) ad = massTimesShift(x, xo, y, max, rp, hit);
  const inv = 1 / (1 + rest);
  if (grad !== null) {
    const pa = (rp.smoothMassSum + hit) * inv;
    for (let c = 0; c < classes; c++) grad[go + c] = (e[c]! * pa - smoothMass[c]!) * scale;
    grad[go + y] = grad[go + y]! - hit * scale;
    const am = smoothMass[m]! + (y === m ? hit : 0);
    const others = rp.smoothMassOthers[m]! + (y === m ? 0 : hit); // A - a_m
    grad[go + m] = (others - am * rest) * inv * scale;
  }
  return ((rp.smoothMassSum + hit) * Math.log1p(rest) - ad) * scale;
}

/** sum_c a_c d_c over the classes with target mass only: smoothedCrossEntropy's sum where some d_c is -Infinity. */
function massTimesShift(x: Float64Array, xo: number, y: number, max: number, rp: ResolvedSoftmaxParams, hit: number): number {
  let ad = 0;
  for (let c = 0; c < rp.classes; c++) {
    const a = rp.smoothMass[c]! + (c === y ? hit : 0);
    if (a !== 0) ad += a * shifted(x[xo + c]!, max);
  }
  return ad;
}

/** The general case: g_c from classWeight, then grad_k = p_k G - g_k, at the max p_m (G - g_m) - g_m (1 - p_m). */
function general(x: Float64Array, xo: number, y: number, soft: Float64Array | null, m: number, max: number, rest: number, rp: ResolvedSoftmaxParams, e: Float64Array, grad: Float64Array | null, go: number): number {
  const { classes, gamma, weights, keep, shift } = rp;
  const inv = 1 / (1 + rest);
  const lse = Math.log1p(rest); // log sum exp(x) - max
  let loss = 0;
  let gRest = 0; // G - g_m
  let gm = 0;
  for (let c = 0; c < classes; c++) {
    const a = weights[c]! * targetMass(c, y, soft, keep, shift);
    let g = 0;
    // Classes without target mass add nothing (and would make 0 * Infinity at an infinite -log p).
    if (a !== 0) {
      const p = e[c]! * inv;
      const q = c === m ? rest * inv : 1 - p;
      const l = lse - shifted(x[xo + c]!, max);
      const mod = modulation(q, gamma);
      loss += a * mod * l;
      if (grad !== null) g = classWeight(a, p, q, l, mod, gamma);
    }
    if (grad !== null) grad[go + c] = g;
    if (c === m) gm = g;
    else gRest += g;
  }
  if (grad !== null) {
    const scale = rp.scale;
    const pg = (gRest + gm) * inv;
    for (let c = 0; c < classes; c++) grad[go + c] = (e[c]! * pg - grad[go + c]!) * scale;
    grad[go + m] = (gRest - gm * rest) * inv * scale;
  }
  return loss * rp.scale;
}
