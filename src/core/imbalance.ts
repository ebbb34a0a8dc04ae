import { msg } from './message';
import { LossInputError } from './errors';
import { checkTarget, resolveParams } from './params';

/*
 * The class-imbalance view: how much of the total loss comes from the many easy negatives under
 * CE, balanced CE and FL, and the paper's Figure 4 (cumulative normalized loss, easiest first).
 *
 * Each class is a normal distribution of logits, represented by its n quantiles
 * x_j = mean + sd * Phi^-1((j + 0.5) / n): deterministic, reproducible, and already sorted, so the
 * examples come in order of decreasing p_t (increasing loss) without a sort. That order does not
 * depend on gamma or alpha, so each example's CE = -ln p_t and l = ln(1 - p_t) are computed once
 * and gathered into narrow bins of l (sorted, easiest first). Per bin the class keeps the count,
 * the CE sum, and the CE-weighted mean m and variance v of l, so a gamma change is a pass over the
 * bins, not the examples:
 *   sum over a bin of CE e^(gamma l) = S e^(gamma m) (1 + gamma^2 v / 2 + O(gamma^3 w^3))
 * which with bin width w = 0.004 is within ~1e-7 relative of the per-example sum, at 10^7
 * negatives as at 100, and keeps a few hundred KB instead of 80 MB.
 */

/** A class of examples: how many, and how confident the model is on them (logits ~ normal). */
export interface ClassDistribution {
  readonly count: number;
  readonly meanLogit: number;
  readonly sdLogit: number;
}

/** One class, precomputed into bins of l = ln(1 - p_t), easiest bin first. */
export interface ClassSamples {
  readonly y: 0 | 1;
  readonly count: number;
  /** How many examples are easy (p_t > 0.5), and how many bins hold them (bins never straddle p_t = 0.5). */
  readonly easyCount: number;
  readonly easyBins: number;
  /** Per bin: examples, CE sum (nats), CE-weighted mean and variance of l. */
  readonly binCount: Float64Array;
  readonly binCe: Float64Array;
  readonly binMean: Float64Array;
  readonly binVariance: Float64Array;
  /** Sum of CE over the class and over its easy part, in nats (exact, not from bins). */
  readonly ceSum: number;
  readonly easyCeSum: number;
}

/** The largest class the view builds: the paper's ~10^7 negatives. */
export const MAX_CLASS_COUNT = 10_000_000;
/** Width of a bin of l = ln(1 - p_t). */
export const BIN_WIDTH = 0.004;
/** Bins per class at most (a class spread over ~4000 nats of l); wider bins beyond that. */
const MAX_BINS = 1 << 20;
const LN_HALF = -Math.LN2;

