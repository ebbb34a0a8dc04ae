// A value given through a name rebound under a condition is not the textually last binding. Shapes of public code:
// jlbyoung/CMPT-414-Binary-Segmentation model/loss.py at 6283c0c (`if ignore_background: index = 0 else: index = 255`,
// then `F.cross_entropy(output, target, ignore_index=index)`: the hover said 255, the default path gives 0) and
// zyxwvu321/Classifer_SSL_Longtail loss_layers/__init__.py at e6c0941 (`label_w` a tensor or None by a config check,
// then `nn.CrossEntropyLoss(weight=label_w)`), both found by eval set 7. A name's bindings before the use that may
// reach it (the last unconditional one and any under an if / loop / except after it) must agree.
import * as assert from 'node:assert/strict';
import { findLossCalls, type LossCall } from '../../../src/language/recognition';

function only(src: string): LossCall {
  const calls = findLossCalls(src, 'python');
  assert.equal(calls.length, 1, calls.map((c) => c.api).join(', '));
  return calls[0]!;
}

const extra = (call: LossCall, name: string) => call.extra.find((e) => e.name === name)?.value;

describe('values of names rebound under a condition', () => {
  it("CMPT-414: ignore_index from an if / else is not the else branch's 255", () => {
    const call = only(`import torch.nn.functional as F

def cross_entropy_loss(output, target, ignore_background=True):
    if ignore_background:
        index = 0
    else:
        index = 255
    return F.cross_entropy(output, target, ignore_index=index)
`);
    assert.equal(extra(call, 'ignore_index')?.value, undefined);
    assert.equal(extra(call, 'ignore_index')?.origin.kind, 'unresolved');
  });

  it('Classifer_SSL_Longtail: a weight that is a tensor or None by a config check is not None', () => {
    const call = only(`import torch
import torch.nn as nn

def make_loss(cfg):
    if not isinstance(cfg.DATASETS.LABEL_W, int):
        label_w = torch.tensor(cfg.DATASETS.LABEL_W)
    else:
        label_w = None
    return nn.CrossEntropyLoss(weight=label_w)
`);
    assert.equal(extra(call, 'weight')?.origin.kind, 'unresolved');
  });

  const UNRESOLVED: { name: string; src: string; param: 'alpha' | 'reduction' }[] = [
    { name: 'alpha from if / else into sigmoid_focal_loss', param: 'alpha', src: `from torchvision.ops import sigmoid_focal_loss\ndef f(x, y, balanced):\n    if balanced:\n        alpha = 0.25\n    else:\n        alpha = -1\n    return sigmoid_focal_loss(x, y, alpha=alpha, gamma=2)\n` },
    { name: 'a default then a conditional reassignment', param: 'reduction', src: `import torch.nn as nn\ndef f(kind):\n    red = 'mean'\n    if kind == 'a':\n        red = 'sum'\n    return nn.CrossEntropyLoss(reduction=red)\n` },
    { name: 'an if / elif / else chain', param: 'reduction', src: `import torch.nn as nn\ndef f(k):\n    if k == 0:\n        red = 'sum'\n    elif k == 1:\n        red = 'none'\n    else:\n        red = 'mean'\n    return nn.CrossEntropyLoss(reduction=red)\n` },
    { name: 'try / except', param: 'reduction', src: `import torch.nn as nn\ndef f():\n    try:\n        red = 'sum'\n    except ValueError:\n        red = 'mean'\n    return nn.CrossEntropyLoss(reduction=red)\n` },
    { name: 'a reassignment in a loop', param: 'reduction', src: `import torch.nn as nn\ndef f(kinds):\n    red = 'mean'\n    for k in kinds:\n        red = k\n    return nn.CrossEntropyLoss(reduction=red)\n` },
  ];
  for (const c of UNRESOLVED) {
    it(`unresolved: ${c.name}`, () => {
      const call = only(c.src);
      const value = c.param === 'alpha' ? call.alpha : call.reduction;
      assert.equal(value.origin.kind, 'unresolved', JSON.stringify(value));
    });
  }

  it('still known: a later unconditional assignment, branches that agree, and a value set before an unrelated if', () => {
    assert.equal(only(`import torch.nn as nn\ndef f():\n    red = 'sum'\n    red = 'none'\n    return nn.CrossEntropyLoss(reduction=red)\n`).reduction.value, 'none');
    assert.equal(only(`import torch.nn as nn\ndef f(c):\n    if c:\n        red = 'sum'\n    else:\n        red = 'sum'\n    return nn.CrossEntropyLoss(reduction=red)\n`).reduction.value, 'sum');
    assert.equal(only(`import torch.nn as nn\ndef f(c):\n    if c:\n        red = 'mean'\n    red = 'sum'\n    if c:\n        print(red)\n    return nn.CrossEntropyLoss(reduction=red)\n`).reduction.value, 'sum');
  });
});
