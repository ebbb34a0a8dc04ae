import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { BY_PATH } from '../../../src/language/recognition/catalog';
import { checkCase, type Case } from './recognitionExpect';

/*
 * Libraries and call forms the catalog first lacked (issue 24). The facts each case relies on, as read in
 * the library's own source:
 * - timm (huggingface/pytorch-image-models aa4b585, timm 1.0.29.dev0): timm/loss/__init__.py exports
 *   BinaryCrossEntropy, LabelSmoothingCrossEntropy, SoftTargetCrossEntropy, JsdCrossEntropy;
 *   cross_entropy.py LabelSmoothingCrossEntropy(smoothing=0.1) = (1 - s) * nll + s * mean(-log_softmax) over the
 *   last dim, .mean(); SoftTargetCrossEntropy() = sum(-target * log_softmax(x, -1), -1).mean();
 *   binary_cross_entropy.py BinaryCrossEntropy(smoothing=0.1, target_threshold=None, weight=None,
 *   reduction='mean', sum_classes=False, pos_weight=None) (the older 308d0b9 has no sum_classes), one-hot with
 *   off = s / C, on = 1 - s + off, thresholded by target_threshold, then binary_cross_entropy_with_logits;
 *   jsd.py JsdCrossEntropy(num_splits=3, alpha=12, smoothing=0.1), alpha weighting the JS term.
 *   train.py (same commit) builds them as in the snippets below.
 * - keras-cv (keras-team/keras-cv 94b0a55, 0.10.0): keras_cv/src/losses/focal.py FocalLoss(alpha=0.25, gamma=2,
 *   from_logits=False, label_smoothing=0, **kwargs), alpha where y_true == 1 after smoothing, summed over the
 *   last axis; retinanet.py / faster_rcnn.py / mask_rcnn.py _parse_classification_loss: "focal" (lower-cased) ->
 *   FocalLoss(from_logits=True, reduction="sum"); examples/training/object_detection/pascal_voc/retinanet.py
 *   compiles with classification_loss="focal". Keras 3's Loss(name=None, reduction="sum_over_batch_size").
 * - Hydra (facebookresearch/hydra 9b9a6b5) hydra/_internal/instantiate/_instantiate2.py: _Keys TARGET '_target_',
 *   ARGS '_args_' (popped as positional arguments), PARTIAL '_partial_'; the other keys are passed to the target as
 *   keyword arguments. The YAML snippets are the forms of public configs (a `criterion:` / `loss:` node with
 *   `_target_: torch.nn.CrossEntropyLoss` and `label_smoothing: 0.1`; lighter's `criterion:`; sesemi's
 *   `loss: callable: _target_:` with `reduction:` beside `callable`, which is not an argument).
 * - Keras 3 (keras-team/keras 0bd7bf0) keras/src/losses/__init__.py: get(str) looks up ALL_OBJECTS_DICT (class and
 *   function names, 'bce' / 'BCE' -> binary_crossentropy), a class instantiated with no arguments;
 *   keras/src/trainers/compile_utils.py (012e336) get_loss: 'crossentropy' / 'ce' picked from the shapes.
 */

