import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { checkCase, type Case } from './recognitionExpect';

/*
 * PyTorch's deprecated size_average / reduce decide the reduction when either is given
 * (torch/nn/_reduction.py legacy_get_string; _Loss.__init__ and the functionals check `size_average is not
 * None or reduce is not None`). Checked with Debian's torch 1.13: binary_cross_entropy_with_logits(x, t,
 * size_average=False) equals reduction='sum'; CrossEntropyLoss(size_average=False, reduction='none').reduction
 * is 'sum'; size_average=0 is 'sum'; reduce=False gives per-element values whatever reduction says.
 */

const CASES: Case[] = [
  {
    name: "kuangliu/pytorch-retinanet loss.py: BCE with logits, focal weights and size_average=False is a sum",
    src: 'import torch.nn.functional as F\ndef focal_loss(x, t, w):\n    return F.binary_cross_entropy_with_logits(x, t, w, size_average=False)\n',
    calls: [{ api: 'torch.nn.functional.binary_cross_entropy_with_logits', reduction: 'sum', caveats: [/size_average=False \(deprecated\) makes the reduction 'sum'/] }],
  },
  {
    name: 'reduce=False: per-element values, whatever reduction= says',
    src: "import torch.nn as nn\ncrit = nn.CrossEntropyLoss(reduce=False, reduction='mean')\n",
    calls: [{ api: 'torch.nn.CrossEntropyLoss', reduction: 'none' }],
  },
  {
    name: "size_average=False beats reduction='none' (the legacy arguments win)",
    src: "import torch.nn as nn\ncrit = nn.NLLLoss(size_average=False, reduction='none')\n",
    calls: [{ api: 'torch.nn.NLLLoss', reduction: 'sum' }],
  },
  {
    name: 'size_average=True, reduce=True: the mean',
    src: 'import torch.nn as nn\ncrit = nn.BCELoss(size_average=True, reduce=True)\n',
    calls: [{ api: 'torch.nn.BCELoss', reduction: 'mean' }],
  },
  {
    name: 'size_average=None written: the reduction argument decides',
    src: "import torch.nn as nn\ncrit = nn.BCEWithLogitsLoss(size_average=None, reduction='sum')\n",
    calls: [{ api: 'torch.nn.BCEWithLogitsLoss', reduction: 'sum', noCaveat: [/deprecated/] }],
  },
  {
    name: 'size_average positional in F.cross_entropy (input, target, weight, size_average)',
    src: 'import torch.nn.functional as F\nloss = F.cross_entropy(out, y, None, False)\n',
    calls: [{ api: 'torch.nn.functional.cross_entropy', reduction: 'sum' }],
  },
  {
    name: 'size_average from a name the file does not settle: the reduction is not known',
    src: "import torch.nn.functional as F\ndef f(x, y, avg):\n    return F.cross_entropy(x, y, size_average=avg, reduction='mean')\n",
    calls: [{ api: 'torch.nn.functional.cross_entropy', reduction: undefined as unknown as string }],
  },
];

describe("PyTorch's deprecated size_average and reduce: a wrapper passing **kwargs on", () => {
  // facebookresearch/detectron2 detectron2/layers/wrappers.py (main, 2024): empty_input_loss_func_wrapper's
  // `loss_func(input, target, reduction=reduction, **kwargs)` with F.cross_entropy passed in.
  const src = [
    'import torch.nn.functional as F',
    'def wrapper(loss_func):',
    '    def wrapped(input, target, *, reduction="mean", **kwargs):',
    '        return loss_func(input, target, reduction=reduction, **kwargs)',
    '    return wrapped',
    'cross_entropy = wrapper(F.cross_entropy)',
    'def plain(x, y, **kwargs):',
    '    return F.cross_entropy(x, y, reduction="sum", **kwargs)',
    '',
  ].join('\n');
  const calls = findLossCalls(src, 'python');

  it('the reduction is the one the call writes, not size_average / reduce from **kwargs', () => {
    const wrapped = calls.find((call) => call.callee === 'loss_func');
    assert.equal(wrapped?.api, 'torch.nn.functional.cross_entropy');
    // `reduction` is the wrapper's own keyword, called from other files only: its default, said so.
    assert.equal(wrapped?.reduction.text, 'reduction');
    assert.equal(wrapped?.reduction.value, 'mean');
    assert.deepEqual(wrapped?.reduction.origin, { kind: 'resolved', line: 2, via: 'uncalledDefault' });
    assert.ok(!wrapped?.caveats.some((c) => c.includes('deprecated')), wrapped?.caveats.join('\n'));
    const plain = calls.find((call) => call.callee === 'F.cross_entropy');
    assert.equal(plain?.reduction.value, 'sum');
  });
});

describe("PyTorch's deprecated size_average and reduce", () => {
  for (const c of CASES) it(c.name, () => checkCase(c));
});
