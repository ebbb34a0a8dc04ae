import { formatNumber, softmaxLoss, softmaxProbabilities } from '../core';
import type { ClassScores } from '../language/input/classScoresInput';
import { logBaseValue } from '../protocol';
import { baseName } from './settingsValues';
import type { LossLensSettings } from './settingsValues';
import * as l10n from './l10n';
import { softmaxParamsOf, type SoftmaxSpec } from './softmaxSpec';

/** What "Compute Loss..." computed for one multi-class sample: every value from the core's softmax losses. */
export interface SoftmaxReport {
  readonly scores: ClassScores;
  readonly logits: readonly number[];
  readonly target: number;
  readonly spec: SoftmaxSpec;
  /** The call's API when computed from a hover, so the report says whose loss it is. */
  readonly api?: string;
  readonly base: number;
  readonly probabilities: readonly number[];
  readonly pt: number;
  /** Softmax CE with the spec's class weights and label smoothing (no alpha, gamma 0). */
  readonly ce: number;
  /** Softmax focal loss with the spec's gamma (the settings' gamma for a CE spec) and its alpha and weights. */
  readonly focal: number;
  readonly focalGamma: number;
  /** The spec's own loss: ce for a CE call, focal for a focal one. */
  readonly loss: number;
  /** d loss / d logits of the spec's loss. */
  readonly gradient: readonly number[];
  readonly note?: string;
}

/** `focalGamma` is the gamma of the focal loss shown beside a CE spec; a focal spec uses its own. */
export function computeSoftmaxReport(scores: ClassScores, target: number, spec: SoftmaxSpec, focalGamma: number, settings: LossLensSettings, api?: string, note?: string): SoftmaxReport {
  const base = logBaseValue(settings.logBase);
  // Probabilities typed as such are their own logits up to a constant: softmax(log p) = p.
  const logits = scores.areProbabilities ? scores.values.map((p) => Math.log(p)) : [...scores.values];
  const classes = logits.length;
  const params = softmaxParamsOf(spec, classes, base);
  const ceParams = { ...softmaxParamsOf({ ...spec, alpha: null }, classes, base), gamma: 0 };
  const gradient = new Float64Array(classes);
  const loss = softmaxLoss(spec.kind, logits, target, params, gradient);
  const probabilities = [...softmaxProbabilities(logits)];
  return {
    scores, logits, target, spec, ...(api ? { api } : {}), base, probabilities, pt: probabilities[target]!,
    ce: softmaxLoss('ce', logits, target, ceParams),
    focal: spec.kind === 'focal' ? loss : softmaxLoss('focal', logits, target, { ...params, gamma: focalGamma }),
    focalGamma: spec.kind === 'focal' ? spec.gamma : focalGamma, loss, gradient: [...gradient], ...(note ? { note } : {}),
  };
}

/** One line for a notification. */
export function softmaxSummaryLine(report: SoftmaxReport, settings: LossLensSettings): string {
  const f = (v: number) => formatNumber(v, settings.precision);
  const values = [report.probabilities.length, report.target, f(report.pt), f(report.ce), f(report.focalGamma), f(report.focal), baseName(settings.logBase)];
  return report.api
    ? l10n.t('{0}, {1} classes, target {2}: p_t = {3}, CE {4}, focal loss (γ {5}) {6} ({7})', report.api, ...values)
    : l10n.t('{0} classes, target {1}: p_t = {2}, CE {3}, focal loss (γ {4}) {5} ({6})', ...values);
}

/** The full text block for the output channel. */
export function softmaxReportLines(report: SoftmaxReport, settings: LossLensSettings): string[] {
  const f = (v: number) => formatNumber(v, Math.max(settings.precision, 6));
  const list = (values: readonly number[]) => `[${values.map(f).join(', ')}]`;
  const spec = report.spec;
  const weights = softmaxParamsOf(spec, report.logits.length, report.base).classWeights;
  return [
    report.api
      ? l10n.t('Loss Lens: softmax CE and focal loss over {0} classes ({1}), as {2} computes it', report.logits.length, baseName(settings.logBase), report.api)
      : l10n.t('Loss Lens: softmax CE and focal loss over {0} classes ({1})', report.logits.length, baseName(settings.logBase)),
    ...(report.note ? [l10n.t('  note: {0}', l10n.localize(report.note))] : []),
    ...spec.omitted.map((what) => l10n.t('  note: {0} is not known from the file, so it is left out', what)),
    `  ${(report.scores.areProbabilities ? l10n.t('probabilities') : l10n.t('logits')).padEnd(13)} ${list(report.scores.values)}`,
    `  softmax       ${list(report.probabilities)}`,
    `  ${l10n.t('target class').padEnd(13)} ${report.target}   p_t = ${f(report.pt)}`,
    `  ${l10n.t('class weights').padEnd(13)} ${weights ? list(Array.from(weights)) : l10n.t('none')}`,
    `  ${l10n.t('label smooth.').padEnd(13)} ${f(spec.labelSmoothing)}`,
    `  CE            ${f(report.ce)}`,
    `  focal loss    ${f(report.focal)}   (gamma ${f(report.focalGamma)})`,
    spec.kind === 'ce' ? l10n.t('  d loss/d logits of the CE: {0}', list(report.gradient)) : l10n.t('  d loss/d logits of the focal loss: {0}', list(report.gradient)),
  ];
}
