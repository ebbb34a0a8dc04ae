// Issue 24's hover gaps through VS Code's own hover machinery (vscode.executeHoverProvider): a loss
// passed to a function's parameter by the file's calls; TensorFlow 2's tf.losses.X (Keras's) beside
// TensorFlow 1's tf.losses.sigmoid_cross_entropy; tflearn, skorch, karbonn and nnU-Net losses. The patterns,
// facts and their public sources are in the unit tests (test/unit/language/functionParameterLosses.test.ts,
// catalogTf2LossesAlias.test.ts, catalogTflearnSkorchKarbonnNnunet.test.ts).
import * as assert from './assert';
import { describeHovers, lossHoverAt } from './fixtures';

const PASSED = [
  'import torch.nn as nn',
  'def train(model, loader, criterion, optimizer):',
  '    for x, y in loader:',
  '        loss = criterion(model(x), y)',
  '        loss.backward()',
  'def evaluate(model, loader, crit):',
  '    return sum(crit(model(x), y).item() for x, y in loader)',
  'train(net, train_dl, nn.CrossEntropyLoss(label_smoothing=0.1), opt)',
  'train(net, extra_dl, nn.CrossEntropyLoss(label_smoothing=0.2), opt)',
  'evaluate(net, val_dl, nn.CrossEntropyLoss())',
  'evaluate(net, val_dl, nn.MSELoss())',
  '',
].join('\n');

describeHovers('Hover on a loss passed to a function parameter', PASSED, (opened) => {

  it('criterion(...) inside train is the CrossEntropyLoss both calls pass, with the label smoothing each gives', async () => {
    const hover = await lossHoverAt(opened(), 'criterion(model', 3);
    assert.ok(hover, 'no hover on criterion(...)');
    assert.match(hover, /^\*\*torch\\\.nn\\\.CrossEntropyLoss\*\*/);
    assert.match(hover, /`criterion`: the loss built at line 8 or line 9/);
    assert.match(hover, /label\\_smoothing \*\*0\.1 or 0\.2\*\* \*\(the function's calls from line 8\)\*/);
    assert.match(hover, /The loss this file's calls of train pass as criterion: a call in another file may pass another\\\./);
  });

  it('crit(...) inside evaluate, passed a CrossEntropyLoss and an MSELoss, stays silent', async () => {
    assert.equal(await lossHoverAt(opened(), 'crit(model', 2), undefined);
  });
});

const TF_LOSSES = [
  'import tensorflow as tf',
  'model.compile(optimizer="adam", loss=tf.losses.SparseCategoricalCrossentropy(from_logits=True))',
  'bce = tf.losses.BinaryCrossentropy()',
  'old = tf.losses.sigmoid_cross_entropy(tags, scores)',
  '',
].join('\n');

describeHovers("Hover on TensorFlow 2's tf.losses (Keras's) and TensorFlow 1's", TF_LOSSES, (opened) => {

  it('tf.losses.SparseCategoricalCrossentropy(from_logits=True) is Keras\'s, logits in', async () => {
    const hover = await lossHoverAt(opened(), 'SparseCategoricalCrossentropy(', 3);
    assert.ok(hover, 'no hover on tf.losses.SparseCategoricalCrossentropy');
    assert.match(hover, /^\*\*keras\\\.losses\\\.SparseCategoricalCrossentropy\*\*/);
    assert.match(hover, /\*\*Logits\*\* in/);
  });

  it('tf.losses.BinaryCrossentropy() takes probabilities (from_logits False), and Keras clips them', async () => {
    const hover = await lossHoverAt(opened(), 'BinaryCrossentropy()', 3);
    assert.ok(hover, 'no hover on tf.losses.BinaryCrossentropy');
    assert.match(hover, /^\*\*keras\\\.losses\\\.BinaryCrossentropy\*\*/);
    assert.match(hover, /\*\*Probabilities\*\* in/);
    assert.match(hover, /Keras clips probabilities to \\\[1e\\-7, 1 \\- 1e\\-7\\\]/);
  });

  it('tf.losses.sigmoid_cross_entropy stays TensorFlow 1\'s', async () => {
    const hover = await lossHoverAt(opened(), 'sigmoid_cross_entropy(', 3);
    assert.ok(hover, 'no hover on tf.losses.sigmoid_cross_entropy');
    assert.match(hover, /^\*\*tf\\\.losses\\\.sigmoid\\_cross\\_entropy\*\*/);
  });
});

const LIBRARIES = [
  'import tflearn',
  'import torch.nn as nn',
  'from skorch import NeuralNetClassifier',
  'from karbonn.modules import BinaryFocalLoss',
  'from nnunetv2.training.loss.compound_losses import DC_and_CE_loss',
  "net = tflearn.regression(net, optimizer='adam', learning_rate=0.01)",
  'clf = NeuralNetClassifier(MyModule, criterion=nn.CrossEntropyLoss, criterion__label_smoothing=0.1, max_epochs=10)',
  'focal = BinaryFocalLoss(alpha=0.5, gamma=1.0)',
  "seg = DC_and_CE_loss({'batch_dice': True, 'smooth': 1e-5, 'do_bg': False}, {}, weight_ce=1, weight_dice=1)",
  '',
].join('\n');

describeHovers('Hover on tflearn, skorch, karbonn and nnU-Net losses', LIBRARIES, (opened) => {

  it("tflearn's regression without loss= is its default categorical_crossentropy, on probabilities", async () => {
    const hover = await lossHoverAt(opened(), 'regression(net', 3);
    assert.ok(hover, 'no hover on tflearn.regression');
    assert.match(hover, /^\*\*tflearn\\\.regression\*\*/);
    assert.match(hover, /\*\*Probabilities\*\* in/);
    assert.match(hover, /regression's default loss is 'categorical\\_crossentropy'/);
  });

  it("skorch's NeuralNetClassifier with criterion=nn.CrossEntropyLoss and criterion__label_smoothing", async () => {
    const hover = await lossHoverAt(opened(), 'NeuralNetClassifier(MyModule', 3);
    assert.ok(hover, 'no hover on NeuralNetClassifier(...)');
    assert.match(hover, /^\*\*torch\\\.nn\\\.CrossEntropyLoss \\\(skorch criterion\\\)\*\*/);
    assert.match(hover, /label\\_smoothing \*\*0\.1\*\*/);
  });

  it("karbonn's BinaryFocalLoss is a focal loss on probabilities with the call's alpha and gamma", async () => {
    const hover = await lossHoverAt(opened(), 'BinaryFocalLoss(alpha', 3);
    assert.ok(hover, 'no hover on BinaryFocalLoss');
    assert.match(hover, /^\*\*karbonn\\\.modules\\\.BinaryFocalLoss\*\* · focal loss/);
    assert.match(hover, /alpha \*\*0\.5\*\*/);
    assert.match(hover, /gamma \*\*1\*\*/);
  });

  it("nnU-Net's DC_and_CE_loss names its Dice part and shows no table", async () => {
    const hover = await lossHoverAt(opened(), 'DC_and_CE_loss({', 3);
    assert.ok(hover, 'no hover on DC_and_CE_loss');
    assert.match(hover, /DC\\_and\\_CE\\_loss/);
    assert.match(hover, /soft Dice loss on the softmax/);
    assert.doesNotMatch(hover, /\| --- \|/);
  });
});
