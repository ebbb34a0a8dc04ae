// A loss another file passes to a training function of this file (importerLosses.ts). The shapes are public code's:
// kenshohara/3D-ResNets-PyTorch at 540a0ea (training.py `def train_epoch(epoch, data_loader, model, criterion,
// optimizer, ...)` calling `criterion(outputs, targets)`; main.py `criterion = CrossEntropyLoss().to(opt.device)`
// and `train_epoch(i, train_loader, model, criterion, optimizer, ...)` in a loop), facebookresearch/mae at efb2a80
// (engine_finetune.py `train_one_epoch(model, criterion, ...)`; main_finetune.py choosing SoftTargetCrossEntropy,
// LabelSmoothingCrossEntropy or CrossEntropyLoss by flags: three APIs, nothing said), davidtvs/PyTorch-ENet at e17d404
// (train.py `class Train: def __init__(self, model, data_loader, optim, criterion, metric, device)` storing
// `self.criterion = criterion`; main.py `criterion = nn.CrossEntropyLoss(weight=class_weights)` and
// `Train(model, train_loader, optimizer, criterion, metric, device)`).
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { findLossCalls, type ImportedSources, type ImporterSource, type LossCall } from '../../../src/language/recognition';

const TRAINING = `import torch


def train_epoch(epoch, data_loader, model, criterion, optimizer, device):
    model.train()
    for i, (inputs, targets) in enumerate(data_loader):
        outputs = model(inputs.to(device))
        loss = criterion(outputs, targets.to(device))
        optimizer.zero_grad()
        loss.backward()
`;

const MAIN = `from torch.nn import CrossEntropyLoss
from training import train_epoch


def main_worker(opt):
    model = generate_model(opt)
    criterion = CrossEntropyLoss(ignore_index=255).to(opt.device)
    optimizer = make_optimizer(model)
    for i in range(opt.begin_epoch, opt.n_epochs + 1):
        train_epoch(i, train_loader, model, criterion, optimizer,
                    opt.device)
        # the next epoch
`;

function importers(...files: ImporterSource[]): ImportedSources {
  return { get: () => undefined, importers: () => files };
}

function criterionCall(text: string, imported: ImportedSources): LossCall | undefined {
  return findLossCalls(text, 'python', undefined, imported).find((call) => call.callee === 'criterion');
}