const TIMM: Case[] = [
  {
    name: "timm: train.py's LabelSmoothingCrossEntropy(smoothing=args.smoothing)",
    src: `from timm.loss import JsdCrossEntropy, SoftTargetCrossEntropy, BinaryCrossEntropy, LabelSmoothingCrossEntropy\ntrain_loss_fn = LabelSmoothingCrossEntropy(smoothing=args.smoothing)\n`,
    calls: [{ api: 'timm.loss.LabelSmoothingCrossEntropy', kind: 'ce', inputs: 'logits', classModel: 'softmax', reduction: 'mean over samples', alpha: [null, 'default'], gamma: [0, 'default'] }],
  },
  {
    name: 'timm: LabelSmoothingCrossEntropy with its default 0.1 says it equals PyTorch label_smoothing',
    src: `import timm\ncrit = timm.loss.LabelSmoothingCrossEntropy()\n`,
    calls: [{ api: 'timm.loss.LabelSmoothingCrossEntropy', caveats: [/label_smoothing=0\.1\)/], extra: { smoothing: 0.1 } }],
  },
  {
    name: 'timm: SoftTargetCrossEntropy (mixup targets)',
    src: `from timm.loss import SoftTargetCrossEntropy\ncriterion = SoftTargetCrossEntropy()\n`,
    calls: [{ api: 'timm.loss.SoftTargetCrossEntropy', inputs: 'logits', classModel: 'softmax', caveats: [/soft targets/] }],
  },
  {
    name: "timm: train.py's BinaryCrossEntropy with threshold, sum_classes and pos_weight from args",
    src: `from timm.loss import BinaryCrossEntropy\ntrain_loss_fn = BinaryCrossEntropy(\n    target_threshold=args.bce_target_thresh,\n    sum_classes=args.bce_sum,\n    pos_weight=args.bce_pos_weight,\n)\n`,
    calls: [{ api: 'timm.loss.BinaryCrossEntropy', inputs: 'logits', classModel: 'sigmoid', reduction: 'mean', extra: { smoothing: 0.1 } }],
  },
  {
    name: 'timm: BinaryCrossEntropy positional arguments follow the signature with sum_classes',
    src: `from timm.loss.binary_cross_entropy import BinaryCrossEntropy\nbce = BinaryCrossEntropy(0.0, None, None, 'sum', True, 3.0)\n`,
    calls: [{ api: 'timm.loss.BinaryCrossEntropy', reduction: 'sum', extra: { sum_classes: true, pos_weight: 3, smoothing: 0 }, caveats: [/sum_classes=True/, /pos_weight=3/] }],
  },
  {
    name: 'timm: JsdCrossEntropy alpha is the JS weight, not a class alpha',
    src: `from timm.loss import JsdCrossEntropy\ntrain_loss_fn = JsdCrossEntropy(num_splits=num_aug_splits, smoothing=args.smoothing)\n`,
    calls: [{ api: 'timm.loss.JsdCrossEntropy', alpha: [null, 'default'], caveats: [/alpha=12 times the Jensen-Shannon/] }],
  },
];

const KERAS_CV: Case[] = [
  {
    name: 'keras-cv: keras_cv.losses.FocalLoss with from_logits=True',
    src: `import keras_cv\nloss = keras_cv.losses.FocalLoss(from_logits=True, reduction="sum")\n`,
    calls: [{ api: 'keras_cv.losses.FocalLoss', kind: 'focal', alpha: [0.25, 'default'], gamma: [2, 'default'], inputs: ['logits', 'explicit'], reduction: 'sum', caveats: [/summed over the last axis/] }],
  },
  {
    name: 'keras-cv: FocalLoss defaults take probabilities',
    src: `from keras_cv.losses import FocalLoss\nmodel.compile(optimizer='adam', loss=FocalLoss(alpha=0.5))\n`,
    calls: [{ api: 'keras_cv.losses.FocalLoss', alpha: [0.5, 'explicit'], inputs: ['probabilities', 'default'], reduction: 'sum_over_batch_size' }],
  },
  {
    name: "keras-cv: the pascal_voc example's RetinaNet compile(classification_loss=\"focal\")",
    src: `model.compile(\n    classification_loss="focal",\n    box_loss="smoothl1",\n    optimizer=optimizer,\n    metrics=[],\n)\n`,
    calls: [{ api: 'keras_cv.losses.FocalLoss', callee: 'classification_loss="focal"', alpha: [0.25, 'default'], gamma: [2, 'default'], inputs: 'logits', reduction: 'sum', caveats: [/keras-cv builds classification_loss='focal'/] }],
  },
  {
    name: "keras-cv: 'Focal' is case-insensitive",
    src: `retinanet.compile(classification_loss='Focal', box_loss='SmoothL1', optimizer=opt)\n`,
    calls: [{ api: 'keras_cv.losses.FocalLoss', inputs: 'logits' }],
  },
];

