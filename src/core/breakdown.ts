import { alphaT, focalFromLogit, focalFromProb, focalStarFromLogit, logitOf, modulation, sigmoid, smoothedTarget } from './kernels';
import { checkLogit, checkProbability, checkTarget, resolveParams } from './params';
import type { LossParams } from './params';

/** A prediction as a probability or as a logit. */
export type Prediction = { readonly p: number } | { readonly logit: number };

/** Every quantity of the paper for one prediction: what tables, hovers and messages show. */
export interface LossBreakdown {
  readonly p: number;
  readonly logit: number;
  /** The target as given; under label smoothing every quantity below uses y' = y (1 - e) + e / 2. */
  readonly y: number;
  /** y', which is y when label smoothing is off. */
  readonly smoothedY: number;
  /** p_t = p y' + (1 - p)(1 - y') */
  readonly pt: number;
  /** alpha_t, or null when alpha weighting is off. */
  readonly alphaT: number | null;
  /** (1 - p_t)^gamma */
  readonly modulation: number;
  readonly ce: number;
  readonly balanced: number;
  readonly focal: number;
  /** FL* with the same gamma and beta, or null at gamma 0, where FL* is not defined. */
  readonly focalStar: number | null;
}

/**
 * Computes CE, balanced CE, FL and FL* for one prediction with the same kernels as the rest of the
 * core, so a table row always agrees with lossFromProb / lossFromLogit.
 */
export function lossBreakdown(prediction: Prediction, y: number, params: LossParams = {}): LossBreakdown {
  const focalParams = resolveParams('focal', params);
  const balancedParams = resolveParams('balanced', params);
  const ceParams = resolveParams('ce', params);
  checkTarget(y);
  let p: number;
  let logit: number;
  if ('p' in prediction) {
    p = prediction.p;
    checkProbability(p);
    logit = logitOf(p);
  } else {
    logit = prediction.logit;
    checkLogit(logit);
    p = sigmoid(logit);
  }
  const fromLogit = !('p' in prediction);
  const loss = (rp: typeof focalParams) => (fromLogit ? focalFromLogit(logit, y, rp, null, 0) : focalFromProb(p, y, rp));
  const ys = smoothedTarget(focalParams, y);
  const q = fromLogit ? ys * sigmoid(-logit) + (1 - ys) * p : ys * (1 - p) + (1 - ys) * p;
  return {
    p,
    logit,
    y,
    smoothedY: ys,
    pt: p * ys + (1 - p) * (1 - ys),
    alphaT: focalParams.alpha < 0 ? null : alphaT(focalParams, ys),
    modulation: modulation(q, focalParams.gamma),
    ce: loss(ceParams),
    balanced: loss(balancedParams),
    focal: loss(focalParams),
    focalStar: focalParams.gamma > 0 ? focalStarFromLogit(logit, y, focalParams, null, 0) : null,
  };
}
