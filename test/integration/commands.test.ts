// The selection and cursor commands in a real workbench, driven with arguments in place of the
// QuickPick and InputBox answers a person would give.
import * as assert from './assert';
import * as vscode from 'vscode';
import { lossFromLogit, lossFromProb } from '../../src/core';
import { toMarkdown } from '../../src/core/tables';
import { valueRows, valueTable } from '../../src/core/valueRows';
import { implementationAsPlainCode, FOCAL_IMPLEMENTATIONS } from '../../src/language/implementations';
import type { ComputeSelectionResult } from '../../src/extension/selectionCommand';
import type { LossReport } from '../../src/extension/lossReport';
import type { ExplorerCall, ExplorerMulticlassCall } from '../../src/protocol';
import { explorerTabs, fixtureUri, positionOf, waitFor, withSetting } from './fixtures';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

describe('Commands on selections and at the cursor', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Compute Loss for Selection reads the selected list and targets and opens the panel', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: 'preds = [0.98, 0.2]\nlabels = [1, 0]\n' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 0, 1, 15);
    const result = await vscode.commands.executeCommand<ComputeSelectionResult>('lossLens.computeSelection');
    assert.ok(result?.losses, `no losses: ${JSON.stringify(result)}`);
    const expected = lossFromProb('focal', 0.98, 1, { alpha: 0.25, gamma: 2 }) + lossFromProb('focal', 0.2, 0, { alpha: 0.25, gamma: 2 });
    assert.ok(close(result.losses.sums.focal, expected), `${result.losses.sums.focal} vs ${expected}`);
    assert.deepEqual(result.losses.points, [{ p: 0.98, y: 1 }, { p: 0.2, y: 0 }]);
    await waitFor(() => explorerTabs().length === 1, 'the Loss Explorer');
  });

  it('takes y from the arguments when the selection has predictions only, and logits outside [0, 1]', async () => {
    const result = await vscode.commands.executeCommand<ComputeSelectionResult>('lossLens.computeSelection', { text: 'torch.tensor([[2.5, -1.0]])', y: 1 });
    assert.ok(result?.losses);
    assert.equal(result.losses.space, 'logit');
    assert.ok(close(result.losses.sums.ce, lossFromLogit('ce', 2.5, 1) + lossFromLogit('ce', -1, 1)));
  });

  it('refuses a bad selection with its reason and place, without throwing', async () => {
    const unparsable = await vscode.commands.executeCommand<ComputeSelectionResult>('lossLens.computeSelection', { text: '[0.9, banana]', y: 1 });
    assert.equal(unparsable?.refusal?.code, 'unparsable');
    assert.equal(unparsable?.refusal?.token, 'banana');
    const mismatch = await vscode.commands.executeCommand<ComputeSelectionResult>('lossLens.computeSelection', { text: '[0.9, 0.2], [1]' });
    assert.equal(mismatch?.refusal?.code, 'length-mismatch');
    const huge = await vscode.commands.executeCommand<ComputeSelectionResult>('lossLens.computeSelection', { text: '0.5,'.repeat(300_000) });
    assert.equal(huge?.refusal?.code, 'too-large');
    // A bad y passed by a caller is a message, not an exception.
    assert.equal(await vscode.commands.executeCommand('lossLens.computeSelection', { text: '0.9', y: 7 }), undefined);
  });

  it('follows the alpha, gamma and base settings at once', async () => {
    await withSetting('defaultGamma', 0, () =>
      withSetting('logBase', '2', async () => {
        const result = await vscode.commands.executeCommand<ComputeSelectionResult>('lossLens.computeSelection', { text: 'p=0.9, y=1' });
        assert.ok(result?.losses);
        assert.ok(close(result.losses.sums.focal, lossFromProb('balanced', 0.9, 1, { alpha: 0.25, base: 2 })));
      }),
    );
  });

  it('Explain Loss Call at Cursor opens the panel on the call, or says there is none', async () => {
    const document = await vscode.workspace.openTextDocument(fixtureUri('train.py'));
    const editor = await vscode.window.showTextDocument(document);
    const onCall = positionOf(document, 'sigmoid_focal_loss(logits', 4);
    editor.selection = new vscode.Selection(onCall, onCall);
    const call = await vscode.commands.executeCommand<ExplorerCall>('lossLens.explainAtCursor');
    // The label names the file and the line: a locked panel keeps it while the editor moves on (issue 20, item 11).
    assert.deepEqual(call, { label: 'torchvision.ops.sigmoid_focal_loss (train.py, line 7)', api: 'torchvision.ops.sigmoid_focal_loss', kind: 'focal', alpha: 0.25, gamma: 2 });
    await waitFor(() => explorerTabs().length === 1, 'the Loss Explorer');
    const elsewhere = positionOf(document, 'print', 1);
    editor.selection = new vscode.Selection(elsewhere, elsewhere);
    assert.equal(await vscode.commands.executeCommand('lossLens.explainAtCursor'), undefined);
  });

  it('Explain Loss Call at Cursor opens a softmax call in the multi-class view with its weights and smoothing', async () => {
    const text = 'import torch\nimport torch.nn as nn\ncriterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0]), label_smoothing=0.1)\n';
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: text });
    const editor = await vscode.window.showTextDocument(document);
    const onCall = positionOf(document, 'CrossEntropyLoss(', 2);
    editor.selection = new vscode.Selection(onCall, onCall);
    const call = await vscode.commands.executeCommand<ExplorerMulticlassCall>('lossLens.explainAtCursor');
    // An untitled document is named as VS Code names its tab.
    assert.match(call?.label ?? '', /^torch\.nn\.CrossEntropyLoss \(Untitled-\d+, line 3\)$/);
    assert.deepEqual({ ...call, label: '' }, { label: '', api: 'torch.nn.CrossEntropyLoss', kind: 'ce', classes: 3, gamma: 0, classWeights: [1, 2, 3], alpha: null, labelSmoothing: 0.1 });
    await waitFor(() => explorerTabs().length === 1, 'the Loss Explorer');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Compare computes the three losses and opens the panel', async () => {
    const report = await vscode.commands.executeCommand<LossReport>('lossLens.compare', { p: 0.2, y: 0, alpha: 0.75, gamma: 2 });
    assert.ok(report);
    assert.equal(report.breakdown.focal, lossFromProb('focal', 0.2, 0, { alpha: 0.75, gamma: 2 }));
    await waitFor(() => explorerTabs().length === 1, 'the Loss Explorer');
  });

  it('Insert Focal Loss Implementation inserts each framework\'s snippet', async () => {
    for (const implementation of FOCAL_IMPLEMENTATIONS) {
      const document = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
      await vscode.window.showTextDocument(document);
      assert.equal(await vscode.commands.executeCommand('lossLens.insertFocalLoss', { framework: implementation.id }), implementation.id);
      assert.equal(document.getText(), implementationAsPlainCode(implementation));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('hides commands that make no sense in the current editor', async () => {
    const packageJson = vscode.extensions.getExtension('loss-lens.loss-lens')!.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } };
    const palette = new Map(packageJson.contributes.menus.commandPalette!.map((item) => [item.command, item.when]));
    assert.equal(palette.get('lossLens.computeSelection'), 'editorHasSelection');
    const context = packageJson.contributes.menus['editor/context']!.map((item) => item.command);
    assert.deepEqual(context.sort(), ['lossLens.computeSelection', 'lossLens.explainAtCursor', 'lossLens.showBatchInExplorer']);
    // A batch is read only from a paused program, in a Python file.
    assert.equal(palette.get('lossLens.showBatchInExplorer'), "debugState == 'stopped' && editorLangId == python");
  });
});

describe('Copy Values as Markdown Table', () => {
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('copies the panel\'s values table, computed by the core, to the clipboard', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await vscode.commands.executeCommand('lossLens.copyMarkdownTable'), undefined, 'no panel: a message, no table');
    await vscode.commands.executeCommand('lossLens.openExplorer', {
      call: { label: 'test call', api: 'torchvision.ops.sigmoid_focal_loss', kind: 'focal', alpha: 0.25, gamma: 2 },
      points: [{ p: 0.9, y: 1 }, { p: 0.3, y: 0 }],
      source: 'integration test',
    });
    await waitFor(() => explorerTabs().length === 1, 'the Loss Explorer');
    const expected = toMarkdown(valueTable(valueRows([{ p: 0.9, y: 1 }, { p: 0.3, y: 0 }], { alpha: 0.25, gamma: 2 }, 4)));
    // The page may still be loading: the command's request waits for the page's ready handshake.
    const copied = await vscode.commands.executeCommand<string>('lossLens.copyMarkdownTable');
    assert.equal(copied, expected);
    assert.equal(await vscode.env.clipboard.readText(), expected);
  });
});
