import { lossFromProb, softmaxLoss } from '../core';
import type { LossParams, SoftmaxLossParams } from '../core';
import type { LossCall, ParamValue } from '../language';

/*
 * The numbers of a hover's table: CE and what this call computes at a few p_t values, each from the
 * model the call really uses (one sigmoid per element, or a softmax over classes), with its pos_weight
 * and label smoothing when the file says them. Pure, so it is unit-tested in Node.
 */

/** The p_t values of the hover's table: hard, even, easy and very easy examples. */
export const HOVER_PT_VALUES = [0.1, 0.5, 0.9, 0.99] as const;

/** Classes assumed where the number of classes changes the value (label smoothing spreads e / C). */
export const ASSUMED_CLASSES = 10;

/** The paper's choice, shown beside a plain CE call so its table says something CE alone does not. */
const PAPER = { alpha: 0.25, gamma: 2 } as const;

export interface HoverTable {
  /** What the columns are: p_t of a positive or of the target class, or p when smoothing moves the target. */
  readonly column: string;
  readonly ce: readonly number[];
  /** The second row's label ("this loss", or the paper's FL for a plain CE call) and values. */
  readonly label: string;
  readonly loss: readonly number[];
  /** Assumptions and omissions, in a few words each; empty when the numbers are exactly the call's. */
  readonly notes: readonly string[];
}

/** The table, or the names of the values the file does not give (then no numbers are shown). */
export function hoverTable(call: LossCall, base: number): HoverTable | { readonly missing: readonly string[] } {
  const alpha = call.alpha.value;
  const gamma = call.gamma.value;
  const missing = [alpha === undefined ? 'alpha' : '', gamma === undefined ? 'gamma' : '', call.classModel === undefined ? 'whether a softmax is used' : ''].filter(Boolean);
  if (alpha === undefined || gamma === undefined || call.classModel === undefined || (call.kind === 'focal-star' && gamma === 0)) return { missing };
  const notes: string[] = [];
  const smoothing = knownNumber(extra(call, 'label_smoothing'), 'label smoothing', notes) ?? 0;
  const posWeight = knownNumber(extra(call, 'pos_weight'), 'pos_weight', notes) ?? 1;
  const weight = extra(call, 'weight');
  if (weight && weight.value !== null) notes.push(`weight=${weight.text || '?'} not included`);
  const ce = HOVER_PT_VALUES.map((pt) => lossFromProb('ce', pt, 1, { base }));
  const column = call.classModel === 'softmax' ? 'p_t of the target class' : smoothing > 0 ? 'p of a positive' : 'p_t of a positive';
  const plainCe = call.kind !== 'focal-star' && alpha === null && (call.kind !== 'focal' || gamma === 0) && posWeight === 1 && smoothing === 0;
  if (plainCe) {
    // A row equal to CE says nothing; the paper's focal loss at the same p_t does.
    return { column, ce, label: `paper's FL (γ ${PAPER.gamma}, α ${PAPER.alpha})`, loss: HOVER_PT_VALUES.map((pt) => lossFromProb('focal', pt, 1, { ...PAPER, base })), notes };
  }
  if (call.classModel === 'softmax') {
    const classes = ASSUMED_CLASSES;
    const params: SoftmaxLossParams = { gamma: call.kind === 'ce' ? 0 : gamma, labelSmoothing: smoothing, base, classWeights: classWeightsOf(call, alpha, classes) };
    // The target is class 1 (a foreground class where alpha lists [1 - alpha, alpha, ...]); the
    // rest of the probability is spread evenly, which only matters with label smoothing.
    if (smoothing > 0) notes.push(`${classes} classes assumed, the rest of the probability spread evenly`);
    return { column, ce, label: 'this loss', loss: HOVER_PT_VALUES.map((pt) => softmaxLoss(call.kind === 'ce' ? 'ce' : 'focal', spreadLogits(pt, classes), 1, params)), notes };
  }
  const params: LossParams = { alpha, gamma, beta: call.beta?.value ?? 0, base, posWeight, labelSmoothing: smoothing };
  return { column, ce, label: 'this loss', loss: HOVER_PT_VALUES.map((pt) => lossFromProb(call.kind, pt, 1, params)), notes };
}

function extra(call: LossCall, name: string): ParamValue<unknown> | undefined {
  return call.extra.find((e) => e.name === name)?.value;
}

/** A number the file gives; undefined when absent or None, with a note when it cannot be worked out. */
function knownNumber(value: ParamValue<unknown> | undefined, what: string, notes: string[]): number | undefined {
  if (!value || value.value === null) return undefined;
  if (typeof value.value === 'number' && Number.isFinite(value.value)) return value.value;
  notes.push(`${what} ${value.text ? `\`${value.text}\` ` : ''}not included (not worked out from this file)`);
  return undefined;
}

/** Logits whose softmax gives p_t to class 1 and spreads 1 - p_t evenly over the other classes. */
function spreadLogits(pt: number, classes: number): number[] {
  const rest = Math.log((1 - pt) / (classes - 1));
  return Array.from({ length: classes }, (_, c) => (c === 1 ? Math.log(pt) : rest));
}

/** How each softmax API turns alpha into class weights (LOSSES.md): Keras weights every class by alpha. */
function classWeightsOf(call: LossCall, alpha: number | null, classes: number): number[] | null {
  if (alpha === null || call.kind === 'ce') return null;
  if (call.library === 'keras') return Array.from({ length: classes }, () => alpha);
  return Array.from({ length: classes }, (_, c) => (c === 0 ? 1 - alpha : alpha));
}
