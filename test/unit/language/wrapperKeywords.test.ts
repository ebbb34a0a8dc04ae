import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { findLossCalls } from '../../../src/language/recognition';

/*
 * A loss wrapped in a method of the model whose parameters it passes on by keyword (eval set 4's
 * pl_cv_finetuning 63 and 78): Lightning's own computer_vision_fine_tuning.py example
 * (Lightning-AI/pytorch-lightning pl_examples/domain_templates/computer_vision_fine_tuning.py @ 02b0873) writes
 * `self.loss_func = F.binary_cross_entropy_with_logits` and `def loss(self, logits, labels): return
 * self.loss_func(input=logits, target=labels)`, called as `self.loss(y_logits, y_true)`; the exact-string
 * search finds it copied in about ten more files (index hits 23255958352, 34318891276, 34084365225,
 * 31940789950), also with `self.loss_func = nn.CrossEntropyLoss()` (hit 3676159222), with a forward that returns
 * `torch.sigmoid(x)` (hit 20343753: a double sigmoid), and with the parameters swapped, `def loss(self,
 * labels, logits)` (hit 43497276054): there the call's first argument is the target, so by position it is
 * not the loss's input, and the call stays silent. The short snippets below are ours, in those shapes.
 */

const module = (loss: string, params: string, body: string, step: string, forward = 'return self.fc(x)') => [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'import pytorch_lightning as pl',
  'class TransferLearningModel(pl.LightningModule):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(32, 1)',
  `        self.loss_func = ${loss}`,
  '    def forward(self, x):',
  `        ${forward}`,
  `    def loss(self, ${params}):`,
  `        return self.loss_func(${body})`,
  '    def training_step(self, batch, batch_idx):',
  '        x, y = batch',
  '        y_logits = self.forward(x)',
  '        y_true = y.view((-1, 1)).type_as(x)',
  `        return ${step}`,
  '',
].join('\n');

const lineOf = (src: string, offset: number) => src.slice(0, offset).split('\n').length;
const wrapperCalls = (src: string) => findLossCalls(src, 'python').filter((c) => c.through).map((c) => ({ line: lineOf(src, c.nameStart), api: c.api, through: c.through!.method }));

describe('language: a wrapper method passing its parameters on by keyword', () => {
  it("Lightning's example: self.loss(y_logits, y_true) is the function the method returns, by keyword input= / target=", () => {
    const src = module('F.binary_cross_entropy_with_logits', 'logits, labels', 'input=logits, target=labels', 'self.loss(y_logits, y_true)');
    assert.deepEqual(wrapperCalls(src), [{ line: 18, api: 'torch.nn.functional.binary_cross_entropy_with_logits', through: 'TransferLearningModel.loss' }]);
    assert.deepEqual(lintPython(src), []);
  });

  it("a module instance called by keyword (forward's input / target), and a keyword after a positional parameter", () => {
    const instance = module('nn.CrossEntropyLoss(label_smoothing=0.1)', 'logits, labels', 'input=logits, target=labels', 'self.loss(y_logits, y)');
    const [call] = findLossCalls(instance, 'python').filter((c) => c.through);
    assert.deepEqual([call?.api, call?.extra.find((e) => e.name === 'label_smoothing')?.value.value], ['torch.nn.CrossEntropyLoss', 0.1]);
    const mixed = module('F.binary_cross_entropy_with_logits', 'logits, labels', 'logits, target=labels', 'self.loss(y_logits, y_true)');
    assert.equal(wrapperCalls(mixed).length, 1);
  });

  it('the lint follows it: a forward ending in torch.sigmoid into the logits loss is a double sigmoid', () => {
    const src = module('F.binary_cross_entropy_with_logits', 'logits, labels', 'input=logits, target=labels', 'self.loss(y_logits, y_true)', 'return torch.sigmoid(self.fc(x))');
    const found = lintPython(src);
    assert.deepEqual(found.map((f) => f.rule), ['double-sigmoid']);
    assert.match(found[0]!.message, /^`TransferLearningModel\.forward` returns `torch\.sigmoid\(self\.fc\(x\)\)`/);
  });

  const silent: { name: string; params: string; body: string; step: string; loss?: string }[] = [
    { name: 'the parameters swapped (def loss(self, labels, logits)): the first argument is the target', params: 'labels, logits', body: 'input=logits, target=labels', step: 'self.loss(y_true, y_logits)' },
    { name: 'keywords that put the parameters in the other places', params: 'logits, labels', body: 'target=logits, input=labels', step: 'self.loss(y_logits, y_true)' },
    { name: 'a keyword the loss does not take at that place (torchvision names them inputs / targets)', params: 'logits, labels', body: 'input=logits, target=labels', step: 'self.loss(y_logits, y_true)', loss: 'torchvision.ops.sigmoid_focal_loss' },
    { name: 'a keyword reading a parameter out of order after the positional one', params: 'logits, labels', body: 'logits, weight=labels', step: 'self.loss(y_logits, y_true)' },
  ];
  for (const c of silent) {
    it(`silent: ${c.name}`, () => {
      const src = module(c.loss ?? 'F.binary_cross_entropy_with_logits', c.params, c.body, c.step).replace('import torch\n', 'import torch\nimport torchvision\n');
      assert.deepEqual(wrapperCalls(src), []);
    });
  }
});
