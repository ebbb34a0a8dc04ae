import type { LintRuleDefinition } from './ruleDefinition';

export const focalOnReducedLoss = {
  id: 'focal-on-reduced-loss',
  severity: 'warning',
  title: 'focal factor computed from an already averaged cross-entropy',
  catches: "A focal loss written as `ce = F.binary_cross_entropy(x, y)` (reduction 'mean' or 'sum', the default 'mean', or `reduction=self.reduction` left at an `__init__` default of 'mean', also when torch's `_Loss` / `_WeightedLoss` base stores it from `super().__init__(..., reduction=reduction)`, or `size_average=self.size_average` left at True) followed by `exp(-ce)` for p_t (also `exp(-1 * ce)`, `(-ce).exp()`, or `logpt = -ce` and `exp(logpt)` / `logpt.exp()`) and `(1 - p_t) ** gamma * ce`.",
  why: 'exp(-mean loss) is not any sample\'s p_t: the focal factor is one number for the whole batch, so easy examples are not down-weighted and the loss is a rescaled cross-entropy.',
  example: "import torch\nimport torch.nn.functional as F\n\ndef focal_loss(inputs, targets, alpha=0.8, gamma=2):\n    BCE = F.binary_cross_entropy(inputs, targets, reduction='mean')\n    BCE_EXP = torch.exp(-BCE)\n    return alpha * (1 - BCE_EXP) ** gamma * BCE\n",
  fixed: "import torch\nimport torch.nn.functional as F\n\ndef focal_loss(inputs, targets, alpha=0.8, gamma=2):\n    BCE = F.binary_cross_entropy(inputs, targets, reduction='none')\n    BCE_EXP = torch.exp(-BCE)\n    return (alpha * (1 - BCE_EXP) ** gamma * BCE).mean()\n",
  fix: 'sometimes',
} as const satisfies LintRuleDefinition;
