import * as assert from 'node:assert/strict';
import { findLossCalls, lossCallAt } from '../../../src/language/recognition';

/*
 * A loss class held as a value and built later (issue 24), in short patterns of our own shaped like public code:
 *   NVIDIA-Merlin/models merlin/models/torch/outputs/classification.py @ bb8b7bd (`DEFAULT_LOSS_CLS =
 *     nn.BCEWithLogitsLoss` in the class body, `loss=loss or self.DEFAULT_LOSS_CLS()` in __init__; 4fbf821
 *     changes it to nn.BCELoss);
 *   tztechno/tz_kaggle RPS_pytorch_efficientnet_b5.py @ b1213fb (`class TrainConfig: criterion =
 *     nn.CrossEntropyLoss`, `Fitter(..., criterion=TrainConfig.criterion)`, `self.criterion = criterion().to(self.device)`);
 *   a CNNModel of the code corpus with `self.criterion = nn.CrossEntropyLoss` then `self.loss_function = self.criterion()`.
 * Silent look-alikes: `criterion = nn.CrossEntropyLoss` then `criterion(outputs, labels)` (a real bug of the
 * code corpus: it builds a loss whose weight is the prediction), a subclass setting the class attribute
 * again, `Cfg.criterion = ...` assigned from outside, constructions passing different classes, a default
 * class parameter of a function the file never calls (`def run(model, criterion=nn.CrossEntropyLoss)`).
 */

