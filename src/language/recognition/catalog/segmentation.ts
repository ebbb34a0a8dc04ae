import { msg } from '../../../core';
import { kw, mayBeSet, p, POS_WEIGHT } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/*
 * Segmentation losses: kornia's focal losses and segmentation_models_pytorch's. Read in the libraries' source:
 * - kornia/kornia b4f5a78 (Aug 2026) kornia/losses/focal.py: focal_loss(pred, target, alpha, gamma=2.0,
 *   reduction='none', weight=None, ignore_index=-100) and FocalLoss(alpha, gamma=2.0, reduction='none', weight=None,
 *   ignore_index=-100) (softmax, alpha as [1 - alpha, alpha, ...], the loss kept per class so 'mean' divides by
 *   N * C * ...); binary_focal_loss_with_logits(pred, target, alpha=0.25, gamma=2.0, reduction='none',
 *   pos_weight=None, weight=None, ignore_index=-100) and BinaryFocalLossWithLogits(alpha, gamma=2.0, ...): ignore_index
 *   is still there.
 * - qubvel-org/segmentation_models.pytorch 5006616 (0.5.1.dev0; FocalLoss as in the v0.5.0 tag, HEAD has since
 *   added from_logits=True and eps before reduction (4bf6ec0): from_logits=False clamps the probabilities, inverts
 *   the sigmoid for binary/multilabel and takes log(p) for multiclass): losses/soft_bce.py SoftBCEWithLogitsLoss(weight=None,
 *   ignore_index=-100, reduction='mean', smooth_factor=None, pos_weight=None), targets smoothed to
 *   (1 - y) s + y (1 - s), ignored targets zeroed but counted by 'mean'; losses/soft_ce.py
 *   SoftCrossEntropyLoss(reduction='mean', smooth_factor=None, ignore_index=-100, dim=1) through
 *   label_smoothed_nll_loss, which computes epsilon / C and (1 - epsilon) * nll (so smooth_factor=None fails);
 *   losses/_functional.py focal_loss_with_logits(output, target, gamma=2.0, alpha=0.25, reduction='mean',
 *   normalized=False, reduced_threshold=None, eps=1e-6) and softmax_focal_loss_with_logits(output, target,
 *   gamma=2.0, reduction='mean', normalized=False, reduced_threshold=None, eps=1e-6); neither is re-exported by
 *   segmentation_models_pytorch.losses.
 */

const KORNIA_SOFTMAX_MEAN = msg('the sum divided by every element of the (N, C, ...) loss: C times the number of targets, as the other classes contribute 0');

/** smp's normalized and reduced focal losses divide by, or threshold on, the batch's own focal terms. */
const SMP_FOCAL_VARIANT = (c: CallFacts): string | undefined => {
  const normalized = c.value('normalized');
  if (normalized === true) return msg("normalized=True divides by the sum of the batch's focal terms, so no values are shown.");
  if (normalized !== false) return msg('normalized is not worked out from this file (True divides by the batch\'s focal terms), so no values are shown.');
  if (mayBeSet(c, 'reduced_threshold')) return msg('reduced_threshold switches to the reduced focal loss, so no values are shown.');
  return undefined;
};

/**
 * smp's FocalLoss(from_logits=False) in mode 'multiclass' takes log(p) of the softmax probabilities and runs its
 * per-class sigmoid focal loss on those log-probabilities (binary and multilabel invert the sigmoid instead).
 */
const SMP_FOCAL_FROM_PROBABILITIES = (c: CallFacts): string | undefined => {
  if (c.value('from_logits') === true || !/multiclass/.test(c.argText('mode'))) return undefined;
  return msg("from_logits={0} in mode 'multiclass': smp feeds log(p) to its per-class sigmoid focal loss, so no values are shown.", c.argText('from_logits'));
};

const smpFunctional = (name: string) => [`segmentation_models_pytorch.losses._functional.${name}`];

