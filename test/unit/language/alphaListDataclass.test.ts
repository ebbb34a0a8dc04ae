import * as assert from 'node:assert/strict';
import { findLossCalls, type LossCall } from '../../../src/language/recognition';

/*
 * Issue 24, users' own losses: a focal loss whose alpha is a per-class list, and dataclass-style losses.
 * The snippets follow public code:
 * - clcarwin/focal_loss_pytorch's FocalLoss(gamma=0, alpha=None, size_average=True) (copied into many
 *   repositories): alpha a float or a list turned into a tensor, `at = self.alpha.gather(0, target)`; called as
 *   `FocalLoss(gamma=2, alpha=[0.25, 0.75])`, `FocalLoss(gamma=2, alpha=[0.01, 4.0, 1.8, 6.0])`.
 * - Keras 3 (keras-team/keras 0bd7bf0) categorical_focal_crossentropy: "alpha ... can be a list of floats or a
 *   scalar", multiplied elementwise over the classes.
 * - dataclass losses: `@dataclass class FocalLoss: alpha: float = 0.25; gamma: float = 2.0; reduction: str =
 *   "mean"; def __call__(self, pred, target)` with bce_with_logits and alpha_factor = target * self.alpha + (1 -
 *   target) * (1 - self.alpha); `@dataclass class FocalLoss: alpha: float; gamma: float; label_smoothing: float;
 *   reduce_type: ReduceType = "mean"` called with config values; `@dataclass class FocalLoss(nn.Module)` with
 *   `__post_init__` calling `super().__init__()` and a forward; look-alikes: `@dataclass class FocalLossConfig:
 *   gamma: float = 2.0; alpha: Optional[float] = 0.25` (a config, never called), one with
 *   `alpha: list[float] = field(default_factory=lambda: [...])`, and `FocalLossConfig(BaseLossConfig)`.
 */

/** The calls of the user's own losses (the library calls inside their bodies left aside). */
function calls(src: string): LossCall[] {
  return findLossCalls(src, 'python').filter((call) => call.library === 'user' || !/^\s/.test(src.slice(src.lastIndexOf('\n', call.start) + 1, call.start)));
}

const CLCARWIN = `import torch
import torch.nn as nn
import torch.nn.functional as F


class FocalLoss(nn.Module):
    def __init__(self, gamma=0, alpha=None, size_average=True):
        super(FocalLoss, self).__init__()
        self.gamma = gamma
        self.alpha = alpha
        if isinstance(alpha, list): self.alpha = torch.Tensor(alpha)
        self.size_average = size_average

    def forward(self, input, target):
        logpt = F.log_softmax(input, dim=1)
        logpt = logpt.gather(1, target)
        pt = logpt.exp()
        if self.alpha is not None:
            at = self.alpha.gather(0, target.view(-1))
            logpt = logpt * at
        loss = -1 * (1 - pt) ** self.gamma * logpt
        return loss.mean()
`;

