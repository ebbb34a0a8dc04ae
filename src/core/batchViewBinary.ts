import type { BatchSpec, BatchSummary } from './batchSummary';
import type { BinaryBatchView, BinaryViewGroup } from './batchView';
import { float64Column } from './batchView';
import type { Figure } from './batchViewFigures';
import { ascendingOrder, ascends, cumulativeShares, estimated, exact, permuted, shareOf, topShares } from './batchViewFigures';
import type { BatchViewNumbers, CurveSet, HardRow } from './batchViewNumbers';
import { expNonPositive } from './exp';
import { focalFromParts, modulation } from './kernels';
import { resolveParams } from './params';
import type { ResolvedParams } from './params';

/*
 * The batch view's numbers for a binary (sigmoid) batch at the view's controls: each per-sample loss
 * comes from the core's kernel (focalFromParts on the parts of a logit, as focalFromLogit computes
 * them, or of a probability with PyTorch's -100 clamp on the logs), and the debuggee's exact sums
 * are used wherever they determine a number:
 *   - at the call's own parameters, the loss is the debuggee's summary.loss;
 *   - for hard targets, CE and balanced CE at any alpha, pos_weight and label smoothing e follow from
 *     each group's sums of log p and log q: a hard positive's smoothed target is ys = 1 - e/2 (a
 *     negative's e/2), its loss -alpha_t [pw ys log p + (1 - ys) log q], summed over the group;
 *   - FL at a gamma of the view's `gammas`, without smoothing or pos_weight, is alpha_t times the
 *     group's flSums; Figure 4's curves at those gammas are the debuggee's.
 * Everything else comes from the sample: exact when it is the whole batch, otherwise each group's
 * sample stands for its group (weight count / sampled) and the figure is marked estimated.
 */

export interface BinaryControls {
  /** alpha of alpha_t, or null for no alpha weighting. */
  readonly alpha: number | null;
  readonly gamma: number;
  readonly labelSmoothing: number;
  /** BCEWithLogitsLoss's pos_weight; null is 1. */
  readonly posWeight: number | null;
}

interface SampleGroup {
  readonly key: 'positives' | 'negatives';
  readonly stats: BinaryViewGroup;
  /** The group's samples: [start, end) of the prepared columns. */
  readonly start: number;
  readonly end: number;
  /** Elements each sampled one stands for (1 when the group is sampled whole). */
  readonly weight: number;
}

/**
 * A binary batch's sample, decoded once: each group's samples in ascending order of 1 - p_t, so
 * that Figure 4's cumulative sums and the hardest shares read them in place (for hard targets,
 * every FL without smoothing rises with 1 - p_t within a group, alpha_t being constant there).
 */
export interface PreparedBinary {
  readonly model: 'sigmoid';
  readonly spec: BatchSpec;
  readonly summary: BatchSummary;
  readonly view: BinaryBatchView;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** p, 1 - p, -log p and -log(1 - p) per sample: the kernel's parts. */
  readonly p: Float64Array;
  readonly q: Float64Array;
  readonly nlp: Float64Array;
  readonly nlq: Float64Array;
  /** p_t and 1 - p_t of the plain (unsmoothed) targets, and plain CE, per sample. */
  readonly pt: Float64Array;
  readonly onePt: Float64Array;
  readonly ce: Float64Array;
  readonly groups: readonly [SampleGroup, SampleGroup];
  readonly hard: boolean;
  readonly whole: boolean;
  /** Scratch, reused by every computation: nothing is allocated per sample on a control change. */
  readonly loss: Float64Array;
  readonly fl: Float64Array;
}

/** The controls at the call's own parameters. */
export function binaryCallControls(spec: BatchSpec): BinaryControls {
  return {
    alpha: spec.kind === 'ce' ? null : spec.alpha,
    gamma: spec.kind === 'focal' ? spec.gamma : 0,
    labelSmoothing: spec.labelSmoothing,
    // A pos_weight per class is not modelled (batchViewUnmodelled refuses it before this is reached).
    posWeight: typeof spec.posWeight === 'number' ? spec.posWeight : null,
  };
}

