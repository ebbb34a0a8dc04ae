import { formatNumber, formatRatio, LossInputError, softmaxLoss, softmaxProbabilities } from '../core';
import { ptSamples } from '../core/curves';
import { softmaxSpreadCurve } from '../core/softmaxContributions';
import { BarChart } from './barChart';
import { LineChart } from './charts';
import type { Series } from './charts';
import { h } from './dom';
import { classWeightsOf, computeMulticlass, multiclassParams, targetOf } from './multiclassModel';
import type { MulticlassResult } from './multiclassModel';
import type { ExplorerState } from './state';
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
}

/** Points on each curve of the p_t chart. */
const SPREAD_POINTS = 1000;
/** Rows of the class table beyond the target: all classes up to this many, else the most probable. */
const TABLE_CLASSES = 12;
/** Host rows listed in the table (all of them are drawn). */
const LISTED_ROWS = 50;
const CLASS_HEADERS = ['class', 'logit', 'p', 'target', 'weight', 'CE part', 'FL part', 'dCE/dx', 'dFL/dx'];

/** The classes the table lists: every class when few, else the true class and the most probable. */
function listedClasses(result: Extract<MulticlassResult, { ok: true }>): number[] {
  const all = Array.from({ length: result.classes }, (_, c) => c);
  if (result.classes <= TABLE_CLASSES) return all;
  const top = all.sort((a, b) => result.probabilities[b]! - result.probabilities[a]!).slice(0, TABLE_CLASSES - 1);
  if (!top.includes(result.trueClass)) top.unshift(result.trueClass);
  return top.sort((a, b) => a - b);
}