const KERAS_STRINGS: Case[] = [
  {
    name: "Keras: compile(loss='binary_crossentropy') is binary_crossentropy with from_logits=False",
    src: `model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])\n`,
    calls: [{ api: 'keras.losses.binary_crossentropy', callee: "loss='binary_crossentropy'", kind: 'ce', inputs: ['probabilities', 'explicit'], classModel: 'sigmoid' }],
  },
  {
    name: "Keras: 'sparse_categorical_crossentropy' (a 33-character token) and 'categorical_crossentropy'",
    src: `model.compile(loss="sparse_categorical_crossentropy", optimizer="adam")\nother.compile(optimizer=opt, loss='categorical_crossentropy')\n`,
    calls: [
      { api: 'keras.losses.sparse_categorical_crossentropy', inputs: 'probabilities', classModel: 'softmax' },
      { api: 'keras.losses.categorical_crossentropy', inputs: 'probabilities', classModel: 'softmax' },
    ],
  },
  {
    name: "Keras: 'bce' alias, a class name, and per-output lists and dicts",
    src: `m.compile(loss='bce')\nm.compile(loss='BinaryFocalCrossentropy')\nm.compile(loss=['categorical_crossentropy', 'mse'], loss_weights=[1.0, 0.2])\nm.compile(loss={'cls': 'binary_crossentropy', 'box': 'mse'})\n`,
    calls: [
      { api: 'keras.losses.binary_crossentropy' },
      { api: 'keras.losses.BinaryFocalCrossentropy', alpha: [null, 'default'], gamma: [2, 'default'] },
      { api: 'keras.losses.categorical_crossentropy' },
      { api: 'keras.losses.binary_crossentropy' },
    ],
  },
];

const HYDRA: Case[] = [
  {
    name: 'Hydra YAML: loss node with _target_ and label_smoothing',
    language: 'yaml',
    src: `model:\n  _target_: src.models.envnet_v2.EnvNetV2\n  num_classes: \${dataset.num_classes}\n\nloss:\n  _target_: torch.nn.CrossEntropyLoss\n  label_smoothing: 0.1\n`,
    calls: [{ api: 'torch.nn.CrossEntropyLoss', callee: 'loss: _target_: torch.nn.CrossEntropyLoss', classModel: 'softmax', extra: { label_smoothing: 0.1, weight: null }, caveats: [/hydra\.utils\.instantiate calls torch\.nn\.CrossEntropyLoss/] }],
  },
  {
    name: "Hydra YAML: lighter's nested criterion, quoted target, an interpolated weight",
    language: 'yaml',
    src: `system:\n  _target_: lighter.System\n  criterion:\n    _target_: "torch.nn.BCEWithLogitsLoss"\n    pos_weight: \${data.pos_weight}\n  optimizer:\n    _target_: torch.optim.Adam\n    lr: 0.001\n`,
    calls: [{ api: 'torch.nn.BCEWithLogitsLoss', callee: 'criterion: _target_: torch.nn.BCEWithLogitsLoss', extra: { pos_weight: undefined } }],
  },
  {
    name: 'Hydra YAML: a partial focal loss function',
    language: 'yaml',
    src: `loss_fn:\n  _target_: torchvision.ops.sigmoid_focal_loss\n  _partial_: true\n  alpha: 0.5\n  gamma: 1.0\n  reduction: mean\n`,
    calls: [{ api: 'torchvision.ops.sigmoid_focal_loss', alpha: [0.5, 'explicit'], gamma: [1, 'explicit'], reduction: 'mean' }],
  },
  {
    name: 'Hydra Python: dict(_target_=...) and a brace dict',
    src: `loss = dict(_target_='torch.nn.CrossEntropyLoss', label_smoothing=0.1, ignore_index=255)\ncfg = {'_target_': 'torchvision.ops.sigmoid_focal_loss', '_partial_': True, 'gamma': 3.0}\n`,
    calls: [
      { api: 'torch.nn.CrossEntropyLoss', extra: { label_smoothing: 0.1, ignore_index: 255 } },
      { api: 'torchvision.ops.sigmoid_focal_loss', gamma: [3, 'explicit'], alpha: [0.25, 'default'] },
    ],
  },
];

