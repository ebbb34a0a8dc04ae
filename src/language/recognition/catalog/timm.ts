import { msg } from '../../../core';
import { mayBeSet, p, POS_WEIGHT } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/*
 * timm's classification losses (huggingface/pytorch-image-models aa4b585, timm 1.0.29.dev0; timm/loss/__init__.py
 * exports them), as read in its source:
 * - cross_entropy.py: LabelSmoothingCrossEntropy(smoothing=0.1): log_softmax over the last dim, then
 *   (1 - smoothing) * nll + smoothing * mean over classes of -log p, averaged over samples (the same formula as
 *   PyTorch's label_smoothing); SoftTargetCrossEntropy(): sum over classes of -target * log_softmax, averaged.
 * - binary_cross_entropy.py: BinaryCrossEntropy(smoothing=0.1, target_threshold=None, weight=None, reduction='mean',
 *   sum_classes=False, pos_weight=None): class-index targets become one-hot with off = smoothing / C and
 *   on = 1 - smoothing + off, then thresholded to 0/1 when target_threshold is set; then
 *   binary_cross_entropy_with_logits(x, target, weight, pos_weight=, reduction=); sum_classes=True sums over
 *   classes and averages over samples (reduction becomes 'none' first).
 * - jsd.py: JsdCrossEntropy(num_splits=3, alpha=12, smoothing=0.1): cross-entropy (label-smoothed when smoothing > 0)
 *   on the first split plus alpha times the mean KL of each split's softmax to their mixture (AugMix).
 */

const paths = (module: string, name: string) => [`timm.loss.${name}`, `timm.loss.${module}.${name}`];

/** A smoothing the call may set (the default 0.1 included): the core's values would leave it out. */
const smoothingMaySet = (c: CallFacts) => mayBeSet(c, 'smoothing') && c.value('smoothing') !== 0;

export const TIMM: readonly CatalogEntry[] = [
  {
    api: 'timm.loss.LabelSmoothingCrossEntropy', library: 'timm', kind: 'ce',
    paths: paths('cross_entropy', 'LabelSmoothingCrossEntropy'),
    params: [p('smoothing', 0.1)],
    gamma: 0, inputs: 'logits', classModel: 'softmax', reduction: { fixed: 'mean over samples' }, extras: ['smoothing'],
    caveats: (c) => [
      msg('Softmax cross-entropy over the last dimension.'),
      ...(typeof c.value('smoothing') === 'number' && c.value('smoothing') !== 0 ? [msg("smoothing={0}: (1 - {0}) x NLL + {0} x the mean of -log p over classes, the same as nn.CrossEntropyLoss(label_smoothing={0}).", c.value('smoothing') as number)] : []),
    ],
    notModeled: (c) => (smoothingMaySet(c) ? msg("timm's smoothing is not passed to the core's values, so none are shown (it is PyTorch's label_smoothing formula).") : undefined),
  },
  {
    api: 'timm.loss.SoftTargetCrossEntropy', library: 'timm', kind: 'ce',
    paths: paths('cross_entropy', 'SoftTargetCrossEntropy'),
    params: [],
    gamma: 0, inputs: 'logits', classModel: 'softmax', reduction: { fixed: 'mean over samples' }, extras: [],
    caveats: () => [msg('Cross-entropy against soft targets (a distribution per sample, as mixup and cutmix make): the sum over classes of -target x log_softmax.')],
    notModeled: () => msg('Its targets are distributions, not one class, so there is no single p_t: no values are shown.'),
  },
  {
    api: 'timm.loss.BinaryCrossEntropy', library: 'timm', kind: 'ce',
    paths: paths('binary_cross_entropy', 'BinaryCrossEntropy'),
    params: [p('smoothing', 0.1), p('target_threshold', null), p('weight', null), p('reduction', 'mean'), p('sum_classes', false), p('pos_weight', null)],
    gamma: 0, inputs: 'logits', reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight', 'smoothing', 'target_threshold', 'sum_classes'],
    caveats: (c) => [
      msg('One sigmoid per class (binary_cross_entropy_with_logits); class-index targets are made one-hot first.'),
      ...POS_WEIGHT(c),
      ...(c.value('sum_classes') === true ? [msg('sum_classes=True sums over classes, then averages over samples (reduction is not used).')] : []),
    ],
    // Hard 0/1 targets after the threshold, or no smoothing: the core's BCE (with pos_weight) is the call.
    notModeled: (c) => (smoothingMaySet(c) && (!c.known('target_threshold') || c.value('target_threshold') === null)
      ? msg('smoothing moves one-hot targets to smoothing / C and 1 - smoothing + smoothing / C (C classes); the core does not model that, so no values are shown.')
      : undefined),
  },
  {
    api: 'timm.loss.JsdCrossEntropy', library: 'timm', kind: 'ce',
    paths: paths('jsd', 'JsdCrossEntropy'),
    params: [p('num_splits', 3), p('alpha', 12), p('smoothing', 0.1)],
    gamma: 0, inputs: 'logits', classModel: 'softmax', reduction: { fixed: 'mean over samples' }, extras: ['num_splits', 'smoothing'],
    caveats: (c) => [msg("AugMix's loss: cross-entropy on the clean split plus alpha={0} times the Jensen-Shannon divergence between the splits' softmax outputs. This alpha weights that term; it is not a class weight.", c.known('alpha') ? String(c.value('alpha')) : c.argText('alpha') || '?')],
    notModeled: () => msg('The Jensen-Shannon term depends on the other splits\' predictions, so no values are shown.'),
  },
];

