/*
 * The loss lint's rule registry: one file per rule in registry/ (id, severity, title, what it
 * catches, why it is wrong, an example and its fix, fix safety), collected here in the order the
 * README and the settings list them. The rule logic lives in checks.ts (and suppress.ts for
 * unused-suppression); settings, the extension and the tests read this table.
 */
import { alphaListLength } from './registry/alphaListLength';
import { alphaOverwrittenPerBatch } from './registry/alphaOverwrittenPerBatch';
import { categoricalOnOneOutput } from './registry/categoricalOnOneOutput';
import { doubleSigmoid } from './registry/doubleSigmoid';
import { doubleSoftmax } from './registry/doubleSoftmax';
import { focalAlphaUnbalanced } from './registry/focalAlphaUnbalanced';
import { focalArgsSwapped } from './registry/focalArgsSwapped';
import { focalCeAsProbability } from './registry/focalCeAsProbability';
import { focalFactorMismatched } from './registry/focalFactorMismatched';
import { focalFactorMultiplied } from './registry/focalFactorMultiplied';
import { focalGammaBelowOne } from './registry/focalGammaBelowOne';
import { focalOnReducedLoss } from './registry/focalOnReducedLoss';
import { kerasAlphaIgnored } from './registry/kerasAlphaIgnored';
import { logitsIntoProbabilityLoss } from './registry/logitsIntoProbabilityLoss';
import { nllWithoutLogSoftmax } from './registry/nllWithoutLogSoftmax';
import { sigmoidIntoSoftmaxLoss } from './registry/sigmoidIntoSoftmaxLoss';
import { softmaxIntoBce } from './registry/softmaxIntoBce';
import type { LintRuleDefinition } from './registry/ruleDefinition';
import { unknownLossKeyword } from './registry/unknownLossKeyword';
import { unstableBce } from './registry/unstableBce';
import { unusedSuppression } from './registry/unusedSuppression';

export type { LintSeverity } from './registry/ruleDefinition';

export const LINT_RULES = [
  doubleSoftmax,
  doubleSigmoid,
  nllWithoutLogSoftmax,
  logitsIntoProbabilityLoss,
  softmaxIntoBce,
  sigmoidIntoSoftmaxLoss,
  categoricalOnOneOutput,
  kerasAlphaIgnored,
  unstableBce,
  focalGammaBelowOne,
  focalOnReducedLoss,
  focalArgsSwapped,
  focalFactorMultiplied,
  focalFactorMismatched,
  focalAlphaUnbalanced,
  focalCeAsProbability,
  alphaListLength,
  alphaOverwrittenPerBatch,
  unknownLossKeyword,
  unusedSuppression,
] as const satisfies readonly LintRuleDefinition[];

export type LintRule = (typeof LINT_RULES)[number];
export type LintRuleId = LintRule['id'];

export const LINT_RULE_IDS: ReadonlySet<string> = new Set(LINT_RULES.map((rule) => rule.id));

export function isLintRuleId(id: string): id is LintRuleId {
  return LINT_RULE_IDS.has(id);
}

/** The README section a rule's diagnostics link to: `#double-softmax` under "## Loss lint". */
export function ruleAnchor(id: LintRuleId): string {
  return id;
}
