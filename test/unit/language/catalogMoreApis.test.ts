import * as assert from 'node:assert/strict';
import { CATALOG, findLossCalls } from '../../../src/language/recognition';
import { BY_PATH, MMDET_CONFIG_TYPES } from '../../../src/language/recognition/catalog';
import { checkCase, type Case } from './recognitionExpect';

/*
 * Loss APIs people configure that the catalog first lacked (issue 11, pattern 3). The signature facts
 * each case relies on, as read in the library's own source:
 * - mmdet 3.3.0 mmdet/models/losses (read in the BitStrawber/mmdetection fork; its losses are upstream's
 *   unchanged since 1fb2ac3, Oct 2023): CrossEntropyLoss(use_sigmoid=False, use_mask=False, reduction='mean',
 *   class_weight=None, ignore_index=None, loss_weight=1.0, avg_non_ignore=False);
 *   QualityFocalLoss(use_sigmoid=True, beta=2.0, reduction='mean', loss_weight=1.0, activated=False);
 *   VarifocalLoss(use_sigmoid=True, alpha=0.75, gamma=2.0, iou_weighted=True, reduction='mean', loss_weight=1.0).
 * - mmyolo 8c4d9dc configs: type='mmdet.CrossEntropyLoss' / 'mmdet.QualityFocalLoss' (beta=qfl_beta) /
 *   'mmdet.VarifocalLoss' (ppyoloe_plus: alpha=0.75, gamma=2.0, iou_weighted=True, reduction='sum').
 * - mmrotate b030f38 mmrotate/models/losses/smooth_focal_loss.py: SmoothFocalLoss(gamma=2.0, alpha=0.25, reduction='mean', loss_weight=1.0).
 * - segmentation_models_pytorch 5006616: SoftBCEWithLogitsLoss(weight=None, ignore_index=-100, reduction='mean',
 *   smooth_factor=None, pos_weight=None); SoftCrossEntropyLoss(reduction='mean', smooth_factor=None,
 *   ignore_index=-100, dim=1); losses/_functional.py focal_loss_with_logits(output, target, gamma=2.0, alpha=0.25,
 *   reduction='mean', normalized=False, reduced_threshold=None, eps=1e-6), softmax_focal_loss_with_logits(output,
 *   target, gamma=2.0, reduction='mean', normalized=False, reduced_threshold=None, eps=1e-6).
 * - MONAI d388d1c monai/losses/dice.py: DiceCELoss(..., reduction='mean', smooth_nr, smooth_dr, batch, weight=None,
 *   lambda_dice=1.0, lambda_ce=1.0, label_smoothing=0.0); DiceFocalLoss(include_background, to_onehot_y, sigmoid,
 *   softmax, other_act, squared_pred, jaccard, reduction, smooth_nr, smooth_dr, batch, gamma=2.0, weight=None,
 *   lambda_dice=1.0, lambda_focal=1.0, alpha=None), its focal part never softmax; GeneralizedDiceFocalLoss(...,
 *   gamma=2.0, weight=None, lambda_gdl=1.0, lambda_focal=1.0).
 * - ultralytics 00033e8 ultralytics/utils/loss.py: FocalLoss(gamma=1.5, alpha=0.25), alpha used only when > 0;
 *   VarifocalLoss(gamma=2.0, alpha=0.75); no QFocalLoss. YOLOv5 5081342 utils/loss.py (and the yolov5 package):
 *   FocalLoss(loss_fcn, gamma=1.5, alpha=0.25), QFocalLoss(loss_fcn, gamma=1.5, alpha=0.25).
 * - transformers dc68df5 src/transformers/loss/loss_for_object_detection.py: sigmoid_focal_loss(inputs, targets,
 *   num_boxes, alpha=0.25, gamma=2), alpha used when >= 0, returns loss.mean(1).sum() / num_boxes.
 * - kornia b4f5a78 kornia/losses/focal.py: focal_loss(pred, target, alpha, gamma=2.0, reduction='none', weight=None,
 *   ignore_index=-100) (ignore_index is still there), FocalLoss(alpha, gamma=2.0, reduction='none', weight=None,
 *   ignore_index=-100), binary_focal_loss_with_logits(pred, target, alpha=0.25, gamma=2.0, reduction='none',
 *   pos_weight=None, weight=None, ignore_index=-100).
 * - optax 2edbcbe: optax/losses/_classification.py sigmoid_binary_cross_entropy(logits, labels), re-exported by
 *   optax/losses/__init__.py and aliased in optax/__init__.py.
 * - PaddleDetection 666f597: ppdet/modeling/losses FocalLoss(use_sigmoid=True, alpha=0.25, gamma=2.0, loss_weight=1.0),
 *   VarifocalLoss(use_sigmoid=True, alpha=0.75, gamma=2.0, iou_weighted=True, reduction='mean', loss_weight=1.0),
 *   QualityFocalLoss(use_sigmoid=True, beta=2.0, reduction='mean', loss_weight=1.0); configs write them as
 *   `loss_class:` mappings with `name:` (configs/retinanet, yolof, picodet, gfl).
 */

/** A case and, per expected call, the notModeled reason it must have (a pattern) or not have (null). */
interface MoreCase extends Case {
  notModeled?: (RegExp | null)[];
  meanDivisor?: (RegExp | null)[];
}

