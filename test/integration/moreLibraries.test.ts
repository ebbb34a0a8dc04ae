// Issue 24 through VS Code's own hover machinery (vscode.executeHoverProvider): timm's losses, keras-cv's
// FocalLoss and compile(classification_loss="focal"), Keras losses named by string in compile(loss=...),
// Hydra `_target_` nodes in YAML, and the paper's Table 1 line where alpha or gamma leave the paper's.
import * as assert from './assert';
import * as vscode from 'vscode';
import { lossHoverAt } from './fixtures';

const PYTHON = [
  'from timm.loss import BinaryCrossEntropy, LabelSmoothingCrossEntropy, SoftTargetCrossEntropy',
  'from torchvision.ops import sigmoid_focal_loss',
  'import keras_cv',
  'train_loss_fn = LabelSmoothingCrossEntropy(smoothing=0.1)',
  'mixup_loss_fn = SoftTargetCrossEntropy()',
  'bce_loss_fn = BinaryCrossEntropy(smoothing=0.0, pos_weight=3.0)',
  'focal = keras_cv.losses.FocalLoss(from_logits=True)',
  "model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['binary_crossentropy'])",
  'retinanet.compile(classification_loss="focal", box_loss="smoothl1", optimizer=opt)',
  'l1 = sigmoid_focal_loss(x, y, alpha=0.25, gamma=1)',
  'import keras',
  'mnist.compile(loss=keras.losses.categorical_crossentropy, optimizer=opt, metrics=[keras.losses.binary_crossentropy])',
  '',
].join('\n');

const YAML = ['model:', '  _target_: src.models.Net', 'criterion:', '  _target_: torch.nn.CrossEntropyLoss', '  label_smoothing: 0.1', 'optimizer:', '  _target_: torch.optim.Adam', '  lr: 0.001', ''].join('\n');

const PATTERNS = [
  'import numpy as np',
  'from torchvision.ops import sigmoid_focal_loss',
  'from detrex.modeling import SetCriterion',
  'from detectron2.config import LazyCall as L',
  'FOCAL_KW = dict(alpha=0.5, gamma=1.0)',
  'l2 = sigmoid_focal_loss(x, y, **FOCAL_KW)',
  'criterion = L(SetCriterion)(num_classes=80, loss_class_type="focal_loss", alpha=0.25, gamma=2.0)',
  'def binary_focal_loss(y_true, y_pred, gamma=2.0, alpha=0.25):',
  '    y_pred = np.clip(y_pred, 1e-7, 1 - 1e-7)',
  '    return -np.mean(alpha * y_true * (1 - y_pred) ** gamma * np.log(y_pred))',
  'l3 = binary_focal_loss(y, p)',
  'class FocalLoss(torch.nn.Module):',
  '    def __init__(self, alpha=0.25, gamma=2.0):',
  '        super().__init__()',
  'crit = FocalLoss(gamma=1.5)',
  'l4 = crit(outputs.logits, labels)',
  '',
].join('\n');

const HUB = [
  'import torch',
  'loss_fn = torch.hub.load(',
  "    'adeelh/pytorch-multi-class-focal-loss',",
  "    model='FocalLoss',",
  '    alpha=torch.tensor([1.0 / 13, 2.0 / 13, 5.0 / 13]),',
  '    gamma=2,',
  "    reduction='mean',",
  '    force_reload=False,',
  ')',
  "focal = torch.hub.load('adeelh/pytorch-multi-class-focal-loss', model='FocalLoss', reduction='mean')",
  'loss = focal(outputs, labels)',
  '',
].join('\n');

