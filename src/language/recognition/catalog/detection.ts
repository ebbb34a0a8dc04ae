import { msg } from '../../../core';
import { p, VARIFOCAL_NOT_MODELED } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/*
 * Detection libraries' sigmoid focal losses: torchvision, fvcore, ultralytics, YOLOv5 and HuggingFace
 * transformers. Signatures read in the libraries' own source:
 * - ultralytics/ultralytics ultralytics/utils/loss.py (commit 00033e8): VarifocalLoss(gamma=2.0, alpha=0.75),
 *   forward(pred_score, gt_score, label), weight alpha * sigmoid^gamma * (1 - label) + gt_score * label,
 *   reduced .mean(1).sum(); FocalLoss(gamma=1.5, alpha=0.25), alpha applied only `if (self.alpha > 0).any()`,
 *   reduced .mean(1).sum(). Its loss classes (VarifocalLoss, FocalLoss, DFLoss, BboxLoss, ...) include no
 *   QFocalLoss: that is YOLOv5's.
 * - YOLOv5 utils/loss.py (ultralytics/yolov5 5081342, Aug 2026; the `yolov5` pip package's yolov5/utils/loss.py,
 *   fcakyon/yolov5-pip 18ee693, is the same): FocalLoss(loss_fcn, gamma=1.5, alpha=0.25) and
 *   QFocalLoss(loss_fcn, gamma=1.5, alpha=0.25) wrap loss_fcn (a BCEWithLogitsLoss) and take its reduction;
 *   QFocalLoss's factor is alpha_t * |true - sigmoid|^gamma. Only the package path yolov5.utils.loss is listed:
 *   `utils.loss` is too common a module name to claim.
 * - huggingface/transformers src/transformers/loss/loss_for_object_detection.py (dc68df5):
 *   sigmoid_focal_loss(inputs, targets, num_boxes, alpha: float = 0.25, gamma: float = 2), alpha applied
 *   `if alpha >= 0`, returns loss.mean(1).sum() / num_boxes; the same function lived in
 *   models/detr/modeling_detr.py before the loss module (copies elsewhere say "Copied from
 *   transformers.models.detr.modeling_detr.sigmoid_focal_loss").
 */

