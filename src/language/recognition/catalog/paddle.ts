import { msg } from '../../../core';
import { p, QUALITY_FOCAL_NOT_MODELED, VARIFOCAL_NOT_MODELED } from './helpers';
import type { CatalogEntry } from './types';

/*
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

const ppdet = (name: string) => [`ppdet.modeling.losses.${name}`, `ppdet.modeling.${name}`];

export const PADDLE: readonly CatalogEntry[] = [
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
