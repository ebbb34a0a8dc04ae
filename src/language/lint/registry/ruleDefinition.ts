/** How a finding is shown (the settings' names for VS Code's diagnostic severities). */
export type LintSeverity = 'error' | 'warning' | 'information' | 'hint';

/**
 * One lint rule, as Ruff documents its rules: everything else (the settings' schema in package.json,
 * the nls strings, the README's rule list, the tests' table) is checked against these files by
 * test/unit/lint/registry.test.ts. To add a rule: a file here, its entry in ../rules.ts, its check,
 * and the places that test names.
 */
export interface LintRuleDefinition {
  /** The diagnostic's code and the settings key: kebab-case. */
  readonly id: string;
  readonly severity: LintSeverity;
  /** What the rule catches, in a few words (settings, tests). */
  readonly title: string;
  /** What it catches, in a sentence or two. */
  readonly catches: string;
  /** Why that is wrong: what the loss then computes. */
  readonly why: string;
  /** Python that fires the rule, and the same code fixed (both linted by the registry test). */
  readonly example: string;
  readonly fixed: string;
  /**
   * Fix safety, as Ruff marks it: 'safe' (the fixes change only what the loss computes), 'sometimes'
   * (safe when nothing else reads the value, unsafe otherwise, and the title says so), 'none'.
   */
  readonly fix: 'safe' | 'sometimes' | 'none';
}
