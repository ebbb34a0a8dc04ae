import { formatNumber, LossInputError } from '../core';
import { classSamples, FIGURE4_GAMMAS, focalPass, imbalanceRows } from '../core/imbalance';
import type { ClassSamples, ImbalanceLoss } from '../core/imbalance';
import { linspace } from '../core/curves';
import { LineChart } from './charts';
import type { Series } from './charts';
import { h } from './dom';
import { numberControl } from './numberControl';
import { typedValue } from './typedNumber';
import { paramsOf } from './state';
import { s as str } from './strings';
import type { ExplorerState, ImbalanceParams, ImbalanceScale } from './state';
import type { ChartTheme } from './theme';

/*
 * Class imbalance: many easy negatives against few positives, each class a normal distribution of
 * logits. Shows where each loss's total comes from and the paper's Figure 4. The classes are
 * built once per distribution; a gamma or alpha change is then one pass per class.
 */

export const SCALES: Record<ImbalanceScale, { positives: number; negatives: number; label: 'imbalance.scaleDefault' | 'imbalance.scalePaper' }> = {
  default: { positives: 100, negatives: 100_000, label: 'imbalance.scaleDefault' },
  paper: { positives: 100_000, negatives: 10_000_000, label: 'imbalance.scalePaper' },
};

const LOSS_NAMES: Record<ImbalanceLoss, string> = { ce: 'CE', balanced: 'balanced CE', focal: 'FL' };
const HEADERS = ['imbalance.loss', 'imbalance.total', 'imbalance.perPositive', 'imbalance.easyNegatives', 'imbalance.hardNegatives', 'imbalance.positives'] as const;
/** Points on each Figure 4 curve. */
const FIGURE4_MARKS = 201;
/** At paper scale a rebuild takes a moment, so slider moves are gathered for this long first. */
const PAPER_DEBOUNCE_MS = 250;