const NEGATIVES: { name: string; src: string }[] = [
  { name: "Keras: 'crossentropy' and 'ce' are picked from shapes at training time", src: `model.compile(loss='crossentropy')\nmodel.compile(loss='ce')\n` },
  { name: 'Keras: a loss string in metrics= is a metric', src: `model.compile(loss=my_loss, metrics=['binary_crossentropy', 'categorical_crossentropy'])\n` },
  { name: 'Keras: the string outside compile()', src: `config = dict(loss='binary_crossentropy')\nLOSS = 'sparse_categorical_crossentropy'\nprint('binary_crossentropy')\n` },
  { name: 'Keras: a dict key, not a value', src: `model.compile(loss={'binary_crossentropy': 1})\n` },
  { name: "keras-cv: 'focal' given as loss= (not classification_loss)", src: `model.compile(loss='focal')\n` },
  { name: 'keras-cv: box_loss and other strings', src: `model.compile(classification_loss='smoothl1', box_loss='focal')\n` },
  { name: 'timm: a BinaryCrossEntropy of the user\'s own (not timm)', src: `class BinaryCrossEntropy(nn.Module):\n    def __init__(self, smoothing=0.1):\n        super().__init__()\ncrit = BinaryCrossEntropy()\n` },
  { name: 'Hydra Python: a _target_ that is not a loss', src: `opt = dict(_target_='torch.optim.Adam', lr=0.001)\nnet = {'_target_': 'torchvision.models.resnet18', 'num_classes': 10}\n` },
  { name: 'timm: timm.create_model and other timm calls', src: `import timm\nmodel = timm.create_model('resnet50', pretrained=True, num_classes=10)\nlr = timm.scheduler.CosineLRScheduler(opt, t_initial=10)\n` },
];

describe('catalog: issue 24 libraries and string losses', () => {
  for (const c of [...TIMM, ...KERAS_CV, ...KERAS_STRINGS, ...HYDRA]) it(c.name, () => checkCase(c));

  it("Hydra YAML: keys beside another node's _target_, and a non-loss target, give nothing", () => {
    const sesemi = `loss:\n  callable:\n    _target_: torch.nn.CrossEntropyLoss\n  reduction: mean\n  scale_factor: 1.0\n`;
    const [call] = findLossCalls(sesemi, 'yaml');
    assert.equal(call!.reduction.value, 'mean');
    assert.equal(call!.reduction.origin.kind, 'default', 'the reduction beside callable: is not an argument');
    assert.deepEqual(findLossCalls(`optimizer:\n  _target_: torch.optim.Adam\n  lr: 0.001\n`, 'yaml'), []);
  });

  for (const c of NEGATIVES) it(`no call: ${c.name}`, () => assert.deepEqual(findLossCalls(c.src, 'python').map((call) => call.api), []));

  it('timm: smoothing without a threshold shows no values; a known threshold makes hard targets', () => {
    const [soft] = findLossCalls(`from timm.loss import BinaryCrossEntropy\nl = BinaryCrossEntropy(smoothing=0.1)\n`, 'python');
    assert.match(soft!.notModeled ?? '', /smoothing/);
    const [hard] = findLossCalls(`from timm.loss import BinaryCrossEntropy\nl = BinaryCrossEntropy(smoothing=0.1, target_threshold=0.2, pos_weight=2.0)\n`, 'python');
    assert.equal(hard!.notModeled, undefined);
    const [plain] = findLossCalls(`from timm.loss import LabelSmoothingCrossEntropy\nl = LabelSmoothingCrossEntropy(smoothing=0.0)\n`, 'python');
    assert.equal(plain!.notModeled, undefined);
    for (const src of [`from timm.loss import SoftTargetCrossEntropy\nl = SoftTargetCrossEntropy()\n`, `from timm.loss import JsdCrossEntropy\nl = JsdCrossEntropy()\n`]) {
      assert.ok(findLossCalls(src, 'python')[0]!.notModeled, src);
    }
  });

  it('keras-cv: label smoothing weights every element by 1 - alpha, and no values are shown', () => {
    const [call] = findLossCalls(`import keras_cv\nl = keras_cv.losses.FocalLoss(label_smoothing=0.1)\n`, 'python');
    assert.ok(call!.caveats.some((c) => /1 - alpha/.test(c)));
    assert.ok(call!.notModeled);
  });

  it('the hover ranges: a compile() string call spans its keyword and names the string', () => {
    const src = `model.compile(optimizer='adam', loss='binary_crossentropy')\n`;
    const [call] = findLossCalls(src, 'python');
    assert.equal(src.slice(call!.start, call!.end), "loss='binary_crossentropy'");
    assert.equal(src.slice(call!.nameStart, call!.nameEnd), 'binary_crossentropy');
  });

  it('every new path is in the catalog', () => {
    for (const path of ['timm.loss.BinaryCrossEntropy', 'timm.loss.binary_cross_entropy.BinaryCrossEntropy', 'timm.loss.cross_entropy.LabelSmoothingCrossEntropy', 'timm.loss.jsd.JsdCrossEntropy', 'keras_cv.losses.FocalLoss', 'keras_cv.losses.focal.FocalLoss']) assert.ok(BY_PATH.has(path), path);
  });
});

