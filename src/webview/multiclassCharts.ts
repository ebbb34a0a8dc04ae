import { formatNumber, formatRatio } from '../core';
import { ptSamples } from '../core/curves';
import { softmaxSpreadCurve } from '../core/softmaxContributions';
import { BarChart } from './barChart';
import { LineChart } from './charts';
import type { Series } from './charts';
import { h } from './dom';
import type { WebviewMessage } from '../protocol';
import { multiclassParameters } from './multiclassCaption';
import { classRowLosses, classWeightsOf, computeMulticlass, multiclassParams, targetOf } from './multiclassModel';
import type { ClassRowLosses } from './multiclassModel';
import type { MulticlassResult } from './multiclassModel';
import type { ExplorerState } from './state';
import { isStringKey, localizeMessage, s as str } from './strings';
import type { ChartTheme } from './theme';

/*
 * What the multi-class view shows of its sample: the headline, the softmax as bars, each class's
 * contribution to CE and FL, the gradient per logit, a table of the classes that matter, and CE
 * and FL against p_t of the true class (the other classes sharing the rest evenly) with the
 * sample and the host's rows on it. Every number comes from the core (multiclassModel).
 */

export interface MulticlassOutputs {
  readonly classesRoot: HTMLElement;
  readonly curveRoot: HTMLElement;
  update(state: ExplorerState): void;
  applyTheme(theme: ChartTheme): void;
  /** Loads row `index` of the host's rows into the sample (the table's Edit buttons). */
  readonly onEditRow: (handler: (index: number) => void) => void;
  /** Shows the host's answer to a PNG export, next to the button that asked. */
  showExportResult(what: string, ok: boolean, detail: string): void;
}

/** Points on each curve of the p_t chart. */
const SPREAD_POINTS = 1000;
/** Rows of the class table beyond the target: all classes up to this many, else the most probable. */
const TABLE_CLASSES = 12;
/** Host rows listed in the table (all of them are drawn). */
const LISTED_ROWS = 50;
const CLASS_HEADERS = ['mc.col.class', 'logit', 'p', 'mc.col.target', 'mc.col.weight', 'mc.col.cePart', 'mc.col.flPart', 'dCE/dx', 'dFL/dx'] as const;
const ROW_HEADERS = ['mc.col.row', 'mc.col.target', 'p_t', 'CE', 'FL', ''] as const;
/** A header: a key of the strings, or a symbol as it is. */
const header = (text: string) => (isStringKey(text) ? str(text) : text);

/** The classes the table lists: every class when few, else the true class and the most probable. */
function listedClasses(result: Extract<MulticlassResult, { ok: true }>): number[] {
  const all = Array.from({ length: result.classes }, (_, c) => c);
  if (result.classes <= TABLE_CLASSES) return all;
  const top = all.sort((a, b) => result.probabilities[b]! - result.probabilities[a]!).slice(0, TABLE_CLASSES - 1);
  if (!top.includes(result.trueClass)) top.unshift(result.trueClass);
  return top.sort((a, b) => a - b);
}

/** What the p_t chart's curves assume, said in its exported PNG as on the page. */

