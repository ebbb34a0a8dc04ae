// Insert Focal Loss Implementation's softmax (multi-class) variants in a real workbench, chosen by
// the command's argument in place of the quick pick a person would use.
import * as assert from './assert';
import * as vscode from 'vscode';
import { SOFTMAX_FOCAL_IMPLEMENTATIONS, implementationAsPlainCode } from '../../src/language/implementations';
import { waitFor } from './fixtures';

async function emptyPythonEditor(): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
  return vscode.window.showTextDocument(document);
}

describe('Insert Focal Loss Implementation: softmax', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('inserts each framework\'s softmax snippet for {framework, model: "softmax"}', async () => {
    for (const implementation of SOFTMAX_FOCAL_IMPLEMENTATIONS) {
      const editor = await emptyPythonEditor();
      const request = { framework: implementation.framework, model: 'softmax' };
      assert.equal(await vscode.commands.executeCommand('lossLens.insertFocalLoss', request), implementation.id);
      assert.equal(editor.document.getText(), implementationAsPlainCode(implementation));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('leaves alpha\'s None selected, then gamma\'s 2.0 at the next tab stop', async () => {
    const editor = await emptyPythonEditor();
    await vscode.commands.executeCommand('lossLens.insertFocalLoss', { framework: 'jax', model: 'softmax' });
    const selected = () => editor.document.getText(editor.selection);
    await waitFor(() => selected() === 'None', 'alpha\'s placeholder selected');
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^ {4}alpha: .* = None,$/);
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    await waitFor(() => selected() === '2.0', 'gamma\'s placeholder selected');
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^ {4}gamma: float = 2\.0,$/);
  });

  it('inserts nothing and returns nothing for an unknown model', async () => {
    const editor = await emptyPythonEditor();
    assert.equal(await vscode.commands.executeCommand('lossLens.insertFocalLoss', { framework: 'pytorch', model: 'multiclass' }), undefined);
    assert.equal(editor.document.getText(), '');
  });
});