/*
 * detrex (IDEA-Research/detrex e244e6c) detrex/modeling/criterion/criterion.py: SetCriterion(num_classes, matcher,
 * weight_dict, losses=["class", "boxes"], eos_coef=0.1, loss_class_type="focal_loss", alpha=0.25, gamma=2.0);
 * "focal_loss" -> sigmoid_focal_loss (alpha_t when alpha >= 0), "ce_loss" -> F.cross_entropy with empty_weight.
 * detectron2's LazyCall (detectron2/config/lazy.py, exported by detectron2.config) records the call for instantiate().
 * The config snippet is projects/dab_detr/configs/models/dab_detr_r50.py's criterion.
 */
const DAB_DETR = `from detrex.modeling import HungarianMatcher, SetCriterion
from detectron2.config import LazyCall as L

model = L(DABDETR)(
    num_classes=80,
    criterion=L(SetCriterion)(
        num_classes=80,
        matcher=L(HungarianMatcher)(
            cost_class=2.0,
            cost_class_type="focal_loss_cost",
            alpha=0.25,
            gamma=2.0,
        ),
        weight_dict={"loss_class": 1, "loss_bbox": 5.0},
        loss_class_type="focal_loss",
        alpha=0.25,
        gamma=2.0,
    ),
)
`;

describe('catalog: detrex SetCriterion and detectron2 LazyCall', () => {
  it("dab_detr's L(SetCriterion)(loss_class_type=\"focal_loss\", alpha=0.25, gamma=2.0); the matcher's alpha/gamma are not a loss", () => {
    checkCase({ name: 'dab_detr', src: DAB_DETR, calls: [{ api: 'detrex.modeling.SetCriterion', callee: 'L(SetCriterion)(...)', kind: 'focal', alpha: [0.25, 'explicit'], gamma: [2, 'explicit'], inputs: 'logits', classModel: 'sigmoid', reduction: 'sum over queries and classes / number of boxes' }] });
  });

  it('loss_class_type="ce_loss" is softmax CE with eos_coef; an unresolved loss_class_type gives no call', () => {
    checkCase({
      name: 'ce_loss',
      src: `from detrex.modeling.criterion import SetCriterion\nfrom detectron2.config import LazyCall as L\nc = L(SetCriterion)(num_classes=91, matcher=m, weight_dict=w, eos_coef=0.1, loss_class_type="ce_loss")\nd = SetCriterion(80, m, w, loss_class_type="focal_loss", alpha=0.5)\n`,
      calls: [
        { api: 'detrex.modeling.SetCriterion (ce_loss)', kind: 'ce', classModel: 'softmax', caveats: [/eos_coef=0\.1/] },
        { api: 'detrex.modeling.SetCriterion', alpha: [0.5, 'explicit'], gamma: [2, 'default'] },
      ],
    });
    assert.deepEqual(findLossCalls(`from detrex.modeling import SetCriterion\nc = SetCriterion(80, m, w, loss_class_type=cfg.loss_type)\n`, 'python'), []);
  });

  it("DETR's own SetCriterion (not detrex) and an L of something else are not claimed", () => {
    for (const src of [
      `from models.detr import SetCriterion\ncriterion = SetCriterion(num_classes, matcher=matcher, weight_dict=weight_dict, eos_coef=0.1, losses=losses)\n`,
      `from detectron2.config import LazyCall as L\nopt = L(torch.optim.AdamW)(lr=1e-4)\n`,
      `L = [1, 2]\nx = L(SetCriterion)(alpha=0.5)\n`,
    ]) assert.deepEqual(findLossCalls(src, 'python').map((c) => c.api), [], src);
  });

  it('L(nn.CrossEntropyLoss)(...) in a LazyConfig is the CE it builds', () => {
    checkCase({ name: 'lazy CE', src: `import torch.nn as nn\nfrom detectron2.config import LazyCall as L\nloss = L(nn.CrossEntropyLoss)(label_smoothing=0.1)\n`, calls: [{ api: 'torch.nn.CrossEntropyLoss', extra: { label_smoothing: 0.1 } }] });
  });
});

