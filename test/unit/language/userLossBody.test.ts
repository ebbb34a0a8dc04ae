import * as assert from 'node:assert/strict';
import { lossFromProb, softmaxLoss } from '../../../src/core';
import { findLossCalls } from '../../../src/language/recognition';
import type { LossCall } from '../../../src/language/recognition';
import { hoverMarkdown } from '../../../src/extension/hoverMarkdown';
import { HOVER_PT_VALUES, hoverTable } from '../../../src/extension/hoverTable';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';

// How a user's own focal loss applies alpha and reduces, read from its body. The bodies are the
// shapes hand-written focal losses take in public code (each names where the shape is from); the
// hover claims alpha_t only where the body computes it, and says nothing where it is unclear.

const lines = (...xs: string[]) => `${xs.join('\n')}\n`;

/** The user's call at the end of `source` (the last call found). */
function userCall(source: string): LossCall {
  const calls = findLossCalls(source, 'python').filter((c) => c.api.startsWith('user:'));
  assert.ok(calls.length > 0, `no user call in:\n${source}`);
  return calls[calls.length - 1]!;
}

// The Kaggle-notebook variant (BCE with logits, pt = exp(-BCE), alpha times every element) that the
// new-user issue tripped over, here ending in loss.mean().
const SCALAR_ALPHA_CLASS = lines(
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'class FocalLoss(nn.Module):',
  '    def __init__(self, alpha=0.25, gamma=2.0):',
  '        super().__init__()',
  '        self.alpha = alpha',
  '        self.gamma = gamma',
  '    def forward(self, logits, targets):',
  "        bce = F.binary_cross_entropy_with_logits(logits, targets, reduction='none')",
  '        pt = torch.exp(-bce)',
  '        loss = self.alpha * (1 - pt) ** self.gamma * bce',
  '        return loss.mean()',
  'criterion = FocalLoss()',
  'loss = criterion(out, y)',
);

// torchvision.ops.sigmoid_focal_loss's body as copied into many repositories (torchvision 0.15 ops/focal_loss.py).
const TORCHVISION_COPY = lines(
  'import torch',
  'import torch.nn.functional as F',
  'def focal_loss(inputs, targets, alpha: float = 0.25, gamma: float = 2, reduction: str = "none"):',
  '    p = torch.sigmoid(inputs)',
  '    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")',
  '    p_t = p * targets + (1 - p) * (1 - targets)',
  '    loss = ce_loss * ((1 - p_t) ** gamma)',
  '    if alpha >= 0:',
  '        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)',
  '        loss = alpha_t * loss',
  '    return loss',
  'l = focal_loss(x, y, reduction="sum")',
);

// YOLOv5 utils/loss.py FocalLoss (v7.0): alpha_factor = true * alpha + (1 - true) * (1 - alpha).
const YOLOV5_STYLE = lines(
  'import torch',
  'import torch.nn as nn',
  'class FocalLoss(nn.Module):',
  '    def __init__(self, loss_fcn, gamma=1.5, alpha=0.25):',
  '        super().__init__()',
  '        self.loss_fcn = loss_fcn',
  '        self.gamma = gamma',
  '        self.alpha = alpha',
  '    def forward(self, pred, true):',
  '        loss = self.loss_fcn(pred, true)',
  '        pred_prob = torch.sigmoid(pred)',
  '        p_t = true * pred_prob + (1 - true) * (1 - pred_prob)',
  '        alpha_factor = true * self.alpha + (1 - true) * (1 - self.alpha)',
  '        modulating_factor = (1.0 - p_t) ** self.gamma',
  '        loss *= alpha_factor * modulating_factor',
  '        return loss.mean()',
  'fl = FocalLoss(nn.BCEWithLogitsLoss(), gamma=2.0)',
  'loss = fl(p, t)',
);

// The "WeightedFocalLoss" of a widely read blog post: alpha = tensor([alpha, 1 - alpha]) gathered by
// the target, which gives class 0 the alpha. Which class gets what is not read: no values.
const GATHERED_ALPHA = lines(
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'class WeightedFocalLoss(nn.Module):',
  '    def __init__(self, alpha=.25, gamma=2):',
  '        super().__init__()',
  '        self.alpha = torch.tensor([alpha, 1-alpha])',
  '        self.gamma = gamma',
  '    def forward(self, inputs, targets):',
  "        BCE_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction='none')",
  '        targets = targets.type(torch.long)',
  '        at = self.alpha.gather(0, targets.data.view(-1))',
  '        pt = torch.exp(-BCE_loss)',
  '        F_loss = at*(1-pt)**self.gamma * BCE_loss',
  '        return F_loss.mean()',
  'criterion = WeightedFocalLoss()',
  'loss = criterion(x, y)',
);

