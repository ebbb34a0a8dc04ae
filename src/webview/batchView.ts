import { anyEstimated, batchViewNumbers, batchViewUnmodelled, callControls, formatNumber, prepareBatchView } from '../core';
import type { BatchViewNumbers, PreparedBatch } from '../core';
import { toCsv, toMarkdown } from '../core/tables';
import type { ExplorerBatch, ExportFormat, WebviewMessage } from '../protocol';
import { buildBatchCharts, readoutOf } from './batchCharts';
import { buildBatchControls, controlsOf, valuesOf } from './batchControls';
import type { BatchControlValues } from './batchControls';
import { buildBatchHeader } from './batchHeader';
import { batchTable, chartCaption, elementText, figure4Readout } from './batchTable';
import { h } from './dom';
import { formatNumberList } from './numberList';
import { localizeMessage, s } from './strings';
import type { ChartTheme } from './theme';

/*
 * The "This batch" view: a paused debuggee's batch (posted by the host), kept until the user
 * refreshes it at a later stop. Its numbers are the core's (batchViewMath.ts) at the view's
 * controls, recomputed in the page on every change without asking the host; each says whether it
 * is exact over the whole batch or estimated from the sample.
 */

export interface BatchView {
  readonly headerRoot: HTMLElement;
  readonly controlsRoot: HTMLElement;
  readonly summaryRoot: HTMLElement;
  readonly figure4Root: HTMLElement;
  readonly histogramRoot: HTMLElement;
  readonly samplesRoot: HTMLElement;
  show(batch: ExplorerBatch): void;
  showStatus(status: 'reading' | 'failed', detail: string): void;
  showExportResult(what: string, ok: boolean, detail: string): void;
  /** Recomputes (the digits changed, or the view is shown again). */
  refresh(digits: number): void;
  applyTheme(theme: ChartTheme): void;
}

function table(id: string, caption: string): { root: HTMLElement; table: HTMLTableElement } {
  const t = h('table', { id }, h('caption', { className: 'visually-hidden', text: caption }));
  return { root: h('div', { className: 'table-scroll' }, t), table: t };
}

/**
 * Fills `t` with a header row and rows whose first cell heads the row. A control change keeps the
 * table's shape, so the cells' text is replaced in place: no new elements, less layout per redraw.
 */
function fillTable(t: HTMLTableElement, headers: readonly string[], rows: readonly (readonly string[])[]): void {
  const body = t.tBodies[0];
  const head = t.tHead?.rows[0];
  const sameShape = body && head && head.cells.length === headers.length && body.rows.length === rows.length && rows.every((row, i) => body.rows[i]!.cells.length === row.length);
  if (sameShape) {
    headers.forEach((text, i) => {
      if (head.cells[i]!.textContent !== text) head.cells[i]!.textContent = text;
    });
    rows.forEach((row, i) => {
      const cells = body.rows[i]!.cells;
      row.forEach((text, k) => {
        if (cells[k]!.textContent !== text) cells[k]!.textContent = text;
      });
    });
    return;
  }
  const caption = t.querySelector('caption');
  const newHead = h('thead', {}, h('tr', {}, ...headers.map((text) => h('th', { text, attrs: { scope: 'col' } }))));
  const newBody = h('tbody', {}, ...rows.map((row) => h('tr', {}, h('th', { text: row[0]!, attrs: { scope: 'row' } }), ...row.slice(1).map((text) => h('td', { text })))));
  t.replaceChildren(...(caption ? [caption] : []), newHead, newBody);
}

