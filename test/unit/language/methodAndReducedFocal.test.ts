import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { lossCallAt } from '../../../src/language/recognition';

/*
 * Users' own focal losses the hover read wrongly or not at all (issue 24), in short patterns of our own:
 *
 * Written as a method and called through self:
 *   PaddlePaddle/PaddleDetection ppdet/modeling/heads/ppyoloe_head.py, ppyoloe_r_head.py, ppyoloe_ins_head.py
 *     and tood_head.py @666f597 (`@staticmethod def _focal_loss(score, label, alpha=0.25, gamma=2.0)`,
 *     `loss_cls = self._focal_loss(pred_scores, assigned_scores, alpha_l)`; beside it `_varifocal_loss`,
 *     which is not the paper's loss and stays silent), PaddlePaddle/PaddleYOLO the same head @2d68b66;
 *     and DETR-style criteria's `def sigmoid_focal_loss(self, inputs, targets, num_boxes, alpha: float = 0.25,
 *     gamma: float = 2)` called as `self.sigmoid_focal_loss(...)` (ten such methods found by an exact search
 *     of public code; the search does not name their repositories).
 *
 * A focal class whose body reduces the CE before the focal factor (the hover showed the paper's
 * per-sample formula and table for it):
 *   JuliaKudryavtseva/dl2023_project utils/loss.py @1e49753 (`bce_loss = F.cross_entropy(inputs, targets)`,
 *     `self.alpha * (1 - torch.exp(-bce_loss)) ** self.gamma * bce_loss`),
 *   Deusy94/Shrec2021 utils/focal_loss.py @84403a9 (`nn.CrossEntropyLoss()(inputs, targets)` then exp(-BCE_loss)),
 *   dtminnick/sweep-framework model/focal_loss.py (`nn.CrossEntropyLoss(weight=self.weight)(input, target)`),
 *   momonong/deep-learning losses.py (`self.ce = nn.CrossEntropyLoss(weight=alpha)` in __init__, `self.ce(inputs, targets)`),
 *   Seeooo-0/Car_blackbox_Collision_ FocalLoss.py @65188e1 and gokulprasadthekkel/pytorch-multi-class-focal-loss
 *     focal_loss.py @22a5989 (`F.cross_entropy(..., reduction=self.reduction)` with 'mean' the default: not settled here);
 *   per-sample look-alikes that keep their formula: kavinrog/scFoundationT2D model/loss.py
 *     (`reduction='none'`, then `(self.alpha * (1 - pt) ** self.gamma * ce).mean()`: alpha a plain scale).
 */

