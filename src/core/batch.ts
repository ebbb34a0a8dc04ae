import { LossInputError } from './errors';
import { focalFromLogit, focalStarFromLogit } from './kernels';
import { resolveParams } from './params';
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
    throw new LossInputError('targets', `${targets.length} elements`, `as long as logits (${n} elements)`);
  }
  const out = grad ?? null;
  if (out !== null && out.length !== n) {
    throw new LossInputError('grad', `${out.length} elements`, `as long as logits (${n} elements)`);
  }
  const kernel = kind === 'focal-star' ? focalStarFromLogit : focalFromLogit;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = logits[i]!;
    const y = targets[i]!;
    if (x !== x) throw new LossInputError(`logits[${i}]`, x, 'a number (infinities allowed)');
    if (!(y >= 0 && y <= 1)) throw new LossInputError(`targets[${i}]`, y, 'a target in [0, 1]');
    sum += kernel(x, y, rp, out, i);
  }
  return sum;
}
