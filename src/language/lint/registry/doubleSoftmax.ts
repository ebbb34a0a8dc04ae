import type { LintRuleDefinition } from './ruleDefinition';

export const doubleSoftmax = {
  id: 'double-softmax',
  severity: 'warning',
  title: 'softmax output into a loss that applies log_softmax itself',
  catches: 'A softmax output (written at the call, assigned, or returned by a model or function of the file) reaches CrossEntropyLoss, F.cross_entropy, tf.nn.softmax_cross_entropy_with_logits, TF 1 tf.losses.softmax_cross_entropy, optax softmax_cross_entropy or a Keras categorical loss with from_logits=True.',
  why: 'The probabilities get a second softmax: the loss and its gradients are those of a flattened distribution. A log_softmax output is only redundant (information level).',
  example: 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(784, 10), nn.Softmax(dim=1))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)\n',
  fixed: 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(784, 10))\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)\n',
  fix: 'sometimes',
} as const satisfies LintRuleDefinition;
