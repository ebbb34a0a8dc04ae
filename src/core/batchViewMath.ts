import type { BatchSpec, BatchSummary } from './batchSummary';
import type { BinaryBatchView, SoftmaxBatchView } from './batchView';
import { binaryCallControls, binaryNumbers, prepareBinary } from './batchViewBinary';
import type { PreparedBinary } from './batchViewBinary';
import type { BatchViewNumbers } from './batchViewNumbers';
import { msg } from './message';
import { prepareSoftmax, softmaxCallControls, softmaxNumbers } from './batchViewSoftmax';
import type { PreparedSoftmax } from './batchViewSoftmax';

/*
 * The Explorer's "This batch" view's math, one entry for both models: prepare a batch once (decode
 * its sample, order it), then compute its numbers at any controls without asking the debuggee.
 */

/** The view's controls: alpha and pos_weight are binary only, class weights softmax only. */
export interface BatchViewControls {
  readonly alpha: number | null;
  readonly gamma: number;
  readonly labelSmoothing: number;
  readonly posWeight: number | null;
  readonly weight: readonly number[] | null;
}

export type PreparedBatch = PreparedBinary | PreparedSoftmax;

/** The spec the debuggee summarised with: the request's, with the parameters it read from the program (summary.params). */
function usedSpec(spec: BatchSpec, summary: BatchSummary): BatchSpec {
  return summary.params ? { ...spec, ...summary.params } : spec;
}

/**
 * Why the view cannot compute this batch's numbers, or null: a pos_weight per class and element
 * weights change every element's loss in ways the view's sums and sample do not carry.
 */
export function batchViewUnmodelled(spec: BatchSpec, summary: BatchSummary): string | null {
  const used = usedSpec(spec, summary);
  if (Array.isArray(used.posWeight) || used.elementWeight !== undefined) return msg("the batch view does not model a pos_weight per class or element weights yet; the hover has this call's numbers.");
  return null;
}

/** The batch ready for computing: `summary` must carry its view (ExplorerBatch guarantees it), and batchViewUnmodelled say nothing. */
export function prepareBatchView(spec: BatchSpec, summary: BatchSummary): PreparedBatch {
  const view = summary.view;
  if (!view) throw new Error('the summary has no view');
  const used = usedSpec(spec, summary);
  return summary.model === 'sigmoid' ? prepareBinary(used, summary, view as BinaryBatchView) : prepareSoftmax(used, summary, view as SoftmaxBatchView);
}

/** The controls at the call's own parameters (where the view opens), as the debuggee used them. */
export function callControls(spec: BatchSpec, summary: BatchSummary): BatchViewControls {
  const used = usedSpec(spec, summary);
  if (summary.model === 'sigmoid') return { ...binaryCallControls(used), weight: null };
  return { ...softmaxCallControls(used), alpha: used.kind === 'focal' ? used.alpha : null, posWeight: null };
}

/**
 * The batch's numbers at `controls`. `sampleOnly` computes every number from the sample, ignoring the
 * debuggee's exact sums: the tests' check that both paths agree when the sample is the whole batch.
 */
export function batchViewNumbers(prepared: PreparedBatch, controls: BatchViewControls, sampleOnly = false): BatchViewNumbers {
  return prepared.model === 'sigmoid' ? binaryNumbers(prepared, controls, sampleOnly) : softmaxNumbers(prepared, controls, sampleOnly);
}
