// Issue 23 in VS Code: softmax-into-bce (a softmax over one output is an error, its sigmoid fix) and
// tflearn's fully_connected -> regression chain under double-softmax, through VS Code's diagnostics and
// its code action machinery (vscode.executeCodeActionProvider).
import * as assert from './assert';
import * as vscode from 'vscode';
import { lossLensDiagnostics } from './fixtures';

const ONE_OUTPUT = "from tensorflow import keras\nmodel = keras.Sequential()\nmodel.add(keras.layers.Dense(16, activation='relu'))\nmodel.add(keras.layers.Dense(1, activation='softmax'))\nmodel.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])\n";
const TFLEARN = "import tflearn\nnet = tflearn.input_data(shape=[None, 784])\nnet = tflearn.fully_connected(net, 10, activation='softmax')\nnet = tflearn.regression(net, optimizer='adam', loss='softmax_categorical_crossentropy')\n";

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('Issue 23: softmax-into-bce and tflearn in VS Code', () => {
  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  const cases: [string, string, vscode.DiagnosticSeverity, string, string, string][] = [
    ['softmax-into-bce', ONE_OUTPUT, vscode.DiagnosticSeverity.Error, "'binary_crossentropy'", "Dense(1, activation='softmax')", "Dense(1, activation='sigmoid')"],
    ['double-softmax', TFLEARN, vscode.DiagnosticSeverity.Warning, "'softmax_categorical_crossentropy'", "loss='softmax_categorical_crossentropy'", "loss='categorical_crossentropy'"],
  ];
  for (const [rule, content, severity, underlined, before, after] of cases) {
    it(`${rule}: the diagnostic, its producer, and the preferred quick fix`, async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'python', content });
      await vscode.window.showTextDocument(document);
      const [diagnostic, ...rest] = await lossLensDiagnostics(document.uri);
      assert.ok(diagnostic, 'no Loss Lens diagnostic');
      assert.equal(rest.length, 0);
      assert.equal(codeOf(diagnostic!), rule);
      assert.equal(diagnostic!.severity, severity);
      assert.equal(document.getText(diagnostic!.range), underlined);
      assert.ok(diagnostic!.relatedInformation?.[0], 'no related information');
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, JSON.stringify(actions.map((a) => [a.title, a.isPreferred])));
      assert.ok(await vscode.workspace.applyEdit(preferred[0]!.edit!), 'edit not applied');
      assert.ok(!document.getText().includes(before), document.getText());
      assert.ok(document.getText().includes(after), document.getText());
      assert.equal((await lossLensDiagnostics(document.uri, (d) => d.length === 0)).length, 0, 'the fixed code still has a diagnostic');
    });
  }
});
