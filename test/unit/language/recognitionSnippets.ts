import type { Case } from './recognitionExpect';

/*
 * Realistic snippets with the calls they must yield (in order). Reused by the fuzz test as seeds
 * for mutation. Lines in `resolved` origins are 0-based.
 */

export const POSITIVE: Case[] = [
  // torchvision
  {
    name: 'torchvision: positional alpha, keyword gamma, defaults',
    src: `import torch\nfrom torchvision.ops import sigmoid_focal_loss\n\nloss = sigmoid_focal_loss(logits, targets, 0.5, gamma=1.0)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', kind: 'focal', alpha: [0.5, 'explicit'], gamma: [1, 'explicit'], inputs: 'logits', reduction: 'none' }],
  },
  {
    name: 'torchvision: all defaults, fully qualified',
    src: `import torchvision\nloss = torchvision.ops.sigmoid_focal_loss(pred, gt)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', callee: 'torchvision.ops.sigmoid_focal_loss', alpha: [0.25, 'default'], gamma: [2, 'default'], reduction: 'none' }],
  },
  {
    name: 'torchvision: alias import, module constants',
    src: `from torchvision.ops import sigmoid_focal_loss as sfl\nALPHA = 0.25\nGAMMA = 2.0\n\ndef step(x, y):\n    return sfl(x, y, alpha=ALPHA, gamma=GAMMA, reduction="sum")\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', callee: 'sfl', alpha: [0.25, 1], gamma: [2, 2], reduction: 'sum' }],
  },
  {
    name: 'torchvision: alpha=-1 turns weighting off',
    src: `from torchvision.ops import focal_loss\nl = focal_loss.sigmoid_focal_loss(x, y, alpha=-1, gamma=2, reduction='mean')\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', alpha: [null, 'explicit'], caveats: [/turns alpha weighting off/], noCaveat: [/not the paper/] }],
  },
  {
    name: 'torchvision: gamma < 1 warns about gradients',
    src: `from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y, gamma=0.5)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', gamma: [0.5, 'explicit'], caveats: [/unbounded/] }],
  },
  {
    name: 'torchvision: sigmoid applied before a logits API',
    src: `import torch\nfrom torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(torch.sigmoid(x), y)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', caveats: [/applied twice/] }],
  },
  {
    name: 'torchvision: multi-line call with comments, strings and f-strings containing parentheses',
    src: [
      'from torchvision.ops import sigmoid_focal_loss',
      'loss = sigmoid_focal_loss(',
      '    logits,  # the raw scores (not probabilities',
      '    targets,',
      '    alpha=0.75,  # ")"',
      '    gamma=3,',
      '    reduction="sum",',
      ')',
      'print(f"loss ({loss}) done)")',
    ].join('\n'),
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', alpha: [0.75, 'explicit'], gamma: [3, 'explicit'], reduction: 'sum' }],
  },
  {
    name: 'torchvision: line continuation and decorator',
    src: `from torchvision.ops import sigmoid_focal_loss\nimport functools\n\n@functools.lru_cache(maxsize=None)\ndef f(x, y):\n    return \\\n        sigmoid_focal_loss(x, y, gamma=4)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', gamma: [4, 'explicit'] }],
  },
  {
    // (A loop over a literal list gives every value: testValues.test.ts.)
    name: 'torchvision: a name bound by a loop over what the file does not list is unresolved, not the default',
    src: `from torchvision.ops import sigmoid_focal_loss\nfor g in range(4):\n    print(sigmoid_focal_loss(x, y, gamma=g))\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', gamma: [undefined, 'unresolved'], alpha: [0.25, 'default'] }],
  },
  {
    name: 'torchvision: **kwargs makes unwritten parameters unresolved',
    src: `from torchvision.ops import sigmoid_focal_loss\nkw = load()\nl = sigmoid_focal_loss(x, y, alpha=0.3, **kw)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', alpha: [0.3, 'explicit'], gamma: [undefined, 'unresolved'] }],
  },
  {
    name: 'torchvision: self.gamma from an __init__ parameter default',
    src: [
      'import torch.nn as nn',
      'from torchvision.ops import sigmoid_focal_loss',
      '',
      'class Head(nn.Module):',
      '    def __init__(self, num_classes, alpha=0.3, gamma=1.5):',
      '        super().__init__()',
      '        self.alpha = alpha',
      '        self.gamma = gamma',
      '',
      '    def forward(self, x, y):',
      '        return sigmoid_focal_loss(x, y, self.alpha, self.gamma)',
      '',
      'head = Head(80)',
    ].join('\n'),
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', alpha: [0.3, 4], gamma: [1.5, 4] }],
  },
  {
    name: 'torchvision: self.gamma = literal',
    src: [
      'from torchvision.ops import sigmoid_focal_loss',
      'class Head:',
      '    def __init__(self):',
      '        self.gamma = 2.5',
      '    def loss(self, x, y):',
      '        return sigmoid_focal_loss(x, y, gamma=self.gamma)',
    ].join('\n'),
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', gamma: [2.5, 3] }],
  },
  {
    name: 'torchvision: a parameter without default is unresolved',
    src: `from torchvision.ops import sigmoid_focal_loss\ndef f(x, y, gamma):\n    return sigmoid_focal_loss(x, y, gamma=gamma)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', gamma: [undefined, 'unresolved'] }],
  },
  {
    name: 'torchvision: alpha > 1',
    src: `from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y, alpha=3)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', alpha: [3, 'explicit'], caveats: [/ValueError/] }],
  },
  {
    name: 'torchvision: arithmetic on constants',
    src: `from torchvision.ops import sigmoid_focal_loss\nBASE = 1.0\nl = sigmoid_focal_loss(x, y, alpha=1 / 4, gamma=BASE * 2)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', alpha: [0.25, 'explicit'], gamma: [2, 1] }],
  },
  {
    name: 'torchvision: wildcard import',
    src: `from torchvision.ops import *\nl = sigmoid_focal_loss(x, y, gamma=1)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', gamma: [1, 'explicit'] }],
  },
  // fvcore
  {
    name: 'fvcore: alpha defaults to -1 (off)',
    src: `from fvcore.nn import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y)\n`,
    calls: [{ api: 'fvcore.nn.sigmoid_focal_loss', alpha: [null, 'default'], gamma: [2, 'default'], caveats: [/defaults to -1/] }],
  },
  {
    name: 'fvcore: jit variant, detectron2 style',
    src: `from fvcore.nn import sigmoid_focal_loss_jit\nloss_cls = sigmoid_focal_loss_jit(\n    pred_logits[valid_mask],\n    gt_labels_target.to(pred_logits[0].dtype),\n    alpha=self.focal_loss_alpha,\n    gamma=self.focal_loss_gamma,\n    reduction="sum",\n)\n`,
    calls: [{ api: 'fvcore.nn.sigmoid_focal_loss_jit', alpha: [undefined, 'unresolved'], gamma: [undefined, 'unresolved'], reduction: 'sum' }],
  },
  {
    name: 'fvcore: FL* defaults gamma 1',
    src: `import fvcore.nn as fnn\nl = fnn.sigmoid_focal_loss_star(x, y)\n`,
    calls: [{ api: 'fvcore.nn.sigmoid_focal_loss_star', kind: 'focal-star', alpha: [null, 'default'], gamma: [1, 'default'] }],
  },
  {
    name: 'fvcore: FL* jit with gamma 4',
    src: `from fvcore.nn.focal_loss import sigmoid_focal_loss_star_jit as fl_star\nl = fl_star(x, y, 0.25, 4)\n`,
    calls: [{ api: 'fvcore.nn.sigmoid_focal_loss_star_jit', kind: 'focal-star', alpha: [0.25, 'explicit'], gamma: [4, 'explicit'] }],
  },
  // mmdet / mmcv
  {
    name: 'mmdet: dict config',
    src: `model = dict(\n    bbox_head=dict(\n        type='RetinaHead',\n        loss_cls=dict(\n            type='FocalLoss',\n            use_sigmoid=True,\n            gamma=2.0,\n            alpha=0.25,\n            loss_weight=1.0),\n        loss_bbox=dict(type='L1Loss', loss_weight=1.0)))\n`,
    calls: [{ api: 'mmdet.models.losses.FocalLoss', callee: "dict(type='FocalLoss'", alpha: [0.25, 'explicit'], gamma: [2, 'explicit'], reduction: 'mean', extra: { use_sigmoid: true, loss_weight: 1 } }],
  },
  {
    name: 'mmdet: brace config with defaults',
    src: `loss_cls = {'type': 'FocalLoss', 'use_sigmoid': True, 'gamma': 1.5}\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n`,
    calls: [{ api: 'mmdet.models.losses.FocalLoss', callee: "{'type': 'FocalLoss'", alpha: [0.25, 'default'], gamma: [1.5, 'explicit'] }],
  },
  {
    // mmdet's FocalLoss asserts use_sigmoid is True (focal_loss.py @ 00e9730 and 3.x): through a name, no table.
    name: 'mmdet: use_sigmoid=False through a name fails to build',
    src: `SIGMOID = False\nloss_cls = dict(type="FocalLoss", use_sigmoid=SIGMOID)\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n`,
    calls: [{ api: 'mmdet.models.losses.FocalLoss', notModeled: /asserts use_sigmoid is True.*its own version/ }],
  },
  {
    name: 'mmdet: class FocalLoss imported',
    src: `from mmdet.models.losses import FocalLoss\nself.loss = FocalLoss(True, 3.0, 0.5, loss_weight=2.0)\n`,
    calls: [{ api: 'mmdet.models.losses.FocalLoss', gamma: [3, 'explicit'], alpha: [0.5, 'explicit'], extra: { loss_weight: 2 } }],
  },
  {
    name: 'mmdet: activated=True means probabilities',
    src: `from mmdet.models.losses import FocalLoss\nl = FocalLoss(activated=True)\n`,
    calls: [{ api: 'mmdet.models.losses.FocalLoss', inputs: ['probabilities', 'explicit'] }],
  },
  {
    name: 'mmdet: mmdet.FocalLoss type string with a constant',
    src: `GAMMA = 2.5\nloss_cls = dict(type='mmdet.FocalLoss', gamma=GAMMA)\n`,
    calls: [{ api: 'mmdet.models.losses.FocalLoss', gamma: [2.5, 0] }],
  },
  {
    name: 'mmcv: op with positional gamma and alpha',
    src: `from mmcv.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(pred, target, 2.0, 0.25)\n`,
    calls: [{ api: 'mmcv.ops.sigmoid_focal_loss', gamma: [2, 'explicit'], alpha: [0.25, 'explicit'], reduction: 'mean', caveats: [/class indices/] }],
  },
  {
    name: 'mmcv: SigmoidFocalLoss class',
    src: `import mmcv.ops\nl = mmcv.ops.SigmoidFocalLoss(gamma=2.0, alpha=0.25)\n`,
    calls: [{ api: 'mmcv.ops.SigmoidFocalLoss', gamma: [2, 'explicit'], alpha: [0.25, 'explicit'] }],
  },
  // detectron2 config
  {
    name: 'detectron2: cfg assignments in Python',
    src: `from detectron2.config import get_cfg\ncfg = get_cfg()\ncfg.MODEL.RETINANET.FOCAL_LOSS_GAMMA = 3.0\ncfg.MODEL.RETINANET.FOCAL_LOSS_ALPHA = 0.5\n`,
    calls: [
      { api: 'detectron2.config.MODEL.RETINANET', gamma: [3, 'explicit'], alpha: [0.5, 3] },
      { api: 'detectron2.config.MODEL.RETINANET', alpha: [0.5, 'explicit'], gamma: [3, 2] },
    ],
  },
  {
    name: 'detectron2: gamma alone, alpha default',
    src: `_C.MODEL.RETINANET.FOCAL_LOSS_GAMMA = 2.0\n`,
    calls: [{ api: 'detectron2.config.MODEL.RETINANET', gamma: [2, 'explicit'], alpha: [0.25, 'default'], reduction: 'sum / number of foreground anchors' }],
  },
  {
    name: 'detectron2: YAML block',
    language: 'yaml',
    src: `_BASE_: "../Base-RetinaNet.yaml"\nMODEL:\n  WEIGHTS: "detectron2://ImageNetPretrained/MSRA/R-50.pkl"\n  RETINANET:\n    NUM_CLASSES: 3\n    FOCAL_LOSS_GAMMA: 1.5   # softer\n    FOCAL_LOSS_ALPHA: 0.5\nSOLVER:\n  BASE_LR: 0.01\n`,
    calls: [
      { api: 'detectron2.config.MODEL.RETINANET', gamma: [1.5, 'explicit'], alpha: [0.5, 'explicit'] },
      { api: 'detectron2.config.MODEL.RETINANET', gamma: [1.5, 'explicit'], alpha: [0.5, 'explicit'] },
    ],
  },
  {
    name: 'detectron2: YAML gamma only',
    language: 'yaml',
    src: `MODEL:\n  RETINANET:\n    FOCAL_LOSS_GAMMA: 0.5\n`,
    calls: [{ api: 'detectron2.config.MODEL.RETINANET', gamma: [0.5, 'explicit'], alpha: [0.25, 'default'], caveats: [/unbounded/] }],
  },
  {
    name: 'ultralytics: fl_gamma in hyp YAML',
    language: 'yaml',
    src: `lr0: 0.01\nfl_gamma: 1.5  # focal loss gamma (efficientDet default gamma=1.5)\nhsv_h: 0.015\n`,
    calls: [{ api: 'ultralytics.hyp.fl_gamma', kind: 'focal', gamma: [1.5, 'explicit'], alpha: [0.25, 'default'] }],
  },
  {
    name: 'ultralytics: fl_gamma 0 is plain BCE',
    language: 'yaml',
    src: `fl_gamma: 0.0\n`,
    calls: [{ api: 'ultralytics.hyp.fl_gamma', kind: 'ce', gamma: [0, 'explicit'], caveats: [/off/] }],
  },
  // Keras / TF
  {
    name: 'keras: alpha ignored without apply_class_balancing',
    src: `import keras\nloss = keras.losses.BinaryFocalCrossentropy(alpha=0.4, gamma=2.0)\n`,
    calls: [{ api: 'keras.losses.BinaryFocalCrossentropy', alpha: [null, 'default'], gamma: [2, 'explicit'], inputs: ['probabilities', 'default'], reduction: 'sum_over_batch_size', caveats: [/no effect unless apply_class_balancing/] }],
  },
  {
    name: 'keras: apply_class_balancing and from_logits',
    src: `import tensorflow as tf\nloss = tf.keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.4, from_logits=True)\n`,
    calls: [{ api: 'keras.losses.BinaryFocalCrossentropy', alpha: [0.4, 'explicit'], inputs: ['logits', 'explicit'], noCaveat: [/no effect/] }],
  },
  {
    name: 'keras: from keras import losses, label smoothing',
    src: `from keras import losses\nl = losses.BinaryFocalCrossentropy(True, 0.3, 1.0, False, 0.1)\n`,
    calls: [{ api: 'keras.losses.BinaryFocalCrossentropy', alpha: [0.3, 'explicit'], gamma: [1, 'explicit'], inputs: ['probabilities', 'explicit'], caveats: [/label_smoothing=0.1/], extra: { label_smoothing: 0.1, apply_class_balancing: true } }],
  },
  {
    name: 'keras: functional binary_focal_crossentropy',
    src: `from tensorflow import keras\nl = keras.losses.binary_focal_crossentropy(y_true, y_pred, gamma=3.0, from_logits=True)\n`,
    calls: [{ api: 'keras.losses.binary_focal_crossentropy', gamma: [3, 'explicit'], inputs: 'logits', alpha: [null, 'default'] }],
  },
  {
    name: 'keras: CategoricalFocalCrossentropy',
    src: `from tensorflow.keras.losses import CategoricalFocalCrossentropy\nl = CategoricalFocalCrossentropy(alpha=0.5, gamma=1.0)\n`,
    calls: [{ api: 'keras.losses.CategoricalFocalCrossentropy', alpha: [0.5, 'explicit'], gamma: [1, 'explicit'], caveats: [/every class/] }],
  },
  {
    name: 'keras: BinaryCrossentropy from logits',
    src: `import tensorflow as tf\nmodel.compile(loss=tf.keras.losses.BinaryCrossentropy(from_logits=True), optimizer="adam")\n`,
    calls: [{ api: 'keras.losses.BinaryCrossentropy', kind: 'ce', inputs: 'logits', gamma: [0, 'default'], alpha: [null, 'default'] }],
  },
  {
    name: 'keras: from_logits from a variable is unresolved',
    src: `import keras\ndef make(logits):\n    return keras.losses.BinaryCrossentropy(from_logits=logits)\n`,
    calls: [{ api: 'keras.losses.BinaryCrossentropy', inputs: [undefined, 'unresolved'] }],
  },
  {
    name: 'TF Addons: SigmoidFocalCrossEntropy',
    src: `import tensorflow_addons as tfa\nloss = tfa.losses.SigmoidFocalCrossEntropy(from_logits=True, gamma=2.5)\n`,
    calls: [{ api: 'tensorflow_addons.losses.SigmoidFocalCrossEntropy', gamma: [2.5, 'explicit'], alpha: [0.25, 'default'], inputs: 'logits', caveats: [/end-of-life/] }],
  },
  {
    name: 'TF Addons: alpha=0 turns weighting off',
    src: `import tensorflow_addons as tfa\nloss = tfa.losses.sigmoid_focal_crossentropy(y_true, y_pred, alpha=0)\n`,
    calls: [{ api: 'tensorflow_addons.losses.sigmoid_focal_crossentropy', alpha: [null, 'explicit'], inputs: 'probabilities' }],
  },
  // optax
  {
    name: 'optax: sigmoid_focal_loss keyword-only',
    src: `import optax\nloss = optax.sigmoid_focal_loss(logits, labels, alpha=0.25, gamma=2.0).mean()\n`,
    calls: [{ api: 'optax.sigmoid_focal_loss', alpha: [0.25, 'explicit'], gamma: [2, 'explicit'], reduction: 'none (element-wise)' }],
  },
  {
    name: 'optax: default alpha None',
    src: `import optax\nloss = optax.losses.sigmoid_focal_loss(logits, labels)\n`,
    calls: [{ api: 'optax.sigmoid_focal_loss', alpha: [null, 'default'], gamma: [2, 'default'], caveats: [/None/] }],
  },
  {
    name: 'optax: sigmoid_binary_cross_entropy',
    src: `import optax\nl = optax.sigmoid_binary_cross_entropy(logits, labels).mean()\n`,
    calls: [{ api: 'optax.sigmoid_binary_cross_entropy', kind: 'ce', inputs: 'logits' }],
  },
  // kornia
  {
    name: 'kornia: focal_loss with required alpha',
    src: `import kornia\nl = kornia.losses.focal_loss(pred, target, alpha=0.5, gamma=2.0, reduction='mean')\n`,
    calls: [{ api: 'kornia.losses.focal_loss', alpha: [0.5, 'explicit'], reduction: 'mean', caveats: [/softmax/] }],
  },
  {
    name: 'kornia: FocalLoss class missing alpha stays unresolved',
    src: `from kornia.losses import FocalLoss\ncriterion = FocalLoss(gamma=2.0)\n`,
    calls: [{ api: 'kornia.losses.FocalLoss', alpha: [undefined, 'unresolved'], gamma: [2, 'explicit'] }],
  },
  {
    name: 'kornia: binary_focal_loss_with_logits defaults',
    src: `from kornia.losses import binary_focal_loss_with_logits\nl = binary_focal_loss_with_logits(x, y)\n`,
    calls: [{ api: 'kornia.losses.binary_focal_loss_with_logits', alpha: [0.25, 'default'], gamma: [2, 'default'], reduction: 'none' }],
  },
  {
    name: 'kornia: BinaryFocalLossWithLogits positional alpha',
    src: `import kornia.losses as KL\ncrit = KL.BinaryFocalLossWithLogits(0.25, 0.5, 'sum')\n`,
    calls: [{ api: 'kornia.losses.BinaryFocalLossWithLogits', alpha: [0.25, 'explicit'], gamma: [0.5, 'explicit'], reduction: 'sum', caveats: [/unbounded/] }],
  },
  // MONAI, smp, ultralytics, paddle
  {
    name: 'MONAI: FocalLoss defaults alpha None',
    src: `from monai.losses import FocalLoss\nloss_fn = FocalLoss(to_onehot_y=True, gamma=2.0)\n`,
    calls: [{ api: 'monai.losses.FocalLoss', alpha: [null, 'default'], gamma: [2, 'explicit'], reduction: 'mean' }],
  },
  {
    name: 'MONAI: use_softmax',
    src: `import monai\nloss_fn = monai.losses.FocalLoss(use_softmax=True, alpha=0.75)\n`,
    calls: [{ api: 'monai.losses.FocalLoss', alpha: [0.75, 'explicit'], caveats: [/softmax/] }],
  },
  {
    name: 'smp: FocalLoss multiclass',
    src: `import segmentation_models_pytorch as smp\nloss = smp.losses.FocalLoss(smp.losses.MULTICLASS_MODE, gamma=3)\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses.FocalLoss', alpha: [null, 'default'], gamma: [3, 'explicit'] }],
  },
  {
    name: 'smp: FocalLoss mode string',
    src: `from segmentation_models_pytorch.losses import FocalLoss\nloss = FocalLoss("multiclass", alpha=0.25)\n`,
    calls: [{ api: 'segmentation_models_pytorch.losses.FocalLoss', alpha: [0.25, 'explicit'], caveats: [/one-vs-rest/] }],
  },
  {
    name: 'ultralytics: FocalLoss and VarifocalLoss defaults',
    src: `from ultralytics.utils.loss import FocalLoss, VarifocalLoss\nfl = FocalLoss()\nvfl = VarifocalLoss(gamma=2.0)\n`,
    calls: [
      { api: 'ultralytics.utils.loss.FocalLoss', gamma: [1.5, 'default'], alpha: [0.25, 'default'] },
      { api: 'ultralytics.utils.loss.VarifocalLoss', gamma: [2, 'explicit'], alpha: [0.75, 'default'], caveats: [/Varifocal/] },
    ],
  },
  {
    name: 'paddle: sigmoid_focal_loss',
    src: `import paddle.nn.functional as F\nl = F.sigmoid_focal_loss(logit, label, normalizer=fg_num)\n`,
    calls: [{ api: 'paddle.nn.functional.sigmoid_focal_loss', alpha: [0.25, 'default'], reduction: 'sum' }],
  },
  // PaddlePaddle 2.5 / 2.6 nn/functional/loss.py and nn/layer/loss.py (catalog/paddle.ts). Call forms from
  // lyuwenyu/RT-DETR rtdetr_paddle/ppdet/modeling (losses/detr_loss.py, transformers/utils.py) and PaddleSeg-style
  // training scripts (nn.CrossEntropyLoss(ignore_index=255, axis=1) on N, C, H, W logits).
  {
    name: 'paddle: CrossEntropyLoss with axis=1, then called',
    src: `import paddle.nn as nn\ncrit = nn.CrossEntropyLoss(ignore_index=255, axis=1)\nloss = crit(logits, label)\n`,
    calls: [
      { api: 'paddle.nn.CrossEntropyLoss', inputs: 'logits', reduction: 'mean', extra: { ignore_index: 255 }, noCaveat: [/last axis/] },
      { api: 'paddle.nn.CrossEntropyLoss', inputs: 'logits', extra: { ignore_index: 255 }, noCaveat: [/last axis/] },
    ],
  },
  {
    name: 'paddle: cross_entropy on the last axis by default, use_softmax=False takes probabilities',
    src: `import paddle.nn.functional as F\nl1 = F.cross_entropy(logits, target_label, weight=w)\nl2 = F.cross_entropy(probs, label, use_softmax=False, reduction='sum')\n`,
    calls: [
      { api: 'paddle.nn.functional.cross_entropy', inputs: 'logits', reduction: 'mean', caveats: [/last axis/] },
      { api: 'paddle.nn.functional.cross_entropy', inputs: 'probabilities', reduction: 'sum', caveats: [/last axis/] },
    ],
  },
  {
    name: 'paddle: binary cross-entropy on logits and on probabilities, softmax_with_cross_entropy per sample',
    src: `import paddle\nimport paddle.nn.functional as F\na = F.binary_cross_entropy_with_logits(logit, label, reduction="none")\nb = F.binary_cross_entropy(F.sigmoid(x), y)\nc = paddle.nn.BCEWithLogitsLoss(pos_weight=3.0)\nd = paddle.nn.BCELoss(reduction='sum')\ne = F.softmax_with_cross_entropy(logits, label)\n`,
    calls: [
      { api: 'paddle.nn.functional.binary_cross_entropy_with_logits', inputs: 'logits', reduction: 'none' },
      { api: 'paddle.nn.functional.binary_cross_entropy', inputs: 'probabilities', reduction: 'mean' },
      { api: 'paddle.nn.BCEWithLogitsLoss', inputs: 'logits', extra: { pos_weight: 3 }, caveats: [/alpha = 0.75/] },
      { api: 'paddle.nn.BCELoss', inputs: 'probabilities', reduction: 'sum' },
      { api: 'paddle.nn.functional.softmax_with_cross_entropy', inputs: 'logits', reduction: 'none (one value per sample)' },
    ],
  },
  {
    name: 'paddle: torch-style names under a paddle import are not PyTorch',
    src: `import paddle.nn.functional as F\nl = F.nll_loss(log_probs, label)\n`,
    calls: [],
  },
  // PyTorch CE family
  {
    name: 'torch: BCE on sigmoid outputs',
    src: `import torch\nimport torch.nn.functional as F\nl = F.binary_cross_entropy(torch.sigmoid(x), y)\n`,
    calls: [{ api: 'torch.nn.functional.binary_cross_entropy', kind: 'ce', inputs: 'probabilities', reduction: 'mean', caveats: [/loses precision/] }],
  },
  {
    name: 'torch: binary_cross_entropy_with_logits pos_weight',
    src: `import torch.nn.functional as F\nl = F.binary_cross_entropy_with_logits(x, y, pos_weight=3.0, reduction='sum')\n`,
    calls: [{ api: 'torch.nn.functional.binary_cross_entropy_with_logits', inputs: 'logits', reduction: 'sum', caveats: [/alpha = 0.75/], extra: { pos_weight: 3 } }],
  },
  {
    name: 'torch: cross_entropy label_smoothing',
    src: `from torch.nn import functional as F\nl = F.cross_entropy(logits, labels, label_smoothing=0.1)\n`,
    calls: [{ api: 'torch.nn.functional.cross_entropy', kind: 'ce', extra: { label_smoothing: 0.1 } }],
  },
  {
    name: 'torch: nn classes with from torch import nn',
    src: `from torch import nn\nbce = nn.BCELoss()\nbcel = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))\nce = nn.CrossEntropyLoss(ignore_index=255, label_smoothing=0.05)\n`,
    calls: [
      { api: 'torch.nn.BCELoss', inputs: 'probabilities' },
      { api: 'torch.nn.BCEWithLogitsLoss', inputs: 'logits', extra: { pos_weight: [3] } },
      { api: 'torch.nn.CrossEntropyLoss', extra: { label_smoothing: 0.05, ignore_index: 255 } },
    ],
  },
  {
    name: 'torch: fully qualified torch.nn.functional',
    src: `import torch\nl = torch.nn.functional.binary_cross_entropy_with_logits(x, y)\n`,
    calls: [{ api: 'torch.nn.functional.binary_cross_entropy_with_logits' }],
  },
  {
    name: 'torch: conventional F in a cell without imports',
    src: `loss = F.cross_entropy(out, target)\n`,
    calls: [{ api: 'torch.nn.functional.cross_entropy' }],
  },
  // user functions
  {
    name: 'user: own focal loss function defaults',
    src: [
      'import torch',
      'def focal_loss(logits, targets, alpha=0.25, gamma=2.0, reduction="mean"):',
      '    p = torch.sigmoid(logits)',
      '    return ...',
      '',
      'l = focal_loss(x, y, gamma=1)',
    ].join('\n'),
    calls: [{ api: 'user:focal_loss', kind: 'focal', alpha: [0.25, 1], gamma: [1, 'explicit'], reduction: 'mean', inputs: ['logits', 'default'], classModel: 'sigmoid' }],
  },
  {
    name: 'user: own class with alpha/gamma in __init__, positional',
    src: [
      'import torch.nn as nn',
      'class FocalLoss(nn.Module):',
      '    def __init__(self, alpha=0.25, gamma=2):',
      '        super().__init__()',
      '        self.alpha, self.gamma = alpha, gamma',
      '',
      'criterion = FocalLoss(0.5)',
    ].join('\n'),
    calls: [{ api: 'user:FocalLoss', alpha: [0.5, 'explicit'], gamma: [2, 2] }],
  },
  {
    name: 'user: alpha-only function is balanced CE',
    src: `def balanced_bce(p, y, alpha=0.75):\n    ...\nl = balanced_bce(p, y)\n`,
    calls: [{ api: 'user:balanced_bce', kind: 'balanced', alpha: [0.75, 0], gamma: [0, 'default'] }],
  },
  {
    // An alpha the body uses otherwise (here label smoothing's weight) in a function named only for BCE: a
    // cross-entropy whose alpha is not modelled, not an alpha-balanced one.
    name: 'user: alpha-only function whose body smooths the target with alpha is CE, not balanced CE',
    src: `import torch.nn.functional as F\ndef smoothed_bce(logits, target, alpha=0.1):\n    target = target * (1 - alpha) + 0.5 * alpha\n    return F.binary_cross_entropy_with_logits(logits, target)\nl = smoothed_bce(p, y)\n`,
    calls: [{ api: 'torch.nn.functional.binary_cross_entropy_with_logits' }, { api: 'user:smoothed_bce', kind: 'ce' }],
  },
  {
    name: 'user: own function shadows a library name that was not imported',
    src: `def sigmoid_focal_loss(x, y, alpha=0.5, gamma=3.0):\n    ...\nl = sigmoid_focal_loss(a, b)\n`,
    calls: [{ api: 'user:sigmoid_focal_loss', alpha: [0.5, 0], gamma: [3, 0] }],
  },
  {
    name: 'user: default referring to a module constant',
    src: `GAMMA = 1.5\ndef fl(x, y, gamma=GAMMA):\n    ...\nl = fl(x, y)\n`,
    calls: [{ api: 'user:fl', gamma: [1.5, 0] }],
  },
  {
    // YunYang1994/tensorflow-yolov3 core/yolov3.py: `focal` returns alpha * |target - actual|^gamma, a weight its caller
    // multiplies by a BCE; its body computes no log-likelihood, so it is no focal loss (eval set 8's wrong claim).
    name: 'user: a function named focal whose body only raises a difference to gamma is a weight, not a loss',
    src: [
      'import tensorflow as tf',
      'class YOLOV3(object):',
      '    def focal(self, target, actual, alpha=1, gamma=2):',
      '        focal_loss = alpha * tf.pow(tf.abs(target - actual), gamma)',
      '        return focal_loss',
      '    def compute_loss(self, respond_bbox, pred_conf, conv_raw_conf):',
      '        conf_focal = self.focal(respond_bbox, pred_conf)',
      '        return conf_focal * tf.nn.sigmoid_cross_entropy_with_logits(labels=respond_bbox, logits=conv_raw_conf)',
    ].join('\n'),
    calls: [{ api: 'tf.nn.sigmoid_cross_entropy_with_logits' }],
  },
  {
    name: 'user: a focal function whose body takes a log is still a focal loss',
    src: [
      'import tensorflow as tf',
      'def focal(target, actual, alpha=0.25, gamma=2):',
      '    p_t = tf.where(tf.equal(target, 1), actual, 1 - actual)',
      '    return -alpha * tf.pow(1 - p_t, gamma) * tf.math.log(p_t)',
      'l = focal(y, p)',
    ].join('\n'),
    calls: [{ api: 'user:focal', gamma: [2, 1] }],
  },
  // notebooks
  {
    name: 'notebook: import and constant from an earlier cell',
    context: `import torch\nfrom torchvision.ops import sigmoid_focal_loss as sfl\nGAMMA = 3.0\n`,
    src: `loss = sfl(x, y, gamma=GAMMA)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', alpha: [0.25, 'default'] }],
  },
  {
    name: 'local constant shadows module constant',
    src: `from torchvision.ops import sigmoid_focal_loss\nGAMMA = 2.0\ndef f(x, y):\n    GAMMA = 4.0\n    return sigmoid_focal_loss(x, y, gamma=GAMMA)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', gamma: [4, 3] }],
  },
  {
    name: 'reassigned module constant: last before the call',
    src: `from torchvision.ops import sigmoid_focal_loss\ng = 1.0\ng = 2.0\nl = sigmoid_focal_loss(x, y, gamma=g)\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', gamma: [2, 2] }],
  },
  {
    name: 'two calls on one line and one inside another expression',
    src: `import torch.nn.functional as F\nfrom torchvision.ops import sigmoid_focal_loss\nl = F.cross_entropy(a, b) + 0.5 * sigmoid_focal_loss(c, d, gamma=1)\n`,
    calls: [{ api: 'torch.nn.functional.cross_entropy' }, { api: 'torchvision.ops.sigmoid_focal_loss', gamma: [1, 'explicit'] }],
  },
  {
    name: 'CRLF line endings',
    src: `from torchvision.ops import sigmoid_focal_loss\r\nG = 3\r\nl = sigmoid_focal_loss(x, y,\r\n    gamma=G)\r\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', gamma: [3, 1] }],
  },
];

/** Snippets that must yield no loss call. */
export const NEGATIVE: { name: string; src: string; language?: 'python' | 'yaml' }[] = [
  // A config writing use_sigmoid=False for mmdet's FocalLoss / QFL / VFL builds a fork's loss (upstream asserts True).
  { name: 'mmdet: use_sigmoid=False written is a fork', src: `a = dict(type="FocalLoss", use_sigmoid=False)\nb = {'type': 'QualityFocalLoss', 'use_sigmoid': False}\nc = dict(type='VarifocalLoss', use_sigmoid=False, alpha=0.75)\n` },
  { name: 'a call in a comment', src: `from torchvision.ops import sigmoid_focal_loss\n# sigmoid_focal_loss(x, y, gamma=2)\n` },
  { name: 'a call in a string', src: `from torchvision.ops import sigmoid_focal_loss\ns = "sigmoid_focal_loss(x, y, gamma=2)"\n` },
  { name: 'a call in a docstring', src: `from torchvision.ops import sigmoid_focal_loss\ndef f():\n    """Uses sigmoid_focal_loss(x, y, alpha=0.25).\n\n    F.cross_entropy(a, b)\n    """\n` },
  { name: 'a call in an f-string', src: `from torchvision.ops import sigmoid_focal_loss\nprint(f"{'sigmoid_focal_loss(x, y)'} {x!r:>10}")\n` },
  { name: 'a call in a nested f-string (3.12 quotes)', src: `import torch.nn.functional as F\nprint(f"{d["F.cross_entropy(a, b)"]}")\n` },
  { name: 'RL discount gamma', src: `gamma = 0.99\nreturns = rewards + gamma * next_values\n` },
  { name: 'RL agent with gamma param', src: `agent = DQN(env, gamma=0.99, alpha=1e-3)\n` },
  { name: 'optimizer alpha', src: `import torch\nopt = torch.optim.RMSprop(params, alpha=0.99)\n` },
  { name: 'bare library name not imported', src: `l = sigmoid_focal_loss(x, y, gamma=2)\n` },
  { name: 'bare class name not imported', src: `crit = FocalLoss(gamma=2.0)\nbce = BCEWithLogitsLoss()\n` },
  { name: 'imported from an unknown module', src: `from mylib.losses import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y)\n` },
  { name: 'method on an expression', src: `from torchvision import ops\nl = get_module().sigmoid_focal_loss(x, y)\n` },
  { name: 'definition of a library-named function without alpha/gamma', src: `def sigmoid_focal_loss(x, y):\n    return x\nsigmoid_focal_loss(1, 2)\n` },
  { name: 'F bound to something else', src: `F = my_functions\nl = F.cross_entropy(a, b)\n` },
  { name: 'mmdet dict of another loss type', src: `loss_bbox = dict(type='SmoothL1Loss', beta=1.0 / 9.0, loss_weight=1.0)\n` },
  { name: 'type string elsewhere', src: `print('FocalLoss')\nx = {'name': 'FocalLoss'}\n` },
  { name: 'YAML: unrelated keys', language: 'yaml', src: `gamma: 0.99\nalpha: 0.25\nMODEL:\n  RETINANET:\n    NUM_CLASSES: 80\n` },
  { name: 'YAML: commented key', language: 'yaml', src: `# fl_gamma: 1.5\n# FOCAL_LOSS_GAMMA: 2.0\n` },
  { name: 'Python config key in a comment', src: `# cfg.MODEL.RETINANET.FOCAL_LOSS_GAMMA = 3.0\n` },
  { name: 'empty text', src: `` },
];
