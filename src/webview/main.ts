import { logBaseValue, isHostMessage } from '../protocol';
import type { ExplorerCall, ExplorerMulticlassCall, HostMessage } from '../protocol';
import { valueRows, valueTable } from '../core/valueRows';
import type { ValueInput, ValueRow } from '../core/valueRows';
import { buildControls } from './controls';
import type { ChangeKind } from './controls';
import { buildCurvesView } from './curvesView';
import { h } from './dom';
import { buildExamplesView } from './examplesView';
import { buildBatchView } from './batchView';
import { buildExportView } from './exportView';
import { applyFocus, revealSection } from './focus';
import { buildImbalanceView } from './imbalanceView';
import { buildModeSwitch } from './modeSwitch';
import { buildMulticlassOutputs } from './multiclassCharts';
import { buildMulticlassInputs } from './multiclassInputs';
import type { MulticlassChange } from './multiclassInputs';
import { applyCallUpdate, applyClassPointsUpdate, applyMulticlassCallUpdate, applyPointsUpdate, applySettingsUpdate } from './hostUpdates';
import { loadClassPoint } from './multiclassState';
import { foldingSection } from './sections';
import type { FoldingKey } from './state';
import { MAX_POINTS, paramsOf, restoreState } from './state';
import type { ViewMode } from './state';
import { s } from './strings';
import { readTheme, watchTheme } from './theme';
import { displayRows } from './valueCells';
import { buildValuesView } from './valuesView';
import { loadState, postToHost, saveState } from './vscodeApi';

/*
 * The Loss Explorer app. It computes everything itself with the numeric core, so moving a slider
 * never waits for the host; the host only sends calls, points, settings and paused batches, and
 * does what the page cannot (clipboard, files). Two views share gamma, the log base and the y axis:
 * binary (sigmoid) losses and a multi-class (softmax) sample; the third, this batch, has its own
 * parameters. Only the view shown is recomputed; the others are brought up to date when shown again.
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

// The settings the panel starts from (default alpha and gamma, log base, precision) are one click away.
const settingsLink = h('button', { id: 'open-settings', className: 'link-button', text: s('explorer.settings'), attrs: { type: 'button', title: s('explorer.settingsTitle') } });
settingsLink.addEventListener('click', () => postToHost({ type: 'openSettings' }));

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
    if (!state.source.includes(s('values.typed'))) state.source = state.source ? s('values.andTyped', state.source) : s('values.typed');
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
  lossPng: () => curves.lossPng(),
  gradPng: () => curves.gradPng(),
  post: postToHost,
});
const mcInputs = buildMulticlassInputs(state, onMulticlassChange);
const mcOutputs = buildMulticlassOutputs(theme, postToHost);
mcOutputs.onEditRow((index) => {
  const point = state.multiclass.points[index];
  if (!point) return;
  loadClassPoint(state.multiclass, point);
  onMulticlassChange('classes');
});

const onToggle = (_key: FoldingKey, _open: boolean) => persist();
const binarySections = [
  foldingSection('curves', s('section.curves'), state, onToggle, controls.binaryRoot, curves.root),
  foldingSection('values', s('section.values'), state, onToggle, values.root, exporter.root),
  foldingSection('imbalance', s('section.imbalance'), state, onToggle, imbalance.root),
  foldingSection('examples', s('section.examples'), state, onToggle, examples.root),
];
const multiclassSections = [
  foldingSection('mc-sample', s('section.mcSample'), state, onToggle, mcInputs.root),
  foldingSection('mc-classes', s('section.mcClasses'), state, onToggle, mcOutputs.classesRoot),
  foldingSection('mc-curve', s('section.mcCurve'), state, onToggle, mcOutputs.curveRoot),
];
const binaryView = h('div', { id: 'binary-view', attrs: { role: 'region', 'aria-label': s('explorer.binaryRegion') } }, ...binarySections.map((section) => section.root));
const multiclassView = h('div', { id: 'multiclass-view', attrs: { role: 'region', 'aria-label': s('explorer.multiclassRegion') } }, ...multiclassSections.map((section) => section.root));
const batch = buildBatchView(theme, state.digits, postToHost);
const batchSections = [
  foldingSection('batch-summary', s('section.batchSummary'), state, onToggle, batch.controlsRoot, batch.summaryRoot),
  foldingSection('batch-figure4', s('section.batchFigure4'), state, onToggle, batch.figure4Root),
  foldingSection('batch-histograms', s('section.batchHistograms'), state, onToggle, batch.histogramRoot),
  foldingSection('batch-samples', s('section.batchSamples'), state, onToggle, batch.samplesRoot),
];
const batchView = h('div', { id: 'batch-view', attrs: { role: 'region', 'aria-label': s('explorer.batchRegion') } }, batch.headerRoot, ...batchSections.map((section) => section.root));
const modeSwitch = buildModeSwitch(state.mode, (mode) => showMode(mode));

document.getElementById('app')!.append(
  h(
    'header',
    {},
    h('h1', { text: s('explorer.title') }),
    callLabel,
    h('span', { className: 'check' }, followBox, h('label', { text: s('explorer.follow'), attrs: { for: 'follow' } })),
    settingsLink,
  ),
  modeSwitch.root,
  controls.sharedRoot,
  binaryView,
  multiclassView,
  batchView,
);

function computeValues(): void {
  rows = displayRows(valueRows(state.points, paramsOf(state), state.digits), state.digits);
  values.render(rows, state.source);
}

function refreshValues(): void {
  computeValues();
  curves.update(state, rows);
  persist();
}

function showCallLabel(): void {
  // The batch view names its own call and stop.
  if (state.mode === 'batch') return void (callLabel.textContent = '');
  const call: ExplorerCall | ExplorerMulticlassCall | null = state.mode === 'binary' ? state.call : state.multiclass.call;
  callLabel.textContent = call ? s('explorer.showing', call.label) : s('explorer.notFollowing');
}

function onControlChange(kind: ChangeKind): void {
  if (state.mode === 'batch') {
    if (kind === 'digits') batch.refresh(state.digits);
    persist();
    return;
  }
  if (state.mode === 'multiclass') {
    if (kind === 'digits' || kind === 'base') mcInputs.sync(state);
    mcOutputs.update(state);
    persist();
    return;
  }
  if (kind !== 'view') computeValues();
  curves.update(state, rows);
  if (kind !== 'view') imbalance.update(state);
  if (kind === 'base' || kind === 'digits') examples.render(logBaseValue(state.base), state.base, state.digits);
  persist();
}

function onMulticlassChange(change: MulticlassChange): void {
  if (change === 'classes') mcInputs.sync(state);
  mcOutputs.update(state);
  persist();
}

/** Shows `mode`'s view, brought up to date: the hidden one is not recomputed while hidden. */
function showMode(mode: ViewMode): void {
  state.mode = mode;
  modeSwitch.set(mode);
  binaryView.hidden = mode !== 'binary';
  multiclassView.hidden = mode !== 'multiclass';
  batchView.hidden = mode !== 'batch';
  // gamma, the log base and the y axis are the other views'; the batch view has its own parameters.
  controls.sharedRoot.hidden = mode === 'batch';
  renderAll();
}

