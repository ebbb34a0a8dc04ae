import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { checkCase, type Case } from './recognitionExpect';

/*
 * Losses loaded with torch.hub. Facts, as read in the repository's source: AdeelH/pytorch-multi-class-focal-loss
 * hubconf.py (628c4ae) exposes FocalLoss from focal_loss.py (13ad580): FocalLoss(alpha=None, gamma=0.,
 * reduction='mean', ignore_index=-100), softmax over the last dim, alpha as NLLLoss's per-class weight with
 * reduction='none', then a plain mean; focal_loss(alpha=None, gamma=0., reduction='mean', ignore_index=-100,
 * device='cpu', dtype=torch.float32). torch.hub.load(repo_or_dir, model, *args, source='github', trust_repo=None,
 * force_reload=False, verbose=True, skip_validation=False, **kwargs) (torch/hub.py) passes *args / **kwargs on.
 * The call forms are those of the repository's README and of public training scripts that use it.
 */

const ADEELH = 'adeelh/pytorch-multi-class-focal-loss: FocalLoss';

const CASES: Case[] = [
  {
    name: "the README's form: per-class alpha tensor, gamma=2, force_reload kept by torch.hub",
    src: `import torch\nfocal_loss = torch.hub.load(\n\t'adeelh/pytorch-multi-class-focal-loss',\n\tmodel='FocalLoss',\n\talpha=torch.tensor([.75, .25]),\n\tgamma=2,\n\treduction='mean',\n\tforce_reload=False\n)\nx, y = torch.randn(10, 2), (torch.rand(10) > .5).long()\nloss = focal_loss(x, y)\n`,
    calls: [
      { api: ADEELH, kind: 'focal', gamma: [2, 'explicit'], alpha: [null, 'default'], inputs: 'logits', classModel: 'softmax', reduction: 'mean', caveats: [/weight per class/], noCaveat: [/gamma=0/] },
      { api: ADEELH, gamma: [2, 1], caveats: [/weight per class/] },
    ],
  },
  {
    name: 'a training script: gamma=4 without alpha (no class weights), bound then called',
    src: `import torch\nimport torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\nfocal_loss = torch.hub.load(\n    'adeelh/pytorch-multi-class-focal-loss',\n    model='FocalLoss',\n    gamma=4,\n    reduction='mean',\n    force_reload=False\n)\nloss = focal_loss(outputs, labels)\n`,
    calls: [
      { api: 'torch.nn.CrossEntropyLoss' },
      { api: ADEELH, gamma: [4, 'explicit'], noCaveat: [/weight per class/] },
      { api: ADEELH, gamma: [4, 3] },
    ],
  },
  {
    name: 'gamma left out: the repository default 0 makes it cross-entropy, said',
    src: `import torch\nloss_fn = torch.hub.load('AdeelH/pytorch-multi-class-focal-loss', 'FocalLoss', reduction='sum')\n`,
    calls: [{ api: ADEELH, gamma: [0, 'default'], reduction: 'sum', caveats: [/gamma=0: the modulating factor is 1/] }],
  },
  {
    name: 'the focal_loss factory with a list alpha, device and dtype',
    src: `import torch\nfl = torch.hub.load('adeelh/pytorch-multi-class-focal-loss', model='focal_loss', alpha=[.75, .25], gamma=2, reduction='mean', device='cpu', dtype=torch.float32, force_reload=False)\n`,
    calls: [{ api: 'adeelh/pytorch-multi-class-focal-loss: focal_loss', gamma: [2, 'explicit'], caveats: [/weight per class/] }],
  },
  {
    name: 'a ref after the repository name still names the same loss; positional arguments after the model go to it',
    src: `import torch\nfl = torch.hub.load('adeelh/pytorch-multi-class-focal-loss:master', 'FocalLoss', None, 2.0)\n`,
    calls: [{ api: ADEELH, gamma: [2, 'explicit'] }],
  },
];

/** torch.hub.load calls that are not this loss, or cannot be told to be from the file. */
const NOT_LOSSES: { name: string; src: string }[] = [
  { name: 'a model from the hub', src: `import torch\nmodel = torch.hub.load('pytorch/vision', 'resnet50', weights=None)\nout = model(x)\n` },
  { name: 'another entry point of the repository', src: `import torch\nm = torch.hub.load('adeelh/pytorch-multi-class-focal-loss', 'helper')\n` },
  { name: 'a local directory', src: `import torch\nfl = torch.hub.load('adeelh/pytorch-multi-class-focal-loss', 'FocalLoss', source='local', gamma=2)\n` },
  { name: 'a model name the file computes', src: `import torch\nfl = torch.hub.load('adeelh/pytorch-multi-class-focal-loss', model=name, gamma=2)\n` },
  { name: 'a repository name the file computes', src: `import torch\nfl = torch.hub.load(repo, model='FocalLoss', gamma=2)\n` },
  { name: 'keyword arguments from a dict the file does not show', src: `import torch\nfl = torch.hub.load('adeelh/pytorch-multi-class-focal-loss', 'FocalLoss', **cfg)\n` },
  { name: "torch.load and json.load", src: `import torch, json\nstate = torch.load('model.pt')\ncfg = json.load(f)\n` },
  { name: 'a hub module that is not torch.hub', src: `import tensorflow_hub as hub\nm = hub.load('adeelh/pytorch-multi-class-focal-loss')\n` },
  { name: 'torch rebound in the file', src: `torch = Something()\nfl = torch.hub.load('adeelh/pytorch-multi-class-focal-loss', 'FocalLoss', gamma=2)\n` },
];

describe('torch.hub losses (issue 24)', () => {
  for (const c of CASES) it(c.name, () => checkCase(c));
  for (const c of NOT_LOSSES) {
    it(`not a loss: ${c.name}`, () => assert.deepEqual(findLossCalls(c.src, 'python').map((call) => call.api), []));
  }
});
