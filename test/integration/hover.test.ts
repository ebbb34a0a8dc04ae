// The hover, through VS Code's own hover machinery (vscode.executeHoverProvider) on real files:
// Python of several libraries, a notebook cell, a YAML config; and the setting that turns it off.
import * as assert from './assert';
import * as vscode from 'vscode';
import { formatScientific, lossFromProb } from '../../src/core';

/** A hover table's CE row and second row, printed as the hover prints them: one notation for the whole table. */
function tableRows(ce: number[], loss: number[]): [string, string] {
  // A negative exponent's sign is U+2212 in the hover (no line break after it in a narrow hover).
  const cells = formatScientific([...ce, ...loss]).map((cell) => cell.replace(/e-(\d)/, 'e\u2212$1'));
  return [cells.slice(0, ce.length).join(' | '), cells.slice(ce.length).join(' | ')];
}
import { HOVER_PT_VALUES as HOVER_PT } from '../../src/extension/hoverMarkdown';
import type { LossLensApi } from '../../src/extension/extension';
import { fixtureUri, lossLensHover, positionOf, withSetting } from './fixtures';

describe('Hover on loss calls', () => {
  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
  });

  it('explains a torchvision call with its values, origins and the core\'s table', async () => {
    const uri = fixtureUri('train.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const hover = await lossLensHover(uri, positionOf(document, 'sigmoid_focal_loss(logits', 3));
    assert.ok(hover, 'no Loss Lens hover on sigmoid_focal_loss');
    assert.match(hover, /torchvision\\\.ops\\\.sigmoid\\_focal\\_loss/);
    assert.ok(hover.includes('alpha **0.25** *(written here)* · gamma **2** *(written here)*'), hover);
    const [, fl] = tableRows(HOVER_PT.map((pt) => lossFromProb('ce', pt, 1)), HOVER_PT.map((pt) => lossFromProb('focal', pt, 1, { alpha: 0.25, gamma: 2 })));
    assert.ok(hover.includes(`| this loss | ${fl} |`), hover);
    assert.match(hover, /"mean"\*\*: over every element, not the paper's sum/);
  });

  it('resolves a module constant, and tells fvcore, mmdet, Keras and optax apart', async () => {
    const uri = fixtureUri('losses.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const fvcore = await lossLensHover(uri, positionOf(document, 'sigmoid_focal_loss_jit(logits', 2));
    assert.ok(fvcore);
    assert.match(fvcore, /fvcore\\\.nn\\\.sigmoid\\_focal\\_loss\\_jit/);
    assert.ok(fvcore.includes('gamma **1.5** *(line 7)*'), fvcore);
    assert.ok(fvcore.includes('*library defaults: alpha none'), fvcore);
    const mmdet = await lossLensHover(uri, positionOf(document, 'FocalLoss(use_sigmoid', 2));
    assert.ok(mmdet);
    assert.match(mmdet, /mmdet/);
    const keras = await lossLensHover(uri, positionOf(document, 'BinaryFocalCrossentropy(', 4));
    assert.ok(keras);
    assert.match(keras, /apply\\_class\\_balancing/);
    const optax = await lossLensHover(uri, positionOf(document, 'sigmoid_focal_loss(logits, labels', 4));
    assert.ok(optax);
    assert.match(optax, /optax/);
    assert.ok(optax.includes('alpha **0.75** *(written here)*'), optax);
  });

  it('finds an aliased call before the file has been read, and not the alias in its import', async () => {
    // A document of its own name: a new untitled document may be Untitled-1 again, like one an earlier
    // suite just closed, and the extension host can hand back that one while its close is in flight.
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: '/hover_alias_before_read.py' }));
    const content = new vscode.WorkspaceEdit();
    content.insert(document.uri, new vscode.Position(0, 0), 'from torchvision.ops import sigmoid_focal_loss as sfl\nloss = sfl(x, t, gamma=3.0)\n');
    assert.ok(await vscode.workspace.applyEdit(content), 'edit not applied');
    assert.equal(await lossLensHover(document.uri, positionOf(document, 'as sfl', 4)), undefined);
    const hover = await lossLensHover(document.uri, positionOf(document, 'sfl(x', 1));
    assert.ok(hover?.includes('gamma **3** *(written here)*'), hover);
  });

  it('says what the loss is given when the file settles it: the forward that returns log_softmax, and again after an edit', async () => {
    // pytorch/examples mnist/main.py's Net, trained with CrossEntropyLoss instead of its nll_loss.
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: '/hover_model_flow.py' }));
    const content = new vscode.WorkspaceEdit();
    content.insert(document.uri, new vscode.Position(0, 0), [
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      '',
      'class Net(nn.Module):',
      '    def __init__(self):',
      '        super(Net, self).__init__()',
      '        self.fc1 = nn.Linear(9216, 128)',
      '        self.fc2 = nn.Linear(128, 10)',
      '',
      '    def forward(self, x):',
      '        x = F.relu(self.fc1(x))',
      '        x = self.fc2(x)',
      '        output = F.log_softmax(x, dim=1)',
      '        return output',
      '',
      'model = Net()',
      'criterion = nn.CrossEntropyLoss()',
      '',
      'def train(data, target):',
      '    loss = criterion(model(data), target)',
      '    return loss',
      '',
    ].join('\n'));
    assert.ok(await vscode.workspace.applyEdit(content), 'edit not applied');
    const hover = await lossLensHover(document.uri, positionOf(document, 'criterion(model', 2));
    assert.ok(hover, 'no hover on criterion(model(data), target)');
    assert.ok(hover.includes('**Input** `model(data)` is log-probabilities (log_softmax): `Net.forward` returns `F.log_softmax(x, dim=1)` (line 13).'), hover);
    // The forward now returns its logits: the next version's hover says so, and nothing of the old one.
    const edit = new vscode.WorkspaceEdit();
    const start = positionOf(document, 'F.log_softmax(x, dim=1)');
    edit.replace(document.uri, new vscode.Range(start, start.translate(0, 'F.log_softmax(x, dim=1)'.length)), 'x');
    assert.ok(await vscode.workspace.applyEdit(edit), 'edit not applied');
    const after = await lossLensHover(document.uri, positionOf(document, 'criterion(model', 2));
    assert.ok(after?.includes('**Input** `model(data)` is raw logits: `Net.forward` returns `self.fc2(x)` (line 12).'), after);
    assert.ok(!after!.includes('log_softmax(x'), after);
    // The construction line is not given a prediction: it says nothing about one.
    const construction = await lossLensHover(document.uri, positionOf(document, 'CrossEntropyLoss()', 2));
    assert.ok(construction && !construction.includes('**Input**'), construction);
  });

  it('models the CE family as a softmax over classes and pos_weight as a weight on positives', async () => {
    // A document of its own name, as above: a plain openTextDocument({ content }) was handed an Untitled-1
    // an earlier suite had just reverted and closed, and showed its (empty) text (seen in the web worker host).
    const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: '/hover_ce_family.py' }));
    const content = new vscode.WorkspaceEdit();
    content.insert(document.uri, new vscode.Position(0, 0), 'import torch.nn as nn\nimport torch.nn.functional as F\nce = F.cross_entropy(logits, y, label_smoothing=0.1)\nbce = nn.BCEWithLogitsLoss(pos_weight=3.0)\n');
    assert.ok(await vscode.workspace.applyEdit(content), 'edit not applied');
    const ce = await lossLensHover(document.uri, positionOf(document, 'cross_entropy', 3));
    assert.ok(ce, 'no hover on F.cross_entropy');
    assert.match(ce, /`log_softmax` over the classes is applied inside/);
    assert.ok(!ce.includes('sigmoid is applied'), ce);
    assert.match(ce, /classes assumed/);
    const bce = await lossLensHover(document.uri, positionOf(document, 'BCEWithLogitsLoss', 3));
    assert.ok(bce, 'no hover on BCEWithLogitsLoss');
    const [, threeTimesCe] = tableRows(HOVER_PT.map((pt) => lossFromProb('ce', pt, 1)), HOVER_PT.map((pt) => lossFromProb('ce', pt, 1, { posWeight: 3 })));
    assert.ok(bce.includes(`| this loss, y = 1 | ${threeTimesCe} |`), bce);
  });

  it('says nothing over an RL discount named gamma', async () => {
    const uri = fixtureUri('losses.py');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(await lossLensHover(uri, positionOf(document, 'gamma = 0.99', 1)), undefined);
  });

  it('explains detectron2 keys in a YAML config', async () => {
    const uri = fixtureUri('detectron2.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    const hover = await lossLensHover(uri, positionOf(document, 'FOCAL_LOSS_GAMMA', 3));
    assert.ok(hover, 'no hover on FOCAL_LOSS_GAMMA');
    assert.match(hover, /detectron2/);
    assert.ok(hover.includes('gamma **1** *(written here)*'), hover);
  });

  it('reads a YAML file only where a loss may be, and YOLOv5 hyperparameters count (fl_gamma)', async () => {
    const hyp = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'lr0: 0.01\nfl_gamma: 1.5\n' });
    assert.ok(await lossLensHover(hyp.uri, positionOf(hyp, 'fl_gamma', 3)), 'no hover on fl_gamma');
    const workflow = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n' });
    assert.equal(await lossLensHover(workflow.uri, positionOf(workflow, 'runs-on', 2)), undefined);
  });

  it('works in a notebook cell, with a constant and a loss from earlier cells, each placed by its cell and line there', async () => {
    const notebook = await vscode.workspace.openNotebookDocument(fixtureUri('cells.ipynb'));
    // Cell 1 is markdown; the constant is in cell 2, line 3; the user's focal loss in cell 3, line 1.
    const cell = notebook.cellAt(3).document;
    const hover = await lossLensHover(cell.uri, positionOf(cell, 'sigmoid_focal_loss', 3));
    assert.ok(hover, 'no hover in the notebook cell');
    assert.ok(hover.includes('alpha **0.4** *(cell 2, line 3)*'), hover);
    const mine = await lossLensHover(cell.uri, positionOf(cell, 'focal_loss(x, t, gamma', 3));
    assert.ok(mine, 'no hover on the focal loss defined in an earlier cell');
    assert.ok(mine.includes('alpha **0.25** *(cell 3, line 1)*'), mine);
    assert.ok(mine.includes('focal\\_loss is defined in an earlier cell\\.'), mine);
    assert.doesNotMatch(mine, /line -|line 0\b/);
  });

  it('is turned off by lossLens.hover.enabled', async () => {
    const uri = fixtureUri('train.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const position = positionOf(document, 'sigmoid_focal_loss(logits', 3);
    await withSetting('hover.enabled', false, async () => {
      assert.equal(await lossLensHover(uri, position), undefined);
    });
    assert.ok(await lossLensHover(uri, position), 'the hover did not come back');
  });

  it('shows the edited values after an edit, whether the hover comes before or after the background re-read', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'import torchvision\nloss = torchvision.ops.sigmoid_focal_loss(x, t, gamma=2.0)\n' });
    const editor = await vscode.window.showTextDocument(document);
    const position = positionOf(document, 'sigmoid_focal_loss', 3);
    assert.ok((await lossLensHover(document.uri, position))?.includes('gamma **2** *(written here)*'));
    const edit = (from: string, to: string) =>
      editor.edit((builder) => builder.replace(new vscode.Range(positionOf(document, from), positionOf(document, from, from.length)), to));
    await edit('gamma=2.0', 'gamma=3.0');
    assert.ok((await lossLensHover(document.uri, position))?.includes('gamma **3** *(written here)*'), 'right after the edit');
    // The background re-read of the edited version, announced by the extension's onDidReread.
    const api = vscode.extensions.getExtension<LossLensApi>('loss-lens.loss-lens')!.exports;
    const reread = new Promise<void>((resolve) => {
      const subscription = api.onDidReread((read) => {
        if (read !== document || !read.getText().includes('gamma=0.5')) return;
        subscription.dispose();
        resolve();
      });
    });
    await edit('gamma=3.0', 'gamma=0.5');
    await reread;
    assert.ok((await lossLensHover(document.uri, position))?.includes('gamma **0.5** *(written here)*'), 'after the background re-read');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('follows lossLens.logBase in the next hover', async () => {
    const uri = fixtureUri('train.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const position = positionOf(document, 'sigmoid_focal_loss(logits', 3);
    await withSetting('logBase', '10', async () => {
      const hover = await lossLensHover(uri, position);
      const [ce] = tableRows(HOVER_PT.map((pt) => lossFromProb('ce', pt, 1, { base: 10 })), HOVER_PT.map((pt) => lossFromProb('focal', pt, 1, { alpha: 0.25, gamma: 2, base: 10 })));
      assert.ok(hover?.includes(`| CE | ${ce} |`), hover);
    });
  });
});
