import { msg } from './message';
import { LossInputError } from './errors';
import { softmaxRow } from './softmaxKernel';
import { checkClasses, checkClassIndex, isClassTarget, readProbabilityTarget, resolveSoftmaxParams } from './softmaxParams';
import type { SoftmaxKind, SoftmaxLossParams } from './softmaxParams';

/*
 * Multi-class (softmax) CE and focal loss: F.cross_entropy(weight=, label_smoothing=, ignore_index=)
 * per sample for 'ce', kornia's focal_loss and Keras's CategoricalFocalCrossentropy for 'focal'
 * (see SoftmaxLossParams for how their alphas map to class weights).
 */

// Scratch rows, grown to the largest C seen and shared by every call, so no call allocates per row.
// The kernel reads logits and targets from Float64Arrays only, which keeps its element access monomorphic.
let rowLogits = new Float64Array(16);
let rowTarget = new Float64Array(16);
let rowExp = new Float64Array(16);

function ensureScratch(classes: number): void {
  if (rowExp.length >= classes) return;
  rowLogits = new Float64Array(classes);
  rowTarget = new Float64Array(classes);
  rowExp = new Float64Array(classes);
}

/**
 * The loss of one sample of C >= 2 logits, for a class index or a probability vector of length C.
 * When `grad` (length C) is given, it is filled with d loss / d logits.
 */
export function softmaxLoss(
  kind: SoftmaxKind,
  logits: ArrayLike<number>,
  target: number | ArrayLike<number>,
  params: SoftmaxLossParams = {},
  grad?: Float64Array,
): number {
  const classes = logits.length;
  if (!(classes >= 2)) throw new LossInputError('logits', `${classes} logits`, msg('at least 2 logits, one per class'));
  const rp = resolveSoftmaxParams(kind, classes, params);
  ensureScratch(classes);
  for (let c = 0; c < classes; c++) {
    const x = logits[c]!;
    if (typeof x !== 'number' || x !== x) throw new LossInputError(`logits[${c}]`, x, msg('a number (infinities allowed)'));
    rowLogits[c] = x;
  }
  let soft: Float64Array | null = null;
  let y = -1;
  if (typeof target === 'number') {
    checkClassIndex(target, rp, 'target');
    y = target;
  } else if (typeof target === 'object' && target !== null) {
    readProbabilityTarget(target, classes, rowTarget, 'target');
    soft = rowTarget;
  } else {
    throw new LossInputError('target', target, msg('a class index or {0} probabilities', classes));
  }
  checkGrad(grad, classes);
  return softmaxRow(rowLogits, 0, y, soft, rp, rowExp, grad ?? null, 0);
}

/**
 * The summed loss of N rows of C logits (row-major) with N class-index targets; fills `grad` (N x C)
 * with d loss / d logits when given. Parameters are validated once; rows as they are reached.
 */
export function softmaxBatch(
  kind: SoftmaxKind,
  logits: Float64Array,
  classes: number,
  targets: ArrayLike<number>,
  params: SoftmaxLossParams = {},
  grad?: Float64Array,
): number {
  checkClasses(classes, 'classes');
  const rp = resolveSoftmaxParams(kind, classes, params);
  const rows = checkShape(logits, classes, targets);
  checkGrad(grad, logits.length);
  ensureScratch(classes);
  const out = grad ?? null;
  const e = rowExp;
  let sum = 0;
  for (let i = 0; i < rows; i++) {
    const o = i * classes;
    const y = targets[i]!;
    // The field name is built only on failure: nothing is allocated per row.
    if (!isClassTarget(y, rp)) checkClassIndex(y, rp, `targets[${i}]`);
    const loss = softmaxRow(logits, o, y, null, rp, e, out, o);
    // The kernel gives NaN for a NaN logit and for nothing else; finding it costs nothing on good rows.
    if (loss !== loss) refuseNaNLogit(logits, o, classes);
    sum += loss;
  }
  return sum;
}

function refuseNaNLogit(logits: Float64Array, start: number, classes: number): never {
  for (let c = start; c < start + classes; c++) {
    if (logits[c] !== logits[c]) throw new LossInputError(`logits[${c}]`, logits[c], msg('a number (infinities allowed)'));
  }
  throw new Error(`softmax kernel gave NaN for the row at logits[${start}], which holds no NaN`);
}

/**
 * What PyTorch's reduction='mean' divides the summed loss by for class-index targets: the summed
 * weight of the targets' classes, rows with the ignored index left out (their count when there are
 * no class weights). With probability targets PyTorch divides by the number of rows instead.
 */
export function softmaxMeanDivisor(classes: number, targets: ArrayLike<number>, params: SoftmaxLossParams = {}): number {
  checkClasses(classes, 'classes');
  const rp = resolveSoftmaxParams('ce', classes, params);
  let divisor = 0;
  for (let i = 0; i < targets.length; i++) {
    const y = targets[i]!;
    if (!isClassTarget(y, rp)) checkClassIndex(y, rp, `targets[${i}]`);
    if (y !== rp.ignoreIndex) divisor += rp.weights[y]!;
  }
  return divisor;
}

/** The number of rows: logits must hold whole rows of C, one per target. */
function checkShape(logits: Float64Array, classes: number, targets: ArrayLike<number>): number {
  const rows = logits.length / classes;
  if (!Number.isInteger(rows)) {
    throw new LossInputError('logits', `${logits.length} elements`, msg('whole rows of {0} classes', classes));
  }
  if (targets.length !== rows) {
    throw new LossInputError('targets', `${targets.length} elements`, msg('one per row of logits ({0} rows)', rows));
  }
  return rows;
}

function checkGrad(grad: Float64Array | undefined, length: number): void {
  if (grad !== undefined && grad.length !== length) {
    throw new LossInputError('grad', `${grad.length} elements`, msg('as long as logits ({0} elements)', length));
  }
}

/**
 * softmax(logits) of one sample, stable for any logits: shifted by the largest, so no exp overflows;
 * +inf logits share all the probability, -inf ones get 0. Refuses NaN and all -inf with a LossInputError.
 */
export function softmaxProbabilities(logits: ArrayLike<number>): Float64Array {
  const classes = logits.length;
  if (!(classes >= 2)) throw new LossInputError('logits', `${classes} logits`, msg('at least 2 logits, one per class'));
  let max = -Infinity;
  for (let c = 0; c < classes; c++) {
    const x = logits[c]!;
    if (typeof x !== 'number' || x !== x) throw new LossInputError(`logits[${c}]`, x, msg('a number (infinities allowed)'));
    if (x > max) max = x;
  }
  if (max === -Infinity) throw new LossInputError('logits', 'all -inf', msg('at least one finite logit'));
  const p = new Float64Array(classes);
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const x = logits[c]!;
    p[c] = max === Infinity ? (x === Infinity ? 1 : 0) : Math.exp(x - max);
    sum += p[c]!;
  }
  for (let c = 0; c < classes; c++) p[c] = p[c]! / sum;
  return p;
}
