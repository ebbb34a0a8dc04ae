import { LossInputError } from './errors';
import { checkTarget, resolveParams } from './params';

/*
 * The class-imbalance view: how much of the total loss comes from the many easy negatives under
 * CE, balanced CE and FL, and the paper's Figure 4 (cumulative normalized loss, easiest first).
 *
 * Each class is a normal distribution of logits, represented by its n quantiles
 * x_j = mean + sd * Phi^-1((j + 0.5) / n): deterministic, reproducible, and already sorted, so the
 * examples are generated in order of decreasing p_t (increasing loss) without a sort. That order
 * does not depend on gamma or alpha, so per-example CE = -ln p_t and ln(1 - p_t) are computed once;
 * a change of gamma is then one pass of exp over the class, fast enough at the paper's 10^7 negatives.
 */

/** A class of examples: how many, and how confident the model is on them (logits ~ normal). */
export interface ClassDistribution {
  readonly count: number;
  readonly meanLogit: number;
  readonly sdLogit: number;
}

/** One class, precomputed: easiest example first (p_t decreasing, so every loss increasing). */
export interface ClassSamples {
  readonly y: 0 | 1;
  readonly count: number;
  /** -ln p_t per example, in nats. Float32 keeps 10^7 examples at 40 MB; sums are kept in doubles. */
  readonly ce: Float32Array;
  /** ln(1 - p_t) per example: the modulating factor is exp(gamma * logQ). */
  readonly logQ: Float32Array;
  /** How many examples are easy (p_t > 0.5); they are the first `easyCount`. */
  readonly easyCount: number;
  /** Sum of CE over the class and over its easy part, in nats. */
  readonly ceSum: number;
  readonly easyCeSum: number;
}

/** The largest class the view builds: the paper's ~10^7 negatives. */
export const MAX_CLASS_COUNT = 10_000_000;

function checkDistribution(dist: ClassDistribution, field: string): void {
  const { count, meanLogit, sdLogit } = dist;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_CLASS_COUNT) {
    throw new LossInputError(`${field} count`, count, `a whole number from 1 to ${MAX_CLASS_COUNT.toLocaleString('en-US')}`);
  }
  if (typeof meanLogit !== 'number' || !Number.isFinite(meanLogit)) {
    throw new LossInputError(`${field} mean logit`, meanLogit, 'a finite number');
  }
  if (typeof sdLogit !== 'number' || !(sdLogit >= 0 && sdLogit < Infinity)) {
    throw new LossInputError(`${field} logit spread`, sdLogit, 'a finite number >= 0');
  }
}

/**
 * Phi^-1(u), the standard normal quantile (Acklam's rational approximation, relative error
 * below 1.2e-9): ample for a distribution the person sets with a slider.
 */
export function normalQuantile(u: number): number {
  if (!(u > 0 && u < 1)) {
    if (u === 0) return -Infinity;
    if (u === 1) return Infinity;
    throw new LossInputError('u', u, 'a probability in [0, 1]');
  }
  const low = 0.02425;
  if (u < low) {
    const q = Math.sqrt(-2 * Math.log(u));
    return (
      (((((-7.784894002430293e-3 * q - 3.223964580411365e-1) * q - 2.400758277161838) * q - 2.549732539343734) * q +
        4.374664141464968) * q + 2.938163982698783) /
      ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1)
    );
  }
  if (u > 1 - low) return -normalQuantile(1 - u);
  const q = u - 0.5;
  const r = q * q;
  return (
    ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r - 2.759285104469687e2) * r + 1.38357751867269e2) * r -
      3.066479806614716e1) * r + 2.506628277459239) * q) /
    (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r - 1.556989798598866e2) * r + 6.680131188771972e1) * r -
      1.328068155288572e1) * r + 1)
  );
}

/** The logits of a class in the order ClassSamples keeps them (easiest first). For tests and small classes. */
export function classLogits(y: 0 | 1, dist: ClassDistribution): Float64Array {
  checkTarget(y);
  checkDistribution(dist, y === 1 ? 'positives' : 'negatives');
  const n = dist.count;
  const out = new Float64Array(n);
  const s = 2 * y - 1;
  // x_t = s x is decreasing in j, so p_t is too.
  for (let j = 0; j < n; j++) out[j] = s * (s * dist.meanLogit - dist.sdLogit * normalQuantile((j + 0.5) / n));
  return out;
}

