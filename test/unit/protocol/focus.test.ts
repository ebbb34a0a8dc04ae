// The `focus` host message (issue 14): a walkthrough step's state for the Loss Explorer. Its
// validator takes the sections and parameters the page knows, in range, and refuses anything else.
import * as assert from 'node:assert/strict';
import { EXPLORER_SECTIONS, isExplorerFocus, isHostMessage } from '../../../src/protocol';
import { SECTION_KEYS } from '../../../src/webview/state';
import { applyFocus, modeOfSection } from '../../../src/webview/focus';
import { defaultState } from '../../../src/webview/state';

describe('protocol: focus', () => {
  it('accepts each section alone and with parameters in range', () => {
    for (const section of EXPLORER_SECTIONS) assert.ok(isHostMessage({ type: 'focus', focus: { section } }), section);
    assert.ok(isExplorerFocus({ section: 'curves', alpha: null, gamma: 2, figure1: true, readPt: 0.9 }));
    assert.ok(isExplorerFocus({ section: 'imbalance', alpha: 0.25, gamma: 0, imbalanceScale: 'paper' }));
    assert.ok(isExplorerFocus({ section: 'examples', alpha: 0, readPt: 0 }));
    assert.ok(isExplorerFocus({ section: 'values', alpha: 1, readPt: 0.999, imbalanceScale: 'default' }));
  });

  it('refuses unknown sections, parameters out of range, wrong types and unknown keys', () => {
    const bad: unknown[] = [
      undefined,
      null,
      'curves',
      [],
      {},
      { section: 'figure1' },
      { section: 'Curves' },
      { section: 'curves', alpha: 1.5 },
      { section: 'curves', alpha: -0.1 },
      { section: 'curves', alpha: '0.25' },
      { section: 'curves', alpha: NaN },
      { section: 'curves', gamma: -1 },
      { section: 'curves', gamma: Infinity },
      { section: 'curves', gamma: null },
      { section: 'curves', figure1: 'yes' },
      { section: 'curves', readPt: 1 },
      { section: 'curves', readPt: -0.5 },
      { section: 'imbalance', imbalanceScale: 'huge' },
      { section: 'curves', gama: 2 },
      { section: 'curves', call: {} },
    ];
    for (const focus of bad) {
      assert.ok(!isExplorerFocus(focus), JSON.stringify(focus) ?? String(focus));
      assert.ok(!isHostMessage({ type: 'focus', focus }), JSON.stringify(focus) ?? String(focus));
    }
    assert.ok(!isHostMessage({ type: 'focus' }));
  });

  it("names the page's own sections", () => {
    assert.deepEqual([...EXPLORER_SECTIONS], [...SECTION_KEYS]);
  });
});

describe('webview: applyFocus', () => {
  it('opens the section in its view and sets only the parameters given', () => {
    const state = defaultState();
    state.call = { label: 'x', api: 'x', kind: 'focal', alpha: 0.5, gamma: 3 };
    state.sections.imbalance = false;
    const change = applyFocus(state, { section: 'imbalance', imbalanceScale: 'paper' });
    assert.deepEqual(change, { mode: 'binary', section: 'imbalance', imbalanceScaleChanged: true });
    assert.equal(state.sections.imbalance, true);
    assert.equal(state.imbalance.scale, 'paper');
    // No parameter given: the call and its parameters stay.
    assert.equal(state.call?.label, 'x');
    assert.equal(state.paramsSet, false);
    assert.equal(applyFocus(state, { section: 'imbalance', imbalanceScale: 'paper' }).imbalanceScaleChanged, false);
  });

  it('turns alpha off with null and on with a value, sets gamma, Figure 1 and the readout, and forgets the call', () => {
    const state = defaultState();
    state.call = { label: 'x', api: 'x', kind: 'focal', alpha: 0.5, gamma: 3 };
    applyFocus(state, { section: 'curves', alpha: null, gamma: 2, figure1: true, readPt: 0.9 });
    assert.equal(state.alphaOn, false);
    assert.equal(state.alpha, 0.25, 'the alpha box keeps its value while weighting is off');
    assert.equal(state.gamma, 2);
    assert.equal(state.figure1, true);
    assert.equal(state.readPt, 0.9);
    assert.equal(state.call, null);
    assert.equal(state.paramsSet, true);
    applyFocus(state, { section: 'curves', alpha: 0.75, gamma: 0, figure1: false });
    assert.equal(state.alphaOn, true);
    assert.equal(state.alpha, 0.75);
    assert.equal(state.gamma, 0);
    assert.equal(state.figure1, false);
  });

  it('switches to the multi-class view for its sections', () => {
    const state = defaultState();
    assert.equal(modeOfSection('mc-curve'), 'multiclass');
    assert.equal(applyFocus(state, { section: 'mc-classes', gamma: 1 }).mode, 'multiclass');
    assert.equal(state.mode, 'multiclass');
    assert.equal(state.gamma, 1);
    assert.equal(applyFocus(state, { section: 'examples' }).mode, 'binary');
    assert.equal(state.mode, 'binary');
  });
});
