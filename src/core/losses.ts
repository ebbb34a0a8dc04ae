import { focalFromLogit, focalFromProb, focalStarFromLogit, logitOf } from './kernels';
import { checkLogit, checkProbability, checkTarget, resolveParams } from './params';
import type { LossKind, LossParams } from './params';

// Scalar calls write their gradient here; one slot shared by every call, never exposed.
const gradSlot = new Float64Array(1);

/** The loss of one prediction given as a probability p in [0, 1], for a target y in [0, 1]. */
export function lossFromProb(kind: LossKind, p: number, y: number, params: LossParams = {}): number {
  const rp = resolveParams(kind, params);
  checkProbability(p);
  checkTarget(y);
  if (kind === 'focal-star') return focalStarFromLogit(logitOf(p), y, rp, null, 0);
  return focalFromProb(p, y, rp);
}

/** The loss of one prediction given as a logit x (any number, infinities included). */
export function lossFromLogit(kind: LossKind, x: number, y: number, params: LossParams = {}): number {
  const rp = resolveParams(kind, params);
  checkLogit(x);
  checkTarget(y);
  return kind === 'focal-star' ? focalStarFromLogit(x, y, rp, null, 0) : focalFromLogit(x, y, rp, null, 0);
}

/** d loss / d x in closed form (paper appendix B for FL, appendix A for FL*). */
export function gradFromLogit(kind: LossKind, x: number, y: number, params: LossParams = {}): number {
  const rp = resolveParams(kind, params);
  checkLogit(x);
  checkTarget(y);
  if (kind === 'focal-star') focalStarFromLogit(x, y, rp, gradSlot, 0);
  else focalFromLogit(x, y, rp, gradSlot, 0);
  return gradSlot[0]!;
}