const sameControls = (a: BinaryControls, b: BinaryControls) =>
  a.alpha === b.alpha && a.gamma === b.gamma && a.labelSmoothing === b.labelSmoothing && (a.posWeight ?? 1) === (b.posWeight ?? 1);

/** p, 1 - p, -log p and -log(1 - p) of a logit (softplus, as focalFromLogit) or a probability (PyTorch's -100 clamp). */
function parts(v: number, probabilities: boolean, out: Float64Array): void {
  if (probabilities) {
    out[0] = v;
    out[1] = 1 - v;
    out[2] = Math.min(-Math.log(v), 100);
    out[3] = Math.min(-Math.log1p(-v), 100);
    return;
  }
  const e = expNonPositive(-Math.abs(v));
  const l = Math.log1p(e);
  const inv = 1 / (1 + e);
  const positive = v >= 0;
  out[0] = positive ? inv : e * inv;
  out[1] = positive ? e * inv : inv;
  out[2] = (positive ? 0 : -v) + l;
  out[3] = (positive ? v : 0) + l;
}

export function prepareBinary(spec: BatchSpec, summary: BatchSummary, view: BinaryBatchView): PreparedBinary {
  const sampleX = float64Column(view.sample.x);
  const n = sampleX.length;
  const positives = view.sample.groups.positives;
  const sampleY = view.sample.y !== undefined ? float64Column(view.sample.y) : new Float64Array(n);
  if (view.sample.y === undefined) sampleY.fill(1, 0, positives);
  const probabilities = spec.inputs === 'probabilities';
  const scratch = new Float64Array(4);
  const unordered = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    parts(sampleX[i]!, probabilities, scratch);
    unordered[i] = scratch[1]! * sampleY[i]! + scratch[0]! * (1 - sampleY[i]!);
  }
  const order = new Uint32Array(n);
  order.set(ascendingOrder(unordered.subarray(0, positives)));
  order.set(ascendingOrder(unordered.subarray(positives)).map((i) => i + positives), positives);
  const x = permuted(sampleX, order);
  const y = permuted(sampleY, order);
  const columns = () => new Float64Array(n);
  const [p, q, nlp, nlq, pt, onePt, ce] = [columns(), columns(), columns(), columns(), columns(), columns(), columns()];
  const rp = resolveParams('ce', {});
  for (let i = 0; i < n; i++) {
    parts(x[i]!, probabilities, scratch);
    p[i] = scratch[0]!;
    q[i] = scratch[1]!;
    nlp[i] = scratch[2]!;
    nlq[i] = scratch[3]!;
    const yi = y[i]!;
    pt[i] = p[i]! * yi + q[i]! * (1 - yi);
    onePt[i] = q[i]! * yi + p[i]! * (1 - yi);
    ce[i] = focalFromParts(p[i]!, q[i]!, nlp[i]!, nlq[i]!, yi, rp, null, 0);
  }
  const group = (key: 'positives' | 'negatives', start: number, end: number): SampleGroup => {
    const stats = view[key];
    return { key, stats, start, end, weight: end > start ? stats.count / (end - start) : 0 };
  };
  return {
    model: 'sigmoid',
    spec,
    summary,
    view,
    x,
    y,
    p,
    q,
    nlp,
    nlq,
    pt,
    onePt,
    ce,
    groups: [group('positives', 0, positives), group('negatives', positives, n)],
    hard: (summary.soft ?? 0) === 0,
    whole: view.sample.size === view.sample.of,
    loss: columns(),
    fl: columns(),
  };
}

function lossParams(spec: BatchSpec, c: BinaryControls): { rp: ResolvedParams; every: number } {
  // A binary alpha that multiplies every element (alphaEvery): the kernel without alpha, times alpha.
  const every = spec.alphaEvery && c.alpha !== null ? c.alpha : 1;
  const alpha = spec.alphaEvery ? null : c.alpha;
  return { rp: resolveParams('focal', { alpha, gamma: c.gamma, labelSmoothing: c.labelSmoothing, posWeight: c.posWeight ?? 1 }), every };
}

