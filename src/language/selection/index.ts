import { msg } from '../../core';
import { readClassRows } from './selectionClasses';
import type { SelectionClassValues } from './selectionClasses';
import { KNOWN_NAMES_HINT, roleOfName } from './selectionNames';
import type { PredictionRole } from './selectionNames';
import { SelectionRefused, quoteToken, refusal } from './selectionRefusal';
import type { SelectionRefusal } from './selectionRefusal';
import { tokenizeSelection } from './selectionTokens';
import { readSelectionItems } from './selectionValues';
import type { SelectionItem, SelectionValue, ValuePart as Part } from './selectionValues';

/*
 * Reads predictions (and targets, when present) from text selected in an editor, for the
 * "Compute Loss for Selection" command. Pure: text in, numbers or a refusal out; never throws.
 *
 * Understood: a single number; `p=0.95, y=1` and other named values (logits=, preds=, probs=,
 * labels=, targets=, x=, y=), on one line or several; Python lists, nested lists and tuples; two
 * lists (predictions, then targets); torch.tensor / np.array / tf.constant / jnp.array literals
 * and their printed forms; CSV or whitespace columns with or without a header row.
 * Predictions outside [0, 1] are logits, and so are values named logits= or x=.
 * Rows of C >= 2 values with one class index per row are multi-class (selectionClasses.ts).
 */

export type { SelectionRefusal, SelectionRefusalCode } from './selectionRefusal';
export type { SelectionClassValues } from './selectionClasses';

export type PredictionSpace = 'probability' | 'logit';

/** Binary predictions, one target (0/1 or soft) per prediction. */
export interface SelectionValues {
  readonly ok: true;
  readonly kind: 'binary';
  readonly predictions: number[];
  readonly space: PredictionSpace;
  /** As many as predictions, or null when the selection holds predictions only. */
  readonly targets: number[] | null;
  /** What was assumed in reading the selection, to show to the person. */
  readonly notes: string[];
}

export type SelectionResult = SelectionValues | SelectionClassValues | SelectionRefusal;

/** Longest selection read: 1 MiB of characters (UTF-16 code units). */
export const MAX_SELECTION_LENGTH = 1024 * 1024;

/** Reads `text` as predictions and optional targets, or says why it cannot. */
export function parseSelection(text: string): SelectionResult {
  if (typeof text !== 'string') return refusal('empty', msg('Select some numbers first.'));
  if (text.length > MAX_SELECTION_LENGTH) {
    return refusal('too-large', msg('The selection is larger than 1 MB ({0} MB); select less.', (text.length / MAX_SELECTION_LENGTH).toFixed(1)));
  }
  if (text.trim() === '') return refusal('empty', msg('The selection is empty: select numbers, a list or an array literal.'));
  try {
    return interpret(text, readSelectionItems(text, tokenizeSelection(text)));
  } catch (error) {
    if (error instanceof SelectionRefused) return error.refusal;
    return refusal('internal', msg('Loss Lens could not read the selection ({0}).', error instanceof Error ? error.message : String(error)));
  }
}

function interpret(text: string, items: SelectionItem[]): SelectionResult {
  if (items.length === 0) return refusal('empty', msg('The selection holds no numbers.'));
  if (items.some((item) => item.name !== null)) return fromNamed(text, items);
  if (isTable(items)) return fromTable(text, items);
  return fromValues(text, items);
}