const YOLOV5_PLAIN_BCE = /^(?:[\w.]+\.)?BCEWithLogitsLoss\(\s*(?:reduction\s*=\s*(['"])\w+\1\s*,?\s*)?\)$/;

/** YOLOv5's wrappers compute on whatever loss_fcn computes: the values hold for a plain BCEWithLogitsLoss only. */
const yolov5WrappedLoss = (c: CallFacts): string | undefined => {
  const text = c.argText('loss_fcn').replace(/\s+/g, ' ').trim();
  if (YOLOV5_PLAIN_BCE.test(text)) return undefined;
  return text
    ? msg("The wrapped loss_fcn `{0}` is not known to be a plain BCEWithLogitsLoss (YOLOv5's own has pos_weight=cls_pw), so no values are shown.", text)
    : msg("The wrapped loss_fcn is not known to be a plain BCEWithLogitsLoss (YOLOv5's own has pos_weight=cls_pw), so no values are shown.");
};

export const DETECTION: readonly CatalogEntry[] = [
  {
    api: 'torchvision.ops.sigmoid_focal_loss', library: 'torchvision', kind: 'focal',
    paths: ['torchvision.ops.sigmoid_focal_loss', 'torchvision.ops.focal_loss.sigmoid_focal_loss'],
    params: [p('inputs'), p('targets'), p('alpha', 0.25), p('gamma', 2), p('reduction', 'none')],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'inputs',
    reduction: { param: 'reduction' }, extras: [],
    caveats: (c) => {
      const a = c.value('alpha');
      return [...(typeof a === 'number' && a > 1 ? [msg('alpha={0} > 1: recent torchvision raises ValueError (alpha must be in [0, 1], or -1 for none).', a)] : [])];
    },
  },
  ...(['sigmoid_focal_loss', 'sigmoid_focal_loss_jit'] as const).map((name): CatalogEntry => ({
    api: `fvcore.nn.${name}`, library: 'fvcore', kind: 'focal',
    paths: [`fvcore.nn.${name}`, `fvcore.nn.focal_loss.${name}`],
    params: [p('inputs'), p('targets'), p('alpha', -1), p('gamma', 2), p('reduction', 'none')],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'inputs',
    reduction: { param: 'reduction' }, extras: [],
    caveats: (c) => [...(!c.explicit('alpha') ? [msg("fvcore's alpha defaults to -1 (no alpha weighting), unlike torchvision's 0.25.")] : [])],
  })),
  ...(['sigmoid_focal_loss_star', 'sigmoid_focal_loss_star_jit'] as const).map((name): CatalogEntry => ({
    api: `fvcore.nn.${name}`, library: 'fvcore', kind: 'focal-star',
    paths: [`fvcore.nn.${name}`, `fvcore.nn.focal_loss.${name}`],
    params: [p('inputs'), p('targets'), p('alpha', -1), p('gamma', 1), p('reduction', 'none')],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'inputs',
    reduction: { param: 'reduction' }, extras: [],
    caveats: () => [msg('FL* here has no beta (beta = 0): loss = -log sigmoid(gamma * x_t) / gamma.')],
  })),
  {
    api: 'ultralytics.utils.loss.FocalLoss', library: 'ultralytics', kind: 'focal',
    paths: ['ultralytics.utils.loss.FocalLoss', 'ultralytics.yolo.utils.loss.FocalLoss'],
    params: [p('gamma', 1.5), p('alpha', 0.25)],
    alpha: { param: 'alpha', off: 'not-positive' }, gamma: 'gamma', inputs: 'logits',
    reduction: { fixed: '.mean(1).sum()' }, extras: [],
  },
  {
    api: 'ultralytics.utils.loss.VarifocalLoss', library: 'ultralytics', kind: 'focal',
    paths: ['ultralytics.utils.loss.VarifocalLoss', 'ultralytics.yolo.utils.loss.VarifocalLoss'],
    params: [p('gamma', 2.0), p('alpha', 0.75)],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits',
    reduction: { fixed: '.mean(1).sum()' }, extras: [],
    caveats: () => [msg('Varifocal loss: negatives are weighted alpha * p^gamma, positives by the IoU-aware target score; not the symmetric focal loss.')],
    notModeled: () => VARIFOCAL_NOT_MODELED,
  },
  ...(['FocalLoss', 'QFocalLoss'] as const).map((name): CatalogEntry => ({
    api: `yolov5.utils.loss.${name}`, library: 'yolov5', kind: 'focal',
    paths: [`yolov5.utils.loss.${name}`],
    params: [p('loss_fcn'), p('gamma', 1.5), p('alpha', 0.25)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits',
    reduction: { fixed: "loss_fcn's reduction (BCEWithLogitsLoss: 'mean')" }, extras: [],
    caveats: () => [
      msg('{0} wraps loss_fcn (a BCEWithLogitsLoss): its pos_weight and reduction apply.', name),
      ...(name === 'QFocalLoss' ? [msg("QFocalLoss's factor is alpha_t * |y - sigmoid|^gamma: the focal loss for targets of 0 or 1, not for YOLOv5's IoU objectness targets.")] : []),
    ],
    notModeled: (c) => (name === 'QFocalLoss' ? msg('YOLOv5 QFocalLoss scales BCE by |y - sigmoid|^gamma: it equals the focal loss only for targets of exactly 0 or 1, so no values are shown.') : yolov5WrappedLoss(c)),
  })),
  {
    api: 'transformers.loss.loss_for_object_detection.sigmoid_focal_loss', library: 'transformers', kind: 'focal',
    paths: ['transformers.loss.loss_for_object_detection.sigmoid_focal_loss', 'transformers.models.detr.modeling_detr.sigmoid_focal_loss'],
    params: [p('inputs'), p('targets'), p('num_boxes'), p('alpha', 0.25), p('gamma', 2)],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'inputs',
    reduction: { fixed: 'loss.mean(1).sum() / num_boxes' }, extras: ['num_boxes'],
    caveats: () => [msg('Returns loss.mean(1).sum() / num_boxes: the mean over dimension 1 (classes or mask pixels), summed over the rest and divided by num_boxes, the number of target boxes.')],
  },
];