const MMDET: MoreCase[] = [
  {
    name: 'mmdet: CrossEntropyLoss config dict, softmax by default',
    src: `rpn_head = dict(\n    loss_cls=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),\n    loss_bbox=dict(type='L1Loss', loss_weight=1.0))\n`,
    calls: [{ api: 'mmdet.models.losses.CrossEntropyLoss', kind: 'ce', callee: "dict(type='CrossEntropyLoss'", classModel: 'softmax', inputs: 'logits', reduction: 'mean', extra: { loss_weight: 1, avg_non_ignore: false } }],
    notModeled: [null],
    meanDivisor: [/avg_factor/],
  },
  {
    name: "mmdet: mmyolo's 'mmdet.CrossEntropyLoss' with use_sigmoid=True is a sigmoid BCE",
    src: `loss_cls_weight = 0.5\nloss_cls=dict(\n    type='mmdet.CrossEntropyLoss',\n    use_sigmoid=True,\n    reduction='none',\n    loss_weight=loss_cls_weight)\n`,
    calls: [{ api: 'mmdet.models.losses.CrossEntropyLoss', classModel: 'sigmoid', reduction: 'none', extra: { loss_weight: 0.5, use_sigmoid: true } }],
    notModeled: [null],
  },
  {
    name: 'mmdet: use_mask=True is a BCE on masks, a sigmoid',
    src: `loss_mask = dict(type='CrossEntropyLoss', use_mask=True, loss_weight=1.0)\nmodel = dict(roi_head=dict(mask_head=dict(loss_mask=loss_mask)))\n`,
    calls: [{ api: 'mmdet.models.losses.CrossEntropyLoss', classModel: 'sigmoid', caveats: [/use_mask=True/] }],
  },
  {
    name: 'mmdet: an unresolved use_mask leaves the class model unknown',
    src: `loss_mask = dict(type='CrossEntropyLoss', use_mask=cfg.mask)\nmodel = dict(roi_head=dict(mask_head=dict(loss_mask=loss_mask)))\n`,
    calls: [{ api: 'mmdet.models.losses.CrossEntropyLoss', classModel: undefined }],
  },
  {
    name: 'mmdet: class_weight is said and no values are claimed',
    src: `loss_cls = dict(type='CrossEntropyLoss', use_sigmoid=False, class_weight=[1.0, 2.0, 0.5])\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n`,
    calls: [{ api: 'mmdet.models.losses.CrossEntropyLoss', caveats: [/not by the summed weights/], extra: { class_weight: [1, 2, 0.5] } }],
    notModeled: [/class_weight/],
  },
  {
    name: 'mmdet: sigmoid class_weight is a pos_weight',
    src: `loss_cls = dict(type='CrossEntropyLoss', use_sigmoid=True, class_weight=[2.0])\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n`,
    calls: [{ api: 'mmdet.models.losses.CrossEntropyLoss', classModel: 'sigmoid', caveats: [/as pos_weight/] }],
    notModeled: [/class_weight/],
  },
  {
    name: 'mmdet: ignore_index without avg_non_ignore counts ignored targets',
    src: `loss_cls = {'type': 'CrossEntropyLoss', 'ignore_index': 255}\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n`,
    calls: [{ api: 'mmdet.models.losses.CrossEntropyLoss', callee: "{'type': 'CrossEntropyLoss'", extra: { ignore_index: 255 }, caveats: [/avg_non_ignore/] }],
  },
  {
    name: 'mmdet: CrossEntropyLoss class with positional arguments',
    src: `from mmdet.models.losses import CrossEntropyLoss\nce = CrossEntropyLoss(True, False, 'sum')\n`,
    calls: [{ api: 'mmdet.models.losses.CrossEntropyLoss', classModel: 'sigmoid', reduction: 'sum' }],
  },
  {
    name: "mmdet: rtmdet's mmdet.QualityFocalLoss with beta from a constant",
    src: `qfl_beta = 2.0\nloss_cls_weight = 1.0\nloss_cls=dict(\n    type='mmdet.QualityFocalLoss',\n    use_sigmoid=True,\n    beta=qfl_beta,\n    loss_weight=loss_cls_weight)\n`,
    calls: [{ api: 'mmdet.models.losses.QualityFocalLoss', kind: 'focal', gamma: [2, 0], alpha: [null, 'default'], inputs: 'logits', caveats: [/beta is QFL's focusing exponent/] }],
    notModeled: [/Quality focal loss/],
  },
  {
    name: 'mmdet: QualityFocalLoss brace config, activated means probabilities',
    src: `cfg = {'type': 'QualityFocalLoss', 'beta': 1.5, 'activated': True}\nmodel = dict(bbox_head=dict(loss_cls=cfg))\n`,
    calls: [{ api: 'mmdet.models.losses.QualityFocalLoss', gamma: [1.5, 'explicit'], inputs: ['probabilities', 'explicit'] }],
    notModeled: [/Quality focal loss/],
  },
  {
    name: "mmdet: ppyoloe's mmdet.VarifocalLoss",
    src: `loss_cls=dict(\n    type='mmdet.VarifocalLoss',\n    use_sigmoid=True,\n    alpha=0.75,\n    gamma=2.0,\n    iou_weighted=True,\n    reduction='sum',\n    loss_weight=1.0)\n`,
    calls: [{ api: 'mmdet.models.losses.VarifocalLoss', alpha: [0.75, 'explicit'], gamma: [2, 'explicit'], reduction: 'sum', extra: { iou_weighted: true }, caveats: [/negatives only/] }],
    notModeled: [/Varifocal loss is asymmetric/],
  },
  {
    name: "mmdet: varifocal's alpha is not described as alpha_t",
    src: `loss_cls = dict(type='VarifocalLoss', alpha=0.25)\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n`,
    calls: [{ api: 'mmdet.models.losses.VarifocalLoss', alpha: [0.25, 'explicit'], noCaveat: [/down-weights the positives/] }],
    notModeled: [/Varifocal/],
  },
  {
    name: 'mmdet: VarifocalLoss class from its module',
    src: `from mmdet.models.losses.varifocal_loss import VarifocalLoss\nv = VarifocalLoss(True, 0.5, 1.0)\n`,
    calls: [{ api: 'mmdet.models.losses.VarifocalLoss', alpha: [0.5, 'explicit'], gamma: [1, 'explicit'] }],
  },
  {
    name: "mmrotate: SmoothFocalLoss config dict, the focal loss at hard targets",
    src: `bbox_head=dict(\n    type='CSLRRetinaHead',\n    loss_angle=dict(\n        type='SmoothFocalLoss', gamma=2.0, alpha=0.25, loss_weight=0.8))\n`,
    calls: [{ api: 'mmrotate.models.losses.SmoothFocalLoss', alpha: [0.25, 'explicit'], gamma: [2, 'explicit'], extra: { loss_weight: 0.8 }, caveats: [/Circular Smooth Label/] }],
    notModeled: [null],
  },
  {
    // open-mmlab/mmdetection3d 0.x configs/_base_/models/hv_pointpillars_fpn_nus.py: pts_bbox_head's loss_cls is mmdet's FocalLoss.
    name: "mmdet3d 0.x: pts_bbox_head's FocalLoss is mmdet's",
    src: `model = dict(\n    pts_bbox_head=dict(\n        type='Anchor3DHead',\n        loss_cls=dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25, loss_weight=1.0)))\n`,
    calls: [{ api: 'mmdet.models.losses.FocalLoss', alpha: [0.25, 'explicit'], gamma: [2, 'explicit'] }],
  },
  {
    name: "mmdet 3.x in another project: a base named 'mmdet::' says whose the bare type is",
    src: `_base_ = ['mmdet::retinanet/retinanet_r50_fpn_1x_coco.py']\nloss = dict(type='FocalLoss', use_sigmoid=True, gamma=1.5)\n`,
    calls: [{ api: 'mmdet.models.losses.FocalLoss', gamma: [1.5, 'explicit'] }],
  },
  {
    name: 'mmdet: a GFL head config yields its QFL and not its DistributionFocalLoss or GIoULoss',
    src: `bbox_head=dict(\n    type='GFLHead',\n    loss_cls=dict(type='QualityFocalLoss', use_sigmoid=True, beta=2.0, loss_weight=1.0),\n    loss_dfl=dict(type='DistributionFocalLoss', loss_weight=0.25),\n    loss_bbox=dict(type='GIoULoss', loss_weight=2.0))\n`,
    calls: [{ api: 'mmdet.models.losses.QualityFocalLoss', gamma: [2, 'explicit'] }],
  },
  {
    name: "mmdet: 'mmdet.FocalLoss' (mmrotate 1.x, mmdet3d) still maps to FocalLoss",
    src: `loss_cls=dict(type='mmdet.FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25, loss_weight=1.0)\n`,
    calls: [{ api: 'mmdet.models.losses.FocalLoss', alpha: [0.25, 'explicit'] }],
    notModeled: [null],
  },
  {
    // open-mmlab/mmdetection mmdet/models/dense_heads/retina_head.py (3.x): a head's default loss dict in
    // mmdet's own source, built by mmdet's MODELS (the registry import says so).
    name: 'mmdet source: a head\'s default FocalLoss dict with mmdet\'s registry',
    src: `from mmdet.registry import MODELS\nclass RetinaHead:\n    def __init__(self, loss_cls=dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25, loss_weight=1.0)):\n        self.loss_cls = MODELS.build(loss_cls)\n`,
    calls: [{ api: 'mmdet.models.losses.FocalLoss', alpha: [0.25, 'explicit'] }],
    notModeled: [null],
  },
];

const SMP: MoreCase[] = [
  {
    name: 'smp: SoftBCEWithLogitsLoss with pos_weight',
    src: `import torch\nimport segmentation_models_pytorch as smp\ncrit = smp.losses.SoftBCEWithLogitsLoss(pos_weight=torch.tensor([2.0]))\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses.SoftBCEWithLogitsLoss', kind: 'ce', classModel: 'sigmoid', inputs: 'logits', reduction: 'mean', extra: { smooth_factor: null, ignore_index: -100 }, caveats: [/pos_weight=2/] }],
    notModeled: [null],
    meanDivisor: [/still count/],
  },
  {
    // WongKinYiu/yolov7 utils/loss.py (main, 2022): SigmoidBin builds nn.BCEWithLogitsLoss(pos_weight=torch.Tensor([BCE_weight]))
    // with BCE_weight=1.0: a weight of 1 changes nothing, and is not called an alpha-balanced CE.
    name: 'torch: BCEWithLogitsLoss with pos_weight 1 is said to be unweighted',
    src: `import torch\nimport torch.nn as nn\ncrit = nn.BCEWithLogitsLoss(pos_weight=torch.Tensor([1.0]))\n`,
    calls: [{ api: 'torch.nn.BCEWithLogitsLoss', kind: 'ce', inputs: 'logits', caveats: [/pos_weight=1 leaves the loss unweighted/] }],
    notModeled: [null],
  },
  {
    name: 'smp: SoftBCEWithLogitsLoss positional, smoothing not tabulated',
    src: `from segmentation_models_pytorch.losses import SoftBCEWithLogitsLoss\nc = SoftBCEWithLogitsLoss(None, 255, 'sum', 0.1)\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses.SoftBCEWithLogitsLoss', reduction: 'sum', extra: { ignore_index: 255, smooth_factor: 0.1 }, caveats: [/label smoothing of 0.2/] }],
    notModeled: [/smooth_factor/],
  },
  {
    name: 'smp: SoftCrossEntropyLoss with the default smooth_factor=None fails in forward',
    src: `import segmentation_models_pytorch as smp\nce = smp.losses.SoftCrossEntropyLoss()\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses.SoftCrossEntropyLoss', classModel: 'softmax', reduction: 'mean', caveats: [/fails in forward/] }],
    notModeled: [/smooth_factor/],
  },
  {
    name: 'smp: SoftCrossEntropyLoss with smooth_factor=0.0 is plain CE',
    src: `from segmentation_models_pytorch.losses.soft_ce import SoftCrossEntropyLoss\nce = SoftCrossEntropyLoss(smooth_factor=0.0, ignore_index=255)\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses.SoftCrossEntropyLoss', classModel: 'softmax', extra: { smooth_factor: 0, ignore_index: 255 }, noCaveat: [/fails/] }],
    notModeled: [null],
  },
  {
    name: 'smp: SoftCrossEntropyLoss positional smoothing',
    src: `from segmentation_models_pytorch.losses import SoftCrossEntropyLoss\nce = SoftCrossEntropyLoss('sum', 0.1)\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses.SoftCrossEntropyLoss', reduction: 'sum', extra: { smooth_factor: 0.1 }, caveats: [/label smoothing as in PyTorch/] }],
    notModeled: [/smooth_factor/],
  },
  {
    name: 'smp: functional focal_loss_with_logits, gamma before alpha',
    src: `from segmentation_models_pytorch.losses._functional import focal_loss_with_logits\nl = focal_loss_with_logits(out, t, 3.0, 0.5)\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses._functional.focal_loss_with_logits', gamma: [3, 'explicit'], alpha: [0.5, 'explicit'], reduction: 'mean', classModel: 'sigmoid' }],
    notModeled: [null],
  },
  {
    name: 'smp: functional focal_loss_with_logits defaults',
    src: `import segmentation_models_pytorch.losses._functional as LF\nl = LF.focal_loss_with_logits(out, t)\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses._functional.focal_loss_with_logits', gamma: [2, 'default'], alpha: [0.25, 'default'] }],
  },
  {
    name: 'smp: softmax_focal_loss_with_logits, normalized not tabulated',
    src: `from segmentation_models_pytorch.losses._functional import softmax_focal_loss_with_logits\nl = softmax_focal_loss_with_logits(out, t, gamma=2.0, normalized=True)\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses._functional.softmax_focal_loss_with_logits', classModel: 'softmax', alpha: [null, 'default'], gamma: [2, 'explicit'] }],
    notModeled: [/normalized=True/],
  },
  {
    name: 'smp: FocalLoss with reduced_threshold is not tabulated',
    src: `import segmentation_models_pytorch as smp\nf = smp.losses.FocalLoss('binary', reduced_threshold=0.5)\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses.FocalLoss' }],
    notModeled: [/reduced focal loss/],
  },
];

const MONAI: MoreCase[] = [
  {
    name: 'monai: DiceFocalLoss describes its focal part',
    src: `from monai.losses import DiceFocalLoss\nloss = DiceFocalLoss(sigmoid=True, gamma=2.0, lambda_focal=0.5)\n`,
    calls: [{ api: 'monai.losses.DiceFocalLoss', kind: 'focal', gamma: [2, 'explicit'], alpha: [null, 'default'], classModel: 'sigmoid', extra: { lambda_focal: 0.5, lambda_dice: 1, sigmoid: true } }],
    notModeled: [/Dice part/],
  },
  {
    name: "monai: DiceFocalLoss's softmax=True is the Dice part's; alpha is the focal part's",
    src: `import monai\nloss = monai.losses.DiceFocalLoss(to_onehot_y=True, softmax=True, alpha=0.25, weight=[1.0, 2.0])\n`,
    calls: [{ api: 'monai.losses.DiceFocalLoss', classModel: 'sigmoid', alpha: [0.25, 'explicit'], caveats: [/even with softmax=True/], extra: { softmax: true, to_onehot_y: true } }],
    notModeled: [/Dice part/],
  },
  {
    name: 'monai: DiceFocalLoss positional arguments',
    src: `from monai.losses.dice import DiceFocalLoss\nloss = DiceFocalLoss(False, True)\n`,
    calls: [{ api: 'monai.losses.DiceFocalLoss', extra: { include_background: false, to_onehot_y: true } }],
  },
  {
    name: 'monai: DiceCELoss describes its CE part',
    src: `from monai.losses import DiceCELoss\nloss = DiceCELoss(to_onehot_y=True, softmax=True, lambda_ce=0.7, label_smoothing=0.1)\n`,
    calls: [{ api: 'monai.losses.DiceCELoss', kind: 'ce', classModel: 'softmax', reduction: 'mean', extra: { lambda_ce: 0.7, label_smoothing: 0.1, lambda_dice: 1 }, caveats: [/BCEWithLogitsLoss\(pos_weight=weight\)/] }],
    notModeled: [/lambda_dice \* Dice \+ lambda_ce \* CE/],
  },
  {
    name: 'monai: GeneralizedDiceFocalLoss',
    src: `import monai\nloss = monai.losses.GeneralizedDiceFocalLoss(gamma=1.0, lambda_gdl=0.5)\n`,
    calls: [{ api: 'monai.losses.GeneralizedDiceFocalLoss', gamma: [1, 'explicit'], alpha: [null, 'default'], extra: { lambda_gdl: 0.5 } }],
    notModeled: [/generalized Dice/],
  },
];

const DETECTION: MoreCase[] = [
  {
    name: 'ultralytics: FocalLoss alpha=0 turns alpha off (applied only when alpha > 0)',
    src: `from ultralytics.utils.loss import FocalLoss\nfl = FocalLoss(gamma=1.5, alpha=0)\n`,
    calls: [{ api: 'ultralytics.utils.loss.FocalLoss', alpha: [null, 'explicit'], gamma: [1.5, 'explicit'], reduction: '.mean(1).sum()' }],
    notModeled: [null],
  },
  {
    name: 'ultralytics: FocalLoss positional, negative alpha off',
    src: `from ultralytics.utils.loss import FocalLoss\nfl = FocalLoss(2.0, -1)\n`,
    calls: [{ api: 'ultralytics.utils.loss.FocalLoss', alpha: [null, 'explicit'], gamma: [2, 'explicit'] }],
  },
  {
    name: 'ultralytics: VarifocalLoss is recognised, not tabulated',
    src: `from ultralytics.utils.loss import VarifocalLoss\nvfl = VarifocalLoss()\n`,
    calls: [{ api: 'ultralytics.utils.loss.VarifocalLoss', alpha: [0.75, 'default'], gamma: [2, 'default'] }],
    notModeled: [/Varifocal/],
  },
  {
    name: 'yolov5: FocalLoss wrapping a plain BCEWithLogitsLoss',
    src: `import torch.nn as nn\nfrom yolov5.utils.loss import FocalLoss\ncrit = FocalLoss(nn.BCEWithLogitsLoss(), gamma=2.0)\n`,
    calls: [
      { api: 'yolov5.utils.loss.FocalLoss', alpha: [0.25, 'default'], gamma: [2, 'explicit'], caveats: [/wraps loss_fcn/] },
      { api: 'torch.nn.BCEWithLogitsLoss' },
    ],
    notModeled: [null, null],
  },
  {
    name: "yolov5: FocalLoss of YOLOv5's BCEcls (a pos_weight may apply)",
    src: `from yolov5.utils.loss import FocalLoss\nBCEcls = FocalLoss(BCEcls, g)\n`,
    calls: [{ api: 'yolov5.utils.loss.FocalLoss', gamma: [undefined, 'unresolved'] }],
    notModeled: [/not known to be a plain BCEWithLogitsLoss/],
  },
  {
    name: 'yolov5: QFocalLoss is recognised, not tabulated',
    src: `from yolov5.utils.loss import QFocalLoss\nq = QFocalLoss(nn.BCEWithLogitsLoss(), 1.5, 0.25)\n`,
    calls: [{ api: 'yolov5.utils.loss.QFocalLoss', gamma: [1.5, 'explicit'], alpha: [0.25, 'explicit'] }, { api: 'torch.nn.BCEWithLogitsLoss' }],
    notModeled: [/QFocalLoss/, null],
  },
  {
    name: 'transformers: sigmoid_focal_loss from the loss module, divided by num_boxes',
    src: `from transformers.loss.loss_for_object_detection import sigmoid_focal_loss\nloss = sigmoid_focal_loss(source_masks, target_masks, num_boxes)\n`,
    calls: [{ api: 'transformers.loss.loss_for_object_detection.sigmoid_focal_loss', alpha: [0.25, 'default'], gamma: [2, 'default'], inputs: 'logits', reduction: 'loss.mean(1).sum() / num_boxes', caveats: [/num_boxes/] }],
    notModeled: [null],
  },
  {
    name: 'transformers: the DETR copy, positional alpha and gamma',
    src: `from transformers.models.detr.modeling_detr import sigmoid_focal_loss as sfl\nl = sfl(a, b, n, 0.5, 1)\n`,
    calls: [{ api: 'transformers.loss.loss_for_object_detection.sigmoid_focal_loss', alpha: [0.5, 'explicit'], gamma: [1, 'explicit'] }],
  },
  {
    name: 'transformers: alpha=-1 turns alpha off',
    src: `import transformers\nl = transformers.loss.loss_for_object_detection.sigmoid_focal_loss(x, y, 4, alpha=-1)\n`,
    calls: [{ api: 'transformers.loss.loss_for_object_detection.sigmoid_focal_loss', alpha: [null, 'explicit'] }],
  },
];

const KORNIA_OPTAX: MoreCase[] = [
  {
    name: 'kornia: focal_loss positional (pred, target, alpha, gamma, reduction)',
    src: `import kornia\nl = kornia.losses.focal_loss(pred, target, 0.5, 2.0, 'mean')\n`,
    calls: [{ api: 'kornia.losses.focal_loss', alpha: [0.5, 'explicit'], gamma: [2, 'explicit'], reduction: 'mean', classModel: 'softmax' }],
    meanDivisor: [/C times the number of targets/],
  },
  {
    name: 'kornia: FocalLoss positional with weight and ignore_index',
    src: `from kornia.losses import FocalLoss\nc = FocalLoss(0.25, 2.0, 'sum', None, 255)\n`,
    calls: [{ api: 'kornia.losses.FocalLoss', alpha: [0.25, 'explicit'], reduction: 'sum', extra: { weight: null } }],
  },
  {
    name: 'kornia: binary_focal_loss_with_logits positional pos_weight',
    src: `from kornia.losses import binary_focal_loss_with_logits\nl = binary_focal_loss_with_logits(pred, target, 0.25, 2.0, 'none', None)\n`,
    calls: [{ api: 'kornia.losses.binary_focal_loss_with_logits', alpha: [0.25, 'explicit'], reduction: 'none', extra: { pos_weight: null } }],
  },
  {
    name: 'kornia: BinaryFocalLossWithLogits alpha=None',
    src: `import kornia.losses as KL\nc = KL.BinaryFocalLossWithLogits(alpha=None, gamma=1.0)\n`,
    calls: [{ api: 'kornia.losses.BinaryFocalLossWithLogits', alpha: [null, 'explicit'], gamma: [1, 'explicit'] }],
  },
  ...[
    ['import optax\nl = optax.sigmoid_binary_cross_entropy(logits, labels)\n', 'optax.sigmoid_binary_cross_entropy'],
    ['import optax\nl = optax.losses.sigmoid_binary_cross_entropy(logits, labels)\n', 'optax.losses.sigmoid_binary_cross_entropy'],
    ['import optax.losses\nl = optax.losses.sigmoid_binary_cross_entropy(logits, labels)\n', 'optax.losses.sigmoid_binary_cross_entropy'],
    ['from optax import losses\nl = losses.sigmoid_binary_cross_entropy(logits, labels)\n', 'losses.sigmoid_binary_cross_entropy'],
    ['import optax.losses as ol\nl = ol.sigmoid_binary_cross_entropy(logits, labels)\n', 'ol.sigmoid_binary_cross_entropy'],
    ['from optax.losses import sigmoid_binary_cross_entropy\nl = sigmoid_binary_cross_entropy(logits, labels)\n', 'sigmoid_binary_cross_entropy'],
    ['from optax import sigmoid_binary_cross_entropy as sbce\nl = sbce(logits, labels)\n', 'sbce'],
    ['from optax.losses._classification import sigmoid_binary_cross_entropy\nl = sigmoid_binary_cross_entropy(logits, labels)\n', 'sigmoid_binary_cross_entropy'],
    ['from optax.losses import *\nl = sigmoid_binary_cross_entropy(logits, labels)\n', 'sigmoid_binary_cross_entropy'],
  ].map(([src, callee]): MoreCase => ({
    name: `optax: ${src.split('\n')[0]} -> ${callee}`,
    src: src!,
    calls: [{ api: 'optax.sigmoid_binary_cross_entropy', kind: 'ce', callee: callee!, inputs: 'logits', classModel: 'sigmoid', reduction: 'none (element-wise)' }],
  })),
  {
    name: 'optax: safe_softmax_cross_entropy',
    src: `from optax import losses\nl = losses.safe_softmax_cross_entropy(logits, labels)\n`,
    calls: [{ api: 'optax.safe_softmax_cross_entropy', classModel: 'softmax' }],
  },
];

const PADDLE: MoreCase[] = [
  {
    name: 'PaddleDetection YAML: RetinaHead loss_class FocalLoss',
    language: 'yaml',
    src: 'RetinaHead:\n  conv_feat:\n    name: RetinaFeat\n    feat_in: 256\n  loss_class:\n    name: FocalLoss\n    gamma: 2.0\n    alpha: 0.25\n    loss_weight: 1.0\n  loss_bbox:\n    name: SmoothL1Loss\n    beta: 0.0\n',
    calls: [{ api: 'ppdet.modeling.losses.FocalLoss', callee: 'loss_class: FocalLoss', alpha: [0.25, 'explicit'], gamma: [2, 'explicit'], inputs: 'logits', classModel: 'sigmoid', extra: { loss_weight: 1, use_sigmoid: true } }],
    notModeled: [null],
  },
  {
    name: 'PaddleDetection YAML: YOLOF FocalLoss, gamma from its default, a trailing comment ignored',
    language: 'yaml',
    src: 'YOLOFHead:\n  loss_class:\n    name: FocalLoss # sigmoid\n    alpha: 0.5\n  loss_bbox:\n    name: GIoULoss\n',
    calls: [{ api: 'ppdet.modeling.losses.FocalLoss', alpha: [0.5, 'explicit'], gamma: [2, 'default'] }],
  },
  {
    name: 'PaddleDetection YAML: PicoDet VarifocalLoss with use_sigmoid False takes probabilities',
    language: 'yaml',
    src: 'PicoHeadV2:\n  loss_class:\n    name: VarifocalLoss\n    use_sigmoid: False\n    iou_weighted: True\n    loss_weight: 1.0\n  loss_dfl:\n    name: DistributionFocalLoss\n    loss_weight: 0.5\n',
    calls: [{ api: 'ppdet.modeling.losses.VarifocalLoss', inputs: ['probabilities', 'explicit'], alpha: [0.75, 'default'], extra: { iou_weighted: true } }],
    notModeled: [/Varifocal/],
  },
  {
    name: 'PaddleDetection YAML: GFL QualityFocalLoss, quoted name',
    language: 'yaml',
    src: 'GFLHead:\n  loss_class:\n    name: "QualityFocalLoss"\n    use_sigmoid: True\n    beta: 2.0\n    loss_weight: 1.0\n',
    calls: [{ api: 'ppdet.modeling.losses.QualityFocalLoss', gamma: [2, 'explicit'] }],
    notModeled: [/Quality focal/],
  },
  {
    name: 'PaddleDetection: FocalLoss class takes alpha before gamma',
    src: `from ppdet.modeling.losses import FocalLoss\nl = FocalLoss(True, 0.5, 1.0)\n`,
    calls: [{ api: 'ppdet.modeling.losses.FocalLoss', alpha: [0.5, 'explicit'], gamma: [1, 'explicit'] }],
  },
  {
    name: 'PaddleDetection: VarifocalLoss from its module',
    src: `from ppdet.modeling.losses.varifocal_loss import VarifocalLoss\nl = VarifocalLoss(alpha=0.75)\n`,
    calls: [{ api: 'ppdet.modeling.losses.VarifocalLoss' }],
    notModeled: [/Varifocal/],
  },
];

const NEGATIVE: { name: string; src: string; language?: 'python' | 'yaml' }[] = [
  { name: 'mmdet: dict types that are not CE / focal losses', src: `loss_bbox=dict(type='GIoULoss', loss_weight=2.0)\nloss_dfl=dict(type='mmdet.DistributionFocalLoss', loss_weight=0.25)\nd = dict(type='DiceLoss', use_sigmoid=True)\nmodel = dict(bbox_head=dict(loss_bbox=loss_bbox))\n` },
  { name: 'mmdet: a brace dict of another type', src: `cfg = {'type': 'IoULoss', 'loss_weight': 1.0}\nmodel = dict(bbox_head=dict(loss_bbox=cfg))\n` },
  { name: 'mmdet: type names are case-sensitive', src: `cfg = dict(type='crossentropyloss', use_sigmoid=True)\ncfg2 = dict(type='mmdet.Focal_Loss')\nmodel = dict(bbox_head=dict(loss_cls=cfg))\n` },
  // open-mmlab/mmpretrain configs/_base_/models/resnet50.py and mmpretrain/models/heads/cls_head.py (main, 2024):
  // mmpretrain registers its own CrossEntropyLoss (use_soft, pos_weight; no ignore_index, avg_non_ignore, use_mask).
  { name: 'mmpretrain: a classifier head\'s bare CrossEntropyLoss is not mmdet\'s', src: `model = dict(\n    type='ImageClassifier',\n    backbone=dict(type='ResNet', depth=50),\n    head=dict(\n        type='LinearClsHead',\n        num_classes=1000,\n        loss=dict(type='CrossEntropyLoss', loss_weight=1.0),\n        topk=(1, 5)))\n` },
  // open-mmlab/mmpretrain tests/test_models/test_losses.py: mmpretrain's own losses, a comment naming mmdetection.
  { name: 'mmpretrain tests: "migrate from mmdetection" in a comment is not mmdet', src: `from mmpretrain.models import build_loss\n# migrate from mmdetection with modifications\nloss_cfg = dict(type='CrossEntropyLoss', reduction='mean', loss_weight=1.0)\n` },
  // yinchimaoliang/mmsegmentation configs/hrnet/fcn_hr18_1024x1024_20k_gleason_2019_focal_loss_gauss.py @ 451296b: a
  // fork's own FocalLoss with gauss_* keys, which upstream mmseg's FocalLoss(use_sigmoid, gamma, alpha, reduction,
  // class_weight, loss_weight, loss_name) would refuse; the same for an mmdet head's loss with a key mmdet lacks.
  { name: 'a config type with a key its upstream class does not take is the repository\'s own loss', src: `_base_ = './fcn_focal_loss.py'\nmodel = dict(\n    decode_head=dict(\n        loss_decode=dict(type='FocalLoss', gamma=0.5, gauss_scale=50, gauss_kernel=5, gauss_sigma=3)))\n` },
  { name: 'an mmdet head loss with a key mmdet does not take', src: `model = dict(bbox_head=dict(loss_cls=dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25, eqlv2_gamma=12)))\n` },
  // open-mmlab/mmocr mmocr/models/textdet/module_losses/drrg_module_loss.py (main, 1.x): `loss_gcn: Dict =
  // dict(type='CrossEntropyLoss')` built by mmocr's MODELS, which registers its own CrossEntropyLoss
  // (nn.CrossEntropyLoss, mmocr/models/common/losses/ce_loss.py); the file imports an mmdet util too.
  { name: 'mmocr source importing an mmdet util: a bare type is mmocr\'s', src: `from mmdet.models.utils import multi_apply\nfrom mmocr.registry import MODELS\nclass DRRGModuleLoss:\n    def __init__(self, loss_gcn=dict(type='CrossEntropyLoss')):\n        self.loss_gcn = MODELS.build(loss_gcn)\n` },
  { name: 'mmpretrain source: a head\'s default loss dict', src: `from mmpretrain.registry import MODELS\nclass ClsHead:\n    def __init__(self, loss=dict(type='CrossEntropyLoss', loss_weight=1.0)):\n        self.loss_module = MODELS.build(loss)\n` },
  // open-mmlab/mmaction2 configs/_base_/models/tsn_r50.py: cls_head's loss_cls is mmaction's CrossEntropyLoss.
  { name: 'mmaction2: a recognizer\'s cls_head loss_cls', src: `model = dict(\n    type='Recognizer2D',\n    cls_head=dict(\n        type='TSNHead',\n        num_classes=400,\n        loss_cls=dict(type='CrossEntropyLoss', loss_weight=1.0)))\n` },
  // mmseg.CrossEntropyLoss is mmseg's own since the mmseg catalog (catalogMmseg.test.ts); mmpretrain's is another class.
  { name: 'mmdet: a type in another scope', src: `cfg = dict(type='mmpretrain.CrossEntropyLoss')\ncfg2 = dict(type='mmdet.SmoothFocalLoss')\n` },
  { name: "yolov5: `utils.loss` is not claimed", src: `from utils.loss import FocalLoss, QFocalLoss\nBCEcls = FocalLoss(BCEcls, g)\n` },
  { name: 'ultralytics has no QFocalLoss', src: `from ultralytics.utils.loss import QFocalLoss\nq = QFocalLoss(bce)\n` },
  { name: 'transformers has no top-level sigmoid_focal_loss', src: `from transformers import sigmoid_focal_loss\nl = sigmoid_focal_loss(a, b, n)\n` },
  { name: 'smp: the functional losses are not re-exported by smp.losses', src: `import segmentation_models_pytorch as smp\nl = smp.losses.focal_loss_with_logits(a, b)\n` },
  { name: 'PaddleDetection: VarifocalLoss is not re-exported by ppdet.modeling.losses', src: `from ppdet.modeling.losses import VarifocalLoss\nl = VarifocalLoss()\n` },
  { name: 'optax names under another module called losses', src: `import keras.losses as losses\nl = losses.sigmoid_binary_cross_entropy(x, y)\n` },
  { name: 'MONAI: a Dice loss alone', src: `from monai.losses import DiceLoss\nd = DiceLoss(sigmoid=True)\n` },
  { name: 'YAML: a name: FocalLoss that is not under loss_class', language: 'yaml', src: 'loss:\n  name: FocalLoss\n  gamma: 2.0\n' },
  { name: 'YAML: loss_class with another loss', language: 'yaml', src: 'Head:\n  loss_class:\n    name: SmoothL1Loss\n    beta: 0.0\n' },
  { name: 'YAML: a scalar loss_class is not the PaddleDetection form', language: 'yaml', src: 'Head:\n  loss_class: FocalLoss\n  gamma: 2.0\n' },
  { name: 'YAML: a top-level FocalLoss block is not a call', language: 'yaml', src: 'FocalLoss:\n  alpha: 0.25\n  gamma: 2.0\n' },
];

function checkMore(c: MoreCase): void {
  checkCase(c);
  const calls = findLossCalls(c.src, c.language ?? 'python', c.context);
  (c.notModeled ?? []).forEach((pattern, i) => {
    const reason = calls[i]!.notModeled;
    if (pattern === null) assert.equal(reason, undefined, `call ${i} is modeled`);
    else assert.match(reason ?? '', pattern, `call ${i}'s notModeled`);
  });
  (c.meanDivisor ?? []).forEach((pattern, i) => {
    const divisor = calls[i]!.meanDivisor;
    if (pattern === null) assert.equal(divisor, undefined);
    else assert.match(divisor ?? '', pattern, `call ${i}'s meanDivisor`);
  });
}

describe('language: APIs the catalog first lacked (issue 11)', () => {
  for (const [family, cases] of Object.entries({ 'mmdet config types': MMDET, segmentation_models_pytorch: SMP, MONAI, 'ultralytics, YOLOv5, transformers': DETECTION, 'kornia and optax': KORNIA_OPTAX, PaddleDetection: PADDLE })) {
    describe(family, () => {
      for (const c of cases) it(c.name, () => checkMore(c));
    });
  }

  describe('must not match', () => {
    for (const c of NEGATIVE) {
      it(c.name, () => assert.deepEqual(findLossCalls(c.src, c.language ?? 'python').map((call) => call.api), []));
    }
  });

  it('gives a PaddleDetection mapping its name range on the loss name', () => {
    const src = 'Head:\n  loss_class:\n    name: "VarifocalLoss"\n    alpha: 0.75\n  nms:\n    name: MultiClassNMS\n';
    const [call] = findLossCalls(src, 'yaml');
    assert.equal(src.slice(call!.nameStart, call!.nameEnd), 'VarifocalLoss');
    assert.equal(src.slice(call!.start, call!.end), 'loss_class:\n    name: "VarifocalLoss"\n    alpha: 0.75');
  });

  it('gives a scoped config type its name range inside the string', () => {
    const src = "x = dict(type='mmdet.QualityFocalLoss', beta=2.0)\n";
    const [call] = findLossCalls(src, 'python');
    assert.equal(src.slice(call!.nameStart, call!.nameEnd), 'mmdet.QualityFocalLoss');
  });

  it('maps every config type to a catalog entry, and no path to two entries', () => {
    for (const [type, entry] of MMDET_CONFIG_TYPES) assert.ok(CATALOG.includes(entry), type);
    const paths = CATALOG.flatMap((e) => e.paths);
    assert.equal(new Set(paths).size, paths.length, 'duplicate paths');
    assert.equal(BY_PATH.size, paths.length);
  });

  it('the losses the core does not compute always say so', () => {
    const always = ['mmdet.models.losses.QualityFocalLoss', 'mmdet.models.losses.VarifocalLoss', 'ultralytics.utils.loss.VarifocalLoss', 'ppdet.modeling.losses.VarifocalLoss', 'ppdet.modeling.losses.QualityFocalLoss', 'yolov5.utils.loss.QFocalLoss', 'monai.losses.DiceCELoss', 'monai.losses.DiceFocalLoss', 'monai.losses.GeneralizedDiceFocalLoss'];
    for (const api of always) {
      const entry = CATALOG.find((e) => e.api === api)!;
      const facts = { value: () => undefined, known: () => false, explicit: () => false, argText: () => '' };
      assert.ok(entry.notModeled?.(facts), api);
    }
  });
});
