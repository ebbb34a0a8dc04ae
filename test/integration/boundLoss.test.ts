// A loss built once and called later, through VS Code's hover machinery: the call site gets the
// hover, with the values from where the loss was built.
import * as assert from './assert';
import * as vscode from 'vscode';
import { lossLensHover, positionOf } from './fixtures';

const SOURCE = [
  'import torch',
  'import torch.nn as nn',
  'import jax',
  'import optax',
  'class Head(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.crit = nn.CrossEntropyLoss(label_smoothing=0.1)',
  '    def forward(self, x, y):',
  '        return self.crit(self.fc(x), y)',
  'l = jax.jit(optax.sigmoid_focal_loss)(logits, labels, gamma=3.0)',
  "model = dict(bbox_head=dict(loss_cls=dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25)))",
  'm = torch.nn.functional.cross_entropy(predicted_scores, labels, reduction="sum")',
  '',
].join('\n');

describe('Hover on a loss used as a value', () => {
  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
  });

  it('self.crit(...) in forward shows the CrossEntropyLoss built in __init__', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: SOURCE });
    const hover = await lossLensHover(document.uri, positionOf(document, 'self.crit(self', 6));
    assert.ok(hover, 'no hover on self.crit(...)');
    assert.match(hover, /torch\\\.nn\\\.CrossEntropyLoss/);
    assert.match(hover, /`self\.crit`: the loss built at line 8/);
    assert.ok(hover.includes('label\\_smoothing **0.1** *(line 8)*'), hover);
  });

  it('jax.jit(optax.sigmoid_focal_loss)(...) shows the focal loss with the call\'s gamma', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: SOURCE });
    const hover = await lossLensHover(document.uri, positionOf(document, 'sigmoid_focal_loss)', 3));
    assert.ok(hover, 'no hover inside jax.jit(...)');
    assert.match(hover, /optax\\\.sigmoid\\_focal\\_loss/);
    assert.ok(hover.includes('gamma **3** *(written here)*'), hover);
  });

  it('speaks on keyword names and config keys, not on a prediction argument or a string', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: SOURCE });
    assert.ok(await lossLensHover(document.uri, positionOf(document, 'loss_cls', 3)), 'no hover on loss_cls');
    assert.ok(await lossLensHover(document.uri, positionOf(document, 'use_sigmoid', 3)), 'no hover on a keyword name');
    assert.equal(await lossLensHover(document.uri, positionOf(document, 'predicted_scores', 3)), undefined);
    assert.equal(await lossLensHover(document.uri, positionOf(document, '"sum"', 2)), undefined);
    assert.ok(await lossLensHover(document.uri, positionOf(document, 'reduction="sum"', 3)), 'no hover on reduction=');
  });
});
