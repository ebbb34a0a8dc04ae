// The loss lint in VS Code: diagnostics on open and after an edit, quick fixes through VS Code's
// code action machinery (vscode.executeCodeActionProvider), notebook cells, and the settings.
import * as assert from './assert';
import * as vscode from 'vscode';
import { lossLensDiagnostics, withSetting } from './fixtures';

const NESTED = 'import torch\nimport torch.nn.functional as F\n\n\ndef f(scores, labels):\n    return F.cross_entropy(torch.softmax(scores, dim=1), labels)\n';

function codeOf(diagnostic: vscode.Diagnostic): string {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

async function open(content: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument({ language: 'python', content });
  const editor = await vscode.window.showTextDocument(document);
  return { document, editor };
}

/** Applies the preferred quick fix offered for `diagnostic` and returns the document's text. */
async function applyPreferredFix(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Promise<string> {
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  // The command does not carry each action's diagnostics back; no other provider offers fixes for Python here.
  const preferred = actions.filter((a) => a.isPreferred);
  assert.equal(preferred.length, 1, `preferred fixes among ${JSON.stringify(actions.map((a) => [a.title, a.isPreferred, a.diagnostics?.length]))}`);
  assert.ok(preferred[0]!.kind?.value.startsWith('quickfix'), 'a QuickFix');
  assert.ok(await vscode.workspace.applyEdit(preferred[0]!.edit!), 'edit not applied');
  return document.getText();
}

describe('Loss lint', () => {
  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('shows a diagnostic on open, with its rule, README link, source and producer', async () => {
    const { document } = await open(NESTED);
    const [diagnostic, ...rest] = await lossLensDiagnostics(document.uri);
    assert.ok(diagnostic, 'no Loss Lens diagnostic');
    assert.equal(rest.length, 0);
    assert.equal(codeOf(diagnostic!), 'double-softmax');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(diagnostic!.range), 'torch.softmax(scores, dim=1)');
    const target = typeof diagnostic!.code === 'object' ? diagnostic!.code.target : undefined;
    assert.ok(target && target.path.endsWith('README.md') && target.fragment === 'double-softmax', String(target));
    assert.match(diagnostic!.message, /applies log_softmax itself/);
    assert.equal(diagnostic!.relatedInformation?.[0]?.location.range.start.line, 5);
  });

  it('updates after an edit', async () => {
    const { document, editor } = await open(NESTED);
    await lossLensDiagnostics(document.uri);
    const text = document.getText();
    const from = text.indexOf('torch.softmax(scores, dim=1)');
    await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(from), document.positionAt(from + 'torch.softmax(scores, dim=1)'.length)), 'scores'));
    assert.equal((await lossLensDiagnostics(document.uri, (d) => d.length === 0)).length, 0, 'the fixed call still has a diagnostic');
    await editor.edit((b) => b.insert(document.positionAt(document.getText().length), 'def g(x, y):\n    return F.nll_loss(F.softmax(x, dim=1), y)\n'));
    const after = await lossLensDiagnostics(document.uri);
    assert.deepEqual(after.map(codeOf), ['nll-without-log-softmax']);
  });

  const fixes: [string, string, string, string][] = [
    ['double-softmax', NESTED, 'F.cross_entropy(torch.softmax(scores, dim=1), labels)', 'F.cross_entropy(scores, labels)'],
    ['double-sigmoid', 'import torch\nimport torch.nn as nn\n\ndef f(x, y):\n    return nn.BCEWithLogitsLoss()(torch.sigmoid(x), y)\n', 'nn.BCEWithLogitsLoss()(torch.sigmoid(x), y)', 'nn.BCEWithLogitsLoss()(x, y)'],
    ['nll-without-log-softmax', 'import torch.nn.functional as F\n\ndef f(x, y):\n    return F.nll_loss(F.softmax(x, dim=1), y)\n', 'F.nll_loss(F.softmax(x, dim=1), y)', 'F.nll_loss(F.log_softmax(x, dim=1), y)'],
    ['logits-into-probability-loss', 'import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(optimizer="adam", loss="binary_crossentropy")\n', 'loss="binary_crossentropy"', 'loss=tf.keras.losses.BinaryCrossentropy(from_logits=True)'],
    ['keras-alpha-ignored', 'import keras\nloss = keras.losses.BinaryFocalCrossentropy(alpha=0.25, gamma=2.0)\n', 'BinaryFocalCrossentropy(alpha=0.25, gamma=2.0)', 'BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25, gamma=2.0)'],
    ['unstable-bce', 'import torch\nimport torch.nn as nn\n\ndef f(x, y):\n    return nn.BCELoss()(torch.sigmoid(x), y)\n', 'nn.BCELoss()(torch.sigmoid(x), y)', 'nn.BCEWithLogitsLoss()(x, y)'],
    // A softmax rebinding the name later code reads too: the loss line moved above it (issue 23, fixes5).
    ['double-softmax', 'import torch\nimport torch.nn.functional as F\n\ndef evaluate(y_hat, y):\n    y_hat = torch.softmax(y_hat, dim=1)\n    loss = F.cross_entropy(y_hat, y)\n    return loss, y_hat\n', 'y_hat = torch.softmax(y_hat, dim=1)\n    loss', '    loss = F.cross_entropy(y_hat, y)\n    y_hat = torch.softmax(y_hat, dim=1)\n    return loss, y_hat\n'],
    // The reduction a class sets by self.reduction: per sample at the call, lines inserted after the focal product.
    ['focal-on-reduced-loss', "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\nclass FocalLoss(nn.Module):\n    def __init__(self, gamma=2, reduction='mean'):\n        super().__init__()\n        self.gamma = gamma\n        self.reduction = reduction\n\n    def forward(self, x, y):\n        logpt = -F.cross_entropy(x, y, reduction=self.reduction)\n        pt = torch.exp(logpt)\n        loss = -((1 - pt) ** self.gamma) * logpt\n        return 0.25 * loss\n", 'reduction=self.reduction)', "logpt = -F.cross_entropy(x, y, reduction='none')\n        pt = torch.exp(logpt)\n        loss = -((1 - pt) ** self.gamma) * logpt\n        if self.reduction == 'mean':\n            loss = loss.mean()\n        elif self.reduction == 'sum':\n            loss = loss.sum()\n        return 0.25 * loss\n"],
    ['unknown-loss-keyword', 'import torch.nn.functional as F\n\ndef f(x, y, w):\n    return F.binary_cross_entropy_with_logits(x, y, weights=w)\n', 'weights=w', 'binary_cross_entropy_with_logits(x, y, weight=w)'],
  ];
  for (const [rule, content, before, after] of fixes) {
    it(`quick fix for ${rule}${fixes.filter((f) => f[0] === rule)[0]![1] === content ? '' : ' (another shape)'}`, async () => {
      const { document } = await open(content);
      const diagnostics = await lossLensDiagnostics(document.uri);
      assert.deepEqual(diagnostics.map(codeOf), [rule]);
      const text = await applyPreferredFix(document, diagnostics[0]!);
      assert.ok(!text.includes(before), text);
      assert.ok(text.includes(after), text);
      assert.equal((await lossLensDiagnostics(document.uri, (d) => d.length === 0)).length, 0, 'still reported after the fix');
    });
  }

  it('focal-gamma-below-one is information, without a fix', async () => {
    const { document } = await open('from torchvision.ops import sigmoid_focal_loss\n\ndef f(x, t):\n    return sigmoid_focal_loss(x, t, gamma=0.5)\n');
    const [diagnostic] = await lossLensDiagnostics(document.uri);
    assert.equal(codeOf(diagnostic!), 'focal-gamma-below-one');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Information);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    // Only the suppression, no fix.
    assert.deepEqual(actions.map((a) => a.title), ['Ignore focal-gamma-below-one on this line']);
  });

  it('alpha-list-length is an error at the alpha list, pointing at the assertion, without a fix', async () => {
    const content = [
      'import torch', 'import torch.nn as nn', '',
      'class focal_loss(nn.Module):', '    def __init__(self, alpha=0.25, gamma=2, num_classes=3):', '        super().__init__()',
      '        if isinstance(alpha, list):', '            assert len(alpha) == num_classes', '            self.alpha = torch.Tensor(alpha)', '        self.gamma = gamma', '',
      'criterion = focal_loss(alpha=[0.25, 0.75], gamma=2)', '',
    ].join('\n');
    const { document } = await open(content);
    const [diagnostic, ...rest] = await lossLensDiagnostics(document.uri);
    assert.equal(rest.length, 0);
    assert.equal(codeOf(diagnostic!), 'alpha-list-length');
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(diagnostic!.range), '[0.25, 0.75]');
    assert.match(diagnostic!.message, /alpha has 2 values but num_classes = 3 \(line 5\)/);
    assert.equal(diagnostic!.relatedInformation?.[0]?.location.range.start.line, 7);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    assert.deepEqual(actions.map((a) => a.title), ['Ignore alpha-list-length on this line']);
  });

  it('names the model where the activation is, with related information there', async () => {
    const content = [
      'import torch.nn as nn', 'import torch.nn.functional as F', '',
      'class Net(nn.Module):', '    def __init__(self):', '        super().__init__()', '        self.fc = nn.Linear(10, 3)', '',
      '    def forward(self, x):', '        return F.log_softmax(self.fc(x), dim=1)', '',
      'model = Net()', 'loss = F.cross_entropy(model(x), y)', '',
    ].join('\n');
    const { document } = await open(content);
    const [diagnostic] = await lossLensDiagnostics(document.uri);
    assert.equal(codeOf(diagnostic!), 'double-softmax');
    assert.match(diagnostic!.message, /^`Net\.forward` returns `F\.log_softmax\(self\.fc\(x\), dim=1\)` \(line 10\)/);
    const related = diagnostic!.relatedInformation?.[0];
    assert.equal(related?.location.range.start.line, 9);
    assert.equal(document.getText(related!.location.range), 'F.log_softmax(self.fc(x), dim=1)');
  });

  it('"Ignore this rule on this line" silences the finding; a suppression left with nothing to silence is a faded hint', async () => {
    const { document } = await open(NESTED);
    const [diagnostic] = await lossLensDiagnostics(document.uri);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const ignore = actions.find((a) => a.title === 'Ignore double-softmax on this line');
    assert.ok(ignore && !ignore.isPreferred, JSON.stringify(actions.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(ignore.edit!));
    assert.match(document.getText(), /labels\)  # loss-lens: ignore\[double-softmax\]\n$/);
    assert.equal((await lossLensDiagnostics(document.uri, (d) => d.length === 0)).length, 0);
    // Fix the call: the suppression now silences nothing.
    const text = document.getText();
    const from = text.indexOf('torch.softmax(scores, dim=1)');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(from), document.positionAt(from + 'torch.softmax(scores, dim=1)'.length)), 'scores');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const [hint] = await lossLensDiagnostics(document.uri, (d) => d.some((x) => codeOf(x) === 'unused-suppression'));
    assert.equal(codeOf(hint!), 'unused-suppression');
    assert.equal(hint!.severity, vscode.DiagnosticSeverity.Hint);
    assert.deepEqual(hint!.tags, [vscode.DiagnosticTag.Unnecessary]);
  });

  it('"Fix all loss-lint problems in this file" is a source.fixAll action applying the safe fixes', async () => {
    const content = NESTED + '\n\ndef g(x, y):\n    return F.binary_cross_entropy_with_logits(torch.sigmoid(x), y)\n';
    const { document } = await open(content);
    await lossLensDiagnostics(document.uri, (d) => d.length === 2);
    const whole = new vscode.Range(new vscode.Position(0, 0), document.positionAt(document.getText().length));
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, vscode.CodeActionKind.SourceFixAll.value)) ?? [];
    const fixAll = actions.find((a) => a.title === 'Fix all loss-lint problems in this file');
    assert.ok(fixAll, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(fixAll.kind?.value, 'source.fixAll.lossLens');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit!));
    assert.match(document.getText(), /F\.cross_entropy\(scores, labels\)/);
    assert.match(document.getText(), /F\.binary_cross_entropy_with_logits\(x, y\)/);
    assert.equal((await lossLensDiagnostics(document.uri, (d) => d.length === 0)).length, 0);
  });

  it('lossLens.lint.rules turns a rule off or changes its level, lossLens.lint.enabled all of them', async () => {
    const { document } = await open(NESTED);
    await lossLensDiagnostics(document.uri);
    await withSetting('lint.rules', { 'double-softmax': 'off' }, async () => {
      assert.equal((await lossLensDiagnostics(document.uri, (d) => d.length === 0)).length, 0, 'still reported with the rule off');
    });
    assert.equal((await lossLensDiagnostics(document.uri)).length, 1, 'not back after the setting is restored');
    await withSetting('lint.rules', { 'double-softmax': 'error' }, async () => {
      const [diagnostic] = await lossLensDiagnostics(document.uri, (d) => d[0]?.severity === vscode.DiagnosticSeverity.Error);
      assert.equal(diagnostic?.severity, vscode.DiagnosticSeverity.Error);
    });
    await withSetting('lint.enabled', false, async () => {
      assert.equal((await lossLensDiagnostics(document.uri, (d) => d.length === 0)).length, 0, 'still reported with the lint off');
    });
    assert.equal((await lossLensDiagnostics(document.uri)).length, 1);
  });

  it('lints a notebook cell with the producer in an earlier cell', async () => {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'import torch\nimport torch.nn.functional as F\nprobs = torch.softmax(logits, dim=1)', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'loss = F.cross_entropy(probs, labels)', 'python'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    await vscode.window.showNotebookDocument(notebook);
    const cell = notebook.cellAt(1).document;
    const [diagnostic] = await lossLensDiagnostics(cell.uri);
    assert.ok(diagnostic, 'no diagnostic in the cell');
    assert.equal(codeOf(diagnostic!), 'double-softmax');
    assert.equal(cell.getText(diagnostic!.range), 'probs');
    assert.equal(diagnostic!.relatedInformation?.[0]?.location.uri.toString(), notebook.cellAt(0).document.uri.toString());
    assert.equal((await lossLensDiagnostics(notebook.cellAt(0).document.uri, () => true)).length, 0);
  });
});
