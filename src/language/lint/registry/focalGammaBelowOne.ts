import type { LintRuleDefinition } from './ruleDefinition';

export const focalGammaBelowOne = {
  id: 'focal-gamma-below-one',
  severity: 'information',
  title: 'focal loss gamma in (0, 1)',
  catches: 'A focal loss whose gamma is in (0, 1): at the call, as the default of your own focal loss, or from a constant in the file.',
  why: 'The factor (1 - p_t)^gamma then has an unbounded gradient as p_t -> 1: saturated logits give NaN or inf gradients. Use gamma = 0 (cross-entropy) or >= 1.',
  example: 'from torchvision.ops import sigmoid_focal_loss\n\ndef f(x, t):\n    return sigmoid_focal_loss(x, t, gamma=0.5)\n',
  fixed: 'from torchvision.ops import sigmoid_focal_loss\n\ndef f(x, t):\n    return sigmoid_focal_loss(x, t, gamma=2.0)\n',
  fix: 'none',
} as const satisfies LintRuleDefinition;
