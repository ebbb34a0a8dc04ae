import { LossInputError, lossFromProb, softmaxLoss } from '../core';
import type { LossParams } from '../core';
import { softmaxParamsOf, softmaxSpecOf } from './softmaxSpec';
import { isNumberArray, scalarOf, type LossCall, type ParamValue } from '../language/recognition';
import * as l10n from './l10n';

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
  /**
   * The same loss for negatives (y = 0) at the same p_t, when it differs from the positives' in a way
   * a ratio to CE would not show (pos_weight weighs only the positives); then `label` is the positives'.
   */
  readonly negative?: { readonly label: string; readonly loss: readonly number[] };
  /** Assumptions and omissions, in a few words each; empty when the numbers are exactly the call's. */
  readonly notes: readonly string[];
}

/** The table, or the names of the values the file does not give (then no numbers are shown). */
export function hoverTable(call: LossCall, base: number): HoverTable | { readonly missing: readonly string[] } | { readonly notModeled: string } {
  if (call.notModeled) return { notModeled: call.notModeled };
  try {
    return tableOf(call, base);
  } catch (error) {
    // A value the file writes that no loss accepts (label_smoothing=1.5, alpha=2): say why, show no numbers.
    if (error instanceof LossInputError) return { notModeled: l10n.t('The core computes no values for this call: {0}', error.message) };
    throw error;
  }
}

function tableOf(call: LossCall, base: number): HoverTable | { readonly missing: readonly string[] } {
  const alpha = call.alpha.value;
  const gamma = call.gamma.value;
  const missing = [alpha === undefined ? 'alpha' : '', gamma === undefined ? 'gamma' : '', call.classModel === undefined ? l10n.t('whether a softmax is used') : ''].filter(Boolean);
  if (alpha === undefined || gamma === undefined || call.classModel === undefined || (call.kind === 'focal-star' && gamma === 0)) return { missing };
  const notes: string[] = [];
  const smoothing = knownNumber(extra(call, 'label_smoothing'), l10n.t('label smoothing'), notes) ?? 0;
  const posWeight = knownNumber(extra(call, 'pos_weight'), 'pos_weight', notes) ?? 1;
  const weight = extra(call, 'weight');
  if (weight && weight.value !== null) notes.push(weightNote(call, weight));
  const ce = HOVER_PT_VALUES.map((pt) => lossFromProb('ce', pt, 1, { base }));
  const column = call.classModel === 'softmax' ? l10n.t('p_t of the target class') : smoothing > 0 ? l10n.t('p of a positive') : l10n.t('p_t of a positive');
  const plainCe = call.kind !== 'focal-star' && alpha === null && (call.kind !== 'focal' || gamma === 0) && posWeight === 1 && smoothing === 0;
  if (plainCe) {
    // A row equal to CE says nothing; the paper's focal loss at the same p_t does.
    return { column, ce, label: l10n.t("paper's FL (γ {0}, α {1})", PAPER.gamma, PAPER.alpha), loss: HOVER_PT_VALUES.map((pt) => lossFromProb('focal', pt, 1, { ...PAPER, base })), notes };
  }
  const spec = call.classModel === 'softmax' ? softmaxSpecOf(call) : undefined;
  if (spec) {
    const classes = call.classes?.value ?? ASSUMED_CLASSES;
    // The table is one example of weight 1 (its class weights are said in a note): the target is
    // class 1, a foreground class where alpha lists [1 - alpha, alpha, ...], and the rest of the
    // probability is spread evenly, which only matters with label smoothing.
    const params = softmaxParamsOf(spec, classes, base, false);
    if (smoothing > 0) notes.push(call.classes ? l10n.t('{0} classes ({1}), 1 − p_t spread over the rest', classes, call.classes.text) : l10n.t('{0} classes assumed, 1 − p_t spread over the rest', classes));
    return { column, ce, label: l10n.t('this loss'), loss: HOVER_PT_VALUES.map((pt) => softmaxLoss(spec.kind, spreadLogits(pt, classes), 1, params)), notes };
  }
  // A user's loss that multiplies every element by alpha is alpha times the loss without alpha_t.
  const every = call.alphaWeighting === 'every' && alpha !== null;
  const scale = every ? alpha : 1;
  const params: LossParams = { alpha: every ? null : alpha, gamma, beta: call.beta?.value ?? 0, base, posWeight, labelSmoothing: smoothing };
  const loss = HOVER_PT_VALUES.map((pt) => scale * lossFromProb(call.kind, pt, 1, params));
  if (posWeight === 1) return { column, ce, label: l10n.t('this loss'), loss, notes };
  // pos_weight multiplies only the positives' term: the negatives' row shows what it leaves alone.
  return {
    column: l10n.t('p for y = 1, 1 − p for y = 0'),
    ce,
    label: l10n.t('this loss, y = 1'),
    loss,
    negative: { label: l10n.t('this loss, y = 0'), loss: HOVER_PT_VALUES.map((pt) => scale * lossFromProb(call.kind, 1 - pt, 0, params)) },
    notes,
  };
}

function extra(call: LossCall, name: string): ParamValue<unknown> | undefined {
  return call.extra.find((e) => e.name === name)?.value;
}

/**
 * A number the file gives (a one-element tensor counts: `torch.tensor([3.0])`); undefined when
 * absent or None, with a note when it cannot be worked out or differs per class.
 */
function knownNumber(value: ParamValue<unknown> | undefined, what: string, notes: string[]): number | undefined {
  if (!value || value.value === null) return undefined;
  const scalar = scalarOf(value.value);
  if (scalar !== undefined && Number.isFinite(scalar)) return scalar;
  // Several calls giving different values: the table shows one example, so say which part it leaves out and why.
  if (value.values) {
    notes.push(l10n.t('{0} not included (it differs between the calls)', what));
    return undefined;
  }
  const differs = isNumberArray(value.value);
  if (value.text) notes.push(differs ? l10n.t('{0} `{1}` not included (it differs per class)', what, value.text) : l10n.t('{0} `{1}` not included (not worked out from this file)', what, value.text));
  else notes.push(differs ? l10n.t('{0} not included (it differs per class)', what) : l10n.t('{0} not included (not worked out from this file)', what));
  return undefined;
}

/** What a class-weight or element-weight argument does, since the table shows one unweighted example. */
function weightNote(call: LossCall, weight: ParamValue<unknown>): string {
  const values = weight.value;
  if (call.classModel === 'softmax' && isNumberArray(values) && values.length > 0) {
    const low = Math.min(...values);
    const high = Math.max(...values);
    const range = low === high ? `${low}` : l10n.t('{0} to {1}', low, high);
    return l10n.t('class weight 1 assumed ({0} in weight=)', range);
  }
  return l10n.t('weight={0} not included', weight.text || '?');
}

/** Logits whose softmax gives p_t to class 1 and spreads 1 - p_t evenly over the other classes. */
function spreadLogits(pt: number, classes: number): number[] {
  const rest = Math.log((1 - pt) / (classes - 1));
  return Array.from({ length: classes }, (_, c) => (c === 1 ? Math.log(pt) : rest));
}
