import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';

/*
 * A loss class's values read through `self.x = x` from its `__init__` defaults. Seen in the third evaluation
 * set: a focal loss whose `update_weight` method reassigns `self.weight` before every use (a YOLOX-style
 * ship-segmentation repository), and criteria whose only construction is in another file and passes class
 * weights (a training-criterion module, a Hugging Face Trainer subclass). The default is then not known to
 * be what runs: reassigned by another method, the value is not worked out; never constructed in this file,
 * it is shown as the default unless another file passes a value.
 */

const CLASS = [
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  'class WeightedCE(nn.Module):',
  '    def __init__(self, weight=None, smoothing=0.1):',
  '        super().__init__()',
  '        self.weight = weight',
  '        self.smoothing = smoothing',
  '',
  '    def forward(self, x, y):',
  '        return F.cross_entropy(x, y, weight=self.weight, label_smoothing=self.smoothing)',
];

function theCall(lines: readonly string[]) {
  const calls = findLossCalls([...lines, ''].join('\n'), 'python');
  assert.equal(calls.length, 1, JSON.stringify(calls.map((c) => c.api)));
  return calls[0]!;
}

describe('language: values from __init__ defaults the file may not decide', () => {
  it('a class no call in the file constructs: its defaults are shown as such', () => {
    const call = theCall(CLASS);
    assert.equal(call.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
    assert.deepEqual(call.extra.find((e) => e.name === 'label_smoothing')?.value.origin, { kind: 'resolved', line: 4, via: 'uncalledDefault' });
  });

  it('a class the file constructs without the parameter: the default, as before', () => {
    const call = theCall([...CLASS, '', 'criterion = WeightedCE()']);
    assert.deepEqual(call.extra.find((e) => e.name === 'label_smoothing')?.value.origin, { kind: 'resolved', line: 4 });
  });

  it('a class the file constructs with the parameter: not worked out', () => {
    const call = theCall([...CLASS, '', 'criterion = WeightedCE(smoothing=0.2)']);
    assert.equal(call.extra.find((e) => e.name === 'label_smoothing')?.value.origin.kind, 'unresolved');
  });

  it('another method that sets the attribute makes its value unknown; moving it to a device does not', () => {
    const updated = theCall([...CLASS, '', '    def update_smoothing(self, s):', '        self.smoothing = s', '', 'criterion = WeightedCE()']);
    assert.equal(updated.extra.find((e) => e.name === 'label_smoothing')?.value.origin.kind, 'unresolved');
    const moved = theCall([...CLASS, '', '    def to_device(self, d):', '        self.smoothing = self.smoothing.to(d)', '', 'criterion = WeightedCE()']);
    assert.equal(moved.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
  });
});
