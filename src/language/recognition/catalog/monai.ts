import { msg } from '../../../core';
import { p } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/*
 * MONAI (Project-MONAI/MONAI d388d1c, Jun 2025). monai/losses/focal_loss.py: FocalLoss(include_background=True,
 * to_onehot_y=False, gamma=2.0, alpha=None, weight=None, reduction='mean', use_softmax=False).
 * monai/losses/dice.py:
 * - DiceCELoss(include_background=True, to_onehot_y=False, sigmoid=False, softmax=False, other_act=None,
 *   squared_pred=False, jaccard=False, reduction='mean', smooth_nr=1e-5, smooth_dr=1e-5, batch=False, weight=None,
 *   lambda_dice=1.0, lambda_ce=1.0, label_smoothing=0.0): lambda_dice * Dice + lambda_ce * CE, the CE part
 *   nn.CrossEntropyLoss(weight, reduction, label_smoothing), or BCEWithLogitsLoss(pos_weight=weight) for one channel;
 *   sigmoid / softmax only act on the Dice part.
 * - DiceFocalLoss(include_background=True, to_onehot_y=False, sigmoid=False, softmax=False, other_act=None,
 *   squared_pred=False, jaccard=False, reduction='mean', smooth_nr=1e-5, smooth_dr=1e-5, batch=False, gamma=2.0,
 *   weight=None, lambda_dice=1.0, lambda_focal=1.0, alpha=None): the focal part is FocalLoss(include_background,
 *   gamma, weight, alpha, reduction) with use_softmax left False, a per-channel sigmoid focal loss.
 * - GeneralizedDiceFocalLoss(include_background=True, to_onehot_y=False, sigmoid=False, softmax=False, other_act=None,
 *   w_type='square', reduction='mean', smooth_nr=1e-5, smooth_dr=1e-5, batch=False, gamma=2.0, weight=None,
 *   lambda_gdl=1.0, lambda_focal=1.0): the focal part is FocalLoss(include_background, to_onehot_y, gamma, weight,
 *   reduction), no alpha.
 */

const DICE_PARAMS = [
  p('include_background', true), p('to_onehot_y', false), p('sigmoid', false), p('softmax', false), p('other_act', null),
];
const DICE_TAIL = [p('smooth_nr', 1e-5), p('smooth_dr', 1e-5), p('batch', false)];

const diceNotModeled = (total: string) => () =>
  msg("The loss is {0}: the Dice part depends on the whole image (its overlap), so the core's per-element values are not this loss and none are shown.", total);

const ACTIVATION_FOR_DICE = msg("sigmoid / softmax only choose the Dice part's activation; the other part takes logits.");

/**
 * What the targets must be, which MONAI's defaults leave unsaid: with to_onehot_y=False (the
 * default) they are used as they are, so they must already be one-hot (0/1 per channel, the input's
 * shape); with True they are class indices in one channel, one-hot encoded inside.
 */
const TARGETS = (c: CallFacts): string[] => {
  if (!c.known('to_onehot_y')) return [];
  return c.value('to_onehot_y') === true
    ? [msg('to_onehot_y=True: targets are class indices in one channel, one-hot encoded inside.')]
    : [msg("to_onehot_y=False: the targets must already be one-hot (0/1 per channel, the input's shape).")];
};

export const MONAI: readonly CatalogEntry[] = [
  {
    api: 'monai.losses.FocalLoss', library: 'monai', kind: 'focal',
    paths: ['monai.losses.FocalLoss', 'monai.losses.focal_loss.FocalLoss'],
    params: [p('include_background', true), p('to_onehot_y', false), p('gamma', 2.0), p('alpha', null), p('weight', null), p('reduction', 'mean'), p('use_softmax', false)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', classModel: { flag: 'use_softmax', whenTrue: 'softmax', whenFalse: 'sigmoid' },
    reduction: { param: 'reduction' }, extras: ['use_softmax', 'include_background', 'to_onehot_y', 'weight'],
    caveats: (c) => [...(c.value('use_softmax') === true ? [msg('use_softmax=True: softmax focal loss over channels, not per-channel sigmoid.')] : []), ...TARGETS(c)],
  },
  {
    api: 'monai.losses.DiceCELoss', library: 'monai', kind: 'ce',
    paths: ['monai.losses.DiceCELoss', 'monai.losses.dice.DiceCELoss'],
    params: [...DICE_PARAMS, p('squared_pred', false), p('jaccard', false), p('reduction', 'mean'), ...DICE_TAIL, p('weight', null), p('lambda_dice', 1.0), p('lambda_ce', 1.0), p('label_smoothing', 0.0)],
    gamma: 0, inputs: 'logits', classModel: 'softmax',
    reduction: { param: 'reduction' }, extras: ['lambda_ce', 'lambda_dice', 'weight', 'label_smoothing', 'softmax', 'sigmoid', 'to_onehot_y', 'include_background'],
    caveats: (c) => [
      msg('The CE part is nn.CrossEntropyLoss(weight, label_smoothing) over channels; with one output channel it is BCEWithLogitsLoss(pos_weight=weight).'),
      ACTIVATION_FOR_DICE,
      ...TARGETS(c),
    ],
    notModeled: diceNotModeled('lambda_dice * Dice + lambda_ce * CE'),
  },
  {
    api: 'monai.losses.DiceFocalLoss', library: 'monai', kind: 'focal',
    paths: ['monai.losses.DiceFocalLoss', 'monai.losses.dice.DiceFocalLoss'],
    params: [...DICE_PARAMS, p('squared_pred', false), p('jaccard', false), p('reduction', 'mean'), ...DICE_TAIL, p('gamma', 2.0), p('weight', null), p('lambda_dice', 1.0), p('lambda_focal', 1.0), p('alpha', null)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits',
    reduction: { param: 'reduction' }, extras: ['lambda_focal', 'lambda_dice', 'weight', 'softmax', 'sigmoid', 'to_onehot_y', 'include_background'],
    caveats: (c) => [msg("The focal part is monai's FocalLoss with use_softmax=False: a sigmoid focal loss per channel, even with softmax=True."), ACTIVATION_FOR_DICE, ...TARGETS(c)],
    notModeled: diceNotModeled('lambda_dice * Dice + lambda_focal * focal loss'),
  },
  {
    api: 'monai.losses.GeneralizedDiceFocalLoss', library: 'monai', kind: 'focal',
    paths: ['monai.losses.GeneralizedDiceFocalLoss', 'monai.losses.dice.GeneralizedDiceFocalLoss'],
    params: [...DICE_PARAMS, p('w_type', 'square'), p('reduction', 'mean'), ...DICE_TAIL, p('gamma', 2.0), p('weight', null), p('lambda_gdl', 1.0), p('lambda_focal', 1.0)],
    gamma: 'gamma', inputs: 'logits',
    reduction: { param: 'reduction' }, extras: ['lambda_focal', 'lambda_gdl', 'weight', 'softmax', 'sigmoid', 'to_onehot_y', 'include_background'],
    caveats: (c) => [msg("The focal part is monai's FocalLoss without alpha and with use_softmax=False: a sigmoid focal loss per channel."), ACTIVATION_FOR_DICE, ...TARGETS(c)],
    notModeled: diceNotModeled('lambda_gdl * generalized Dice + lambda_focal * focal loss'),
  },
];
