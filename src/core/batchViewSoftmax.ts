import type { BatchSpec, BatchSummary } from './batchSummary';
import type { SoftmaxBatchView } from './batchView';
import { float64Column, int32Column } from './batchView';
import type { Figure } from './batchViewFigures';
import { ascendingOrder, ascends, cumulativeShares, estimated, exact, permuted, shareOf, topShares } from './batchViewFigures';
import type { BatchViewNote, BatchViewNumbers, CurveSet, HardRow } from './batchViewNumbers';
import { modulation } from './kernels';

/*
 * The batch view's numbers for a softmax batch at the view's controls (gamma, label smoothing e,
 * class weights w), with PyTorch's conventions as batchSummary.py's _softmax:
 *   CE:  (1 - e) sum_i w_{y_i} (-log p_t,i) + e sum_i sum_c w_c (-log p_ic) / C, 'mean' dividing by
 *        sum_i w_{y_i}; exact for any w and e from the per-class sums (ceSum per target class,
 *        logSum per column): (1 - e) sum_c w_c ceSum_c + e sum_c w_c (-logSum_c) / C;
 *   FL:  sum_i w_{y_i} (1 - p_t,i)^gamma (-log p_t,i), 'mean' over samples; exact at a gamma of the
 *        view's `gammas` from the per-class flSums. Focal loss takes no label smoothing (kornia): the
 *        view says so rather than invent one.
 * A call's kornia-style alpha ([1 - alpha, alpha, ...]) multiplies the class weights, as the
 * debuggee's. Everything else comes from the sample of the kept samples (exact when it is all of them).
 */

export interface SoftmaxControls {
  readonly gamma: number;
  readonly labelSmoothing: number;
  /** PyTorch's class weights, or null for all 1. */
  readonly weight: readonly number[] | null;
}

export interface PreparedSoftmax {
  readonly model: 'softmax';
  readonly spec: BatchSpec;
  readonly summary: BatchSummary;
  readonly view: SoftmaxBatchView;
  readonly classes: number;
  readonly logPt: Float64Array;
  readonly classIndex: Int32Array;
  readonly meanLogP: Float64Array;
  /** Mean over classes of w_c log p_c with the call's (alpha-spread) weights, when they are not all 1. */
  readonly weightedMeanLogP: Float64Array | null;
  readonly pt: Float64Array;
  readonly onePt: Float64Array;
  readonly ce: Float64Array;
  readonly weight: number;
  readonly whole: boolean;
  readonly loss: Float64Array;
  readonly fl: Float64Array;
}

export function softmaxCallControls(spec: BatchSpec): SoftmaxControls {
  return { gamma: spec.kind === 'focal' ? spec.gamma : 0, labelSmoothing: spec.labelSmoothing, weight: spec.weight };
}

export function prepareSoftmax(spec: BatchSpec, summary: BatchSummary, view: SoftmaxBatchView): PreparedSoftmax {
  const sampleLogPt = float64Column(view.sample.logPt);
  const n = sampleLogPt.length;
  // The sample in ascending order of 1 - p_t (descending log p_t): Figure 4's sums read it in place.
  const negated = sampleLogPt.map((v) => -v);
  const order = ascendingOrder(negated);
  const logPt = permuted(sampleLogPt, order);
  const pt = new Float64Array(n);
  const onePt = new Float64Array(n);
  const ce = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    pt[i] = Math.exp(logPt[i]!);
    onePt[i] = -Math.expm1(logPt[i]!);
    ce[i] = -logPt[i]!;
  }
  return {
    model: 'softmax',
    spec,
    summary,
    view,
    classes: summary.classes ?? 0,
    logPt,
    classIndex: permuted(int32Column(view.sample.classIndex), order),
    meanLogP: permuted(float64Column(view.sample.meanLogP), order),
    weightedMeanLogP: view.sample.weightedMeanLogP !== undefined ? permuted(float64Column(view.sample.weightedMeanLogP), order) : null,
    pt,
    onePt,
    ce,
    weight: n > 0 ? view.sample.of / n : 0,
    whole: view.sample.size === view.sample.of,
    loss: new Float64Array(n),
    fl: new Float64Array(n),
  };
}

