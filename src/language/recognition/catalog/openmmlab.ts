import { msg } from '../../../core';
import { forkedFocalLoss, mayBeSet, p, QUALITY_FOCAL_NOT_MODELED, VARIFOCAL_NOT_MODELED } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/*
 * OpenMMLab: mmdet's loss classes (Python and config dicts), mmcv's ops and mmrotate's SmoothFocalLoss.
 * Read in mmdet 3.3.0's mmdet/models/losses (the BitStrawber/mmdetection fork, whose losses are
 * upstream's unchanged since 1fb2ac3, Oct 2023):
 * - focal_loss.py: FocalLoss(use_sigmoid=True, gamma=2.0, alpha=0.25, reduction='mean', loss_weight=1.0, activated=False).
 * - cross_entropy_loss.py: CrossEntropyLoss(use_sigmoid=False, use_mask=False, reduction='mean', class_weight=None,
 *   ignore_index=None, loss_weight=1.0, avg_non_ignore=False); use_sigmoid: binary_cross_entropy_with_logits with
 *   pos_weight=class_weight; use_mask: mask_cross_entropy (BCE with logits, 'mean'); else F.cross_entropy(weight=
 *   class_weight, reduction='none') then weight_reduce_loss, so 'mean' divides by avg_factor or the element count.
 * - gfocal_loss.py: QualityFocalLoss(use_sigmoid=True, beta=2.0, reduction='mean', loss_weight=1.0, activated=False);
 *   BCE * |score - sigmoid|^beta (sigmoid^beta for negatives), summed over classes.
 * - varifocal_loss.py: VarifocalLoss(use_sigmoid=True, alpha=0.75, gamma=2.0, iou_weighted=True, reduction='mean',
 *   loss_weight=1.0); asserts use_sigmoid and alpha >= 0.
 * FocalLoss, QualityFocalLoss and VarifocalLoss assert use_sigmoid is True in __init__ (FocalLoss also in 2.x,
 * 00e9730): a config writing use_sigmoid=False builds a fork's loss (seen in repositories shipping their own
 * mmdet with the assert commented out and a softmax branch), so it is claimed by no one.
 * mmrotate (open-mmlab/mmrotate b030f38) mmrotate/models/losses/smooth_focal_loss.py: SmoothFocalLoss(gamma=2.0,
 * alpha=0.25, reduction='mean', loss_weight=1.0): BCE * alpha_t * ((1 - sigmoid) y + sigmoid (1 - y))^gamma.
 * Config types: mmyolo (open-mmlab/mmyolo 8c4d9dc) configs write type='mmdet.CrossEntropyLoss',
 * 'mmdet.QualityFocalLoss', 'mmdet.VarifocalLoss'; mmrotate 1.x and mmdet3d write 'mmdet.FocalLoss'.
 */

const MMDET_MEAN = msg("the sum divided by avg_factor when the head passes one (most mmdet heads pass the number of samples), else by every element; targets equal to ignore_index count unless avg_non_ignore=True");

const mmdetCeCaveats = (c: CallFacts): string[] => {
  const sigmoid = c.value('use_sigmoid') === true;
  const mask = c.value('use_mask') === true;
  const weighted = c.known('class_weight') && c.value('class_weight') !== null;
  return [
    ...(sigmoid && mask ? [msg('use_sigmoid=True with use_mask=True: mmdet asserts that at most one is True.')] : []),
    ...(mask ? [msg("use_mask=True: BCE with logits on each RoI's mask of its class, averaged over every pixel (reduction must be 'mean').")] : []),
    ...(!sigmoid && !mask && c.known('use_sigmoid') && c.known('use_mask') ? [msg('Softmax cross-entropy over classes (dim 1); mmdet heads put the background class last.')] : []),
    ...(weighted && sigmoid ? [msg('With use_sigmoid=True, class_weight is passed to binary_cross_entropy_with_logits as pos_weight.')] : []),
    ...(weighted && !sigmoid ? [msg("class_weight multiplies each target's loss by its class's weight; 'mean' still divides by the count, not by the summed weights as PyTorch does.")] : []),
    ...(mayBeSet(c, 'ignore_index') && c.value('avg_non_ignore') !== true && c.value('reduction') === 'mean' ? [msg('ignore_index without avg_non_ignore=True: ignored targets still count in the mean (mmdet warns).')] : []),
  ];
};