/** alpha_t of a hard target of group `key` under the controls (of the smoothed target, as the kernel). */
function groupAlpha(spec: BatchSpec, c: BinaryControls, key: 'positives' | 'negatives'): number {
  if (c.alpha === null) return 1;
  if (spec.alphaEvery) return c.alpha;
  const ys = key === 'positives' ? 1 - c.labelSmoothing / 2 : c.labelSmoothing / 2;
  return c.alpha * ys + (1 - c.alpha) * (1 - ys);
}

/** A group's exact loss sum under the controls, where the debuggee's sums determine it (hard targets). */
function exactGroupSum(p: PreparedBinary, c: BinaryControls, g: SampleGroup): number | null {
  if (!p.hard) return null;
  const at = groupAlpha(p.spec, c, g.key);
  const pw = c.posWeight ?? 1;
  if (c.gamma === 0) {
    const e = c.labelSmoothing;
    const ys = g.key === 'positives' ? 1 - e / 2 : e / 2;
    return -at * (pw * ys * g.stats.sumLogP + (1 - ys) * g.stats.sumLogQ);
  }
  const k = p.view.gammas.indexOf(c.gamma);
  if (k < 0 || c.labelSmoothing !== 0 || pw !== 1) return null;
  return at * g.stats.flSums[k]!;
}

export function binaryNumbers(p: PreparedBinary, c: BinaryControls, sampleOnly = false): BatchViewNumbers {
  const { spec, summary, view, y, loss, fl, onePt, ce, whole } = p;
  const { rp, every } = lossParams(spec, c);
  // One pass: the loss by the core's kernel on the prepared parts, each group's sum and the easy negatives' part.
  const sampleSums = [0, 0];
  let easyNegatives = 0;
  const threshold = summary.easy.threshold;
  p.groups.forEach((g, k) => {
    let sum = 0;
    let easy = 0;
    for (let i = g.start; i < g.end; i++) {
      const l = every * focalFromParts(p.p[i]!, p.q[i]!, p.nlp[i]!, p.nlq[i]!, y[i]!, rp, null, 0);
      loss[i] = l;
      sum += l;
      if (y[i]! < 0.5 && p.pt[i]! > threshold) easy += l;
    }
    sampleSums[k] = sum;
    easyNegatives += easy * g.weight;
  });
  // Figure 4's FL (plain p_t, no alpha) is only needed at a gamma the debuggee did not draw.
  if (sampleOnly || view.gammas.indexOf(c.gamma) < 0) {
    for (const g of p.groups) {
      // Hard targets without smoothing or pos_weight: the loss is FL times the group's alpha_t, so no second power.
      const at = every * groupAlpha(spec, c, g.key);
      const scaled = p.hard && c.labelSmoothing === 0 && (c.posWeight ?? 1) === 1 && at > 0;
      for (let i = g.start; i < g.end; i++) fl[i] = scaled ? loss[i]! / at : modulation(onePt[i]!, c.gamma) * ce[i]!;
    }
  }
  const groupSums = p.groups.map((g, k): Figure => {
    const known = sampleOnly ? null : exactGroupSum(p, c, g);
    return known !== null ? exact(known) : estimated(sampleSums[k]! * g.weight, whole);
  });
  const groupTotal: Figure = { value: groupSums[0]!.value! + groupSums[1]!.value!, exact: groupSums[0]!.exact && groupSums[1]!.exact };
  const sum: Figure = !sampleOnly && sameControls(c, binaryCallControls(spec)) ? exact(summary.loss.sum) : groupTotal;
  const mean: Figure = { value: sum.value! / summary.n, exact: sum.exact };
  const perPositive: Figure = { value: summary.positives ? sum.value! / summary.positives : null, exact: sum.exact };
  const reduction = spec.reduction;
  const value: Figure = reduction === 'mean' ? mean : reduction === 'sum' ? sum : { value: null, exact: true };

  // The summary's own FL (the hover's "seed's argument") is the loss of these controls up to a constant factor.
  const flAlphaMatches = spec.alphaEvery ? true : c.alpha === summary.easy.flAlpha;
  const summaryFl = !sampleOnly && c.gamma === summary.easy.flGamma && c.labelSmoothing === 0 && (c.posWeight ?? 1) === 1 && flAlphaMatches;
  const sampleTotal = sampleSums[0]! * p.groups[0].weight + sampleSums[1]! * p.groups[1].weight;
  const easyShare = summaryFl ? exact(summary.easy.flShare) : estimated(sampleTotal > 0 ? easyNegatives / sampleTotal : null, whole);
  const tops = summaryFl
    ? [exact(summary.hardest.p1), exact(summary.hardest.p20)]
    : topShares(p.groups.map((g) => ({ losses: loss.subarray(g.start, g.end), order: lossOrder(p, c, g), weight: g.weight })), [0.01, 0.2]).map((v) => estimated(v, whole));

  return {
    model: 'sigmoid',
    loss: { sum, mean, perPositive, value, reduction },
    ce: { sum: exact(summary.ce.sum), mean: exact(summary.ce.mean) },
    groups: p.groups.map((g, k) => ({ key: g.key, count: g.stats.count, loss: groupSums[k]!, share: shareOf(groupSums[k]!, groupTotal) })),
    easy: { threshold, count: summary.easy.count, ceShare: exact(summary.easy.ceShare), lossShare: easyShare },
    hardest: { p1: tops[0]!, p20: tops[1]! },
    curves: curvesOf(p, c, sampleOnly),
    note: null,
    sample: { size: view.sample.size, of: view.sample.of, whole },
    samples: { pt: p.pt, ce: p.ce, loss },
    hardestRows: hardestRows(p, c),
  };
}