/** `p=0.95, y=1`, `logits = [...]` then `labels = [...]` on the next line, ... */
function fromNamed(text: string, items: SelectionItem[]): SelectionResult {
  let predictions: { item: SelectionItem; role: PredictionRole } | null = null;
  let targets: SelectionItem | null = null;
  const unknown: SelectionItem[] = [];
  const notes: string[] = [];
  for (const item of items) {
    if (item.name === null) {
      throw new SelectionRefused(
        refusal('unparsable', msg('Could not tell what this value is: name it too ({0}).', KNOWN_NAMES_HINT), text, item.value.start, item.value.end),
      );
    }
    const role = roleOfName(item.name);
    if (role === 'parameter') {
      notes.push(msg('{0} is not read from the selection: the loss parameters are chosen separately.', item.name));
    } else if (role === 'target') {
      if (targets !== null) throw twice(text, targets, item, 'targets');
      targets = item;
    } else if (role !== null) {
      if (predictions !== null) throw twice(text, predictions.item, item, 'predictions');
      predictions = { item, role };
    } else {
      unknown.push(item);
    }
  }
  // Names Loss Lens does not know fill the free roles in order: predictions, then targets.
  for (const item of unknown) {
    if (predictions === null) {
      predictions = { item, role: 'prediction' };
      notes.push(msg('"{0}" is read as the predictions.', item.name));
    } else if (targets === null) {
      targets = item;
      notes.push(msg('"{0}" is read as the targets.', item.name));
    } else {
      throw new SelectionRefused(
        refusal('too-many-values', msg('Already have predictions and targets; could not tell what "{0}" is.', item.name), text, item.nameStart, item.nameEnd),
      );
    }
  }
  if (predictions === null) {
    const t = targets!;
    return refusal('no-predictions', msg('The selection has targets ("{0}") but no predictions: add p=..., probs=, preds= or logits=.', t.name), text, t.nameStart, t.nameEnd);
  }
  return finish(text, partOf(text, predictions.item.value), predictions.role, targets === null ? null : partOf(text, targets.value), notes);
}

function twice(text: string, first: SelectionItem, second: SelectionItem, what: string): SelectionRefused {
  return new SelectionRefused(
    refusal('too-many-values', msg('Both "{0}" and "{1}" give {2}; select one of them.', first.name, second.name, what), text, second.nameStart, second.nameEnd),
  );
}

/** Bare numbers, maybe under a header of names: CSV or whitespace-separated columns. */
function isTable(items: SelectionItem[]): boolean {
  const firstLine = items[0]!.line;
  const headerNames = items.every((item) => item.line !== firstLine || item.value.kind === 'name');
  return items.every((item) => item.value.kind === 'scalar' || (item.value.kind === 'name' && headerNames && item.line === firstLine));
}

function fromTable(text: string, items: SelectionItem[]): SelectionResult {
  const rows: SelectionItem[][] = [];
  for (const item of items) {
    const row = rows[rows.length - 1];
    if (row !== undefined && row[0]!.line === item.line) row.push(item);
    else rows.push([item]);
  }
  const header = rows[0]![0]!.value.kind === 'name' ? rows.shift()! : null;
  if (rows.length === 0) {
    // Names alone: a variable name, not a header (a header needs rows below it).
    const first = header![0]!;
    const token = quoteToken(text, first.value.start, first.value.end);
    return refusal('unparsable', msg('Could not read "{0}": it is a name, not a number. Select the numbers themselves.', token), text, first.value.start, first.value.end);
  }
  const columns = rows[0]!.length;
  for (const [index, row] of rows.entries()) {
    if (row.length !== columns) {
      const first = row[0]!;
      const rowNumber = index + 1 + (header === null ? 0 : 1);
      return refusal('ragged', msg('Line {0} has {1} values but the first row has {2}.', rowNumber, row.length, columns), text, first.value.start, first.value.end);
    }
  }
  const column = (k: number): Part => {
    const leaves = rows.map((row) => (row[k]!.value as Extract<SelectionValue, { kind: 'scalar' }>).leaf);
    return { leaves, start: leaves[0]!.start, end: leaves[leaves.length - 1]!.end, scalar: false, shape: null };
  };
  if (header === null) return fromUnnamedTable(text, rows, columns, column);
  if (header.length !== columns) {
    const first = header[0]!;
    return refusal('ragged', msg('The header names {0} columns but the rows have {1} values.', header.length, columns), text, first.value.start, first.value.end);
  }
  return fromNamedTable(text, header, column);
}

