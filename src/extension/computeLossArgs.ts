import type { SoftmaxSpec } from './softmaxSpec';

/**
 * Arguments for running the command without prompts (tests, command links). A prediction is `p`,
 * `logit`, or `prediction` as typed text; a multi-class sample is `scores` (typed text or numbers)
 * and `target`, and `softmax` is a softmax call's loss (from a hover). Whatever is missing is asked for.
 */
export interface ComputeLossArgs {
  readonly p?: number;
  readonly logit?: number;
  readonly prediction?: string;
  readonly y?: number;
  readonly alpha?: number | null;
  readonly gamma?: number;
  /** BCEWithLogitsLoss's pos_weight (a number > 0) and label smoothing, for a sigmoid prediction. */
  readonly posWeight?: number;
  readonly labelSmoothing?: number;
  readonly scores?: string | readonly number[];
  readonly target?: number;
  readonly softmax?: SoftmaxSpec;
  /** The call the values come from, said in the report. */
  readonly api?: string;
}
