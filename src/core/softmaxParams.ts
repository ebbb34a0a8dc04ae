import { msg } from './message';
import { LossInputError } from './errors';
import { checkBase, checkGamma, checkLabelSmoothing } from './params';

export type SoftmaxKind = 'ce' | 'focal';

export const SOFTMAX_KINDS: readonly SoftmaxKind[] = ['ce', 'focal'];

/**
 * Parameters of a softmax loss over C classes. `gamma` defaults to 2 for 'focal' (always 0 for
 * 'ce'); `classWeights` (C numbers >= 0, default all 1) are PyTorch's weight=, kornia's alpha
 * vector [1 - alpha, alpha, ..., alpha] times its weight, or Keras's alpha for every class;
 * `labelSmoothing` e in [0, 1] mixes the target with the uniform distribution, t' = (1 - e) t + e / C;
 * `base` is the logarithm base, default e. `ignoreIndex` (default none) is PyTorch's ignore_index:
 * a class-index target equal to it contributes 0 loss and 0 gradient; probability targets ignore it.
 */
export interface SoftmaxLossParams {
  gamma?: number;
  classWeights?: ArrayLike<number> | null;
  labelSmoothing?: number;
  base?: number;
  ignoreIndex?: number;
}

/** Softmax parameters after validation and defaults: what the row kernel reads. */
export interface ResolvedSoftmaxParams {
  readonly classes: number;
  readonly gamma: number;
  /** w_c, all 1 when no class weights are given. */
  readonly weights: Float64Array;
  /** t' = t keep + shift: 1 - e and e / C. */
  readonly keep: number;
  readonly shift: number;
  /** What label smoothing gives every class of a class-index target: w_c shift, their sum, and the sum over c != m for each m. */
  readonly smoothMass: Float64Array;
  readonly smoothMassSum: number;
  readonly smoothMassOthers: Float64Array;
  /** 1 / ln(base): every loss and gradient is scaled by it. */
  readonly scale: number;
  /** NaN when nothing is ignored: no target compares equal to NaN, so the row loop needs no flag. */
  readonly ignoreIndex: number;
}

/** The tolerance on the sum of a probability target. */
const SUM_TOLERANCE = 1e-6;

export function isSoftmaxKind(value: unknown): value is SoftmaxKind {
  return typeof value === 'string' && (SOFTMAX_KINDS as readonly string[]).includes(value);
}

/** Validates `params` for `kind` over `classes` classes and fills in defaults. Throws LossInputError on bad input. */
export function resolveSoftmaxParams(kind: SoftmaxKind, classes: number, params: SoftmaxLossParams = {}): ResolvedSoftmaxParams {
  if (!isSoftmaxKind(kind)) {
    throw new LossInputError('kind', kind, `one of ${SOFTMAX_KINDS.map((k) => `'${k}'`).join(', ')}`);
  }
  // The binary checkers: 'ce' and 'focal' are binary kinds too, with the same gamma rules and default.
  const gamma = checkGamma(params.gamma, kind);
  const scale = 1 / Math.log(checkBase(params.base));
  const smoothing = checkLabelSmoothing(params.labelSmoothing);
  const weights = checkClassWeights(params.classWeights, classes);
  const shift = smoothing / classes;
  const smoothMass = weights.map((w) => w * shift);
  const smoothMassOthers = sumOfOthers(smoothMass);
  return {
    classes,
    gamma: kind === 'ce' ? 0 : gamma,
    weights,
    keep: 1 - smoothing,
    shift,
    smoothMass,
    smoothMassSum: smoothMassOthers[0]! + smoothMass[0]!,
    smoothMassOthers,
    scale,
    ignoreIndex: checkIgnoreIndex(params.ignoreIndex),
  };
}

/** For each m, the sum of v over c != m, from prefix and suffix sums: no cancellation, O(C). */
function sumOfOthers(v: Float64Array): Float64Array {
  const out = new Float64Array(v.length);
  for (let c = 1; c < v.length; c++) out[c] = out[c - 1]! + v[c - 1]!;
  for (let c = v.length - 2, suffix = 0; c >= 0; c--) {
    suffix += v[c + 1]!;
    out[c] = out[c]! + suffix;
  }
  return out;
}

/** C, the number of classes: a whole number >= 2. */
export function checkClasses(classes: number, field: string): void {
  if (typeof classes !== 'number' || !Number.isInteger(classes) || classes < 2) {
    throw new LossInputError(field, classes, msg('a whole number of classes >= 2'));
  }
}

function checkClassWeights(weights: ArrayLike<number> | null | undefined, classes: number): Float64Array {
  if (weights === null || weights === undefined) return new Float64Array(classes).fill(1);
  if (typeof weights !== 'object' || weights.length !== classes) {
    const got = typeof weights === 'object' ? `${weights.length} numbers` : weights;
    throw new LossInputError('classWeights', got, msg('{0} numbers, one per class', classes));
  }
  const out = new Float64Array(classes);
  for (let c = 0; c < classes; c++) {
    const w = weights[c]!;
    if (typeof w !== 'number' || !(w >= 0 && w < Infinity)) throw new LossInputError(`classWeights[${c}]`, w, msg('a finite number >= 0'));
    out[c] = w;
  }
  return out;
}

function checkIgnoreIndex(ignoreIndex: number | undefined): number {
  if (ignoreIndex === undefined) return NaN;
  if (typeof ignoreIndex !== 'number' || !Number.isInteger(ignoreIndex)) {
    throw new LossInputError('ignoreIndex', ignoreIndex, msg('a whole number (PyTorch uses -100)'));
  }
  return ignoreIndex;
}

/** Whether `target` is a class index, a whole number in [0, C), or the ignored index. */
export function isClassTarget(target: number, rp: ResolvedSoftmaxParams): boolean {
  return (target >= 0 && target < rp.classes && Number.isInteger(target)) || target === rp.ignoreIndex;
}

/** Throws unless `target` is a class index (see isClassTarget). */
export function checkClassIndex(target: number, rp: ResolvedSoftmaxParams, field: string): void {
  if (typeof target !== 'number' || !isClassTarget(target, rp)) {
    throw new LossInputError(field, target, msg('a class index, a whole number in [0, {0})', rp.classes));
  }
}

/** A probability target: C numbers >= 0 summing to 1 (within 1e-6), copied into `out`. */
export function readProbabilityTarget(target: ArrayLike<number>, classes: number, out: Float64Array, field: string): void {
  if (target.length !== classes) {
    throw new LossInputError(field, `${target.length} numbers`, msg('a class index or {0} probabilities, one per class', classes));
  }
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const t = target[c]!;
    if (typeof t !== 'number' || !(t >= 0 && t < Infinity)) throw new LossInputError(`${field}[${c}]`, t, msg('a probability >= 0'));
    out[c] = t;
    sum += t;
  }
  if (!(Math.abs(sum - 1) <= SUM_TOLERANCE)) {
    throw new LossInputError(field, `probabilities summing to ${sum}`, msg('probabilities summing to 1 (within {0})', SUM_TOLERANCE));
  }
}
