import { batchCheckMessage, batchPriorMessage, isBatchNote } from '../core';
import type { BatchSummary } from '../core';
import { localizeMessage } from './strings';

/*
 * The live-values checks of a batch, in the hover's wording (core/batchCheckText.ts, one text for
 * both, translated from the same bundle entry). Plain text for textContent, never HTML.
 */

export interface CheckLine {
  readonly text: string;
  /** A warning, or a note (soft targets, log-probabilities, the prior). */
  readonly warning: boolean;
}

/** The checks that fired, then the prior's note when it applies (as the hover). */
export function checkLines(summary: BatchSummary, digits: number): CheckLine[] {
  const lines = summary.checks.map((check) => ({ text: localizeMessage(batchCheckMessage(check)), warning: !isBatchNote(check) }));
  const prior = batchPriorMessage(summary, digits);
  if (prior) lines.push({ text: localizeMessage(prior), warning: false });
  return lines;
}
