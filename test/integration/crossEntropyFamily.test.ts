// The hover and Compute Loss on the cross-entropy family and the multi-class focal losses, through
// VS Code's own hover machinery (vscode.executeHoverProvider) and command service: each API as its
// documentation writes it, its model (softmax or sigmoid), and the numbers of its table from the core.
import * as assert from './assert';
import * as vscode from 'vscode';
import { MULTICLASS_CASES } from '../fixtures/multiclassGolden';
import { formatScientific, lossFromProb } from '../../src/core';
import { HOVER_PT_VALUES as HOVER_PT } from '../../src/extension/hoverMarkdown';
import type { SoftmaxReport } from '../../src/extension/softmaxReport';
import { lossLensHover, positionOf } from './fixtures';

const SOURCE = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'import tensorflow as tf',
  'import keras',
  'import optax',
  'import kornia',
  'from monai.losses import FocalLoss as MonaiFocal',
  'import segmentation_models_pytorch as smp',
  'NUM_CLASSES = 80',
  'a = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 5.0]).cuda(), ignore_index=255)',
  'b = F.cross_entropy(logits, y, label_smoothing=0.1)',
  'c = F.nll_loss(F.log_softmax(x, dim=1), y)',
  'd = nn.NLLLoss(ignore_index=0)',
  'e = keras.losses.CategoricalCrossentropy(from_logits=True)',
  'f = keras.losses.SparseCategoricalCrossentropy(from_logits=True)',
  'g = keras.losses.categorical_crossentropy(y_true, y_pred)',
  'h = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=out)',
  'i = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=out)',
  'j = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=out)',
  'k = optax.softmax_cross_entropy(logits, onehot)',
  'l = optax.softmax_cross_entropy_with_integer_labels(logits, labels)',
  'm = kornia.losses.focal_loss(pred, target, alpha=0.5, gamma=2.0)',
  'n = kornia.losses.FocalLoss(alpha=0.25, gamma=3.0)',
  'o = keras.losses.CategoricalFocalCrossentropy(alpha=0.25, gamma=2.0)',
  'q = MonaiFocal(gamma=2.0, use_softmax=True)',
  "r = smp.losses.FocalLoss('multiclass', gamma=2.0)",
  's = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))',
  '',
].join('\n');

/** The hover's second row: formatted in one notation with the CE row above it (natural log), negative exponents with U+2212. */
const row = (values: number[]) => formatScientific([...HOVER_PT.map((pt) => lossFromProb('ce', pt, 1)), ...values]).slice(HOVER_PT.length).map((cell) => cell.replace(/e-(\d)/, 'e\u2212$1')).join(' | ');
const paperFl = row(HOVER_PT.map((pt) => lossFromProb('focal', pt, 1, { alpha: 0.25, gamma: 2 })));
const focal = (alpha: number | null, gamma: number) => row(HOVER_PT.map((pt) => lossFromProb('focal', pt, 1, { alpha, gamma })));
/** CE with label smoothing e over C classes, the rest of the probability spread evenly (closed form). */
const smoothed = (e: number, C: number) => row(HOVER_PT.map((pt) => -(1 - e + e / C) * Math.log(pt) - (e / C) * (C - 1) * Math.log((1 - pt) / (C - 1))));

interface Expectation {
  /** Where the mouse rests: the first occurrence of this text, plus 2 characters. */
  at: string;
  api: RegExp;
  inputs: RegExp;
  /** The second table row, label and values; undefined: no table. */
  second?: string;
  more?: RegExp[];
  computes: boolean;
}

