import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { findLossCalls, lossCallAt, MODULE_SELF_METHODS } from '../../../src/language/recognition';

/*
 * A loss bound through nn.Module methods that return the module itself (issue 24): the name holds the
 * loss as if the chain were absent. Short patterns written here in the shape of public training code:
 *   pytorch/examples imagenet/main.py @77f55b9 (`criterion = nn.CrossEntropyLoss().to(device)`; the
 *     older version @0221496 wrote `.cuda()`),
 *   say4n/pytorch-segnet src/train.py @f7738c6 (`criterion = torch.nn.CrossEntropyLoss(weight=class_weights).cuda(GPU_ID)`),
 *   speedinghzl/Pytorch-Deeplab train.py @14f2b81 (`torch.nn.CrossEntropyLoss(ignore_index=IGNORE_LABEL).cuda()`),
 *   NaJaeMin92/pytorch-DANN train.py @a70cf59 (`classifier_criterion = nn.CrossEntropyLoss().cuda()`),
 *   OsciiArt/Freesound-Audio-Tagging-2019 src/train_model1.py @1cca411 (`criterion_bce = nn.BCEWithLogitsLoss().cuda()`),
 *   Deusy94/Shrec2021 train.py @84403a9 and huggingface/pytorch-image-models benchmark.py @aa4b5850
 *     (`self.loss = nn.CrossEntropyLoss().to(self.device)` in __init__),
 *   2damin/mnist_pytorch loss/loss.py (`self.loss = nn.CrossEntropyLoss().cuda()` in a loss module's __init__),
 *   and the `criterion = nn.CrossEntropyLoss()` / `if cuda: criterion = criterion.cuda()` factory form.
 * The methods are those torch 1.13.0 torch/nn/modules/module.py returns self from (moduleSelfCalls.ts).
 */

function at(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

describe('language: a loss bound through .cuda() / .to(device) / .float() chains', () => {
  it('criterion = nn.CrossEntropyLoss(label_smoothing=0.1).cuda(args.gpu): the call is that loss, its values from the construction', () => {
    const src = [
      'import torch.nn as nn',
      'def main(args, w):',
      '    criterion = nn.CrossEntropyLoss(label_smoothing=0.1).cuda(args.gpu)',
      '    for x, y in loader:',
      '        loss = criterion(model(x), y)',
    ].join('\n');
    const call = at(src, 'criterion(model');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(call?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
    assert.deepEqual(call?.builtAt, { line: { kind: 'resolved', line: 2 }, how: 'instance' });
  });

  it('.to(device), .to(self.device) in __init__, and chains of several (.cuda().float())', () => {
    const src = [
      'import torch',
      'import torch.nn as nn',
      'bce = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([4.0])).to(device)',
      'l1 = bce(logits, y)',
      'class Trainer:',
      '    def __init__(self, device):',
      '        self.loss = nn.CrossEntropyLoss(reduction="sum").to(self.device)',
      '    def step(self, out, gt):',
      '        return self.loss(out, gt)',
      'nll = nn.NLLLoss().cuda().float()',
      'l3 = nll(logp, y)',
    ].join('\n');
    const bce = at(src, 'bce(logits');
    assert.equal(bce?.api, 'torch.nn.BCEWithLogitsLoss');
    assert.equal(bce?.inputs.value, 'logits');
    const own = at(src, 'self.loss(out');
    assert.equal(own?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(own?.reduction.value, 'sum');
    assert.deepEqual(own?.builtAt?.line, { kind: 'resolved', line: 6 });
    assert.equal(at(src, 'nll(logp')?.api, 'torch.nn.NLLLoss');
  });

  it('criterion = criterion.cuda() under an if: one object, built where it was constructed', () => {
    const src = [
      'import torch.nn as nn',
      'def factory(opt, cuda=True):',
      '    criterion = nn.CrossEntropyLoss(ignore_index=255)',
      '    if cuda:',
      '        criterion = criterion.cuda()',
      '    loss = criterion(out, y)',
    ].join('\n');
    const call = at(src, 'criterion(out');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.deepEqual(call?.builtAt, { line: { kind: 'resolved', line: 2 }, how: 'instance' });
  });

  it('look-alikes stay silent: to_empty (new storage), a method that is not nn.Module\'s, a function with .cuda(), a parameter .cuda()', () => {
    const src = [
      'import torch.nn as nn',
      'import torch.nn.functional as F',
      'a = nn.CrossEntropyLoss(weight=w).to_empty(device="cuda")',
      'la = a(out, y)',
      'b = nn.CrossEntropyLoss().detach()',
      'lb = b(out, y)',
      'c = F.cross_entropy.cuda()',
      'lc = c(out, y)',
      'def load_criterion(criterion, device):',
      '    crit = criterion.to(device)',
      '    return crit(out, y)',
    ].join('\n');
    for (const needle of ['a(out', 'b(out', 'c(out', 'crit(out']) assert.equal(at(src, needle)?.builtAt, undefined, needle);
    assert.deepEqual(findLossCalls(src, 'python').map((c) => c.api), ['torch.nn.CrossEntropyLoss', 'torch.nn.CrossEntropyLoss']);
  });

  it('the list is torch 1.13.0\'s methods returning self, without to_empty and apply', () => {
    assert.deepEqual([...MODULE_SELF_METHODS].sort(), ['bfloat16', 'cpu', 'cuda', 'double', 'eval', 'float', 'half', 'ipu', 'requires_grad_', 'share_memory', 'to', 'train', 'type', 'xpu']);
  });

  it('the lint sees the chain too: a model ending in softmax into a CrossEntropyLoss bound through .cuda()', () => {
    const src = [
      'import torch.nn as nn',
      'model = nn.Sequential(nn.Linear(10, 3), nn.Softmax(dim=1)).cuda().eval()',
      'criterion = nn.CrossEntropyLoss().cuda()',
      'loss = criterion(model(x), y)',
    ].join('\n');
    const rules = lintPython(src).map((f) => f.rule);
    assert.ok(rules.includes('double-softmax'), rules.join(', '));
  });

  it('criterion.forward(out, y) is a call of the loss module (what calling it runs); a function\'s .forward and a model\'s are not losses', () => {
    // vinhkhuc/PyTorch-Mini-Tutorials 4_modern_neural_net.py (`output = loss.forward(fx, y)` after `loss = torch.nn.CrossEntropyLoss(reduction='elementwise_mean')`).
    const src = [
      'import torch',
      'import torch.nn.functional as F',
      'loss = torch.nn.CrossEntropyLoss(label_smoothing=0.1)',
      'def train(model, optimizer, x, y):',
      '    fx = model.forward(x)',
      '    output = loss.forward(fx, y)',
      '    return output',
      'fn = F.cross_entropy',
      'other = fn.forward(a, b)',
    ].join('\n');
    const call = at(src, 'loss.forward(fx');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(call?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
    assert.deepEqual(findLossCalls(src, 'python').map((c) => c.callee), ['torch.nn.CrossEntropyLoss', 'loss.forward']);
    // The lint reads the prediction of a .forward call too.
    const softmaxed = src.replace('    fx = model.forward(x)', '    fx = F.softmax(model.forward(x), dim=1)');
    assert.ok(lintPython(softmaxed).some((f) => f.rule === 'double-softmax'));
  });
});
