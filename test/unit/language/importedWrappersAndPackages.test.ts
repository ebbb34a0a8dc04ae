// Losses of another file of the workspace that the hover missed (issue 24, set 7's silences "a loss in an
// imported module" and "a wrapper class of another file"):
// - a package whose __init__.py re-exports the loss: VainF/DeepLabV3Plus-Pytorch @ 4e1087d, utils/__init__.py
//   `from .loss import FocalLoss` (and `from .utils import *`), utils/loss.py `class FocalLoss(nn.Module)` with
//   `__init__(self, alpha=1, gamma=0, size_average=True, ignore_index=255)`, main.py `import utils` then
//   `criterion = utils.FocalLoss(ignore_index=255, size_average=True)` and `criterion(outputs, labels)`;
//   jakhon37/my_classification @ 56fe5ad, losses/__init__.py `from .loss_a import LossA`;
// - a wrapper of a library loss defined in another file: dennis9707/Post2Vec @ e130a00, bert/model/loss.py
//   `def loss_fn(outputs, targets): return torch.nn.BCEWithLogitsLoss()(outputs, targets)`, called as
//   `loss = loss_fn(outputs, targets)` in bert/triplet/train_trinity.py after `from model.loss import loss_fn`;
//   jakhon37/my_classification losses/loss_a.py `class LossA(nn.Module)` whose forward returns
//   `self.loss_fn(outputs, targets)` of `self.loss_fn = nn.CrossEntropyLoss()`.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { findLossCalls, moduleSeenFrom, type ImportedSources, type LossCall } from '../../../src/language/recognition';

/** Modules by the name the script imports them as; a name ending in '/' is a package (its __init__.py). */
const sources = (modules: Record<string, string>): ImportedSources => ({
  get: (module) => {
    for (const [name, text] of Object.entries(modules)) {
      const bare = name.replace(/\/$/, '');
      if (bare !== module) continue;
      const path = bare.replace(/^\.+/, '').replace(/\./g, '/');
      return { text, file: name.endsWith('/') ? `${path}/__init__.py` : `${path}.py` };
    }
    return undefined;
  },
});

const VAINF_LOSS = [
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'import torch ',
  '',
  'class FocalLoss(nn.Module):',
  '    def __init__(self, alpha=1, gamma=0, size_average=True, ignore_index=255):',
  '        super(FocalLoss, self).__init__()',
  '        self.alpha = alpha',
  '        self.gamma = gamma',
  '        self.ignore_index = ignore_index',
  '        self.size_average = size_average',
  '',
  '    def forward(self, inputs, targets):',
  '        ce_loss = F.cross_entropy(',
  "            inputs, targets, reduction='none', ignore_index=self.ignore_index)",
  '        pt = torch.exp(-ce_loss)',
  '        focal_loss = self.alpha * (1-pt)**self.gamma * ce_loss',
  '        if self.size_average:',
  '            return focal_loss.mean()',
  '        else:',
  '            return focal_loss.sum()',
  '',
].join('\n');
const VAINF_INIT = 'from .utils import *\nfrom .visualizer import Visualizer\nfrom .scheduler import PolyLR\nfrom .loss import FocalLoss';
const VAINF_UTILS = 'from torchvision.transforms.functional import normalize\nimport torch.nn as nn\nimport numpy as np\n\ndef denormalize(tensor, mean, std):\n    return normalize(tensor, -mean / std, 1 / std)\n';
const VAINF_MAIN = [
  'import utils',
  'import torch.nn as nn',
  '',
  'def main():',
  "    if opts.loss_type == 'focal_loss':",
  '        criterion = utils.FocalLoss(ignore_index=255, size_average=True)',
  '    for images, labels in train_loader:',
  '        outputs = model(images)',
  '        loss = criterion(outputs, labels)',
  '',
].join('\n');

const LOSS_A = [
  'import torch.nn as nn',
  '',
  'class LossA(nn.Module):',
  '    def __init__(self):',
  '        super(LossA, self).__init__()',
  '        self.loss_fn = nn.CrossEntropyLoss()',
  '',
  '    def forward(self, outputs, targets):',
  '        return self.loss_fn(outputs, targets)',
  '',
].join('\n');
const POST2VEC_LOSS = 'import torch\n\n\ndef loss_fn(outputs, targets):\n    return torch.nn.BCEWithLogitsLoss()(outputs, targets)\n';

// The callee stays the returned call's, as for a wrapper of the file (wrapperMethods.ts); the call's own place is its start.
const brief = (call: LossCall) => [call.api, call.through?.method ?? null, call.through?.file ?? null];

