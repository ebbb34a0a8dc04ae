import { msg } from './message';
import { LossInputError } from './errors';
import { logitOf } from './kernels';
import { lossFromLogit } from './losses';
import { checkProbability } from './params';
import { checkClassIndex, readProbabilityTarget, resolveSoftmaxParams } from './softmaxParams';
import type { ResolvedSoftmaxParams, SoftmaxKind, SoftmaxLossParams } from './softmaxParams';

/*
 * The softmax loss of one sample, class by class, and against p_t of the true class: what the
 * Loss Explorer's multi-class view draws. Both rest on one identity: with p = softmax(x),
 *   p_c = sigmoid(z_c),  z_c = x_c - log sum_{k != c} exp(x_k),
 * so class c's term a_c (1 - p_c)^gamma (-log p_c), a_c = w_c t'_c, is a_c times the binary focal
 * loss (alpha off) of the logit z_c, which lossFromLogit computes stably for any z. The terms sum
 * to softmaxLoss (the browser tests check it); softmaxLoss stays the one source of the total.
 */

let masses = new Float64Array(16);
let scratchTarget = new Float64Array(16);

/** a_c = w_c t'_c for each class, t' the smoothed target: into the shared `masses` buffer. */
function targetMasses(rp: ResolvedSoftmaxParams, target: number | ArrayLike<number>): Float64Array {
  const classes = rp.classes;
  if (masses.length < classes) {
    masses = new Float64Array(classes);
    scratchTarget = new Float64Array(classes);
  }
  if (typeof target === 'number') {
    checkClassIndex(target, rp, 'target');
    const ignored = target === rp.ignoreIndex;
    for (let c = 0; c < classes; c++) masses[c] = ignored ? 0 : rp.weights[c]! * (c === target ? rp.keep + rp.shift : rp.shift);
  } else if (typeof target === 'object' && target !== null) {
    readProbabilityTarget(target, classes, scratchTarget, 'target');
    for (let c = 0; c < classes; c++) masses[c] = rp.weights[c]! * (scratchTarget[c]! * rp.keep + rp.shift);
  } else {
    throw new LossInputError('target', target, msg('a class index or {0} probabilities', classes));
  }
  return masses;
}

/** The binary focal loss (alpha off) of logit z for the positive class: (1 - sigmoid z)^gamma (-log sigmoid z). */
function classTerm(mass: number, z: number, gamma: number, base: number | undefined): number {
  // A class without target mass contributes nothing, even where its -log p is infinite.
  return mass === 0 ? 0 : mass * lossFromLogit('focal', z, 1, { alpha: null, gamma, base });
}

/**
 * Each class's contribution to softmaxLoss(kind, logits, target, params): C numbers summing to the
 * loss, written into `out` (length C). Validates as softmaxLoss does.
 */
export function softmaxContributions(
  kind: SoftmaxKind,
  logits: ArrayLike<number>,
  target: number | ArrayLike<number>,
  params: SoftmaxLossParams = {},
  out: Float64Array = new Float64Array(logits.length),
): Float64Array {
  const classes = logits.length;
  if (!(classes >= 2)) throw new LossInputError('logits', `${classes} logits`, msg('at least 2 logits, one per class'));
  const rp = resolveSoftmaxParams(kind, classes, params);
  if (out.length !== classes) throw new LossInputError('out', `${out.length} elements`, msg('one per class ({0})', classes));
  let m = 0;
  for (let c = 0; c < classes; c++) {
    const x = logits[c]!;
    if (typeof x !== 'number' || x !== x) throw new LossInputError(`logits[${c}]`, x, msg('a number (infinities allowed)'));
    if (x > logits[m]!) m = c;
  }
  const a = targetMasses(rp, target);
  const max = logits[m]!;
  // e_k = exp(x_k - max) (an infinite max ties with itself: 0), the sum of the others of the max
  // kept on its own so a confident row keeps its precision, as the loss kernel does.
  let rest = 0;
  for (let c = 0; c < classes; c++) {
    if (c === m) continue;
    const d = logits[c]! - max;
    rest += Math.exp(d === d ? d : 0);
  }
  const sum = 1 + rest;
  for (let c = 0; c < classes; c++) {
    const d = logits[c]! - max;
    const shifted = d === d ? d : 0;
    // sum over k != c of e_k: at least 1 for c != m, since the max is among them.
    const others = c === m ? rest : sum - Math.exp(shifted);
    out[c] = classTerm(a[c]!, shifted - Math.log(others), rp.gamma, params.base);
  }
  return out;
}

/**
 * The softmax loss against p_t of the class `trueClass` when the other C - 1 classes share the
 * rest of the probability evenly, (1 - p_t) / (C - 1) each: the loss at each p_t of `pts`, into
 * `out`. `target` is a class index or C probabilities, as for softmaxLoss.
 */
export function softmaxSpreadCurve(
  kind: SoftmaxKind,
  pts: ArrayLike<number>,
  classes: number,
  trueClass: number,
  target: number | ArrayLike<number>,
  params: SoftmaxLossParams = {},
  out: Float64Array = new Float64Array(pts.length),
): Float64Array {
  const rp = resolveSoftmaxParams(kind, classes, params);
  checkClassIndex(trueClass, rp, 'trueClass');
  const a = targetMasses(rp, target);
  let othersMass = 0;
  for (let c = 0; c < classes; c++) if (c !== trueClass) othersMass += a[c]!;
  const own = a[trueClass]!;
  for (let i = 0; i < pts.length; i++) {
    const pt = pts[i]!;
    checkProbability(pt, 'p_t');
    const q = (1 - pt) / (classes - 1);
    out[i] = classTerm(own, logitOf(pt), rp.gamma, params.base) + classTerm(othersMass, logitOf(q), rp.gamma, params.base);
  }
  return out;
}
