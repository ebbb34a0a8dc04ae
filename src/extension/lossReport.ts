import { formatNumber, lossBreakdown } from '../core';
import type { LossBreakdown, LossParams, Prediction } from '../core';

/** What "Compute Loss..." computed: the inputs as understood and every value of the breakdown. */
export interface LossReport {
  readonly prediction: Prediction;
  readonly y: number;
  readonly alpha: number | null;
  readonly gamma: number;
  readonly breakdown: LossBreakdown;
  /** How the input was read, when that needs saying ("2.3 is outside [0, 1], so it is read as a logit"). */
  readonly note?: string;
}

export function computeReport(prediction: Prediction, y: number, alpha: number | null, gamma: number, note?: string): LossReport {
  const params: LossParams = { alpha, gamma };
  return { prediction, y, alpha, gamma, breakdown: lossBreakdown(prediction, y, params), ...(note ? { note } : {}) };
}

/** One line for a notification. */
export function summaryLine(report: LossReport): string {
  const b = report.breakdown;
  const f = (v: number) => formatNumber(v);
  return `p = ${f(b.p)}, y = ${f(b.y)}: CE ${f(b.ce)}, balanced CE ${f(b.balanced)}, focal loss ${f(b.focal)} (natural log)`;
}

/** The full text block for the output channel. */
export function reportLines(report: LossReport): string[] {
  const b = report.breakdown;
  const f = (v: number) => formatNumber(v, 6);
  const alpha = report.alpha === null ? 'none (no alpha weighting)' : f(report.alpha);
  const inputLine = 'logit' in report.prediction ? `logit x = ${f(b.logit)}  ->  p = sigmoid(x) = ${f(b.p)}` : `p = ${f(b.p)}  (logit ${f(b.logit)})`;
  return [
    `Loss Lens: CE, balanced CE and focal loss (natural log)`,
    ...(report.note ? [`  note: ${report.note}`] : []),
    `  input        ${inputLine}`,
    `  target       y = ${f(b.y)}`,
    `  alpha        ${alpha}`,
    `  gamma        ${f(report.gamma)}`,
    `  p_t          ${f(b.pt)}`,
    `  alpha_t      ${b.alphaT === null ? '1 (alpha off)' : f(b.alphaT)}`,
    `  (1-p_t)^g    ${f(b.modulation)}`,
    `  CE           ${f(b.ce)}      = -log p_t`,
    `  balanced CE  ${f(b.balanced)}      = -alpha_t log p_t`,
    `  focal loss   ${f(b.focal)}      = -alpha_t (1-p_t)^gamma log p_t`,
  ];
}