describe('a loss another file passes to this file\'s function', () => {
  it("3D-ResNets: training.py's criterion is main.py's CrossEntropyLoss, with its value and where it was built", () => {
    const call = criterionCall(TRAINING, importers({ text: MAIN, file: 'main.py', modules: ['training'] }))!;
    assert.equal(call.api, 'torch.nn.CrossEntropyLoss');
    assert.deepEqual(call.builtAt?.line, { kind: 'resolved', line: 6, file: 'main.py' });
    assert.equal(call.builtAt?.how, 'instance');
    assert.deepEqual(call.extra.find((e) => e.name === 'ignore_index')?.value.value, 255);
    assert.deepEqual(call.extra.find((e) => e.name === 'ignore_index')?.value.origin, { kind: 'resolved', line: 6, file: 'main.py' });
    assert.ok(call.caveats.some((c) => /^The loss main\.py's calls of train_epoch pass as criterion: a file not read here may pass another\.$/.test(c)), call.caveats.join(' | '));
    // The hover range is this file's call.
    assert.equal(TRAINING.slice(call.nameStart, call.nameEnd), 'criterion');
    assert.equal(TRAINING.slice(call.start, call.end), 'criterion(outputs, targets.to(device))');
  });

  it('by keyword, a construction written in the call, through `import training as t` and a relative import', () => {
    const byKeyword = `import torch.nn as nn\nimport training as t\nt.train_epoch(0, dl, net, optimizer=opt, device='cpu', criterion=nn.BCEWithLogitsLoss(reduction='sum'))\n`;
    const call = criterionCall(TRAINING, importers({ text: byKeyword, file: 'run.py', modules: ['training'] }))!;
    assert.equal(call.api, 'torch.nn.BCEWithLogitsLoss');
    assert.deepEqual(call.builtAt?.line, { kind: 'resolved', line: 2, file: 'run.py' });
    // Written in run.py's call, not in this file: its origin is that line.
    assert.equal(call.reduction.value, 'sum');
    assert.deepEqual(call.reduction.origin, { kind: 'resolved', line: 2, file: 'run.py' });
    const relative = `from torch import nn\nfrom .training import train_epoch as run_epoch\ncrit = nn.NLLLoss()\nrun_epoch(1, dl, net, crit, opt, dev)\n`;
    assert.equal(criterionCall(TRAINING, importers({ text: relative, file: 'pkg/main.py', modules: ['.training'] }))?.api, 'torch.nn.NLLLoss');
  });

  it("udacity's fc_model: validation(model, loader, criterion) called by train with its own parameter gets what main.py passes to train", () => {
    const fcModel = `def validation(model, testloader, criterion):
    test_loss = 0
    for images, labels in testloader:
        test_loss += criterion(model(images), labels).item()
    return test_loss


def train(model, trainloader, testloader, criterion, optimizer, epochs=5):
    for e in range(epochs):
        for images, labels in trainloader:
            loss = criterion(model(images), labels)
        test_loss = validation(model, testloader, criterion)
`;
    const notebook = `import torch.nn as nn\nimport fc_model\nmodel = fc_model.Network(784, 10, [512, 256, 128])\ncriterion = nn.NLLLoss()\nfc_model.train(model, trainloader, testloader, criterion, optimizer, epochs=2)\n`;
    const calls = findLossCalls(fcModel, 'python', undefined, importers({ text: notebook, file: 'part6.py', modules: ['fc_model'] })).filter((c) => c.callee === 'criterion');
    assert.deepEqual(calls.map((c) => [c.api, c.builtAt?.line]), [
      ['torch.nn.NLLLoss', { kind: 'resolved', line: 3, file: 'part6.py' }],
      ['torch.nn.NLLLoss', { kind: 'resolved', line: 3, file: 'part6.py' }],
    ]);
    // validation also called with something else in the file: nothing said.
    const mixed = `${fcModel}\nvalidation(model, testloader, make_loss())\n`;
    assert.deepEqual(findLossCalls(mixed, 'python', undefined, importers({ text: notebook, file: 'part6.py', modules: ['fc_model'] })).filter((c) => c.callee === 'criterion').map((c) => c.start < mixed.indexOf('def train') ? 'validation' : 'train'), ['train']);
  });

  it('an importing file read again after it changes: the reading kept for its old text is not reused', () => {
    const before = criterionCall(TRAINING, importers({ text: MAIN, file: 'main.py', modules: ['training'] }))!;
    const edited = MAIN.replace('CrossEntropyLoss(ignore_index=255)', 'CrossEntropyLoss(ignore_index=7)');
    const after = criterionCall(TRAINING, importers({ text: edited, file: 'main.py', modules: ['training'] }))!;
    assert.equal(before.extra.find((e) => e.name === 'ignore_index')?.value.value, 255);
    assert.equal(after.extra.find((e) => e.name === 'ignore_index')?.value.value, 7);
    const again = criterionCall(TRAINING.replace('optimizer.step()', 'optimizer.step()  # edited'), importers({ text: MAIN, file: 'main.py', modules: ['training'] }))!;
    assert.equal(again.extra.find((e) => e.name === 'ignore_index')?.value.value, 255);
  });

  it('several files and calls passing one API: one call, every place named', () => {
    const other = `import torch.nn as nn\nfrom training import train_epoch\nloss_fn = nn.CrossEntropyLoss()\ntrain_epoch(0, dl, net, loss_fn, opt, dev)\n`;
    const call = criterionCall(TRAINING, importers({ text: MAIN, file: 'main.py', modules: ['training'] }, { text: other, file: 'finetune.py', modules: ['training'] }))!;
    assert.equal(call.api, 'torch.nn.CrossEntropyLoss');
    assert.deepEqual(call.builtAt?.alsoAt, [{ kind: 'resolved', line: 2, file: 'finetune.py' }]);
  });

  const SILENT: { name: string; importer: string; modules?: string[] }[] = [
    {
      name: "mae's main_finetune: three losses chosen by flags",
      importer: `import torch\nfrom timm.loss import LabelSmoothingCrossEntropy, SoftTargetCrossEntropy\nfrom training import train_epoch\nif mixup_fn is not None:\n    criterion = SoftTargetCrossEntropy()\nelif args.smoothing > 0.:\n    criterion = LabelSmoothingCrossEntropy(smoothing=args.smoothing)\nelse:\n    criterion = torch.nn.CrossEntropyLoss()\ntrain_epoch(0, dl, model, criterion, optimizer, device)\n`,
    },
    { name: 'two files passing two APIs', importer: `import torch.nn as nn\nfrom training import train_epoch\ntrain_epoch(0, dl, net, nn.CrossEntropyLoss(), opt, dev)\ntrain_epoch(0, dl, net, nn.MSELoss(), opt, dev)\n` },
    { name: "the importer's own parameter (its callers decide)", importer: `from training import train_epoch\ndef main(criterion):\n    train_epoch(0, dl, net, criterion, opt, dev)\n` },
    { name: 'a loss the importer gets from a factory it does not show', importer: `from training import train_epoch\ncriterion = build_loss(cfg)\ntrain_epoch(0, dl, net, criterion, opt, dev)\n` },
    { name: '*args at the call', importer: `import torch.nn as nn\nfrom training import train_epoch\nargs = (0, dl, net, nn.CrossEntropyLoss(), opt, dev)\ntrain_epoch(*args)\n` },
    { name: 'a call on the line of a for header', importer: `import torch.nn as nn\nfrom training import train_epoch\ncriterion = nn.CrossEntropyLoss()\nfor e in range(3): train_epoch(e, dl, net, criterion, opt, dev)\n` },
    { name: 'the function passed as a value too', importer: `import torch.nn as nn\nfrom training import train_epoch\ncriterion = nn.CrossEntropyLoss()\ntrain_epoch(0, dl, net, criterion, opt, dev)\nrunner = Runner(step=train_epoch)\n` },
    { name: "a module of the same function name that is not this file", importer: `import torch.nn as nn\nfrom other.training import train_epoch\ntrain_epoch(0, dl, net, nn.CrossEntropyLoss(), opt, dev)\n` },
    { name: 'a call that leaves the parameter out', importer: `from training import train_epoch\ntrain_epoch(0, dl, net)\n` },
  ];
  for (const c of SILENT) {
    it(`silent: ${c.name}`, () => {
      assert.equal(criterionCall(TRAINING, importers({ text: c.importer, file: 'main.py', modules: c.modules ?? ['training'] })), undefined);
    });
  }

  it("silent when this file calls the function itself (its own calls decide) or it is a method", () => {
    const calledHere = `${TRAINING}\ntrain_epoch(0, dl, net, make_loss(), opt, dev)\n`;
    assert.equal(criterionCall(calledHere, importers({ text: MAIN, file: 'main.py', modules: ['training'] })), undefined);
    const method = `class Trainer:\n    def step(self, model, criterion, x, y):\n        return criterion(model(x), y)\n`;
    const importer = `import torch.nn as nn\nfrom training import Trainer\nTrainer().step(net, nn.CrossEntropyLoss(), x, y)\n`;
    assert.equal(criterionCall(method, importers({ text: importer, file: 'main.py', modules: ['training'] })), undefined);
  });

  const TRAINER = `class Train:
    def __init__(self, model, data_loader, optim, criterion, metric, device):
        self.model = model
        self.criterion = criterion
        self.device = device

    def run_epoch(self):
        for batch in self.data_loader:
            outputs = self.model(batch[0])
            loss = self.criterion(outputs, batch[1])
`;
  const ENET_MAIN = `import torch.nn as nn
from train import Train


def train(train_loader, class_weights):
    model = ENet(num_classes)
    criterion = nn.CrossEntropyLoss(weight=class_weights)
    train = Train(model, train_loader, optimizer, criterion, metric, args.device)
`;

  it("ENet: a class's self.criterion is what main.py's constructions of it pass", () => {
    const call = findLossCalls(TRAINER, 'python', undefined, importers({ text: ENET_MAIN, file: 'main.py', modules: ['train'] })).find((c) => c.callee === 'self.criterion')!;
    assert.equal(call.api, 'torch.nn.CrossEntropyLoss');
    assert.deepEqual(call.builtAt?.line, { kind: 'resolved', line: 6, file: 'main.py' });
    assert.ok(call.caveats.some((c) => /calls of Train pass as criterion/.test(c)));
  });

  it('silent for the class: a default or fallback in __init__, a subclass or a construction in this file, a construction passing a factory', () => {
    const imported = importers({ text: ENET_MAIN, file: 'main.py', modules: ['train'] });
    const fallback = TRAINER.replace('self.criterion = criterion', 'criterion = criterion or make()\n        self.criterion = criterion');
    const constructedHere = `${TRAINER}\nt = Train(m, dl, o, pick_loss(), None, 'cpu')\n`;
    const factory = importers({ text: ENET_MAIN.replace('criterion = nn.CrossEntropyLoss(weight=class_weights)', 'criterion = build(cfg)'), file: 'main.py', modules: ['train'] });
    for (const [text, sources] of [[fallback, imported], [constructedHere, imported], [TRAINER, factory]] as const) {
      assert.equal(findLossCalls(text, 'python', undefined, sources).find((c) => c.callee === 'self.criterion'), undefined);
    }
  });

  it('the lint does not place findings or fixes for a loss built in another file', () => {
    const softmaxFirst = TRAINING.replace('outputs = model(inputs.to(device))', 'outputs = torch.softmax(model(inputs.to(device)), dim=1)');
    const imported = importers({ text: MAIN, file: 'main.py', modules: ['training'] });
    assert.ok(criterionCall(softmaxFirst, imported));
    assert.deepEqual(lintPython(softmaxFirst, { imported }), []);
  });
});
