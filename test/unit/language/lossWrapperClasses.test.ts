import * as assert from 'node:assert/strict';
import { findLossCalls, lossCallAt } from '../../../src/language/recognition';

/*
 * A class of the file wrapping a library loss, hovered where its object is called (issue 24), in short
 * patterns of our own shaped like public code:
 *   jakhon37/my_classification losses/loss_a.py and Masao-Someki/ML_template src/loss.py (an nn.Module whose
 *     __init__ sets `self.loss_fn = nn.CrossEntropyLoss()` and whose forward returns `self.loss_fn(outputs, targets)`);
 *   samuelschen/DSB2018 loss.py @ 37bf9a6 (`BinaryCrossEntropyLoss2d` around `nn.BCELoss(weight, size_average)`,
 *     called as `BinaryCrossEntropyLoss2d().forward(preds, labels)` in its criterion functions).
 * Silent look-alikes: a forward adding a second term (BCE + Dice), a construction passing arguments (they may
 * change the wrapped loss), a subclass of the wrapper (its own base of the file), a call with another number of
 * arguments or by keyword, a model whose forward returns a layer's call.
 */

function at(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

const WRAPPERS = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'class BinaryCrossEntropyLoss2d(nn.Module):',
  '    def __init__(self, weight=None, size_average=True):',
  '        super().__init__()',
  '        self.bce_loss = nn.BCELoss(weight, size_average)',
  '    def forward(self, inputs, targets):',
  '        return self.bce_loss(inputs, targets)',
  'class LossA(nn.Module):',
  '    def __init__(self):',
  '        super(LossA, self).__init__()',
  '        self.loss_fn = nn.CrossEntropyLoss(ignore_index=255)',
  '    def forward(self, outputs, targets):',
  '        return self.loss_fn(outputs, targets)',
  'class Smoothed:',
  '    def __call__(self, logits, labels):',
  '        return F.cross_entropy(logits, labels, label_smoothing=0.1)',
  'class BCEDice(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.bce = nn.BCEWithLogitsLoss()',
  '    def forward(self, x, y):',
  '        return self.bce(x, y) + dice(x, y)',
  'class SubLoss(LossA):',
  '    def forward(self, outputs, targets):',
  '        return self.loss_fn(outputs, targets)',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(3, 4)',
  '    def forward(self, x):',
  '        return self.fc(x)',
];

describe('language: a class of the file wrapping a library loss, at its call sites', () => {
  it('built and called through forward in one expression (DSB2018): the wrapped BCELoss, its method named', () => {
    const src = [...WRAPPERS, 'def criterion(preds, labels):', '    return BinaryCrossEntropyLoss2d().forward(preds, labels) + IoULoss().forward(preds, labels)'].join('\n');
    const call = at(src, 'BinaryCrossEntropyLoss2d().forward');
    assert.equal(call?.api, 'torch.nn.BCELoss');
    assert.equal(call?.inputs.value, 'probabilities');
    assert.equal(call?.reduction.value, 'mean');
    assert.deepEqual(call?.through && { method: call.through.method, line: call.through.line }, { method: 'BinaryCrossEntropyLoss2d.forward', line: 8 });
    assert.equal(call?.start, src.indexOf('BinaryCrossEntropyLoss2d().forward'));
  });

  it('the object called in place, a name bound to it, its forward, and self.criterion built with .cuda()', () => {
    const src = [
      ...WRAPPERS,
      'a = LossA()(out, y)',
      'criterion = LossA()',
      'b = criterion(out, y)',
      'c = criterion.forward(out, y)',
      'class Trainer:',
      '    def __init__(self):',
      '        self.criterion = LossA().cuda()',
      '    def step(self, x, y):',
      '        return self.criterion(self.model(x), y)',
    ].join('\n');
    for (const needle of ['LossA()(out', 'criterion(out', 'criterion.forward(out', 'self.criterion(self']) {
      const call = at(src, needle);
      assert.equal(call?.api, 'torch.nn.CrossEntropyLoss', needle);
      assert.equal(call?.extra.find((e) => e.name === 'ignore_index')?.value.value, 255, needle);
      assert.equal(call?.through?.method, 'LossA.forward', needle);
    }
  });

  it('a plain class whose __call__ returns a loss call', () => {
    const call = at([...WRAPPERS, 'loss = Smoothed()(logits, labels)'].join('\n'), 'Smoothed()(');
    assert.equal(call?.api, 'torch.nn.functional.cross_entropy');
    assert.equal(call?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
  });

  it('silent: a second term, arguments to the construction, a subclass of a file class, other arguments, a model', () => {
    const uses = [
      'a = BCEDice()(p, y)',
      'b = BinaryCrossEntropyLoss2d(w)(p, y)',
      'c = SubLoss()(p, y)',
      'crit = LossA()',
      'd = crit(p, y, 3)',
      'e = crit(p, target=y)',
      'f = crit(*pair)',
      'net = Net()',
      'g = net(x)',
      'h = Net()(x)',
    ];
    const src = [...WRAPPERS, ...uses].join('\n');
    const from = src.indexOf('a = BCEDice');
    assert.deepEqual(findLossCalls(src, 'python').filter((c) => c.start >= from).map((c) => src.slice(c.start, c.end)), []);
  });

  it('silent where the name may hold another object (rebound in a branch)', () => {
    const src = [...WRAPPERS, 'crit = LossA()', 'if smooth:', '    crit = Smoothed()', 'loss = crit(out, y)'].join('\n');
    assert.equal(at(src, 'crit(out'), undefined);
  });
});
