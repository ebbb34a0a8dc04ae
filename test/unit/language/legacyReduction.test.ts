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

describe("PyTorch's deprecated size_average and reduce", () => {
  for (const c of CASES) it(c.name, () => checkCase(c));
});
