import * as assert from 'node:assert/strict';
import { lossCallAt, mayBeLossCallWord } from '../../../src/language/recognition';

/*
 * A loss taken from a list by a `for` loop: the loop variable holds each element in turn, so the call
 * is the list's API when every element is one (values that differ are the values the call gets in
 * turn, via 'list'), and silent otherwise. Short patterns of our own, in the shape of public code:
 *   multi-stage segmentation losses (`for criterion, weight in zip(self.criterions, self.weights): loss +=
 *     weight * criterion(preds, gts)`; index hits 1954940066, 8928299943, an MS-TCN-style
 *     ActionSegmentationLoss whose list is built by appends: silent here), hybridnets' CriterionCompose
 *     (`self.criterions = nn.ModuleList(criterions)`, index hit 23345616340), a trainer looping
 *     `for criterion, metrics in zip(self.criterions, self.metrics)` (index hit 31568709804), and deep
 *     supervision written as `[nn.CrossEntropyLoss(ignore_index=255)] * n` zipped with the outputs.
 */

function at(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}


describe('language: a loss taken from a list by a for loop', () => {
  it('[nn.CrossEntropyLoss(ignore_index=255)] * n zipped with the outputs: that loss, its ignore_index from the list', () => {
    const src = [
      'import torch.nn as nn',
      'criterions = [nn.CrossEntropyLoss(ignore_index=255)] * 3',
      'def step(outs, ys):',
      '    loss = 0',
      '    for c, o, y in zip(criterions, outs, ys):',
      '        loss += c(o, y)',
      '    return loss',
    ].join('\n');
    const call = at(src, 'c(o, y)');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(call?.extra.find((e) => e.name === 'ignore_index')?.value.value, 255);
    assert.deepEqual(call?.builtAt, { line: { kind: 'resolved', line: 1 }, how: 'instance', loop: { kind: 'resolved', line: 4 } });
  });

  it('a list written in the zip, of one API with different values: each value the call gets in turn', () => {
    const src = [
      'import torch.nn as nn',
      'def step(outs, ys):',
      '    loss = 0',
      '    for crit, out, y in zip([nn.CrossEntropyLoss(label_smoothing=0.1),',
      '                             nn.CrossEntropyLoss(label_smoothing=0.2)], outs, ys):',
      '        loss += crit(out, y)',
      '    return loss',
    ].join('\n');
    const call = at(src, 'crit(out, y)');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    const smoothing = call?.extra.find((e) => e.name === 'label_smoothing')?.value;
    assert.deepEqual(smoothing?.values, [0.1, 0.2]);
    assert.deepEqual(smoothing?.origin, { kind: 'resolved', line: 3, via: 'list' });
    assert.deepEqual(call?.builtAt?.alsoAt, [{ kind: 'resolved', line: 4 }]);
  });

  it('self.criterions = nn.ModuleList([...]) looped with enumerate, and a comprehension that does not read its variable', () => {
    const src = [
      'import torch.nn as nn',
      'class Loss(nn.Module):',
      '    def __init__(self, n):',
      '        super().__init__()',
      '        self.criterions = nn.ModuleList([nn.BCEWithLogitsLoss(), nn.BCEWithLogitsLoss()])',
      '        self.aux = [nn.NLLLoss(ignore_index=0) for _ in range(n)]',
      '    def forward(self, outs, y):',
      '        total = 0',
      '        for i, criterion in enumerate(self.criterions):',
      '            total += criterion(outs[i], y)',
      '        for a in self.aux:',
      '            total += a(outs[0], y)',
      '        return total',
    ].join('\n');
    assert.equal(at(src, 'criterion(outs')?.api, 'torch.nn.BCEWithLogitsLoss');
    const aux = at(src, 'a(outs');
    assert.equal(aux?.api, 'torch.nn.NLLLoss');
    assert.equal(aux?.extra.find((e) => e.name === 'ignore_index')?.value.value, 0);
  });

  it('silent: losses of different APIs, a list changed by append, zip with another count, a comprehension reading its variable, a use after the loop, a nested target', () => {
    const src = [
      'import torch.nn as nn',
      'built = [nn.CrossEntropyLoss()]',
      'built.append(nn.BCELoss())',
      'weighted = [nn.CrossEntropyLoss(weight=w) for w in class_weights]',
      'def step(outs, ys):',
      '    loss = 0',
      '    for mixed, out, y in zip([nn.CrossEntropyLoss(), nn.BCEWithLogitsLoss()], outs, ys):',
      '        loss += mixed(out, y)',
      '    for appended, out, y in zip(built, outs, ys):',
      '        loss += appended(out, y)',
      '    for short, out in zip([nn.CrossEntropyLoss()], outs, ys):',
      '        loss += short(out, ys)',
      '    for byweight, out in zip(weighted, outs):',
      '        loss += byweight(out, ys)',
      '    for after in [nn.CrossEntropyLoss()]:',
      '        pass',
      '    loss += after(outs, ys)',
      '    for i, (nested, out) in enumerate(zip([nn.CrossEntropyLoss()], outs)):',
      '        loss += nested(out, ys)',
      '    return loss',
    ].join('\n');
    for (const needle of ['mixed(out', 'appended(out', 'short(out', 'byweight(out', 'after(outs', 'nested(out']) assert.equal(at(src, needle), undefined, needle);
  });

  it("the hover's word check accepts a for loop's target (and still refuses a word the text never binds)", () => {
    assert.equal(mayBeLossCallWord('c', 'for c, o, y in zip(criterions, outs, ys):\n    loss += c(o, y)\n'), true);
    assert.equal(mayBeLossCallWord('crit', 'for i, (crit, out) in enumerate(pairs):\n'), true);
    assert.equal(mayBeLossCallWord('crit', 'x = crit(out, y)\n'), false);
  });
});