/* **kwargs from dict literals in the file (issue 24, Values): the call receives the dict's keys. */
describe('values: **kwargs dict literals', () => {
  it('a name bound to dict(...) or {...}, and a literal in place; values say the dict\'s line', () => {
    checkCase({
      name: 'kwargs',
      src: `from torchvision.ops import sigmoid_focal_loss\nFOCAL_KW = dict(alpha=0.5, gamma=1.0)\nl1 = sigmoid_focal_loss(x, y, **FOCAL_KW)\nkw = {"alpha": 0.75, "reduction": "sum"}\nl2 = sigmoid_focal_loss(x, y, **kw)\nl3 = sigmoid_focal_loss(x, y, **{'gamma': 3.0})\n`,
      calls: [
        { api: 'torchvision.ops.sigmoid_focal_loss', alpha: [0.5, 1], gamma: [1, 1] },
        { api: 'torchvision.ops.sigmoid_focal_loss', alpha: [0.75, 3], gamma: [2, 'default'], reduction: 'sum' },
        { api: 'torchvision.ops.sigmoid_focal_loss', gamma: [3, 'explicit'], alpha: [0.25, 'default'] },
      ],
    });
  });

  it('a dict the file changes, builds from a call, or spreads another stays unknown', () => {
    for (const src of [
      `from torchvision.ops import sigmoid_focal_loss\nkw = dict(alpha=0.5)\nkw['gamma'] = 3.0\nl = sigmoid_focal_loss(x, y, **kw)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nkw = dict(alpha=0.5)\nkw.update(cfg)\nl = sigmoid_focal_loss(x, y, **kw)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nkw = load_config()\nl = sigmoid_focal_loss(x, y, **kw)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nkw = dict(**base, alpha=0.5)\nl = sigmoid_focal_loss(x, y, **kw)\n`,
      `from torchvision.ops import sigmoid_focal_loss\ndef f(**kw):\n    return sigmoid_focal_loss(x, y, **kw)\n`,
    ]) {
      const [call] = findLossCalls(src, 'python');
      assert.equal(call!.alpha.origin.kind, 'unresolved', src);
      assert.equal(call!.gamma.origin.kind, 'unresolved', src);
    }
  });
});

/* Users' own losses written by hand (issue 24): what they take, read from the body. */
describe("users' own losses: hand-written numpy and torch bodies", () => {
  it('a numpy focal loss that logs its clipped input takes probabilities', () => {
    checkCase({
      name: 'numpy focal',
      src: `import numpy as np\ndef binary_focal_loss(y_true, y_pred, gamma=2.0, alpha=0.25):\n    y_pred = np.clip(y_pred, 1e-7, 1 - 1e-7)\n    loss = -alpha * y_true * (1 - y_pred) ** gamma * np.log(y_pred) - (1 - alpha) * (1 - y_true) * y_pred ** gamma * np.log(1 - y_pred)\n    return loss.mean()\nl = binary_focal_loss(y, p)\n`,
      calls: [{ api: 'user:binary_focal_loss', alpha: [0.25, 1], gamma: [2, 1], inputs: 'probabilities', classModel: undefined }],
    });
  });

  it('a body that makes the sigmoid itself (exp) or uses log1p(exp(-x)) is not said to take probabilities', () => {
    for (const body of ['p = 1 / (1 + np.exp(-x))\n    return -alpha * (1 - p) ** gamma * np.log(p)', 'return alpha * (1 - p) ** gamma * np.log1p(np.exp(-x))']) {
      const [call] = findLossCalls(`import numpy as np\ndef focal_loss(x, y, alpha=0.25, gamma=2.0):\n    ${body}\nl = focal_loss(x, y)\n`, 'python');
      assert.equal(call!.inputs.value, undefined, body);
    }
  });

  it('a notebook cell calls a focal loss an earlier cell defined (context), with its defaults from there', () => {
    const context = `import torch\nimport torch.nn.functional as F\ndef focal_loss(logits, targets, alpha=0.25, gamma=2.0):\n    ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")\n    p_t = torch.exp(-ce)\n    return (ce * ((1 - p_t) ** gamma)).mean()`;
    const [call] = findLossCalls('l = focal_loss(logits, y, gamma=3)\n', 'python', context);
    assert.equal(call!.api, 'user:focal_loss');
    assert.equal(call!.gamma.value, 3);
    assert.deepEqual(call!.alpha.origin, { kind: 'resolved', line: 2, inContext: true });
    assert.equal(call!.inputs.value, 'logits');
    // Not "defined in this file (line -4)": the definition's line in the joined cells means nothing here (eval set 8).
    assert.ok(call!.notes?.includes('focal_loss is defined in an earlier cell.'), JSON.stringify(call!.notes));
    assert.ok(![...call!.caveats, ...(call!.notes ?? [])].some((said) => /line -/.test(said)), JSON.stringify(call!.notes));
  });
});

