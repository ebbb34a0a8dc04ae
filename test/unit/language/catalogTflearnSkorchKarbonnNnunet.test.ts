import * as assert from 'node:assert/strict';
import { lossCallAt } from '../../../src/language/recognition';
import { BY_PATH } from '../../../src/language/recognition/catalog';
import { lintPython } from '../../../src/language/lint';

/*
 * Libraries real training code uses that the catalog lacked (issue 24, kind 3). The facts, as read in each
 * library's own source (the catalog files say the same: catalog/tflearn.ts, skorch.ts, karbonn.ts, nnunet.ts):
 * - tflearn/tflearn 0f44f97 tflearn/objectives.py: categorical_crossentropy(y_pred, y_true) divides y_pred by its sum
 *   over the last axis, clips to [_EPSILON, 1 - _EPSILON] (2868b0b tflearn/config.py: _EPSILON = 1e-10) and averages
 *   -sum(y_true log y_pred) over samples; softmax_categorical_crossentropy = mean of
 *   tf.nn.softmax_cross_entropy_with_logits(logits=y_pred); binary_crossentropy = mean of
 *   tf.nn.sigmoid_cross_entropy_with_logits(logits=y_pred). 15d3573 tflearn/layers/estimator.py: regression(incoming,
 *   placeholder=None, optimizer='adam', loss='categorical_crossentropy', metric='default', learning_rate=0.001, ...)
 *   calls objectives.get(loss)(incoming, placeholder).
 * - skorch-dev/skorch 5db0ddc (1.4.0): net.py NeuralNet(module, criterion, ...), initialize_criterion ->
 *   initialized_instance(criterion, params_for('criterion')) (a class called with the criterion__ keywords; an
 *   instance kept when there are none, else type(instance)(**keywords)); classifier.py NeuralNetClassifier(module,
 *   *args, criterion=torch.nn.NLLLoss, ...) whose get_loss takes log(y_pred + eps) first for an NLLLoss,
 *   NeuralNetBinaryClassifier(module, *args, criterion=torch.nn.BCEWithLogitsLoss, ...).
 * - durandtibo/karbonn d0d6d0e (0.0.4a0): functional/loss/focal.py binary_focal_loss(prediction, target, alpha=0.25,
 *   gamma=2.0, reduction="mean") on probabilities, binary_focal_loss_with_logits(<the same>) on logits, alpha_t
 *   applied when alpha >= 0; modules/loss/focal.py BinaryFocalLoss / BinaryFocalLossWithLogits(alpha=0.25,
 *   gamma=2.0, reduction="mean"); exported by karbonn.functional and karbonn.modules, not the root package.
 * - MIC-DKFZ/nnUNet 0e49508 (2.8.1): nnunetv2/training/loss/robust_ce_loss.py RobustCrossEntropyLoss(nn.CrossEntropyLoss)
 *   (only the target squeezed and cast); compound_losses.py DC_and_CE_loss(soft_dice_kwargs, ce_kwargs, weight_ce=1,
 *   weight_dice=1, ignore_label=None, dice_class=SoftDiceLoss) = weight_ce * RobustCE(**ce_kwargs) + weight_dice *
 *   soft Dice on the softmax; DC_and_BCE_loss(bce_kwargs, soft_dice_kwargs, weight_ce=1, weight_dice=1,
 *   use_ignore_label=False, ...) with nn.BCEWithLogitsLoss(**bce_kwargs) and Dice on the sigmoid. nnU-Net v1 (branch
 *   nnunetv1, db16c6c) nnunet/training/loss_functions: the same RobustCrossEntropyLoss, DC_and_CE_loss(soft_dice_kwargs,
 *   ce_kwargs, aggregate="sum", square_dice=False, weight_ce=1, weight_dice=1, log_dice=False, ignore_label=None).
 * The call forms are short patterns of public code: tflearn's own examples (examples/images/convnet_mnist.py:
 * regression(network, optimizer='adam', learning_rate=0.01, loss='categorical_crossentropy', name='target')),
 * skorch's docs (NeuralNet(module=MyModule, criterion=torch.nn.NLLLoss)), Miha5092/Math-for-ML
 * NeuralNetworks/mytest.py (NeuralNetClassifier(module=..., criterion=nn.BCEWithLogitsLoss, optimizer__lr=...)),
 * mateusz-kurowskiUG/projekt-inteligencja-obliczeniowa-1 src/classifiers/neural_network.py
 * (NeuralNetClassifier(MyModule, criterion=nn.CrossEntropyLoss(), lr=0.1)), nnU-Net's nnUNetTrainer._build_loss
 * (DC_and_CE_loss({'batch_dice': ..., 'smooth': 1e-5, 'do_bg': False}, {}, weight_ce=1, weight_dice=1, ...)).
 */

