import * as assert from 'node:assert/strict';
import { lossFromLogit, softmaxLoss } from '../../../src/core';
import { findLossCalls } from '../../../src/language/recognition';
import { hoverMarkdown } from '../../../src/extension/hoverMarkdown';
import { ASSUMED_CLASSES, HOVER_PT_VALUES, hoverTable } from '../../../src/extension/hoverTable';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';
import { computeReport } from '../../../src/extension/lossReport';

/*
 * The hover's numbers for the CE family and weighted losses: each from the model the call uses.
 * Expected values are computed independently of hoverTable's route (closed forms, or the core's
 * binary loss of a logit difference), and the softmax core itself is checked against PyTorch in
 * test/unit/core.
 */

function callOf(source: string) {
  const calls = findLossCalls(source, 'python');
  assert.equal(calls.length, 1, `expected one call in:\n${source}`);
  return calls[0]!;
}

function tableOf(source: string) {
  const table = hoverTable(callOf(source), Math.E);
  assert.ok(!('missing' in table) && !('notModeled' in table), `no table: ${JSON.stringify(table)}`);
  return table;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

describe('hover table: the CE family and weighted losses', () => {
  it('nn.CrossEntropyLoss(): softmax over classes, and the paper\'s FL beside CE instead of a copy of CE', () => {
    const source = 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\n';
    const md = hoverMarkdown(callOf(source), 0, DEFAULT_SETTINGS);
    assert.match(md, /`log_softmax` over the classes is applied inside/);
    assert.doesNotMatch(md, /sigmoid is applied/);
    assert.match(md, /Compute at a value.*%22softmax%22/, 'Compute Loss computes this call as a softmax');
    const table = tableOf(source);
    assert.equal(table.label, "paper's FL (γ 2, α 0.25)");
    assert.equal(table.column, 'p_t of the target class');
    HOVER_PT_VALUES.forEach((pt, i) => {
      assert.ok(close(table.ce[i]!, -Math.log(pt)));
      assert.ok(close(table.loss[i]!, -0.25 * (1 - pt) ** 2 * Math.log(pt)));
    });
    assert.deepEqual(table.notes, []);
  });

  it('F.cross_entropy(..., label_smoothing=0.1): smoothing over the assumed number of classes, said in the hover', () => {
    const source = 'import torch.nn.functional as F\nloss = F.cross_entropy(logits, y, label_smoothing=0.1)\n';
    const table = tableOf(source);
    assert.equal(table.label, 'this loss');
    const C = ASSUMED_CLASSES;
    HOVER_PT_VALUES.forEach((pt, i) => {
      // t' = 0.9 one-hot + 0.1 / C: -(0.9 + 0.1 / C) log p_t - (0.1 / C) sum over the others of log((1 - p_t) / (C - 1)).
      const expected = -(0.9 + 0.1 / C) * Math.log(pt) - (0.1 / C) * (C - 1) * Math.log((1 - pt) / (C - 1));
      assert.ok(Math.abs(table.loss[i]! - expected) <= 1e-12 * expected, `${table.loss[i]} vs ${expected}`);
    });
    const md = hoverMarkdown(callOf(source), 0, DEFAULT_SETTINGS);
    assert.match(md, new RegExp(`${C} classes assumed`));
  });

  it('BCEWithLogitsLoss(pos_weight=3.0): positives 3x CE beside negatives at CE, one formula, and Compute with pos_weight', () => {
    const source = 'import torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss(pos_weight=3.0)\n';
    const table = tableOf(source);
    assert.equal(table.label, 'this loss, y = 1');
    assert.equal(table.column, 'p for y = 1, 1 − p for y = 0');
    HOVER_PT_VALUES.forEach((pt, i) => assert.ok(close(table.loss[i]!, 3 * -Math.log(pt))));
    // A negative at p_t = pt has p = 1 - pt, and pos_weight leaves its loss at CE.
    assert.equal(table.negative?.label, 'this loss, y = 0');
    HOVER_PT_VALUES.forEach((pt, i) => assert.ok(close(table.negative!.loss[i]!, -Math.log(pt))));
    const md = hoverMarkdown(callOf(source), 0, DEFAULT_SETTINGS);
    // The header says what the rows compute: pos_weight on the positives' term, not CE = −log(p_t).
    assert.match(md, /`CE = −\[3·y·log\(p\) \+ \(1 − y\)·log\(1 − p\)\]`/);
    assert.doesNotMatch(md, /CE = −log\(p_t\)/);
    assert.doesNotMatch(md, /CE \/ this loss/, 'a constant ratio row says nothing');
    assert.match(md, /\| this loss, y = 0 \|/);
    const link = /\[Compute at a value\.\.\.\]\(command:lossLens\.computeLoss\?([^ )]+)/.exec(md);
    assert.ok(link, 'Compute at a value... is offered');
    const args = JSON.parse(decodeURIComponent(link[1]!))[0];
    assert.deepEqual(args, { alpha: null, gamma: 0, posWeight: 3 });
    // What Compute Loss then reports for a positive is the table's value.
    const report = computeReport({ p: 0.9 }, 1, args.alpha, args.gamma, DEFAULT_SETTINGS, undefined, { posWeight: args.posWeight });
    assert.ok(close(report.breakdown.ce, table.loss[2]!));
    assert.ok(close(computeReport({ p: 0.1 }, 0, args.alpha, args.gamma, DEFAULT_SETTINGS, undefined, { posWeight: args.posWeight }).breakdown.ce, table.negative!.loss[2]!));
  });

  it('a pos_weight it cannot work out is said, not replaced by 1 silently', () => {
    const table = tableOf('import torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss(pos_weight=pw)\n');
    assert.ok(table.notes.some((note) => note.includes('pos_weight') && note.includes('not included')), JSON.stringify(table.notes));
  });

  it('Keras BinaryFocalCrossentropy(label_smoothing=0.1): smoothed targets in every value', () => {
    const source = 'import keras\nloss = keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25, gamma=2.0, label_smoothing=0.1)\n';
    const table = tableOf(source);
    assert.equal(table.column, 'p of a positive');
    HOVER_PT_VALUES.forEach((p, i) => {
      const y = 1 - 0.05; // y (1 - e) + e / 2
      const pt = p * y + (1 - p) * (1 - y);
      const at = 0.25 * y + 0.75 * (1 - y);
      // Keras: the cross-entropy factor is the BCE of the smoothed target, not -log(p_t).
      const bce = -(y * Math.log(p) + (1 - y) * Math.log(1 - p));
      assert.ok(close(table.loss[i]!, at * (1 - pt) ** 2 * bce), `${table.loss[i]}`);
    });
  });

  it('kornia focal_loss: softmax with alpha on the foreground classes; C = 2 equals the binary loss of the logit difference', () => {
    const table = tableOf('import kornia\nloss = kornia.losses.focal_loss(pred, target, alpha=0.5, gamma=2.0)\n');
    HOVER_PT_VALUES.forEach((pt, i) => assert.ok(close(table.loss[i]!, -0.5 * (1 - pt) ** 2 * Math.log(pt))));
    // The core's two-class softmax focal loss is the sigmoid one of x1 - x0 (alpha on class 1).
    const two = softmaxLoss('focal', [0.3, 1.7], 1, { gamma: 2, classWeights: [0.5, 0.5] });
    assert.ok(close(two, lossFromLogit('focal', 1.4, 1, { alpha: 0.5, gamma: 2 })));
  });

  it('a class weight tensor it cannot read is named as left out', () => {
    const table = tableOf('import torch.nn as nn\ncriterion = nn.CrossEntropyLoss(weight=class_weights)\n');
    assert.ok(table.notes.some((note) => note.startsWith('weight=class_weights not included')), JSON.stringify(table.notes));
  });

  it('MONAI FocalLoss: sigmoid per channel by default, softmax with use_softmax=True', () => {
    const sigmoid = callOf('from monai.losses import FocalLoss\nloss = FocalLoss(gamma=2.0)\n');
    assert.equal(sigmoid.classModel, 'sigmoid');
    const softmax = callOf('from monai.losses import FocalLoss\nloss = FocalLoss(gamma=2.0, use_softmax=True)\n');
    assert.equal(softmax.classModel, 'softmax');
    assert.match(hoverMarkdown(softmax, 0, DEFAULT_SETTINGS), /`log_softmax` over the classes/);
    const unknown = callOf('from monai.losses import FocalLoss\nloss = FocalLoss(gamma=2.0, use_softmax=flag)\n');
    const md = hoverMarkdown(unknown, 0, DEFAULT_SETTINGS);
    assert.match(md, /No values: whether a softmax is used could not be worked out/);
  });

  it("BCEWithLogitsLoss(pos_weight=torch.tensor([3.0])), the form real code uses: 3x CE, and pos_weight related to alpha", () => {
    const source = 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]).to(device))\n';
    const table = tableOf(source);
    HOVER_PT_VALUES.forEach((pt, i) => assert.ok(close(table.loss[i]!, 3 * -Math.log(pt))));
    assert.deepEqual(table.notes, []);
    const md = hoverMarkdown(callOf(source), 0, DEFAULT_SETTINGS);
    assert.match(md, /pos\\_weight \*\*\[3\]\*\*/);
    assert.match(md, /alpha = 0\\\.75, scaled by 4/);
  });

  it('a per-class pos_weight is named as left out, since one row cannot show it', () => {
    const table = tableOf('import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1.0, 4.0]))\n');
    assert.ok(table.notes.some((note) => /pos_weight .* not included \(it differs per class\)/.test(note)), JSON.stringify(table.notes));
  });

  it('label smoothing over the number of classes the file states (NUM_CLASSES = 80), said with its origin', () => {
    const source = 'import torch.nn.functional as F\nNUM_CLASSES = 80\nloss = F.cross_entropy(logits, y, label_smoothing=0.1)\n';
    const table = tableOf(source);
    const C = 80;
    HOVER_PT_VALUES.forEach((pt, i) => {
      const expected = -(0.9 + 0.1 / C) * Math.log(pt) - (0.1 / C) * (C - 1) * Math.log((1 - pt) / (C - 1));
      assert.ok(Math.abs(table.loss[i]! - expected) <= 1e-12 * expected, `${table.loss[i]} vs ${expected}`);
    });
    assert.ok(table.notes.some((note) => note.startsWith('80 classes (80)')), JSON.stringify(table.notes));
  });

  it('known class weights: the table is for weight 1 and the note gives their range; \'mean\' says what it divides by', () => {
    const source = 'import torch\nimport torch.nn as nn\ncriterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 5.0]), ignore_index=255)\n';
    const table = tableOf(source);
    assert.equal(table.label, "paper's FL (γ 2, α 0.25)");
    assert.ok(table.notes.some((note) => note.includes('class weight 1 assumed (1 to 5 in weight=)')), JSON.stringify(table.notes));
    const md = hoverMarkdown(callOf(source), 0, DEFAULT_SETTINGS);
    assert.match(md, /weight \*\*\[1, 2, 5\]\*\*/);
    assert.match(md, /ignore\\_index \*\*255\*\* \*\(written here\)\*/);
    assert.match(md, /"mean"\*\*: divided by the targets' summed class weights/);
  });

  it('F.nll_loss: log-probabilities in, CE values at p_t', () => {
    const source = 'import torch.nn.functional as F\nloss = F.nll_loss(F.log_softmax(x, dim=1), y)\n';
    const md = hoverMarkdown(callOf(source), 0, DEFAULT_SETTINGS);
    assert.match(md, /\*\*Log-probabilities\*\* in/);
    const table = tableOf(source);
    HOVER_PT_VALUES.forEach((pt, i) => assert.ok(close(table.ce[i]!, -Math.log(pt))));
  });

  it('softmax calls offer Compute at a value with their spec; unresolved alpha offers nothing', () => {
    const md = hoverMarkdown(callOf('import torch\nimport torch.nn as nn\nc = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0]), label_smoothing=0.1)\n'), 0, DEFAULT_SETTINGS);
    const link = /\[Compute at a value\.\.\.\]\(command:lossLens\.computeLoss\?([^ )]+)/.exec(md);
    assert.ok(link, md);
    const [args] = JSON.parse(decodeURIComponent(link[1]!));
    assert.deepEqual(args.softmax, { kind: 'ce', gamma: 0, alpha: null, alphaOn: 'foreground', weight: [1, 3], labelSmoothing: 0.1, omitted: [] });
    assert.equal(args.api, 'torch.nn.CrossEntropyLoss');
    const keras = hoverMarkdown(callOf('import keras\nl = keras.losses.CategoricalFocalCrossentropy(alpha=0.5, gamma=3.0)\n'), 0, DEFAULT_SETTINGS);
    assert.match(decodeURIComponent(keras), /"alphaOn":"every"/);
    const unknown = hoverMarkdown(callOf('import kornia\nl = kornia.losses.focal_loss(p, t, alpha=a)\n'), 0, DEFAULT_SETTINGS);
    assert.doesNotMatch(unknown, /Compute at a value/);
  });

  it('Keras CategoricalCrossentropy(label_smoothing=0.1): Keras smooths y (1 - e) + e / C, the same as the core', () => {
    const table = tableOf('import keras\nloss = keras.losses.CategoricalCrossentropy(label_smoothing=0.1)\n');
    const C = ASSUMED_CLASSES;
    HOVER_PT_VALUES.forEach((pt, i) => {
      const expected = -(0.9 + 0.1 / C) * Math.log(pt) - (0.1 / C) * (C - 1) * Math.log((1 - pt) / (C - 1));
      assert.ok(Math.abs(table.loss[i]! - expected) <= 1e-12 * expected);
    });
  });

  it('a loss the core does not model (mmdet QualityFocalLoss, varifocal, MONAI DiceFocalLoss) gets no numbers, no Explorer and no Compute link', () => {
    for (const source of [
      "loss_cls = dict(type='QualityFocalLoss', use_sigmoid=True, beta=2.0, loss_weight=1.0)\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n",
      "loss_cls = dict(type='VarifocalLoss', use_sigmoid=True, alpha=0.75, gamma=2.0)\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n",
      'from monai.losses import DiceFocalLoss\nloss = DiceFocalLoss(gamma=2.0)\n',
    ]) {
      const call = callOf(source);
      assert.ok(call.notModeled, source);
      const md = hoverMarkdown(call, 0, DEFAULT_SETTINGS);
      assert.match(md, /\*No values: /);
      assert.doesNotMatch(md, /Open in Loss Explorer|Compute at a value|\| CE \||FL = /, md);
    }
    const qfl = hoverMarkdown(callOf("loss_cls = dict(type='QualityFocalLoss', use_sigmoid=True, beta=2.0, loss_weight=1.0)\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n"), 0, DEFAULT_SETTINGS);
    assert.match(qfl, /beta \*\*2\*\* \*\(written here\)\*/);
    assert.doesNotMatch(qfl, /gamma \*\*/);
  });
});

