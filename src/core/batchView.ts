/*
 * The Explorer's batch view data: what batchSummary.py adds to a summary when asked for a view
 * (spec `view`: the sample's budget). Exact over the whole batch: each group's sums, p_t histograms
 * and Figure 4 curves at the paper's gammas (and the call's), and its hardest samples. Bounded: a
 * sample of at most `view` values (all of them when the batch fits), as base64 little-endian columns,
 * from which the view estimates what the exact parts do not cover, and says so.
 */
import { isCount, isCountList, isNumber, isNumberList, isRecord } from './jsonChecks';

/** A binary sample with the lowest p_t of its group: where it is in the prediction, its value and target. */
export interface BinaryHardSample {
  /** Index into the flattened prediction, and the same as an index per dimension of its shape. */
  readonly flat: number;
  readonly index: readonly number[];
  /** The prediction as the call takes it (a logit or a probability) and the target. */
  readonly x: number;
  readonly y: number;
  readonly pt: number;
}

/** One group of a binary batch: the positives (target >= 0.5) or the negatives. */
export interface BinaryViewGroup {
  readonly count: number;
  /** Sums of log p and log(1 - p) over the group (exact CE with any alpha, pos_weight and label smoothing, for hard targets). */
  readonly sumLogP: number;
  readonly sumLogQ: number;
  /** Per gamma of `gammas`: the sum of (1 - p_t)^gamma * CE over the group (FL without alpha; gamma 0 is CE). */
  readonly flSums: readonly number[];
  /**
   * Per gamma: Figure 4's curve, the share of the group's FL (without alpha) carried by its easiest
   * fraction f of samples at each f of `fractions`; null when the group is empty or has no loss.
   */
  readonly curves: readonly (readonly number[] | null)[];
  /** Counts of p_t in `bins` equal bins over [0, 1]. */
  readonly histogram: readonly number[];
  /** Up to 25 samples with the lowest p_t, hardest first. */
  readonly hardest: readonly BinaryHardSample[];
}

export interface BinaryBatchView {
  readonly gammas: readonly number[];
  readonly fractions: readonly number[];
  readonly bins: number;
  readonly positives: BinaryViewGroup;
  readonly negatives: BinaryViewGroup;
  readonly sample: {
    readonly size: number;
    readonly of: number;
    /** The sample holds `positives` positives then `negatives` negatives, each a uniform sample of its group. */
    readonly groups: { readonly positives: number; readonly negatives: number };
    /** float64 predictions (as the call takes them); float64 targets only when some are soft. */
    readonly x: string;
    readonly y?: string;
  };
}

export interface SoftmaxHardSample {
  readonly flat: number;
  /** Index into the target (N, d1, ...): the prediction's row is the same with the class dimension as ':'. */
  readonly index: readonly number[];
  readonly y: number;
  readonly pt: number;
  /** The most probable class and its probability. */
  readonly predicted: number;
  readonly pPredicted: number;
}

export interface SoftmaxBatchView {
  readonly gammas: readonly number[];
  readonly fractions: readonly number[];
  readonly bins: number;
  /** The samples not ignored (ignore_index). */
  readonly all: {
    readonly count: number;
    readonly flSums: readonly number[];
    readonly curves: readonly (readonly number[] | null)[];
    readonly histogram: readonly number[];
    /** Up to 50 samples with the lowest p_t, hardest first. */
    readonly hardest: readonly SoftmaxHardSample[];
  };
  /** Per class (the first `shown`): sums that make CE exact under any class weights and label smoothing, and FL per gamma. */
  readonly perClass: {
    readonly shown: number;
    /** Sum of -log p_t over the samples of the class. */
    readonly ceSum: readonly number[];
    /** Sum of log p_c over every kept sample (the label smoothing term). */
    readonly logSum: readonly number[];
    /** Per gamma of `gammas`, per class: the sum of (1 - p_t)^gamma * (-log p_t) over the class's samples. */
    readonly flSums: readonly (readonly number[])[];
  };
  readonly sample: {
    readonly size: number;
    readonly of: number;
    /** float64 log p_t, int32 target class, float64 mean over classes of log p_c (and with the call's class weights, when it has any). */
    readonly logPt: string;
    readonly classIndex: string;
    readonly meanLogP: string;
    readonly weightedMeanLogP?: string;
  };
}

export type BatchView = BinaryBatchView | SoftmaxBatchView;

const isCurves = (v: unknown, gammas: number, points: number): boolean =>
  Array.isArray(v) && v.length === gammas && v.every((c) => c === null || (isNumberList(c) && c.length === points));
const isBase64 = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v);