function fromUnnamedTable(text: string, rows: SelectionItem[][], columns: number, column: (k: number) => Part): SelectionResult {
  if (rows.length === 1) {
    // One line of numbers is a list of predictions ("0.9, 0.2, 0.1" or "0.9 0.2 0.1").
    const leaves = rows[0]!.map((item) => (item.value as Extract<SelectionValue, { kind: 'scalar' }>).leaf);
    const scalar = leaves.length === 1;
    return finish(text, { leaves, start: leaves[0]!.start, end: leaves[leaves.length - 1]!.end, scalar, shape: null }, 'prediction', null, []);
  }
  if (columns === 1) return finish(text, column(0), 'prediction', null, []);
  if (columns === 2) return finish(text, column(0), 'prediction', column(1), [msg('Two columns: the first is read as predictions, the second as targets.')]);
  const third = rows[0]![2]!.value;
  return refusal('too-many-values', msg('The rows have {0} columns; select two: predictions, then targets.', columns), text, third.start, third.end);
}

function fromNamedTable(text: string, header: SelectionItem[], column: (k: number) => Part): SelectionResult {
  const names = header.map((cell) => (cell.value as Extract<SelectionValue, { kind: 'name' }>).name);
  const cellRefusal = (k: number, code: 'too-many-values' | 'no-predictions', message: string) =>
    refusal(code, message, text, header[k]!.value.start, header[k]!.value.end);
  let predictionColumn = -1;
  let targetColumn = -1;
  const unknown: number[] = [];
  for (const [k, name] of names.entries()) {
    const role = roleOfName(name);
    if (role === 'target') {
      if (targetColumn >= 0) return cellRefusal(k, 'too-many-values', msg('Both "{0}" and "{1}" are targets; select one.', names[targetColumn], name));
      targetColumn = k;
    } else if (role !== null && role !== 'parameter') {
      if (predictionColumn >= 0) return cellRefusal(k, 'too-many-values', msg('Both "{0}" and "{1}" are predictions; select one.', names[predictionColumn], name));
      predictionColumn = k;
    } else {
      unknown.push(k);
    }
  }
  const notes: string[] = [];
  if (names.length <= 2) {
    for (const k of unknown) {
      if (predictionColumn < 0) {
        predictionColumn = k;
        notes.push(msg('Column "{0}" is read as the predictions.', names[k]));
      } else if (targetColumn < 0) {
        targetColumn = k;
        notes.push(msg('Column "{0}" is read as the targets.', names[k]));
      }
    }
  } else if (unknown.length > 0) {
    const ignored = unknown.map((k) => `"${names[k]}"`).join(', ');
    notes.push(unknown.length > 1 ? msg('Ignored columns {0}.', ignored) : msg('Ignored column {0}.', ignored));
  }
  if (predictionColumn < 0) {
    const k = targetColumn >= 0 ? targetColumn : 0;
    return cellRefusal(k, 'no-predictions', msg('No column holds predictions: name one p, probs, preds or logits.'));
  }
  const role = roleOfName(names[predictionColumn]!);
  const predictionRole: PredictionRole = role === null || role === 'target' || role === 'parameter' ? 'prediction' : role;
  return finish(text, column(predictionColumn), predictionRole, targetColumn < 0 ? null : column(targetColumn), notes);
}

/** Unnamed values: one (predictions) or two (predictions, then targets). */
function fromValues(text: string, items: SelectionItem[]): SelectionResult {
  if (items.length > 2) {
    const third = items[2]!.value;
    return refusal(
      'too-many-values',
      msg('The selection holds {0} values; select predictions, or predictions then targets.', items.length),
      text,
      third.start,
      third.end,
    );
  }
  const predictions = partOf(text, items[0]!.value);
  const targets = items.length === 2 ? partOf(text, items[1]!.value) : null;
  return finish(text, predictions, 'prediction', targets, []);
}