describe('hover table: values no loss accepts', () => {
  // Before: the core's LossInputError escaped hoverMarkdown and the hover failed.
  for (const [what, source] of [
    ['label_smoothing=1.5 on CrossEntropyLoss', 'import torch.nn as nn\ncriterion = nn.CrossEntropyLoss(label_smoothing=1.5)\n'],
    ['alpha=2 on torchvision sigmoid_focal_loss', 'from torchvision.ops import sigmoid_focal_loss\nloss = sigmoid_focal_loss(x, y, alpha=2.0)\n'],
    ['label_smoothing=-0.1 on BinaryCrossentropy', 'import tensorflow as tf\nloss = tf.keras.losses.BinaryCrossentropy(label_smoothing=-0.1)\n'],
  ] as const) {
    it(`${what}: no numbers, the core's reason, and the hover still shows`, () => {
      const table = hoverTable(callOf(source), Math.E);
      assert.ok('notModeled' in table, JSON.stringify(table));
      assert.match(table.notModeled, /^The core computes no values for this call: /);
      assert.doesNotThrow(() => hoverMarkdown(callOf(source), 0, DEFAULT_SETTINGS));
    });
  }

  it('a value the calls of a function differ on: the note says so, not that the file does not show it', () => {
    const source = [
      'import torch.nn as nn',
      'def train(model, loader, criterion):',
      '    for x, y in loader:',
      '        loss = criterion(model(x), y)',
      'def main(model, loader):',
      '    train(model, loader, nn.CrossEntropyLoss(label_smoothing=0.1))',
      '    train(model, loader, nn.CrossEntropyLoss(label_smoothing=0.0))',
      '',
    ].join('\n');
    const call = findLossCalls(source, 'python').find((one) => one.callee === 'criterion');
    assert.ok(call, 'the parameter call is recognised');
    assert.deepEqual(call.extra.find((e) => e.name === 'label_smoothing')?.value.values, [0.1, 0]);
    const table = hoverTable(call, Math.E);
    assert.ok(!('missing' in table) && !('notModeled' in table));
    assert.deepEqual(table.notes, ['label smoothing not included (it differs between the calls)']);
  });
});
