import { formatNumber, softmaxBatch, softmaxMeanDivisor } from '../core';
import type { SelectionClassValues } from '../language/selection';
import { logBaseValue } from '../protocol';
import { baseName } from './settingsValues';
import type { LogBaseSetting, LossLensSettings } from './settingsValues';

/*
 * What "Compute Loss for Selection" makes of rows of class logits with class-index targets: softmax
 * CE and focal loss from the core, summed and averaged as PyTorch and kornia do. Pure (no vscode
 * import), unit-tested in Node.
 *
 * No alpha: kornia's multi-class alpha, [1 - alpha, alpha, ..., alpha], assumes class 0 is the
 * background, which a selection does not say; the defaultAlpha setting is for the binary losses.
 */

export interface SelectionClassLosses {
  readonly rows: number;
  readonly classes: number;
  readonly space: SelectionClassValues['space'];
  readonly gamma: number;
  readonly logBase: LogBaseSetting;
  /** F.cross_entropy: reduction='sum' and reduction='mean' (the sum over PyTorch's divisor, N here). */
  readonly ce: { readonly sum: number; readonly mean: number };
  /** Softmax focal loss without alpha (kornia focal_loss with alpha=None): summed, and averaged over the rows. */
  readonly focal: { readonly sum: number; readonly mean: number };
  readonly summary: string;
  readonly notes: string[];
}

export function selectionClassLosses(values: SelectionClassValues, settings: LossLensSettings, gamma: number): SelectionClassLosses {
  const { rows, classes, targets } = values;
  const logits = Float64Array.from(values.logits);
  const base = logBaseValue(settings.logBase);
  const ceSum = softmaxBatch('ce', logits, classes, targets, { base });
  const focalSum = softmaxBatch('focal', logits, classes, targets, { gamma, base });
  // F.cross_entropy's 'mean' divides by the targets' summed class weight: the row count without weights.
  const ce = { sum: ceSum, mean: ceSum / softmaxMeanDivisor(classes, targets) };
  // kornia's 'mean' averages the per-row losses.
  const focal = { sum: focalSum, mean: focalSum / rows };
  const f = (v: number) => formatNumber(v, settings.precision);
  const shape = `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'} × ${classes.toLocaleString('en-US')} classes (${values.space === 'logit' ? 'logits' : 'probabilities'})`;
  const both = (pair: { sum: number; mean: number }, meanName: string) => (rows === 1 ? f(pair.sum) : `${f(pair.sum)} (sum), ${f(pair.mean)} (${meanName})`);
  const summary =
    `${shape}: CE ${both(ce, 'mean, as F.cross_entropy')}; ` +
    `softmax focal loss ${both(focal, 'mean')} at gamma ${f(gamma)}, no alpha (${baseName(settings.logBase)})`;
  const notes = [...values.notes];
  // Only a probability of 0 (a logit of -Infinity) for the true class makes a row's loss infinite.
  if (ceSum === Infinity) notes.push('The true class has probability 0 in some row, so the loss is infinite.');
  notes.push(
    "No alpha: kornia's multi-class alpha, [1 - alpha, alpha, ..., alpha], assumes class 0 is the background.",
    'The Loss Explorer charts binary predictions; its multi-class view comes later.',
  );
  return { rows, classes, space: values.space, gamma, logBase: settings.logBase, ce, focal, summary, notes };
}
