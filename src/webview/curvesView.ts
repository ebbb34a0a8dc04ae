import { formatNumber, gradFromLogit, lossBreakdown } from '../core';
import type { LossKind } from '../core';
import { FIGURE1_GAMMAS, gradCurve, linspace, lossCurve, ptSamples } from '../core/curves';
import type { ValueRow } from '../core/valueRows';
import { LineChart } from './charts';
import type { Series } from './charts';
import { CURVE_LABELS } from './controls';
import { h } from './dom';
import { paramsOf } from './state';
import { s as str } from './strings';
import type { CurveKey, ExplorerState } from './state';
import type { ChartTheme } from './theme';
import { readoutDetail as detailText, readoutHeadline } from './readoutText';
import type { ReadoutInput } from './readoutText';

/*
 * Loss against p_t (the paper's Figure 1) and d loss / d logit against the logit, with a readout
 * that follows the pointer (or the keyboard, through its own slider).
 */

/** Points per curve: smooth at any panel width, and cheap enough to redraw on every slider step. */
export const CURVE_POINTS = 1000;
const LOGIT_RANGE = 8;

const KIND_COLOR: Record<CurveKey, number> = { ce: 0, balanced: 1, focal: 2, 'focal-star': 3 };

export interface CurvesView {
  readonly root: HTMLElement;
  readonly lossChart: LineChart;
  readonly gradChart: LineChart;
  /** Recomputes and redraws both charts and the readout. */
  update(state: ExplorerState, values: readonly ValueRow[]): void;
  /** Moves the readout and its marker only (the pointer moved). */
  updateReadout(state: ExplorerState, redraw?: boolean): void;
  applyTheme(theme: ChartTheme): void;
  /** The charts as PNG data URLs, with their title, parameters and legend. */
  lossPng(): string;
  gradPng(): string;
}

/** What the curves are drawn with, in words: the exported PNGs' caption. */
export function curveParameters(s: ExplorerState): string {
  const who = str(s.target === 1 ? 'curves.forPositives' : 'curves.forNegatives');
  const gamma = formatNumber(s.gamma);
  const beta = formatNumber(s.beta);
  const which = s.figure1
    ? str('curves.figure1Parameters')
    : s.alphaOn
      ? str('curves.parametersAlpha', formatNumber(s.alpha), gamma, beta)
      : str('curves.parametersNoAlpha', gamma, beta);
  return str('curves.parameters', who, which, s.base, str(s.yScale === 'log' ? 'curves.yLog' : 'curves.yLinear'));
}

