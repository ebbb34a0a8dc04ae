import type { LintRuleDefinition } from './ruleDefinition';

export const unknownLossKeyword = {
  id: 'unknown-loss-keyword',
  severity: 'error',
  title: 'a keyword the loss does not take',
  catches: 'A keyword argument the loss\'s signature does not have, for PyTorch\'s cross-entropy, NLL and BCE losses, torchvision\'s sigmoid_focal_loss and TF 1\'s tf.losses cross-entropies: `nn.CrossEntropyLoss(alpha=0.25)`, `nn.BCEWithLogitsLoss(ignore_index=-100)`, `tf.losses.softmax_cross_entropy(labels=y, logits=x)`. A keyword misspelt from exactly one of the signature\'s (`weights=` for `weight=`) is renamed by the fix.',
  why: 'Python raises TypeError only when the line runs, often after the data is loaded; the parameter the author meant (a focal alpha, an ignored label) is never applied.',
  example: 'import torch.nn.functional as F\nloss = F.binary_cross_entropy_with_logits(logits, targets, weights=w)\n',
  fixed: 'import torch.nn.functional as F\nloss = F.binary_cross_entropy_with_logits(logits, targets, weight=w)\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
