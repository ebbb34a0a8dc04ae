import type { BatchCheck, BatchSummary } from './batchSummary';
import { formatNumber } from './format';
import { msg } from './message';

/*
 * What a batch's checks say, as core messages (msg): one wording for the hover and the Explorer's
 * batch view, translated on either side from the same bundle entry (the host's localize, the page's
 * localizeMessage). Plain text: each side escapes or sets it as text.
 */

/** A check that fired, in words (its id when it is one this version does not know). */
export function batchCheckMessage(check: BatchCheck): string {
  const num = (key: string) => (typeof check[key] === 'number' ? formatNumber(check[key] as number, 4) : '?');
  switch (check.id) {
    case 'probabilities-into-logits':
      return msg('Every prediction is in [{0}, {1}], inside [0, 1], but this loss applies a sigmoid itself: these look like probabilities (a sigmoid applied twice). Pass the logits.', num('min'), num('max'));
    case 'logits-into-probabilities':
      return msg('Predictions in [{0}, {1}] go into a loss that takes probabilities in [0, 1]: pass sigmoid outputs, or use the logits form.', num('min'), num('max'));
    case 'softmax-into-logits':
      return msg('Every row is in [0, 1] and sums to 1: a softmax output passed to a loss that applies log_softmax itself (the softmax is applied twice). Pass the logits.');
    case 'log-probabilities-into-ce':
      return msg('The rows are log-probabilities (log_softmax outputs): cross-entropy applies log_softmax again, which changes nothing, but nll_loss is the direct form.');
    case 'soft-targets':
      return msg('{0} targets are strictly between 0 and 1: soft targets, which these losses allow (p_t weighs both terms).', num('count'));
    case 'not-finite':
      return msg('NaN or infinite values: {0} in the predictions, {1} in the targets; the loss is NaN.', num('pred'), num('target'));
    case 'no-positives':
      return msg("No positives in this batch: the paper's normalisation (sum / positives) divides by zero.");
    case 'class-out-of-range':
      return msg('{0} class indices outside [0, {1}) that are not the ignore_index.', num('count'), num('classes'));
    default:
      return check.id;
  }
}

/** Whether a check is a note (soft targets, log-probabilities) rather than a warning. */
export function isBatchNote(check: BatchCheck): boolean {
  return check.id === 'soft-targets' || check.id === 'log-probabilities-into-ce';
}

const percent = (share: number) => `${formatNumber(share * 100, share >= 0.1 ? 3 : 2)}%`;

/**
 * The classification prior, said only when the predictions are far above the positives' share (the
 * swamping the paper's prior initialisation prevents); undefined otherwise.
 */
export function batchPriorMessage(summary: BatchSummary, digits: number): string | undefined {
  const mean = summary.prior.meanProbability;
  const fraction = summary.prior.positiveFraction;
  if (summary.model !== 'sigmoid' || mean === null || fraction === undefined || summary.positives === 0) return undefined;
  if (!(mean > 0.1 && mean > 5 * fraction)) return undefined;
  return msg('Mean predicted p is {0} against {1} positives: the paper initialises the last bias to −log((1 − π) / π), π = 0.01, so that p starts near 0.01 and the many negatives do not swamp early training.', formatNumber(mean, digits), percent(fraction));
}
