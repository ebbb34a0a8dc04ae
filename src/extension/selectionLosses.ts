import { batchFromLogits, formatNumber, logitOf } from '../core';
import type { SelectionValues } from '../language/selection';
import type { ExplorerPoint } from '../protocol';
import { logBaseValue } from '../protocol';
import { baseName } from './settingsValues';
import type { LossLensSettings } from './settingsValues';

/*
 * What "Compute Loss for Selection" makes of the numbers read from a selection: the points for the
 * panel and the totals for the notification. Pure (no vscode import), unit-tested in Node. Totals go
 * through batchFromLogits, so a selection of 100,000 numbers costs one pass.
 */

/** The panel draws at most this many points; the totals always cover every value. */
export const MAX_PLOTTED_POINTS = 2000;

export interface SelectionLosses {
  readonly count: number;
  readonly space: SelectionValues['space'];
  /** Points to plot (the first MAX_PLOTTED_POINTS). */
  readonly points: ExplorerPoint[];
  readonly sums: { readonly ce: number; readonly balanced: number; readonly focal: number };
  readonly summary: string;
  readonly notes: string[];
}

/** `targets` replaces the selection's own targets when it had none (one y for every prediction). */
export function selectionLosses(values: SelectionValues, targets: readonly number[], settings: LossLensSettings, alpha: number | null, gamma: number): SelectionLosses {
  const n = values.predictions.length;
  const logits = Float64Array.from(values.predictions, (v) => (values.space === 'logit' ? v : logitOf(v)));
  const ys = Float64Array.from(targets);
  const base = logBaseValue(settings.logBase);
  const sums = {
    ce: batchFromLogits('ce', logits, ys, { base }),
    balanced: batchFromLogits('balanced', logits, ys, { alpha, base }),
    focal: batchFromLogits('focal', logits, ys, { alpha, gamma, base }),
  };
  const points: ExplorerPoint[] = [];
  for (let i = 0; i < Math.min(n, MAX_PLOTTED_POINTS); i++) {
    const value = values.predictions[i]!;
    points.push(values.space === 'logit' ? { logit: value, y: ys[i]! } : { p: value, y: ys[i]! });
  }
  const f = (v: number) => formatNumber(v, settings.precision);
  const what = n === 1 ? (values.space === 'logit' ? 'logit' : 'prediction') : `${n.toLocaleString('en-US')} ${values.space === 'logit' ? 'logits' : 'predictions'}`;
  const per = n === 1 ? '' : ' (mean)';
  const notes = [...values.notes];
  if (values.space === 'logit' && !notes.some((note) => /logit/i.test(note))) notes.push('Read as logits.');
  if (n > MAX_PLOTTED_POINTS) notes.push(`The panel plots the first ${MAX_PLOTTED_POINTS.toLocaleString('en-US')}; the totals cover all ${n.toLocaleString('en-US')}.`);
  const alphaText = alpha === null ? 'no alpha' : `alpha ${f(alpha)}`;
  const summary = `${what}: CE ${f(sums.ce / n)}, balanced CE ${f(sums.balanced / n)}, focal loss ${f(sums.focal / n)}${per} at ${alphaText}, gamma ${f(gamma)} (${baseName(settings.logBase)})`;
  return { count: n, space: values.space, points, sums, summary, notes };
}
