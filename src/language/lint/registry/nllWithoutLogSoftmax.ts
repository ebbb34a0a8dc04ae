import type { LintRuleDefinition } from './ruleDefinition';

export const nllWithoutLogSoftmax = {
  id: 'nll-without-log-softmax',
  severity: 'warning',
  title: 'NLL loss on logits or softmax probabilities',
  catches: 'F.nll_loss / nn.NLLLoss given softmax probabilities or raw logits (a final Linear or convolution).',
  why: 'NLL takes log-probabilities: on probabilities it computes -p instead of -log p, on logits -logit.',
  example: 'import torch.nn.functional as F\n\ndef f(x, y):\n    return F.nll_loss(F.softmax(x, dim=1), y)\n',
  fixed: 'import torch.nn.functional as F\n\ndef f(x, y):\n    return F.nll_loss(F.log_softmax(x, dim=1), y)\n',
  fix: 'sometimes',
} as const satisfies LintRuleDefinition;