function partOf(text: string, value: SelectionValue): Part {
  if (value.kind === 'scalar') return { leaves: [value.leaf], start: value.start, end: value.end, scalar: true, shape: null };
  if (value.kind === 'list') return { leaves: value.leaves, start: value.start, end: value.end, scalar: false, shape: value.shape };
  const token = quoteToken(text, value.start, value.end);
  throw new SelectionRefused(
    refusal('unparsable', msg('Could not read "{0}": it is a name, not a number. Select the numbers themselves.', token), text, value.start, value.end),
  );
}

/** Checks lengths and ranges and decides between probabilities and logits, and between binary and multi-class. */
function finish(text: string, predictions: Part, role: PredictionRole, targets: Part | null, notes: string[]): SelectionResult {
  const n = predictions.leaves.length;
  if (n === 0) return refusal('empty', msg('The predictions hold no numbers.'), text, predictions.start, predictions.end);
  const classRows = readClassRows(text, predictions, role, targets, notes);
  if (classRows !== null) return classRows;
  const shape = predictions.shape;
  const rowsOfClasses = shape !== null && shape.kind === 'regular' && shape.dims.length === 2 && shape.dims[1]! >= 2;
  let targetValues: number[] | null = null;
  if (targets !== null) {
    if (targets.leaves.length === n) {
      targetValues = targets.leaves.map((leaf) => leaf.value);
    } else if (targets.scalar) {
      const y = targets.leaves[0]!.value;
      targetValues = new Array<number>(n).fill(y);
      notes.push(msg('The single target y = {0} applies to all {1} predictions.', quoteToken(text, targets.start, targets.end), n));
    } else {
      return refusal(
        'length-mismatch',
        // One whole sentence per plural form (the counts differ, so both are never 1).
        n === 1
          ? msg('There is 1 prediction but {0} targets.', targets.leaves.length)
          : targets.leaves.length === 1
            ? msg('There are {0} predictions but 1 target.', n)
            : msg('There are {0} predictions but {1} targets.', n, targets.leaves.length),
        text,
        targets.start,
        targets.end,
      );
    }
    for (const leaf of targets.leaves) {
      if (!(leaf.value >= 0 && leaf.value <= 1)) {
        const classHint = rowsOfClasses ? msg(' Class indices are not binary targets: give one per row.') : msg(' Class indices are not binary targets: write class logits as rows, [[...], [...]], with one class index per row.');
        const hint = leaf.value === -1 ? msg(' Labels in {-1, +1} are written 0 and 1 here.') : leaf.value > 1 && Number.isInteger(leaf.value) ? classHint : '';
        return refusal('target-range', msg('A target must be in [0, 1] (got {0}).{1}', quoteToken(text, leaf.start, leaf.end), hint), text, leaf.start, leaf.end);
      }
    }
  }
  const outside = predictions.leaves.find((leaf) => !(leaf.value >= 0 && leaf.value <= 1));
  if (role === 'probability' && outside !== undefined) {
    const token = quoteToken(text, outside.start, outside.end);
    return refusal('probability-range', msg('A probability must be in [0, 1] (got {0}); name the values logits= or x= to read them as logits.', token), text, outside.start, outside.end);
  }
  const values = predictions.leaves.map((leaf) => leaf.value);
  let space: PredictionSpace = 'probability';
  if (role === 'logit') {
    space = 'logit';
  } else if (outside !== undefined) {
    space = 'logit';
    const token = quoteToken(text, outside.start, outside.end);
    notes.unshift(n === 1 ? msg('{0} is outside [0, 1], so it is read as a logit.', token) : msg('Some predictions are outside [0, 1] ({0}), so all are read as logits.', token));
  } else if (role === 'prediction') {
    notes.unshift(
      n === 1
        ? msg('{0} is in [0, 1], so it is read as a probability (write logit=... for a logit).', quoteToken(text, predictions.leaves[0]!.start, predictions.leaves[0]!.end))
        : msg('The predictions are all in [0, 1], so they are read as probabilities (name them logits= to read them as logits).'),
    );
  }
  if (targets === null && rowsOfClasses) notes.push(msg('For multi-class losses, add targets=[...] with one class index per row.'));
  return { ok: true, kind: 'binary', predictions: values, space, targets: targetValues, notes };
}
