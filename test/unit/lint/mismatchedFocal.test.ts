// focal-factor-mismatched (issue 23, third pass; corpus in test/fixtures/lintMismatchedFocalCases.ts):
// the fixes give each term its own factor, and the fixed code is silent.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix as apply } from './applyEdits';
import { py } from '../../fixtures/pySource';

const rule = (code: string) => lintPython(code).filter((f) => f.rule === 'focal-factor-mismatched');

describe('focal-factor-mismatched', () => {
  it('torch.pow(1 - P, gamma) on the negatives: the fix is torch.pow(P, gamma), and the fixed loss is silent', () => {
    const code = py`
      import torch

      def sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2.0):
          P = torch.sigmoid(logits)
          pos = -alpha * torch.pow(1 - P, gamma) * torch.log(P) * targets
          neg = -(1 - alpha) * torch.pow(1 - P, gamma) * torch.log(1 - P) * (1 - targets)
          return (pos + neg).mean()
    `;
    const [f, ...rest] = rule(code);
    assert.deepEqual(rest, []);
    assert.match(f!.message, /^torch\.pow\(1 - P, gamma\) weights the negatives' term \(torch\.log\(1 - P\)\) by \(1 - P\)\^gamma: their focal factor is P\^gamma/);
    assert.equal(code.slice(f!.related!.start, f!.related!.end), 'torch.log(1 - P)');
    assert.deepEqual(f!.fixes.map((x) => [x.title, x.safety, x.preferred]), [['Use torch.pow(P, gamma)', 'safe', true]]);
    const fixed = apply(code, f!.fixes[0]!);
    assert.match(fixed, /neg = -\(1 - alpha\) \* torch\.pow\(P, gamma\) \* torch\.log\(1 - P\)/);
    assert.deepEqual(rule(fixed), []);
  });

  it('through a name holding both BCE terms (athcb/ISIC focal_loss.py at b1c43ca): the fix writes (1 - p_t)^gamma, and the fixed loss is silent', () => {
    const code = py`
      import tensorflow as tf

      def focal_loss(alpha=0.25, gamma=2.0):
          def focal_loss_fixed(y_true, y_pred):
              cross_entropy = -y_true * tf.math.log(y_pred) - (1 - y_true) * tf.math.log(1 - y_pred)
              loss = alpha * tf.pow(1 - y_pred, gamma) * cross_entropy
              return tf.reduce_mean(loss)
          return focal_loss_fixed
    `;
    const [f, ...rest] = rule(code);
    assert.deepEqual(rest, []);
    assert.match(f!.message, /^tf\.pow\(1 - y_pred, gamma\) multiplies cross_entropy, which holds both classes' terms \(-y_true \* tf\.math\.log\(y_pred\) - \(1 - y_true\) \* tf\.math\.log\(1 - y_pred\)\): the negatives' term log\(1 - y_pred\) is weighted by \(1 - y_pred\)\^gamma too/);
    assert.equal(code.slice(f!.related!.start, f!.related!.end), '-y_true * tf.math.log(y_pred) - (1 - y_true) * tf.math.log(1 - y_pred)');
    assert.deepEqual(f!.fixes.map((x) => [x.title, x.safety, x.preferred]), [['Use tf.pow(1 - (y_true * y_pred + (1 - y_true) * (1 - y_pred)), gamma)', 'safe', true]]);
    const fixed = apply(code, f!.fixes[0]!);
    assert.match(fixed, /loss = alpha \* tf\.pow\(1 - \(y_true \* y_pred \+ \(1 - y_true\) \* \(1 - y_pred\)\), gamma\) \* cross_entropy/);
    assert.deepEqual(lintPython(fixed), []);
  });

  it('through a name, p ** gamma on both terms: the fix parenthesises (1 - p_t) before the power', () => {
    const code = py`
      from keras import backend as K

      def binary_focal(y_true, y_pred, gamma=2.0):
          bce = -(y_true * K.log(y_pred + K.epsilon()) + (1 - y_true) * K.log(1 - y_pred + K.epsilon()))
          return K.mean(y_pred ** gamma * bce)
    `;
    const [f] = rule(code);
    assert.match(f!.message, /the positives' term log\(y_pred\) is weighted by y_pred\^gamma too/);
    const fixed = apply(code, f!.fixes[0]!);
    assert.match(fixed, /K\.mean\(\(1 - \(y_true \* y_pred \+ \(1 - y_true\) \* \(1 - y_pred\)\)\) \*\* gamma \* bce\)/);
    assert.deepEqual(lintPython(fixed), []);
  });

  it('swapped ** factors: each term gets its own, (1 - pt) ** g for log(pt) and pt ** g for log(1 - pt)', () => {
    const code = py`
      import torch

      class FocalLoss(torch.nn.Module):
          def forward(self, pt, y):
              return (-pt ** self.gamma * y * torch.log(pt) - (1 - pt) ** self.gamma * (1 - y) * torch.log(1 - pt)).mean()
    `;
    const found = rule(code);
    assert.deepEqual(found.map((f) => code.slice(f.start, f.end)), ['pt ** self.gamma', '(1 - pt) ** self.gamma']);
    let fixed = code;
    for (const f of [...found].reverse()) fixed = apply(fixed, f.fixes[0]!);
    assert.match(fixed, /-\(1 - pt\) \*\* self\.gamma \* y \* torch\.log\(pt\) - pt \*\* self\.gamma \* \(1 - y\) \* torch\.log\(1 - pt\)/);
    assert.deepEqual(rule(fixed), []);
  });

  it('silent: the factor in another term or statement, a different p, outside a function named focal', () => {
    const silent = py`
      import torch

      def focal(p, q, y, gamma):
          w = (1 - p) ** gamma
          a = w * torch.log(1 - p)
          b = (1 - q) ** gamma * torch.log(1 - p)
          c = (1 - p) ** gamma + torch.log(1 - p)
          return a + b + c

      def weighted(p, y):
          return ((1 - p) ** 2 * torch.log(1 - p)).mean()
    `;
    assert.deepEqual(rule(silent), []);
  });
});