describe('Issue 24: more libraries in the hover', () => {
  let python: vscode.TextDocument;
  let yaml: vscode.TextDocument;

  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
    python = await vscode.workspace.openTextDocument({ language: 'python', content: PYTHON });
    yaml = await vscode.workspace.openTextDocument({ language: 'yaml', content: YAML });
  });

  it("timm's LabelSmoothingCrossEntropy: named, softmax on logits, smoothing said and no values claimed", async () => {
    const hover = await lossHoverAt(python, 'LabelSmoothingCrossEntropy(smoothing');
    assert.ok(hover, 'no hover');
    assert.match(hover, /^\*\*timm\\\.loss\\\.LabelSmoothingCrossEntropy\*\*/);
    assert.match(hover, /\*\*Logits\*\* in: `log_softmax` over the classes is applied inside/);
    assert.match(hover, /nn\\\.CrossEntropyLoss\\\(label\\_smoothing=0\\\.1\\\)/);
    assert.match(hover, /No values: timm's smoothing/);
  });

  it("timm's SoftTargetCrossEntropy says why it has no table; BinaryCrossEntropy without smoothing has one with pos_weight", async () => {
    assert.match((await lossHoverAt(python, 'SoftTargetCrossEntropy()'))!, /No values: Its targets are distributions/);
    const bce = await lossHoverAt(python, 'BinaryCrossEntropy(smoothing');
    assert.ok(bce, 'no hover on BinaryCrossEntropy');
    assert.match(bce, /pos\\_weight \*\*3\*\* \*\(written here\)\*/);
    // pos_weight: the positives' row beside the negatives'.
    assert.match(bce, /\| this loss, y = 1 \|/);
  });

  it("keras-cv's FocalLoss takes logits when from_logits=True", async () => {
    const hover = await lossHoverAt(python, 'FocalLoss(from_logits');
    assert.ok(hover);
    assert.match(hover, /^\*\*keras\\\_cv\\\.losses\\\.FocalLoss\*\* · focal loss/);
    assert.match(hover, /\*\*Logits\*\* in \(from\\_logits=True\)/);
  });

  it("compile(loss='binary_crossentropy'): on the string and on loss=, Keras's function with from_logits=False; not in metrics=", async () => {
    for (const [needle, nth] of [["binary_crossentropy', metrics", 3], ["loss='binary", 1]] as const) {
      const hover = await lossHoverAt(python, needle, nth);
      assert.ok(hover, `no hover at ${needle}`);
      assert.match(hover, /^\*\*keras\\\.losses\\\.binary\\_crossentropy\*\*/);
      assert.match(hover, /\*\*Probabilities\*\* in/);
      assert.match(hover, /Keras resolves loss='binary\\_crossentropy'/);
    }
    assert.equal(await lossHoverAt(python, "binary_crossentropy'])", 3), undefined, 'a metric string has no loss hover');
  });

  it('compile(loss=keras.losses.categorical_crossentropy): the function given as it is, with every default; not in metrics=', async () => {
    const hover = await lossHoverAt(python, 'categorical_crossentropy, optimizer', 1);
    assert.ok(hover, 'no hover on the function given to compile');
    assert.match(hover, /^\*\*keras\\\.losses\\\.categorical\\_crossentropy\*\*/);
    assert.match(hover, /\*\*Probabilities\*\* in/);
    assert.match(hover, /compile\\\(\\\) calls keras\\\.losses\\\.categorical\\_crossentropy as it is/);
    assert.equal(await lossHoverAt(python, 'binary_crossentropy])', 3), undefined, 'a function given as a metric has no loss hover');
  });

  it('compile(classification_loss="focal"): keras-cv\'s FocalLoss(from_logits=True, reduction="sum")', async () => {
    const hover = await lossHoverAt(python, 'focal", box_loss', 1);
    assert.ok(hover);
    assert.match(hover, /keras\\\_cv\\\.losses\\\.FocalLoss/);
    assert.match(hover, /\*\*"sum"\*\*/);
    assert.equal(await lossHoverAt(python, 'smoothl1', 2), undefined, 'box_loss is not a classification loss');
  });

  it("the paper's Table 1 line where gamma is 1", async () => {
    const hover = await lossHoverAt(python, 'sigmoid_focal_loss(x, y, alpha=0.25, gamma=1)');
    assert.ok(hover);
    assert.match(hover, /\*Table 1 \\\(COCO AP\\\): γ 1, α 0\\\.25: 33\\\.7/);
  });

  it('**kwargs of a dict written in the file, detrex L(SetCriterion), a numpy focal loss, and outputs.logits passed to your own loss', async () => {
    const patterns = await vscode.workspace.openTextDocument({ language: 'python', content: PATTERNS });
    const kw = await lossHoverAt(patterns, 'sigmoid_focal_loss(x, y, **FOCAL');
    assert.ok(kw, 'no hover on the **kwargs call');
    assert.match(kw, /alpha \*\*0\.5\*\* \*\(line 5\)\* · gamma \*\*1\*\* \*\(line 5\)\*/);
    const detrex = await lossHoverAt(patterns, 'SetCriterion)(', 2);
    assert.ok(detrex, 'no hover on L(SetCriterion)');
    assert.match(detrex, /^\*\*detrex\\\.modeling\\\.SetCriterion\*\* · focal loss/);
    const numpy = await lossHoverAt(patterns, 'binary_focal_loss(y, p)');
    assert.ok(numpy, 'no hover on the numpy loss');
    assert.match(numpy, /\*\*Probabilities\*\* in/);
    const logits = await lossHoverAt(patterns, 'crit(outputs', 1);
    assert.ok(logits, 'no hover on crit(outputs.logits, ...)');
    assert.match(logits, /\*\*Logits\*\* in \(the call passes outputs\\\.logits\)/);
  });

  it("torch.hub.load of adeelh/pytorch-multi-class-focal-loss: its FocalLoss, alpha as class weights, gamma's default 0 said, and the bound name's call", async () => {
    const hub = await vscode.workspace.openTextDocument({ language: 'python', content: HUB });
    const weighted = await lossHoverAt(hub, 'torch.hub.load(\n', 10);
    assert.ok(weighted, 'no hover on torch.hub.load');
    assert.match(weighted, /^\*\*adeelh\/pytorch\\-multi\\-class\\-focal\\-loss: FocalLoss\*\* · focal loss/);
    assert.match(weighted, /alpha here is a weight per class/);
    assert.match(weighted, /No values: alpha weights each class/);
    const plain = await lossHoverAt(hub, 'focal(outputs', 1);
    assert.ok(plain, 'no hover on the bound loss');
    assert.match(plain, /library defaults: gamma 0, alpha none, ignore\\_index -100/);
    assert.match(plain, /gamma=0: the modulating factor is 1/);
  });

  it('Hydra YAML: criterion with _target_: torch.nn.CrossEntropyLoss and its label_smoothing; the optimizer node gets nothing', async () => {
    const hover = await lossHoverAt(yaml, 'CrossEntropyLoss', 2);
    assert.ok(hover, 'no hover on the _target_');
    assert.match(hover, /^\*\*torch\\\.nn\\\.CrossEntropyLoss\*\*/);
    assert.match(hover, /label\\_smoothing \*\*0\.1\*\* \*\(written here\)\*/);
    assert.match(hover, /hydra\\\.utils\\\.instantiate calls torch\\\.nn\\\.CrossEntropyLoss/);
    assert.equal(await lossHoverAt(yaml, 'torch.optim.Adam', 8), undefined);
  });
});
