import { msg } from '../../core';
import type { PredictionRole } from './selectionNames';
import { SelectionRefused, quoteToken, refusal } from './selectionRefusal';
import type { NumberLeaf, ValuePart } from './selectionValues';

/*
 * Multi-class selections: N rows of C >= 2 class values with one class index per row, as
 * F.cross_entropy(input of shape (N, C), target of shape (N,)) takes them. The shapes decide, never
 * the values alone: N targets for N rows are class indices; N x C targets (or one y for all) stay
 * binary, one target per value, as before. Rows are logits, or softmax probabilities when they say
 * so unambiguously; their logs then serve as logits, since softmax(log p) = p.
 */

/** Rows of class values with a class index each, read from a selection. */
export interface SelectionClassValues {
  readonly ok: true;
  readonly kind: 'classes';
  /** N, the number of rows (samples). */
  readonly rows: number;
  /** C >= 2, the number of classes. */
  readonly classes: number;
  /** N x C logits, row by row; for probability rows, their logs (-Infinity for a 0). */
  readonly logits: number[];
  /** What the rows held: logits, or softmax probabilities. */
  readonly space: 'probability' | 'logit';
  /** N class indices, whole numbers in [0, C). */
  readonly targets: number[];
  /** What was assumed in reading the selection, to show to the person. */
  readonly notes: string[];
}

/** How far from 1 a row of probabilities may sum: the core's tolerance for probability targets. */
export const ROW_SUM_TOLERANCE = 1e-6;
const ROW_SUM_TOLERANCE_TEXT = '1e-6';

/**
 * The multi-class reading of `predictions` and `targets` when their shapes call for one, null when
 * the selection is binary. Throws SelectionRefused when the shapes call for classes but the values
 * do not fit (ragged rows, a target that is no class index, rows that are not clearly logits).
 * Linear in the number of values.
 */
export function readClassRows(text: string, predictions: ValuePart, role: PredictionRole, targets: ValuePart | null, notes: string[]): SelectionClassValues | null {
  const shape = predictions.shape;
  if (targets === null || shape === null) return null;
  const values = predictions.leaves.length;
  const given = targets.leaves.length;
  if (shape.kind === 'ragged') {
    // Ragged rows are refused only when the targets count the rows; as many as the values, they stay binary.
    const odd = shape.odd;
    if (odd !== null && odd.firstLength !== null && given === shape.length && given !== values) {
      // Whole sentences, one per case and plural form, so a translation can order its words freely.
      const row = odd.index + 1;
      const message =
        odd.length === null
          ? msg('Row {0} of the predictions is a number ({1}), not a row of {2} class values like row 1: every row needs one value per class.', row, quoteToken(text, odd.start, odd.end), odd.firstLength)
          : odd.length === 1
            ? msg('Row {0} of the predictions has 1 value but row 1 has {1}: every row needs one value per class.', row, odd.firstLength)
            : msg('Row {0} of the predictions has {1} values but row 1 has {2}: every row needs one value per class.', row, odd.length, odd.firstLength);
      throw new SelectionRefused(refusal('ragged', message, text, odd.start, odd.end));
    }
    return null;
  }
  if (shape.kind === 'unknown' && !targets.scalar && given !== values) {
    throw new SelectionRefused(
      refusal(
        'length-mismatch',
        given === 1
          ? msg('There are {0} predictions but 1 target; a method after the array (such as .T or .reshape()) may change its layout, so its rows are not known: select the array as written.', values)
          : msg('There are {0} predictions but {1} targets; a method after the array (such as .T or .reshape()) may change its layout, so its rows are not known: select the array as written.', values, given),
        text,
        targets.start,
        targets.end,
      ),
    );
  }
  if (shape.kind !== 'regular' || shape.dims.length !== 2 || shape.dims[1]! < 2) return null;
  const rows = shape.dims[0]!;
  const classes = shape.dims[1]!;
  if (given === values) return null; // one 0/1 target per value: multi-label binary, as before
  if (targets.scalar && (given !== rows || !Number.isInteger(targets.leaves[0]!.value))) return null; // one y for every value
  if (given !== rows) {
    throw new SelectionRefused(
      refusal(
        'length-mismatch',
        // The counts differ, so both are never 1.
        rows === 1
          ? msg('There is 1 row of {0} values but {1} targets: give one class index per row (1) or one 0/1 target per value ({2}).', classes, given, values)
          : given === 1
            ? msg('There are {0} rows of {1} values but 1 target: give one class index per row ({0}) or one 0/1 target per value ({2}).', rows, classes, values)
            : msg('There are {0} rows of {1} values but {2} targets: give one class index per row ({0}) or one 0/1 target per value ({3}).', rows, classes, given, values),
        text,
        targets.start,
        targets.end,
      ),
    );
  }
  const classTargets = targets.leaves.map((leaf) => classIndex(text, leaf, classes));
  if (targets.scalar) {
    const y = quoteToken(text, targets.start, targets.end);
    notes.push(msg('y = {0} is read as the class of the one row of {1} values; write y=[{2}] for a binary target per value.', y, classes, new Array<string>(classes).fill(y).join(', ')));
  }
  const space = rowSpace(text, predictions.leaves, classes, role, notes);
  const logits = predictions.leaves.map((leaf) => (space === 'logit' ? leaf.value : Math.log(leaf.value)));
  return { ok: true, kind: 'classes', rows, classes, logits, space, targets: classTargets, notes };
}

