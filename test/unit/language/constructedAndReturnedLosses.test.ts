import * as assert from 'node:assert/strict';
import { lossCallAt } from '../../../src/language/recognition';

/*
 * Two ways a loss reaches `self.criterion(...)` / `criterion(...)` that the hover missed (issue 24),
 * in short patterns of our own shaped like public code:
 *
 * A loss passed to a class's constructor and stored on self, with no loss default in __init__:
 *   Gheovgos/NN-DL_2024 src/training/training.py (`Trainer(net, training_data, optimizer, criterion)`,
 *     `self.criterion = criterion`, `loss = self.criterion(outpus, labels)`),
 *   bayegaspard/varMax src/trainer.py and JadenMalcolm/WorkoutBuddy Model/Train.py (the same shape with
 *     `criterion` third), TzviNoy/RawImageHandler trainer.py (`Trainer(optimizer, criterion, net)`),
 *   werent4/wav2vec-emotions python/src/_trainer.py (HuggingFace `LossTrainer(Trainer)` with
 *     `__init__(self, *args, loss_fn=None, **kwargs)` and `self.loss_fn(logits, labels)` in compute_loss),
 *   tom-balcaen-ahodos/nlp_project_2025 focal_loss.py (`CustomTrainer(Trainer).__init__(self, focal_loss_fn, *args, **kwargs)`).
 * What the attribute holds is what every construction in the file passes (initParameterLosses.ts); a
 * name passed is followed to its binding as for a function's parameter (functionParameterLosses.ts).
 *
 * A loss returned by a def of the file:
 *   aidotse/LeakPro examples/mia/tabular_mia/adult_handler.py @c47752fa (`def get_criterion(self): return
 *     BCEWithLogitsLoss()`, then `criterion = self.get_criterion()` in train), and
 *     examples/mia/LOS/mimic_model_handler.py (the same method);
 *   silent look-alikes: AngelaZZZ-611/reasoning_models_probing src/test_predictor_with_class_weights.py
 *     @86e36cb (`load_loss_func(pos_weight, ...)` returns BCEWithLogitsLoss() or one built from its
 *     parameter), ariecattan/SciCo utils/utils.py @e1055b7 (`get_loss_function(config)`: hinge or BCE by
 *     config), ultralytics/yolov5 utils/torch_utils.py @5081342f0 (`smartCrossEntropyLoss(label_smoothing)`
 *     returns CE with the parameter or plain CE), dtminnick/sweep-framework loss_strategy.py @0d6d17f
 *     (`build()` returns FocalLoss or CrossEntropyLoss by a flag), JX-OctoNeko/Flood_BDA_benchmark
 *     src/impl/builders/critn_builders.py @9def71f (`nn.CrossEntropyLoss(weight=torch.Tensor(C['weights']))`
 *     from its parameter).
 */

