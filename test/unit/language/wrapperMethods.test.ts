import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { lossCallAt } from '../../../src/language/recognition';

/*
 * A loss wrapped in a method of the model, called through the method: the call is that loss only
 * when the method's body is one loss call of its parameters in order. Short patterns of our own, in
 * the shape of public code found by an exact search (the search does not name the repositories):
 *   `def loss(self, outputs, labels): loss = F.cross_entropy(outputs, labels); return loss` on an
 *     AlexNet-based module (index hit 42667231007);
 *   `def loss(self, outputs, labels): return self.criterion(outputs[0], labels)` with the criterion
 *     chosen by a flag (index hits 607206421, 68395906): not the parameters as they are, silent;
 *   KPConv-style `def loss(self, outputs, labels)` that adds a regularisation term (index hits
 *     5372666866, 41021187706): more than one loss call, silent.
 */

function at(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

const NET = [
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(10, 3)',
  '        self.criterion = nn.CrossEntropyLoss(label_smoothing=0.1)',
  '    def forward(self, x):',
  '        return self.fc(x)',
  '    def loss(self, out, y):',
  '        """The training loss."""',
  '        return self.criterion(out, y)',
  '    def compute_loss(self, logits, labels):',
  '        loss = F.cross_entropy(logits, labels, ignore_index=-1)',
  '        return loss',
  '    def training_step(self, batch):',
  '        x, y = batch',
  '        return self.compute_loss(self(x), y)',
  'model = Net().to(device)',
  'l = model.loss(model(x), y)',
].join('\n');

describe('language: a loss wrapped in a method of the model', () => {
  it('model.loss(out, y) is the criterion the method returns, with its values and where it comes from', () => {
    const call = at(NET, 'loss(model(x)');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(call?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
    assert.deepEqual(call?.through, { method: 'Net.loss', line: 11, start: NET.indexOf('self.criterion(out') });
    assert.equal(call?.start, NET.indexOf('model.loss('));
  });

  it("self.compute_loss(...) with `loss = F.cross_entropy(...)` then `return loss`: values written in the method are its line's, not the call's", () => {
    const call = at(NET, 'compute_loss(self(x)');
    assert.equal(call?.api, 'torch.nn.functional.cross_entropy');
    assert.deepEqual(call?.through, { method: 'Net.compute_loss', line: 13, start: NET.indexOf('F.cross_entropy(logits') });
    assert.deepEqual(call?.extra.find((e) => e.name === 'ignore_index')?.value.origin, { kind: 'resolved', line: 13 });
  });

  it('silent where not certain: other arguments, a default, keywords at the call, two statements, another class defining it, an attribute of the same name, an unknown receiver', () => {
    const src = [
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'class A(nn.Module):',
      '    def indexed(self, outputs, labels):',
      '        return F.cross_entropy(outputs[0], labels)',
      '    def swapped(self, labels, outputs):',
      '        return F.cross_entropy(outputs, labels)',
      '    def defaulted(self, outputs, labels=None):',
      '        return F.cross_entropy(outputs, labels)',
      '    def reads(self, outputs, labels, w):',
      '        return F.cross_entropy(outputs, labels, weight=w)',
      '    def two(self, outputs, labels):',
      '        reg = outputs.abs().mean()',
      '        return F.cross_entropy(outputs, labels) + reg',
      '    def shared(self, outputs, labels):',
      '        return F.cross_entropy(outputs, labels)',
      '    def step(self, o, y):',
      '        a = self.indexed(o, y)',
      '        b = self.swapped(y, o)',
      '        c = self.defaulted(o, y)',
      '        d = self.reads(o, y, None)',
      '        e = self.two(o, y)',
      '        f = self.shared(o, y)',
      '        g = self.shared(o, labels=y)',
      '    def shadowed(self, outputs, labels):',
      '        return F.cross_entropy(outputs, labels)',
      '    def set_up(self):',
      '        self.shadowed = nn.BCELoss()',
      '    def step2(self, o, y):',
      '        return self.shadowed(o, y)',
      'class B(A):',
      '    def shared(self, outputs, labels):',
      '        return F.nll_loss(outputs, labels)',
      'h = other.shared(o, y)',
    ].join('\n');
    for (const needle of ['indexed(o', 'swapped(y', 'defaulted(o', 'reads(o', 'two(o', 'shared(o, y)', 'shared(o, labels', 'shared(o, y)\n']) assert.equal(at(src, needle), undefined, needle);
    // An attribute of the method's name is what `self.shadowed` is: that loss, not the method's.
    assert.equal(at(src, 'shadowed(o, y)')?.api, 'torch.nn.BCELoss');
    assert.equal(at(src, 'shadowed(o, y)')?.through, undefined);
  });

  it('the lint: a softmax model output passed through the wrapper into a logits loss, once, without fixes that edit the method\'s call', () => {
    const src = NET.replace('        return self.fc(x)', '        return F.softmax(self.fc(x), dim=1)');
    const findings = lintPython(src).filter((f) => f.rule === 'double-softmax');
    // compute_loss's only call passes self(x): its own parameter is known, so the finding is there (logits); model.loss is called from outside the class.
    assert.deepEqual(findings.map((f) => src.slice(f.start, f.end)), ['logits', 'model(x)']);
    for (const f of findings) {
      for (const fix of f.fixes) for (const e of fix.edits) assert.ok(!(e.start >= src.indexOf('model.loss(') && e.end <= src.indexOf('model.loss(') + 10), fix.title);
    }
  });
});
