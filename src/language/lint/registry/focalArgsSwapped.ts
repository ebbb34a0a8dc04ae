import type { LintRuleDefinition } from './ruleDefinition';

export const focalArgsSwapped = {
  id: 'focal-args-swapped',
  severity: 'warning',
  title: 'focal loss alpha and gamma passed in the wrong order',
  catches: 'Your own focal loss, defined in the file with defaults alpha in [0, 1] and gamma >= 1, called with alpha and gamma by position where the alpha slot holds a number above 1 and the gamma slot one in (0, 1): `FocalLoss(2, 0.25)` against `def __init__(self, alpha=0.25, gamma=2)`.',
  why: 'alpha = 2 weights the positives by 2 and the negatives by -1 (a negative loss), and gamma = 0.25 barely focuses: the loss trains toward the wrong thing without an error.',
  example: 'import torch.nn as nn\n\nclass FocalLoss(nn.Module):\n    def __init__(self, alpha=0.25, gamma=2.0):\n        super().__init__()\n        self.alpha = alpha\n        self.gamma = gamma\n\ncriterion = FocalLoss(2, 0.25)\n',
  fixed: 'import torch.nn as nn\n\nclass FocalLoss(nn.Module):\n    def __init__(self, alpha=0.25, gamma=2.0):\n        super().__init__()\n        self.alpha = alpha\n        self.gamma = gamma\n\ncriterion = FocalLoss(0.25, 2)\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