function at(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

const TRAINER = (constructions: string[]) =>
  [
    'import torch',
    'import torch.nn as nn',
    'class Trainer:',
    '    def __init__(self, model, loader, criterion, optimizer, device="cpu"):',
    '        self.model = model',
    '        self.criterion = criterion',
    '    def train(self):',
    '        for x, y in self.loader:',
    '            loss = self.criterion(self.model(x), y)',
    '',
    ...constructions,
  ].join('\n');

describe('language: a loss passed to a class constructor and called through self', () => {
  it('Trainer(net, dl, nn.BCEWithLogitsLoss(pos_weight=...), opt): self.criterion is that loss, with the caveat about other files', () => {
    const call = at(TRAINER(['trainer = Trainer(net, dl, nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0])), opt)']), 'self.criterion(self');
    assert.equal(call?.api, 'torch.nn.BCEWithLogitsLoss');
    assert.deepEqual(call?.builtAt?.line, { kind: 'resolved', line: 10 });
    assert.ok(call?.caveats.some((c) => c.includes("Trainer's parameter criterion")), call?.caveats.join('\n'));
  });

  it('a name bound to the loss (through .to(device)) and passed by keyword', () => {
    const call = at(TRAINER(['crit = nn.CrossEntropyLoss(label_smoothing=0.1).to(device)', 'trainer = Trainer(net, dl, optimizer=opt, criterion=crit)']), 'self.criterion(self');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(call?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
    assert.deepEqual(call?.builtAt?.line, { kind: 'resolved', line: 10 });
  });

  it('a HuggingFace Trainer subclass with a keyword-only loss parameter after *args', () => {
    const src = [
      'from functools import partial',
      'from transformers import Trainer',
      'from torchvision.ops import sigmoid_focal_loss',
      'class FocalTrainer(Trainer):',
      '    def __init__(self, *args, focal_loss_fn=None, **kwargs):',
      '        super().__init__(*args, **kwargs)',
      '        self.focal_loss_fn = focal_loss_fn',
      '    def compute_loss(self, model, inputs, return_outputs=False, **kwargs):',
      '        labels = inputs.pop("labels")',
      '        outputs = model(**inputs)',
      '        loss = self.focal_loss_fn(outputs.logits, labels)',
      '        return loss',
      'trainer = FocalTrainer(model=model, args=targs, train_dataset=ds, focal_loss_fn=partial(sigmoid_focal_loss, alpha=0.5, gamma=1.0, reduction="mean"))',
    ].join('\n');
    const call = at(src, 'self.focal_loss_fn(outputs');
    assert.equal(call?.api, 'torchvision.ops.sigmoid_focal_loss');
    assert.equal(call?.alpha.value, 0.5);
    assert.equal(call?.gamma.value, 1);
    assert.equal(call?.builtAt?.how, 'partial');
  });

  it('a name passed and rebound by the same statement (crit = Wrap(crit), as yolov5 wraps BCEcls): the binding before it', () => {
    const src = [
      'import torch.nn as nn',
      'class Wrap(nn.Module):',
      '    def __init__(self, loss_fcn, gamma=1.5):',
      '        super().__init__()',
      '        self.loss_fcn = loss_fcn',
      '    def forward(self, pred, true):',
      '        return self.loss_fcn(pred, true).mean()',
      'crit = nn.BCEWithLogitsLoss(pos_weight=pw)',
      'crit = Wrap(crit, 2.0)',
    ].join('\n');
    const call = at(src, 'self.loss_fcn(pred');
    assert.equal(call?.api, 'torch.nn.BCEWithLogitsLoss');
    assert.deepEqual(call?.builtAt?.line, { kind: 'resolved', line: 7 });
  });

  it('silent: constructions that pass different losses, none, **kwargs, or a subclass of the class', () => {
    const differ = TRAINER(['a = Trainer(net, dl, nn.CrossEntropyLoss(), opt)', 'b = Trainer(net, dl, nn.BCEWithLogitsLoss(), opt)']);
    const none = TRAINER([]);
    const kwargs = TRAINER(['a = Trainer(net, dl, nn.CrossEntropyLoss(), opt)', 'b = Trainer(**cfg)']);
    const subclass = TRAINER(['class Sub(Trainer):', '    pass', 'a = Trainer(net, dl, nn.CrossEntropyLoss(), opt)']);
    const notLoss = TRAINER(['a = Trainer(net, dl, make_criterion(cfg), opt)']);
    for (const [name, src] of Object.entries({ differ, none, kwargs, subclass, notLoss })) assert.equal(at(src, 'self.criterion(self'), undefined, name);
  });
});

describe('language: a loss returned by a method or function of the file', () => {
  it('criterion = self.get_criterion() whose body returns BCEWithLogitsLoss(): that loss, built at the return', () => {
    const src = [
      'from torch.nn import BCEWithLogitsLoss',
      'class AdultHandler(AbstractInputHandler):',
      '    def get_criterion(self):',
      '        return BCEWithLogitsLoss()',
      '    def train(self, dataloader, model=None, criterion=None):',
      '        criterion = self.get_criterion()',
      '        for data, target in dataloader:',
      '            loss = criterion(model(data), target.float())',
    ].join('\n');
    const call = at(src, 'criterion(model');
    assert.equal(call?.api, 'torch.nn.BCEWithLogitsLoss');
    assert.deepEqual(call?.builtAt, { line: { kind: 'resolved', line: 3 }, how: 'instance' });
    assert.deepEqual(call?.caveats, []);
  });

  it('build_loss(cfg) returning a name bound to the loss (and .cuda() on it): the construction', () => {
    const src = [
      'import torch.nn as nn',
      'def create_criterion(args):',
      '    criterion = nn.CrossEntropyLoss(label_smoothing=0.2)',
      '    if args.cuda:',
      '        criterion = criterion.cuda()',
      '    return criterion',
      'def main(args):',
      '    crit = create_criterion(args)',
      '    loss = crit(out, y)',
    ].join('\n');
    const call = at(src, 'crit(out');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(call?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.2);
    assert.deepEqual(call?.builtAt?.line, { kind: 'resolved', line: 2 });
  });

  it('silent: returns that differ, a return built from a parameter, a parameter returned, a method another class also defines', () => {
    const src = [
      'import torch.nn as nn',
      'def get_loss_function(config):',
      '    if config.loss == "hinge":',
      '        return nn.HingeEmbeddingLoss()',
      '    return nn.BCEWithLogitsLoss()',
      'def smart_ce(label_smoothing=0.0):',
      '    return nn.CrossEntropyLoss(label_smoothing=label_smoothing)',
      'def passthrough(loss):',
      '    return loss',
      'def build(flag):',
      '    if flag:',
      '        return FocalLoss(gamma=2)',
      '    return nn.CrossEntropyLoss()',
      'class A:',
      '    def get_criterion(self):',
      '        return nn.CrossEntropyLoss()',
      '    def step(self):',
      '        c = self.get_criterion()',
      '        return c(out, y)',
      'class B(A):',
      '    def get_criterion(self):',
      '        return nn.BCEWithLogitsLoss()',
      'l1 = get_loss_function(cfg)(out, y)',
      'f1 = get_loss_function(cfg)',
      'r1 = f1(out, y)',
      'f2 = smart_ce(0.1)',
      'r2 = f2(out, y)',
      'f3 = passthrough(nn.CrossEntropyLoss())',
      'r3 = f3(out, y)',
      'f4 = build(True)',
      'r4 = f4(out, y)',
    ].join('\n');
    for (const needle of ['f1(out', 'f2(out', 'f3(out', 'f4(out', 'c(out']) assert.equal(at(src, needle)?.api, undefined, needle);
  });
});
