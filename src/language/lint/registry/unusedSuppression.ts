import type { LintRuleDefinition } from './ruleDefinition';

export const unusedSuppression = {
  id: 'unused-suppression',
  severity: 'hint',
  title: 'a loss-lens suppression comment that silences nothing',
  catches: 'A # loss-lens: ignore[...], # loss-lens: ignore-file[...] or # noqa: loss-lens comment that silences no finding, or names a rule that matches nothing.',
  why: 'The mistake was fixed or the rule id is misspelt: the comment now only hides whatever comes next on its line.',
  example: 'import torch.nn.functional as F\nloss = F.cross_entropy(logits, y)  # loss-lens: ignore[double-softmax]\n',
  fixed: 'import torch.nn.functional as F\nloss = F.cross_entropy(logits, y)\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
