import type { LintRuleDefinition } from './ruleDefinition';

export const alphaListLength = {
  id: 'alpha-list-length',
  severity: 'error',
  title: 'per-class alpha list of the wrong length',
  catches: 'Your own focal loss, defined in the file, whose `__init__` asserts `len(alpha) == num_classes` (the widely copied `if isinstance(alpha, list): assert len(alpha) == num_classes`), called with an alpha list literal of another length than its `num_classes` (written, or left at its default): `focal_loss(alpha=[0.25, 0.75])` against `num_classes=3`.',
  why: 'The assertion fails when the line runs: training stops with AssertionError. The list and the number of classes disagree, so at least one of them is not what the data has.',
  example: 'import torch\nimport torch.nn as nn\n\nclass focal_loss(nn.Module):\n    def __init__(self, alpha=0.25, gamma=2, num_classes=3, size_average=True):\n        super().__init__()\n        if isinstance(alpha, list):\n            assert len(alpha) == num_classes\n            self.alpha = torch.Tensor(alpha)\n        else:\n            assert alpha < 1\n            self.alpha = torch.zeros(num_classes)\n        self.gamma = gamma\n\ncriterion = focal_loss(alpha=[0.25, 0.75], gamma=2)\n',
  fixed: 'import torch\nimport torch.nn as nn\n\nclass focal_loss(nn.Module):\n    def __init__(self, alpha=0.25, gamma=2, num_classes=3, size_average=True):\n        super().__init__()\n        if isinstance(alpha, list):\n            assert len(alpha) == num_classes\n            self.alpha = torch.Tensor(alpha)\n        else:\n            assert alpha < 1\n            self.alpha = torch.zeros(num_classes)\n        self.gamma = gamma\n\ncriterion = focal_loss(alpha=[0.25, 0.75], gamma=2, num_classes=2)\n',
  fix: 'none',
} as const satisfies LintRuleDefinition;
