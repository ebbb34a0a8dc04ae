import type { LintRuleDefinition } from './ruleDefinition';

export const unknownLossKeyword = {
  id: 'unknown-loss-keyword',
  severity: 'error',
  title: 'a keyword the loss does not take',
  catches: 'A keyword argument the loss\'s signature does not have, for PyTorch\'s cross-entropy, NLL and BCE losses, torchvision\'s sigmoid_focal_loss and TF 1\'s tf.losses cross-entropies: `nn.CrossEntropyLoss(alpha=0.25)`, `nn.BCEWithLogitsLoss(ignore_index=-100)`, `tf.losses.softmax_cross_entropy(labels=y, logits=x)`.',
  why: 'Python raises TypeError only when the line runs, often after the data is loaded; the parameter the author meant (a focal alpha, an ignored label) is never applied.',
  example: 'import torch.nn as nn\nloss_fn = nn.BCEWithLogitsLoss(ignore_index=-100)\n',
  fixed: 'import torch.nn as nn\nloss_fn = nn.BCEWithLogitsLoss(reduction="none")\n',
  fix: 'none',
} as const satisfies LintRuleDefinition;
