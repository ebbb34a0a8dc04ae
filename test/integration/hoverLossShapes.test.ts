// The loss shapes of the eval's remaining hover misses, through VS Code's own hover machinery
// (vscode.executeHoverProvider). The patterns, the library facts and the public code that showed each
// are in the unit tests: test/unit/language/lossBaseAttributes.test.ts (a reduction stored by torch's
// _WeightedLoss), loopLosses.test.ts (a loss a for loop takes from a list), wrapperMethods.test.ts (a
// loss wrapped in a method of the model), registeredLosses.test.ts (the names a workspace file registers;
// the last suite here creates a vendored mmdet with its own VarifocalLoss in the workspace, then deletes it).
import * as assert from './assert';
import * as vscode from 'vscode';
import { describeHovers, lossHoverAt, poll } from './fixtures';

const WEIGHTED_LOSS = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'class FocalLoss(nn.modules.loss._WeightedLoss):',
  "    def __init__(self, weight=None, gamma=2, reduction='mean'):",
  '        super(FocalLoss, self).__init__(weight, reduction=reduction)',
  '        self.gamma = gamma',
  '    def forward(self, input, target):',
  '        ce_loss = F.cross_entropy(input, target, reduction=self.reduction, weight=self.weight)',
  '        pt = torch.exp(-ce_loss)',
  '        return ((1 - pt) ** self.gamma * ce_loss).mean()',
  'criterion = FocalLoss(gamma=2)',
  '',
].join('\n');

describeHovers("Hover on a CE whose reduction and weight torch's _WeightedLoss stores", WEIGHTED_LOSS, (opened) => {

  it("F.cross_entropy(..., reduction=self.reduction, weight=self.weight): 'mean' and no weight, from __init__'s defaults (line 5)", async () => {
    const hover = await lossHoverAt(opened(), 'cross_entropy(input', 2);
    assert.ok(hover, 'no hover on F.cross_entropy');
    assert.match(hover, /^\*\*torch\\\.nn\\\.functional\\\.cross\\_entropy\*\*/);
    assert.match(hover, /reduction `"mean"` \*\(line 5\)\* · weight \*\*none\*\* \*\(line 5\)\*/);
    assert.doesNotMatch(hover, /self\.reduction|unresolved/);
  });
});

const LOOPED = [
  'import torch.nn as nn',
  'criterions = [nn.CrossEntropyLoss(ignore_index=255)] * 3',
  'def step(outs, ys):',
  '    loss = 0',
  '    for c, o, y in zip(criterions, outs, ys):',
  '        loss += c(o, y)',
  '    for crit, out, y in zip([nn.CrossEntropyLoss(label_smoothing=0.1), nn.CrossEntropyLoss(label_smoothing=0.2)], outs, ys):',
  '        loss += crit(out, y)',
  '    for mixed, out, y in zip([nn.CrossEntropyLoss(), nn.BCEWithLogitsLoss()], outs, ys):',
  '        loss += mixed(out, y)',
  '    return loss',
  '',
].join('\n');

describeHovers('Hover on a loss a for loop takes from a list', LOOPED, (opened) => {

  it('c(o, y) over [nn.CrossEntropyLoss(ignore_index=255)] * 3: that loss, from the list and the loop', async () => {
    const hover = await lossHoverAt(opened(), 'c(o, y)', 1);
    assert.ok(hover, 'no hover on c(o, y)');
    assert.match(hover, /^\*\*torch\\\.nn\\\.CrossEntropyLoss\*\*/);
    assert.match(hover, /`c`: the loss of the list at line 2 \(the for loop, line 5\)/);
    assert.match(hover, /ignore\\_index \*\*255\*\* \*\(line 2\)\*/);
  });

  it('crit(out, y) over two CrossEntropyLoss: each in turn, the label smoothing of each, no table', async () => {
    const hover = await lossHoverAt(opened(), 'crit(out, y)', 2);
    assert.ok(hover, 'no hover on crit(out, y)');
    assert.match(hover, /`crit`: each loss of the list at line 7, in turn \(the for loop, line 7\)/);
    assert.match(hover, /label\\_smoothing \*\*0\.1 or 0\.2\*\* \*\(the losses of the list, line 7\)\*/);
  });

  it('mixed(out, y) over a CrossEntropyLoss and a BCEWithLogitsLoss stays silent', async () => {
    assert.equal(await lossHoverAt(opened(), 'mixed(out, y)', 2), undefined);
  });
});

const WRAPPED = [
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super().__init__()',
  '        self.fc = nn.Linear(10, 3)',
  '        self.criterion = nn.CrossEntropyLoss(label_smoothing=0.1)',
  '    def forward(self, x):',
  '        return self.fc(x)',
  '    def loss(self, out, y):',
  '        return self.criterion(out, y)',
  '    def indexed(self, outputs, labels):',
  '        return F.cross_entropy(outputs[0], labels)',
  'model = Net()',
  'l = model.loss(model(x), y)',
  'm = model.indexed(model(x), y)',
  '',
].join('\n');