function at(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

describe("language: a user's focal loss written as a method", () => {
  const HEAD = [
    'import torch',
    'import torch.nn.functional as F',
    'class Head(nn.Module):',
    '    def sigmoid_focal_loss(self, inputs, targets, num_boxes, alpha=0.25, gamma=2):',
    '        prob = inputs.sigmoid()',
    '        ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")',
    '        p_t = prob * targets + (1 - prob) * (1 - targets)',
    '        loss = ce_loss * ((1 - p_t) ** gamma)',
    '        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)',
    '        loss = alpha_t * loss',
    '        return loss.mean(1).sum() / num_boxes',
    '    def loss_labels(self, outputs, targets, num_boxes):',
    '        return self.sigmoid_focal_loss(outputs, targets, num_boxes, alpha=0.5, gamma=1.5)',
  ].join('\n');

  it('self.sigmoid_focal_loss(..., alpha=0.5, gamma=1.5): the method, its arguments mapped after self, alpha_t from its body', () => {
    const call = at(HEAD, 'sigmoid_focal_loss(outputs');
    assert.equal(call?.api, 'user:sigmoid_focal_loss');
    assert.equal(call?.alpha.value, 0.5);
    assert.equal(call?.gamma.value, 1.5);
    assert.equal(call?.inputs.value, 'logits');
    assert.equal(call?.notModeled, undefined);
    assert.ok(call?.notes?.some((c) => c.includes('alpha_t')), call?.notes?.join('\n'));
  });

  it('a @staticmethod called through self, its defaults from the definition; a varifocal method beside it stays silent', () => {
    const src = [
      'import paddle.nn.functional as F',
      'class PPYOLOEHead(nn.Layer):',
      '    @staticmethod',
      '    def _focal_loss(score, label, alpha=0.25, gamma=2.0):',
      '        weight = (score - label).pow(gamma)',
      '        if alpha > 0:',
      '            alpha_t = alpha * label + (1 - alpha) * (1 - label)',
      '            weight *= alpha_t',
      "        return F.binary_cross_entropy(score, label, weight=weight, reduction='sum')",
      '    @staticmethod',
      '    def _varifocal_loss(pred_score, gt_score, label, alpha=0.75, gamma=2.0):',
      '        weight = alpha * pred_score.pow(gamma) * (1 - label) + gt_score * label',
      "        return F.binary_cross_entropy(pred_score, gt_score, weight=weight, reduction='sum')",
      '    def get_loss(self, pred_scores, assigned_scores, one_hot):',
      '        a = self._focal_loss(pred_scores, assigned_scores)',
      '        b = self._varifocal_loss(pred_scores, assigned_scores, one_hot)',
    ].join('\n');
    const call = at(src, '_focal_loss(pred');
    assert.equal(call?.api, 'user:_focal_loss');
    assert.equal(call?.alpha.value, 0.25);
    assert.deepEqual(call?.alpha.origin, { kind: 'resolved', line: 3 });
    assert.equal(call?.gamma.value, 2);
    assert.equal(call?.inputs.value, 'probabilities');
    assert.equal(at(src, '_varifocal_loss(pred'), undefined);
  });

  it('silent look-alikes: a method without alpha / gamma, one an attribute replaces, a method of another class, a non-loss name', () => {
    const src = [
      'class A:',
      '    def __init__(self):',
      '        self.focal_loss = build()',
      '    def focal_loss(self, x, y, gamma=2):',
      '        return -((1 - x) ** gamma) * torch.log(x)',
      '    def plain_focal(self, x, y):',
      '        return x',
      '    def ema_update(self, x, alpha=0.99):',
      '        return torch.log(x) * alpha',
      '    def step(self, x, y):',
      '        a = self.focal_loss(x, y, gamma=3)',
      '        b = self.plain_focal(x, y)',
      '        c = self.ema_update(x, alpha=0.9)',
      'class B:',
      '    def step(self, x, y):',
      '        d = self.other_focal(x, y, gamma=2)',
      'class C:',
      '    def other_focal(self, x, y, gamma=2):',
      '        return -((1 - x) ** gamma) * torch.log(x)',
    ].join('\n');
    for (const needle of ['focal_loss(x, y, gamma=3', 'plain_focal(x', 'ema_update(x, alpha', 'other_focal(x']) assert.equal(at(src, needle), undefined, needle);
  });
});

describe("language: a user's focal class that reduces the CE before the focal factor", () => {
  const CLASS = (forward: string[], init = ['self.alpha = alpha', 'self.gamma = gamma']) =>
    [
      'import torch',
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'class FocalLoss(nn.Module):',
      '    def __init__(self, alpha=1.0, gamma=2.0):',
      '        super().__init__()',
      ...init.map((line) => `        ${line}`),
      '    def forward(self, inputs, targets):',
      ...forward.map((line) => `        ${line}`),
      'loss = FocalLoss(alpha=0.5, gamma=2)(logits, y)',
    ].join('\n');

  it('F.cross_entropy with its default mean, then exp(-ce): no formula table, the hover says what it computes', () => {
    const src = CLASS(['bce_loss = F.cross_entropy(inputs, targets)', 'return self.alpha * (1 - torch.exp(-bce_loss)) ** self.gamma * bce_loss']);
    const call = at(src, 'FocalLoss(alpha');
    assert.equal(call?.api, 'user:FocalLoss');
    assert.match(call?.notModeled ?? '', /FocalLoss takes its focal factor from the batch's mean cross-entropy \(F\.cross_entropy, reduction='mean', line 10\)/);
    // The lint reports the same pattern where it is written.
    assert.ok(lintPython(src).some((f) => f.rule === 'focal-on-reduced-loss'));
  });

  it('logpt = -F.cross_entropy(...) then exp(logpt), the common hand-written form: no table either; per sample it keeps one', () => {
    // c0nn3r/RetinaNet focal_loss.py (issue #8), andrijdavid/FocalLoss, jfzhang95/pytorch-deeplab-xception utils/loss.py (#133).
    const src = CLASS(['logpt = -F.cross_entropy(inputs, targets)', 'pt = torch.exp(logpt)', 'return -((1 - pt) ** self.gamma) * logpt']);
    assert.match(at(src, 'FocalLoss(alpha')?.notModeled ?? '', /FocalLoss takes its focal factor from the batch's mean cross-entropy \(F\.cross_entropy, reduction='mean', line 10\)/);
    assert.ok(lintPython(src).some((f) => f.rule === 'focal-on-reduced-loss'));
    const perSample = CLASS(["logpt = -F.cross_entropy(inputs, targets, reduction='none')", 'pt = torch.exp(logpt)', 'return (-((1 - pt) ** self.gamma) * logpt).mean()']);
    assert.doesNotMatch(at(perSample, 'FocalLoss(alpha')?.notModeled ?? '', /batch's mean/);
    assert.ok(!lintPython(perSample).some((f) => f.rule === 'focal-on-reduced-loss'));
  });

  it("a class built and called in place, self.ce bound to a construction, reduction='sum' written", () => {
    const inPlace = CLASS(['ce_loss = nn.CrossEntropyLoss(weight=self.w)(inputs, targets)', 'pt = torch.exp(-ce_loss)', 'return ((1 - pt) ** self.gamma * ce_loss).mean()']);
    assert.match(at(inPlace, 'FocalLoss(alpha')?.notModeled ?? '', /nn\.CrossEntropyLoss, reduction='mean'/);
    const attribute = CLASS(['ce_loss = self.ce(inputs, targets)', 'pt = torch.exp(-ce_loss)', 'return ((1 - pt) ** self.gamma * ce_loss).mean()'], ['self.gamma = gamma', 'self.ce = nn.CrossEntropyLoss(weight=alpha)']);
    assert.match(at(attribute, 'FocalLoss(alpha')?.notModeled ?? '', /nn\.CrossEntropyLoss, reduction='mean'/);
    const sum = CLASS(["bce = F.binary_cross_entropy_with_logits(inputs, targets, reduction='sum')", 'return (1 - torch.exp(-bce)) ** self.gamma * bce']);
    assert.match(at(sum, 'FocalLoss(alpha')?.notModeled ?? '', /batch's sum cross-entropy/);
  });

  it('a reduction the file does not settle (reduction=self.reduction): no table, and the hover says why', () => {
    const src = CLASS(['ce_loss = F.cross_entropy(inputs, targets, reduction=self.reduction)', 'pt = torch.exp(-ce_loss)', 'return ((1 - pt) ** self.gamma * ce_loss).mean()']);
    assert.match(at(src, 'FocalLoss(alpha')?.notModeled ?? '', /whose reduction this file does not settle/);
  });

  it("per-sample bodies keep the formula: reduction='none', exp(-ce) of another name, the name bound again before exp", () => {
    const none = CLASS(["ce = F.cross_entropy(inputs, targets, reduction='none')", 'pt = torch.exp(-ce)', 'return (self.alpha * (1 - pt) ** self.gamma * ce).mean()']);
    const noneCall = at(none, 'FocalLoss(alpha');
    assert.equal(noneCall?.notModeled, undefined);
    assert.equal(noneCall?.alphaWeighting, 'every');
    const other = CLASS(['mean_ce = F.cross_entropy(inputs, targets)', "ce = F.cross_entropy(inputs, targets, reduction='none')", 'pt = torch.exp(-ce)', 'return (self.alpha * (1 - pt) ** self.gamma * ce).mean() + 0 * mean_ce']);
    assert.equal(at(other, 'FocalLoss(alpha')?.notModeled, undefined);
    const rebound = CLASS(['ce = F.cross_entropy(inputs, targets)', "ce = F.cross_entropy(inputs, targets, reduction='none')", 'pt = torch.exp(-ce)', 'return (self.alpha * (1 - pt) ** self.gamma * ce).mean()']);
    assert.equal(at(rebound, 'FocalLoss(alpha')?.notModeled, undefined);
  });
});
