import * as assert from 'node:assert/strict';
import { lossCallAt } from '../../../src/language/recognition';
import { KAGOZI_FOCAL_LOSS } from '../../fixtures/classWeightFocalLosses';

/*
 * A user's focal loss that passes its own class weights on to the cross-entropy inside it: every
 * element is then weighted by its class (and exp(-CE) of the weighted CE is not p_t), which the paper's
 * formula and the hover's table leave out. Found by qa8 in a real VS Code on
 * aman181003/Diabetic_Retinopathy_Detection_CNN src/training/train.py @cf5ab8a, whose docstring recommends
 * `--use_focal --use_class_weights`: the hover showed FL = -(1 - p_t)^2 log(p_t) and its table for
 * `FocalLoss(gamma=2.0, weight=class_weights)` without a word about the weights.
 * Look-alikes that keep the formula: the same class built without weights or with weight=None, and
 * kagozi/gastrointestinal-challenge focal_loss.py @9b46200, whose `weight=self.alpha` is alpha's to read
 * (built with alpha=None there).
 */

const AMAN = [
  'import torch',
  'from torch import nn',
  'class FocalLoss(nn.Module):',
  "    def __init__(self, gamma=2.0, weight=None, reduction='mean'):",
  '        super().__init__()',
  '        self.gamma = gamma',
  '        self.weight = weight',
  '        self.reduction = reduction',
  '',
  '    def forward(self, inputs, targets):',
  "        ce = nn.functional.cross_entropy(inputs, targets, weight=self.weight, reduction='none')",
  '        pt = torch.exp(-ce)',
  '        loss = ((1 - pt) ** self.gamma) * ce',
  "        if self.reduction == 'mean':",
  '            return loss.mean()',
  "        elif self.reduction == 'sum':",
  '            return loss.sum()',
  '        return loss',
  '',
].join('\n');

function callOf(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const call = lossCallAt(src, offset + 1, 'python');
  assert.ok(call, `no call at ${needle}`);
  return call;
}

describe("language: a user's focal loss that passes class weights to its cross-entropy", () => {
  it('built with class weights (aman181003 train.py): no formula and no table, and the hover says why', () => {
    const src = `${AMAN}\ncriterion = FocalLoss(gamma=2.0, weight=class_weights)\n`;
    const call = callOf(src, 'FocalLoss(gamma=2.0, weight');
    assert.equal(call.api, 'user:FocalLoss');
    assert.match(call.notModeled ?? '', /passes class_weights to its cross-entropy as class weights \(weight=, line 11\)/);
  });

  it('a function passing its weight parameter on, called with a tensor of numbers: the same', () => {
    const src = [
      'import torch',
      'import torch.nn.functional as F',
      'def focal_loss(logits, targets, gamma=2.0, weight=None):',
      "    ce = F.cross_entropy(logits, targets, weight=weight, reduction='none')",
      '    return ((1 - torch.exp(-ce)) ** gamma * ce).mean()',
      'loss = focal_loss(out, y, weight=torch.tensor([1.0, 3.0]))',
      '',
    ].join('\n');
    assert.match(callOf(src, 'focal_loss(out').notModeled ?? '', /as class weights \(weight=, line 4\)/);
  });

  it("a BCE's weight= is per element, not per class: not said to be class weights", () => {
    const src = [
      'import torch',
      'import torch.nn.functional as F',
      'def focal_loss(logits, targets, alpha=0.25, gamma=2.0, weight=None):',
      "    ce = F.binary_cross_entropy_with_logits(logits, targets, weight=weight, reduction='none')",
      '    p_t = torch.exp(-ce)',
      '    return (alpha * (1 - p_t) ** gamma * ce).mean()',
      'loss = focal_loss(out, y, weight=mask)',
      '',
    ].join('\n');
    assert.doesNotMatch(callOf(src, 'focal_loss(out').notModeled ?? '', /class weights/);
  });

  it('the same class without weights, or with weight=None written, keeps the formula', () => {
    for (const construction of ['FocalLoss(gamma=2.0)', 'FocalLoss(gamma=2.0, weight=None)']) {
      const call = callOf(`${AMAN}\ncriterion = ${construction}\n`, construction);
      assert.equal(call.notModeled, undefined, construction);
      assert.equal(call.kind, 'focal');
      assert.equal(call.gamma.value, 2);
    }
  });

  it("weight=self.alpha (kagozi focal_loss.py) is alpha's: built with alpha=None it keeps the formula", () => {
    const src = `${KAGOZI_FOCAL_LOSS}criterion = FocalLoss(alpha=None, gamma=2)\n`;
    assert.equal(callOf(src, 'FocalLoss(alpha=None').notModeled, undefined);
  });
});
