// Wrong hover claims the second measurement on unseen public code (kept outside the repository) found, each
// from the real snippet that showed it (trimmed; the source is named). The library facts, as read in the
// libraries' own source:
// - open-mmlab/mmsegmentation (b732fae) mmseg/models/losses/focal_loss.py: FocalLoss(use_sigmoid=True, gamma=2.0,
//   alpha=0.5, reduction='mean', class_weight=None, loss_weight=1.0, loss_name='loss_focal'), registered in
//   mmseg's MODELS registry; mmseg's decode heads (mmseg/models/decode_heads/decode_head.py) build `loss_decode`,
//   a dict or a list of dicts, from that registry. mmdet's FocalLoss defaults alpha to 0.25.
// - qubvel-org/segmentation_models.pytorch (4bf6ec0, "Add from_logits support to FocalLoss") losses/focal.py:
//   FocalLoss(mode, alpha=None, gamma=2.0, ignore_index=None, from_logits=True, eps=1e-7, reduction='mean', ...);
//   from_logits=False clamps y_pred to [eps, 1 - eps], then inverts the sigmoid (binary, multilabel) or takes
//   log(y_pred) (multiclass) before its per-class sigmoid focal loss.
import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';

const callsOf = (src: string) => findLossCalls(src, 'python').map((c) => ({ line: src.slice(0, c.nameStart).split('\n').length, call: c }));