function isCommon(v: Record<string, unknown>): boolean {
  return isNumberList(v.gammas) && v.gammas.length > 0 && isNumberList(v.fractions) && v.fractions.length > 1 && isCount(v.bins) && v.bins > 0;
}

function isBinaryGroup(v: unknown, gammas: number, points: number, bins: number): boolean {
  return (
    isRecord(v) && isCount(v.count) && isNumber(v.sumLogP) && isNumber(v.sumLogQ) &&
    isNumberList(v.flSums) && v.flSums.length === gammas && isCurves(v.curves, gammas, points) &&
    isCountList(v.histogram) && v.histogram.length === bins &&
    Array.isArray(v.hardest) && v.hardest.every((h) => isRecord(h) && isCount(h.flat) && isCountList(h.index) && isNumber(h.x) && isNumber(h.y) && isNumber(h.pt))
  );
}

/** Whether `v` is a batch view of the summary's `model`, with columns of the sizes it states. */
export function isBatchView(v: unknown, model: 'sigmoid' | 'softmax'): v is BatchView {
  if (!isRecord(v) || !isCommon(v)) return false;
  const gammas = (v.gammas as number[]).length;
  const points = (v.fractions as number[]).length;
  const bins = v.bins as number;
  const sample = v.sample;
  if (!isRecord(sample) || !isCount(sample.size) || !isCount(sample.of) || sample.size > sample.of) return false;
  if (model === 'sigmoid') {
    const groups = sample.groups;
    return (
      isBinaryGroup(v.positives, gammas, points, bins) && isBinaryGroup(v.negatives, gammas, points, bins) &&
      isRecord(groups) && isCount(groups.positives) && isCount(groups.negatives) && groups.positives + groups.negatives === sample.size &&
      isBase64(sample.x) && base64Length(sample.x) === 8 * sample.size &&
      (sample.y === undefined || (isBase64(sample.y) && base64Length(sample.y) === 8 * sample.size))
    );
  }
  const all = v.all;
  const perClass = v.perClass;
  return (
    isRecord(all) && isCount(all.count) && isNumberList(all.flSums) && all.flSums.length === gammas && isCurves(all.curves, gammas, points) &&
    isCountList(all.histogram) && all.histogram.length === bins &&
    Array.isArray(all.hardest) && all.hardest.every((h) => isRecord(h) && isCount(h.flat) && isCountList(h.index) && isCount(h.y) && isNumber(h.pt) && isCount(h.predicted) && isNumber(h.pPredicted)) &&
    isRecord(perClass) && isCount(perClass.shown) && isNumberList(perClass.ceSum) && perClass.ceSum.length === perClass.shown &&
    isNumberList(perClass.logSum) && perClass.logSum.length === perClass.shown &&
    Array.isArray(perClass.flSums) && perClass.flSums.length === gammas && perClass.flSums.every((f) => isNumberList(f) && f.length === perClass.shown) &&
    isBase64(sample.logPt) && base64Length(sample.logPt) === 8 * sample.size &&
    isBase64(sample.classIndex) && base64Length(sample.classIndex) === 4 * sample.size &&
    isBase64(sample.meanLogP) && base64Length(sample.meanLogP) === 8 * sample.size &&
    (sample.weightedMeanLogP === undefined || (isBase64(sample.weightedMeanLogP) && base64Length(sample.weightedMeanLogP) === 8 * sample.size))
  );
}

/** Bytes a base64 text decodes to. */
function base64Length(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = (() => {
  const table = new Uint8Array(128);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** The bytes of a base64 text (no Node Buffer, no DOM atob: the core runs in both). */
function base64Bytes(text: string): Uint8Array {
  const bytes = new Uint8Array(base64Length(text));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const n = (DECODE[text.charCodeAt(i)]! << 18) | (DECODE[text.charCodeAt(i + 1)]! << 12) | (DECODE[text.charCodeAt(i + 2) & 127]! << 6) | DECODE[text.charCodeAt(i + 3) & 127]!;
    if (o < bytes.length) bytes[o++] = (n >> 16) & 255;
    if (o < bytes.length) bytes[o++] = (n >> 8) & 255;
    if (o < bytes.length) bytes[o++] = n & 255;
  }
  return bytes;
}

/** A column of little-endian float64 values. */
export function float64Column(text: string): Float64Array {
  const bytes = base64Bytes(text);
  const view = new DataView(bytes.buffer);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, true);
  return out;
}

/** A column of little-endian int32 values. */
export function int32Column(text: string): Int32Array {
  const bytes = base64Bytes(text);
  const view = new DataView(bytes.buffer);
  const out = new Int32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(4 * i, true);
  return out;
}
