import type { LintRuleDefinition } from './ruleDefinition';

export const focalArgsSwapped = {
  id: 'focal-args-swapped',
  severity: 'warning',
  title: 'focal loss alpha and gamma passed in the wrong order',
  catches: 'A focal loss whose signature is certain (your own, defined in the file or in a workspace module it imports, or a library API in the catalog) called with alpha and gamma by position in each other\'s slots: the alpha slot holds a number above 1 and the gamma slot one in (0, 1) while the defaults follow the paper (alpha in [0, 1], gamma >= 1), as `FocalLoss(2, 0.25)` against `def __init__(self, alpha=0.25, gamma=2)`; or the alpha slot holds a name called gamma and the gamma slot one called alpha, as segmentation_models 1.0.0\'s `F.binary_focal_loss(gt, pr, self.alpha, self.gamma)` against `binary_focal_loss(gt, pr, gamma=2.0, alpha=0.25)`.',
  why: 'alpha = 2 weights the positives by 2 and the negatives by -1 (a negative loss), and gamma = 0.25 barely focuses: the loss trains toward the wrong thing without an error.',
  example: 'import torch.nn as nn\n\nclass FocalLoss(nn.Module):\n    def __init__(self, alpha=0.25, gamma=2.0):\n        super().__init__()\n        self.alpha = alpha\n        self.gamma = gamma\n\ncriterion = FocalLoss(2, 0.25)\n',
  fixed: 'import torch.nn as nn\n\nclass FocalLoss(nn.Module):\n    def __init__(self, alpha=0.25, gamma=2.0):\n        super().__init__()\n        self.alpha = alpha\n        self.gamma = gamma\n\ncriterion = FocalLoss(0.25, 2)\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