describe('losses of another file: packages that re-export them, and wrappers of a library loss', () => {
  it("import utils, utils.FocalLoss(...) re-exported by utils/__init__.py (VainF's DeepLabV3Plus): the user's focal loss, at its construction and its call", () => {
    const calls = findLossCalls(VAINF_MAIN, 'python', undefined, sources({ 'utils/': VAINF_INIT, 'utils.loss': VAINF_LOSS, 'utils.utils': VAINF_UTILS }));
    assert.deepEqual(calls.map((c) => [c.api, c.callee]), [['user:FocalLoss', 'utils.FocalLoss'], ['user:FocalLoss', 'criterion']]);
    const [built, called] = calls;
    assert.deepEqual([built!.alpha.value, built!.gamma.value, built!.alpha.origin], [1, 0, { kind: 'resolved', line: 5, file: 'utils/loss.py' }]);
    assert.equal(called!.builtAt?.line.kind, 'resolved');
    // The file alone: nothing (the loss is in a file not read).
    assert.deepEqual(findLossCalls(VAINF_MAIN, 'python'), []);
  });

  it('from utils import FocalLoss, and a star import of the package, reach the module the package takes it from', () => {
    const modules = sources({ 'utils/': VAINF_INIT, 'utils.loss': VAINF_LOSS, 'utils.utils': VAINF_UTILS });
    for (const head of ['from utils import FocalLoss', 'from utils import *']) {
      const calls = findLossCalls(`${head}\ncriterion = FocalLoss(gamma=2)\n`, 'python', undefined, modules);
      assert.deepEqual(calls.map((c) => [c.api, c.gamma.value]), [['user:FocalLoss', 2]], head);
    }
    // `from .loss import *` in the package: the star's module defines it.
    const starred = findLossCalls('from utils import FocalLoss\nc = FocalLoss(gamma=2)\n', 'python', undefined, sources({ 'utils/': 'from .loss import *\n', 'utils.loss': VAINF_LOSS }));
    assert.deepEqual(starred.map((c) => c.api), ['user:FocalLoss']);
  });

  it("a wrapper function of another file (Post2Vec's loss_fn): the BCEWithLogitsLoss it returns, said to be that file's", () => {
    const src = 'from model.loss import loss_fn\n\nfor batch in loader:\n    outputs = model(batch)\n    loss = loss_fn(outputs, targets)\n';
    const calls = findLossCalls(src, 'python', undefined, sources({ 'model.loss': POST2VEC_LOSS }));
    assert.deepEqual(calls.map(brief), [['torch.nn.BCEWithLogitsLoss', 'loss_fn', 'model/loss.py']]);
    assert.equal(calls[0]!.through!.line, 4);
    assert.equal(src.slice(calls[0]!.start, calls[0]!.end), 'loss_fn(outputs, targets)');
    assert.deepEqual([calls[0]!.inputs.value, calls[0]!.reduction.value, calls[0]!.reduction.origin.kind], ['logits', 'mean', 'default']);
    // Through the module: `import model.loss as L` then `L.loss_fn(...)`.
    const qualified = findLossCalls('import model.loss as L\nloss = L.loss_fn(outputs, targets)\n', 'python', undefined, sources({ 'model.loss': POST2VEC_LOSS }));
    assert.deepEqual(qualified.map(brief), [['torch.nn.BCEWithLogitsLoss', 'loss_fn', 'model/loss.py']]);
    assert.deepEqual(findLossCalls(src, 'python'), []);
  });

  it("a wrapper class of another file (my_classification's LossA, re-exported by losses/__init__.py): each way its object is called", () => {
    const src = [
      'from losses import LossA',
      'criterion = LossA()',
      'a = criterion(outputs, targets)',
      'b = criterion.forward(outputs, targets)',
      'c = LossA()(outputs, targets)',
      'class Trainer:',
      '    def __init__(self):',
      '        self.crit = LossA().to(device)',
      '    def step(self, x, y):',
      '        return self.crit(x, y)',
      '',
    ].join('\n');
    const calls = findLossCalls(src, 'python', undefined, sources({ 'losses/': 'from .loss_a import LossA\n', 'losses.loss_a': LOSS_A }));
    assert.deepEqual(calls.map(brief), Array(4).fill(['torch.nn.CrossEntropyLoss', 'LossA.forward', 'losses/loss_a.py']));
    assert.deepEqual(calls.map((c) => src.slice(c.start, c.end)), ['criterion(outputs, targets)', 'criterion.forward(outputs, targets)', 'LossA()(outputs, targets)', 'self.crit(x, y)']);
    // Where the loss is built is a line of the wrapper's file.
    assert.deepEqual(calls[0]!.builtAt?.line, { kind: 'resolved', line: 5, file: 'losses/loss_a.py' });
  });

  it('a value written in the wrapper is that file\'s line, not "written here"', () => {
    const wrapper = 'import torch.nn.functional as F\n\ndef criterion(outputs, labels):\n    return F.cross_entropy(outputs, labels, ignore_index=255)\n';
    const [call] = findLossCalls('from losses import criterion\nloss = criterion(out, y)\n', 'python', undefined, sources({ losses: wrapper }));
    assert.deepEqual([call!.extra.find((e) => e.name === 'ignore_index')?.value.value, call!.extra.find((e) => e.name === 'ignore_index')?.value.origin], [255, { kind: 'resolved', line: 3, file: 'losses.py' }]);
  });

  it('the lint leaves a call of another file\'s wrapper alone (its loss call is not in this file)', () => {
    const src = 'import torch\nfrom model.loss import loss_fn\nloss = loss_fn(torch.sigmoid(outputs), targets)\n';
    assert.deepEqual(lintPython(src, { imported: sources({ 'model.loss': POST2VEC_LOSS }) }).map((f) => f.rule), []);
  });

  const silent: { name: string; src: string; modules: Record<string, string> }[] = [
    { name: 'the wrapper class is constructed with arguments (they may change the loss)', src: 'from losses import LossA\nc = LossA(weight)\nl = c(x, y)\n', modules: { losses: LOSS_A } },
    { name: 'the wrapper function is called with keywords', src: 'from model.loss import loss_fn\nl = loss_fn(outputs=x, targets=y)\n', modules: { 'model.loss': POST2VEC_LOSS } },
    { name: 'the wrapper function is called with another number of arguments', src: 'from model.loss import loss_fn\nl = loss_fn(x, y, w)\n', modules: { 'model.loss': POST2VEC_LOSS } },
    { name: 'the imported name is bound again in the script', src: 'from model.loss import loss_fn\nloss_fn = my_loss\nl = loss_fn(x, y)\n', modules: { 'model.loss': POST2VEC_LOSS } },
    { name: "a parameter of the script's function has the wrapper's name", src: 'from model.loss import loss_fn\ndef train(loss_fn):\n    return loss_fn(x, y)\n', modules: { 'model.loss': POST2VEC_LOSS } },
    {
      name: 'the function does more than return the loss (Post2Vec-like with a division)',
      src: 'from model.loss import loss_fn\nl = loss_fn(x, y)\n',
      modules: { 'model.loss': 'import torch\ndef loss_fn(outputs, targets):\n    loss = torch.nn.BCEWithLogitsLoss()(outputs, targets)\n    loss /= 2\n    return loss\n' },
    },
    {
      name: 'the wrapper passes an expression of its parameter (olie-chat-sentiment-analysis-bot src/loss.py: targets.view(-1, 1))',
      src: 'from loss import loss_fn\nl = loss_fn(x, y)\n',
      modules: { loss: 'import torch.nn as nn\n\ndef loss_fn(outputs, targets):\n    return nn.BCEWithLogitsLoss()(outputs, targets.view(-1, 1))\n' },
    },
    { name: 'two star imports of the package offer the name', src: 'from losses import FocalLoss\nc = FocalLoss(gamma=2)\n', modules: { 'losses/': 'from .a import *\nfrom .b import *\n', 'losses.a': VAINF_LOSS, 'losses.b': VAINF_LOSS } },
    { name: 'the package imports the name under a try', src: 'from losses import FocalLoss\nc = FocalLoss(gamma=2)\n', modules: { 'losses/': 'try:\n    from .focal import FocalLoss\nexcept ImportError:\n    FocalLoss = None\n', 'losses.focal': VAINF_LOSS } },
    { name: 'a top-level module (no package) with a relative import', src: 'from lib import FocalLoss\nc = FocalLoss(gamma=2)\n', modules: { lib: 'from .focal import FocalLoss\n', focal: VAINF_LOSS, '.focal': VAINF_LOSS } },
    { name: 'the package binds the name again after importing it', src: 'from losses import FocalLoss\nc = FocalLoss(gamma=2)\n', modules: { 'losses/': 'from .focal import FocalLoss\nFocalLoss = None\n', 'losses.focal': VAINF_LOSS } },
  ];
  for (const c of silent) {
    it(`silent: ${c.name}`, () => {
      assert.deepEqual(findLossCalls(c.src, 'python', undefined, sources(c.modules)).map((call) => call.api), []);
    });
  }

  it('moduleSeenFrom: a package\'s relative import named as the document names modules', () => {
    assert.deepEqual(
      [
        moduleSeenFrom('utils', true, '.loss'), moduleSeenFrom('utils.losses', false, '.focal'), moduleSeenFrom('.losses', true, '.focal'), moduleSeenFrom('.losses', false, '.focal'),
        moduleSeenFrom('.', true, '.focal'), moduleSeenFrom('a.b', true, '..c'), moduleSeenFrom('.', true, '..c'), moduleSeenFrom('lib', false, '.focal'), moduleSeenFrom('lib', false, 'losses.focal'),
      ],
      ['utils.loss', 'utils.focal', '.losses.focal', '.focal', '.focal', 'a.c', '..c', undefined, 'losses.focal'],
    );
  });
});
