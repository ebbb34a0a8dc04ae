// focal-alpha-unbalanced (issue 23, recall5; corpus in test/fixtures/lintUnbalancedFocalCases.ts): the
// message says what alpha does there, the related location is alpha's default, and the fix (alpha_t)
// is offered only where it means what the paper's alpha means.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix as apply } from './applyEdits';
import { py } from '../../fixtures/pySource';

const rule = (code: string) => lintPython(code).filter((f) => f.rule === 'focal-alpha-unbalanced');

const kaggle = (alpha: string) => py`
  import torch
  import torch.nn as nn
  import torch.nn.functional as F

  class FocalLoss(nn.Module):
      def __init__(self, alpha=${alpha}, gamma=2):
          super().__init__()
          self.alpha = alpha
          self.gamma = gamma

      def forward(self, inputs, targets):
          BCE_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction='none')
          pt = torch.exp(-BCE_loss)
          F_loss = self.alpha * (1 - pt) ** self.gamma * BCE_loss
          return torch.mean(F_loss)
`;

describe('focal-alpha-unbalanced', () => {
  it('the pt = exp(-BCE) class: the message, the related default, and the alpha_t fix, after which the rule is silent', () => {
    const code = kaggle('0.25');
    const [f, ...rest] = rule(code);
    assert.deepEqual(rest, []);
    assert.equal(code.slice(f!.start, f!.end), 'self.alpha');
    assert.match(f!.message, /^self\.alpha multiplies every element of this binary focal loss, positives and negatives alike: with alpha = 0\.25 it only scales the loss by 0\.25/);
    assert.equal(code.slice(f!.related!.start, f!.related!.end), '0.25');
    assert.deepEqual(f!.fixes.map((x) => [x.title, x.safety, x.preferred]), [['Weigh by alpha_t: (self.alpha * targets + (1 - self.alpha) * (1 - targets))', 'safe', true]]);
    const fixed = apply(code, f!.fixes[0]!);
    assert.match(fixed, /F_loss = \(self\.alpha \* targets \+ \(1 - self\.alpha\) \* \(1 - targets\)\) \* \(1 - pt\) \*\* self\.gamma \* BCE_loss/);
    assert.deepEqual(lintPython(fixed), []);
  });

  it('alpha through a name (self.alpha = balance_param, then self.alpha * focal_loss): alpha_t fix on a per-element BCE, none on a batch-mean one', () => {
    // samuelschen/DSB2018 loss.py at 37bf9a6: the BCE there is the batch mean (focal-on-reduced-loss), so alpha_t,
    // one value per element, would turn the returned number into a tensor.
    const code = (reduction: string) => py`
      import torch
      import torch.nn as nn
      from torch.nn.functional import binary_cross_entropy

      class FocalLoss(nn.Module):
          def __init__(self, focusing_param=2, balance_param=0.25):
              super().__init__()
              self.gamma = focusing_param
              self.alpha = balance_param

          def forward(self, inputs, targets):
              logpt = -binary_cross_entropy(inputs, targets${reduction})
              pt = torch.exp(logpt)
              focal_loss = -((1 - pt) ** self.gamma) * logpt
              balanced_focal_loss = self.alpha * focal_loss
              return balanced_focal_loss.mean()
    `;
    const perElement = code(", reduction='none'");
    const [f, ...rest] = rule(perElement);
    assert.deepEqual(rest, []);
    assert.equal(perElement.slice(f!.start, f!.end), 'self.alpha');
    assert.equal(perElement.slice(f!.related!.start, f!.related!.end), '0.25');
    assert.deepEqual(f!.fixes.map((x) => [x.title, x.safety]), [['Weigh by alpha_t: (self.alpha * targets + (1 - self.alpha) * (1 - targets))', 'safe']]);
    const fixed = apply(perElement, f!.fixes[0]!);
    assert.match(fixed, /balanced_focal_loss = \(self\.alpha \* targets \+ \(1 - self\.alpha\) \* \(1 - targets\)\) \* focal_loss/);
    assert.deepEqual(lintPython(fixed), []);
    const batchMean = code('');
    assert.deepEqual(lintPython(batchMean).map((x) => x.rule), ['focal-on-reduced-loss', 'focal-alpha-unbalanced']);
    assert.deepEqual(rule(batchMean)[0]!.fixes, []);
    // After focal-on-reduced-loss's fix (reduction='none', the mean taken of the focal term), focal_loss is still
    // one number for the batch: still no alpha_t fix.
    const reducedFirst = perElement.replace('focal_loss = -((1 - pt) ** self.gamma) * logpt', 'focal_loss = (-((1 - pt) ** self.gamma) * logpt).mean()');
    assert.notEqual(reducedFirst, perElement);
    assert.deepEqual(rule(reducedFirst).map((x) => x.fixes), [[]]);
    const summed = perElement.replace('balanced_focal_loss = self.alpha * focal_loss', 'balanced_focal_loss = self.alpha * (-((1 - pt) ** self.gamma) * logpt).sum()');
    assert.notEqual(summed, perElement);
    assert.deepEqual(rule(summed).map((x) => x.fixes), [[]]);
  });

  it('alpha outside (0, 1) is found without a fix (alpha_t would weigh the negatives by a negative number)', () => {
    const f = rule(kaggle('2'));
    assert.equal(f.length, 1);
    assert.deepEqual(f[0]!.fixes, []);
    assert.match(f[0]!.message, /with alpha = 2 it only scales the loss by 2/);
  });

  it('silent for alpha 1, 0.5, None or a list default, and for alpha given no default', () => {
    for (const alpha of ['1', '1.0', '0.5', 'None', '[0.25, 0.75]']) assert.deepEqual(rule(kaggle(alpha)), [], alpha);
    assert.deepEqual(rule(kaggle('0.25').replace('alpha=0.25, ', 'alpha, ')), []);
  });

  it('the Keras where() form: the target is where()\'s y, and the fixed function is silent', () => {
    const code = py`
      import tensorflow as tf
      from keras import backend as K

      def binary_focal_loss(gamma=2., alpha=.25):
          def focal_loss_fixed(y_true, y_pred):
              pt = tf.where(tf.equal(y_true, 1), y_pred, 1 - y_pred)
              return -K.mean(alpha * K.pow(1. - pt, gamma) * K.log(pt))
          return focal_loss_fixed
    `;
    const [f] = rule(code);
    assert.equal(f!.fixes[0]!.title, 'Weigh by alpha_t: (alpha * y_true + (1 - alpha) * (1 - y_true))');
    assert.deepEqual(rule(apply(code, f!.fixes[0]!)), []);
  });

  it('no fix when the body names two different targets', () => {
    const code = kaggle('0.25').replace("BCE_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction='none')", "BCE_loss = F.binary_cross_entropy_with_logits(inputs, labels, reduction='none')\n        mask = torch.where(targets == 1, inputs, 1 - inputs)");
    const f = rule(code);
    assert.equal(f.length, 1);
    assert.deepEqual(f[0]!.fixes, []);
  });

  it('a suppression comment on the line silences it', () => {
    const code = kaggle('0.25').replace('* BCE_loss\n', '* BCE_loss  # loss-lens: ignore[focal-alpha-unbalanced]\n');
    assert.deepEqual(lintPython(code), []);
  });
});
