import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { hoverMarkdown } from '../../../src/extension/hoverMarkdown';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';

/* The hover of a call in a parametrized test (issue 24, Values): every value it receives, and no table of one of them. */

function hoverOf(source: string): string {
  const calls = findLossCalls(source, 'python');
  assert.equal(calls.length, 1, source);
  return hoverMarkdown(calls[0]!, 0, DEFAULT_SETTINGS);
}

describe('hover: values from pytest parametrize', () => {
  it("kornia's parametrized alpha, gamma and reduction: each listed with the decorator's line, no table, no 'unresolved'", () => {
    const md = hoverOf(`import pytest\nimport kornia\n@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])\n@pytest.mark.parametrize("alpha", [None, 0.2, 0.5])\n@pytest.mark.parametrize("gamma", [0.0, 1.0, 2.0])\ndef test_shape_alpha_gamma(reduction, alpha, gamma):\n    kornia.losses.binary_focal_loss_with_logits(logits, labels, alpha=alpha, gamma=gamma, reduction=reduction)\n`);
    assert.match(md, /alpha \*\*none, 0\\?\.2 or 0\\?\.5\*\* \*\(pytest parametrize, line 4\)\*/);
    assert.match(md, /gamma \*\*0, 1 or 2\*\* \*\(pytest parametrize, line 5\)\*/);
    assert.match(md, /reduction \*\*"none", "mean" or "sum"\*\* \*\(pytest parametrize, line 3\)\*/);
    assert.match(md, /No values: this call runs with each of several alpha and gamma in turn\./);
    assert.doesNotMatch(md, /unresolved/);
    assert.doesNotMatch(md, /Compute at a value/);
    assert.match(decodeURIComponent(md), /alpha \(the first of 3 values the call receives\) and gamma \(the first of 3 values the call receives\)/);
    assert.doesNotMatch(md, /\| CE \|/);
  });

  it('one parametrized value is shown and computed as any resolved value', () => {
    const md = hoverOf(`import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("gamma", [1.0])\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`);
    assert.match(md, /gamma \*\*1\*\* \*\(pytest parametrize, line 3\)\*/);
    assert.match(md, /\| CE \|/);
  });

  it('several gammas with an alpha the file does not give: says alpha is unknown, not that the values are several', () => {
    const md = hoverOf(`import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("gamma", [1.0, 2.0])\ndef test_fl(gamma, alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)\n`);
    assert.match(md, /No values: alpha could not be worked out from this file\./);
  });
});

describe('hover: a per-class alpha list and a dataclass loss', () => {
  it('FocalLoss(gamma=2, alpha=[0.25, 0.75]): the list as written, and why there is no table', () => {
    const src = `import torch\nimport torch.nn.functional as F\nclass FocalLoss(torch.nn.Module):\n    def __init__(self, gamma=0, alpha=None):\n        super().__init__()\n        self.gamma = gamma\n        self.alpha = torch.Tensor(alpha)\n    def forward(self, input, target):\n        logpt = F.log_softmax(input, dim=1).gather(1, target)\n        at = self.alpha.gather(0, target.view(-1))\n        return (-(1 - logpt.exp()) ** self.gamma * logpt * at).mean()\ncriterion = FocalLoss(gamma=2, alpha=[0.25, 0.75])\n`;
    const call = findLossCalls(src, 'python').find((c) => c.api === 'user:FocalLoss')!;
    const md = hoverMarkdown(call, 11, DEFAULT_SETTINGS);
    assert.match(md, /alpha \*\*\[0\\?\.25, 0\\?\.75\]\*\* \*\(written here\)\*/);
    assert.match(md, /No values: alpha is a list \(one number per class or element\), and the table takes one\./);
    assert.doesNotMatch(md, /unresolved/);
    assert.match(decodeURIComponent(md), /alpha is a list of 2 numbers, using the default alpha/);
  });

  it('a dataclass focal loss: its defaults at their field lines and a table', () => {
    const src = `import torch\nimport torch.nn.functional as F\nfrom dataclasses import dataclass\n@dataclass\nclass FocalLoss:\n    alpha: float = 0.25\n    gamma: float = 1.0\n    def __call__(self, pred, target):\n        bce = F.binary_cross_entropy_with_logits(pred, target, reduction="none")\n        p_t = target * torch.sigmoid(pred) + (1 - target) * (1 - torch.sigmoid(pred))\n        alpha_t = target * self.alpha + (1 - target) * (1 - self.alpha)\n        return (alpha_t * (1 - p_t) ** self.gamma * bce).mean()\nfl = FocalLoss()\n`;
    const call = findLossCalls(src, 'python').find((c) => c.api === 'user:FocalLoss')!;
    const md = hoverMarkdown(call, 12, DEFAULT_SETTINGS);
    assert.match(md, /alpha \*\*0\\?\.25\*\* \*\(line 6\)\* · gamma \*\*1\*\* \*\(line 7\)\*/);
    assert.match(md, /\| CE \|/);
    // gamma 1 is not the paper's: Table 1's line.
    assert.match(md, /Table 1 \\\(COCO AP\\\): γ 1, α 0\\\.25: 33\\\.7/);
  });
});

describe('hover: a loss built in branches that agree on the API', () => {
  const hoverAt = (source: string, needle: string) => {
    const offset = source.indexOf(needle);
    const call = findLossCalls(source, 'python').find((c) => c.nameStart <= offset && offset < c.nameEnd)!;
    assert.ok(call, needle);
    return hoverMarkdown(call, 0, DEFAULT_SETTINGS);
  };

  it('gamma 2 or 1 from an if / else of partial(sigmoid_focal_loss, ...): both places in the title, the branches as the origin, no table', () => {
    const src = 'from torchvision.ops import sigmoid_focal_loss\nfrom functools import partial\nif hard:\n    loss_fn = partial(sigmoid_focal_loss, gamma=2.0)\nelse:\n    loss_fn = partial(sigmoid_focal_loss, gamma=1.0)\nl = loss_fn(logits, targets)\n';
    const md = hoverAt(src, 'loss_fn(logits');
    assert.match(md, /`loss_fn`: a functools\.partial of it \(line 4 or line 6\), with its arguments/);
    assert.match(md, /gamma \*\*2 or 1\*\* \*\(the branches from line 4\)\*/);
    assert.match(md, /No values: the loss is built with one of several gamma, depending on the branch taken\./);
    assert.doesNotMatch(md, /in turn/);
    assert.doesNotMatch(md, /\| CE \|/);
  });

  it("hw2vec: CrossEntropyLoss in both branches, the weight they differ on shown as written, the table of the API's values", () => {
    const src = 'import torch.nn as nn\nclass T:\n    def __init__(self, class_weights):\n        if class_weights.shape[0] < 2:\n            self.loss_func = nn.CrossEntropyLoss()\n        else:\n            self.loss_func = nn.CrossEntropyLoss(weight=class_weights)\n    def step(self, output, y):\n        return self.loss_func(output, y)\n';
    const md = hoverAt(src, 'loss_func(output');
    assert.match(md, /the loss built at line 5 or line 7/);
    assert.match(md, /weight `None ¦ class_weights` \*\(unresolved\)\*/);
  });
});
