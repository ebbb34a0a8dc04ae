import { valueRows, valueTable } from '../core/valueRows';
import type { ValueInput, ValueRow } from '../core/valueRows';
import { isHostMessage, logBaseValue } from '../protocol';
import type { ExplorerCall, HostMessage } from '../protocol';
import { buildControls } from './controls';
import type { ChangeKind } from './controls';
import { buildCurvesView } from './curvesView';
import { h } from './dom';
import { buildExamplesView } from './examplesView';
import { buildExportView } from './exportView';
import { buildImbalanceView } from './imbalanceView';
import { MAX_POINTS, paramsOf, restoreState } from './state';
import { readTheme, watchTheme } from './theme';
import { buildValuesView } from './valuesView';
import { loadState, postToHost, saveState } from './vscodeApi';

/*
 * The Loss Explorer app. It computes everything itself with the numeric core, so moving a slider
 * never waits for the host; the host only sends calls, points and settings, and does what the
 * page cannot (clipboard, files).
 */

const state = restoreState(loadState());
let theme = readTheme();
let rows: ValueRow[] = [];

const persist = () => saveState(state);

const callLabel = h('p', { id: 'call-label', className: 'call-label', attrs: { 'aria-live': 'polite' } });
const followBox = h('input', { id: 'follow', attrs: { type: 'checkbox' } });
followBox.checked = state.follow;
followBox.addEventListener('change', () => {
  state.follow = followBox.checked;
  postToHost({ type: 'follow', follow: state.follow });
  persist();
});

const controls = buildControls(state, onControlChange);
const curves = buildCurvesView(state, theme, (pt) => {
  state.readPt = pt;
  curves.updateReadout(state);
  persist();
});
const values = buildValuesView({
  check(input: ValueInput) {
    // Computing the row is the check: the core's own message if it refuses.
    const [row] = valueRows([input], paramsOf(state), state.digits);
    return row && !row.ok ? row.message : null;
  },
  onAdd(input) {
    if (state.points.length >= MAX_POINTS) state.points.shift();
    state.points.push(input);
    if (!state.source.includes('typed')) state.source = state.source ? `${state.source} and typed values` : 'typed values';
    refreshValues();
  },
  onClear() {
    state.points = [];
    state.source = '';
    refreshValues();
  },
});
const examples = buildExamplesView();
const imbalance = buildImbalanceView(state, theme, () => {
  imbalance.rebuild(state);
  persist();
});
const exporter = buildExportView({
  table: () => valueTable(rows),
  lossPng: () => curves.lossChart.toPng(),
  gradPng: () => curves.gradChart.toPng(),
  post: postToHost,
});

document.getElementById('app')!.append(
  h(
    'header',
    {},
    h('h1', { text: 'Loss Explorer' }),
    callLabel,
    h('span', { className: 'check' }, followBox, h('label', { text: 'Follow the editor (uncheck to lock this view)', attrs: { for: 'follow' } })),
  ),
  controls.root,
  curves.root,
  values.root,
  exporter.root,
  imbalance.root,
  examples.root,
);

function computeValues(): void {
  rows = valueRows(state.points, paramsOf(state), state.digits);
  values.render(rows, state.source);
}

function refreshValues(): void {
  computeValues();
  curves.update(state, rows);
  persist();
}

function showCallLabel(call: ExplorerCall | null): void {
  callLabel.textContent = call ? `Showing ${call.label}` : 'Not following a call: set the parameters below, or put the cursor on a loss call.';
}

function onControlChange(kind: ChangeKind): void {
  if (kind !== 'view') computeValues();
  curves.update(state, rows);
  if (kind !== 'view') imbalance.update(state);
  if (kind === 'base' || kind === 'digits') examples.render(logBaseValue(state.base), state.base, state.digits);
  persist();
}

function renderAll(): void {
  controls.sync(state);
  showCallLabel(state.call);
  onControlChange('base');
}

function applyCall(call: ExplorerCall): void {
  state.call = call;
  state.alphaOn = call.alpha !== null;
  if (call.alpha !== null) state.alpha = call.alpha;
  state.gamma = call.gamma;
  if (call.beta !== undefined) state.beta = call.beta;
  if (call.kind === 'focal-star') state.curves['focal-star'] = true;
  state.figure1 = false;
  state.paramsSet = true;
  renderAll();
}

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'call':
      applyCall(message.call);
      return;
    case 'points':
      state.points = message.points.slice(0, MAX_POINTS).map((p) => ({ ...p }));
      state.source = message.source;
      refreshValues();
      return;
    case 'settings': {
      const s = message.settings;
      state.base = s.logBase;
      state.digits = s.precision;
      // Defaults apply until a person or a call has set the parameters.
      if (!state.paramsSet) {
        state.alphaOn = s.defaultAlpha !== null;
        if (s.defaultAlpha !== null) state.alpha = s.defaultAlpha;
        state.gamma = s.defaultGamma;
      }
      renderAll();
      return;
    }
    case 'exported':
      exporter.showResult(message.what, message.ok, message.detail);
      return;
    case 'export':
      exporter.run(message.action, message.format);
      return;
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  // Whatever arrives is checked against the protocol before use.
  if (isHostMessage(event.data)) receive(event.data);
});

watchTheme(() => {
  theme = readTheme();
  curves.applyTheme(theme);
  imbalance.applyTheme(theme);
});

renderAll();
imbalance.rebuild(state);
postToHost({ type: 'ready' });
postToHost({ type: 'follow', follow: state.follow });