describe('hover: wrong claims found on a second set of unseen code', () => {
  it("a loss_decode dict of an mmseg config is mmseg's, not mmdet's: FocalLoss's alpha default is 0.5 there (zbl929/WDA-Net configs/resnet/resnet101_seghead.py @ 66fdee1)", () => {
    const src = [
      'model = dict(',
      "    type='EncoderDecoder',",
      '    decode_head=dict(',
      "        type='SegformerHead',",
      '        num_classes=2,',
      '        loss_decode=[',
      '            dict(',
      "                type='CrossEntropyLoss',",
      "                loss_name='loss_ce',",
      '                loss_weight=1.0,',
      '                class_weight=[0.9373, 1.1055]),',
      '            dict(',
      "                type='FocalLoss',",
      "                loss_name='loss_focal',",
      '                loss_weight=1.0,',
      '                class_weight=[0.9373, 1.1055]),',
      '        ]),',
      ')',
      // An mmdet head beside it keeps its claim, and so does an explicit mmdet. prefix in loss_decode.
      "det = dict(bbox_head=dict(loss_cls=dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25)))",
      "seg = dict(decode_head=dict(loss_decode=dict(type='mmdet.FocalLoss', gamma=2.0)))",
      '',
    ].join('\n');
    // The loss_decode dicts are mmseg's (class_weight: no values), never mmdet's alpha 0.25.
    assert.deepEqual(callsOf(src).map(({ line, call }) => [line, call.api, call.alpha.value, call.notModeled !== undefined]), [
      [8, 'mmseg.models.losses.CrossEntropyLoss', null, true],
      [13, 'mmseg.models.losses.FocalLoss', 0.5, true],
      [19, 'mmdet.models.losses.FocalLoss', 0.25, false],
      [20, 'mmdet.models.losses.FocalLoss', 0.25, false],
    ]);
  });

  it("loss_decode in the brace form is mmseg's too, and a FocalLoss only a fork builds is no one's (kevin20012/Improving-Segmentation-Using-Augmentation-Data-Made-by-SDXL configs/upernet/upernet_r50_4xb4-40k_wta512_ori_focal-512x512.py @ 0e4d73f)", () => {
    const src = [
      'model = dict(',
      '    decode_head=dict(num_classes=3,loss_decode=dict(',
      "                type='FocalLoss', use_sigmoid=False, gamma=2.0,",
      '        alpha=[0.1, 0.3, 0.6], loss_weight=0.4)),',
      "    auxiliary_head={'loss_decode': {'type': 'CrossEntropyLoss', 'use_sigmoid': False}})",
      '',
    ].join('\n');
    // FocalLoss(use_sigmoid=False) fails mmseg's assertion, so it is a fork's: claimed by no one; the brace CE is mmseg's.
    assert.deepEqual(callsOf(src).map(({ line, call }) => [line, call.api, call.notModeled !== undefined]), [
      [5, 'mmseg.models.losses.CrossEntropyLoss', false],
    ]);
  });

  it('smp FocalLoss(from_logits=False) takes probabilities; in multiclass mode no values (qubvel-org/segmentation_models.pytorch tests/test_losses.py @ 5006616)', () => {
    const src = [
      'import segmentation_models_pytorch as smp',
      'loss_logits = smp.losses.FocalLoss(',
      '    mode="multiclass",',
      '    from_logits=True,',
      ')(input_logits, target)',
      'loss_probs = smp.losses.FocalLoss(',
      '    mode="multiclass",',
      '    from_logits=False,',
      ')(input_probs, target)',
      'binary = smp.losses.FocalLoss("binary", from_logits=False)',
      'plain = smp.losses.FocalLoss("binary")',
      '',
    ].join('\n');
    const calls = callsOf(src).map(({ line, call }) => [line, call.inputs.value, call.notModeled === undefined]);
    assert.deepEqual(calls, [[2, 'logits', true], [6, 'probabilities', false], [10, 'probabilities', true], [11, 'logits', true]]);
  });

  it("a parameter's default is not claimed when a call in the file passes that parameter (argusswift/YOLOv4-pytorch model/loss/yolo_loss.py @ d34aaab)", () => {
    const src = [
      'import torch',
      'import torch.nn as nn',
      'class FocalLoss(nn.Module):',
      '    def __init__(self, gamma=2.0, alpha=1.0, reduction="mean"):',
      '        super(FocalLoss, self).__init__()',
      '        self.__gamma = gamma',
      '        self.__alpha = alpha',
      '        self.__loss = nn.BCEWithLogitsLoss(reduction=reduction)',
      '',
      '    def forward(self, input, target):',
      '        loss = self.__loss(input=input, target=target)',
      '        loss *= self.__alpha * torch.pow(',
      '            torch.abs(target - torch.sigmoid(input)), self.__gamma',
      '        )',
      '        return loss',
      '',
      'FOCAL = FocalLoss(gamma=2, alpha=1.0, reduction="none")',
      '',
    ].join('\n');
    const byLine = new Map(callsOf(src).map(({ line, call }) => [line, call]));
    assert.equal(byLine.get(8)!.reduction.value, undefined);
    assert.equal(byLine.get(11)!.reduction.value, undefined);
    assert.equal(byLine.get(17)!.reduction.value, 'none');
    // Passed by position, or through **kwargs, it is not known either; never passed, the default is the value.
    const positional = src.replace('FocalLoss(gamma=2, alpha=1.0, reduction="none")', 'FocalLoss(2, 1.0, "none")');
    assert.equal(callsOf(positional).find(({ line }) => line === 8)!.call.reduction.value, undefined);
    const kwargs = src.replace('FocalLoss(gamma=2, alpha=1.0, reduction="none")', 'FocalLoss(**cfg)');
    assert.equal(callsOf(kwargs).find(({ line }) => line === 8)!.call.reduction.value, undefined);
    const unpassed = src.replace('FocalLoss(gamma=2, alpha=1.0, reduction="none")', 'FocalLoss(gamma=2)');
    assert.equal(callsOf(unpassed).find(({ line }) => line === 8)!.call.reduction.value, 'mean');
  });

  it('a loss of the file without alpha that calls another of its losses with one has alpha unknown, not none (vandit15/Class-balanced-loss-pytorch class_balanced_loss.py @ 921ccb8)', () => {
    const src = [
      'import torch',
      'import torch.nn.functional as F',
      'def focal_loss(labels, logits, alpha, gamma):',
      '    BCLoss = F.binary_cross_entropy_with_logits(input = logits, target = labels,reduction = "none")',
      '    modulator = torch.exp(-gamma * labels * logits - gamma * torch.log(1 + torch.exp(-1.0 * logits)))',
      '    loss = modulator * BCLoss',
      '    weighted_loss = alpha * loss',
      '    return torch.sum(weighted_loss) / torch.sum(labels)',
      'def CB_loss(labels, logits, samples_per_cls, no_of_classes, loss_type, beta, gamma):',
      '    weights = weights.repeat(1,no_of_classes)',
      '    if loss_type == "focal":',
      '        cb_loss = focal_loss(labels_one_hot, logits, weights, gamma)',
      '    return cb_loss',
      'cb_loss = CB_loss(labels, logits, samples_per_cls, no_of_classes, loss_type, beta, 2.0)',
      '',
    ].join('\n');
    const cb = callsOf(src).find(({ call }) => call.api === 'user:CB_loss')!.call;
    assert.equal(cb.alpha.value, undefined);
    assert.equal(cb.alpha.origin.kind, 'unresolved');
    assert.equal(cb.gamma.value, 2);
  });
});