function checkDistribution(dist: ClassDistribution, field: string): void {
  const { count, meanLogit, sdLogit } = dist;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_CLASS_COUNT) {
    throw new LossInputError(msg('{0} count', field), count, msg('a whole number from 1 to {0}', MAX_CLASS_COUNT.toLocaleString('en-US')));
  }
  if (typeof meanLogit !== 'number' || !Number.isFinite(meanLogit)) {
    throw new LossInputError(msg('{0} mean logit', field), meanLogit, msg('a finite number'));
  }
  if (typeof sdLogit !== 'number' || !(sdLogit >= 0 && sdLogit < Infinity)) {
    throw new LossInputError(msg('{0} logit spread', field), sdLogit, msg('a finite number >= 0'));
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
    throw new LossInputError('u', u, msg('a probability in [0, 1]'));
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

/** x_t = (2y - 1) x of the j-th example, easiest first (x_t decreasing in j). */
function targetLogit(j: number, n: number, meanT: number, sd: number): number {
  return meanT - sd * normalQuantile((j + 0.5) / n);
}

/** Builds one class: each example's CE and ln(1 - p_t), gathered into bins, easiest first. */
export function classSamples(y: 0 | 1, dist: ClassDistribution): ClassSamples {
  checkTarget(y);
  checkDistribution(dist, y === 1 ? 'positives' : 'negatives');
  const n = dist.count;
  const meanT = (2 * y - 1) * dist.meanLogit;
  const sd = dist.sdLogit;
  // l = -softplus(x_t) is increasing in j, so the range of l is known from the two ends.
  const lOf = (xt: number) => -((xt > 0 ? xt : 0) + Math.log1p(Math.exp(-Math.abs(xt))));
  const xtFirst = targetLogit(0, n, meanT, sd);
  const xtLast = targetLogit(n - 1, n, meanT, sd);
  // Easy bins (x_t > 0) cover [l of the first, ln 0.5), hard bins [ln 0.5, l of the last].
  const easyLow = Math.min(lOf(xtFirst), LN_HALF);
  const easyBins = xtFirst > 0 ? Math.max(1, Math.ceil((LN_HALF - easyLow) / BIN_WIDTH)) : 0;
  const hardBins = xtLast <= 0 ? Math.max(1, Math.ceil((lOf(xtLast) - LN_HALF) / BIN_WIDTH)) : 0;
  const scale = Math.max(1, (easyBins + hardBins) / MAX_BINS);
  const easyWidth = easyBins > 0 ? ((LN_HALF - easyLow) / easyBins) * scale : 1;
  const hardWidth = BIN_WIDTH * scale;
  const nEasy = Math.ceil(easyBins / scale);
  const nHard = Math.ceil(hardBins / scale);
  const bins = nEasy + nHard;
  const binCount = new Float64Array(bins);
  const binCe = new Float64Array(bins);
  const sumD = new Float64Array(bins); // sum of CE (l - left edge)
  const sumD2 = new Float64Array(bins);
  const left = new Float64Array(bins);
  for (let b = 0; b < nEasy; b++) left[b] = easyLow + b * easyWidth;
  for (let b = 0; b < nHard; b++) left[nEasy + b] = LN_HALF + b * hardWidth;
  let easyCount = 0;
  let ceSum = 0;
  let easyCeSum = 0;
  for (let j = 0; j < n; j++) {
    const xt = targetLogit(j, n, meanT, sd);
    // -ln p_t = softplus(-x_t) and ln(1 - p_t) = -softplus(x_t), without cancellation.
    const e = Math.log1p(Math.exp(-Math.abs(xt)));
    const ce = (xt < 0 ? -xt : 0) + e;
    const l = -((xt > 0 ? xt : 0) + e);
    let b: number;
    if (xt > 0) {
      // p_t > 0.5: easy.
      easyCount = j + 1;
      easyCeSum += ce;
      b = Math.min(nEasy - 1, Math.max(0, Math.floor((l - easyLow) / easyWidth)));
    } else {
      b = nEasy + Math.min(nHard - 1, Math.max(0, Math.floor((l - LN_HALF) / hardWidth)));
    }
    ceSum += ce;
    const d = l - left[b]!;
    binCount[b]! += 1;
    binCe[b]! += ce;
    sumD[b]! += ce * d;
    sumD2[b]! += ce * d * d;
  }
  const binMean = new Float64Array(bins);
  const binVariance = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    const w = binCe[b]!;
    if (w === 0) continue;
    const meanD = sumD[b]! / w;
    binMean[b] = left[b]! + meanD;
    binVariance[b] = Math.max(0, sumD2[b]! / w - meanD * meanD);
  }
  return { y, count: n, easyCount, easyBins: nEasy, binCount, binCe, binMean, binVariance, ceSum, easyCeSum };
}

/** Sums of (1 - p_t)^gamma CE over a class and its easy part, in nats, without alpha. */
export interface FocalSums {
  readonly total: number;
  readonly easy: number;
}

/** A bin's sum of CE (1 - p_t)^gamma from its moments. */
function binFocal(samples: ClassSamples, b: number, gamma: number): number {
  const ce = samples.binCe[b]!;
  if (ce === 0 || gamma === 0) return ce;
  return ce * Math.exp(gamma * samples.binMean[b]!) * (1 + 0.5 * gamma * gamma * samples.binVariance[b]!);
}

/**
 * One pass over a class's bins at `gamma`. When `cumulative` is given (length >= 2), it is filled
 * with the share of the class's loss carried by its easiest k / (length - 1) fraction of examples,
 * k = 0..: the paper's Figure 4 curve (linear within a bin).
 */
export function focalPass(samples: ClassSamples, gamma: number, cumulative?: Float64Array): FocalSums {
  resolveParams('focal', { gamma });
  const bins = samples.binCe.length;
  let total = 0;
  let easy = 0;
  if (cumulative === undefined) {
    if (gamma === 0) return { total: samples.ceSum, easy: samples.easyCeSum };
    for (let b = 0; b < bins; b++) {
      total += binFocal(samples, b, gamma);
      if (b + 1 === samples.easyBins) easy = total;
    }
    return { total, easy };
  }
  const marks = cumulative.length - 1;
  const perBin = new Float64Array(bins);
  for (let b = 0; b < bins; b++) {
    perBin[b] = binFocal(samples, b, gamma);
    total += perBin[b]!;
    if (b + 1 === samples.easyBins) easy = total;
  }
  // Walk the marks and the bins together: mark k is at k * count / marks examples.
  let b = 0;
  let before = 0; // examples in bins before b
  let lossBefore = 0;
  for (let k = 0; k <= marks; k++) {
    const at = (k * samples.count) / marks;
    while (b < bins && before + samples.binCount[b]! < at) {
      before += samples.binCount[b]!;
      lossBefore += perBin[b]!;
      b++;
    }
    const inBin = b < bins && samples.binCount[b]! > 0 ? (at - before) / samples.binCount[b]! : 0;
    const value = b < bins ? lossBefore + inBin * perBin[b]! : total;
    cumulative[k] = total > 0 ? Math.min(1, value / total) : 0;
  }
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