function renderAll(): void {
  controls.sync(state);
  showCallLabel();
  if (state.mode === 'batch') {
    batch.refresh(state.digits);
  } else if (state.mode === 'multiclass') {
    mcInputs.sync(state);
    onControlChange('params');
  } else {
    onControlChange('base');
  }
}

function receive(message: HostMessage): void {
  switch (message.type) {
    case 'batch':
      batch.show(message.batch);
      showMode('batch');
      return;
    case 'batchStatus':
      batch.showStatus(message.status, message.detail);
      return;
    case 'call':
      showMode(applyCallUpdate(state, message.call));
      return;
    case 'points':
      applyPointsUpdate(state, message.points, message.source);
      if (state.mode === 'binary') refreshValues();
      else showMode('binary');
      return;
    case 'multiclassCall':
      showMode(applyMulticlassCallUpdate(state, message.call));
      return;
    case 'multiclassPoints':
      showMode(applyClassPointsUpdate(state, message.points, message.source));
      return;
    case 'settings':
      applySettingsUpdate(state, message.settings);
      renderAll();
      return;
    case 'focus': {
      const change = applyFocus(state, message.focus);
      showMode(change.mode);
      revealSection(change, state);
      return;
    }
    case 'exported':
      // Said next to the buttons of the view that exported (the other view is hidden).
      if (state.mode === 'batch') batch.showExportResult(message.what, message.ok, message.detail);
      else if (state.mode === 'multiclass') mcOutputs.showExportResult(message.what, message.ok, message.detail);
      else exporter.showResult(message.what, message.ok, message.detail);
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
  mcOutputs.applyTheme(theme);
  batch.applyTheme(theme);
});

// The binary view's values and imbalance classes exist from the start: exports and the host's
// "Copy Values as Markdown Table" read them whichever view is shown.
computeValues();
imbalance.rebuild(state);
showMode(state.mode);
postToHost({ type: 'ready' });
postToHost({ type: 'follow', follow: state.follow });