describeHovers('Hover on a loss wrapped in a method of the model', WRAPPED, (opened) => {

  it('model.loss(...) is the CrossEntropyLoss the method returns (line 11), its label smoothing from line 7', async () => {
    const hover = await lossHoverAt(opened(), 'loss(model(x)', 1);
    assert.ok(hover, 'no hover on model.loss(...)');
    assert.match(hover, /^\*\*torch\\\.nn\\\.CrossEntropyLoss\*\*/);
    assert.match(hover, /Net\\\.loss returns this loss, line 11/);
    assert.match(hover, /label\\_smoothing \*\*0\.1\*\* \*\(line 7\)\*/);
  });

  it('model.indexed(...), whose method passes outputs[0], stays silent', async () => {
    assert.equal(await lossHoverAt(opened(), 'indexed(model(x)', 1), undefined);
  });
});

const OWN_REGISTERED = [
  "default_scope = 'mmdet'",
  'model = dict(',
  "    bbox_head=dict(",
  "        loss_cls=dict(type='VarifocalLoss', use_sigmoid=True, alpha=0.75, gamma=2.0, iou_weighted=True, loss_weight=1.0),",
  "        loss_aux=dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25, loss_weight=1.0),",
  "        loss_extra=dict(type='CrossEntropyLoss', use_sigmoid=True, loss_weight=1.0)))",
  '',
].join('\n');

/** A vendored mmdetection whose VarifocalLoss is its own: a stand-in with the shape of a registered loss class. */
const VENDORED = [
  'import torch.nn as nn',
  'from ..builder import LOSSES',
  '',
  '',
  '@LOSSES.register_module()',
  'class VarifocalLoss(nn.Module):',
  "    def __init__(self, use_sigmoid=True, alpha=0.5, gamma=1.5, iou_weighted=False, reduction='mean', loss_weight=1.0):",
  '        super().__init__()',
  '        self.alpha, self.gamma = alpha, gamma',
  '',
  '    def forward(self, pred, target):',
  '        return (pred - target).abs().pow(self.gamma).mean() * self.alpha',
  '',
  '',
  '@LOSSES.register_module()',
  'class CrossEntropyLoss(nn.Module):',
  '    def forward(self, pred, target):',
  '        return (pred - target).abs().mean()',
  '',
].join('\n');

const HEDGE = /No values: this workspace registers its own VarifocalLoss \\\(vendored\\_mmdet\/mmdet\/models\/losses\/varifocal\\_loss\\\.py\\\), which may compute something else: the parameters here are upstream mmdet's/;

describeHovers('Hover on an mmdet config whose loss the workspace registers itself', OWN_REGISTERED, (opened) => {
  // Created by the suite (through a workspace edit, as a user's file operation is) and deleted after it, so the
  // fixture workspace holds no vendored mmdet for the other suites.
  const folder = () => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'vendored_mmdet');
  before(async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(vscode.Uri.joinPath(folder(), 'mmdet', 'models', 'losses', 'varifocal_loss.py'), { overwrite: true, contents: new TextEncoder().encode(VENDORED) });
    assert.ok(await vscode.workspace.applyEdit(edit), 'the vendored file could not be created');
  });
  after(async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(folder(), { recursive: true, ignoreIfNotExists: true });
    await vscode.workspace.applyEdit(edit);
  });

  it("dict(type='VarifocalLoss') with a vendored mmdet registering its own VarifocalLoss: upstream's parameters, hedged, no values; plain again once it is deleted", async () => {
    const hedged = await poll(() => lossHoverAt(opened(), 'VarifocalLoss', 1), (hover) => hover !== undefined && HEDGE.test(hover));
    assert.ok(hedged.accepted, `not hedged: ${hedged.value}`);
    assert.doesNotMatch(hedged.value!, /Open in Loss Explorer/);
    // FocalLoss beside it, which the workspace does not register: upstream mmdet's, as before.
    const focal = await lossHoverAt(opened(), 'FocalLoss', 2);
    assert.ok(focal, 'no hover on FocalLoss');
    assert.match(focal, /^\*\*mmdet\\\.models\\\.losses\\\.FocalLoss\*\*/);
    assert.doesNotMatch(focal, /registers its own/);
    assert.match(focal, /Open in Loss Explorer/);
    // Explain Loss Call at Cursor does not chart upstream's numbers for it either (the panel's follow-cursor
    // reads the same builtCallAt); it says why and opens nothing.
    const editor = await vscode.window.showTextDocument(opened());
    const onOwnCe = editor.document.positionAt(editor.document.getText().indexOf("'CrossEntropyLoss'") + 2);
    editor.selection = new vscode.Selection(onOwnCe, onOwnCe);
    assert.equal(await vscode.commands.executeCommand('lossLens.explainAtCursor'), undefined);
    // Deleting the file is a change the next hover sees (the registrations are searched again).
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(folder(), { recursive: true });
    assert.ok(await vscode.workspace.applyEdit(edit), 'the vendored folder could not be deleted');
    const plain = await poll(() => lossHoverAt(opened(), 'VarifocalLoss', 1), (hover) => hover !== undefined && !/registers its own/.test(hover));
    assert.ok(plain.accepted, `still hedged after the delete: ${plain.value}`);
  });
});
