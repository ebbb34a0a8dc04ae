import type { LintRuleId } from './rules';

import type { LintSeverity } from './registry/ruleDefinition';
export type { LintSeverity } from './registry/ruleDefinition';

/** One text replacement, in offsets of the linted text. */
export interface LintEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface LintFix {
  readonly title: string;
  readonly edits: readonly LintEdit[];
  /** The obvious fix (VS Code's isPreferred): the first safe one. */
  readonly preferred: boolean;
  /**
   * As Ruff says it: 'safe' changes only what the loss computes; 'unsafe' also changes what other
   * code sees (a model's output used elsewhere too), and its title says so.
   */
  readonly safety: 'safe' | 'unsafe';
}

export interface LintFinding {
  readonly rule: LintRuleId;
  /** The offending argument's offsets in the linted text. */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** A severity other than the rule's own for this finding (log_softmax into CrossEntropyLoss is only redundant; a softmax over one output into a BCE is an error). */
  readonly severity?: LintSeverity;
  /** Where the value was produced: offsets in the linted text, or with `inContext` in the context (earlier notebook cells). */
  readonly related?: { readonly start: number; readonly end: number; readonly message: string; readonly inContext?: boolean };
  readonly fixes: readonly LintFix[];
}