describe("a user's own focal loss: alpha and reduction from its body", () => {
  it('alpha multiplying every element is not alpha_t: said, and computed as alpha × FL without alpha', () => {
    const call = userCall(SCALAR_ALPHA_CLASS);
    assert.equal(call.alphaWeighting, 'every');
    assert.equal(call.notModeled, undefined);
    assert.equal(call.reduction.value, 'mean');
    assert.equal(call.reduction.origin.kind, 'resolved');
    const md = hoverMarkdown(call, 14, DEFAULT_SETTINGS);
    assert.match(md, /`FL = −α·\(1 − p_t\)\^2·log\(p_t\)`/);
    assert.doesNotMatch(md, /α_t|alpha_t semantics/);
    assert.match(md, /no class balancing/);
    assert.match(md, /\*\*"mean"\*\*/);
    // No Compute link: Compute Loss applies alpha_t.
    assert.doesNotMatch(md, /Compute at a value/);
    const table = hoverTable(call, Math.E);
    assert.ok('loss' in table);
    HOVER_PT_VALUES.forEach((pt, i) => {
      const expected = 0.25 * lossFromProb('focal', pt, 1, { alpha: null, gamma: 2 });
      assert.ok(Math.abs(table.loss[i]! - expected) <= 1e-12 * expected, `${table.loss[i]} vs ${expected}`);
    });
  });

  it('the torchvision form is alpha_t, and a reduction argument wins over the body', () => {
    const call = userCall(TORCHVISION_COPY);
    assert.equal(call.alphaWeighting, undefined);
    assert.equal(call.notModeled, undefined);
    assert.equal(call.reduction.value, 'sum');
    const md = hoverMarkdown(call, 11, DEFAULT_SETTINGS);
    assert.match(md, /α_t·/);
    assert.match(md, /negatives by 1 − alpha \\\(alpha\\_t\\\)/);
  });

  it("YOLOv5's alpha_factor is alpha_t, and every return agreeing on .mean() is mean", () => {
    const call = userCall(YOLOV5_STYLE);
    assert.equal(call.notModeled, undefined);
    assert.equal(call.alphaWeighting, undefined);
    assert.equal(call.reduction.value, 'mean');
    assert.equal(call.reduction.text, 'return loss.mean()');
  });

  it('an alpha gathered per class gets no values and no alpha_t claim', () => {
    const call = userCall(GATHERED_ALPHA);
    assert.match(call.notModeled ?? '', /not clear from its body/);
    const md = hoverMarkdown(call, 16, DEFAULT_SETTINGS);
    assert.doesNotMatch(md, /α_t|alpha_t/);
    assert.ok('notModeled' in hoverTable(call, Math.E));
  });

  it('a reversed where() (1 - alpha for positives) is unclear, not alpha_t', () => {
    const call = userCall(lines(
      'import torch',
      'def focal_loss(logits, y, alpha=0.25, gamma=2.0):',
      '    p = torch.sigmoid(logits)',
      '    ce = -(y * torch.log(p) + (1 - y) * torch.log(1 - p))',
      '    p_t = torch.where(y == 1, p, 1 - p)',
      '    a = torch.where(y == 1, 1 - alpha, alpha)',
      '    return (a * (1 - p_t) ** gamma * ce).sum()',
      'l = focal_loss(z, t)',
    ));
    assert.ok(call.notModeled);
    assert.equal(call.reduction.value, 'sum');
  });

  it('a where() that picks alpha for positives is alpha_t', () => {
    const call = userCall(lines(
      'import torch',
      'def focal_loss(logits, y, alpha=0.25, gamma=2.0):',
      '    p = torch.sigmoid(logits)',
      '    ce = -(y * torch.log(p) + (1 - y) * torch.log(1 - p))',
      '    a = torch.where(y == 1, alpha, 1 - alpha)',
      '    return torch.mean(a * (1 - p) ** gamma * ce)',
      'l = focal_loss(z, t)',
    ));
    assert.equal(call.notModeled, undefined);
    assert.equal(call.alphaWeighting, undefined);
    assert.equal(call.reduction.value, 'mean');
  });

  it('a wrapper passing alpha on to torchvision keeps its alpha_t', () => {
    const call = userCall(lines(
      'import torch.nn as nn',
      'from torchvision.ops import sigmoid_focal_loss',
      'class FocalLoss(nn.Module):',
      '    def __init__(self, alpha=0.25, gamma=2.0):',
      '        super().__init__()',
      '        self.alpha, self.gamma = alpha, gamma',
      '    def forward(self, x, y):',
      "        return sigmoid_focal_loss(x, y, alpha=self.alpha, gamma=self.gamma, reduction='mean')",
      'crit = FocalLoss(0.5)',
      'l = crit(a, b)',
    ));
    assert.equal(call.notModeled, undefined);
    assert.equal(call.alphaWeighting, undefined);
  });

  it('returns that disagree (mean or the elements) leave the reduction unresolved', () => {
    const call = userCall(lines(
      'import torch',
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'class FocalLoss(nn.Module):',
      '    def __init__(self, alpha=1, gamma=2, reduce=True):',
      '        super().__init__()',
      '        self.alpha = alpha',
      '        self.gamma = gamma',
      '        self.reduce = reduce',
      '    def forward(self, inputs, targets):',
      "        BCE_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction='none')",
      '        pt = torch.exp(-BCE_loss)',
      '        F_loss = self.alpha * (1-pt)**self.gamma * BCE_loss',
      '        if self.reduce:',
      '            return torch.mean(F_loss)',
      '        else:',
      '            return F_loss',
      'criterion = FocalLoss()',
      'loss = criterion(o, t)',
    ));
    assert.equal(call.reduction.value, undefined);
    assert.equal(call.alphaWeighting, 'every');
  });

  it('a softmax focal loss with alpha times every element: alpha for every class, and no alpha_t', () => {
    const call = userCall(lines(
      'import torch',
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'class FocalLoss(nn.Module):',
      '    def __init__(self, alpha=0.5, gamma=2):',
      '        super().__init__()',
      '        self.alpha = alpha',
      '        self.gamma = gamma',
      '    def forward(self, inputs, targets):',
      "        ce_loss = F.cross_entropy(inputs, targets, reduction='none')",
      '        pt = torch.exp(-ce_loss)',
      '        focal_loss = self.alpha * (1 - pt) ** self.gamma * ce_loss',
      '        return focal_loss.mean()',
      'criterion = FocalLoss()',
      'loss = criterion(logits, labels)',
    ));
    assert.equal(call.classModel, 'softmax');
    assert.equal(call.alphaWeighting, 'every');
    const table = hoverTable(call, Math.E);
    assert.ok('loss' in table);
    // One example of 10 classes with p_t on the target, as the hover's table computes it.
    const classes = 10;
    const pt = HOVER_PT_VALUES[2];
    const rest = Math.log((1 - pt) / (classes - 1));
    const logits = Array.from({ length: classes }, (_, c) => (c === 1 ? Math.log(pt) : rest));
    const expected = 0.5 * softmaxLoss('focal', logits, 1, { gamma: 2 });
    assert.ok(Math.abs(table.loss[2]! - expected) <= 1e-12 * expected);
  });

  it('a stub body (`...`) says how alpha is applied is not clear', () => {
    const call = userCall(`def focal_loss(x, y, alpha=0.25, gamma=2.0):\n    ...\nl = focal_loss(a, b)\n`);
    assert.ok(call.notModeled);
  });

  it('no alpha at all (None) needs no reading of the body', () => {
    const call = userCall(`import torch\ndef focal_loss(x, y, alpha=None, gamma=2.0):\n    return (torch.sigmoid(x) - y).mean()\nl = focal_loss(a, b)\n`);
    assert.equal(call.notModeled, undefined);
    assert.equal(call.alpha.value, null);
  });
  it('a from_logits parameter decides logits or probabilities, whatever the body applies under it', () => {
    // artemmavrin/focal-loss src/focal_loss/tests/test_binary_focal_loss.py (master, 2020): numpy_binary_focal_loss(
    // y_true, y_pred, gamma, from_logits=False, ...) applies `if from_logits: y_pred = sigmoid(y_pred)`, and the
    // tests call it with from_logits=False on probabilities and True on logits.
    const def = lines(
      'import numpy as np',
      'def sigmoid(x):',
      '    return 1 / (1 + np.exp(-x))',
      'def numpy_binary_focal_loss(y_true, y_pred, gamma, from_logits=False):',
      '    if from_logits:',
      '        y_pred = sigmoid(y_pred)',
      '    loss = -y_true * ((1 - y_pred) ** gamma) * np.log(y_pred)',
      '    loss -= (1 - y_true) * (y_pred ** gamma) * np.log(1 - y_pred)',
      '    return loss',
    );
    const probs = userCall(def + 'l = numpy_binary_focal_loss(y, p, gamma=2, from_logits=False)\n');
    assert.equal(probs.inputs.value, 'probabilities');
    assert.equal(probs.inputs.origin.kind, 'explicit');
    assert.equal(userCall(def + 'l = numpy_binary_focal_loss(y, z, 2, True)\n').inputs.value, 'logits');
    const byDefault = userCall(def + 'l = numpy_binary_focal_loss(y, p, 2)\n');
    assert.equal(byDefault.inputs.value, 'probabilities');
    assert.deepEqual(byDefault.inputs.origin, { kind: 'resolved', line: 3 });
    const unknown = userCall(def + 'l = numpy_binary_focal_loss(y, p, 2, from_logits=args.logits)\n');
    assert.equal(unknown.inputs.value, undefined);
    assert.equal(unknown.inputs.text, 'from_logits=args.logits');
  });
  it('alpha folded into a mask that the negatives take from 1 is not alpha for every element', () => {
    // amdegroot/ssd.pytorch-derived FocalLossSigmoid (set 3's ssdpytorch focal_loss_sigmoid.py): alpha_mask =
    // self.alpha * targets; positives times alpha_mask, negatives times (1 - alpha_mask): alpha and 1, not alpha_t.
    const call = userCall(lines(
      'import torch',
      'class FocalLossSigmoid(torch.nn.Module):',
      '    def __init__(self, alpha=0.25, gamma=2, size_average=False):',
      '        super().__init__()',
      '        self.alpha = alpha',
      '        self.gamma = gamma',
      '    def forward(self, inputs, targets):',
      '        P = torch.sigmoid(inputs)',
      '        alpha_mask = self.alpha * targets',
      '        loss_pos = -1. * torch.pow(1 - P, self.gamma) * torch.log(P) * targets * alpha_mask',
      '        loss_neg = -1. * torch.pow(P, self.gamma) * torch.log(1 - P) * (1 - targets) * (1 - alpha_mask)',
      '        return (loss_neg + loss_pos).sum()',
      'crit = FocalLossSigmoid()',
    ));
    assert.equal(call.alphaWeighting, undefined);
    assert.match(String(call.notModeled && JSON.stringify(call.notModeled)), /not clear/);
  });
  it('an alpha that mixes a loss with another term, in a class named only "criterion", is no alpha-balanced CE', () => {
    // pytorch/ignite examples/notebooks/Cifar10_Ax_hyperparam_tuning.ipynb (de08e79): label smoothing written as
    // `(1.0 - self.alpha) * loss + self.alpha * klloss`, and a `get_criterion(alpha)` factory that ignores alpha.
    const source = [
      'import torch',
      'import torch.nn as nn',
      '',
      'class CriterionWithLabelSmoothing(nn.Module):',
      '    def __init__(self, criterion, alpha=0.2):',
      '        super().__init__()',
      '        self.criterion = criterion',
      '        self.alpha = alpha',
      '',
      '    def forward(self, logits, targets):',
      '        loss = self.criterion(logits, targets)',
      '        log_probs = torch.log_softmax(logits, dim=1)',
      '        klloss = -log_probs.mean(dim=1)',
      '        out = (1.0 - self.alpha) * loss + self.alpha * klloss',
      '        return out.mean(dim=0)',
      '',
      'def get_criterion(alpha):',
      '    return CriterionWithLabelSmoothing(nn.CrossEntropyLoss(reduction="none"), alpha=0.2)',
      '',
      'criterion = get_criterion(0.1)',
      '',
    ].join('\n');
    const apis = findLossCalls(source, 'python').map((c) => c.api);
    assert.deepEqual(apis.filter((api) => api.startsWith('user:')), []);
    assert.ok(apis.includes('torch.nn.CrossEntropyLoss'));
    // jindongwang/transferlearning code/ASR/CMatch/e2e_asr_udatransformer.py (f951df1): a method
    // `adversarial_loss(self, src, tgt, alpha=1.0)` whose alpha is the gradient reversal's coefficient.
    const reversal = [
      'import torch',
      '',
      'class Model(torch.nn.Module):',
      '    def adversarial_loss(self, src, tgt, alpha=1.0):',
      '        loss_fn = torch.nn.BCELoss()',
      '        src = ReverseLayerF.apply(src, alpha)',
      '        pred = self.domain_classifier(src)',
      '        return loss_fn(pred, torch.ones_like(pred))',
      '',
      '    def forward(self, a, b):',
      '        return self.adversarial_loss(a, b)',
      '',
    ].join('\n');
    assert.deepEqual(findLossCalls(reversal, 'python').map((c) => c.api).filter((api) => api.startsWith('user:')), []);
    // The same body with alpha_t (alpha for the positives, 1 - alpha for the negatives) is one.
    const balanced = source.replace('out = (1.0 - self.alpha) * loss + self.alpha * klloss', 'out = (self.alpha * targets + (1 - self.alpha) * (1 - targets)) * loss');
    assert.ok(findLossCalls(balanced, 'python').some((c) => c.api === 'user:CriterionWithLabelSmoothing'));
  });
  it('a placeholder parameter `_` is not shown among the values', () => {
    // google/automl efficientdet/det_model_fn_test.py (6a54c87): `def legacy_focal_loss(logits, targets, alpha, gamma,
    // normalizer, _=0)`, whose hover listed "_ 0".
    const call = findLossCalls(['import tensorflow as tf', 'def legacy_focal_loss(logits, targets, alpha, gamma, normalizer, _=0):', '    ce = tf.nn.sigmoid_cross_entropy_with_logits(labels=targets, logits=logits)', '    return tf.reduce_sum(alpha * tf.pow(1 - tf.exp(-ce), gamma) * ce) / normalizer', 'l = legacy_focal_loss(x, y, 0.25, 2.0, n)', ''].join('\n'), 'python').find((c) => c.api === 'user:legacy_focal_loss')!;
    assert.deepEqual([call.alpha.value, call.gamma.value], [0.25, 2]);
    assert.ok(!call.extra.some((e) => e.name === '_'));
  });
  it("a focal factor raised from log-probabilities is not the paper's: no formula, no values, no gamma notes", () => {
    // HeyLynne/FocalLoss_for_multiclass loss_helper.py (f5c404f), its issue #3: `log_p = F.log_softmax(logits)`,
    // `pt = label_onehot * log_p`, `sub_pt = 1 - pt`, `fl = -alpha * (sub_pt)**gamma * log_p`.
    const head = ['import torch', 'import torch.nn.functional as F', 'from torch import nn', 'class FocalLoss(nn.Module):', '    def __init__(self, gamma=2, alpha=1):', '        super().__init__()', '        self.gamma = gamma', '        self.alpha = alpha', '    def forward(self, logits, labels):', '        label_onehot = torch.zeros_like(logits).scatter_(1, labels.unsqueeze(1), 1)'];
    const tail = ['fl = FocalLoss(gamma=0, alpha=1)', 'l = fl(x, y)', ''];
    const focal = (body: string[]) => findLossCalls([...head, ...body, ...tail].join('\n'), 'python').find((c) => c.api === 'user:FocalLoss')!;
    const fromLog = focal(['        log_p = F.log_softmax(logits, dim=1)', '        pt = label_onehot * log_p', '        sub_pt = 1 - pt', '        fl = -self.alpha * (sub_pt)**self.gamma * log_p', '        return fl.mean()']);
    assert.match(String(fromLog.notModeled), /pt is made from log-probabilities \(line 12\)/);
    assert.deepEqual(fromLog.caveats.filter((c) => /gamma=0/.test(c)), []);
    // Look-alikes that are the paper's factor stay modelled: pt from exp of the log (clcarwin/focal_loss_pytorch),
    // from exp(-CE), or from a sigmoid.
    const right = [
      ['        logpt = F.log_softmax(logits, dim=1)', '        logpt = logpt.gather(1, labels.view(-1, 1)).view(-1)', '        pt = logpt.exp()', '        return (-1 * (1 - pt) ** self.gamma * logpt).mean()'],
      ['        ce = F.cross_entropy(logits, labels, reduction="none")', '        pt = torch.exp(-ce)', '        return (self.alpha * (1 - pt) ** self.gamma * ce).mean()'],
      ['        p = torch.sigmoid(logits)', '        p_t = p * label_onehot + (1 - p) * (1 - label_onehot)', '        ce = F.binary_cross_entropy_with_logits(logits, label_onehot, reduction="none")', '        return (ce * (1 - p_t) ** self.gamma).mean()'],
    ];
    for (const body of right) assert.ok(!/log-probabilities/.test(String(focal(body).notModeled)), body.join('\n'));
  });
});
