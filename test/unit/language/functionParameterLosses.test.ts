import * as assert from 'node:assert/strict';
import { findLossCalls, lossCallAt, mayBeLossCallWord } from '../../../src/language/recognition';

/*
 * A loss passed to a function as an argument and called there under the parameter's name (issue 24,
 * kind 1). Short patterns written here, in the shape of public training code:
 * MichaelTwito/microservices prediction_manager/services/train_service.py (`def train(model,
 * train_loader, epochs, criterion, optimizer)`, `loss = criterion(targets, label)`), the common
 * `def train(model, optimizer, criterion, dataloader, epochs, device)` loop, and the d2l-style
 * `train_epoch(net, train_iter, loss, updater)` / `fit(..., loss_fn=...)` keyword form. The loss is
 * what every call of the function in the file passes; calls that disagree, a call the file cannot
 * settle or no call at all keep the hover silent.
 */

function at(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

const TRAIN = (calls: string[]) =>
  [
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'def train(model, loader, epochs, criterion, optimizer):',
    '    for x, y in loader:',
    '        optimizer.zero_grad()',
    '        out = model(x)',
    '        loss = criterion(out, y)',
    '        loss.backward()',
    '',
    ...calls,
  ].join('\n');

describe('language: a loss passed to a function parameter by the file\'s calls', () => {
  it('one call passes nn.CrossEntropyLoss(label_smoothing=0.1) positionally: the parameter\'s call is that loss, from the call\'s line', () => {
    const src = TRAIN(['if __name__ == "__main__":', '    train(net, dl, 10, nn.CrossEntropyLoss(label_smoothing=0.1), opt)']);
    const call = at(src, 'criterion(out');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(call?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
    assert.deepEqual(call?.builtAt, { line: { kind: 'resolved', line: 11 }, how: 'instance' });
    assert.ok(call?.caveats.some((c) => c.includes("calls of train pass as criterion")), call?.caveats.join('\n'));
  });

  it('a name bound to the loss and passed: the name\'s binding; by keyword as well', () => {
    const src = TRAIN(['crit = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))', 'train(net, dl, 10, criterion=crit, optimizer=opt)']);
    const call = at(src, 'criterion(out');
    assert.equal(call?.api, 'torch.nn.BCEWithLogitsLoss');
    assert.equal(call?.inputs.value, 'logits');
    assert.deepEqual(call?.builtAt?.line, { kind: 'resolved', line: 10 });
  });

  it('a loss function passed by keyword (loss_fn=F.cross_entropy) is called with the function\'s own arguments', () => {
    const src = [
      'import torch.nn.functional as F',
      'def fit(model, loader, loss_fn=None):',
      '    for x, y in loader:',
      '        loss = loss_fn(model(x), y, reduction="sum")',
      'fit(net, dl, loss_fn=F.cross_entropy)',
    ].join('\n');
    const call = at(src, 'loss_fn(model');
    assert.equal(call?.api, 'torch.nn.functional.cross_entropy');
    assert.equal(call?.reduction.value, 'sum');
  });

  it('two calls that agree on the API: values they share are shown, values they differ on as the values it may get', () => {
    const src = TRAIN(['train(net, dl, 10, nn.CrossEntropyLoss(weight=w, label_smoothing=0.1), opt)', 'train(net2, dl, 5, nn.CrossEntropyLoss(weight=w, label_smoothing=0.2), opt)']);
    const call = at(src, 'criterion(out');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.deepEqual(call?.extra.find((e) => e.name === 'label_smoothing')?.value.values, [0.1, 0.2]);
    assert.deepEqual(call?.extra.find((e) => e.name === 'label_smoothing')?.value.origin, { kind: 'resolved', line: 10, via: 'calls' });
    assert.equal(call?.extra.find((e) => e.name === 'weight')?.value.text, 'w');
    assert.deepEqual(call?.builtAt, { line: { kind: 'resolved', line: 10 }, how: 'instance', alsoAt: [{ kind: 'resolved', line: 11 }] });
  });

  it('the parameter\'s default where a call leaves it out, with what the other calls pass', () => {
    const src = [
      'import torch.nn as nn',
      'def evaluate(model, loader, criterion=nn.CrossEntropyLoss(reduction="sum")):',
      '    return sum(criterion(model(x), y) for x, y in loader)',
      'evaluate(net, val_dl)',
      'evaluate(net, test_dl, nn.CrossEntropyLoss(reduction="mean"))',
    ].join('\n');
    const call = at(src, 'criterion(model');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.deepEqual(call?.reduction.values, ['mean', 'sum']);
  });

  it('a loss handed on through a second function\'s parameter (main(criterion) -> train(..., criterion))', () => {
    const src = [
      'import torch.nn as nn',
      'def train(model, criterion):',
      '    return criterion(model(x), y)',
      'def main(criterion):',
      '    train(net, criterion)',
      'main(nn.NLLLoss())',
    ].join('\n');
    assert.equal(at(src, 'criterion(model')?.api, 'torch.nn.NLLLoss');
  });

  it('findLossCalls reports the parameter call too (the whole-file search the lint uses)', () => {
    const src = TRAIN(['train(net, dl, 10, nn.CrossEntropyLoss(), opt)']);
    assert.ok(findLossCalls(src, 'python').some((c) => c.callee === 'criterion' && c.api === 'torch.nn.CrossEntropyLoss'));
  });

  it('the hover\'s pre-check accepts a parameter named like no loss (crit) when a def lists it, and nothing else', () => {
    assert.equal(mayBeLossCallWord('crit', 'def train(model,\n          crit, opt):\n    crit(out, y)'), true);
    assert.equal(mayBeLossCallWord('crit', 'def train(model, critic):\n    crit(out, y)'), false);
    assert.equal(mayBeLossCallWord('crit', 'train(model, crit)\n'), false);
  });

  describe('look-alikes that stay silent', () => {
    const silent = (src: string, needle: string) => assert.equal(at(src, needle), undefined, src);

    it('calls that pass different losses', () => silent(TRAIN(['train(net, dl, 10, nn.CrossEntropyLoss(), opt)', 'train(net, dl, 10, nn.MSELoss(), opt)']), 'criterion(out'));
    it('a call whose argument the file cannot settle (a parameter of main nobody calls, a get_loss() result)', () => {
      silent(TRAIN(['train(net, dl, 10, nn.CrossEntropyLoss(), opt)', 'train(net, dl, 10, get_loss(cfg), opt)']), 'criterion(out');
      silent(TRAIN(['def main(crit):', '    train(net, dl, 10, crit, opt)']), 'criterion(out');
    });
    it('a function the file never calls', () => silent(TRAIN([]), 'criterion(out'));
    it('a call with *args or **kwargs', () => {
      silent(TRAIN(['train(*args)']), 'criterion(out');
      silent(TRAIN(['train(net, dl, 10, nn.CrossEntropyLoss(), opt)', 'train(**cfg)']), 'criterion(out');
    });
    it('the function passed as a value (its calls are not seen)', () => silent(TRAIN(['train(net, dl, 10, nn.CrossEntropyLoss(), opt)', 'Thread(target=train, args=(net, dl, 10, nn.MSELoss(), opt))']), 'criterion(out'));
    it('a second definition of the name', () => silent(TRAIN(['train(net, dl, 10, nn.CrossEntropyLoss(), opt)', 'def train(a, b, c, criterion, d):', '    pass']), 'criterion(out'));
    it('a left-out parameter whose default is None (the body chooses)', () => {
      const src = ['import torch.nn as nn', 'def fit(model, loss_fn=None):', '    loss_fn = loss_fn', '    return loss_fn(model(x), y)', 'fit(net)'].join('\n');
      silent(src, 'loss_fn(model');
      silent(['import torch.nn as nn', 'def fit(model, loss_fn=None):', '    return loss_fn(model(x), y)', 'fit(net)', 'fit(net, nn.BCELoss())'].join('\n'), 'loss_fn(model');
    });
    it('a class passed instead of an instance (the body builds it)', () => silent(TRAIN(['train(net, dl, 10, nn.CrossEntropyLoss, opt)']), 'criterion(out'));
    it('a method\'s parameter (called through objects the file may not show)', () => {
      const src = ['import torch.nn as nn', 'class T:', '    def fit(self, model, criterion):', '        return criterion(model(x), y)', 't = T()', 't.fit(net, nn.CrossEntropyLoss())'].join('\n');
      silent(src, 'criterion(model');
    });
    it('a parameter that is not a loss (a model called as model(x))', () => silent(TRAIN(['train(net, dl, 10, nn.CrossEntropyLoss(), opt)']), 'model(x)'));
    it('model.train() and f(train=True) are not calls of train, but another function passing a parameter is checked', () => {
      const src = TRAIN(['model.train()', 'configure(train=True)', 'train(net, dl, 10, nn.CrossEntropyLoss(), opt)']);
      assert.equal(at(src, 'criterion(out')?.api, 'torch.nn.CrossEntropyLoss');
    });
  });

  it('one loss reaching the parameter along several paths is one construction, named once', () => {
    // pytorch/examples gcn/main.py and gat/main.py (main at the 2024 tree): `test(model, criterion, ...)`
    // is called twice from `train_iter`'s own `criterion` parameter and once from the main block.
    const src = [
      'import torch.nn as nn',
      'def test(model, criterion, x, y):',
      '    return criterion(model(x), y)',
      'def train_iter(model, criterion, x, y):',
      '    loss_train = test(model, criterion, x, y)',
      '    loss_val = test(model, criterion, x, y)',
      'criterion = nn.NLLLoss()',
      'train_iter(net, criterion, x, y)',
      'test(net, criterion, x, y)',
    ].join('\n');
    const call = at(src, 'criterion(model');
    assert.equal(call?.api, 'torch.nn.NLLLoss');
    assert.deepEqual(call?.builtAt, { line: { kind: 'resolved', line: 6 }, how: 'instance' });
  });
});