export const SEGMENTATION: readonly CatalogEntry[] = [
  {
    api: 'kornia.losses.focal_loss', library: 'kornia', kind: 'focal',
    paths: ['kornia.losses.focal_loss', 'kornia.losses.focal.focal_loss'],
    params: [p('pred'), p('target'), p('alpha'), p('gamma', 2.0), p('reduction', 'none'), p('weight', null), p('ignore_index', -100)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', classModel: 'softmax', predictionParam: 'pred',
    reduction: { param: 'reduction' }, meanDivisor: KORNIA_SOFTMAX_MEAN, extras: ['weight'],
    caveats: () => [msg('Multi-class softmax focal loss: alpha becomes the class weights [1 - alpha, alpha, ...].')],
  },
  {
    api: 'kornia.losses.FocalLoss', library: 'kornia', kind: 'focal',
    paths: ['kornia.losses.FocalLoss', 'kornia.losses.focal.FocalLoss'],
    params: [p('alpha'), p('gamma', 2.0), p('reduction', 'none'), p('weight', null), p('ignore_index', -100)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', classModel: 'softmax',
    reduction: { param: 'reduction' }, meanDivisor: KORNIA_SOFTMAX_MEAN, extras: ['weight'],
    caveats: () => [msg('Multi-class softmax focal loss: alpha becomes the class weights [1 - alpha, alpha, ...].')],
  },
  {
    api: 'kornia.losses.binary_focal_loss_with_logits', library: 'kornia', kind: 'focal',
    paths: ['kornia.losses.binary_focal_loss_with_logits', 'kornia.losses.focal.binary_focal_loss_with_logits'],
    params: [p('pred'), p('target'), p('alpha', 0.25), p('gamma', 2.0), p('reduction', 'none'), p('pos_weight', null), p('weight', null), p('ignore_index', -100)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'pred',
    reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight'],
  },
  {
    api: 'kornia.losses.BinaryFocalLossWithLogits', library: 'kornia', kind: 'focal',
    paths: ['kornia.losses.BinaryFocalLossWithLogits', 'kornia.losses.focal.BinaryFocalLossWithLogits'],
    params: [p('alpha'), p('gamma', 2.0), p('reduction', 'none'), p('pos_weight', null), p('weight', null), p('ignore_index', -100)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits',
    reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight'],
  },
  {
    api: 'segmentation_models_pytorch.losses.FocalLoss', library: 'segmentation_models_pytorch', kind: 'focal',
    paths: ['segmentation_models_pytorch.losses.FocalLoss', 'segmentation_models_pytorch.losses.focal.FocalLoss'],
    // from_logits (HEAD, after v0.5.0) is read by keyword only: positionally it sits where v0.5.0 has reduction.
    params: [p('mode'), p('alpha', null), p('gamma', 2.0), p('ignore_index', null), p('reduction', 'mean'), p('normalized', false), p('reduced_threshold', null), kw('from_logits', true)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' },
    reduction: { param: 'reduction' }, extras: ['mode', 'normalized', 'reduced_threshold'],
    caveats: (c) => [
      ...(/multiclass/.test(c.argText('mode')) ? [msg("mode 'multiclass' is one-vs-rest: a sigmoid focal loss per class, not softmax.")] : []),
      ...(c.known('reduced_threshold') && c.value('reduced_threshold') !== null ? [msg('reduced_threshold switches to the reduced focal loss variant.')] : []),
    ],
    notModeled: (c) => SMP_FOCAL_VARIANT(c) ?? SMP_FOCAL_FROM_PROBABILITIES(c),
  },  {
    api: 'segmentation_models_pytorch.losses.SoftBCEWithLogitsLoss', library: 'segmentation_models_pytorch', kind: 'ce',
    paths: ['segmentation_models_pytorch.losses.SoftBCEWithLogitsLoss', 'segmentation_models_pytorch.losses.soft_bce.SoftBCEWithLogitsLoss'],
    params: [p('weight', null), p('ignore_index', -100), p('reduction', 'mean'), p('smooth_factor', null), p('pos_weight', null)],
    gamma: 0, inputs: 'logits', reduction: { param: 'reduction' },
    meanDivisor: msg('the sum divided by every element: targets equal to ignore_index give 0 but still count'),
    extras: ['pos_weight', 'weight', 'smooth_factor', 'ignore_index'],
    caveats: (c) => {
      const s = c.value('smooth_factor');
      return [...POS_WEIGHT(c), ...(typeof s === 'number' && s > 0 ? [msg('smooth_factor={0} moves the targets to {0} and {1}: Keras-style label smoothing of {2}.', s, 1 - s, 2 * s)] : [])];
    },
    notModeled: (c) => (mayBeSet(c, 'smooth_factor') && c.value('smooth_factor') !== 0 ? msg('smooth_factor is not included in the core\'s values, so none are shown.') : undefined),
  },
  {
    api: 'segmentation_models_pytorch.losses.SoftCrossEntropyLoss', library: 'segmentation_models_pytorch', kind: 'ce',
    paths: ['segmentation_models_pytorch.losses.SoftCrossEntropyLoss', 'segmentation_models_pytorch.losses.soft_ce.SoftCrossEntropyLoss'],
    params: [p('reduction', 'mean'), p('smooth_factor', null), p('ignore_index', -100), p('dim', 1)],
    gamma: 0, inputs: 'logits', classModel: 'softmax', reduction: { param: 'reduction' },
    meanDivisor: msg('the sum divided by every target: targets equal to ignore_index give 0 but still count'),
    extras: ['smooth_factor', 'ignore_index', 'dim'],
    caveats: (c) => {
      const s = c.value('smooth_factor');
      if (c.known('smooth_factor') && s === null) return [msg("smooth_factor=None (the default) fails in forward: label_smoothed_nll_loss computes epsilon / C. Pass smooth_factor=0.0 for plain cross-entropy.")];
      return typeof s === 'number' && s > 0 ? [msg('smooth_factor={0} is label smoothing as in PyTorch: (1 - {0}) NLL + {0} / C times the sum of -log p over classes.', s)] : [];
    },
    notModeled: (c) => (c.value('smooth_factor') !== 0 ? msg('smooth_factor is not included in the core\'s values (and None fails in forward), so none are shown.') : undefined),
  },
  {
    api: 'segmentation_models_pytorch.losses._functional.focal_loss_with_logits', library: 'segmentation_models_pytorch', kind: 'focal',
    paths: smpFunctional('focal_loss_with_logits'),
    params: [p('output'), p('target'), p('gamma', 2.0), p('alpha', 0.25), p('reduction', 'mean'), p('normalized', false), p('reduced_threshold', null), p('eps', 1e-6)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'output',
    reduction: { param: 'reduction' }, extras: ['normalized', 'reduced_threshold'],
    caveats: (c) => (c.value('reduction') === 'batchwise_mean' ? [msg("reduction='batchwise_mean' sums over dimension 0 only.")] : []),
    notModeled: SMP_FOCAL_VARIANT,
  },
  {
    api: 'segmentation_models_pytorch.losses._functional.softmax_focal_loss_with_logits', library: 'segmentation_models_pytorch', kind: 'focal',
    paths: smpFunctional('softmax_focal_loss_with_logits'),
    params: [p('output'), p('target'), p('gamma', 2.0), p('reduction', 'mean'), p('normalized', false), p('reduced_threshold', null), p('eps', 1e-6)],
    gamma: 'gamma', inputs: 'logits', classModel: 'softmax', predictionParam: 'output',
    reduction: { param: 'reduction' }, extras: ['normalized', 'reduced_threshold'],
    caveats: () => [msg('Softmax focal loss over dimension 1 with integer targets; no alpha.')],
    notModeled: SMP_FOCAL_VARIANT,
  },
];