/** Builds one class: per-example CE and ln(1 - p_t), easiest example first. */
export function classSamples(y: 0 | 1, dist: ClassDistribution): ClassSamples {
  checkTarget(y);
  checkDistribution(dist, y === 1 ? 'positives' : 'negatives');
  const n = dist.count;
  const ce = new Float32Array(n);
  const logQ = new Float32Array(n);
  const s = 2 * y - 1;
  const meanT = s * dist.meanLogit;
  let easyCount = 0;
  let ceSum = 0;
  let easyCeSum = 0;
  for (let j = 0; j < n; j++) {
    const xt = meanT - dist.sdLogit * normalQuantile((j + 0.5) / n);
    // -ln p_t = softplus(-x_t) and ln(1 - p_t) = -softplus(x_t), without cancellation.
    const l = Math.log1p(Math.exp(-Math.abs(xt)));
    const nlpt = (xt < 0 ? -xt : 0) + l;
    ce[j] = nlpt;
    logQ[j] = -((xt > 0 ? xt : 0) + l);
    ceSum += nlpt;
    if (xt > 0) {
      easyCount = j + 1;
      easyCeSum += nlpt;
    }
  }
  return { y, count: n, ce, logQ, easyCount, ceSum, easyCeSum };
}

/** Sums of (1 - p_t)^gamma CE over a class and its easy part, in nats, without alpha. */
export interface FocalSums {
  readonly total: number;
  readonly easy: number;
}

/**
 * One pass over a class at `gamma`. When `cumulative` is given (length >= 2), it is filled with the
 * share of the class's loss carried by its easiest k / (length - 1) fraction of examples, k = 0..:
 * the paper's Figure 4 curve.
 */
export function focalPass(samples: ClassSamples, gamma: number, cumulative?: Float64Array): FocalSums {
  resolveParams('focal', { gamma });
  const { ce, logQ, count, easyCount } = samples;
  let total = 0;
  let easy = 0;
  if (cumulative === undefined) {
    if (gamma === 0) return { total: samples.ceSum, easy: samples.easyCeSum };
    for (let j = 0; j < count; j++) {
      total += ce[j]! * Math.exp(gamma * logQ[j]!);
      if (j + 1 === easyCount) easy = total;
    }
    return { total, easy };
  }
  const marks = cumulative.length - 1;
  cumulative[0] = 0;
  let next = 1;
  let nextIndex = Math.ceil((next * count) / marks);
  for (let j = 0; j < count; j++) {
    total += gamma === 0 ? ce[j]! : ce[j]! * Math.exp(gamma * logQ[j]!);
    if (j + 1 === easyCount) easy = total;
    while (j + 1 === nextIndex && next <= marks) {
      cumulative[next++] = total;
      nextIndex = Math.ceil((next * count) / marks);
    }
  }
  for (let k = next; k <= marks; k++) cumulative[k] = total;
  for (let k = 0; k <= marks; k++) cumulative[k] = total > 0 ? cumulative[k]! / total : 0;
  return { total, easy };
}

/** Figure 4's gammas. */
export const FIGURE4_GAMMAS: readonly number[] = [0, 0.5, 1, 2];

export type ImbalanceLoss = 'ce' | 'balanced' | 'focal';

/** Where one loss's total comes from. */
export interface ImbalanceRow {
  readonly loss: ImbalanceLoss;
  /** Total over both classes, in the chosen base. */
  readonly total: number;
  /** Total divided by the number of positives: the paper's normalization. */
  readonly perPositive: number;
  /** Shares of the total (0..1): easy negatives (p_t > 0.5), hard negatives, all positives. */
  readonly easyNegativeShare: number;
  readonly hardNegativeShare: number;
  readonly positiveShare: number;
}

/**
 * CE, balanced CE and FL over both classes, with where their totals come from. `focal` are the two
 * classes' sums at the current gamma (from focalPass), so a caller that already made the pass
 * does not make it again.
 */
export function imbalanceRows(
  positives: ClassSamples,
  negatives: ClassSamples,
  params: { alpha: number | null; gamma: number; base?: number },
  focal?: { positives: FocalSums; negatives: FocalSums },
): ImbalanceRow[] {
  const rp = resolveParams('focal', { alpha: params.alpha, gamma: params.gamma, base: params.base });
  const pos = focal?.positives ?? focalPass(positives, rp.gamma);
  const neg = focal?.negatives ?? focalPass(negatives, rp.gamma);
  const wPos = rp.alpha < 0 ? 1 : rp.alpha;
  const wNeg = rp.alpha < 0 ? 1 : 1 - rp.alpha;
  const row = (loss: ImbalanceLoss, p: FocalSums, n: FocalSums, wp: number, wn: number): ImbalanceRow => {
    const positive = wp * p.total;
    const easyNeg = wn * n.easy;
    const hardNeg = wn * (n.total - n.easy);
    const total = positive + easyNeg + hardNeg;
    const share = (part: number) => (total > 0 ? part / total : 0);
    return {
      loss,
      total: total * rp.scale,
      perPositive: (total * rp.scale) / positives.count,
      easyNegativeShare: share(easyNeg),
      hardNegativeShare: share(hardNeg),
      positiveShare: share(positive),
    };
  };
  const ceSums = (s: ClassSamples): FocalSums => ({ total: s.ceSum, easy: s.easyCeSum });
  return [
    row('ce', ceSums(positives), ceSums(negatives), 1, 1),
    row('balanced', ceSums(positives), ceSums(negatives), wPos, wNeg),
    row('focal', pos, neg, wPos, wNeg),
  ];
}
