// Wrong hover claims the measurement on unseen public code (test/fixtures/evalCorpus) found, each from
// the real snippet that showed it. The library facts, as read in the libraries' own source:
// - torch 1.13.1 (Debian python3-torch) torch/nn/_reduction.py legacy_get_string(size_average, reduce):
//   None counts as True; both true 'mean', reduce alone 'sum', reduce=False 'none'. F.cross_entropy,
//   F.binary_cross_entropy_with_logits & co. (torch/nn/functional.py) and _Loss.__init__ (modules/loss.py)
//   use it, ignoring `reduction`, whenever size_average or reduce is not None.
// - Keras 3 (keras-team/keras 012e336) keras/src/trainers/compile_utils.py get_loss: a loss that is not a
//   Loss instance (a string resolved to a function) is wrapped in LossFunctionWrapper(loss_obj, name=...);
//   keras/src/losses/losses.py (04bf538) LossFunctionWrapper(fn, reduction="sum_over_batch_size", ...).
//   tf.keras 2 get_loss_function wraps it the same way (reduction AUTO -> SUM_OVER_BATCH_SIZE).
import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';

describe('hover: wrong claims found on unseen code', () => {
  it("size_average=False is reduction 'sum' (kuangliu/pytorch-retinanet loss.py @ 2d7c663)", () => {
    const src = `import torch.nn.functional as F\n\ndef focal_loss(self, x, y):\n    w = alpha*t + (1-alpha)*(1-t)\n    return F.binary_cross_entropy_with_logits(x, t, w, size_average=False)\n`;
    const [call] = findLossCalls(src, 'python');
    assert.equal(call!.reduction.value, 'sum');
    assert.equal(call!.reduction.origin.kind, 'explicit');
    assert.match(call!.reduction.text, /size_average=False/);
  });

  it("reduce=False is reduction 'none' (aqx95/cassava_kaggle loss.py @ bb09732)", () => {
    const [call] = findLossCalls(`import torch.nn.functional as F\ncent_loss = F.cross_entropy(F.normalize(input), target, reduce=False)\n`, 'python');
    assert.equal(call!.reduction.value, 'none');
  });

  it("legacy flags: size_average=True with reduce=True is 'mean'; None leaves reduction= in charge; an unknown flag is unresolved", () => {
    const value = (args: string) => findLossCalls(`import torch.nn as nn\nc = nn.CrossEntropyLoss(${args})\n`, 'python')[0]!.reduction;
    assert.equal(value('size_average=True, reduce=True').value, 'mean');
    assert.equal(value('reduce=True, size_average=False').value, 'sum');
    assert.equal(value("size_average=None, reduction='sum'").value, 'sum');
    assert.equal(value("reduction='none'").value, 'none');
    assert.equal(value('size_average=flag').value, undefined);
    assert.equal(value('size_average=flag').origin.kind, 'unresolved');
  });

  it("compile(loss='categorical_crossentropy') trains on the batch mean: 'sum_over_batch_size', not one value per sample (MicrosoftDocs/ml-basics 05a TensorFlow notebook @ ee7bccc)", () => {
    const src = `model.compile(loss='categorical_crossentropy',\n              optimizer=opt,\n              metrics=['accuracy'])\n`;
    const [call] = findLossCalls(src, 'python');
    assert.equal(call!.api, 'keras.losses.categorical_crossentropy');
    assert.equal(call!.reduction.value, 'sum_over_batch_size');
    assert.equal(call!.reduction.origin.kind, 'default');
    // Called directly, the function still gives one value per sample.
    const [direct] = findLossCalls(`import keras\nl = keras.losses.categorical_crossentropy(y_true, y_pred)\n`, 'python');
    assert.match(direct!.reduction.value ?? '', /^none/);
  });

  it('user losses named SymmetricCrossEntropy (alpha weighs CE against reverse CE) or FocalCosineLoss (cosine + focal) get no claim (aqx95/cassava_kaggle loss.py @ bb09732)', () => {
    const src = [
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'def loss_fn(loss_name, config):',
      "    if loss_name == 'focalcosineloss':",
      '        return FocalCosineLoss(**config.criterion_params[config.criterion])',
      "    if loss_name == 'symmetriccrossentropy':",
      '        return SymmetricCrossEntropy(**config.criterion_params[config.criterion])',
      'class FocalCosineLoss(nn.Module):',
      '    def __init__(self, alpha=1, gamma=2, xent=.1):',
      '        super(FocalCosineLoss, self).__init__()',
      '        self.alpha = alpha',
      '        self.gamma = gamma',
      'class SymmetricCrossEntropy(nn.Module):',
      '    def __init__(self, alpha=0.1, beta=1.0, num_classes= 5, smoothing=0.0):',
      '        super(SymmetricCrossEntropy, self).__init__()',
      '        self.alpha = alpha',
      '    def forward(self, logits, targets, reduction=\'mean\'):',
      '        ce_loss = F.cross_entropy(logits, targets, reduction=reduction)',
      '        return self.alpha * ce_loss + self.beta * rce_loss',
      '',
    ].join('\n');
    assert.deepEqual(findLossCalls(src, 'python').map((c) => c.api), ['torch.nn.functional.cross_entropy']);
  });
});