export function buildCurvesView(
  state: ExplorerState,
  theme: ChartTheme,
  onReadPt: (pt: number) => void,
): CurvesView {
  const lossCanvas = h('canvas', { id: 'loss-chart', attrs: { role: 'img', 'aria-label': str('curves.lossAria') } });
  const gradCanvas = h('canvas', { id: 'grad-chart', attrs: { role: 'img', 'aria-label': str('curves.gradAria') } });
  const readout = h('p', { id: 'readout', className: 'readout', attrs: { 'aria-live': 'polite' } });
  const readoutDetail = h('p', { id: 'readout-detail', className: 'hint' });
  const note = h('p', { id: 'curves-note', className: 'hint' });
  const readSlider = h('input', {
    id: 'read-pt',
    attrs: { type: 'range', min: '0', max: '0.999', step: '0.001', 'aria-label': str('curves.readAria') },
  });
  readSlider.value = String(state.readPt);
  readSlider.addEventListener('input', () => onReadPt(Number(readSlider.value)));

  const lossChart = new LineChart(lossCanvas, { xTitle: str('curves.ptAxis'), yTitle: str('curves.lossAxis'), xMin: 0, xMax: 1 }, theme);
  const gradChart = new LineChart(
    gradCanvas,
    { xTitle: str('curves.logitAxis'), yTitle: 'd loss / d x', xMin: -LOGIT_RANGE, xMax: LOGIT_RANGE, linearOnly: true },
    theme,
  );

  // Pointer reads are coalesced to one per frame: pointermove can fire faster than the chart redraws.
  let pendingX: number | null = null;
  lossCanvas.addEventListener('pointermove', (event) => {
    const first = pendingX === null;
    pendingX = event.offsetX;
    if (!first) return;
    requestAnimationFrame(() => {
      const pt = lossChart.xAt(pendingX!);
      pendingX = null;
      if (Number.isFinite(pt)) onReadPt(Math.min(0.999, Math.max(0, pt)));
    });
  });

  const pts = ptSamples(CURVE_POINTS);
  const logits = linspace(-LOGIT_RANGE, LOGIT_RANGE, CURVE_POINTS);
  // One buffer per drawn curve, reused across redraws.
  const buffers: Float64Array[] = [];
  const buffer = (i: number) => (buffers[i] ??= new Float64Array(CURVE_POINTS));

  const readoutInput = (s: ExplorerState): ReadoutInput => {
    // The Figure 1 preset draws FL without alpha: the readout compares what is drawn.
    const params = s.figure1 ? { ...paramsOf(s), alpha: null } : paramsOf(s);
    return {
      breakdown: lossBreakdown({ p: s.target === 1 ? s.readPt : 1 - s.readPt }, s.target, params),
      alpha: params.alpha,
      gamma: s.gamma,
      digits: s.digits,
    };
  };
  let current = state;

  return {
    root: h(
      'div',
      { className: 'curves' },
      h('h3', { text: str('curves.lossTitle') }),
      // The headline says what the chart shows: above it, so it is on screen when the panel opens.
      readout,
      h('div', { className: 'chart-box' }, lossCanvas),
      lossChart.legend,
      h('div', { className: 'readout-row' }, h('label', { text: str('curves.readAt'), attrs: { for: 'read-pt' } }), readSlider),
      readoutDetail,
      note,
      h('h3', { text: str('curves.gradTitle') }),
      h('div', { className: 'chart-box' }, gradCanvas),
      gradChart.legend,
    ),
    lossChart,
    gradChart,
    update(s, values) {
      current = s;
      const params = paramsOf(s);
      const f = (v: number) => formatNumber(v, s.digits);
      const lossSeries: Series[] = [];
      const gradSeries: Series[] = [];
      const notes: string[] = [];
      let slot = 0;
      if (s.figure1) {
        FIGURE1_GAMMAS.forEach((g, i) => {
          const fl = { alpha: null, gamma: g, base: params.base };
          const label = g === 0 ? str('curves.gamma0') : str('curves.gamma', g);
          lossSeries.push({ label, xs: pts, ys: lossCurve('focal', pts, s.target, fl, buffer(slot++)), colorIndex: i });
          gradSeries.push({ label, xs: logits, ys: gradCurve('focal', logits, s.target, fl, buffer(slot++)), colorIndex: i });
        });
        notes.push(str('curves.figure1Note'));
      } else {
        for (const key of Object.keys(CURVE_LABELS) as CurveKey[]) {
          if (!s.curves[key]) continue;
          if (key === 'focal-star' && s.gamma === 0) {
            notes.push(str('curves.noStarAtGamma0'));
            continue;
          }
          const kind: LossKind = key;
          const label = CURVE_LABELS[key];
          lossSeries.push({ label, xs: pts, ys: lossCurve(kind, pts, s.target, params, buffer(slot++)), colorIndex: KIND_COLOR[key], dashed: key === 'focal-star' });
          gradSeries.push({ label, xs: logits, ys: gradCurve(kind, logits, s.target, params, buffer(slot++)), colorIndex: KIND_COLOR[key], dashed: key === 'focal-star' });
        }
      }
      const ok = values.flatMap((row) => (row.ok ? [row.breakdown] : []));
      if (ok.length > 0) {
        const fl = ok.map((b) => b.focal);
        const ce = ok.map((b) => b.ce);
        lossSeries.push({ label: str('curves.yourFL'), xs: ok.map((b) => b.pt), ys: fl, colorIndex: 4, markers: true, pointLabel: (i) => `FL ${f(fl[i]!)}` });
        lossSeries.push({ label: str('curves.yourCE'), xs: ok.map((b) => b.pt), ys: ce, colorIndex: 5, markers: true, pointLabel: (i) => `CE ${f(ce[i]!)}` });
        const finite = ok.filter((b) => Number.isFinite(b.logit));
        const grads = finite.map((b) => gradFromLogit('focal', b.logit, b.y, params));
        gradSeries.push({
          label: str('curves.yourGrad'),
          xs: finite.map((b) => b.logit),
          ys: grads,
          colorIndex: 4,
          markers: true,
          pointLabel: (i) => str('curves.gradPoint', f(finite[i]!.logit), f(grads[i]!)),
        });
      }
      notes.push(str(s.target === 1 ? 'curves.notePositives' : 'curves.noteNegatives', s.base));
      lossChart.setMarker(s.readPt, false);
      lossChart.update(lossSeries, s.yScale);
      gradChart.update(gradSeries, 'linear');
      note.textContent = notes.join(' ');
      this.updateReadout(s, false);
    },
    updateReadout(s, redraw = true) {
      lossChart.setMarker(s.readPt, redraw);
      readSlider.value = String(s.readPt);
      const input = readoutInput(s);
      readout.textContent = readoutHeadline(input);
      readoutDetail.textContent = detailText(input);
    },
    applyTheme(theme) {
      lossChart.applyTheme(theme);
      gradChart.applyTheme(theme);
    },
    lossPng: () => lossChart.toPng(str('curves.lossTitle'), curveParameters(current)),
    gradPng: () => gradChart.toPng(str('curves.gradPng'), curveParameters(current)),
  };
}
