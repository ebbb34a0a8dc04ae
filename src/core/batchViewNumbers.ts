import type { Figure } from './batchViewFigures';

/*
 * What the Explorer's "This batch" view shows at its controls, for a binary or a softmax batch
 * (batchViewBinary.ts, batchViewSoftmax.ts): every number with whether it is exact over the whole
 * batch or estimated from the sample.
 */

/** A group's part of the loss: binary positives and negatives, or a softmax class ('0', '1', ...). */
export interface GroupFigures {
  readonly key: string;
  readonly count: number;
  readonly loss: Figure;
  /** Its share of the loss. */
  readonly share: Figure;
}

/** Figure 4 for one group: the cumulative share of CE and of FL (at the controls' gamma, without alpha) at the view's fractions. */
export interface CurveSet {
  readonly key: 'positives' | 'negatives' | 'all';
  readonly ce: readonly number[] | null;
  readonly ceExact: boolean;
  readonly fl: readonly number[] | null;
  readonly flExact: boolean;
}

/** One of the hardest samples (lowest p_t), where it is in the prediction, and its losses at the controls. */
export interface HardRow {
  readonly group: 'positives' | 'negatives' | 'all';
  readonly flat: number;
  readonly index: readonly number[];
  readonly pt: number;
  readonly ce: number;
  readonly loss: number;
  /** Binary: the target; softmax: the target class. */
  readonly y: number;
  /** Softmax: the most probable class and its probability. */
  readonly predicted?: number;
  readonly pPredicted?: number;
}

/**
 * Why a number is missing or computed otherwise than asked: softmax focal loss takes no label
 * smoothing (kornia, torchvision), and the smoothing term under other class weights needs every
 * class's log p, which the sample does not carry.
 */
export type BatchViewNote = 'focal-no-smoothing' | 'smoothing-weights-unavailable' | null;

export interface BatchViewNumbers {
  readonly model: 'sigmoid' | 'softmax';
  readonly loss: {
    readonly sum: Figure;
    /** PyTorch's 'mean': over elements (binary), over the samples' class weights (softmax CE), over samples (softmax FL). */
    readonly mean: Figure;
    /** Binary: sum / positives, the paper's normalisation. */
    readonly perPositive: Figure | null;
    /** What the call's reduction gives ('sum', 'mean'), or null for 'none' and unknown reductions. */
    readonly value: Figure;
    readonly reduction: string | null;
  };
  /** Plain CE (no alpha, weights or smoothing): the debuggee's exact sum and mean. */
  readonly ce: { readonly sum: Figure; readonly mean: Figure };
  readonly groups: readonly GroupFigures[];
  /** Easy samples (negatives, for binary) with p_t above the threshold: their share of plain CE and of the loss. */
  readonly easy: { readonly threshold: number; readonly count: number; readonly ceShare: Figure; readonly lossShare: Figure };
  /** Shares of the loss carried by the hardest 1% and 20% of elements. */
  readonly hardest: { readonly p1: Figure; readonly p20: Figure };
  readonly curves: { readonly gamma: number; readonly sets: readonly CurveSet[] };
  readonly note: BatchViewNote;
  readonly sample: { readonly size: number; readonly of: number; readonly whole: boolean };
  /** Per sample: p_t, plain CE and the loss at the controls (the view's scatter). */
  readonly samples: { readonly pt: Float64Array; readonly ce: Float64Array; readonly loss: Float64Array };
  readonly hardestRows: readonly HardRow[];
}

/** Whether any number of `n` is estimated from the sample. */
export function anyEstimated(n: BatchViewNumbers): boolean {
  const figures: Figure[] = [n.loss.sum, n.loss.mean, n.loss.value, n.easy.ceShare, n.easy.lossShare, n.hardest.p1, n.hardest.p20, ...n.groups.flatMap((g) => [g.loss, g.share])];
  return figures.some((f) => !f.exact) || n.curves.sets.some((s) => !s.ceExact || !s.flExact);
}

/** The value at fraction 0.9 of a curve (the readout's "easiest 90%"), or null. */
export function at90(curve: readonly number[] | null, fractions: readonly number[]): number | null {
  const k = fractions.indexOf(0.9);
  return curve && k >= 0 ? curve[k]! : null;
}
