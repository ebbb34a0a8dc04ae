// The loss lint across files in VS Code (issue 23): the training script's model is defined in a sibling
// module (`from text_classifier import TextClassifier`). Until that module exists in the workspace the
// lint has nothing to say about `criterion(out, y)`; once it is created (as the Explorer or a git
// checkout makes it), it is read in the background and the script is linted again on that event, with
// the related information in the model's file. Editing the model file re-lints the script too.
import * as assert from './assert';
import * as vscode from 'vscode';
import { fixtureUri, lossLensDiagnostics } from './fixtures';

const MODEL = [
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  'class TextClassifier(nn.Module):',
  '    def forward(self, x):',
  '        return F.softmax(self.fc(x), dim=1)',
  '',
].join('\n');

function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

describe('Loss lint: a model imported from another file of the workspace', () => {
  const modelUri = () => fixtureUri('text_classifier.py');
  const removeModel = async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.deleteFile(modelUri(), { ignoreIfNotExists: true });
    await vscode.workspace.applyEdit(edit);
  };

  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
    await removeModel();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeModel();
  });

  it('reports the softmax of the model module once it exists, pointing into it, and drops it when the module returns logits', async () => {
    const scriptUri = fixtureUri('train_imported_model.py');
    const script = await vscode.workspace.openTextDocument(scriptUri);
    await vscode.window.showTextDocument(script);
    // The script's own mistake (in probe) shows the lint has run: the model's call has nothing yet.
    const before = await lossLensDiagnostics(scriptUri);
    assert.deepEqual(before.map((d) => script.getText(d.range)), ['torch.softmax(scores, dim=1)']);

    const create = new vscode.WorkspaceEdit();
    create.createFile(modelUri(), { contents: new TextEncoder().encode(MODEL) });
    assert.ok(await vscode.workspace.applyEdit(create), 'the model file was not created');

    const after = await lossLensDiagnostics(scriptUri, (d) => d.length === 2);
    const found = after.find((d) => script.getText(d.range) === 'out');
    assert.ok(found, `no diagnostic on criterion(out, y): ${JSON.stringify(after.map((d) => d.message))}`);
    assert.equal(codeOf(found!), 'double-softmax');
    assert.match(found!.message, /^`TextClassifier\.forward` returns `F\.softmax\(self\.fc\(x\), dim=1\)` \(text_classifier\.py, line 6\): /);
    const related = found!.relatedInformation?.[0];
    assert.ok(related, 'no related information');
    assert.equal(related!.location.uri.toString(), modelUri().toString());
    const model = await vscode.workspace.openTextDocument(modelUri());
    assert.equal(model.getText(related!.location.range), 'F.softmax(self.fc(x), dim=1)');

    // The model file edited (an open document's text stands for its file): the script is linted again.
    const editor = await vscode.window.showTextDocument(model);
    const from = model.getText().indexOf('F.softmax(self.fc(x), dim=1)');
    await editor.edit((b) => b.replace(new vscode.Range(model.positionAt(from), model.positionAt(from + 'F.softmax(self.fc(x), dim=1)'.length)), 'self.fc(x)'));
    const fixed = await lossLensDiagnostics(scriptUri, (d) => d.length === 1);
    assert.deepEqual(fixed.map((d) => script.getText(d.range)), ['torch.softmax(scores, dim=1)']);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