export interface ImbalanceView {
  readonly root: HTMLElement;
  /** The distributions changed (or first render): rebuild the classes, Figure 4 and the table. */
  rebuild(state: ExplorerState): void;
  /** alpha, gamma or the base changed: one pass per class, then the table. */
  update(state: ExplorerState): void;
  applyTheme(theme: ChartTheme): void;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(share < 0.001 && share > 0 ? 3 : 1)}%`;
}

export function buildImbalanceView(state: ExplorerState, theme: ChartTheme, onChange: () => void): ImbalanceView {
  let positives: ClassSamples | null = null;
  let negatives: ClassSamples | null = null;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const status = h('p', { id: 'imbalance-status', className: 'hint', attrs: { 'aria-live': 'polite' } });

  const changed = (field: keyof Omit<ImbalanceParams, 'scale'>) => (value: number, text: string): string | null => {
    const candidate = { ...state.imbalance, [field]: typedValue(value, text) };
    try {
      // Checked on a tiny class: the same validation as the real one, without its cost.
      classSamples(0, { count: 1, meanLogit: candidate.negMean, sdLogit: candidate.negSd });
      classSamples(1, { count: 1, meanLogit: candidate.posMean, sdLogit: candidate.posSd });
    } catch (e) {
      if (!(e instanceof LossInputError)) throw e;
      return e.message;
    }
    state.imbalance[field] = value;
    clearTimeout(debounce);
    if (state.imbalance.scale === 'paper') {
      status.textContent = str('imbalance.recomputing');
      debounce = setTimeout(onChange, PAPER_DEBOUNCE_MS);
    } else {
      onChange();
    }
    return null;
  };

  const controls = {
    negMean: numberControl({ id: 'neg-mean', label: str('imbalance.negMean'), min: -10, max: 2, step: 0.1, value: state.imbalance.negMean, onInput: changed('negMean') }),
    negSd: numberControl({ id: 'neg-sd', label: str('imbalance.negSd'), min: 0, max: 4, step: 0.1, value: state.imbalance.negSd, onInput: changed('negSd') }),
    posMean: numberControl({ id: 'pos-mean', label: str('imbalance.posMean'), min: -4, max: 8, step: 0.1, value: state.imbalance.posMean, onInput: changed('posMean') }),
    posSd: numberControl({ id: 'pos-sd', label: str('imbalance.posSd'), min: 0, max: 4, step: 0.1, value: state.imbalance.posSd, onInput: changed('posSd') }),
  };
  const scale = h('select', { id: 'imbalance-scale' }, ...(Object.keys(SCALES) as ImbalanceScale[]).map((key) => h('option', { text: str(SCALES[key].label), attrs: { value: key } })));
  scale.value = state.imbalance.scale;
  scale.addEventListener('change', () => {
    state.imbalance.scale = scale.value === 'paper' ? 'paper' : 'default';
    status.textContent = state.imbalance.scale === 'paper' ? str('imbalance.building') : '';
    // Let the status paint before the work starts.
    setTimeout(onChange, 0);
  });

  const body = h('tbody');
  const table = h('table', { id: 'imbalance-table' }, h('thead', {}, h('tr', {}, ...HEADERS.map((t) => h('th', { text: str(t), attrs: { scope: 'col' } })))), body);
  const posCanvas = h('canvas', { id: 'figure4-positives', attrs: { role: 'img', 'aria-label': str('imbalance.positivesAria') } });
  const negCanvas = h('canvas', { id: 'figure4-negatives', attrs: { role: 'img', 'aria-label': str('imbalance.negativesAria') } });
  const axes = (xTitle: string) => ({ xTitle, yTitle: str('imbalance.cumulativeAxis'), xMin: 0, xMax: 1, linearOnly: true });
  const posChart = new LineChart(posCanvas, axes(str('imbalance.positivesAxis')), theme);
  const negChart = new LineChart(negCanvas, axes(str('imbalance.negativesAxis')), theme);
  const fractions = linspace(0, 1, FIGURE4_MARKS);

  const renderTable = (s: ExplorerState, focal?: Parameters<typeof imbalanceRows>[3]) => {
    if (!positives || !negatives) return;
    const params = paramsOf(s);
    const rows = imbalanceRows(positives, negatives, params, focal);
    const f = (v: number) => formatNumber(v, s.digits);
    body.replaceChildren(
      ...rows.map((row) =>
        h(
          'tr',
          {},
          h('th', { text: LOSS_NAMES[row.loss], attrs: { scope: 'row' } }),
          h('td', { text: f(row.total) }),
          h('td', { text: f(row.perPositive) }),
          h('td', { text: percent(row.easyNegativeShare) }),
          h('td', { text: percent(row.hardNegativeShare) }),
          h('td', { text: percent(row.positiveShare) }),
        ),
      ),
    );
  };

  return {
    root: h(
      'div',
      { className: 'imbalance' },
      h('p', { className: 'hint', text: str('imbalance.hint') }),
      h('div', { className: 'row' }, h('label', { text: str('imbalance.counts'), attrs: { for: 'imbalance-scale' } }), scale),
      controls.negMean.root,
      controls.negSd.root,
      controls.posMean.root,
      controls.posSd.root,
      status,
      h('div', { className: 'table-scroll' }, table),
      h('h3', { text: str('imbalance.figure4') }),
      h(
        'div',
        { className: 'chart-pair' },
        h('div', {}, h('div', { className: 'chart-box small' }, posCanvas), posChart.legend),
        h('div', {}, h('div', { className: 'chart-box small' }, negCanvas), negChart.legend),
      ),
    ),
    rebuild(s) {
      const started = performance.now();
      const counts = SCALES[s.imbalance.scale];
      positives = classSamples(1, { count: counts.positives, meanLogit: s.imbalance.posMean, sdLogit: s.imbalance.posSd });
      negatives = classSamples(0, { count: counts.negatives, meanLogit: s.imbalance.negMean, sdLogit: s.imbalance.negSd });
      const figure = (samples: ClassSamples): Series[] =>
        FIGURE4_GAMMAS.map((gamma, i) => {
          const ys = new Float64Array(FIGURE4_MARKS);
          focalPass(samples, gamma, ys);
          return { label: str('curves.gamma', gamma), xs: fractions, ys, colorIndex: i };
        });
      posChart.update(figure(positives), 'linear');
      negChart.update(figure(negatives), 'linear');
      renderTable(s);
      status.textContent = str('imbalance.built', str(counts.label), Math.round(performance.now() - started));
    },
    update(s) {
      renderTable(s);
    },
    applyTheme(t) {
      posChart.applyTheme(t);
      negChart.applyTheme(t);
    },
  };
}
