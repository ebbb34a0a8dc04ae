import type { BatchViewNumbers, BinaryBatchView, SoftmaxBatchView } from '../core';
import { formatNumber } from '../core';
import type { ExplorerBatch } from '../protocol';
import { logRange } from './axisRange';
import { BarChart } from './barChart';
import { LineChart } from './charts';
import type { Series } from './charts';
import { DensityChart } from './densityChart';
import { h } from './dom';
import { HistogramChart } from './histogramChart';
import { s } from './strings';
import type { ChartTheme } from './theme';

/*
 * The batch view's charts: Figure 4 (cumulative share of the loss against the fraction of samples,
 * easiest first; positives and negatives apart, CE and FL at the slider's gamma, or every gamma of
 * the paper), the p_t histograms (and, for softmax, samples and loss share per class) and the
 * samples at their p_t with their CE and loss. The histograms and class counts do not depend on
 * the controls: they are drawn when a batch arrives, not on every control change.
 */

export interface BatchCharts {
  readonly figure4Root: HTMLElement;
  readonly histogramRoot: HTMLElement;
  readonly scatterRoot: HTMLElement;
  /** A new batch: what does not depend on the controls. */
  showBatch(batch: ExplorerBatch): void;
  update(batch: ExplorerBatch, n: BatchViewNumbers, paperGammas: boolean): void;
  applyTheme(theme: ChartTheme): void;
  figure4Png(title: string, caption: string): string;
  histogramPng(title: string, caption: string): string;
  scatterPng(title: string, caption: string): string;
}

function chartBox(id: string, label: string, small = false): { box: HTMLElement; canvas: HTMLCanvasElement } {
  const canvas = h('canvas', { id, attrs: { role: 'img', 'aria-label': label } });
  return { box: h('div', { className: small ? 'chart-box small' : 'chart-box' }, canvas), canvas };
}

export function buildBatchCharts(theme: ChartTheme): BatchCharts {
  const fig4 = chartBox('batch-figure4-chart', s('section.batchFigure4'));
  const figure4 = new LineChart(fig4.canvas, { xTitle: s('batch.figure4Axis'), yTitle: s('batch.figure4Share'), xMin: 0, xMax: 1, linearOnly: true }, theme);
  const readout = h('p', { id: 'batch-readout', className: 'readout', attrs: { 'aria-live': 'polite' } });
  const hist = chartBox('batch-histogram-chart', s('section.batchHistograms'), true);
  const histogram = new HistogramChart(hist.canvas, { x: s('batch.ptAxis'), y: s('batch.countAxis') }, theme);
  const counts = chartBox('batch-class-count-chart', s('batch.classCounts'), true);
  const countChart = new BarChart(counts.canvas, { x: s('mc.classAxis'), y: s('batch.classCountAxis') }, theme);
  const shares = chartBox('batch-class-share-chart', s('batch.classShares'), true);
  const shareChart = new BarChart(shares.canvas, { x: s('mc.classAxis'), y: s('batch.classShareAxis') }, theme);
  const classCharts = h('div', { className: 'chart-pair' }, h('div', {}, h('h3', { text: s('batch.classCounts') }), counts.box, countChart.legend), h('div', {}, h('h3', { text: s('batch.classShares') }), shares.box, shareChart.legend));
  const scat = chartBox('batch-scatter-chart', s('batch.scatterNote'));
  const scatter = new DensityChart(scat.canvas, { x: s('batch.ptAxis'), y: s('batch.lossAxis') }, theme);
  let fractions: readonly number[] = [];
  let gammas: readonly number[] = [];
  let view: BinaryBatchView | SoftmaxBatchView | null = null;

  return {
    figure4Root: h('div', {}, fig4.box, figure4.legend, readout),
    histogramRoot: h('div', {}, hist.box, histogram.legend, classCharts),
    scatterRoot: h('div', {}, h('p', { className: 'hint', text: s('batch.scatterNote') }), scat.box, scatter.legend),
    showBatch(batch) {
      view = batch.summary.view!;
      fractions = view.fractions;
      gammas = view.gammas;
      const binary = batch.summary.model === 'sigmoid';
      classCharts.hidden = binary;
      if ('positives' in view) {
        histogram.update([
          { label: s('batch.group.negatives'), counts: view.negatives.histogram, colorIndex: 0 },
          { label: s('batch.group.positives'), counts: view.positives.histogram, colorIndex: 1 },
        ]);
      } else {
        histogram.update([{ label: s('batch.group.samples'), counts: view.all.histogram, colorIndex: 0 }]);
        countChart.update([{ label: s('batch.classCounts'), values: batch.summary.perClass?.count ?? [], colorIndex: 0 }], -1);
      }
      // The loss axis for the batch: its CE spans it (a loss at other parameters below it sits on the floor).
      let hi = 0;
      for (const g of 'positives' in view ? [view.positives, view.negatives] : [view.all]) for (const r of g.hardest) hi = Math.max(hi, -Math.log(r.pt));
      scatter.setRange(logRange(1e-6, Math.max(hi, 1)));
    },
    update(batch, n, paperGammas) {
      const series: Series[] = [];
      const groupLabel = (key: string) => (key === 'positives' ? s('batch.group.positives') : key === 'negatives' ? s('batch.group.negatives') : s('batch.group.samples'));
      const sets = [...n.curves.sets].sort((a, b) => (a.key === 'negatives' ? -1 : b.key === 'negatives' ? 1 : 0));
      sets.forEach((set) => {
        const dashed = set.key === 'positives';
        if (set.ce) series.push({ label: s('batch.ceOf', groupLabel(set.key)), xs: fractions, ys: set.ce, colorIndex: 0, dashed });
        if (paperGammas && view) {
          const curves = 'positives' in view ? view[set.key as 'positives' | 'negatives'].curves : view.all.curves;
          gammas.forEach((g, k) => {
            if (g === 0 || !curves[k]) return;
            series.push({ label: s('batch.flOf', formatNumber(g), groupLabel(set.key)), xs: fractions, ys: curves[k]!, colorIndex: 1 + (k % 5), dashed });
          });
        } else if (set.fl && n.curves.gamma !== 0) {
          series.push({ label: s('batch.flOf', formatNumber(n.curves.gamma), groupLabel(set.key)), xs: fractions, ys: set.fl, colorIndex: 2, dashed });
        }
      });
      figure4.update(series, 'linear');
      if (batch.summary.model === 'softmax') {
        shareChart.update([{ label: s('batch.classShareAxis'), values: n.groups.map((g) => g.share.value ?? NaN), colorIndex: 2 }], -1);
      }
      scatter.update([
        { label: s('batch.sampleCe'), xs: n.samples.pt, ys: n.samples.ce, colorIndex: 0, fixed: true },
        { label: s('batch.sampleLoss'), xs: n.samples.pt, ys: n.samples.loss, colorIndex: 2 },
      ]);
    },
    applyTheme(t) {
      figure4.applyTheme(t);
      histogram.applyTheme(t);
      countChart.applyTheme(t);
      shareChart.applyTheme(t);
      scatter.applyTheme(t);
    },
    figure4Png: (title, caption) => figure4.toPng(title, caption),
    histogramPng: (title, caption) => histogram.toPng(title, caption),
    scatterPng: (title, caption) => scatter.toPng(title, caption),
  };
}

/** The readout element, for the view to fill (kept with the chart it reads). */
export function readoutOf(charts: BatchCharts): HTMLElement {
  return charts.figure4Root.querySelector('#batch-readout')!;
}
