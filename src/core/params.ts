import { msg } from './message';
import { LossInputError } from './errors';

export type LossKind = 'ce' | 'balanced' | 'focal' | 'focal-star';

export const LOSS_KINDS: readonly LossKind[] = ['ce', 'balanced', 'focal', 'focal-star'];

/**
 * Parameters of a loss. `alpha` null or absent means no alpha weighting (torchvision's alpha < 0,
 * optax's None). `gamma` defaults to 2 for 'focal' and 'focal-star'; `beta` (FL* only) to 0;
 * `base` is the logarithm base, default e.
 * `posWeight` (default 1) multiplies the positive term y (-log p), as BCEWithLogitsLoss's pos_weight
 * and kornia's binary_focal_loss_with_logits; for FL*, which has no separate positive term, it
 * weights the loss by posWeight y + (1 - y).
 * `labelSmoothing` e (default 0) replaces y by y (1 - e) + e / 2 before anything else (p_t, alpha_t),
 * as Keras's BinaryCrossentropy and BinaryFocalCrossentropy do.
 */
export interface LossParams {
  alpha?: number | null;
  gamma?: number;
  beta?: number;
  base?: number;
  posWeight?: number;
  labelSmoothing?: number;
}

/** Parameters after validation and defaults: what the kernels read. */
export interface ResolvedParams {
  /** alpha in [0, 1], or -1 for no alpha weighting. */
  readonly alpha: number;
  /** alpha_t = alphaPositive y + alphaNegative (1 - y): alpha and 1 - alpha, or 1 and 1 when alpha is off. */
  readonly alphaPositive: number;
  readonly alphaNegative: number;
  readonly gamma: number;
  readonly beta: number;
  /** 1 / ln(base): every loss and gradient is scaled by it. */
  readonly scale: number;
  /** The weight of the positive term; 1 when off. */
  readonly posWeight: number;
  /** Label smoothing as y' = y targetKeep + targetShift: 1 - e and e / 2 (1 and 0 when off, which leaves y exact). */
  readonly targetKeep: number;
  readonly targetShift: number;
}

export const DEFAULT_GAMMA = 2;
export const DEFAULT_BETA = 0;

export function isLossKind(value: unknown): value is LossKind {
  return typeof value === 'string' && (LOSS_KINDS as readonly string[]).includes(value);
}

/** Validates `params` for `kind` and fills in defaults. Throws LossInputError on bad input. */
export function resolveParams(kind: LossKind, params: LossParams = {}): ResolvedParams {
  if (!isLossKind(kind)) {
    throw new LossInputError('kind', kind, `one of ${LOSS_KINDS.map((k) => `'${k}'`).join(', ')}`);
  }
  const alpha = checkAlpha(params.alpha);
  const gamma = checkGamma(params.gamma, kind);
  const beta = params.beta ?? DEFAULT_BETA;
  if (typeof beta !== 'number' || !Number.isFinite(beta)) {
    throw new LossInputError('beta', beta, msg('a finite number'));
  }
  const scale = 1 / Math.log(checkBase(params.base));
  const posWeight = checkPosWeight(params.posWeight);
  const smoothing = checkLabelSmoothing(params.labelSmoothing);
  const a = kind === 'ce' ? -1 : alpha;
  // One object literal for every kind, so the kernels always see the same object shape.
  return {
    alpha: a,
    alphaPositive: a < 0 ? 1 : a,
    alphaNegative: a < 0 ? 1 : 1 - a,
    gamma: kind === 'ce' || kind === 'balanced' ? 0 : gamma,
    beta,
    scale,
    posWeight,
    targetKeep: 1 - smoothing,
    targetShift: smoothing / 2,
  };
}

function checkAlpha(alpha: number | null | undefined): number {
  if (alpha === null || alpha === undefined) return -1;
  if (typeof alpha !== 'number' || !(alpha >= 0 && alpha <= 1)) {
    throw new LossInputError('alpha', alpha, msg('a number in [0, 1], or null for no alpha weighting'));
  }
  return alpha;
}

export function checkGamma(gamma: number | undefined, kind: LossKind): number {
  if (gamma === undefined) return DEFAULT_GAMMA;
  if (kind === 'focal-star') {
    // FL* divides by gamma.
    if (typeof gamma !== 'number' || !(gamma > 0 && gamma < Infinity)) {
      throw new LossInputError('gamma', gamma, msg('a finite number > 0 for FL*'));
    }
  } else if (typeof gamma !== 'number' || !(gamma >= 0 && gamma < Infinity)) {
    throw new LossInputError('gamma', gamma, msg('a finite number >= 0'));
  }
  return gamma;
}

export function checkBase(base: number | undefined): number {
  if (base === undefined) return Math.E;
  if (typeof base !== 'number' || !(base > 0 && base < Infinity) || base === 1) {
    throw new LossInputError('base', base, msg('a finite number > 0 other than 1'));
  }
  return base;
}

function checkPosWeight(posWeight: number | undefined): number {
  if (posWeight === undefined) return 1;
  if (typeof posWeight !== 'number' || !(posWeight > 0 && posWeight < Infinity)) {
    throw new LossInputError('posWeight', posWeight, msg('a finite number > 0'));
  }
  return posWeight;
}

/** Label smoothing e in [0, 1], default 0: shared by the binary and the softmax losses. */
export function checkLabelSmoothing(smoothing: number | undefined): number {
  if (smoothing === undefined) return 0;
  if (typeof smoothing !== 'number' || !(smoothing >= 0 && smoothing <= 1)) {
    throw new LossInputError('labelSmoothing', smoothing, msg('a number in [0, 1]'));
  }
  return smoothing;
}

export function checkProbability(p: number, field = 'p'): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new LossInputError(field, p, msg('a probability in [0, 1]'));
  }
}

export function checkTarget(y: number, field = 'y'): void {
  if (typeof y !== 'number' || !(y >= 0 && y <= 1)) {
    throw new LossInputError(field, y, msg('a target in [0, 1]'));
  }
}

export function checkLogit(x: number, field = 'logit'): void {
  if (typeof x !== 'number' || Number.isNaN(x)) {
    throw new LossInputError(field, x, msg('a number (infinities allowed)'));
  }
}
