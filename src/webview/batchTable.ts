import { at90, formatNumber } from '../core';
import type { BatchView, BatchViewNumbers, Figure, HardRow } from '../core';
import type { TextTable } from '../core/tables';
import type { ExplorerBatch } from '../protocol';
import { s } from './strings';

/*
 * The batch view's numbers as rows of text (quantity, value, exact or estimated): shown in the
 * page's table and exported as CSV and Markdown, so the exported figures are the ones shown. Also
 * the Figure 4 readout sentence, the hardest samples' rows, and the caption of exported charts.
 */

const percent = (share: number) => `${formatNumber(share * 100, share >= 0.1 ? 3 : 2)}%`;

function cell(figure: Figure, text: (v: number) => string): [string, string] {
  if (figure.value === null) return ['—', ''];
  return [`${figure.exact ? '' : '≈ '}${text(figure.value)}`, figure.exact ? s('batch.exact') : s('batch.estimated')];
}

function kindText(batch: ExplorerBatch, gamma: number): string {
  if (gamma > 0 || batch.spec.kind === 'focal') return s('batch.kind.focal');
  return batch.spec.kind === 'balanced' ? s('batch.kind.balanced') : s('batch.kind.ce');
}

/** The numbers table: what is shown and what is exported. */
export function batchTable(batch: ExplorerBatch, n: BatchViewNumbers, gamma: number, digits: number): TextTable {
  const f = (v: number) => formatNumber(v, digits);
  const rows: string[][] = [];
  const add = (label: string, figure: Figure, text: (v: number) => string = f) => rows.push([label, ...cell(figure, text)]);
  const kind = kindText(batch, gamma);
  if (n.loss.reduction === 'sum' || n.loss.reduction === 'mean') add(s('batch.row.loss', kind, JSON.stringify(n.loss.reduction)), n.loss.value);
  else add(s('batch.row.lossNone', kind), n.loss.sum);
  if (n.loss.reduction !== 'sum') add(s('batch.row.sum'), n.loss.sum);
  if (n.loss.reduction !== 'mean') add(s('batch.row.mean'), n.loss.mean);
  if (n.loss.perPositive) add(s('batch.row.perPositive'), n.loss.perPositive);
  add(s('batch.row.ce'), n.ce.mean);
  const groupName = (key: string) => (key === 'positives' ? s('batch.group.positives') : key === 'negatives' ? s('batch.group.negatives') : s('batch.group.class', key));
  for (const g of n.groups) add(s('batch.row.groupShare', groupName(g.key)), g.share, percent);
  const who = n.model === 'sigmoid' ? s('batch.group.negatives') : s('batch.group.samples');
  add(s('batch.row.easyCe', who, n.easy.threshold, n.easy.count.toLocaleString('en-US')), n.easy.ceShare, percent);
  add(s('batch.row.easyLoss', who, n.easy.threshold), n.easy.lossShare, percent);
  add(s('batch.row.hardest1'), n.hardest.p1, percent);
  add(s('batch.row.hardest20'), n.hardest.p20, percent);
  return { headers: [s('batch.col.quantity'), s('batch.col.value'), s('batch.col.how')], rows };
}

/**
 * "Under CE the easiest 90% of negatives carry X% of the negative loss; at gamma G, Y%": G is the
 * slider's gamma, or the paper's 2 while the slider is at 0 (CE against itself says nothing).
 */
export function figure4Readout(n: BatchViewNumbers, view: BatchView): string {
  const set = n.curves.sets.find((c) => c.key === 'negatives') ?? n.curves.sets.find((c) => c.key === 'all');
  if (!set) return '';
  const paper = view.gammas.indexOf(2);
  const atZero = n.curves.gamma === 0 && paper >= 0;
  const group = 'positives' in view ? view[set.key as 'positives' | 'negatives'] : view.all;
  const ce = at90(set.ce, view.fractions);
  const fl = at90(atZero ? group.curves[paper]! : set.fl, view.fractions);
  if (ce === null || fl === null) return '';
  const show = (v: number, isExact: boolean) => `${isExact ? '' : '≈ '}${percent(v)}`;
  const key = set.key === 'negatives' ? 'batch.readoutNegatives' : 'batch.readoutAll';
  return s(key, show(ce, set.ceExact), formatNumber(atZero ? 2 : n.curves.gamma), show(fl, atZero || set.flExact));
}

/** Where a hard sample is, as the user would type it in the debugger: `pred[i, j]` (softmax: `pred[i, :]`). */
export function elementText(batch: ExplorerBatch, row: HardRow): string {
  const index = row.group === 'all' ? [row.index[0], ':', ...row.index.slice(1)] : row.index;
  return `${batch.pred}[${index.join(', ')}]`;
}

/** The caption of an exported chart: the stop, the prediction's shape and the parameters. */
export function chartCaption(batch: ExplorerBatch, parameters: string): string {
  const stop = s('batch.stop', batch.stop.file, batch.stop.line, batch.stop.frame, batch.stop.time);
  const shape = batch.summary.inputs.pred.shape ? `${batch.pred} [${batch.summary.inputs.pred.shape.join(', ')}]` : batch.pred;
  return s('batch.caption', stop, shape, parameters);
}
