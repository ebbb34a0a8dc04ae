import type { LintRuleDefinition } from './ruleDefinition';

export const alphaOverwrittenPerBatch = {
  id: 'alpha-overwritten-per-batch',
  severity: 'error',
  title: 'per-class weights overwritten by their per-sample selection in forward',
  catches: "A loss class (its name says focal or loss) whose `forward` replaces its per-class weights with their own per-sample selection: `self.alpha = self.alpha.gather(0, labels.view(-1))`, `self.alpha = self.alpha[targets]`. yatengLG/Focal-Loss-Pytorch's focal loss (its issue #9, pull request #16) and its many copies.",
  why: "The first call leaves one weight per sample of that batch in the attribute, and every later call looks the class weights up in those sample weights: the weights are wrong from the second batch on, and indexing fails once a label reaches the first batch's size (a batch smaller than the number of classes).",
  example: 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\nclass FocalLoss(nn.Module):\n    def __init__(self, alpha=(0.25, 0.75), gamma=2):\n        super().__init__()\n        self.alpha = torch.tensor(alpha)\n        self.gamma = gamma\n\n    def forward(self, preds, labels):\n        logpt = F.log_softmax(preds, dim=1).gather(1, labels.view(-1, 1)).view(-1)\n        pt = logpt.exp()\n        self.alpha = self.alpha.gather(0, labels.view(-1))\n        return (-self.alpha * (1 - pt) ** self.gamma * logpt).mean()\n',
  fixed: 'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n\nclass FocalLoss(nn.Module):\n    def __init__(self, alpha=(0.25, 0.75), gamma=2):\n        super().__init__()\n        self.alpha = torch.tensor(alpha)\n        self.gamma = gamma\n\n    def forward(self, preds, labels):\n        logpt = F.log_softmax(preds, dim=1).gather(1, labels.view(-1, 1)).view(-1)\n        pt = logpt.exp()\n        alpha = self.alpha.gather(0, labels.view(-1))\n        return (-alpha * (1 - pt) ** self.gamma * logpt).mean()\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
