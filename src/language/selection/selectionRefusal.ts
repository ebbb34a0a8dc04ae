/*
 * Why a selection could not be read as predictions and targets. Each reason has its own code so
 * the command (and tests) can tell them apart; offset and token point at the culprit when there is one.
 */

export type SelectionRefusalCode =
  /** Nothing but blanks, separators or comments; or a list with no numbers. */
  | 'empty'
  /** Over MAX_SELECTION_LENGTH characters: refused before reading. */
  | 'too-large'
  /** Something that is not a number, a list, an array literal or a known name. */
  | 'unparsable'
  /** Predictions and targets of different lengths (for rows of class values: neither one target per row nor one per value). */
  | 'length-mismatch'
  /** A target outside [0, 1] (including labels in {-1, +1}). */
  | 'target-range'
  /** A value named as a probability (p=, probs=) outside [0, 1]. */
  | 'probability-range'
  /** A class-index target (one per row of class values) that is not a whole number in [0, C). */
  | 'class-index'
  /** Rows of class probabilities that do not sum to 1, or rows in [0, 1] that are neither clearly probabilities nor logits. */
  | 'row-sum'
  /** NaN written as nan, np.nan, float('nan'), ... */
  | 'nan'
  /** inf, -np.inf, float('inf'), or a number too large for a double (1e400). */
  | 'infinite'
  /** Brackets nested deeper than MAX_NESTING. */
  | 'too-deep'
  /** Targets but no predictions (y=1 alone). */
  | 'no-predictions'
  /** More than two values (predictions, then targets) or two values for the same role. */
  | 'too-many-values'
  /** CSV rows with different numbers of columns, a header that does not fit the rows, or rows of class values of different lengths. */
  | 'ragged'
  /** A bug: the parser failed in a way it did not foresee. Never expected; the fuzz test checks. */
  | 'internal';

export interface SelectionRefusal {
  readonly ok: false;
  readonly code: SelectionRefusalCode;
  readonly message: string;
  /** Offset in the selection of what was refused, when one place is to blame. */
  readonly offset?: number;
  /** The text at `offset` (at most MAX_TOKEN_LENGTH characters, then "..."). */
  readonly token?: string;
}

/** Longest token quoted in a refusal, so a 1 MB run of garbage does not end up in a message. */
export const MAX_TOKEN_LENGTH = 40;

/** The text of [start, end) for a refusal, shortened when long. */
export function quoteToken(text: string, start: number, end: number): string {
  return end - start > MAX_TOKEN_LENGTH ? `${text.slice(start, start + MAX_TOKEN_LENGTH)}...` : text.slice(start, end);
}

export function refusal(code: SelectionRefusalCode, message: string, text?: string, start?: number, end?: number): SelectionRefusal {
  if (text === undefined || start === undefined || end === undefined) return { ok: false, code, message };
  return { ok: false, code, message, offset: start, token: quoteToken(text, start, end) };
}

/** Thrown inside the parser to stop at the first problem; parseSelection turns it into its result. */
export class SelectionRefused extends Error {
  readonly refusal: SelectionRefusal;

  constructor(refusal: SelectionRefusal) {
    super(refusal.message);
    this.refusal = refusal;
  }
}
