// Fixes for an activation whose output other code reads too (issue 23: "never a fix that changes what
// other code sees without saying so"; the brief of fixes5: keep the activation for those readers and
// change the loss, else offer nothing). The snippets are our own, in the shape of the public code each
// names; the fixed code is run with PyTorch where python3 + torch are installed.
import * as assert from 'node:assert/strict';
import { lintPython, type LintFinding } from '../../../src/language/lint';
import { applyFix } from './applyEdits';
import { py } from '../../fixtures/pySource';
import { pythonWithTorch, runTorch } from './torchPython';

const only = (code: string, rule: string): LintFinding => {
  const found = lintPython(code).filter((f) => f.rule === rule);
  assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
  return found[0]!;
};
const summary = (f: LintFinding) => f.fixes.map((x) => [x.title, x.safety, x.preferred]);

// ariecattan/SciCo models/muticlass.py @ 94d6d0e, validation_step: the softmax rebinds y_hat, the loss
// reads it on the next line, the metrics and the returned preds after (fixed in fcd3cee by computing the
// loss first). Written as a plain function so Python can run it.
const VALIDATION = py`
  import torch
  import torch.nn.functional as F

  def validation_step(y_hat, y, weight=None):
      y_hat = torch.softmax(y_hat, dim=1)
      loss = F.cross_entropy(y_hat, y, weight=weight)
      correct = (y_hat.argmax(dim=1) == y).sum()
      return {'loss': loss, 'preds': y_hat, 'correct': correct}
`;

