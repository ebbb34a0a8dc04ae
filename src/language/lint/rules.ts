/*
 * The loss lint's rules: ids (the diagnostics' `code`), default severities, and the README anchor each
 * diagnostic links to. The rule logic lives in checks.ts; this table is what settings and the
 * extension read.
 */

export type LintRuleId =
  | 'double-softmax'
  | 'double-sigmoid'
  | 'nll-without-log-softmax'
  | 'logits-into-probability-loss'
  | 'keras-alpha-ignored'
  | 'unstable-bce'
  | 'focal-gamma-below-one'
  | 'unused-suppression';

export type LintSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface LintRule {
  readonly id: LintRuleId;
  readonly severity: LintSeverity;
  /** What the rule catches, in a few words (settings descriptions, tests). */
  readonly title: string;
}

export const LINT_RULES: readonly LintRule[] = [
  { id: 'double-softmax', severity: 'warning', title: 'softmax output into a loss that applies log_softmax itself' },
  { id: 'double-sigmoid', severity: 'warning', title: 'sigmoid output into a loss that applies the sigmoid itself' },
  { id: 'nll-without-log-softmax', severity: 'warning', title: 'NLL loss on logits or softmax probabilities' },
  { id: 'logits-into-probability-loss', severity: 'warning', title: 'raw logits into a loss that expects probabilities' },
  { id: 'keras-alpha-ignored', severity: 'warning', title: 'Keras binary focal alpha without apply_class_balancing=True' },
  { id: 'unstable-bce', severity: 'information', title: 'BCE on a sigmoid written at the call' },
  { id: 'focal-gamma-below-one', severity: 'information', title: 'focal loss gamma in (0, 1)' },
  { id: 'unused-suppression', severity: 'hint', title: 'a loss-lens suppression comment that silences nothing' },
];

export const LINT_RULE_IDS: ReadonlySet<string> = new Set(LINT_RULES.map((rule) => rule.id));

export function isLintRuleId(id: string): id is LintRuleId {
  return LINT_RULE_IDS.has(id);
}

/** The README section a rule's diagnostics link to: `#double-softmax` under "## Loss lint". */
export function ruleAnchor(id: LintRuleId): string {
  return id;
}
