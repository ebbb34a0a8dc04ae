import { msg } from '../../../core';
import { scalarOf } from '../arrayValues';
import type { CallFacts, Literal, ParamSpec } from './types';

/* Shorthands and caveat rules shared by several catalog families. */

/** A parameter with the library's default; without a default, one the caller must pass. */
export const p = (name: string, defaultValue?: Literal): ParamSpec => (defaultValue === undefined ? { name, required: true } : { name, default: defaultValue });
/** A parameter after a bare `*`. */
export const kw = (name: string, defaultValue: Literal): ParamSpec => ({ name, default: defaultValue, keywordOnly: true });


export const POS_WEIGHT = (c: CallFacts) => {
  const w = scalarOf(c.value('pos_weight'));
  // pos_weight 1 weighs nothing (yolov7's SigmoidBin builds BCEWithLogitsLoss(pos_weight=[BCE_weight]) with 1.0).
  if (w === 1) return [msg('pos_weight=1 leaves the loss unweighted: plain BCE.')];
  return w !== undefined && w > 0
    ? [msg('pos_weight={0} multiplies the positive term: the same shape as alpha-balanced CE with alpha = {1}, scaled by {2}.', w, round(w / (1 + w)), round(1 + w))]
    : [];
};

export const CE_LABEL_SMOOTHING = (c: CallFacts) => {
  const s = c.value('label_smoothing');
  return typeof s === 'number' && s > 0 ? [msg('label_smoothing={0} mixes the targets with a uniform distribution before the loss.', s)] : [];
};

/** Whether a parameter may be set: anything but a known None (an unresolved value may be set). */
export const mayBeSet = (c: CallFacts, name: string): boolean => !(c.known(name) && c.value(name) === null);

export function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

/** Varifocal loss (mmdet, ultralytics, PaddleDetection): what it computes, and why the table is not it. */
export const VARIFOCAL_NOT_MODELED =
  msg("Varifocal loss is asymmetric: a positive's BCE is against its IoU-aware target score q (and weighted by q), a negative's is weighted alpha * p^gamma. The core's focal loss weights both sides by (1 - p_t)^gamma, so no values are shown.");

/** Quality focal loss (mmdet, PaddleDetection, YOLOv5's QFocalLoss). */
export const QUALITY_FOCAL_NOT_MODELED =
  msg('Quality focal loss is BCE against a soft target score q scaled by |q - sigma|^beta: it equals the focal loss (gamma = beta) only for targets of exactly 0 or 1, so no values are shown.');

/**
 * Why an OpenMMLab FocalLoss given use_sigmoid=False through a name gets no table: the library's own asserts
 * use_sigmoid is True, so the repository runs a fork (written as a literal, the call is claimed by no one).
 */
export function forkedFocalLoss(library: 'mmdet' | 'mmseg'): string {
  return msg("use_sigmoid=False: {0}'s own FocalLoss asserts use_sigmoid is True, so building it fails; a repository that sets it runs its own version, unknown here. No values are shown.", library);
}
