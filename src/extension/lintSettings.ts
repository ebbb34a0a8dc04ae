import { LINT_RULES, isLintRuleId, type LintRuleId, type LintSeverity } from '../language/lint';
import * as l10n from './l10n';

/*
 * The lint's settings, read from `lossLens.lint.enabled` and `lossLens.lint.rules` (rule id ->
 * "error" | "warning" | "information" | "hint" | "off"). Pure, so the unit tests check it; a value
 * that makes no sense is ignored with a note for the output channel.
 */

export type RuleLevel = LintSeverity | 'off';

export interface LintSettings {
  readonly enabled: boolean;
  /** The level the user set per rule; absent: the rule's own (or the finding's lower one). */
  readonly rules: ReadonlyMap<LintRuleId, RuleLevel>;
}

const LEVELS = new Set<string>(['error', 'warning', 'information', 'hint', 'off']);

export function lintSettingsOf(enabled: unknown, rules: unknown, warn: (message: string) => void = () => {}): LintSettings {
  const levels = new Map<LintRuleId, RuleLevel>();
  if (rules !== undefined && rules !== null) {
    if (typeof rules !== 'object' || Array.isArray(rules)) warn(l10n.t('lossLens.lint.rules must be an object of rule id to level; ignored'));
    else {
      for (const [id, level] of Object.entries(rules as Record<string, unknown>)) {
        if (!isLintRuleId(id)) warn(l10n.t('lossLens.lint.rules: "{0}" is not a Loss Lens rule ({1}); ignored', id, LINT_RULES.map((r) => r.id).join(', ')));
        else if (typeof level !== 'string' || !LEVELS.has(level)) warn(l10n.t('lossLens.lint.rules.{0}: {1} is not one of error, warning, information, hint, off; ignored', id, JSON.stringify(level)));
        else levels.set(id, level as RuleLevel);
      }
    }
  }
  if (enabled !== undefined && typeof enabled !== 'boolean') warn(l10n.t('lossLens.lint.enabled must be true or false; ignored'));
  return { enabled: typeof enabled === 'boolean' ? enabled : true, rules: levels };
}

/** The level a finding is shown at: the user's setting, else the finding's own (lower) one, else the rule's. */
export function levelOf(settings: LintSettings, rule: LintRuleId, findingSeverity: LintSeverity | undefined): RuleLevel {
  const set = settings.rules.get(rule);
  if (set) return set;
  return findingSeverity ?? LINT_RULES.find((r) => r.id === rule)!.severity;
}
