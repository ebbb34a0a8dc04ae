import { formatNumber } from '../core';
import type { BatchCheck, BatchSummary } from '../core';
import { s } from './strings';

/*
 * The live-values checks of a batch, in the hover's wording (src/extension/liveHoverMarkdown.ts):
 * the same English texts, so one translation serves both. Plain text for textContent, never HTML.
 */

export interface CheckLine {
  readonly text: string;
  /** A warning, or a note (soft targets, log-probabilities, the prior). */
  readonly warning: boolean;
}

function checkText(check: BatchCheck): string {
  const num = (key: string) => (typeof check[key] === 'number' ? formatNumber(check[key] as number, 4) : '?');
  switch (check.id) {
    case 'probabilities-into-logits':
      return s('check.probabilitiesIntoLogits', num('min'), num('max'));
    case 'logits-into-probabilities':
      return s('check.logitsIntoProbabilities', num('min'), num('max'));
    case 'softmax-into-logits':
      return s('check.softmaxIntoLogits');
    case 'log-probabilities-into-ce':
      return s('check.logProbabilitiesIntoCe');
    case 'soft-targets':
      return s('check.softTargets', num('count'));
    case 'not-finite':
      return s('check.notFinite', num('pred'), num('target'));
    case 'no-positives':
      return s('check.noPositives');
    case 'class-out-of-range':
      return s('check.classOutOfRange', num('count'), num('classes'));
    default:
      return check.id;
  }
}

const percent = (share: number) => `${formatNumber(share * 100, share >= 0.1 ? 3 : 2)}%`;

/** The checks that fired, then the prior's note when the predictions are far above the positives' share (as the hover). */
export function checkLines(summary: BatchSummary, digits: number): CheckLine[] {
  const lines = summary.checks.map((check) => ({ text: checkText(check), warning: check.id !== 'soft-targets' && check.id !== 'log-probabilities-into-ce' }));
  const mean = summary.prior.meanProbability;
  const fraction = summary.prior.positiveFraction;
  if (summary.model === 'sigmoid' && mean !== null && fraction !== undefined && summary.positives !== 0 && mean > 0.1 && mean > 5 * fraction) {
    lines.push({ text: s('check.prior', formatNumber(mean, digits), percent(fraction)), warning: false });
  }
  return lines;
}
