import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { lossCallAt } from '../../../src/language/recognition';

/*
 * `self.reduction` / `self.weight` stored by torch's loss base (torch 1.13 torch/nn/modules/loss.py:
 * `_Loss.__init__(self, size_average=None, reduce=None, reduction='mean')` sets self.reduction;
 * `_WeightedLoss.__init__(self, weight=None, size_average=None, reduce=None, reduction='mean')` passes
 * them on and registers `weight`). The hover on the inner CE call reads them as it reads
 * `self.reduction = reduction` written in the class. Short patterns of our own, in the shape of:
 *   Gateway2745/SEMFD-Net semfd_net/losses.py @562f4de (`class FocalLoss(nn.modules.loss._WeightedLoss)`,
 *     `super(FocalLoss, self).__init__(weight, reduction=reduction)`, `F.cross_entropy(input, target,
 *     reduction=self.reduction, weight=self.weight)`, `pt = torch.exp(-ce_loss)`);
 *   andrijdavid/FocalLoss focalloss.py @ba1e576 (`super(FocalLoss2d, self).__init__(weight, size_average,
 *     reduce, reduction)`, `logpt = - F.binary_cross_entropy_with_logits(..., reduction=self.reduction)`).
 */

function at(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

const lineOf = (src: string, needle: string) => src.slice(0, src.indexOf(needle)).split('\n').length - 1;

function weighted(init: string[], construction = 'criterion = FocalLoss(gamma=2)', base = 'nn.modules.loss._WeightedLoss', params = "weight=None, gamma=2, reduction='mean'"): string {
  return [
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    `class FocalLoss(${base}):`,
    `    def __init__(self, ${params}):`,
    ...init.map((line) => `        ${line}`),
    '        self.gamma = gamma',
    '    def forward(self, input, target):',
    '        ce_loss = F.cross_entropy(input, target, reduction=self.reduction, weight=self.weight)',
    '        pt = torch.exp(-ce_loss)',
    '        return ((1 - pt) ** self.gamma * ce_loss).mean()',
    construction,
  ].join('\n');
}

describe('language: self.reduction / self.weight stored by torch\'s _Loss / _WeightedLoss', () => {
  it("super(Cls, self).__init__(weight, reduction=reduction): the __init__ defaults, as for self.reduction = reduction", () => {
    const src = weighted(['super(FocalLoss, self).__init__(weight, reduction=reduction)']);
    const call = at(src, 'cross_entropy(input');
    assert.equal(call?.reduction.value, 'mean');
    assert.deepEqual(call?.reduction.origin, { kind: 'resolved', line: lineOf(src, 'def __init__') });
    const weight = call?.extra.find((e) => e.name === 'weight')?.value;
    assert.equal(weight?.value, null);
    assert.deepEqual(weight?.origin, { kind: 'resolved', line: lineOf(src, 'def __init__') });
    // The same class writing `self.reduction = reduction` itself reads the same.
    const own = weighted(['super().__init__()', 'self.weight = weight', 'self.reduction = reduction'], undefined, 'nn.Module');
    assert.equal(at(own, 'cross_entropy(input')?.reduction.value, 'mean');
  });

  it('super().__init__(), Base.__init__(self, ...) and positional arguments map onto the base\'s signature', () => {
    const positional = weighted(['super().__init__(weight, size_average, reduce, reduction)'], undefined, undefined, "gamma=2, weight=None, size_average=None, reduce=None, reduction='sum'");
    assert.equal(at(positional, 'cross_entropy(input')?.reduction.value, 'sum');
    const explicit = weighted(['nn.modules.loss._WeightedLoss.__init__(self, weight, reduction=reduction)'], "criterion = FocalLoss(reduction='sum')");
    // A construction passes reduction: not the default, so not known (as for self.reduction = reduction).
    assert.equal(at(explicit, 'cross_entropy(input')?.reduction.value, undefined);
    assert.equal(at(explicit, 'cross_entropy(input')?.reduction.origin.kind, 'unresolved');
    // Nothing passed: the base's own 'mean' and None, at the call's line.
    const none = weighted(['super().__init__()']);
    const call = at(none, 'cross_entropy(input');
    assert.equal(call?.reduction.value, 'mean');
    assert.deepEqual(call?.reduction.origin, { kind: 'resolved', line: lineOf(none, 'super().__init__()') });
    assert.equal(call?.extra.find((e) => e.name === 'weight')?.value.value, null);
  });

  it('imported by name from torch.nn.modules.loss; _Loss stores no weight', () => {
    const src = [
      'import torch',
      'import torch.nn.functional as F',
      'from torch.nn.modules.loss import _Loss',
      'class Focal(_Loss):',
      "    def __init__(self, gamma=2, reduction='mean'):",
      '        super().__init__(reduction=reduction)',
      '        self.gamma = gamma',
      '    def forward(self, x, y):',
      '        bce = F.binary_cross_entropy_with_logits(x, y, reduction=self.reduction, pos_weight=self.weight)',
      '        return ((1 - torch.exp(-bce)) ** self.gamma * bce).mean()',
      'crit = Focal()',
    ].join('\n');
    const call = at(src, 'binary_cross_entropy_with_logits(x');
    assert.equal(call?.reduction.value, 'mean');
    assert.equal(call?.extra.find((e) => e.name === 'pos_weight')?.value.origin.kind, 'unresolved');
  });

  it('silent where not certain: another base, two bases, the call under an if, *args, legacy size_average / reduce, an outside assignment, register_buffer', () => {
    const cases: [string, string][] = [
      ['a base of the project', weighted(['super().__init__(weight, reduction=reduction)'], undefined, 'BaseLoss')],
      ['two bases', weighted(['super().__init__(weight, reduction=reduction)'], undefined, 'nn.modules.loss._WeightedLoss, Mixin')],
      ['under an if', weighted(['if weight is not None:', '    super().__init__(weight, reduction=reduction)', 'else:', '    super().__init__(reduction=reduction)'])],
      ['**kwargs', weighted(['super().__init__(weight, **kwargs)'], undefined, undefined, "weight=None, gamma=2, **kwargs")],
      ['legacy size_average', weighted(['super().__init__(weight, size_average, reduction=reduction)'], undefined, undefined, "weight=None, gamma=2, size_average=True, reduction='mean'")],
      ['assigned outside', weighted(['super().__init__(weight, reduction=reduction)'], "criterion = FocalLoss()\ncriterion.reduction = 'none'")],
    ];
    for (const [what, src] of cases) assert.equal(at(src, 'cross_entropy(input')?.reduction.origin.kind, 'unresolved', what);
    const buffer = weighted(['super().__init__(None, reduction=reduction)', "self.register_buffer('weight', weight)"]);
    assert.equal(at(buffer, 'cross_entropy(input')?.extra.find((e) => e.name === 'weight')?.value.origin.kind, 'unresolved');
    // And the lint stays silent on them.
    for (const [what, src] of cases) assert.deepEqual(lintPython(src).map((f) => f.rule), [], what);
  });

  it('the lint reports the batch-mean CE with where the base stores it; its fix sets the call per sample and keeps the code\'s own reduction', () => {
    const src = weighted(['super(FocalLoss, self).__init__(weight, reduction=reduction)']);
    const [finding, ...rest] = lintPython(src);
    assert.equal(rest.length, 0);
    assert.equal(finding?.rule, 'focal-on-reduced-loss');
    assert.match(finding!.message, /which torch's `_WeightedLoss` stores from `reduction`: 'mean' by its default/);
    assert.equal(src.slice(finding!.related!.start, finding!.related!.end), "'mean'");
    // The class's own .mean() reduces the focal loss; a construction elsewhere with 'none' gets the same as before.
    assert.deepEqual(finding?.fixes.map((f) => [f.safety, f.edits.map((e) => e.newText)]), [['safe', ["'none'"]]]);
    const baseDefault = weighted(['super().__init__()']);
    const [f2] = lintPython(baseDefault);
    assert.match(f2!.message, /which torch's `_WeightedLoss` sets to its own default 'mean'/);
    assert.equal(baseDefault.slice(f2!.related!.start, f2!.related!.end), 'super().__init__()');
  });
});