function at(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

describe('catalog: tflearn regression strings and objectives', () => {
  const chain = (regression: string) => `import tflearn\nnet = tflearn.fully_connected(net, 10, activation='softmax')\nnet = ${regression}\n`;

  it("regression's default and 'categorical_crossentropy' take probabilities (normalized and clipped), mean over samples", () => {
    for (const written of ["tflearn.regression(net, optimizer='adam', learning_rate=0.01)", "tflearn.regression(net, optimizer='adam', loss='categorical_crossentropy', name='target')"]) {
      const call = at(chain(written), 'regression(');
      assert.equal(call?.api, 'tflearn.regression');
      assert.equal(call?.kind, 'ce');
      assert.equal(call?.inputs.value, 'probabilities');
      assert.equal(call?.classModel, 'softmax');
      assert.equal(call?.reduction.value, 'mean over samples');
      assert.ok(call?.caveats.some((c) => /clips them to \[1e-10, 1 - 1e-10\]/.test(c)));
      assert.equal(call?.caveats.some((c) => /default loss/.test(c)), !written.includes('loss='));
    }
  });

  it("'softmax_categorical_crossentropy' and 'binary_crossentropy' take logits; from tflearn.layers.estimator import regression too", () => {
    const softmax = at("from tflearn.layers.estimator import regression\nnet = regression(net, loss='softmax_categorical_crossentropy')\n", 'regression(net');
    assert.equal(softmax?.api, "tflearn.regression (loss='softmax_categorical_crossentropy')");
    assert.equal(softmax?.inputs.value, 'logits');
    assert.equal(softmax?.classModel, 'softmax');
    const binary = at(chain("tflearn.regression(net, loss='binary_crossentropy')"), 'regression(');
    assert.equal(binary?.inputs.value, 'logits');
    assert.equal(binary?.classModel, 'sigmoid');
    assert.equal(binary?.reduction.value, 'mean over every element');
  });

  it('tflearn.objectives.categorical_crossentropy(y_pred, y_true) called directly', () => {
    const call = at('import tflearn\nloss = tflearn.objectives.categorical_crossentropy(probs, y)\n', 'categorical_crossentropy(');
    assert.equal(call?.api, 'tflearn.objectives.categorical_crossentropy');
    assert.equal(call?.inputs.value, 'probabilities');
  });

  it('look-alikes stay silent: other loss strings, a loss function, a positional loss, a regression of another library', () => {
    for (const written of ["tflearn.regression(net, loss='mean_square')", "tflearn.regression(net, loss='weighted_crossentropy')", 'tflearn.regression(net, loss=my_loss)', "tflearn.regression(net, None, 'adam', 'binary_crossentropy')"]) {
      assert.equal(at(chain(written), 'regression('), undefined, written);
    }
    assert.equal(at('from statsmodels import regression\nr = regression(y, x)\n', 'regression(y'), undefined);
  });
});

describe("catalog: skorch nets' criterion", () => {
  it("NeuralNetClassifier's default NLLLoss takes probabilities (skorch logs them first)", () => {
    const call = at('from skorch import NeuralNetClassifier\nnet = NeuralNetClassifier(MyModule, max_epochs=10, lr=0.1)\n', 'NeuralNetClassifier(My');
    assert.equal(call?.api, 'torch.nn.NLLLoss (skorch NeuralNetClassifier)');
    assert.equal(call?.inputs.value, 'probabilities');
    assert.equal(call?.reduction.value, 'mean');
  });

  it('criterion=nn.CrossEntropyLoss with criterion__ keywords: that loss with those values, logits in', () => {
    const call = at('import torch.nn as nn\nfrom skorch import NeuralNetClassifier\nnet = NeuralNetClassifier(MyModule, criterion=nn.CrossEntropyLoss, criterion__label_smoothing=0.1, criterion__weight=w)\n', 'NeuralNetClassifier(My');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss (skorch criterion)');
    assert.equal(call?.inputs.value, 'logits');
    assert.equal(call?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
    assert.equal(call?.extra.find((e) => e.name === 'weight')?.value.text, 'w');
  });

  it('an instance (criterion=nn.CrossEntropyLoss()), module by keyword, NeuralNet with a positional criterion, the binary classifier', () => {
    assert.equal(at('import torch.nn as nn\nfrom skorch import NeuralNetClassifier\nnet = NeuralNetClassifier(MyModule, max_epochs=10, criterion=nn.CrossEntropyLoss(), lr=0.1)\n', 'NeuralNetClassifier(My')?.api, 'torch.nn.CrossEntropyLoss (skorch criterion)');
    assert.equal(at('import torch.nn as nn\nfrom skorch import NeuralNetClassifier\nnet = NeuralNetClassifier(module=Net, criterion=nn.BCEWithLogitsLoss, optimizer__lr=0.01)\n', 'NeuralNetClassifier(mod')?.api, 'torch.nn.BCEWithLogitsLoss (skorch criterion)');
    const plain = at('import torch\nimport skorch\nnet = skorch.NeuralNet(MyModule, torch.nn.NLLLoss)\n', 'NeuralNet(My');
    assert.equal(plain?.api, 'torch.nn.NLLLoss (skorch criterion)');
    assert.equal(plain?.inputs.value, 'log-probabilities');
    assert.equal(at('from skorch import NeuralNetBinaryClassifier\nnet = NeuralNetBinaryClassifier(MyModule, lr=0.1)\n', 'NeuralNetBinaryClassifier(My')?.api, 'torch.nn.BCEWithLogitsLoss (skorch criterion)');
  });

  it("the lint does not read the net's arguments (lr=, max_epochs=, criterion__x=) as the loss's keywords", () => {
    for (const src of [
      'import torch.nn as nn\nfrom skorch import NeuralNetClassifier\nnet = NeuralNetClassifier(MyModule, criterion=nn.CrossEntropyLoss, criterion__weight=w, max_epochs=10, lr=0.1)\n',
      'from skorch import NeuralNetBinaryClassifier\nnet = NeuralNetBinaryClassifier(MyModule, lr=0.1, max_epochs=5)\n',
    ]) assert.deepEqual(lintPython(src), [], src);
  });

  it('look-alikes stay silent: NeuralNet without a criterion, a criterion the file computes, **kwargs, an instance rebuilt with criterion__, a regressor, another library', () => {
    for (const src of [
      'from skorch import NeuralNet\nnet = NeuralNet(MyModule, max_epochs=5)\n',
      'from skorch import NeuralNet\nnet = NeuralNet(MyModule, criterion=make_criterion(cfg))\n',
      'from skorch import NeuralNetClassifier\nnet = NeuralNetClassifier(MyModule, **params)\n',
      'import torch.nn as nn\nfrom skorch import NeuralNet\nnet = NeuralNet(MyModule, criterion=nn.CrossEntropyLoss(weight=w), criterion__label_smoothing=0.1)\n',
      'from skorch import NeuralNetRegressor\nnet = NeuralNetRegressor(MyModule)\n',
      'from mylib import NeuralNetClassifier\nnet = NeuralNetClassifier(MyModule)\n',
      'import torch.nn.functional as F\nfrom skorch import NeuralNet\nnet = NeuralNet(MyModule, criterion=F.cross_entropy)\n',
    ]) {
      assert.equal(at(src, src.match(/NeuralNet\w*\(/)![0]), undefined, src);
    }
  });
});

describe('catalog: karbonn binary focal losses', () => {
  it('BinaryFocalLoss on probabilities and binary_focal_loss_with_logits on logits, torchvision-style alpha_t', () => {
    const module = at('from karbonn.modules import BinaryFocalLoss\ncriterion = BinaryFocalLoss(alpha=0.5, gamma=1.0)\n', 'BinaryFocalLoss(alpha');
    assert.equal(module?.api, 'karbonn.modules.BinaryFocalLoss');
    assert.equal(module?.kind, 'focal');
    assert.equal(module?.alpha.value, 0.5);
    assert.equal(module?.gamma.value, 1);
    assert.equal(module?.inputs.value, 'probabilities');
    const fn = at('import karbonn.functional as KF\nloss = KF.binary_focal_loss_with_logits(logits, y, alpha=-1, reduction="sum")\n', 'binary_focal_loss_with_logits(');
    assert.equal(fn?.api, 'karbonn.functional.binary_focal_loss_with_logits');
    assert.equal(fn?.alpha.value, null);
    assert.equal(fn?.gamma.value, 2);
    assert.equal(fn?.inputs.value, 'logits');
    assert.equal(fn?.reduction.value, 'sum');
  });

  it('look-alikes: karbonn.BinaryFocalLoss (not exported by the root package), another library\'s BinaryFocalLoss', () => {
    assert.equal(at('import karbonn\nloss = karbonn.BinaryFocalLoss()\n', 'BinaryFocalLoss('), undefined);
    assert.equal(at('from mylosses import BinaryFocalLoss\nloss = BinaryFocalLoss()\n', 'BinaryFocalLoss('), undefined);
    assert.equal(BY_PATH.get('karbonn.BinaryFocalLoss'), undefined);
  });
});

describe("catalog: nnU-Net's cross-entropy losses", () => {
  it('RobustCrossEntropyLoss is nn.CrossEntropyLoss on logits, with its parameters', () => {
    const call = at('from nnunetv2.training.loss.robust_ce_loss import RobustCrossEntropyLoss\nloss = RobustCrossEntropyLoss(weight=w, ignore_index=255, label_smoothing=0.1)\n', 'RobustCrossEntropyLoss(');
    assert.equal(call?.api, 'nnunetv2.training.loss.robust_ce_loss.RobustCrossEntropyLoss');
    assert.equal(call?.inputs.value, 'logits');
    assert.equal(call?.extra.find((e) => e.name === 'ignore_index')?.value.value, 255);
    assert.equal(call?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
    assert.equal(call?.notModeled, undefined);
  });

  it('DC_and_CE_loss claims its CE part, names the Dice part and shows no values (v2 and v1)', () => {
    const v2 = at("from nnunetv2.training.loss.compound_losses import DC_and_CE_loss\nloss = DC_and_CE_loss({'batch_dice': True, 'smooth': 1e-5, 'do_bg': False}, {}, weight_ce=1, weight_dice=1, ignore_label=None)\n", 'DC_and_CE_loss(');
    assert.equal(v2?.kind, 'ce');
    assert.equal(v2?.inputs.value, 'logits');
    assert.equal(v2?.classModel, 'softmax');
    assert.match(v2?.notModeled ?? '', /soft Dice loss on the softmax \(weight_dice=1\) to weight_ce=1 times the cross-entropy/);
    assert.ok(v2?.caveats.some((c) => c.includes('ce_kwargs = {}')));
    const v1 = at("from nnunet.training.loss_functions.dice_loss import DC_and_CE_loss\nloss = DC_and_CE_loss({'batch_dice': True}, {}, weight_ce=2)\n", 'DC_and_CE_loss(');
    assert.match(v1?.notModeled ?? '', /weight_dice=1\) to weight_ce=2 times/);
  });

  it('DC_and_BCE_loss: BCEWithLogitsLoss part, one sigmoid per element, Dice named', () => {
    const call = at("from nnunetv2.training.loss.compound_losses import DC_and_BCE_loss\nloss = DC_and_BCE_loss({}, {'batch_dice': True, 'do_bg': True}, use_ignore_label=False)\n", 'DC_and_BCE_loss(');
    assert.equal(call?.classModel, 'sigmoid');
    assert.match(call?.notModeled ?? '', /soft Dice loss on the sigmoid/);
  });

  it('look-alikes stay silent: TopKLoss and DC_and_topk_loss (not CE over every voxel), a DC_and_CE_loss of the user\'s', () => {
    assert.equal(at('from nnunetv2.training.loss.robust_ce_loss import TopKLoss\nloss = TopKLoss(k=10)\n', 'TopKLoss('), undefined);
    assert.equal(at('from nnunetv2.training.loss.compound_losses import DC_and_topk_loss\nloss = DC_and_topk_loss({}, {"k": 10})\n', 'DC_and_topk_loss('), undefined);
    assert.equal(at('from my_losses import DC_and_CE_loss\nloss = DC_and_CE_loss({}, {})\n', 'DC_and_CE_loss('), undefined);
  });
});
