import * as assert from 'node:assert/strict';
import { findLossCalls, lossCallAt } from '../../../src/language/recognition';

/*
 * A top-level function (or a method) of the file that builds a loss and applies it to its parameters,
 * hovered where it is called (issue 24), in short patterns of our own shaped like public code:
 *   `def criterion(outputs, labels): return nn.CrossEntropyLoss()(outputs, labels)` before a
 *     `train_one_epoch` loop (many Kaggle notebooks of the code corpus), and the CS230 starter code's
 *     `loss_fn(outputs, labels)` with a docstring;
 *   boostcampaitech4lv23recsys1/level2_dkt_recsys-level2-recsys-06 dkt/src/criterion.py @ 34623d1 and its
 *     in-file copies in DKT notebooks (`def get_criterion(pred, target): loss = nn.BCEWithLogitsLoss(reduction="none");
 *     return loss(pred, target)`);
 *   a model's `def _criterion(self, outputs, labels): return nn.CrossEntropyLoss()(outputs, labels)`.
 * Silent look-alikes: a third parameter the loss reads (`weight=weights`), a second term, a loss built from a
 * parameter, a call with another number of arguments, a name rebound after the def.
 */

function at(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

const DEFS = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'def criterion(outputs, labels):',
  '    return nn.CrossEntropyLoss()(outputs, labels)',
  'def get_criterion(pred, target):',
  '    loss = nn.BCEWithLogitsLoss(reduction="none")',
  '    # loss = nn.BCELoss()',
  '    return loss(pred, target)',
  'def loss_fn(outputs, labels):',
  '    """Cross entropy of the logits."""',
  '    return F.cross_entropy(outputs, labels, label_smoothing=0.1)',
  'def weighted(outputs, labels, weights):',
  '    return nn.CrossEntropyLoss(weight=weights)(outputs, labels)',
  'def both(outputs, labels):',
  '    return F.cross_entropy(outputs, labels) + 0.1 * reg(outputs)',
  'def from_target(pred, target):',
  '    loss = nn.BCELoss(weight=target)',
  '    return loss(pred, target)',
];

describe('language: a function of the file wrapping a loss, at its call sites', () => {
  it('a loss built in place and called on the parameters: the loss, the function named, nothing on the def line', () => {
    const src = [...DEFS, 'for x, y in loader:', '    loss = criterion(model(x), y)'].join('\n');
    const call = at(src, 'criterion(model');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(call?.inputs.value, 'logits');
    assert.deepEqual(call?.through && { method: call.through.method, line: call.through.line }, { method: 'criterion', line: 4 });
    assert.equal(call?.start, src.indexOf('criterion(model'));
    assert.equal(at(src, 'criterion(outputs'), undefined);
  });

  it('a loss bound first, then called (DKT get_criterion), and a docstring before the return', () => {
    const src = [...DEFS, 'l1 = get_criterion(preds, targets.float())', 'l2 = loss_fn(out, y)'].join('\n');
    const dkt = at(src, 'get_criterion(preds');
    assert.equal(dkt?.api, 'torch.nn.BCEWithLogitsLoss');
    assert.equal(dkt?.reduction.value, 'none');
    assert.equal(dkt?.through?.method, 'get_criterion');
    const smooth = at(src, 'loss_fn(out, y)');
    assert.equal(smooth?.api, 'torch.nn.functional.cross_entropy');
    assert.equal(smooth?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
  });

  it('a method of the model returning a loss built in place, called on self', () => {
    const src = ['import torch.nn as nn', 'class M(nn.Module):', '    def _criterion(self, outputs, labels):', '        return nn.CrossEntropyLoss()(outputs, labels)', '    def step(self, x, y):', '        return self._criterion(self(x), y)'].join('\n');
    assert.equal(at(src, '_criterion(self(x)')?.api, 'torch.nn.CrossEntropyLoss');
  });

  it('silent: a parameter the loss reads, a second term, another number of arguments, a keyword, a name rebound', () => {
    const uses = ['a = weighted(out, y, w)', 'b = both(out, y)', 'c = from_target(p, t)', 'd = criterion(out, y, 1)', 'e = criterion(out, labels=y)'];
    const src = [...DEFS, ...uses].join('\n');
    const from = src.indexOf('a = weighted');
    assert.deepEqual(findLossCalls(src, 'python').filter((c) => c.start >= from).map((c) => src.slice(c.start, c.end)), []);
    const rebound = [...DEFS, 'criterion = make_loss(cfg)', 'l = criterion(out, y)'].join('\n');
    assert.equal(at(rebound, 'criterion(out'), undefined);
  });
});
