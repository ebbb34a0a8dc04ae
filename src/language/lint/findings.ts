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

/** A place in another file: its name as messages give it, what the imported sources gave to find it (a URI, a path), and 0-based lines and characters. */
export interface Elsewhere {
  readonly file: string;
  readonly uri?: string;
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
}

export interface LintFinding {
  readonly rule: LintRuleId;
  /** The offending argument's offsets in the linted text. */
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** A severity other than the rule's own for this finding (log_softmax into CrossEntropyLoss is only redundant; a softmax over one output into a BCE is an error). */
  readonly severity?: LintSeverity;
  /**
   * Where the value was produced: offsets in the linted text, or with `inContext` in the context
   * (earlier notebook cells). With `elsewhere`, in another file this one imports: the offsets are then
   * the model's name called here, and `elsewhere` says where the producer is in that file.
   */
  readonly related?: { readonly start: number; readonly end: number; readonly message: string; readonly inContext?: boolean; readonly elsewhere?: Elsewhere };
  readonly fixes: readonly LintFix[];
}
