import type { LintRuleDefinition } from './ruleDefinition';

export const legacyReduceString = {
  id: 'legacy-reduce-string',
  severity: 'warning',
  title: "a reduction string given to PyTorch's deprecated reduce / size_average",
  catches: "A PyTorch loss given `reduce='none'` (or another string) for the deprecated `reduce` or `size_average`: the value meant for `reduction=`. The weighted-BCE structure loss of salient-object and polyp segmentation code (`F.binary_cross_entropy_with_logits(pred, mask, reduce='none')`), copied through many repositories.",
  why: "PyTorch reads reduce and size_average as truth values (torch/nn/_reduction.py, legacy_get_string), and any non-empty string is True: the loss is the mean over every element, one number, where the code goes on to weight per-element losses.",
  example: "import torch\nimport torch.nn.functional as F\n\ndef structure_loss(pred, mask):\n    weit = 1 + 5 * torch.abs(F.avg_pool2d(mask, kernel_size=31, stride=1, padding=15) - mask)\n    wbce = F.binary_cross_entropy_with_logits(pred, mask, reduce='none')\n    return ((weit * wbce).sum(dim=(2, 3)) / weit.sum(dim=(2, 3))).mean()\n",
  fixed: "import torch\nimport torch.nn.functional as F\n\ndef structure_loss(pred, mask):\n    weit = 1 + 5 * torch.abs(F.avg_pool2d(mask, kernel_size=31, stride=1, padding=15) - mask)\n    wbce = F.binary_cross_entropy_with_logits(pred, mask, reduction='none')\n    return ((weit * wbce).sum(dim=(2, 3)) / weit.sum(dim=(2, 3))).mean()\n",
  fix: 'safe',
} as const satisfies LintRuleDefinition;