function at(src: string, needle: string, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = src.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

const MERLIN = (extra: string[] = []) =>
  [
    'from torch import nn',
    'class BinaryOutput(ModelOutput):',
    '    DEFAULT_LOSS_CLS = nn.BCEWithLogitsLoss',
    '    def __init__(self, schema=None, loss=None):',
    '        super().__init__(nn.LazyLinear(1), nn.Sigmoid(), schema=schema, loss=loss or self.DEFAULT_LOSS_CLS())',
    ...extra,
  ].join('\n');

const FITTER = (constructions: string[], config = ['class TrainConfig:', '    criterion = nn.CrossEntropyLoss', '    lr = 0.001']) =>
  [
    'import torch',
    'from torch import nn',
    ...config,
    'class Fitter:',
    '    def __init__(self, model, device, criterion, lr):',
    '        self.model = model',
    '        self.criterion = criterion().to(device)',
    '    def step(self, images, targets):',
    '        outputs = self.model(images)',
    '        return self.criterion(outputs, targets)',
    ...constructions,
  ].join('\n');

describe('language: a loss class held as a value and built later', () => {
  it('a class attribute built through self: the construction is that class, with where it is named', () => {
    const call = at(MERLIN(), 'self.DEFAULT_LOSS_CLS()');
    assert.equal(call?.api, 'torch.nn.BCEWithLogitsLoss');
    assert.equal(call?.inputs.value, 'logits');
    assert.equal(call?.reduction.value, 'mean');
    assert.deepEqual(call?.builtAt, { line: { kind: 'resolved', line: 2 }, how: 'class' });
  });

  it('the fixed version (nn.BCELoss) is a probability loss', () => {
    const call = at(MERLIN().replace('nn.BCEWithLogitsLoss', 'nn.BCELoss'), 'self.DEFAULT_LOSS_CLS()');
    assert.equal(call?.api, 'torch.nn.BCELoss');
    assert.equal(call?.inputs.value, 'probabilities');
  });

  it('silent where a subclass of the file sets the class attribute again (its __init__ builds another class)', () => {
    const src = MERLIN(['class MulticlassOutput(BinaryOutput):', '    DEFAULT_LOSS_CLS = nn.CrossEntropyLoss']);
    assert.equal(at(src, 'self.DEFAULT_LOSS_CLS()'), undefined);
  });

  it('a config class attribute handed to a constructor: the construction and the calls of the object built', () => {
    const src = FITTER(['fitter = Fitter(model=net, device=DEVICE, criterion=TrainConfig.criterion, lr=TrainConfig.lr)']);
    const built = at(src, 'criterion().to');
    assert.equal(built?.api, 'torch.nn.CrossEntropyLoss');
    assert.deepEqual(built?.builtAt, { line: { kind: 'resolved', line: 3 }, how: 'class' });
    assert.ok(built?.caveats.some((c) => c.includes("Fitter's parameter criterion as this file passes it")), built?.caveats.join('\n'));
    const called = at(src, 'self.criterion(outputs');
    assert.equal(called?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(called?.inputs.value, 'logits');
    assert.deepEqual(called?.builtAt?.line, { kind: 'resolved', line: 8 });
    assert.ok(called?.caveats.some((c) => c.includes("Fitter's parameter criterion")), called?.caveats.join('\n'));
  });

  it('the class passed directly, by position, agrees across constructions', () => {
    const src = FITTER(['a = Fitter(net, "cpu", nn.BCEWithLogitsLoss, 0.1)', 'b = Fitter(net2, "cuda", nn.BCEWithLogitsLoss, 0.01)'], []);
    assert.equal(at(src, 'self.criterion(outputs')?.api, 'torch.nn.BCEWithLogitsLoss');
  });

  it('silent when constructions pass different classes, or the config attribute is assigned from outside', () => {
    const two = FITTER(['a = Fitter(net, "cpu", nn.CrossEntropyLoss, 0.1)', 'b = Fitter(net, "cpu", nn.BCEWithLogitsLoss, 0.1)'], []);
    assert.equal(at(two, 'criterion().to'), undefined);
    assert.equal(at(two, 'self.criterion(outputs'), undefined);
    const reassigned = FITTER(['TrainConfig.criterion = nn.NLLLoss', 'fitter = Fitter(net, DEVICE, TrainConfig.criterion, 0.1)']);
    assert.equal(at(reassigned, 'criterion().to'), undefined);
    assert.equal(at(reassigned, 'self.criterion(outputs'), undefined);
    // No construction in the file: another file passes the class.
    assert.equal(at(FITTER([]), 'self.criterion(outputs'), undefined);
  });

  it('self.criterion = nn.CrossEntropyLoss then self.loss_function = self.criterion(): built there, called later', () => {
    const src = [
      'import torch.nn as nn',
      'class CNNModel:',
      '    def __init__(self, channels):',
      '        self.net = Net(channels)',
      '        self.criterion = nn.CrossEntropyLoss',
      '        self.loss_function = self.criterion(ignore_index=0)',
      '    def learn(self, x, y):',
      '        return self.loss_function(self.net(x), y)',
    ].join('\n');
    const built = at(src, 'self.criterion(ignore');
    assert.equal(built?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(built?.extra.find((e) => e.name === "ignore_index")?.value.value, 0);
    const called = at(src, 'self.loss_function(');
    assert.equal(called?.api, 'torch.nn.CrossEntropyLoss');
    assert.deepEqual(called?.builtAt?.line, { kind: 'resolved', line: 5 });
  });

  it('a name holding the class: built with keywords, or built and called in place', () => {
    const src = ['import torch', 'from torch import nn', 'loss_cls = nn.BCELoss', "bce = loss_cls(reduction='sum')", 'a = bce(torch.sigmoid(z), t)', 'b = loss_cls()(p, t)'].join('\n');
    const built = at(src, "loss_cls(reduction");
    assert.equal(built?.api, 'torch.nn.BCELoss');
    assert.equal(built?.reduction.value, 'sum');
    assert.equal(at(src, 'bce(torch')?.reduction.value, 'sum');
    assert.equal(at(src, 'loss_cls()(p')?.api, 'torch.nn.BCELoss');
  });

  it('silent: the class called with the prediction and target (a bug that builds a loss), a function default no call passes', () => {
    const bug = ['import torch.nn as nn', 'criterion = nn.CrossEntropyLoss', 'for inputs, labels in loader:', '    loss = criterion(model(inputs), labels)'].join('\n');
    assert.deepEqual(findLossCalls(bug, 'python'), []);
    const dflt = ['import torch.nn as nn', 'def run(model, loader, criterion=nn.CrossEntropyLoss):', '    crit = criterion()', '    for x, y in loader:', '        loss = crit(model(x), y)'].join('\n');
    assert.deepEqual(findLossCalls(dflt, 'python'), []);
    // An attribute of something else than self or a class of the file.
    const other = ['import torch.nn as nn', 'loss = cfg.criterion()', 'l = loss(out, y)'].join('\n');
    assert.deepEqual(findLossCalls(other, 'python'), []);
  });
});
