import { formatNumber, lossBreakdown } from '../core';
import type { LossBreakdown, Prediction } from '../core';
import { logBaseValue } from '../protocol';
import { baseName } from './settingsValues';
import type { LossLensSettings } from './settingsValues';
import * as l10n from './l10n';

/** What "Compute Loss..." computed: the inputs as understood and every value of the breakdown. */
export interface LossReport {
  readonly prediction: Prediction;
  readonly y: number;
  readonly alpha: number | null;
  readonly gamma: number;
  /** pos_weight and label smoothing of the call, when not neutral (every loss below includes them). */
  readonly posWeight?: number;
  readonly labelSmoothing?: number;
  /** The logarithm base of every loss in `breakdown`. */
  readonly base: number;
  readonly breakdown: LossBreakdown;
  /** How the input was read, when that needs saying ("2.3 is outside [0, 1], so it is read as a logit"). */
  readonly note?: string;
}

export function computeReport(
  prediction: Prediction,
  y: number,
  alpha: number | null,
  gamma: number,
  settings: LossLensSettings,
  note?: string,
  weighting: { readonly posWeight?: number; readonly labelSmoothing?: number } = {},
): LossReport {
  const base = logBaseValue(settings.logBase);
  const posWeight = weighting.posWeight !== undefined && weighting.posWeight !== 1 ? { posWeight: weighting.posWeight } : {};
  const labelSmoothing = weighting.labelSmoothing ? { labelSmoothing: weighting.labelSmoothing } : {};
  const breakdown = lossBreakdown(prediction, y, { alpha, gamma, base, ...posWeight, ...labelSmoothing });
  return { prediction, y, alpha, gamma, ...posWeight, ...labelSmoothing, base, breakdown, ...(note ? { note } : {}) };
}

/** pos_weight and label smoothing as the report says them, or nothing when neutral. */
function weightingText(report: LossReport, f: (v: number) => string): string {
  const parts = [
    ...(report.posWeight !== undefined ? [l10n.t('pos_weight {0}', f(report.posWeight))] : []),
    ...(report.labelSmoothing !== undefined ? [l10n.t('label smoothing {0}', f(report.labelSmoothing))] : []),
  ];
  return parts.length ? `, ${parts.join(', ')}` : '';
}

/** One line for a notification. */
export function summaryLine(report: LossReport, settings: LossLensSettings): string {
  const b = report.breakdown;
  const f = (v: number) => formatNumber(v, settings.precision);
  return l10n.t('p = {0}, y = {1}: CE {2}, balanced CE {3}, focal loss {4} ({5})', f(b.p), f(b.y), f(b.ce), f(b.balanced), f(b.focal), baseName(settings.logBase) + weightingText(report, f));
}

/** The full text block for the output channel. */
export function reportLines(report: LossReport, settings: LossLensSettings): string[] {
  const b = report.breakdown;
  const f = (v: number) => formatNumber(v, Math.max(settings.precision, 6));
  const alpha = report.alpha === null ? l10n.t('none (no alpha weighting)') : f(report.alpha);
  const input = 'logit' in report.prediction ? `logit x = ${f(b.logit)}  ->  p = sigmoid(x) = ${f(b.p)}` : `p = ${f(b.p)}  (logit ${f(b.logit)})`;
  const log = settings.logBase === 'e' ? 'log' : `log${settings.logBase}`;
  return [
    l10n.t('Loss Lens: CE, balanced CE and focal loss ({0})', baseName(settings.logBase)),
    ...(report.note ? [l10n.t('  note: {0}', l10n.localize(report.note))] : []),
    `  ${label(l10n.t('input'))}${input}`,
    `  ${label(l10n.t('target'))}y = ${f(b.y)}`,
    `  alpha        ${alpha}`,
    `  gamma        ${f(report.gamma)}`,
    ...(report.posWeight !== undefined ? [`  pos_weight   ${f(report.posWeight)}`] : []),
    ...(report.labelSmoothing !== undefined ? [`  ${label(l10n.t('smoothing'))}${f(report.labelSmoothing)}`] : []),
    `  p_t          ${f(b.pt)}`,
    `  alpha_t      ${b.alphaT === null ? l10n.t('1 (alpha off)') : f(b.alphaT)}`,
    `  (1-p_t)^g    ${f(b.modulation)}`,
    `  CE           ${f(b.ce)}      = -${log} p_t`,
    `  balanced CE  ${f(b.balanced)}      = -alpha_t ${log} p_t`,
    `  focal loss   ${f(b.focal)}      = -alpha_t (1-p_t)^gamma ${log} p_t`,
    ...(report.posWeight !== undefined ? [l10n.t('  (each loss above multiplies the positive term, y {0} p, by pos_weight)', `-${log}`)] : []),
  ];
}

/** A report's label, padded so the values line up. */
function label(text: string): string {
  return text.padEnd(12) + ' ';
}
