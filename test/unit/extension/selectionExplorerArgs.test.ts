import * as assert from 'node:assert/strict';
import { parseSelection } from '../../../src/language/selection';
import { selectionClassLosses } from '../../../src/extension/selectionClassLosses';
import { selectionLosses } from '../../../src/extension/selectionLosses';
import { binarySelectionArgs, classSelectionArgs } from '../../../src/extension/selectionExplorerArgs';
import type { OpenExplorerArgs } from '../../../src/extension/explorerPanel';
import { DEFAULT_SETTINGS, explorerSettingsOf } from '../../../src/extension/settingsValues';
import { isExplorerCall, isExplorerClassPoints, isExplorerMulticlassCall, isExplorerPoint } from '../../../src/protocol';
import type { ExplorerMulticlassCall } from '../../../src/protocol';
import { applyCallUpdate, applyClassPointsUpdate, applyMulticlassCallUpdate, applyPointsUpdate, applySettingsUpdate } from '../../../src/webview/hostUpdates';
import { classRowLosses } from '../../../src/webview/multiclassModel';
import { resizeMulticlass } from '../../../src/webview/multiclassState';
import { defaultState, paramsOf } from '../../../src/webview/state';
import type { ExplorerState } from '../../../src/webview/state';
import { valueRows } from '../../../src/core/valueRows';

// The Loss Explorer after a call and then a selection: the panel's numbers must be the
// notification's. The panel is driven with the messages ExplorerPanel.createOrShow posts, in its
// order (call, points, multiclassCall, multiclassPoints), through the page's own state updates.

/** A MONAI-style two-class call with class weights, as following the cursor posts it. */
const WEIGHTED_CALL: ExplorerMulticlassCall = {
  label: 'monai.losses.FocalLoss (line 3)',
  api: 'monai.losses.FocalLoss',
  kind: 'focal',
  classes: 2,
  gamma: 2,
  classWeights: [0.2, 0.8],
  alpha: null,
  labelSmoothing: 0.1,
};

function post(state: ExplorerState, args: OpenExplorerArgs): void {
  if (args.call) applyCallUpdate(state, args.call);
  if (args.points) applyPointsUpdate(state, args.points, args.source ?? '');
  if (args.multiclassCall) applyMulticlassCallUpdate(state, args.multiclassCall);
  if (args.multiclassPoints) applyClassPointsUpdate(state, args.multiclassPoints, args.source ?? '');
}

function panelAfterCall(): ExplorerState {
  const state = defaultState();
  applySettingsUpdate(state, explorerSettingsOf(DEFAULT_SETTINGS));
  applyMulticlassCallUpdate(state, WEIGHTED_CALL);
  assert.deepEqual(state.multiclass.classWeights, [0.2, 0.8]);
  return state;
}

const relClose = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: panel ${a}, notification ${b}`);

describe('the Loss Explorer shows a selection with the notification\'s parameters', () => {
  for (const text of ['logits=[[2.0, 0.5, -1.0]], targets=[0]', 'logits = [[2.0, 0.5, -1.0, 0.3], [0.1, 0.2, 3.0, -2]]\ntargets = [0, 2]', 'logits=[[1.5, -0.5]], targets=[1]']) {
    it(`rows after a weighted two-class call: ${text.replace(/\n/g, ' ')}`, () => {
      const parsed = parseSelection(text);
      assert.ok(parsed.ok && parsed.kind === 'classes');
      const notification = selectionClassLosses(parsed, DEFAULT_SETTINGS, DEFAULT_SETTINGS.defaultGamma);
      const args = classSelectionArgs(parsed, DEFAULT_SETTINGS.defaultGamma);
      // What the host posts passes the page's own checks, so nothing is dropped on the way.
      assert.ok(isExplorerMulticlassCall(args.multiclassCall));
      assert.ok(isExplorerClassPoints(args.multiclassPoints));
      const state = panelAfterCall();
      post(state, args);
      const mc = state.multiclass;
      assert.equal(mc.classes, parsed.classes);
      assert.equal(mc.classWeights, null, 'class weights of the earlier call stay behind');
      assert.equal(mc.alpha, null);
      assert.equal(mc.labelSmoothing, 0);
      const rows = classRowLosses(state);
      assert.equal(rows.message, null);
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      relClose(sum(rows.ce), notification.ce.sum, 'CE');
      relClose(sum(rows.fl), notification.focal.sum, 'FL');
      assert.match(mc.call!.label, /Selection/);
    });
  }

  it('the issue\'s example: CE 0.2413 and FL 0.01109, not the weighted 0.04826 and 0.002219', () => {
    const parsed = parseSelection('logits=[[2.0, 0.5, -1.0]], targets=[0]');
    assert.ok(parsed.ok && parsed.kind === 'classes');
    const state = panelAfterCall();
    post(state, classSelectionArgs(parsed, 2));
    const rows = classRowLosses(state);
    assert.equal(rows.ce[0]!.toPrecision(4), '0.2413');
    assert.equal(rows.fl[0]!.toPrecision(4), '0.01109');
  });

  it('binary predictions after a call with other alpha and gamma take the settings the notification used', () => {
    const parsed = parseSelection('preds = [0.98, 0.2, 0.6]\nlabels = [1, 0, 1]');
    assert.ok(parsed.ok && parsed.kind !== 'classes' && parsed.targets);
    const notification = selectionLosses(parsed, parsed.targets, DEFAULT_SETTINGS, DEFAULT_SETTINGS.defaultAlpha, DEFAULT_SETTINGS.defaultGamma);
    const state = defaultState();
    applyCallUpdate(state, { label: 'fvcore sigmoid_focal_loss (line 9)', api: 'fvcore', kind: 'focal', alpha: null, gamma: 5 });
    const args = binarySelectionArgs(notification.points, DEFAULT_SETTINGS.defaultAlpha, DEFAULT_SETTINGS.defaultGamma);
    assert.ok(isExplorerCall(args.call) && args.points!.every(isExplorerPoint));
    post(state, args);
    const rows = valueRows(state.points, paramsOf(state), 17);
    const total = (key: 'ce' | 'balanced' | 'focal') => rows.reduce((acc, row) => acc + (row.ok ? row.breakdown[key] : NaN), 0);
    relClose(total('ce'), notification.sums.ce, 'CE');
    relClose(total('balanced'), notification.sums.balanced, 'balanced CE');
    relClose(total('focal'), notification.sums.focal, 'FL');
  });
});

describe('changing the number of classes', () => {
  it('drops class weights and per-class alpha instead of padding them', () => {
    const state = panelAfterCall();
    state.multiclass.alpha = { perClass: [0.3, 0.7] };
    resizeMulticlass(state.multiclass, 3);
    assert.equal(state.multiclass.classWeights, null);
    assert.equal(state.multiclass.alpha, null);
    assert.deepEqual(state.multiclass.logits.length, 3);
  });

  it('keeps a scalar alpha, which spreads over any number of classes', () => {
    const state = panelAfterCall();
    state.multiclass.alpha = { value: 0.25, appliesTo: 'foreground' };
    resizeMulticlass(state.multiclass, 4);
    assert.deepEqual(state.multiclass.alpha, { value: 0.25, appliesTo: 'foreground' });
  });
});
