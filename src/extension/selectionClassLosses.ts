import { formatNumber, softmaxBatch, softmaxMeanDivisor } from '../core';
import type { SelectionClassValues } from '../language/selection';
import { logBaseValue } from '../protocol';
import { baseName } from './settingsValues';
import type { LogBaseSetting, LossLensSettings } from './settingsValues';
import * as l10n from './l10n';

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
  const rowCount = rows.toLocaleString('en-US');
  const classCount = classes.toLocaleString('en-US');
  const shape = values.space === 'logit'
    ? rows === 1 ? l10n.t('1 row × {0} classes (logits)', classCount) : l10n.t('{0} rows × {1} classes (logits)', rowCount, classCount)
    : rows === 1 ? l10n.t('1 row × {0} classes (probabilities)', classCount) : l10n.t('{0} rows × {1} classes (probabilities)', rowCount, classCount);
  const summary = rows === 1
    ? l10n.t('{0}: CE {1}; softmax focal loss {2} at gamma {3}, no alpha ({4})', shape, f(ce.sum), f(focal.sum), f(gamma), baseName(settings.logBase))
    : l10n.t('{0}: CE {1} (sum), {2} (mean, as F.cross_entropy); softmax focal loss {3} (sum), {4} (mean) at gamma {5}, no alpha ({6})', shape, f(ce.sum), f(ce.mean), f(focal.sum), f(focal.mean), f(gamma), baseName(settings.logBase));
  const notes = values.notes.map((note) => l10n.localize(note));
  // Only a probability of 0 (a logit of -Infinity) for the true class makes a row's loss infinite.
  if (ceSum === Infinity) notes.push(l10n.t('The true class has probability 0 in some row, so the loss is infinite.'));
  notes.push(l10n.t("No alpha: kornia's multi-class alpha, [1 - alpha, alpha, ..., alpha], assumes class 0 is the background."));
  return { rows, classes, space: values.space, gamma, logBase: settings.logBase, ce, focal, summary, notes };
}