export const OPENMMLAB: readonly CatalogEntry[] = [
  {
    api: 'mmdet.models.losses.FocalLoss', library: 'mmdet', kind: 'focal',
    paths: ['mmdet.models.losses.FocalLoss', 'mmdet.models.FocalLoss', 'mmdet.models.losses.focal_loss.FocalLoss'],
    params: [p('use_sigmoid', true), p('gamma', 2.0), p('alpha', 0.25), p('reduction', 'mean'), p('loss_weight', 1.0), p('activated', false)],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: { flag: 'activated', whenTrue: 'probabilities', whenFalse: 'logits' },
    reduction: { param: 'reduction' }, meanDivisor: msg('the sum divided by avg_factor when the head passes one (usually the number of positives), else by every element'), extras: ['use_sigmoid', 'loss_weight'],
    refuses: { param: 'use_sigmoid', literal: 'False' },
    notModeled: (c) => (c.value('use_sigmoid') === false ? forkedFocalLoss('mmdet') : undefined),
  },
  {
    api: 'mmcv.ops.sigmoid_focal_loss', library: 'mmcv', kind: 'focal',
    paths: ['mmcv.ops.sigmoid_focal_loss', 'mmcv.ops.focal_loss.sigmoid_focal_loss'],
    params: [p('input'), p('target'), p('gamma', 2.0), p('alpha', 0.25), p('weight', null), p('reduction', 'mean')],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'input',
    reduction: { param: 'reduction' }, extras: ['weight'],
    caveats: () => [msg("Targets are class indices (N,), not one-hot; reduction='mean' divides the sum by the number of rows N.")],
  },
  {
    api: 'mmcv.ops.SigmoidFocalLoss', library: 'mmcv', kind: 'focal',
    paths: ['mmcv.ops.SigmoidFocalLoss', 'mmcv.ops.focal_loss.SigmoidFocalLoss'],
    params: [p('gamma'), p('alpha'), p('weight', null), p('reduction', 'mean')],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits',
    reduction: { param: 'reduction' }, extras: ['weight'],
    caveats: () => [msg('Targets are class indices (N,), not one-hot.')],
  },  {
    api: 'mmdet.models.losses.CrossEntropyLoss', library: 'mmdet', kind: 'ce',
    paths: ['mmdet.models.losses.CrossEntropyLoss', 'mmdet.models.CrossEntropyLoss', 'mmdet.models.losses.cross_entropy_loss.CrossEntropyLoss'],
    params: [p('use_sigmoid', false), p('use_mask', false), p('reduction', 'mean'), p('class_weight', null), p('ignore_index', null), p('loss_weight', 1.0), p('avg_non_ignore', false)],
    gamma: 0, inputs: 'logits', classModel: { flag: 'use_sigmoid', orFlag: 'use_mask', whenTrue: 'sigmoid', whenFalse: 'softmax' },
    reduction: { param: 'reduction' }, meanDivisor: MMDET_MEAN,
    extras: ['use_sigmoid', 'use_mask', 'class_weight', 'ignore_index', 'avg_non_ignore', 'loss_weight'],
    caveats: mmdetCeCaveats,
    notModeled: (c) => {
      if (!mayBeSet(c, 'class_weight')) return undefined;
      const text = c.argText('class_weight');
      return c.known('class_weight') ? msg("class_weight={0} is not included in the core's values, so none are shown.", text) : text ? msg("class_weight ({0}) may be set and is not included in the core's values, so none are shown.", text) : msg("class_weight (not worked out) may be set and is not included in the core's values, so none are shown.");
    },
  },
  {
    api: 'mmdet.models.losses.QualityFocalLoss', library: 'mmdet', kind: 'focal',
    paths: ['mmdet.models.losses.QualityFocalLoss', 'mmdet.models.QualityFocalLoss', 'mmdet.models.losses.gfocal_loss.QualityFocalLoss'],
    params: [p('use_sigmoid', true), p('beta', 2.0), p('reduction', 'mean'), p('loss_weight', 1.0), p('activated', false)],
    gamma: 'beta', inputs: { flag: 'activated', whenTrue: 'probabilities', whenFalse: 'logits' },
    reduction: { param: 'reduction' }, meanDivisor: msg('the sum over classes, averaged over predictions; divided by avg_factor when the head passes one'),
    extras: ['use_sigmoid', 'loss_weight'],
    refuses: { param: 'use_sigmoid', literal: 'False' }, // asserted True: False means a fork's loss
    caveats: (c) => [
      msg("beta is QFL's focusing exponent, shown as gamma; the target is (label, IoU score), negatives are scaled by sigmoid^beta."),
      ...(c.value('use_sigmoid') === false ? [msg('use_sigmoid=False: mmdet QualityFocalLoss asserts use_sigmoid is True.')] : []),
    ],
    notModeled: () => QUALITY_FOCAL_NOT_MODELED,
  },
  {
    api: 'mmdet.models.losses.VarifocalLoss', library: 'mmdet', kind: 'focal',
    paths: ['mmdet.models.losses.VarifocalLoss', 'mmdet.models.VarifocalLoss', 'mmdet.models.losses.varifocal_loss.VarifocalLoss'],
    params: [p('use_sigmoid', true), p('alpha', 0.75), p('gamma', 2.0), p('iou_weighted', true), p('reduction', 'mean'), p('loss_weight', 1.0)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits',
    reduction: { param: 'reduction' }, meanDivisor: msg('the sum divided by avg_factor when the head passes one, else by every element'),
    extras: ['iou_weighted', 'use_sigmoid', 'loss_weight'],
    refuses: { param: 'use_sigmoid', literal: 'False' }, // asserted True: False means a fork's loss
    caveats: (c) => [
      msg('alpha weights the negatives only (alpha * p^gamma); positives are weighted by their IoU target when iou_weighted=True.'),
      ...(c.value('use_sigmoid') === false ? [msg('use_sigmoid=False: mmdet VarifocalLoss asserts use_sigmoid is True.')] : []),
    ],
    notModeled: () => VARIFOCAL_NOT_MODELED,
  },
  {
    api: 'mmrotate.models.losses.SmoothFocalLoss', library: 'mmrotate', kind: 'focal',
    paths: ['mmrotate.models.losses.SmoothFocalLoss', 'mmrotate.models.SmoothFocalLoss', 'mmrotate.models.losses.smooth_focal_loss.SmoothFocalLoss'],
    params: [p('gamma', 2.0), p('alpha', 0.25), p('reduction', 'mean'), p('loss_weight', 1.0)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits',
    reduction: { param: 'reduction' }, meanDivisor: msg('the sum divided by avg_factor when the head passes one, else by every element'),
    extras: ['loss_weight'],
    caveats: () => [msg("For the soft Circular Smooth Label targets it is used with, the factor is alpha_t * ((1 - p) y + p (1 - y))^gamma; with a target of 0 or 1 it is the focal loss the values show.")],
  },
];

const byApi = (api: string): CatalogEntry => OPENMMLAB.find((e) => e.api === api)!;

/**
 * Config dicts by their `type`: dict(type='FocalLoss', ...), {'type': 'mmdet.QualityFocalLoss', ...}. Every
 * parameter is a keyword; a dict whose type is not here is not a loss.
 */
export const MMDET_CONFIG_ENTRIES: ReadonlyMap<string, CatalogEntry> = new Map(
  [
    ...(['FocalLoss', 'CrossEntropyLoss', 'QualityFocalLoss', 'VarifocalLoss'] as const).flatMap((name) => [name, `mmdet.${name}`].map((type) => [type, byApi(`mmdet.models.losses.${name}`)] as const)),
    ...['SmoothFocalLoss', 'mmrotate.SmoothFocalLoss'].map((type) => [type, byApi('mmrotate.models.losses.SmoothFocalLoss')] as const),
  ],
);