/** The class weights the loss uses: the controls' times a focal call's alpha spread over classes (as the debuggee). */
function effectiveWeights(spec: BatchSpec, classes: number, weight: readonly number[] | null): Float64Array {
  const w = new Float64Array(classes).fill(1);
  if (weight) for (let c = 0; c < classes; c++) w[c] = weight[c] ?? 1;
  if (spec.kind === 'focal' && spec.alpha !== null) {
    for (let c = 0; c < classes; c++) w[c]! *= c === 0 && spec.alphaOn !== 'every' ? 1 - spec.alpha : spec.alpha;
  }
  return w;
}

/** The sample's smoothing term per sample, -sum_c w_c log p_c / C, where the sample carries it for these weights. */
function smoothingColumn(p: PreparedSoftmax, w: Float64Array): { column: Float64Array; scale: number } | null {
  const first = w[0]!;
  if (w.every((v) => v === first)) return { column: p.meanLogP, scale: -first };
  const call = effectiveWeights(p.spec, p.classes, p.spec.weight);
  if (p.weightedMeanLogP && w.every((v, c) => v === call[c])) return { column: p.weightedMeanLogP, scale: -1 };
  return null;
}

export function softmaxNumbers(p: PreparedSoftmax, c: SoftmaxControls, sampleOnly = false): BatchViewNumbers {
  const { spec, summary, view, classes } = p;
  const w = effectiveWeights(spec, classes, c.weight);
  const focal = spec.kind === 'focal' || c.gamma > 0;
  const e = focal ? 0 : c.labelSmoothing;
  const note: BatchViewNote = focal && c.labelSmoothing > 0 ? 'focal-no-smoothing' : null;
  const smoothing = e > 0 ? smoothingColumn(p, w) : null;
  const { loss, fl, onePt, ce, classIndex } = p;
  for (let i = 0; i < loss.length; i++) {
    const k = classIndex[i]!;
    const m = modulation(onePt[i]!, c.gamma);
    fl[i] = m * ce[i]!;
    const nll = w[k]! * ce[i]!;
    loss[i] = focal ? m * nll : e > 0 ? (smoothing ? (1 - e) * nll + e * smoothing.scale * smoothing.column[i]! : NaN) : nll;
  }
  const sampleOk = !(e > 0 && smoothing === null);
  const whole = p.whole;
  const perClass = view.perClass;
  const allShown = !sampleOnly && perClass.shown === classes;
  const g = sampleOnly ? -1 : view.gammas.indexOf(c.gamma);

  // Per class: exact from the per-class sums where they determine it, else from the sample.
  const classSums: Figure[] = [];
  const sampleByClass = new Float64Array(classes);
  for (let i = 0; i < loss.length; i++) sampleByClass[classIndex[i]!] += loss[i]!;
  for (let k = 0; k < perClass.shown; k++) {
    if (focal && g >= 0) classSums.push(exact(w[k]! * perClass.flSums[g]![k]!));
    else if (!sampleOnly && !focal && e === 0) classSums.push(exact(w[k]! * perClass.ceSum[k]!));
    else if (!sampleOnly && sameControls(c, softmaxCallControls(spec)) && summary.perClass) classSums.push(exact(summary.perClass.loss[k]!));
    else classSums.push(sampleOk ? estimated(sampleByClass[k]! * p.weight, whole) : { value: null, exact: true });
  }

  const atCall = !sampleOnly && sameControls(c, softmaxCallControls(spec));
  let sum: Figure;
  if (atCall) sum = exact(summary.loss.sum);
  else if (allShown && focal && g >= 0) sum = exact(sumOf(perClass.flSums[g]!, w));
  else if (allShown && !focal) {
    let smooth = 0;
    for (let k = 0; k < classes; k++) smooth += w[k]! * -perClass.logSum[k]!;
    sum = exact((1 - e) * sumOf(perClass.ceSum, w) + (e * smooth) / classes);
  } else {
    let s = 0;
    for (let i = 0; i < loss.length; i++) s += loss[i]!;
    sum = sampleOk ? estimated(s * p.weight, whole) : { value: null, exact: true };
  }
  const counts = summary.perClass?.count ?? [];
  const divisor = focal ? summary.kept ?? 0 : perClass.shown === classes ? sumOf(counts, w) : NaN;
  const mean: Figure = sum.value !== null && divisor > 0 ? { value: sum.value / divisor, exact: sum.exact } : atCall ? exact(summary.loss.mean) : { value: null, exact: sum.exact };
  const reduction = spec.reduction;
  const value = reduction === 'mean' ? mean : reduction === 'sum' ? sum : { value: null, exact: true };

  // The summary's FL ((1 - p_t)^flGamma CE, no weights) is the loss of these controls up to a factor.
  const first = w[0]!;
  const summaryFl = !sampleOnly && c.gamma === summary.easy.flGamma && w.every((v) => v === first) && (focal || e === 0) && c.gamma > 0;
  const classTotal: Figure = sumFigures(classSums);
  const order = ascends(loss, null) ? null : ascendingOrder(loss);
  const tops = summaryFl
    ? [exact(summary.hardest.p1), exact(summary.hardest.p20)]
    : sampleOk
      ? topShares([{ losses: loss, order, weight: p.weight }], [0.01, 0.2]).map((v) => estimated(v, whole))
      : [{ value: null, exact: true }, { value: null, exact: true }];

  return {
    model: 'softmax',
    loss: { sum, mean, perPositive: null, value, reduction },
    ce: { sum: exact(summary.ce.sum), mean: exact(summary.ce.mean) },
    groups: classSums.map((figure, k) => ({ key: String(k), count: counts[k] ?? 0, loss: figure, share: shareOf(figure, classTotal) })),
    easy: { threshold: summary.easy.threshold, count: summary.easy.count, ceShare: exact(summary.easy.ceShare), lossShare: summaryFl ? exact(summary.easy.flShare) : sampleOk ? easyShare(p) : { value: null, exact: true } },
    hardest: { p1: tops[0]!, p20: tops[1]! },
    curves: { gamma: c.gamma, sets: [curveSet(p, g, sampleOnly)] },
    note: note ?? (sampleOk ? null : 'smoothing-weights-unavailable'),
    sample: { size: view.sample.size, of: view.sample.of, whole },
    samples: { pt: p.pt, ce: p.ce, loss },
    hardestRows: hardestRows(p, c, w, focal, e, smoothing !== null || e === 0),
  };
}

