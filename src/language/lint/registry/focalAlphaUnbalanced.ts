import type { LintRuleDefinition } from './ruleDefinition';

export const focalAlphaUnbalanced = {
  id: 'focal-alpha-unbalanced',
  severity: 'warning',
  title: 'binary focal loss whose alpha multiplies both classes',
  catches: "A hand-written binary (sigmoid) focal loss, a function or a class whose name says focal, whose scalar alpha multiplies every element, positives and negatives alike (`alpha * (1 - pt) ** gamma * bce`), with no alpha_t anywhere in its body: mkocabas/focal-loss-keras's first version (its issues #6 and #7). Only where the body shows the loss is binary (a binary cross-entropy, a sigmoid, `where(y == 1, p, 1 - p)`) and nothing multi-class, every product of alpha is a whole focal term (the modulating factor in it, no class mask), and alpha's default (or the value a construction in the file passes) is a number other than 1 and 0.5.",
  why: 'The paper balances the classes with alpha_t: alpha for the positives and 1 - alpha for the negatives. One alpha for every element scales the whole loss by a constant (as the learning rate would) and balances nothing; with alpha = 0.25 the rare positives are not weighted against the many easy negatives at all.',
  example: 'import torch\nimport torch.nn.functional as F\n\ndef binary_focal_loss(logits, targets, alpha=0.25, gamma=2.0):\n    bce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")\n    pt = torch.exp(-bce)\n    return (alpha * (1 - pt) ** gamma * bce).mean()\n',
  fixed: 'import torch\nimport torch.nn.functional as F\n\ndef binary_focal_loss(logits, targets, alpha=0.25, gamma=2.0):\n    bce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")\n    pt = torch.exp(-bce)\n    return ((alpha * targets + (1 - alpha) * (1 - targets)) * (1 - pt) ** gamma * bce).mean()\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