/** A group's samples in ascending order of the loss: in place when it follows 1 - p_t (null), else sorted. */
function lossOrder(p: PreparedBinary, c: BinaryControls, g: SampleGroup): Uint32Array | null {
  // Hard targets without smoothing: alpha_t and pos_weight are constant in a group, so the loss rises with 1 - p_t.
  if (p.hard && c.labelSmoothing === 0) return null;
  const losses = p.loss.subarray(g.start, g.end);
  return ascends(losses, null) ? null : ascendingOrder(losses);
}

function curvesOf(p: PreparedBinary, c: BinaryControls, sampleOnly: boolean): { gamma: number; sets: CurveSet[] } {
  const k = sampleOnly ? -1 : p.view.gammas.indexOf(c.gamma);
  const k0 = sampleOnly ? -1 : p.view.gammas.indexOf(0);
  const sets = p.groups.map((g): CurveSet => {
    const fromSample = (terms: Float64Array): number[] | null => cumulativeShares(terms, p.hard ? null : ascendingOrder(terms), p.view.fractions);
    return {
      key: g.key,
      ce: k0 >= 0 ? g.stats.curves[k0]! : fromSample(p.ce.subarray(g.start, g.end)),
      ceExact: k0 >= 0 || p.whole,
      fl: k >= 0 ? g.stats.curves[k]! : fromSample(p.fl.subarray(g.start, g.end)),
      // Each group's sample is uniform within it, so a sampled group's curve is an estimate.
      flExact: k >= 0 || g.end - g.start === g.stats.count,
    };
  });
  return { gamma: c.gamma, sets };
}

function hardestRows(p: PreparedBinary, c: BinaryControls): HardRow[] {
  const { rp, every } = lossParams(p.spec, c);
  const ceParams = resolveParams('ce', {});
  const probabilities = p.spec.inputs === 'probabilities';
  const at = new Float64Array(4);
  const lossAt = (v: number, y: number, params: ResolvedParams) => {
    parts(v, probabilities, at);
    return focalFromParts(at[0]!, at[1]!, at[2]!, at[3]!, y, params, null, 0);
  };
  return p.groups.flatMap((g) =>
    g.stats.hardest.map((h) => ({ group: g.key, flat: h.flat, index: h.index, pt: h.pt, ce: lossAt(h.x, h.y, ceParams), loss: every * lossAt(h.x, h.y, rp), y: h.y })),
  );
}
