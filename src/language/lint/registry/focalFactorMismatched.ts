import type { LintRuleDefinition } from './ruleDefinition';

export const focalFactorMismatched = {
  id: 'focal-factor-mismatched',
  severity: 'warning',
  title: "focal modulating factor of the other class's probability",
  catches: "A hand-written binary focal loss (a function or a class method whose name says focal) whose term of log(1 - p) (the negatives) is multiplied by (1 - p) ** gamma, or whose term of log(p) (the positives) by p ** gamma, as `torch.pow(1 - P, gamma) * torch.log(1 - P)`: the factor and the log in one product, of the same p as written.",
  why: "The modulating factor is (1 - p_t) ** gamma with p_t the probability of the term's own class: p ** gamma for the negatives, (1 - p) ** gamma for the positives. The other factor is small where the example is hard and near 1 where it is easy, so the easy examples are up-weighted: the opposite of focusing.",
  example: 'import torch\n\ndef sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2.0):\n    p = torch.sigmoid(logits)\n    pos = -alpha * torch.pow(1 - p, gamma) * torch.log(p) * targets\n    neg = -(1 - alpha) * torch.pow(1 - p, gamma) * torch.log(1 - p) * (1 - targets)\n    return (pos + neg).mean()\n',
  fixed: 'import torch\n\ndef sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=2.0):\n    p = torch.sigmoid(logits)\n    pos = -alpha * torch.pow(1 - p, gamma) * torch.log(p) * targets\n    neg = -(1 - alpha) * torch.pow(p, gamma) * torch.log(1 - p) * (1 - targets)\n    return (pos + neg).mean()\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