export function buildMulticlassOutputs(theme: ChartTheme): MulticlassOutputs {
  const headline = h('p', { id: 'mc-headline', className: 'readout', attrs: { 'aria-live': 'polite' } });
  const error = h('p', { id: 'mc-error', className: 'error', attrs: { role: 'alert' } });
  const canvas = (id: string, label: string) => h('canvas', { id, attrs: { role: 'img', 'aria-label': label } });
  const probCanvas = canvas('mc-prob-chart', 'Softmax probability of each class');
  const partCanvas = canvas('mc-part-chart', "Each class's contribution to CE and FL");
  const gradCanvas = canvas('mc-grad-chart', 'Gradient of CE and FL per logit');
  const curveCanvas = canvas('mc-curve-chart', 'CE and FL against p_t of the true class');
  const probChart = new BarChart(probCanvas, { x: 'class', y: 'p (softmax)' }, theme);
  const partChart = new BarChart(partCanvas, { x: 'class', y: 'contribution to the loss' }, theme);
  const gradChart = new BarChart(gradCanvas, { x: 'class', y: 'd loss / d logit' }, theme);
  const curveChart = new LineChart(curveCanvas, { xTitle: 'p_t (probability of the true class)', yTitle: 'loss', xMin: 0, xMax: 1 }, theme);
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

  const pts = ptSamples(SPREAD_POINTS);
  const ceCurve = new Float64Array(SPREAD_POINTS);
  const flCurve = new Float64Array(SPREAD_POINTS);
  /** The host rows' p_t and losses, recomputed only when the rows or the parameters change. */
  let rowsKey = '';
  let rowMarks: { pt: number[]; ce: number[]; fl: number[]; message: string | null } = { pt: [], ce: [], fl: [], message: null };

  const rowsOf = (s: ExplorerState) => {
    const mc = s.multiclass;
    const params = multiclassParams(s);
    const key = `${mc.points.length}|${mc.source}|${s.gamma}|${s.base}|${mc.labelSmoothing}|${classWeightsOf(mc)?.join(',') ?? ''}|${mc.points[0]?.logits.join(',') ?? ''}`;
    if (key === rowsKey) return rowMarks;
    rowsKey = key;
    rowMarks = { pt: [], ce: [], fl: [], message: null };
    try {
      for (const point of mc.points) {
        rowMarks.pt.push(softmaxProbabilities(point.logits)[point.target]!);
        rowMarks.ce.push(softmaxLoss('ce', point.logits, point.target, params));
        rowMarks.fl.push(softmaxLoss('focal', point.logits, point.target, { ...params, gamma: s.gamma }));
      }
    } catch (e) {
      if (!(e instanceof LossInputError)) throw e;
      rowMarks = { pt: [], ce: [], fl: [], message: e.message };
    }
    return rowMarks;
  };

  const renderRows = (s: ExplorerState, marks: typeof rowMarks) => {
    const mc = s.multiclass;
    const f = (v: number) => formatNumber(v, s.digits);
    rowsNote.textContent = mc.points.length === 0
      ? 'No rows: select rows of logits with their class indices in the editor and run Compute Loss for Selection.'
      : `${mc.points.length} rows from ${mc.source}${marks.message ? `: ${marks.message}` : ''}${mc.points.length > LISTED_ROWS ? `; the first ${LISTED_ROWS} are listed, all are drawn` : ''}.`;
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
          h('td', {}, h('button', { text: 'Edit', className: 'secondary', attrs: { type: 'button', 'data-row': String(i), 'aria-label': `Edit row ${i} as the sample` } })),
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
      h('h3', { text: 'Softmax probabilities' }),
      h('div', { className: 'chart-box small' }, probCanvas),
      probChart.legend,
      h('h3', { text: "Each class's contribution to the loss" }),
      h('div', { className: 'chart-box small' }, partCanvas),
      partChart.legend,
      h('h3', { text: 'Gradient per logit' }),
      h('div', { className: 'chart-box small' }, gradCanvas),
      gradChart.legend,
      tableNote,
      h(
        'div',
        { className: 'table-scroll' },
        h(
          'table',
          { id: 'mc-class-table' },
          h('caption', { className: 'visually-hidden', text: 'The classes of the sample with their probability, contributions and gradients' }),
          h('thead', {}, h('tr', {}, ...CLASS_HEADERS.map((t) => h('th', { text: t, attrs: { scope: 'col' } })))),
          classBody,
        ),
      ),
    ),
    curveRoot: h(
      'div',
      { className: 'mc-curve' },
      h('div', { className: 'chart-box' }, curveCanvas),
      curveChart.legend,
      curveNote,
      h('h3', { text: 'Rows from the editor' }),
      rowsNote,
      h(
        'div',
        { className: 'table-scroll' },
        h(
          'table',
          { id: 'mc-rows-table', attrs: { hidden: '' } },
          h('thead', {}, h('tr', {}, ...['row', 'target', 'p_t', 'CE', 'FL', ''].map((t) => h('th', { text: t, attrs: { scope: 'col' } })))),
          rowsBody,
        ),
      ),
    ),
    update(s) {
      const result = computeMulticlass(s);
      if (!result.ok) {
        error.textContent = result.message;
        return;
      }
      error.textContent = '';
      const mc = s.multiclass;
      const f = (v: number) => formatNumber(v, s.digits);
      const y = result.trueClass;
      const who = mc.targetMode === 'soft' ? `Soft target (most on class ${y})` : `Target class ${y}`;
      const ratio = result.focal === result.ce ? 'FL equals CE' : result.focal === 0 ? 'FL is 0' : `FL is ${formatRatio(result.ce / result.focal)} lower than CE`;
      const weighting = `${result.weights.some((w) => w !== 1) ? `w_${y} = ${f(result.weights[y]!)}, ` : ''}label smoothing ${f(mc.labelSmoothing)}`;
      headline.textContent = `${who}, p = ${f(result.probabilities[y]!)} of ${result.classes} classes: CE ${f(result.ce)} · FL (gamma ${formatNumber(s.gamma)}) ${f(result.focal)}; ${ratio} (${weighting}, base ${s.base}).`;

      probChart.update([{ label: 'p = softmax(logits)', values: result.probabilities, colorIndex: 0 }], y);
      partChart.update(
        [
          { label: 'CE part', values: result.ceContributions, colorIndex: 1 },
          { label: `FL part (gamma ${formatNumber(s.gamma)})`, values: result.focalContributions, colorIndex: 2 },
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
      tableNote.textContent = listed.length === result.classes ? `All ${result.classes} classes; the target is outlined in the charts.` : `${listed.length} of ${result.classes} classes: the true class and the most probable.`;
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
        { label: `FL (gamma ${formatNumber(s.gamma)})`, xs: pts, ys: flCurve, colorIndex: 2 },
        { label: 'this sample: CE', xs: [result.probabilities[y]!], ys: [result.ce], colorIndex: 5, markers: true, pointLabel: () => `CE ${f(result.ce)}` },
        { label: 'this sample: FL', xs: [result.probabilities[y]!], ys: [result.focal], colorIndex: 4, markers: true, pointLabel: () => `FL ${f(result.focal)}` },
      ];
      if (marks.pt.length > 0) {
        series.push({ label: 'rows: FL', xs: marks.pt, ys: marks.fl, colorIndex: 0, markers: true, pointLabel: (i) => `FL ${f(marks.fl[i]!)}` });
      }
      curveChart.update(series, s.yScale);
      curveNote.textContent =
        `Curves: class ${y} has probability p_t and the other ${result.classes - 1} classes share 1 - p_t evenly, ` +
        `(1 - p_t) / ${result.classes - 1} each; with the weights, smoothing and target above. ` +
        'Markers: this sample and the rows at their own p_t (their other classes are not spread evenly, so they need not lie on the curves).';
      renderRows(s, marks);
    },
    applyTheme(t) {
      for (const chart of [probChart, partChart, gradChart]) chart.applyTheme(t);
      curveChart.applyTheme(t);
    },
    onEditRow(handler) {
      editRow = handler;
    },
  };
}
