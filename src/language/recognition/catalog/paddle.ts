import { msg } from '../../../core';
import { p, POS_WEIGHT, QUALITY_FOCAL_NOT_MODELED, VARIFOCAL_NOT_MODELED } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/*
 * PaddlePaddle's cross-entropy family, read in PaddlePaddle/Paddle 69a4a01 (2.5) python/paddle/nn/functional/loss.py
 * and nn/layer/loss.py, and the 2.6 signatures (label_smoothing=0.0 after use_softmax):
 * - binary_cross_entropy(input, label, weight=None, reduction='mean', name=None) on probabilities;
 *   binary_cross_entropy_with_logits(logit, label, weight=None, reduction='mean', pos_weight=None, name=None), whose
 *   pos_weight multiplies the positive term as PyTorch's does (1 + (pos_weight - 1) * label); BCELoss(weight=None,
 *   reduction='mean', name=None) and BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None, name=None).
 * - cross_entropy(input, label, weight=None, ignore_index=-100, reduction='mean', soft_label=False, axis=-1,
 *   use_softmax=True, [label_smoothing=0.0,] name=None) and CrossEntropyLoss(the same, without input and label):
 *   the classes are on the LAST axis unless axis= says otherwise (PyTorch's are on axis 1); use_softmax=False takes
 *   probabilities. 'mean' divides the sum by the targets' summed class weights when weight is given; without weight
 *   by the number of targets, leaving ignored targets out only when ignore_index >= 0 (with the default -100 a
 *   target of -100 gives 0 and still counts).
 * - softmax_with_cross_entropy(logits, label, soft_label=False, ignore_index=-100, numeric_stable_mode=True,
 *   return_softmax=False, axis=-1): the loss per sample, no reduction.
 *
 * PaddlePaddle's functional focal loss and PaddleDetection's loss classes. Read in
 * PaddlePaddle/PaddleDetection 666f597 (Oct 2024):
 * - ppdet/modeling/losses/focal_loss.py: FocalLoss(use_sigmoid=True, alpha=0.25, gamma=2.0, loss_weight=1.0)
 *   (alpha before gamma, unlike mmdet), asserts use_sigmoid, forward(pred, target, reduction='none') calls
 *   F.sigmoid_focal_loss; RetinaHead and YOLOFHead call it with reduction='sum' and divide by the number of
 *   positives (ppdet/modeling/heads/retina_head.py, yolof_head.py).
 * - ppdet/modeling/losses/varifocal_loss.py: VarifocalLoss(use_sigmoid=True, alpha=0.75, gamma=2.0,
 *   iou_weighted=True, reduction='mean', loss_weight=1.0); use_sigmoid=False takes probabilities
 *   (F.binary_cross_entropy) and sums over classes.
 * - ppdet/modeling/losses/gfocal_loss.py: QualityFocalLoss(use_sigmoid=True, beta=2.0, reduction='mean', loss_weight=1.0).
 * ppdet.modeling.losses re-exports FocalLoss and QualityFocalLoss (`from .focal_loss import *`, ...) but
 * not varifocal_loss, so VarifocalLoss is reached only by its module. In the YAML configs these are
 * `loss_class:` mappings with `name: FocalLoss` (configs/retinanet, yolof), `name: VarifocalLoss`
 * (configs/picodet) or `name: QualityFocalLoss` (configs/gfl).
 */

const PADDLE_CE_MEAN = msg("the sum divided by the targets' summed class weights (without weight, by the number of targets; a target equal to a negative ignore_index then still counts)");

const CLASSES_LAST = (c: CallFacts) =>
  c.explicit('axis') ? [] : [msg("Classes on the last axis (axis=-1, Paddle's default; PyTorch's is axis 1).")];

const ppdet = (name: string) => [`ppdet.modeling.losses.${name}`, `ppdet.modeling.${name}`];

const PADDLE_CE_PARAMS = [p('weight', null), p('ignore_index', -100), p('reduction', 'mean'), p('soft_label', false), p('axis', -1), p('use_softmax', true), p('label_smoothing', 0.0), p('name', null)];

