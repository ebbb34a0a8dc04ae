import * as assert from 'node:assert/strict';
import { gradFromLogit, lossFromProb } from '../../../src/core';
import { FIGURE1_GAMMAS, gradCurve, linspace, lossCurve, ptSamples } from '../../../src/core/curves';

describe('core/curves', () => {
  it('linspace includes both ends', () => {
    const xs = linspace(-2, 2, 5);
    assert.deepEqual(Array.from(xs), [-2, -1, 0, 1, 2]);
    assert.deepEqual(Array.from(linspace(3, 9, 1)), [3]);
  });

  it('p_t samples stay inside (0, 1)', () => {
    const pts = ptSamples(1000);
    assert.equal(pts.length, 1000);
    assert.ok(pts[0]! > 0 && pts[999]! < 1);
  });

  it('loss curves agree with lossFromProb for positives and negatives', () => {
    const pts = ptSamples(11);
    const params = { alpha: 0.25, gamma: 2 };
    const pos = lossCurve('focal', pts, 1, params);
    const neg = lossCurve('focal', pts, 0, params);
    for (let i = 0; i < pts.length; i++) {
      assert.equal(pos[i], lossFromProb('focal', pts[i]!, 1, params));
      assert.equal(neg[i], lossFromProb('focal', 1 - pts[i]!, 0, params));
    }
  });

  it('FL* and balanced CE curves agree with lossFromProb too', () => {
    const pts = ptSamples(7);
    const params = { alpha: 0.75, gamma: 4, beta: 1, base: 2 };
    for (const kind of ['focal-star', 'balanced', 'ce'] as const) {
      const curve = lossCurve(kind, pts, 0, params);
      for (let i = 0; i < pts.length; i++) assert.equal(curve[i], lossFromProb(kind, 1 - pts[i]!, 0, params));
    }
  });

  it('Figure 1: FL at gamma 2 is 100x lower than CE at p_t = 0.9', () => {
    const pts = Float64Array.of(0.9);
    const ce = lossCurve('ce', pts, 1, {})[0]!;
    const fl = lossCurve('focal', pts, 1, { gamma: 2 })[0]!;
    assert.ok(Math.abs(ce / fl - 100) < 1e-9);
    assert.deepEqual(FIGURE1_GAMMAS, [0, 0.5, 1, 2, 5]);
  });

  it('gradient curves agree with gradFromLogit and write into the given array', () => {
    const xs = linspace(-6, 6, 13);
    const out = new Float64Array(13);
    const back = gradCurve('focal-star', xs, 1, { gamma: 2, beta: 1 }, out);
    assert.equal(back, out);
    for (let i = 0; i < xs.length; i++) assert.equal(out[i], gradFromLogit('focal-star', xs[i]!, 1, { gamma: 2, beta: 1 }));
  });
});
