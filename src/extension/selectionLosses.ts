import { batchFromLogits, formatNumber, logitOf } from '../core';
import type { SelectionValues } from '../language/selection';
import type { ExplorerPoint } from '../protocol';
import { logBaseValue } from '../protocol';
import { baseName } from './settingsValues';
import type { LossLensSettings } from './settingsValues';
import * as l10n from './l10n';

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
  const count = n.toLocaleString('en-US');
  const what = n === 1 ? (values.space === 'logit' ? l10n.t('logit') : l10n.t('prediction')) : values.space === 'logit' ? l10n.t('{0} logits', count) : l10n.t('{0} predictions', count);
  const notes = values.notes.map((note) => l10n.localize(note));
  if (values.space === 'logit' && !values.notes.some((note) => /logit/i.test(note))) notes.push(l10n.t('Read as logits.'));
  if (n > MAX_PLOTTED_POINTS) notes.push(l10n.t('The panel plots the first {0}; the totals cover all {1}.', MAX_PLOTTED_POINTS.toLocaleString('en-US'), count));
  const alphaText = alpha === null ? l10n.t('no alpha') : l10n.t('alpha {0}', f(alpha));
  const losses = [what, f(sums.ce / n), f(sums.balanced / n), f(sums.focal / n), alphaText, f(gamma), baseName(settings.logBase)];
  const summary = n === 1
    ? l10n.t('{0}: CE {1}, balanced CE {2}, focal loss {3} at {4}, gamma {5} ({6})', ...losses)
    : l10n.t('{0}: CE {1}, balanced CE {2}, focal loss {3} (mean) at {4}, gamma {5} ({6})', ...losses);
  return { count: n, space: values.space, points, sums, summary, notes };
}