describe("users' own losses: a per-class alpha list", () => {
  it('clcarwin FocalLoss(gamma=2, alpha=[0.25, 0.75]): the list as written, not "unresolved"', () => {
    const [call] = calls(`${CLCARWIN}criterion = FocalLoss(gamma=2, alpha=[0.25, 0.75])\n`);
    assert.equal(call!.api, 'user:FocalLoss');
    assert.equal(call!.alpha.value, undefined);
    assert.deepEqual(call!.alpha.list, [0.25, 0.75]);
    assert.equal(call!.alpha.origin.kind, 'explicit');
    assert.equal(call!.gamma.value, 2);
  });

  it('a list through a constant keeps its line; a list of four', () => {
    const [a, b] = calls(`${CLCARWIN}ALPHA = [0.01, 4.0, 1.8, 6.0]\nc1 = FocalLoss(gamma=2, alpha=ALPHA)\nc2 = FocalLoss(2, [1, 5])\n`);
    assert.deepEqual(a!.alpha.list, [0.01, 4, 1.8, 6]);
    assert.deepEqual(a!.alpha.origin, { kind: 'resolved', line: 22 });
    assert.deepEqual(b!.alpha.list, [1, 5]);
  });

  it("Keras CategoricalFocalCrossentropy(alpha=[...]) shows its list", () => {
    const [call] = calls(`import keras\nloss = keras.losses.CategoricalFocalCrossentropy(alpha=[0.25, 0.25, 0.5], gamma=2.0)\n`);
    assert.equal(call!.api, 'keras.losses.CategoricalFocalCrossentropy');
    assert.deepEqual(call!.alpha.list, [0.25, 0.25, 0.5]);
  });

  it('an alpha the file does not give stays unresolved, and a scalar stays a scalar', () => {
    const [unknown, scalar] = calls(`${CLCARWIN}c1 = FocalLoss(gamma=2, alpha=weights)\nc2 = FocalLoss(gamma=2, alpha=0.25)\n`);
    assert.equal(unknown!.alpha.origin.kind, 'unresolved');
    assert.equal(unknown!.alpha.list, undefined);
    assert.equal(scalar!.alpha.value, 0.25);
    assert.equal(scalar!.alpha.list, undefined);
  });
});

const DATACLASS_SIGMOID = `import torch
import torch.nn.functional as F
from dataclasses import dataclass


@dataclass
class FocalLoss:
    alpha: float = 0.25
    gamma: float = 2.0
    reduction: str = "mean"  # "mean" | "sum" | "none"

    def __call__(self, pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        bce = F.binary_cross_entropy_with_logits(pred, target, reduction="none")
        prob = torch.sigmoid(pred)
        p_t = target * prob + (1.0 - target) * (1.0 - prob)
        alpha_factor = target * self.alpha + (1 - target) * (1 - self.alpha)
        focal_weight = (1.0 - p_t).pow(self.gamma)
        loss = alpha_factor * focal_weight * bce
        return loss.mean()
`;