const sameControls = (a: SoftmaxControls, b: SoftmaxControls) =>
  a.gamma === b.gamma && a.labelSmoothing === b.labelSmoothing && JSON.stringify(a.weight) === JSON.stringify(b.weight);

function sumOf(values: readonly number[], w: Float64Array): number {
  let s = 0;
  for (let k = 0; k < values.length; k++) s += w[k]! * values[k]!;
  return s;
}

function sumFigures(figures: readonly Figure[]): Figure {
  let s = 0;
  let isExact = true;
  for (const f of figures) {
    if (f.value === null) return { value: null, exact: true };
    s += f.value;
    isExact &&= f.exact;
  }
  return { value: s, exact: isExact };
}

function easyShare(p: PreparedSoftmax): Figure {
  const threshold = p.summary.easy.threshold;
  let easy = 0;
  let total = 0;
  for (let i = 0; i < p.loss.length; i++) {
    total += p.loss[i]!;
    if (p.pt[i]! > threshold) easy += p.loss[i]!;
  }
  return estimated(total > 0 ? easy / total : null, p.whole);
}

function curveSet(p: PreparedSoftmax, g: number, sampleOnly: boolean): CurveSet {
  const k0 = sampleOnly ? -1 : p.view.gammas.indexOf(0);
  return {
    key: 'all',
    ce: k0 >= 0 ? p.view.all.curves[k0]! : cumulativeShares(p.ce, null, p.view.fractions),
    ceExact: true,
    fl: g >= 0 ? p.view.all.curves[g]! : cumulativeShares(p.fl, null, p.view.fractions),
    flExact: g >= 0 || p.whole,
  };
}

function hardestRows(p: PreparedSoftmax, c: SoftmaxControls, w: Float64Array, focal: boolean, e: number, known: boolean): HardRow[] {
  return p.view.all.hardest.map((h) => {
    const nll = -Math.log(h.pt);
    const m = modulation(1 - h.pt, c.gamma);
    // The smoothing term needs the row's every log p, which the hardest list does not carry.
    const loss = focal ? m * w[h.y]! * nll : e > 0 || !known ? NaN : w[h.y]! * nll;
    return { group: 'all', flat: h.flat, index: h.index, pt: h.pt, ce: nll, loss, y: h.y, predicted: h.predicted, pPredicted: h.pPredicted };
  });
}