const SOFTMAX_IN = /`log_softmax` over the classes is applied inside/;
const EXPECTED: Expectation[] = [
  { at: 'CrossEntropyLoss(weight', api: /torch\\\.nn\\\.CrossEntropyLoss/, inputs: SOFTMAX_IN, second: `paper's FL (γ 2, α 0.25) | ${paperFl}`, more: [/weight \*\*\[1, 2, 5\]\*\*/, /class weight 1 assumed \\\(1 to 5 in weight=\\\)/, /targets' summed class weights/], computes: true },
  { at: 'cross_entropy(logits', api: /torch\\\.nn\\\.functional\\\.cross\\_entropy/, inputs: SOFTMAX_IN, second: `this loss | ${smoothed(0.1, 80)}`, more: [/80 classes \\\(80\\\)/], computes: true },
  { at: 'nll_loss', api: /nll\\_loss/, inputs: /\*\*Log-probabilities\*\* in/, second: `paper's FL (γ 2, α 0.25) | ${paperFl}`, computes: true },
  { at: 'NLLLoss(', api: /torch\\\.nn\\\.NLLLoss/, inputs: /\*\*Log-probabilities\*\* in/, more: [/ignore\\_index \*\*0\*\* \*\(written here\)\*/], computes: true },
  { at: 'CategoricalCrossentropy(from', api: /keras\\\.losses\\\.CategoricalCrossentropy/, inputs: SOFTMAX_IN, second: `paper's FL (γ 2, α 0.25) | ${paperFl}`, computes: true },
  { at: 'SparseCategoricalCrossentropy', api: /SparseCategoricalCrossentropy/, inputs: SOFTMAX_IN, computes: true },
  { at: 'categorical_crossentropy(y_true', api: /keras\\\.losses\\\.categorical\\_crossentropy/, inputs: /\*\*Probabilities\*\* in \(softmax outputs over the classes\)/, computes: true },
  { at: 'softmax_cross_entropy_with_logits(labels', api: /tf\\\.nn\\\.softmax\\_cross\\_entropy\\_with\\_logits/, inputs: SOFTMAX_IN, computes: true },
  { at: 'softmax_cross_entropy_with_logits_v2', api: /with\\_logits\\_v2/, inputs: SOFTMAX_IN, computes: true },
  { at: 'sparse_softmax_cross_entropy_with_logits', api: /sparse\\_softmax/, inputs: SOFTMAX_IN, more: [/Integer class labels/], computes: true },
  { at: 'softmax_cross_entropy(logits', api: /optax\\\.softmax\\_cross\\_entropy\*\*/, inputs: SOFTMAX_IN, computes: true },
  { at: 'softmax_cross_entropy_with_integer_labels', api: /optax\\\.softmax\\_cross\\_entropy\\_with\\_integer\\_labels/, inputs: SOFTMAX_IN, computes: true },
  { at: 'focal_loss(pred', api: /kornia\\\.losses\\\.focal\\_loss/, inputs: SOFTMAX_IN, second: `this loss | ${focal(0.5, 2)}`, computes: true },
  { at: 'FocalLoss(alpha=0.25, gamma=3.0)', api: /kornia\\\.losses\\\.FocalLoss/, inputs: SOFTMAX_IN, second: `this loss | ${focal(0.25, 3)}`, computes: true },
  { at: 'CategoricalFocalCrossentropy', api: /CategoricalFocalCrossentropy/, inputs: /\*\*Probabilities\*\* in/, second: `this loss | ${focal(0.25, 2)}`, more: [/alpha multiplies every class/], computes: true },
  { at: 'MonaiFocal(gamma', api: /monai\\\.losses\\\.FocalLoss/, inputs: SOFTMAX_IN, second: `this loss | ${focal(null, 2)}`, computes: true },
  { at: "FocalLoss('multiclass'", api: /segmentation\\_models\\_pytorch/, inputs: /the sigmoid is applied inside/, more: [/one\\-vs\\-rest/], computes: true },
  // pos_weight weighs the positives' term only: positives beside negatives, and Compute with pos_weight.
  { at: 'BCEWithLogitsLoss(pos', api: /BCEWithLogitsLoss/, inputs: /the sigmoid is applied inside/, second: `this loss, y = 1 | ${row(HOVER_PT.map((pt) => 3 * -Math.log(pt)))}`, more: [/alpha = 0\\\.75, scaled by 4/, /CE = −\[3·y·log\(p\)/, /\| this loss, y = 0 \|/], computes: true },
];

describe('The cross-entropy family in the hover and Compute Loss', () => {
  let document: vscode.TextDocument;

  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
    document = await vscode.workspace.openTextDocument({ language: 'python', content: SOURCE });
  });

  for (const expected of EXPECTED) {
    it(`${expected.at}: names the API, its model and the core's values`, async () => {
      const hover = await lossLensHover(document.uri, positionOf(document, expected.at, 2));
      assert.ok(hover, `no Loss Lens hover on ${expected.at}`);
      assert.match(hover, expected.api);
      assert.match(hover, expected.inputs);
      if (expected.second) assert.ok(hover.includes(`| ${expected.second} |`), `${expected.second}\n\n${hover}`);
      for (const pattern of expected.more ?? []) assert.match(hover, pattern);
      assert.equal(/Compute at a value/.test(hover), expected.computes, 'Compute at a value... offered');
    });
  }

  it("Compute at a value from nn.CrossEntropyLoss's hover computes F.cross_entropy(weight=) as PyTorch does", async () => {
    const c = MULTICLASS_CASES.softmax_ce.find(
      (k) => k.weight !== null && k.weight.length >= 3 && k.label_smoothing > 0 && typeof k.target === 'number' && k.ignore_index === null,
    )!;
    const weights = c.weight!.map((w) => w.toPrecision(17)).join(', ');
    const doc = await vscode.workspace.openTextDocument({ language: 'python', content: `import torch\nimport torch.nn as nn\nc = nn.CrossEntropyLoss(weight=torch.tensor([${weights}]), label_smoothing=${c.label_smoothing})\n` });
    const hover = await lossLensHover(doc.uri, positionOf(doc, 'CrossEntropyLoss', 2));
    const link = /\[Compute at a value\.\.\.\]\(command:lossLens\.computeLoss\?([^ )]+)/.exec(hover ?? '');
    assert.ok(link, hover);
    const [args] = JSON.parse(decodeURIComponent(link[1]!)) as [object];
    // What the input boxes would ask for, given as arguments: the scores and the target class.
    const report = await vscode.commands.executeCommand<SoftmaxReport>('lossLens.computeLoss', { ...args, scores: c.logits, target: c.target });
    assert.ok(report, 'the command returned nothing');
    assert.ok(Math.abs(report.loss - c.loss) <= 1e-9 * Math.abs(c.loss), `loss ${report.loss}, PyTorch ${c.loss}`);
  });

  it('Compute Loss with typed class scores and no call computes plain softmax CE and focal loss', async () => {
    const report = await vscode.commands.executeCommand<SoftmaxReport>('lossLens.computeLoss', { prediction: '2.0, 0.5, -1.0', target: 0, gamma: 2 });
    assert.ok(report && 'probabilities' in report, 'not a multi-class report');
    const p0 = Math.exp(2) / (Math.exp(2) + Math.exp(0.5) + Math.exp(-1));
    assert.ok(Math.abs(report.ce + Math.log(p0)) <= 1e-14, `CE ${report.ce}`);
    assert.ok(Math.abs(report.focal - (1 - p0) ** 2 * -Math.log(p0)) <= 1e-14, `focal ${report.focal}`);
  });

  it('refuses a target class outside the scores with a message, not a crash', async () => {
    const result = await vscode.commands.executeCommand<SoftmaxReport | undefined>('lossLens.computeLoss', { scores: [1, 2], target: 2, gamma: 2 });
    assert.equal(result, undefined);
  });
});