describe('loss lint: fixes when other code reads the activation too', () => {
  it('the loss line right after the rebinding: computed first (safe, preferred), the later readers keep the probabilities', () => {
    const f = only(VALIDATION, 'double-softmax');
    assert.deepEqual(summary(f), [
      ['Compute the loss before `y_hat = torch.softmax(y_hat, dim=1)` (the loss gets the logits; the code after it still gets the probabilities)', 'safe', true],
      ['Remove the line `y_hat = torch.softmax(y_hat, dim=1)` (what else reads `y_hat` gets logits too)', 'unsafe', false],
    ]);
    const fixed = applyFix(VALIDATION, f.fixes[0]!);
    assert.equal(fixed, VALIDATION.replace('    y_hat = torch.softmax(y_hat, dim=1)\n    loss = F.cross_entropy(y_hat, y, weight=weight)\n', '    loss = F.cross_entropy(y_hat, y, weight=weight)\n    y_hat = torch.softmax(y_hat, dim=1)\n'));
    assert.deepEqual(lintPython(fixed), []);
  });

  it('blank lines between stay between; a comment above the loss moves with it', () => {
    // AICPS/hw2vec hw2vec/graph2vec/trainers.py @ 545dd59, inference_epoch_tj: log_softmax rebinds output, a blank line, the loss, output returned.
    const code = py`
      import torch.nn.functional as F

      def inference(model, data, loss_func):
          output = model(data)
          output = F.log_softmax(output, dim=1)

          # the loss of this batch
          loss = loss_func(output, data.label)
          return loss, output
    `;
    const f = only(code.replace('loss_func(output', 'F.cross_entropy(output'), 'double-softmax');
    assert.equal(f.fixes[0]!.safety, 'safe');
    const fixed = applyFix(code.replace('loss_func(output', 'F.cross_entropy(output'), f.fixes[0]!);
    assert.match(fixed, /\n\n {4}# the loss of this batch\n {4}loss = F\.cross_entropy\(output, data\.label\)\n {4}output = F\.log_softmax\(output, dim=1\)\n {4}return loss, output\n$/);
    const blank = code.replace('    # the loss of this batch\n', '').replace('loss_func(output', 'F.cross_entropy(output');
    assert.match(applyFix(blank, only(blank, 'double-softmax').fixes[0]!), /\n {4}loss = F\.cross_entropy\(output, data\.label\)\n\n {4}output = F\.log_softmax\(output, dim=1\)\n/);
  });

  it('no reordering when the loss line reads the name outside the loss, returns, binds what the softmax reads, or sits in another block', () => {
    const variants: [string, string][] = [
      ['read outside the loss', '    loss = F.cross_entropy(y_hat, y, weight=weight) + 0.1 * y_hat.max()\n'],
      ['a return', "    return F.cross_entropy(y_hat, y, weight=weight), y_hat\n"],
      ['binds what the softmax reads', '    y_hat, loss = y_hat, F.cross_entropy(y_hat, y, weight=weight)\n'],
      ['another block', '    if weight is None:\n        loss = F.cross_entropy(y_hat, y, weight=weight)\n'],
    ];
    for (const [what, line] of variants) {
      const code = VALIDATION.replace('    loss = F.cross_entropy(y_hat, y, weight=weight)\n', line);
      const f = lintPython(code).find((x) => x.rule === 'double-softmax');
      assert.ok(f, what);
      assert.ok(f.fixes.every((x) => !x.title.startsWith('Compute the loss before')), `${what}: ${JSON.stringify(summary(f))}`);
    }
  });

  it('the softmax in an earlier notebook cell, the loss first in this one: no edit of that cell, the loss given torch.log instead', () => {
    const context = 'import torch\nimport torch.nn.functional as F\ny_hat = model(x)\ny_hat = torch.softmax(y_hat, dim=1)';
    const [f, ...rest] = lintPython('loss = F.cross_entropy(y_hat, y)\nacc = (y_hat.argmax(1) == y).float().mean()\n', { context });
    assert.equal(rest.length, 0);
    assert.deepEqual(f!.fixes.map((x) => [x.safety, x.edits.map((e) => e.newText)]), [['safe', ['torch.log(y_hat)']]]);
  });

  it('a reader between the softmax and the loss: the loss given torch.log of the probabilities (safe), the removal unsafe after it', () => {
    const code = VALIDATION.replace('    loss = F.cross_entropy(y_hat, y, weight=weight)\n    correct = (y_hat.argmax(dim=1) == y).sum()\n', '    correct = (y_hat.argmax(dim=1) == y).sum()\n    loss = F.cross_entropy(y_hat, y, weight=weight)\n');
    const f = only(code, 'double-softmax');
    assert.deepEqual(summary(f), [
      ['Pass `torch.log(y_hat)` to cross_entropy: its log_softmax leaves log-probabilities as they are, so this is the cross-entropy of the logits (the other readers keep the probabilities)', 'safe', true],
      ['Remove the line `y_hat = torch.softmax(y_hat, dim=1)` (what else reads `y_hat` gets logits too)', 'unsafe', false],
    ]);
    assert.match(applyFix(code, f.fixes[0]!), /loss = F\.cross_entropy\(torch\.log\(y_hat\), y, weight=weight\)/);
  });

  it('a model whose softmax output the file reads elsewhere, its criterion called twice: torch.log at the loss, not NLLLoss at the shared construction', () => {
    // The shape of pytorch-lightning classifiers that return probabilities from forward (scico's MulticlassCrossEncoder had
    // one criterion for its steps); the model's output is also the predictions.
    const code = py`
      import torch
      import torch.nn as nn
      import torch.nn.functional as F

      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(16, 4)

          def forward(self, x):
              return F.softmax(self.fc(x), dim=1)

      net = Net()
      criterion = nn.CrossEntropyLoss(label_smoothing=0.1)
      loss = criterion(net(x), y)
      preds = net(x_val).argmax(dim=1)
    `;
    const f = only(code, 'double-softmax');
    assert.deepEqual(summary(f), [
      ['Pass `torch.log(net(x))` to CrossEntropyLoss: its log_softmax leaves log-probabilities as they are, so this is the cross-entropy of the logits (the other readers keep the probabilities)', 'safe', true],
      ['Remove the softmax from `Net.forward` (other code reading its output gets logits too)', 'unsafe', false],
    ]);
  });

  it('no fix when the only one would remove an activation other code reads, and no exact probability form exists (TF sigmoid_cross_entropy_with_logits)', () => {
    // ChengBinJin/V-GAN-tensorflow codes/model.py @ 39d717b: the generator returns tf.nn.sigmoid(output), which is both the
    // segmentation loss's input and the fake half of the discriminator's pair (issue #16).
    const code = py`
      import tensorflow as tf

      class CGAN(object):
          def _build_net(self):
              self.X = tf.placeholder(tf.float32, shape=[None, 64, 64, 3])
              self.Y = tf.placeholder(tf.float32, shape=[None, 64, 64, 1])
              self.g_samples = self.generator(self.X)
              self.fake_pair = tf.concat([self.X, self.g_samples], axis=3)
              self.seg_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=self.g_samples, labels=self.Y))

          def generator(self, data):
              output = tf.layers.conv2d(data, 1, 1)
              return tf.nn.sigmoid(output)
    `;
    const f = only(code, 'double-sigmoid');
    assert.match(f.message, /`CGAN\.generator` returns `tf\.nn\.sigmoid\(output\)`/);
    assert.deepEqual(f.fixes, []);
    // A function whose output only the loss reads: its removal stays, safe.
    const alone = py`
      import tensorflow as tf

      def generator(data):
          output = tf.layers.conv2d(data, 1, 1)
          return tf.nn.sigmoid(output)

      seg_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=generator(X), labels=Y))
    `;
    assert.deepEqual(summary(only(alone, 'double-sigmoid')), [['Remove the sigmoid from `generator` (nothing else in the file reads its output)', 'safe', true]]);
  });

  it('a removal the file shows no other reader for stays alone, unsafe (a function whose output comes through a parameter, as DEEPred\'s)', () => {
    // cansyl/DEEPred bin/4_layer_train.py @ 49a66ec (issue #5, fixed in b0e6c07 by removing the sigmoid): forward_propagation
    // returns tf.sigmoid, its output passed to compute_cost's parameter.
    const code = py`
      import tensorflow as tf

      def forward_propagation(X, W):
          Z = tf.matmul(W, X)
          return tf.sigmoid(Z)

      def compute_cost(A, Y):
          logits = tf.transpose(A)
          labels = tf.transpose(Y)
          return tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=logits, labels=labels))

      A3 = forward_propagation(X, W)
      cost = compute_cost(A3, Y)
    `;
    assert.deepEqual(summary(only(code, 'double-sigmoid')), [['Remove the sigmoid from `forward_propagation` (other code reading its output gets logits too)', 'unsafe', false]]);
  });

  it('a redundant log_softmax (the loss is right either way) keeps its removal, unsafe, as the one fix', () => {
    // MicrosoftDocs/ml-basics 05b - Convolutional Neural Networks (PyTorch).ipynb @ ee7bccc: forward returns F.log_softmax,
    // one CrossEntropyLoss for training and testing, the predictions an argmax of the same output.
    const code = py`
      import torch
      import torch.nn as nn
      import torch.nn.functional as F

      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(32, 3)

          def forward(self, x):
              x = self.fc(x)
              return F.log_softmax(x, dim=1)

      model = Net()
      loss_criteria = nn.CrossEntropyLoss()

      def train(data, target):
          output = model(data)
          return loss_criteria(output, target)

      def test(data, target):
          output = model(data)
          test_loss = loss_criteria(output, target).item()
          _, predicted = torch.max(output.data, 1)
          return test_loss, predicted
    `;
    const found = lintPython(code).filter((f) => f.rule === 'double-softmax');
    assert.equal(found.length, 2);
    for (const f of found) assert.deepEqual(summary(f), [['Remove the log_softmax from `Net.forward` (other code reading its output gets logits too)', 'unsafe', false]]);
  });

  it('the fixed code computes the cross-entropy of the logits and keeps the probabilities for the other readers (PyTorch, float64)', function () {
    if (!pythonWithTorch()) this.skip(); // python3 with torch (Debian's python3-torch) is not installed here
    this.timeout(120000);
    const reordered = applyFix(VALIDATION, only(VALIDATION, 'double-softmax').fixes[0]!);
    const between = VALIDATION.replace('    loss = F.cross_entropy(y_hat, y, weight=weight)\n    correct = (y_hat.argmax(dim=1) == y).sum()\n', '    correct = (y_hat.argmax(dim=1) == y).sum()\n    loss = F.cross_entropy(y_hat, y, weight=weight)\n');
    const logged = applyFix(between, only(between, 'double-softmax').fixes[0]!);
    const driver = `
out = []
for name, code in request:
    ns = {}
    exec(code, ns)
    x = torch.randn(64, 5) * 4; y = torch.randint(0, 5, (64,)); w = torch.rand(5) + 0.5
    for weight in (None, w):
        got = ns['validation_step'](x.clone(), y, weight)
        want = F.cross_entropy(x, y, weight=weight)
        out.append([name, float((got['loss'] - want).abs()), float((got['preds'] - torch.softmax(x, dim=1)).abs().max())])
print(json.dumps(out))
`;
    const rows = runTorch(driver, [['reordered', reordered], ['torch.log', logged], ['as written', VALIDATION]]) as [string, number, number][];
    for (const [name, lossDiff, predsDiff] of rows) {
      assert.ok(predsDiff < 1e-15, `${name}: the preds changed`);
      if (name === 'as written') assert.ok(lossDiff > 1e-3, 'the double softmax differs from the CE of the logits');
      else assert.ok(lossDiff < 1e-12, `${name}: off by ${lossDiff}`);
    }
  });
});
