import * as assert from 'node:assert/strict';
import { lossFromLogit, lossFromProb } from '../../../src/core';
import { parseSelection } from '../../../src/language/selection';
import type { SelectionValues } from '../../../src/language/selection';
import { MAX_PLOTTED_POINTS, selectionLosses } from '../../../src/extension/selectionLosses';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';
import { assertClose } from '../core/closeTo';

function read(text: string): SelectionValues {
  const parsed = parseSelection(text);
  assert.ok(parsed.ok && parsed.kind === 'binary', `could not read ${text} as binary: ${JSON.stringify(parsed)}`);
  return parsed;
}

describe('losses of a selection', () => {
  it('sums every loss with the core and plots each prediction', () => {
    const values = read('[0.98, 0.2], [1, 0]');
    const result = selectionLosses(values, values.targets!, DEFAULT_SETTINGS, 0.25, 2);
    const fl = lossFromProb('focal', 0.98, 1, { alpha: 0.25, gamma: 2 }) + lossFromProb('focal', 0.2, 0, { alpha: 0.25, gamma: 2 });
    assertClose(result.sums.focal, fl, 1e-12, 0, 'focal sum');
    assertClose(result.sums.ce, lossFromProb('ce', 0.98, 1) + lossFromProb('ce', 0.2, 0), 1e-12, 0, 'ce sum');
    assert.deepEqual(result.points, [{ p: 0.98, y: 1 }, { p: 0.2, y: 0 }]);
    assert.match(result.summary, /^2 predictions: CE .* \(mean\) at alpha 0\.25, gamma 2 \(natural log\)$/);
  });

  it('reads logits as logits, says so, and follows the base setting', () => {
    const values = read('logits=[2.5, -1.0], targets=[1, 0]');
    const result = selectionLosses(values, values.targets!, { ...DEFAULT_SETTINGS, logBase: '2' }, null, 2);
    assertClose(result.sums.ce, (lossFromLogit('ce', 2.5, 1) + lossFromLogit('ce', -1, 0)) / Math.LN2, 1e-12, 0, 'ce in bits');
    assert.deepEqual(result.points, [{ logit: 2.5, y: 1 }, { logit: -1, y: 0 }]);
    assert.match(result.summary, /no alpha, gamma 2 \(log2\)/);
    assert.equal(result.space, 'logit');
  });

  it('plots at most MAX_PLOTTED_POINTS but totals all', () => {
    const n = MAX_PLOTTED_POINTS + 500;
    const values = read(`[${Array.from({ length: n }, (_, i) => ((i % 97) + 1) / 100).join(', ')}]`);
    const result = selectionLosses(values, values.predictions.map(() => 1), DEFAULT_SETTINGS, 0.25, 2);
    assert.equal(result.points.length, MAX_PLOTTED_POINTS);
    assert.equal(result.count, n);
    assert.ok(result.notes.some((note) => note.includes(`first ${MAX_PLOTTED_POINTS.toLocaleString('en-US')}`)));
  });
});
