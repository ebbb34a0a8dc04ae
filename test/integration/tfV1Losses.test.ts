// TensorFlow 1's tf.losses cross-entropies (issue 24) through VS Code's own hover and diagnostics: the hover names
// the API, the default SUM_BY_NONZERO_WEIGHTS reduction and the logits; under `import tensorflow.compat.v1 as tf` it
// is the compat.v1 function with a Reduction constant read; a sigmoid passed as the logits is a double-sigmoid with
// its quick fix. The facts are cited in test/unit/language/catalogTfV1Losses.test.ts.
import * as assert from './assert';
import * as vscode from 'vscode';
import { hoverTexts, lossLensDiagnostics, positionOf } from './fixtures';

const TF1 = [
  'import tensorflow as tf',
  '',
  'logits = tf.matmul(h, W) + b',
  'loss = tf.losses.sigmoid_cross_entropy(labels, logits, label_smoothing=0.1)',
  'mse = tf.losses.mean_squared_error(target, pred)',
  'head = tf.keras.losses.BinaryCrossentropy(from_logits=True)',
  '',
].join('\n');

const COMPAT = [
  'import tensorflow.compat.v1 as tf',
  'tf.disable_v2_behavior()',
  'ce = tf.losses.softmax_cross_entropy(onehot_labels=y, logits=scores, reduction=tf.losses.Reduction.MEAN)',
  '',
].join('\n');

const DOUBLE_SIGMOID = ['import tensorflow as tf', '', 'out = tf.matmul(h, W)', 'loss = tf.losses.sigmoid_cross_entropy(labels, tf.nn.sigmoid(out))', ''].join('\n');

/** The Loss Lens hover (its title names the API in bold) at the `nth` character of `needle`, or undefined. */
async function hoverAt(document: vscode.TextDocument, needle: string, nth = 2): Promise<string | undefined> {
  return (await hoverTexts(document.uri, positionOf(document, needle, nth))).find((text) => /^\*\*[^*]+\*\* · /.test(text));
}

describe("Issue 24: TensorFlow 1's tf.losses in the hover and the lint", () => {
  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
  });

  it('tf.losses.sigmoid_cross_entropy: the TF 1 note, its default reduction, logits, and label smoothing in the table; look-alikes unchanged', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: TF1 });
    const hover = await hoverAt(document, 'sigmoid_cross_entropy(labels');
    assert.ok(hover, 'no hover on tf.losses.sigmoid_cross_entropy');
    assert.match(hover, /^\*\*tf\\\.losses\\\.sigmoid\\_cross\\_entropy\*\* · cross-entropy/);
    assert.match(hover, /TensorFlow 1 API: TensorFlow 2 has it only as tf\\\.compat\\\.v1\\\.losses\\\.sigmoid\\_cross\\_entropy/);
    assert.match(hover, /SUM\\_BY\\_NONZERO\\_WEIGHTS divides the weighted sum by the number of nonzero weights over every element/);
    assert.match(hover, /\*\*Logits\*\* in: the sigmoid is applied inside/);
    assert.match(hover, /label\\_smoothing \*\*0\.1\*\* \*\(written here\)\*/);
    assert.match(hover, /\| p of a positive \(natural log\) \|/);
    assert.equal(await hoverAt(document, 'mean_squared_error'), undefined, 'mean_squared_error is not a cross-entropy');
    const keras = await hoverAt(document, 'BinaryCrossentropy(from');
    assert.ok(keras, 'no hover on the Keras loss');
    assert.match(keras, /^\*\*keras\\\.losses\\\.BinaryCrossentropy\*\*/);
  });

  it('import tensorflow.compat.v1 as tf: the compat.v1 function, Reduction.MEAN read', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: COMPAT });
    const hover = await hoverAt(document, 'softmax_cross_entropy(onehot');
    assert.ok(hover, 'no hover on tf.losses.softmax_cross_entropy');
    assert.match(hover, /^\*\*tf\\\.compat\\\.v1\\\.losses\\\.softmax\\_cross\\_entropy\*\*/);
    assert.match(hover, /reduction `"weighted_mean"` \*\(written here\)\*/);
    assert.match(hover, /Reduction\\\.MEAN divides the weighted sum by the sum of the weights/);
    assert.match(hover, /`log_softmax` over the classes is applied inside/);
    assert.doesNotMatch(hover, /TensorFlow 1 API/);
  });

  it('a sigmoid passed as the logits: double-sigmoid, and the preferred fix passes the logits', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: DOUBLE_SIGMOID });
    await vscode.window.showTextDocument(document);
    const [diagnostic, ...rest] = await lossLensDiagnostics(document.uri);
    assert.ok(diagnostic, 'no Loss Lens diagnostic');
    assert.equal(rest.length, 0);
    const code = diagnostic!.code;
    assert.equal(typeof code === 'object' ? code.value : code, 'double-sigmoid');
    assert.equal(document.getText(diagnostic!.range), 'tf.nn.sigmoid(out)');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic!.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, JSON.stringify(actions.map((a) => [a.title, a.isPreferred])));
    assert.ok(await vscode.workspace.applyEdit(preferred[0]!.edit!), 'edit not applied');
    assert.ok(document.getText().includes('tf.losses.sigmoid_cross_entropy(labels, out)'), document.getText());
    assert.equal((await lossLensDiagnostics(document.uri, (d) => d.length === 0)).length, 0, 'the fixed code still has a diagnostic');
  });
});
