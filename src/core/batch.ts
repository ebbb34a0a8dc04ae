import { msg } from './message';
import { LossInputError } from './errors';
import { focalFromLogit, focalStarFromLogit } from './kernels';
import { resolveParams } from './params';
import type { ResolvedParams } from './params';
import type { LossKind, LossParams } from './params';

/**
 * Sums the loss over all elements and, when `grad` is given, fills grad[i] with d loss / d logits[i].
 * Validates every element as it goes (a NaN logit or a target outside [0, 1] is refused with its index)
 * and allocates nothing per element.
 */
export function batchFromLogits(
  kind: LossKind,
  logits: Float64Array,
  targets: Float64Array,
  params: LossParams = {},
  grad?: Float64Array,
): number {
  const rp = resolveParams(kind, params);
  const n = logits.length;
  if (targets.length !== n) {
    throw new LossInputError('targets', `${targets.length} elements`, msg('as long as logits ({0} elements)', n));
  }
  const out = grad ?? null;
  if (out !== null && out.length !== n) {
    throw new LossInputError('grad', `${out.length} elements`, msg('as long as logits ({0} elements)', n));
  }
  // One loop per kernel, so each call site sees a single function and V8 inlines it.
  return kind === 'focal-star' ? sumFocalStar(logits, targets, rp, out) : sumFocal(logits, targets, rp, out);
}

function sumFocal(logits: Float64Array, targets: Float64Array, rp: ResolvedParams, grad: Float64Array | null): number {
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const x = logits[i]!;
    const y = targets[i]!;
    if (x !== x || !(y >= 0 && y <= 1)) refuseElement(x, y, i);
    sum += focalFromLogit(x, y, rp, grad, i);
  }
  return sum;
}

function sumFocalStar(logits: Float64Array, targets: Float64Array, rp: ResolvedParams, grad: Float64Array | null): number {
  let sum = 0;
  for (let i = 0; i < logits.length; i++) {
    const x = logits[i]!;
    const y = targets[i]!;
    if (x !== x || !(y >= 0 && y <= 1)) refuseElement(x, y, i);
    sum += focalStarFromLogit(x, y, rp, grad, i);
  }
  return sum;
}

function refuseElement(x: number, y: number, i: number): never {
  if (x !== x) throw new LossInputError(`logits[${i}]`, x, msg('a number (infinities allowed)'));
  throw new LossInputError(`targets[${i}]`, y, msg('a target in [0, 1]'));
}
