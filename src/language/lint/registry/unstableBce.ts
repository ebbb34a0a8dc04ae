import type { LintRuleDefinition } from './ruleDefinition';

export const unstableBce = {
  id: 'unstable-bce',
  severity: 'information',
  title: 'BCE on a sigmoid written at the call',
  catches: 'BCELoss / F.binary_cross_entropy on torch.sigmoid(x) (or x.sigmoid(), nn.Sigmoid()(x)) written at the call.',
  why: 'The log of a rounded probability, clamped at -100, loses precision for large logits; the logits form computes the same loss exactly.',
  example: 'import torch\nimport torch.nn as nn\n\ndef f(x, y):\n    return nn.BCELoss()(torch.sigmoid(x), y)\n',
  fixed: 'import torch\nimport torch.nn as nn\n\ndef f(x, y):\n    return nn.BCEWithLogitsLoss()(x, y)\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
