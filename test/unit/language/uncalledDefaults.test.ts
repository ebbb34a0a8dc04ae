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

  it("detectron2's @configurable and gin's @gin.configurable fill __init__ from a config: its defaults are not what runs", () => {
    // facebookresearch/detectron2 detectron2/modeling/meta_arch/retinanet.py (main, 2024): `@configurable`
    // on `__init__(..., focal_loss_alpha=0.25, focal_loss_gamma=2.0, ...)`, whose `from_config` reads
    // cfg.MODEL.RETINANET.FOCAL_LOSS_ALPHA; the loss is sigmoid_focal_loss_jit(..., alpha=self.focal_loss_alpha).
    // google/gin-config's README: `@gin.configurable` on a function or class takes its arguments from .gin files.
    const focal = (decorator: string, onClass: boolean) => [
      'from fvcore.nn import sigmoid_focal_loss_jit',
      'from detectron2.config import configurable',
      'import gin',
      ...(onClass ? [decorator] : []),
      'class RetinaNet:',
      ...(onClass ? [] : [`    ${decorator}`]),
      '    def __init__(self, *, focal_loss_alpha=0.25, focal_loss_gamma=2.0):',
      '        self.focal_loss_alpha = focal_loss_alpha',
      '        self.focal_loss_gamma = focal_loss_gamma',
      '    def losses(self, logits, targets):',
      '        return sigmoid_focal_loss_jit(logits, targets, alpha=self.focal_loss_alpha, gamma=self.focal_loss_gamma, reduction="sum")',
    ];
    for (const [decorator, onClass] of [['@configurable', false], ['@gin.configurable', true], ['@gin.configurable', false]] as const) {
      const call = theCall(focal(decorator, onClass));
      assert.equal(call.alpha?.origin.kind, 'unresolved', `${decorator} on ${onClass ? 'the class' : '__init__'}`);
      assert.equal(call.gamma?.origin.kind, 'unresolved');
    }
    // Another decorator leaves the defaults as they were.
    const plain = theCall(focal('@torch.no_grad()', false));
    assert.equal(plain.alpha?.value, 0.25);
  });

  it('a class built only by the module\'s self-test (if __name__ == "__main__":) is shown with the hedge; a script\'s top-level construction is not', () => {
    // jfzhang95/pytorch-deeplab-xception utils/loss.py: SegmentationLosses(weight=None, ...) built in its
    // `if __name__ == "__main__":` test; train.py (another file) passes weight=weight.
    const selfTest = theCall([...CLASS, '', 'if __name__ == "__main__":', '    loss = WeightedCE()', '    print(loss)']);
    assert.deepEqual(selfTest.extra.find((e) => e.name === 'label_smoothing')?.value.origin, { kind: 'resolved', line: 4, via: 'uncalledDefault' });
    const script = theCall([...CLASS, '', 'criterion = WeightedCE()', 'if __name__ == "__main__":', '    loss = WeightedCE()']);
    assert.deepEqual(script.extra.find((e) => e.name === 'label_smoothing')?.value.origin, { kind: 'resolved', line: 4 });
    const passes = theCall([...CLASS, '', "if __name__ == '__main__':", '    loss = WeightedCE(smoothing=0.2)']);
    assert.equal(passes.extra.find((e) => e.name === 'label_smoothing')?.value.origin.kind, 'unresolved');
  });
  it("a forward / call / __call__ parameter's default is not what runs: the instances' calls pass it", () => {
    // d2l-ai/d2l-en chapter_natural-language-processing-pretraining/word2vec-pretraining.md (master, 2024):
    // SigmoidBCELoss.forward(self, inputs, target, mask=None) calls binary_cross_entropy_with_logits(...,
    // weight=mask, reduction="none"), and the training loop calls `loss(pred, label, mask)`.
    for (const method of ['forward', 'call', '__call__']) {
      const call = theCall([
        'import torch.nn as nn',
        'class SigmoidBCELoss(nn.Module):',
        `    def ${method}(self, inputs, target, mask=None, smoothing=0.1):`,
        '        return nn.functional.binary_cross_entropy_with_logits(inputs, target, weight=mask, reduction="none")',
        '',
        'loss = SigmoidBCELoss()',
        'l = loss(pred, label, mask)',
      ]);
      assert.equal(call.extra.find((e) => e.name === 'weight')?.value.origin.kind, 'unresolved', method);
    }
    // Any other method's default is still read from the file's calls of it.
    const other = theCall([
      'import torch.nn as nn',
      'class Losses(nn.Module):',
      '    def bce(self, inputs, target, mask=None):',
      '        return nn.functional.binary_cross_entropy_with_logits(inputs, target, weight=mask, reduction="none")',
      '',
      'l = Losses().bce(pred, label)',
    ]);
    assert.deepEqual(other.extra.find((e) => e.name === 'weight')?.value.origin, { kind: 'resolved', line: 2 });
  });
  it('a warning about a focal value is not stated when the value is an uncalled default: the callers may pass another', () => {
    // AdeelH/pytorch-multi-class-focal-loss focal_loss.py (2477bf6): the factory `focal_loss(alpha=None,
    // gamma=0., ...)` returns `FocalLoss(alpha=alpha, gamma=gamma, ...)`; the file never calls it, and its
    // users pass gamma=2. The values line says "the default at line N, unless another file passes a value";
    // "gamma=0: the modulating factor is 1" stated as fact would be wrong for every such caller.
    const factory = [
      'from torchvision.ops import sigmoid_focal_loss',
      '',
      'def focal(x, y, alpha=0.1, gamma=0.0):',
      '    return sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)',
    ];
    const uncalled = theCall(factory);
    assert.deepEqual([uncalled.gamma.value, uncalled.alpha.value], [0, 0.1]);
    assert.equal(uncalled.gamma.origin.kind === 'resolved' && uncalled.gamma.origin.via, 'uncalledDefault');
    assert.deepEqual(uncalled.caveats.filter((c) => /gamma=0|alpha=0.1/.test(c)), []);
    // facebookresearch/fvcore tests/test_focal_loss.py (3378afe): `focal_loss_with_init(N, alpha=-1)`, run by a
    // benchmark in another file, passes `alpha=alpha` to sigmoid_focal_loss.
    const offByDefault = theCall(['from fvcore.nn import sigmoid_focal_loss', '', 'def bench(x, y, alpha=-1):', '    return sigmoid_focal_loss(x, y, gamma=0, alpha=alpha)']);
    assert.equal(offByDefault.alpha.origin.kind === 'resolved' && offByDefault.alpha.origin.via, 'uncalledDefault');
    assert.deepEqual(offByDefault.caveats.filter((c) => /turns alpha weighting off/.test(c)), []);
    // Called in the file with the defaults, the values are what runs, and the warnings say so.
    const called = findLossCalls([...factory, '', 'loss = focal(a, b)', ''].join('\n'), 'python').find((c) => c.api === 'torchvision.ops.sigmoid_focal_loss')!;
    assert.equal(called.caveats.filter((c) => /gamma=0: the modulating factor is 1/.test(c)).length, 1);
    assert.equal(called.caveats.filter((c) => /alpha=0.1 weights positives/.test(c)).length, 1);
  });
});
