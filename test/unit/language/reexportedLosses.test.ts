// A library loss another module of the workspace re-exports (issue 24; eval set 5's busi_train_multitask 48 and
// 68): the script takes the name from a module of its own (`from lib import ..., focal_loss`), and that module
// imports it from the library (`from kornia.losses import focal_loss`). The shape is that of
// datct00/Beyond-Traditional-Approaches-Multi-Task-Network-for-Breast-Ultrasound-Diagnosis @ 16965b9 (lib.py gathers
// the scripts' imports, kornia's focal_loss and torch.nn.functional as F among them) and of "common imports"
// modules such as jonb4323/CNN-Adversarial-MRI-Tumor-Classifier imports.py @ 405a961 (import torch.nn as nn,
// import torch.nn.functional as F). Only one level is followed, and only when the module binds the name once, by an
// import at its top level: the look-alikes of public code where the module binds it otherwise (a try/except
// ImportError fallback, its own definition as detrex's tests' utils.py has for sigmoid_focal_loss, a relative
// import of the repository's own copy as IPMBirdLab/Retinanet retinanet/ops/__init__.py has) stay silent.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { findLossCalls, type ImportedSources } from '../../../src/language/recognition';

const sources = (modules: Record<string, string>): ImportedSources => ({
  get: (module) => (module in modules ? { text: modules[module]!, file: `${module.replace(/^\.+/, '').replace(/\./g, '/')}.py` } : undefined),
});

const LIB = ['import torch', 'import torch.nn.functional as F', 'import segmentation_models_pytorch as smp', 'from kornia.losses import focal_loss', 'from torchvision.ops import sigmoid_focal_loss as sfl', 'from torch.nn import CrossEntropyLoss', ''].join('\n');

const callsWith = (src: string, modules: Record<string, string>) => findLossCalls(src, 'python', undefined, sources(modules));

describe('library losses a workspace module re-exports', () => {
  it("from lib import ..., focal_loss: kornia's focal_loss with the call's values, saying where it comes from", () => {
    const src = 'from lib import time, torch, F, focal_loss\nloss = focal_loss(output_classification, label, alpha=0.25, gamma=2, reduction="mean")\n';
    const [call, ...rest] = callsWith(src, { lib: LIB });
    assert.deepEqual(rest, []);
    assert.deepEqual([call!.api, call!.callee, call!.alpha.value, call!.gamma.value, call!.reduction.value, call!.inputs.value], ['kornia.losses.focal_loss', 'focal_loss', 0.25, 2, 'mean', 'logits']);
    assert.equal(call!.notes?.[0], "focal_loss is the library's kornia.losses.focal_loss: lib.py imports it (line 4) and this file takes it from there.");
    // The file alone (no imported files read) says nothing.
    assert.deepEqual(findLossCalls(src, 'python'), []);
  });

  it('import lib, then lib.focal_loss / lib.F.cross_entropy; a renamed name; a relative module; a class', () => {
    const calls = callsWith(
      'import lib\nfrom .lib import sfl as focal, CrossEntropyLoss\na = lib.focal_loss(x, y, alpha=0.5, gamma=2.0)\nb = lib.F.cross_entropy(x, y)\nc = focal(x, t, gamma=1.0)\nd = CrossEntropyLoss(label_smoothing=0.1)\n',
      { lib: LIB, '.lib': LIB },
    );
    assert.deepEqual(calls.map((c) => [c.api, c.callee]), [
      ['kornia.losses.focal_loss', 'lib.focal_loss'], ['torch.nn.functional.cross_entropy', 'lib.F.cross_entropy'],
      ['torchvision.ops.sigmoid_focal_loss', 'focal'], ['torch.nn.CrossEntropyLoss', 'CrossEntropyLoss'],
    ]);
    assert.deepEqual([calls[2]!.alpha.value, calls[2]!.alpha.origin.kind, calls[2]!.gamma.value], [0.25, 'default', 1]);
  });

  it("the lint reads the re-exported loss too: a softmax into lib's F.cross_entropy (which applies its own)", () => {
    const src = 'import torch\nfrom lib import F\nprobs = torch.softmax(logits, dim=1)\nloss = F.cross_entropy(probs, label)\n';
    assert.deepEqual(lintPython(src, { imported: sources({ lib: LIB }) }).map((f) => f.rule), ['double-softmax']);
    assert.deepEqual(lintPython(src), []);
  });

  const silent: { name: string; lib: string; src?: string }[] = [
    { name: 'the module defines the name itself (after importing it)', lib: `${LIB}def focal_loss(x, y, alpha=0.25, gamma=2.0):\n    return x\n` },
    { name: 'the module assigns the name after importing it', lib: `${LIB}focal_loss = None\n` },
    { name: 'a try/except ImportError fallback binds it twice', lib: 'try:\n    from kornia.losses import focal_loss\nexcept ImportError:\n    from kornia.losses import focal_loss\n' },
    { name: 'an import under an if', lib: 'import sys\nif sys.version_info >= (3, 8):\n    from kornia.losses import focal_loss\n' },
    { name: "a relative import of the repository's own copy", lib: 'from .focal import focal_loss\n' },
    { name: 'two imports of the name at the top level', lib: 'from kornia.losses import focal_loss\nfrom mylosses import focal_loss\n' },
    { name: 'the module imports it under another name', lib: 'from kornia.losses import focal_loss as fl\n' },
    { name: 'a name the module does not import', lib: 'import torch\n' },
    { name: 'two levels: the module takes it from another module of the workspace', lib: 'from common import focal_loss\n' },
  ];
  for (const c of silent) {
    it(`silent: ${c.name}`, () => {
      const src = c.src ?? 'from lib import focal_loss\nloss = focal_loss(x, y, alpha=0.25, gamma=2.0)\n';
      assert.deepEqual(callsWith(src, { lib: c.lib, common: LIB }).map((call) => call.api).filter((api) => api !== 'user:focal_loss'), []);
    });
  }

  it('silent: the script rebinds the name, or defines it, after importing it', () => {
    assert.deepEqual(callsWith('from lib import focal_loss\ndef focal_loss(x, y):\n    return x\nloss = focal_loss(x, y)\n', { lib: LIB }).map((c) => c.api), []);
  });
});
