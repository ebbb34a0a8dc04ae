import type { LintRuleDefinition } from './ruleDefinition';

export const focalCeAsProbability = {
  id: 'focal-ce-as-probability',
  severity: 'warning',
  title: 'focal modulating factor taken from the cross-entropy value or a log-probability instead of p_t',
  catches: "A hand-written focal loss (a function or a class whose name says focal) whose modulating factor is `(1 - ce) ** gamma` or `torch.pow(1 - ce, gamma)` with `ce` bound to a cross-entropy call (`ce = F.cross_entropy(output, target)`): c0nn3r/RetinaNet's first focal_loss.py (its issue #8); or whose `pt` is made only from log-probabilities (`log_p = F.log_softmax(logits)`, `pt = label_onehot * log_p`, then `(1 - pt) ** gamma`): HeyLynne/FocalLoss_for_multiclass (its issue #3) and its many copies.",
  why: 'The cross-entropy is -log p_t, a loss from 0 upwards, not the probability p_t: 1 - ce is negative wherever the loss exceeds 1, and the factor neither down-weights the easy examples nor means anything else the paper does. The probability is p_t = exp(-ce). A log-probability taken as p_t is the same mistake: 1 - log p_t = 1 + CE is at least 1, so the factor is 1 on the easy examples and grows without bound on the hard ones.',
  example: 'import torch\nimport torch.nn.functional as F\n\nclass FocalLoss(torch.nn.Module):\n    def forward(self, output, target):\n        ce = F.cross_entropy(output, target, reduction="none")\n        return ((1 - ce) ** 2 * ce).mean()\n',
  fixed: 'import torch\nimport torch.nn.functional as F\n\nclass FocalLoss(torch.nn.Module):\n    def forward(self, output, target):\n        ce = F.cross_entropy(output, target, reduction="none")\n        pt = torch.exp(-ce)\n        return ((1 - pt) ** 2 * ce).mean()\n',
  fix: 'none',
} as const satisfies LintRuleDefinition;