export function buildMulticlassOutputs(theme: ChartTheme, post: (message: WebviewMessage) => void): MulticlassOutputs {
  const headline = h('p', { id: 'mc-headline', className: 'readout', attrs: { 'aria-live': 'polite' } });
  const error = h('p', { id: 'mc-error', className: 'error', attrs: { role: 'alert' } });
  const canvas = (id: string, label: string) => h('canvas', { id, attrs: { role: 'img', 'aria-label': label } });
  const probCanvas = canvas('mc-prob-chart', str('mc.probAria'));
  const partCanvas = canvas('mc-part-chart', str('mc.partAria'));
  const gradCanvas = canvas('mc-grad-chart', str('mc.gradAria'));
  const curveCanvas = canvas('mc-curve-chart', str('mc.curveAria'));
  const probChart = new BarChart(probCanvas, { x: str('mc.classAxis'), y: 'p (softmax)' }, theme);
  const partChart = new BarChart(partCanvas, { x: str('mc.classAxis'), y: str('mc.contributionAxis') }, theme);
  const gradChart = new BarChart(gradCanvas, { x: str('mc.classAxis'), y: 'd loss / d logit' }, theme);
  const curveChart = new LineChart(curveCanvas, { xTitle: str('curves.ptAxis'), yTitle: str('curves.lossAxis'), xMin: 0, xMax: 1 }, theme);
  const tableNote = h('p', { id: 'mc-table-note', className: 'hint' });
  const classBody = h('tbody');
  const curveNote = h('p', { id: 'mc-curve-note', className: 'hint' });
  const rowsNote = h('p', { id: 'mc-rows-source', className: 'hint' });
  const rowsBody = h('tbody');
  let editRow: (index: number) => void = () => undefined;
  rowsBody.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest('button[data-row]');
    if (button) editRow(Number(button.getAttribute('data-row')));
  });

  // PNG export, as the binary view's: each chart with its title, legend and the parameters.
  let current: ExplorerState | null = null;
  const classesStatus = h('p', { id: 'mc-export-status', className: 'hint', attrs: { 'aria-live': 'polite' } });
  const curveStatus = h('p', { id: 'mc-curve-export-status', className: 'hint', attrs: { 'aria-live': 'polite' } });
  let askedStatus: HTMLElement = classesStatus;
  const pngButton = (id: string, label: string, status: HTMLElement, png: (s: ExplorerState) => string) => {
    const button = h('button', { id, text: label, attrs: { type: 'button' } });
    button.addEventListener('click', () => {
      askedStatus = status;
      if (current) post({ type: 'savePng', dataUrl: png(current) });
    });
    return button;
  };
  const classesExport = h(
    'div',
    { className: 'row export' },
    pngButton('mc-save-prob-png', str('mc.saveProbPng'), classesStatus, (s) => probChart.toPng(str('mc.probAria'), multiclassParameters(s))),
    pngButton('mc-save-part-png', str('mc.savePartPng'), classesStatus, (s) => partChart.toPng(str('mc.partAria'), multiclassParameters(s))),
    pngButton('mc-save-grad-png', str('mc.saveGradPng'), classesStatus, (s) => gradChart.toPng(str('mc.gradAria'), multiclassParameters(s))),
  );
  const curveExport = h(
    'div',
    { className: 'row export' },
    pngButton('mc-save-curve-png', str('mc.saveCurvePng'), curveStatus, (s) => curveChart.toPng(str('mc.curveAria'), str('mc.curvesCaption', multiclassParameters(s, true)))),
  );

  const pts = ptSamples(SPREAD_POINTS);
  const ceCurve = new Float64Array(SPREAD_POINTS);
  const flCurve = new Float64Array(SPREAD_POINTS);
  /** The host rows' p_t and losses, recomputed only when the rows or the parameters change. */
  let rowsKey = '';
  let rowMarks: ClassRowLosses = { pt: [], ce: [], fl: [], message: null };

  const rowsOf = (s: ExplorerState) => {
    const mc = s.multiclass;
    // No rows, nothing to compute: the key below joins every class weight (1,000 with many classes).
    if (mc.points.length === 0) {
      rowsKey = '';
      rowMarks = { pt: [], ce: [], fl: [], message: null };
      return rowMarks;
    }
    const key = `${mc.points.length}|${mc.source}|${s.gamma}|${s.base}|${mc.labelSmoothing}|${classWeightsOf(mc)?.join(',') ?? ''}|${mc.points[0]?.logits.join(',') ?? ''}`;
    if (key === rowsKey) return rowMarks;
    rowsKey = key;
    rowMarks = classRowLosses(s);
    return rowMarks;
  };

  const renderRows = (s: ExplorerState, marks: typeof rowMarks) => {
    const mc = s.multiclass;
    const f = (v: number) => formatNumber(v, s.digits);
    const n = mc.points.length;
    const listed = n > LISTED_ROWS;
    const problem = marks.message === null ? null : localizeMessage(marks.message);
    rowsNote.textContent =
      n === 0
        ? str('mc.noRows')
        : problem === null
          ? listed ? str('mc.rowsListed', n, mc.source, LISTED_ROWS) : str('mc.rows', n, mc.source)
          : listed ? str('mc.rowsErrorListed', n, mc.source, problem, LISTED_ROWS) : str('mc.rowsError', n, mc.source, problem);
    rowsBody.parentElement!.hidden = mc.points.length === 0;
    rowsBody.replaceChildren(
      ...mc.points.slice(0, LISTED_ROWS).map((point, i) =>
        h(
          'tr',
          {},
          h('td', { text: String(i) }),
          h('td', { text: String(point.target) }),
          h('td', { text: marks.pt[i] === undefined ? '' : f(marks.pt[i]!) }),
          h('td', { text: marks.ce[i] === undefined ? '' : f(marks.ce[i]!) }),
          h('td', { text: marks.fl[i] === undefined ? '' : f(marks.fl[i]!) }),
          h('td', {}, h('button', { text: str('mc.edit'), className: 'secondary', attrs: { type: 'button', 'data-row': String(i), 'aria-label': str('mc.editRow', i) } })),
        ),
      ),
    );
  };

  return {
    classesRoot: h(
      'div',
      { className: 'mc-classes' },
      headline,
      error,
      h('h3', { text: str('mc.probHeading') }),
      h('div', { className: 'chart-box small' }, probCanvas),
      probChart.legend,
      h('h3', { text: str('mc.partHeading') }),
      h('div', { className: 'chart-box small' }, partCanvas),
      partChart.legend,
      h('h3', { text: str('mc.gradHeading') }),
      h('div', { className: 'chart-box small' }, gradCanvas),
      gradChart.legend,
      tableNote,
      h(
        'div',
        { className: 'table-scroll' },
        h(
          'table',
          { id: 'mc-class-table' },
          h('caption', { className: 'visually-hidden', text: str('mc.classCaption') }),
          h('thead', {}, h('tr', {}, ...CLASS_HEADERS.map((t) => h('th', { text: header(t), attrs: { scope: 'col' } })))),
          classBody,
        ),
      ),
      classesExport,
      classesStatus,
    ),
    curveRoot: h(
      'div',
      { className: 'mc-curve' },
      h('div', { className: 'chart-box' }, curveCanvas),
      curveChart.legend,
      curveNote,
      curveExport,
      curveStatus,
      h('h3', { text: str('mc.rowsHeading') }),
      rowsNote,
      h(
        'div',
        { className: 'table-scroll' },
        h(
          'table',
          { id: 'mc-rows-table', attrs: { hidden: '' } },
          h('thead', {}, h('tr', {}, ...ROW_HEADERS.map((t) => h('th', { text: header(t), attrs: { scope: 'col' } })))),
          rowsBody,
        ),
      ),
    ),
    update(s) {
      current = s;
      const result = computeMulticlass(s);
      if (!result.ok) {
        error.textContent = localizeMessage(result.message);
        return;
      }
      error.textContent = '';
      const mc = s.multiclass;
      const f = (v: number) => formatNumber(v, s.digits);
      const y = result.trueClass;
      const who = mc.targetMode === 'soft' ? str('mc.headlineSoft', y) : str('mc.headlineClass', y);
      const ratio = result.focal === result.ce ? str('mc.flEqualsCe') : result.focal === 0 ? str('mc.flIsZero') : str('mc.flLower', formatRatio(result.ce / result.focal));
      const weighting = `${result.weights.some((w) => w !== 1) ? `w_${y} = ${f(result.weights[y]!)}, ` : ''}${str('mc.labelSmoothing', f(mc.labelSmoothing))}`;
      headline.textContent = str('mc.headline', who, f(result.probabilities[y]!), result.classes, f(result.ce), formatNumber(s.gamma), f(result.focal), ratio, weighting, s.base);

      probChart.update([{ label: 'p = softmax(logits)', values: result.probabilities, colorIndex: 0 }], y);
      partChart.update(
        [
          { label: str('mc.cePart'), values: result.ceContributions, colorIndex: 1 },
          { label: str('mc.flPart', formatNumber(s.gamma)), values: result.focalContributions, colorIndex: 2 },
        ],
        y,
      );
      gradChart.update(
        [
          { label: 'dCE/dx', values: result.ceGrad, colorIndex: 1 },
          { label: 'dFL/dx', values: result.focalGrad, colorIndex: 2 },
        ],
        y,
      );

      const listed = listedClasses(result);
      tableNote.textContent = listed.length === result.classes ? str('mc.allClasses', result.classes) : str('mc.someClasses', listed.length, result.classes);
      const target = targetOf(mc);
      classBody.replaceChildren(
        ...listed.map((c) =>
          h(
            'tr',
            { className: c === y ? 'target-row' : '' },
            h('th', { text: String(c), attrs: { scope: 'row' } }),
            h('td', { text: f(mc.logits[c]!) }),
            h('td', { text: f(result.probabilities[c]!) }),
            h('td', { text: typeof target === 'number' ? (c === target ? '1' : '0') : f(target[c]!) }),
            h('td', { text: f(result.weights[c]!) }),
            h('td', { text: f(result.ceContributions[c]!) }),
            h('td', { text: f(result.focalContributions[c]!) }),
            h('td', { text: f(result.ceGrad[c]!) }),
            h('td', { text: f(result.focalGrad[c]!) }),
          ),
        ),
      );

      const params = multiclassParams(s);
      softmaxSpreadCurve('ce', pts, result.classes, y, target, params, ceCurve);
      softmaxSpreadCurve('focal', pts, result.classes, y, target, { ...params, gamma: s.gamma }, flCurve);
      const marks = rowsOf(s);
      const series: Series[] = [
        { label: 'CE', xs: pts, ys: ceCurve, colorIndex: 1 },
        { label: str('mc.flCurve', formatNumber(s.gamma)), xs: pts, ys: flCurve, colorIndex: 2 },
        { label: str('mc.sampleCE'), xs: [result.probabilities[y]!], ys: [result.ce], colorIndex: 5, markers: true, pointLabel: () => `CE ${f(result.ce)}` },
        { label: str('mc.sampleFL'), xs: [result.probabilities[y]!], ys: [result.focal], colorIndex: 4, markers: true, pointLabel: () => `FL ${f(result.focal)}` },
      ];
      if (marks.pt.length > 0) {
        series.push({ label: str('mc.rowsFL'), xs: marks.pt, ys: marks.fl, colorIndex: 0, markers: true, pointLabel: (i) => `FL ${f(marks.fl[i]!)}` });
      }
      curveChart.update(series, s.yScale);
      curveNote.textContent = str('mc.curveNote', y, result.classes - 1);
      renderRows(s, marks);
    },
    applyTheme(t) {
      for (const chart of [probChart, partChart, gradChart]) chart.applyTheme(t);
      curveChart.applyTheme(t);
    },
    onEditRow(handler) {
      editRow = handler;
    },
    showExportResult(what, ok, detail) {
      askedStatus.textContent = ok ? str('export.done', what, detail) : str('export.failed', what, detail);
    },
  };
}
