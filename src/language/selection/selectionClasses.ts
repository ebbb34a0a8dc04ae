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
      const what =
        odd.length === null
          ? `is a number (${quoteToken(text, odd.start, odd.end)}), not a row of ${odd.firstLength} class values like row 1`
          : `has ${odd.length} value${odd.length === 1 ? '' : 's'} but row 1 has ${odd.firstLength}`;
      throw new SelectionRefused(refusal('ragged', `Row ${odd.index + 1} of the predictions ${what}: every row needs one value per class.`, text, odd.start, odd.end));
    }
    return null;
  }
  if (shape.kind === 'unknown' && !targets.scalar && given !== values) {
    throw new SelectionRefused(
      refusal(
        'length-mismatch',
        `There are ${values} predictions but ${given} target${given === 1 ? '' : 's'}; a method after the array (such as .T or .reshape()) may change its layout, so its rows are not known: select the array as written.`,
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
        `There ${rows === 1 ? 'is 1 row' : `are ${rows} rows`} of ${classes} values but ${given} target${given === 1 ? '' : 's'}: give one class index per row (${rows}) or one 0/1 target per value (${values}).`,
        text,
        targets.start,
        targets.end,
      ),
    );
  }
  const classTargets = targets.leaves.map((leaf) => classIndex(text, leaf, classes));
  if (targets.scalar) {
    const y = quoteToken(text, targets.start, targets.end);
    notes.push(`y = ${y} is read as the class of the one row of ${classes} values; write y=[${new Array<string>(classes).fill(y).join(', ')}] for a binary target per value.`);
  }
  const space = rowSpace(text, predictions.leaves, classes, role, notes);
  const logits = predictions.leaves.map((leaf) => (space === 'logit' ? leaf.value : Math.log(leaf.value)));
  return { ok: true, kind: 'classes', rows, classes, logits, space, targets: classTargets, notes };
}

function classIndex(text: string, leaf: NumberLeaf, classes: number): number {
  const y = leaf.value;
  if (Number.isInteger(y) && y >= 0 && y < classes) return y;
  const token = quoteToken(text, leaf.start, leaf.end);
  const range = `a whole number from 0 to ${classes - 1} for ${classes} classes`;
  const message = !Number.isInteger(y)
    ? `A class index must be a whole number (got ${token}): with one target per row, the targets are class indices, ${range}.`
    : `Class index ${token} is out of range: a class index is ${range}.${y === -100 ? " -100 is PyTorch's ignore_index: leave ignored rows out of the selection." : ''}`;
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
        refusal('probability-range', `A probability must be in [0, 1] (got ${token}); name the values logits= or x= to read them as logits.`, text, outside.start, outside.end),
      );
    }
    notes.unshift(`Some values are outside [0, 1] (${token}), so the rows are read as logits.`);
    return 'logit';
  }
  const off = rowNotSummingToOne(leaves, classes);
  if (off !== null) {
    const first = leaves[off.row * classes]!;
    const last = leaves[off.row * classes + classes - 1]!;
    const sum = `row ${off.row + 1} sums to ${Number(off.sum.toPrecision(12))}, not 1 (within ${ROW_SUM_TOLERANCE_TEXT})`;
    const message =
      role === 'probability'
        ? `Rows of class probabilities must each sum to 1, but ${sum}. Rounded printouts do not: select logits, or print more digits.`
        : `The values are all in [0, 1] but ${sum}, so they are neither clearly probabilities nor clearly logits: name them logits= to read them as logits, or select probabilities whose rows sum to 1.`;
    throw new SelectionRefused(refusal('row-sum', message, text, first.start, last.end));
  }
  notes.unshift(
    role === 'probability'
      ? 'The rows are read as softmax probabilities: their logs serve as logits.'
      : 'Each row is in [0, 1] and sums to 1, so the rows are read as softmax probabilities, their logs serving as logits (name them logits= to read them as logits).',
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
