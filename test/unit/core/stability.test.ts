import * as assert from 'node:assert/strict';
import { LOSS_KINDS, batchFromLogits, gradFromLogit, lossFromLogit, lossFromProb } from '../../../src/core';
import { assertClose } from './closeTo';

const finite = (v: number) => Number.isFinite(v);

describe('numerical stability', () => {
  it('is finite and exact in the tails at |x| = 1000', () => {
    for (const kind of LOSS_KINDS) {
      for (const x of [-1000, 1000, -40, 40]) {
        for (const y of [0, 0.3, 1]) {
          for (const gamma of [0.25, 0.5, 1, 2, 5]) {
            const params = { alpha: 0.25, gamma };
            const loss = lossFromLogit(kind, x, y, params);
            const grad = gradFromLogit(kind, x, y, params);
            assert.ok(finite(loss) && loss >= 0, `${kind} loss x=${x} y=${y} gamma=${gamma}: ${loss}`);
            assert.ok(finite(grad), `${kind} grad x=${x} y=${y} gamma=${gamma}: ${grad}`);
          }
        }
      }
    }
    // A confident mistake costs |x|: CE(x = -1000, y = 1) = softplus(1000) = 1000.
    assert.equal(lossFromLogit('ce', -1000, 1), 1000);
    assert.equal(lossFromLogit('ce', 1000, 0), 1000);
    // A confident hit costs exp(-|x|), not 0 from cancellation.
    assertClose(lossFromLogit('ce', 40, 1), Math.exp(-40), 1e-12, 0, 'CE(40, 1)');
    assertClose(gradFromLogit('ce', 40, 1), -Math.exp(-40), 1e-12, 0, 'dCE/dx at 40');
  });

  it('gives the mathematical limits at infinite logits, never NaN', () => {
    assert.equal(lossFromLogit('ce', Infinity, 1), 0);
    assert.equal(lossFromLogit('ce', -Infinity, 1), Infinity);
    assert.equal(lossFromLogit('focal', Infinity, 0, { gamma: 2 }), Infinity);
    assert.equal(lossFromLogit('focal', -Infinity, 0, { gamma: 2 }), 0);
    assert.equal(lossFromLogit('focal', Infinity, 0.5), Infinity);
    assert.equal(lossFromLogit('balanced', -Infinity, 1, { alpha: 0 }), 0);
    for (const kind of LOSS_KINDS) {
      for (const x of [Infinity, -Infinity]) {
        for (const y of [0, 0.5, 1]) {
          const grad = gradFromLogit(kind, x, y, { alpha: 0.25, gamma: 0.5 });
          assert.ok(!Number.isNaN(grad) && finite(grad), `${kind} grad x=${x} y=${y}: ${grad}`);
          assert.ok(!Number.isNaN(lossFromLogit(kind, x, y, { alpha: 0.25, gamma: 0.5 })));
        }
      }
    }
  });

  it('returns the finite limit 0 of the gradient where autograd gives NaN (gamma < 1, saturated)', () => {
    for (const gamma of [0.1, 0.5, 0.9]) {
      assert.equal(gradFromLogit('focal', 800, 1, { gamma }), 0);
      assert.equal(gradFromLogit('focal', -800, 0, { gamma }), 0);
      const near = gradFromLogit('focal', 30, 1, { gamma });
      assert.ok(finite(near) && Math.abs(near) < 1e-12, `gamma ${gamma} at x = 30: ${near}`);
    }
  });

  it('handles p = 0 and p = 1 in probability space', () => {
    assert.equal(lossFromProb('ce', 1, 1), 0);
    assert.equal(lossFromProb('ce', 0, 1), Infinity);
    assert.equal(lossFromProb('focal', 0, 0, { gamma: 0.5 }), 0);
    assert.equal(lossFromProb('focal', 1, 0, { gamma: 2 }), Infinity);
    assert.equal(lossFromProb('focal-star', 1, 1, { gamma: 2 }), 0);
  });

  it('scales every value by 1 / ln(base)', () => {
    for (const kind of LOSS_KINDS) {
      const natural = lossFromLogit(kind, 0.7, 1, { alpha: 0.25 });
      assertClose(lossFromLogit(kind, 0.7, 1, { alpha: 0.25, base: 2 }), natural / Math.LN2, 1e-15, 0, `${kind} base 2`);
      assertClose(gradFromLogit(kind, 0.7, 1, { alpha: 0.25, base: 10 }), gradFromLogit(kind, 0.7, 1, { alpha: 0.25 }) / Math.LN10, 1e-15, 0, `${kind} grad base 10`);
    }
  });

  it('sums a batch of saturated elements without NaN', () => {
    const logits = Float64Array.of(1000, -1000, Infinity, -Infinity, 0);
    const targets = Float64Array.of(1, 0, 1, 0, 1);
    const grad = new Float64Array(5);
    const sum = batchFromLogits('focal', logits, targets, { gamma: 0.5, alpha: 0.25 }, grad);
    assertClose(sum, lossFromLogit('focal', 0, 1, { gamma: 0.5, alpha: 0.25 }), 1e-15, 0, 'sum');
    assert.ok(grad.every(finite));
  });
});