export const PADDLE: readonly CatalogEntry[] = [
  {
    api: 'paddle.nn.functional.binary_cross_entropy', library: 'paddle', kind: 'ce',
    paths: ['paddle.nn.functional.binary_cross_entropy', 'paddle.nn.functional.loss.binary_cross_entropy'],
    params: [p('input'), p('label'), p('weight', null), p('reduction', 'mean'), p('name', null)],
    gamma: 0, inputs: 'probabilities', predictionParam: 'input', reduction: { param: 'reduction' }, extras: ['weight'],
  },
  {
    api: 'paddle.nn.functional.binary_cross_entropy_with_logits', library: 'paddle', kind: 'ce',
    paths: ['paddle.nn.functional.binary_cross_entropy_with_logits', 'paddle.nn.functional.loss.binary_cross_entropy_with_logits'],
    params: [p('logit'), p('label'), p('weight', null), p('reduction', 'mean'), p('pos_weight', null), p('name', null)],
    gamma: 0, inputs: 'logits', predictionParam: 'logit', reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight'], caveats: POS_WEIGHT,
  },
  {
    api: 'paddle.nn.BCELoss', library: 'paddle', kind: 'ce',
    paths: ['paddle.nn.BCELoss', 'paddle.nn.layer.loss.BCELoss'],
    params: [p('weight', null), p('reduction', 'mean'), p('name', null)],
    gamma: 0, inputs: 'probabilities', reduction: { param: 'reduction' }, extras: ['weight'],
  },
  {
    api: 'paddle.nn.BCEWithLogitsLoss', library: 'paddle', kind: 'ce',
    paths: ['paddle.nn.BCEWithLogitsLoss', 'paddle.nn.layer.loss.BCEWithLogitsLoss'],
    params: [p('weight', null), p('reduction', 'mean'), p('pos_weight', null), p('name', null)],
    gamma: 0, inputs: 'logits', reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight'], caveats: POS_WEIGHT,
  },
  {
    api: 'paddle.nn.functional.cross_entropy', library: 'paddle', kind: 'ce',
    paths: ['paddle.nn.functional.cross_entropy', 'paddle.nn.functional.loss.cross_entropy'],
    params: [p('input'), p('label'), ...PADDLE_CE_PARAMS],
    gamma: 0, inputs: { flag: 'use_softmax', whenTrue: 'logits', whenFalse: 'probabilities' }, classModel: 'softmax', predictionParam: 'input',
    reduction: { param: 'reduction' }, meanDivisor: PADDLE_CE_MEAN, extras: ['label_smoothing', 'weight', 'ignore_index', 'soft_label'], caveats: CLASSES_LAST,
  },
  {
    api: 'paddle.nn.CrossEntropyLoss', library: 'paddle', kind: 'ce',
    paths: ['paddle.nn.CrossEntropyLoss', 'paddle.nn.layer.loss.CrossEntropyLoss'],
    params: PADDLE_CE_PARAMS,
    gamma: 0, inputs: { flag: 'use_softmax', whenTrue: 'logits', whenFalse: 'probabilities' }, classModel: 'softmax',
    reduction: { param: 'reduction' }, meanDivisor: PADDLE_CE_MEAN, extras: ['label_smoothing', 'weight', 'ignore_index', 'soft_label'], caveats: CLASSES_LAST,
  },
  {
    api: 'paddle.nn.functional.softmax_with_cross_entropy', library: 'paddle', kind: 'ce',
    paths: ['paddle.nn.functional.softmax_with_cross_entropy', 'paddle.nn.functional.loss.softmax_with_cross_entropy'],
    params: [p('logits'), p('label'), p('soft_label', false), p('ignore_index', -100), p('numeric_stable_mode', true), p('return_softmax', false), p('axis', -1)],
    gamma: 0, inputs: 'logits', classModel: 'softmax', predictionParam: 'logits',
    reduction: { fixed: 'none (one value per sample)' }, extras: ['ignore_index', 'soft_label'], caveats: CLASSES_LAST,
  },
  {
    api: 'paddle.nn.functional.sigmoid_focal_loss', library: 'paddle', kind: 'focal',
    paths: ['paddle.nn.functional.sigmoid_focal_loss', 'paddle.nn.functional.loss.sigmoid_focal_loss'],
    params: [p('logit'), p('label'), p('normalizer', null), p('alpha', 0.25), p('gamma', 2.0), p('reduction', 'sum'), p('name', null)],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'logit',
    reduction: { param: 'reduction' }, extras: ['normalizer'],
  },
  {
    api: 'ppdet.modeling.losses.FocalLoss', library: 'ppdet', kind: 'focal',
    paths: [...ppdet('FocalLoss'), 'ppdet.modeling.losses.focal_loss.FocalLoss'],
    params: [p('use_sigmoid', true), p('alpha', 0.25), p('gamma', 2.0), p('loss_weight', 1.0)],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits',
    reduction: { fixed: "the head's: RetinaHead and YOLOFHead sum, then divide by the number of positives" }, extras: ['use_sigmoid', 'loss_weight'],
    caveats: (c) => (c.value('use_sigmoid') === false ? [msg('use_sigmoid=False: PaddleDetection FocalLoss asserts use_sigmoid == True.')] : []),
  },
  {
    api: 'ppdet.modeling.losses.VarifocalLoss', library: 'ppdet', kind: 'focal',
    paths: ['ppdet.modeling.losses.varifocal_loss.VarifocalLoss'],
    params: [p('use_sigmoid', true), p('alpha', 0.75), p('gamma', 2.0), p('iou_weighted', true), p('reduction', 'mean'), p('loss_weight', 1.0)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: { flag: 'use_sigmoid', whenTrue: 'logits', whenFalse: 'probabilities' },
    reduction: { param: 'reduction' }, extras: ['iou_weighted', 'loss_weight'],
    notModeled: () => VARIFOCAL_NOT_MODELED,
  },
  {
    api: 'ppdet.modeling.losses.QualityFocalLoss', library: 'ppdet', kind: 'focal',
    paths: [...ppdet('QualityFocalLoss'), 'ppdet.modeling.losses.gfocal_loss.QualityFocalLoss'],
    params: [p('use_sigmoid', true), p('beta', 2.0), p('reduction', 'mean'), p('loss_weight', 1.0)],
    gamma: 'beta', inputs: 'logits',
    reduction: { param: 'reduction' }, extras: ['loss_weight'],
    caveats: () => [msg("beta is QFL's focusing exponent, shown as gamma.")],
    notModeled: () => QUALITY_FOCAL_NOT_MODELED,
  },
];

/** PaddleDetection YAML `loss_class: {name: X, ...}`: the catalog entry of each name. */
export const PPDET_YAML_TYPES: ReadonlyMap<string, CatalogEntry> = new Map(
  (['FocalLoss', 'VarifocalLoss', 'QualityFocalLoss'] as const).map((name) => [name, PADDLE.find((e) => e.api === `ppdet.modeling.losses.${name}`)!]),
);