/** Sets an element's text only when it changes: an unchanged text then costs the page no layout. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

export function buildBatchView(theme: ChartTheme, initialDigits: number, post: (message: WebviewMessage) => void): BatchView {
  let batch: ExplorerBatch | null = null;
  let prepared: PreparedBatch | null = null;
  let values: BatchControlValues = { alpha: 0.25, alphaOn: true, gamma: 2, labelSmoothing: 0, posWeight: null, weight: null, paperGammas: false };
  let numbers: BatchViewNumbers | null = null;
  let digits = initialDigits;

  const header = buildBatchHeader(post);
  const controls = buildBatchControls(() => values, (kind) => update(kind), () => {
    if (!batch) return;
    values = valuesOf(callControls(batch.spec, batch.summary));
    controls.sync(values, batch.summary.model, batch.summary.classes ?? 0);
    update('params');
  });
  const charts = buildBatchCharts(theme);
  const readout = readoutOf(charts);
  const sampleLabel = h('p', { id: 'batch-sample', className: 'hint' });
  const note = h('p', { id: 'batch-note', className: 'hint' });
  const numbersTable = table('batch-numbers', s('section.batchSummary'));
  const hardest = table('batch-hardest', s('batch.hardestHeading'));
  const hardestNote = h('p', { id: 'batch-hardest-note', className: 'hint', text: s('batch.hardestNoSmoothing') });
  const exportStatus = h('p', { id: 'batch-export-status', className: 'hint', attrs: { 'aria-live': 'polite' } });

  const parameters = (): string => {
    const f = (v: number) => formatNumber(v, digits);
    if (!batch) return '';
    if (batch.summary.model === 'softmax') return s('batch.paramsWeights', f(values.gamma), f(values.labelSmoothing), values.weight ? `[${formatNumberList(values.weight)}]` : '1');
    const alpha = values.alphaOn ? f(values.alpha) : s('batch.alphaOff');
    return values.posWeight !== null ? s('batch.paramsPosWeight', alpha, f(values.gamma), f(values.labelSmoothing), f(values.posWeight)) : s('batch.params', alpha, f(values.gamma), f(values.labelSmoothing));
  };
  const summaryText = (format: ExportFormat): string | null => {
    if (!batch || !numbers) return null;
    const t = batchTable(batch, numbers, values.gamma, digits);
    const withCaption = { headers: t.headers, rows: [[s('batch.row.batch'), chartCaption(batch, parameters()), ''], ...t.rows] };
    return format === 'csv' ? toCsv(withCaption) : toMarkdown(withCaption);
  };
  const button = (id: string, label: string, action: () => void) => {
    const element = h('button', { id, text: label, attrs: { type: 'button' } });
    element.addEventListener('click', action);
    return element;
  };
  const textAction = (type: 'copyText' | 'saveText', format: ExportFormat) => () => {
    const text = summaryText(format);
    if (text === null) exportStatus.textContent = s('export.nothing');
    else post({ type, format, text });
  };
  const png = (which: 'figure4' | 'histogram' | 'scatter') => () => {
    if (!batch) return void (exportStatus.textContent = s('export.nothing'));
    const caption = chartCaption(batch, parameters());
    const dataUrl = which === 'figure4' ? charts.figure4Png(s('batch.pngTitle.figure4'), caption) : which === 'histogram' ? charts.histogramPng(s('batch.pngTitle.histogram'), caption) : charts.scatterPng(s('batch.pngTitle.scatter'), caption);
    post({ type: 'savePng', dataUrl });
  };
  const exportRoot = h(
    'div',
    { className: 'export' },
    h('h3', { text: s('export.heading') }),
    h(
      'div',
      { className: 'row' },
      button('batch-copy-csv', s('batch.copyCsv'), textAction('copyText', 'csv')),
      button('batch-copy-markdown', s('batch.copyMarkdown'), textAction('copyText', 'markdown')),
      button('batch-save-csv', s('batch.saveCsv'), textAction('saveText', 'csv')),
      button('batch-save-markdown', s('batch.saveMarkdown'), textAction('saveText', 'markdown')),
      button('batch-save-figure4-png', s('batch.exportFigure4'), png('figure4')),
      button('batch-save-histogram-png', s('batch.exportHistogram'), png('histogram')),
      button('batch-save-scatter-png', s('batch.exportScatter'), png('scatter')),
    ),
    exportStatus,
  );

  function update(kind: 'params' | 'view'): void {
    if (!batch || !prepared) return;
    if (kind === 'params' || !numbers) numbers = batchViewNumbers(prepared, controlsOf(values));
    const n = numbers;
    const t = batchTable(batch, n, values.gamma, digits);
    fillTable(numbersTable.table, t.headers, t.rows);
    setText(sampleLabel, anyEstimated(n) ? s('batch.estimatedFrom', n.sample.size.toLocaleString('en-US'), n.sample.of.toLocaleString('en-US')) : s('batch.allExact', n.sample.of.toLocaleString('en-US')));
    setText(note, n.note === 'focal-no-smoothing' ? s('batch.noteFocalSmoothing') : n.note === 'smoothing-weights-unavailable' ? s('batch.noteSmoothingWeights') : '');
    setText(readout, figure4Readout(n, batch.summary.view!));
    charts.update(batch, n, values.paperGammas);
    const f = (v: number) => (Number.isFinite(v) ? formatNumber(v, digits) : '—');
    const softmax = batch.summary.model === 'softmax';
    const headers = softmax
      ? [s('batch.col.element'), s('batch.col.target'), s('batch.col.predicted'), s('batch.col.pt'), s('batch.col.ce'), s('batch.col.loss')]
      : [s('batch.col.element'), s('batch.col.group'), s('batch.col.pt'), s('batch.col.ce'), s('batch.col.loss')];
    const rows = n.hardestRows.map((r) =>
      softmax
        ? [elementText(batch!, r), String(r.y), `${r.predicted} (${f(r.pPredicted ?? NaN)})`, f(r.pt), f(r.ce), f(r.loss)]
        : [elementText(batch!, r), r.group === 'positives' ? s('batch.group.positives') : s('batch.group.negatives'), f(r.pt), f(r.ce), f(r.loss)],
    );
    fillTable(hardest.table, headers, rows);
    hardestNote.hidden = !n.hardestRows.some((r) => Number.isNaN(r.loss));
  }

  const summaryRoot = h('div', {}, sampleLabel, note, numbersTable.root, exportRoot);
  const samplesRoot = h('div', {}, charts.scatterRoot, h('h3', { text: s('batch.hardestHeading') }), hardestNote, h('div', { className: 'hardest-scroll' }, hardest.root));
  const sectionRoots = [controls.root, summaryRoot, charts.figure4Root, charts.histogramRoot, samplesRoot];
  return {
    headerRoot: header.root,
    controlsRoot: controls.root,
    summaryRoot,
    figure4Root: charts.figure4Root,
    histogramRoot: charts.histogramRoot,
    samplesRoot,
    show(next) {
      const unmodelled = batchViewUnmodelled(next.spec, next.summary);
      for (const root of sectionRoots) root.hidden = unmodelled !== null;
      if (unmodelled !== null) {
        // Its stop and inputs are shown; numbers the view cannot compute are not.
        batch = null;
        prepared = null;
        header.show(next, digits);
        header.showNote(localizeMessage(unmodelled));
        return;
      }
      header.showNote('');
      batch = next;
      prepared = prepareBatchView(next.spec, next.summary);
      values = valuesOf(callControls(next.spec, next.summary));
      numbers = null;
      header.show(next, digits);
      controls.sync(values, next.summary.model, next.summary.classes ?? 0);
      charts.showBatch(next);
      update('params');
    },
    showStatus(status, detail) {
      header.showStatus(status, detail);
    },
    showExportResult(what, ok, detail) {
      exportStatus.textContent = ok ? s('export.done', what, detail) : s('export.failed', what, detail);
    },
    refresh(d) {
      digits = d;
      if (!batch) header.show(null, digits);
      else update('view');
    },
    applyTheme(t) {
      charts.applyTheme(t);
    },
  };
}
