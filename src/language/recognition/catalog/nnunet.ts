import { msg } from '../../../core';
import { p } from './helpers';
import type { CallFacts, CatalogEntry } from './types';
import { TORCH } from './torch';

/*
 * nnU-Net's cross-entropy losses. As read in MIC-DKFZ/nnUNet:
 * - nnunetv2 (0e49508, 2.8.1) nnunetv2/training/loss/robust_ce_loss.py: RobustCrossEntropyLoss(nn.CrossEntropyLoss)
 *   keeps CrossEntropyLoss's constructor and only squeezes a (b, 1, ...) target to (b, ...) and casts it to long
 *   ("input must be logits"); nnU-Net v1 (branch nnunetv1, db16c6c) nnunet/training/loss_functions/crossentropy.py
 *   has the same class.
 * - nnunetv2/training/loss/compound_losses.py: DC_and_CE_loss(soft_dice_kwargs, ce_kwargs, weight_ce=1,
 *   weight_dice=1, ignore_label=None, dice_class=SoftDiceLoss) returns weight_ce * RobustCrossEntropyLoss(**ce_kwargs)
 *   + weight_dice * a soft Dice loss on the softmax (ignore_label becomes the CE's ignore_index);
 *   DC_and_BCE_loss(bce_kwargs, soft_dice_kwargs, weight_ce=1, weight_dice=1, use_ignore_label=False,
 *   dice_class=MemoryEfficientSoftDiceLoss) returns weight_ce * nn.BCEWithLogitsLoss(**bce_kwargs) + weight_dice *
 *   a soft Dice loss on the sigmoid. v1's nnunet/training/loss_functions/dice_loss.py: DC_and_CE_loss(soft_dice_kwargs,
 *   ce_kwargs, aggregate="sum", square_dice=False, weight_ce=1, weight_dice=1, log_dice=False, ignore_label=None),
 *   the same sum when aggregate="sum"; DC_and_BCE_loss(bce_kwargs, soft_dice_kwargs, aggregate="sum"): CE + Dice.
 * The compound losses are claimed as their cross-entropy part only: the Dice part is named and no values are shown.
 * TopKLoss (the k% largest CE values) and DC_and_topk_loss are not cross-entropy over every voxel: not claimed.
 */

const CROSS_ENTROPY = TORCH.find((e) => e.api === 'torch.nn.CrossEntropyLoss')!;

const ROBUST_CE: CatalogEntry = {
  ...CROSS_ENTROPY,
  api: 'nnunetv2.training.loss.robust_ce_loss.RobustCrossEntropyLoss', library: 'nnunet',
  paths: ['nnunetv2.training.loss.robust_ce_loss.RobustCrossEntropyLoss', 'nnunet.training.loss_functions.crossentropy.RobustCrossEntropyLoss'],
  caveats: () => [msg("nnU-Net's RobustCrossEntropyLoss is nn.CrossEntropyLoss on logits; a (b, 1, ...) target is squeezed to (b, ...) and cast to long first.")],
};

const DICE_MIXED = (what: string, nonlinearity: string) => (c: CallFacts) =>
  msg('{0} adds a soft Dice loss on the {1} (weight_dice={2}) to weight_ce={3} times the cross-entropy: the values would be the cross-entropy part alone, so none are shown.', what, nonlinearity, c.known('weight_dice') ? String(c.value('weight_dice')) : c.argText('weight_dice') || '?', c.known('weight_ce') ? String(c.value('weight_ce')) : c.argText('weight_ce') || '?');

const kwargsText = (c: CallFacts, name: string) => c.argText(name) || '?';

const DC_AND_CE = (version: 1 | 2): CatalogEntry => ({
  api: version === 2 ? 'nnunetv2.training.loss.compound_losses.DC_and_CE_loss' : 'nnunet.training.loss_functions.dice_loss.DC_and_CE_loss', library: 'nnunet', kind: 'ce',
  paths: [version === 2 ? 'nnunetv2.training.loss.compound_losses.DC_and_CE_loss' : 'nnunet.training.loss_functions.dice_loss.DC_and_CE_loss'],
  params: version === 2
    ? [p('soft_dice_kwargs'), p('ce_kwargs'), p('weight_ce', 1), p('weight_dice', 1), p('ignore_label', null)]
    : [p('soft_dice_kwargs'), p('ce_kwargs'), p('aggregate', 'sum'), p('square_dice', false), p('weight_ce', 1), p('weight_dice', 1), p('log_dice', false), p('ignore_label', null)],
  gamma: 0, inputs: 'logits', classModel: 'softmax', reduction: { fixed: 'weight_ce x CE + weight_dice x Dice' }, extras: ['weight_ce', 'weight_dice'],
  caveats: (c) => [msg("The cross-entropy part is nnU-Net's RobustCrossEntropyLoss(**ce_kwargs) (nn.CrossEntropyLoss on logits), ce_kwargs = {0}.", kwargsText(c, 'ce_kwargs'))],
  notModeled: DICE_MIXED('DC_and_CE_loss', 'softmax'),
});

const DC_AND_BCE = (version: 1 | 2): CatalogEntry => ({
  api: version === 2 ? 'nnunetv2.training.loss.compound_losses.DC_and_BCE_loss' : 'nnunet.training.loss_functions.dice_loss.DC_and_BCE_loss', library: 'nnunet', kind: 'ce',
  paths: [version === 2 ? 'nnunetv2.training.loss.compound_losses.DC_and_BCE_loss' : 'nnunet.training.loss_functions.dice_loss.DC_and_BCE_loss'],
  params: version === 2
    ? [p('bce_kwargs'), p('soft_dice_kwargs'), p('weight_ce', 1), p('weight_dice', 1), p('use_ignore_label', false)]
    : [p('bce_kwargs'), p('soft_dice_kwargs'), p('aggregate', 'sum')],
  gamma: 0, inputs: 'logits', reduction: { fixed: version === 2 ? 'weight_ce x BCE + weight_dice x Dice' : 'BCE + Dice' }, extras: version === 2 ? ['weight_ce', 'weight_dice'] : [],
  caveats: (c) => [msg('The cross-entropy part is nn.BCEWithLogitsLoss(**bce_kwargs) on logits, bce_kwargs = {0}.', kwargsText(c, 'bce_kwargs'))],
  notModeled: version === 2 ? DICE_MIXED('DC_and_BCE_loss', 'sigmoid') : () => msg('DC_and_BCE_loss adds a soft Dice loss on the sigmoid to the cross-entropy: the values would be the cross-entropy part alone, so none are shown.'),
});

export const NNUNET: readonly CatalogEntry[] = [ROBUST_CE, DC_AND_CE(2), DC_AND_CE(1), DC_AND_BCE(2), DC_AND_BCE(1)];