describe("users' own losses: dataclasses", () => {
  it('@dataclass FocalLoss with __call__: its fields are the parameters, defaults at their lines, the body read', () => {
    const [plain, positional, keyword] = calls(`${DATACLASS_SIGMOID}fl = FocalLoss()\nfl2 = FocalLoss(0.5, 1.0)\nfl3 = FocalLoss(gamma=3.0, reduction="sum")\n`);
    assert.equal(plain!.api, 'user:FocalLoss');
    assert.equal(plain!.alpha.value, 0.25);
    assert.deepEqual(plain!.alpha.origin, { kind: 'resolved', line: 7 });
    assert.equal(plain!.gamma.value, 2);
    assert.deepEqual(plain!.gamma.origin, { kind: 'resolved', line: 8 });
    assert.equal(plain!.reduction.value, 'mean');
    assert.equal(plain!.inputs.value, 'logits');
    assert.equal(plain!.classModel, 'sigmoid');
    assert.equal(plain!.notModeled, undefined, 'alpha_t read from the body');
    assert.equal(positional!.alpha.value, 0.5);
    assert.equal(positional!.gamma.value, 1);
    assert.equal(keyword!.gamma.value, 3);
    assert.equal(keyword!.reduction.value, 'sum');
  });

  it('fields without defaults, KW_ONLY, field(default=...), import dataclasses, and an nn.Module base with forward', () => {
    const required = calls(`import dataclasses\nimport typing\nimport torch\nimport torch.nn.functional as F\nReduceType = typing.Literal["mean", "sum"]\n@dataclasses.dataclass\nclass FocalLoss:\n    alpha: float\n    gamma: float\n    label_smoothing: float\n    reduce_type: ReduceType = "mean"\n\n    def __call__(self, y, y_hat):\n        ce_loss = F.cross_entropy(y, y_hat, label_smoothing=self.label_smoothing, reduction="none")\n        pt = torch.exp(-ce_loss)\n        return (self.alpha * (1 - pt) ** self.gamma * ce_loss).mean()\nl2 = FocalLoss(alpha=config.train.focal_loss_alpha, gamma=config.train.focal_loss_gamma, label_smoothing=0.1)\n`);
    assert.equal(required.length, 1);
    assert.equal(required[0]!.alpha.origin.kind, 'unresolved');
    assert.equal(required[0]!.alpha.text, 'config.train.focal_loss_alpha');
    const kwOnly = calls(`from dataclasses import dataclass, field, KW_ONLY\nimport torch\n@dataclass\nclass BinaryFocalLoss:\n    num_classes: int\n    _: KW_ONLY\n    alpha: float = field(default=0.5)\n    gamma: float = 1.0\n    def __call__(self, x, y):\n        p = torch.sigmoid(x)\n        return -(self.alpha * (1 - p) ** self.gamma * torch.log(p)).mean()\nl = BinaryFocalLoss(80, 0.1)\nm = BinaryFocalLoss(80, gamma=2.0)\n`);
    // alpha is keyword-only: the second positional argument is no alpha.
    assert.equal(kwOnly[0]!.alpha.value, 0.5);
    assert.equal(kwOnly[1]!.alpha.value, 0.5);
    assert.equal(kwOnly[1]!.gamma.value, 2);
    const module = calls(`from dataclasses import dataclass\nimport torch\nfrom torch import nn\n@dataclass\nclass FocalLoss(nn.Module):\n    alpha: float = 0.25\n    gamma: float = 2.0\n    reduction: str = "mean"\n\n    def __post_init__(self) -> None:\n        super().__init__()\n\n    def forward(self, logits, targets):\n        p = torch.sigmoid(logits)\n        ce = torch.nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction="none")\n        p_t = p * targets + (1 - p) * (1 - targets)\n        alpha_t = self.alpha * targets + (1 - self.alpha) * (1 - targets)\n        return (alpha_t * (1 - p_t) ** self.gamma * ce).mean()\ncrit = FocalLoss(gamma=1.0)\n`);
    assert.equal(module.length, 1);
    assert.equal(module[0]!.gamma.value, 1);
    assert.equal(module[0]!.alpha.value, 0.25);
  });

  it('look-alikes: a config dataclass, a dataclass base, default_factory, init=False, no decorator', () => {
    for (const src of [
      `from dataclasses import dataclass\nfrom typing import Optional\n@dataclass\nclass FocalLossConfig:\n    gamma: float = 2.0\n    alpha: Optional[float] = 0.25\n    reduction: str = "mean"\ncfg = FocalLossConfig(gamma=1.0)\n`,
      `from dataclasses import dataclass\nimport torch\n@dataclass\nclass FocalLossConfig(BaseLossConfig):\n    alpha: float = 0.25\n    gamma: float = 2.0\n    def __call__(self, x, y):\n        return -(self.alpha * torch.log(x)).mean()\ncfg = FocalLossConfig(gamma=1.0)\n`,
      `from dataclasses import dataclass, field\nimport torch\n@dataclass\nclass FocalLoss:\n    gamma: float = 2.0\n    alpha: list = field(default_factory=lambda: [0.4, 0.35, 0.25])\n    def __call__(self, x, y):\n        return -(torch.log(x)).mean()\nf = FocalLoss(gamma=1.0)\n`,
      `from dataclasses import dataclass\nimport torch\n@dataclass(init=False)\nclass FocalLoss:\n    alpha: float = 0.25\n    gamma: float = 2.0\n    def __call__(self, x, y):\n        return -(torch.log(x)).mean()\nf = FocalLoss(gamma=1.0)\n`,
      `import torch\nclass FocalLoss:\n    alpha: float = 0.25\n    gamma: float = 2.0\n    def __call__(self, x, y):\n        return -(torch.log(x)).mean()\nf = FocalLoss(gamma=1.0)\n`,
    ]) {
      assert.deepEqual(calls(src).map((call) => call.api), [], src);
    }
  });
});
