// Producers behind an exp or a wrapper (issue 23, third pass; corpus in
// test/fixtures/lintWrappedProducerCases.ts): what the findings say and the fixes they offer. An exp
// with its log_softmax written inside is a softmax of the logits; an exp of log-probabilities made
// elsewhere is removed to give them back (what cross_entropy and nll_loss both take as they are).
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix as apply } from './applyEdits';
import { py } from '../../fixtures/pySource';

const fixesOf = (code: string) => lintPython(code).map((f) => ({ rule: f.rule, fixes: f.fixes.map((x) => [x.title, x.safety, apply(code, x).split('\n').find((l, i) => l !== code.split('\n')[i])?.trim()]) }));

describe('loss lint: exp of a log_softmax and wrapped models', () => {
  it('torch.exp(F.log_softmax(z)) held by a name into cross_entropy: the logits are passed', () => {
    const code = py`
      import torch
      import torch.nn.functional as F

      def step(logits, y):
          probs = torch.exp(F.log_softmax(logits, dim=1))
          return F.cross_entropy(probs, y)
    `;
    assert.deepEqual(fixesOf(code), [{ rule: 'double-softmax', fixes: [['Pass the logits to cross_entropy (remove the softmax)', 'safe', 'return F.cross_entropy(logits, y)']] }]);
  });

  it('an exp of log-probabilities made elsewhere: removing the exp is the fix, for cross_entropy and for nll_loss', () => {
    const code = py`
      import torch
      import torch.nn.functional as F

      def step(logits, y):
          log_probs = F.log_softmax(logits, dim=1)
          return F.cross_entropy(log_probs.exp(), y) + F.nll_loss(torch.exp(log_probs), y)
    `;
    assert.deepEqual(fixesOf(code), [
      { rule: 'double-softmax', fixes: [['Remove the exp: cross_entropy takes the log_softmax output as it is', 'safe', 'return F.cross_entropy(log_probs, y) + F.nll_loss(torch.exp(log_probs), y)']] },
      { rule: 'nll-without-log-softmax', fixes: [['Remove the exp: nll_loss takes the log_softmax output as it is', 'safe', 'return F.cross_entropy(log_probs.exp(), y) + F.nll_loss(log_probs, y)']] },
    ]);
  });

  it('exp written over the log_softmax into nll_loss: the log_softmax on the logits replaces the exp', () => {
    const code = py`
      import torch
      import torch.nn.functional as F
      loss = F.nll_loss(torch.exp(F.log_softmax(z, dim=1)), y)
    `;
    assert.deepEqual(fixesOf(code), [{ rule: 'nll-without-log-softmax', fixes: [['Use F.log_softmax on the logits', 'safe', 'loss = F.nll_loss(F.log_softmax(z, dim=1), y)']] }]);
  });

  it('a forward returning torch.exp(self.log_softmax(x)): the message names it and the removal at the model gives the logits', () => {
    const code = py`
      import torch
      import torch.nn as nn

      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(8, 3)
              self.log_softmax = nn.LogSoftmax(dim=1)

          def forward(self, x):
              return torch.exp(self.log_softmax(self.fc(x)))

      model = Net()
      loss = nn.CrossEntropyLoss()(model(x), y)
    `;
    const [f, ...rest] = lintPython(code);
    assert.deepEqual(rest, []);
    assert.match(f!.message, /^`Net\.forward` returns `torch\.exp\(self\.log_softmax\(self\.fc\(x\)\)\)` \(line 11\): /);
    const removal = f!.fixes.find((x) => x.title.startsWith('Remove the softmax from `Net.forward`'));
    assert.equal(removal?.safety, 'safe');
    assert.match(apply(code, removal!), /^ {8}return self\.fc\(x\)$/m);
  });

  it('a Sequential behind DataParallel: the finding names the Sequential; removing its softmax is unsafe (the wrapper hands the output on)', () => {
    const code = py`
      import torch.nn as nn
      net = nn.Sequential(nn.Linear(8, 3), nn.Softmax(dim=1))
      model = nn.DataParallel(net)
      loss = nn.CrossEntropyLoss()(model(x), y)
    `;
    const [f] = lintPython(code);
    assert.match(f!.message, /^`net` ends in `nn\.Softmax\(dim=1\)` \(line 2\): /);
    // The file shows no other reader (the wrapper may hand the output on): the removal stays, unsafe, alone.
    assert.deepEqual(f!.fixes.map((x) => [x.title, x.safety]), [
      ['Remove the softmax from `net` (other code reading its output gets logits too)', 'unsafe'],
    ]);
    const withTorch = lintPython(`import torch\n${code}`)[0]!;
    assert.deepEqual(withTorch.fixes.map((x) => [x.title, x.safety]), [
      ['Use NLLLoss on torch.log(model(x))', 'safe'],
      ['Remove the softmax from `net` (other code reading its output gets logits too)', 'unsafe'],
    ]);
  });

  it('a wrapped last layer is not removed from a Sequential (the wrapper may hold more than the activation)', () => {
    const code = py`
      import tensorflow as tf
      from tensorflow.keras.layers import Dense, TimeDistributed
      import torch.nn as nn
      model = nn.Sequential(nn.Linear(8, 3), nn.DataParallel(nn.Softmax(dim=1)))
      loss = nn.CrossEntropyLoss()(model(x), y)
    `;
    const [f] = lintPython(code);
    assert.equal(f?.rule, 'double-softmax');
    assert.ok(f!.fixes.every((x) => !x.title.startsWith('Remove')), JSON.stringify(f!.fixes.map((x) => x.title)));
  });
});