/* Inputs (issue 24): where the user's own loss does not say, what the call passes may. */
describe("inputs: what a call of the user's own loss passes", () => {
  const DEF = `class FocalLoss(nn.Module):\n    def __init__(self, alpha=0.25, gamma=2.0):\n        super().__init__()\n        self.alpha = alpha\n        self.gamma = gamma\n    def forward(self, inputs, targets):\n        return focal_term(inputs, targets, self.alpha, self.gamma)\n`;
  const inputsOf = (use: string) => findLossCalls(`${DEF}${use}`, 'python').filter((c) => c.start >= DEF.length).map((c) => [c.inputs.value, c.inputs.text]);

  it("HuggingFace's outputs.logits, a sigmoid or softmax output", () => {
    assert.deepEqual(inputsOf(`criterion = FocalLoss(gamma=1.5)\nloss = criterion(outputs.logits, labels)\n`), [[undefined, 'unknown (your own function)'], ['logits', 'the call passes outputs.logits']]);
    assert.deepEqual(inputsOf(`criterion = FocalLoss()\nloss = criterion(torch.sigmoid(out), y)\n`)[1], ['probabilities', 'the call passes torch.sigmoid(out)']);
    assert.deepEqual(inputsOf(`criterion = FocalLoss()\nloss = criterion(out.softmax(dim=1), y)\n`)[1]![0], 'probabilities');
  });

  it('look-alikes say nothing: log_softmax, a sigmoid inside a sum, a plain tensor, logits_mask', () => {
    for (const arg of ['F.log_softmax(out, dim=1)', 'torch.sigmoid(a) + bias(b)', 'out', 'logits_mask', 'self.logits_fn(x)']) {
      assert.equal(inputsOf(`criterion = FocalLoss()\nloss = criterion(${arg}, y)\n`)[1]![0], undefined, arg);
    }
  });
});

/*
 * mmdet 3.x scopes: mmsegmentation (b732fae) mmseg/models/losses/focal_loss.py has its own FocalLoss(use_sigmoid=True,
 * gamma=2.0, alpha=0.5, reduction='mean', class_weight=None, loss_weight=1.0, loss_name='loss_focal'), so a bare
 * type='FocalLoss' under default_scope = 'mmseg' is not mmdet's; mmyolo and mmrotate registries fall back to mmdet's.
 */
describe('configs: mmdet 3.x default_scope and mmdet. prefixes', () => {
  it("mmyolo's default_scope with type='mmdet.FocalLoss', and default_scope = 'mmdet' with a bare type, are mmdet's", () => {
    checkCase({
      name: 'scopes',
      src: `default_scope = 'mmyolo'\nmodel = dict(bbox_head=dict(loss_cls=dict(type='mmdet.FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25)))\nother = dict(type='FocalLoss', gamma=1.5)\n`,
      calls: [{ api: 'mmdet.models.losses.FocalLoss', gamma: [2, 'explicit'] }, { api: 'mmdet.models.losses.FocalLoss', gamma: [1.5, 'explicit'] }],
    });
  });

  it("default_scope = 'mmseg': a bare FocalLoss is mmseg's (alpha 0.5 by default), never mmdet's; mmdet.FocalLoss still is mmdet's", () => {
    const calls = findLossCalls(`default_scope = 'mmseg'\nloss_decode = dict(type='FocalLoss', use_sigmoid=True, loss_weight=1.0)\nx = {'type': 'CrossEntropyLoss'}\ny = dict(type='mmdet.FocalLoss')\n`, 'python');
    assert.deepEqual(calls.map((c) => [c.callee, c.api]), [
      ["dict(type='FocalLoss'", 'mmseg.models.losses.FocalLoss'],
      ["{'type': 'CrossEntropyLoss'", 'mmseg.models.losses.CrossEntropyLoss'],
      ["dict(type='mmdet.FocalLoss'", 'mmdet.models.losses.FocalLoss'],
    ]);
  });
});