function classIndex(text: string, leaf: NumberLeaf, classes: number): number {
  const y = leaf.value;
  if (Number.isInteger(y) && y >= 0 && y < classes) return y;
  const token = quoteToken(text, leaf.start, leaf.end);
  const range = msg('a whole number from 0 to {0} for {1} classes', classes - 1, classes);
  const message = !Number.isInteger(y)
    ? msg('A class index must be a whole number (got {0}): with one target per row, the targets are class indices, {1}.', token, range)
    : y === -100
      ? msg("Class index {0} is out of range: a class index is {1}. -100 is PyTorch's ignore_index: leave ignored rows out of the selection.", token, range)
      : msg('Class index {0} is out of range: a class index is {1}.', token, range);
  throw new SelectionRefused(refusal('class-index', message, text, leaf.start, leaf.end));
}

/** Logits or probabilities: the name says, or the values do when they can only be one of them. */
function rowSpace(text: string, leaves: readonly NumberLeaf[], classes: number, role: PredictionRole, notes: string[]): 'probability' | 'logit' {
  if (role === 'logit') return 'logit';
  const outside = leaves.find((leaf) => !(leaf.value >= 0 && leaf.value <= 1));
  if (outside !== undefined) {
    const token = quoteToken(text, outside.start, outside.end);
    if (role === 'probability') {
      throw new SelectionRefused(
        refusal('probability-range', msg('A probability must be in [0, 1] (got {0}); name the values logits= or x= to read them as logits.', token), text, outside.start, outside.end),
      );
    }
    notes.unshift(msg('Some values are outside [0, 1] ({0}), so the rows are read as logits.', token));
    return 'logit';
  }
  const off = rowNotSummingToOne(leaves, classes);
  if (off !== null) {
    const first = leaves[off.row * classes]!;
    const last = leaves[off.row * classes + classes - 1]!;
    const sum = msg('row {0} sums to {1}, not 1 (within {2})', off.row + 1, Number(off.sum.toPrecision(12)), ROW_SUM_TOLERANCE_TEXT);
    const message =
      role === 'probability'
        ? msg('Rows of class probabilities must each sum to 1, but {0}. Rounded printouts do not: select logits, or print more digits.', sum)
        : msg('The values are all in [0, 1] but {0}, so they are neither clearly probabilities nor clearly logits: name them logits= to read them as logits, or select probabilities whose rows sum to 1.', sum);
    throw new SelectionRefused(refusal('row-sum', message, text, first.start, last.end));
  }
  notes.unshift(
    role === 'probability'
      ? msg('The rows are read as softmax probabilities: their logs serve as logits.')
      : msg('Each row is in [0, 1] and sums to 1, so the rows are read as softmax probabilities, their logs serving as logits (name them logits= to read them as logits).'),
  );
  return 'probability';
}

/** The first row whose values do not sum to 1, or null when all do. */
function rowNotSummingToOne(leaves: readonly NumberLeaf[], classes: number): { row: number; sum: number } | null {
  for (let o = 0, row = 0; o < leaves.length; o += classes, row++) {
    let sum = 0;
    for (let c = o; c < o + classes; c++) sum += leaves[c]!.value;
    if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) return { row, sum };
  }
  return null;
}
