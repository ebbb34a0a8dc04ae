import * as assert from 'node:assert/strict';
import { expNonPositive } from '../../../src/core/exp';

const ULP = Number.EPSILON;

describe('expNonPositive, the softmax kernel exp', () => {
  it('is within 2 ulp of Math.exp over [-708, 0]', () => {
    let worst = 0;
    for (let i = 0; i <= 400_000; i++) {
      // Dense near 0, where the softmax of a confident row lives, and across the whole range.
      const d = i % 2 === 0 ? -(i / 400_000) * 708 : -((i / 400_000) ** 3) * 40;
      const expected = Math.exp(d);
      worst = Math.max(worst, Math.abs(expNonPositive(d) - expected) / (expected * ULP));
    }
    assert.ok(worst <= 2, `worst error ${worst} ulp`);
  });

  it('is exact at 0 and gives 0 for underflow and -Infinity', () => {
    assert.equal(expNonPositive(0), 1);
    assert.equal(expNonPositive(-0), 1);
    assert.equal(expNonPositive(-1e-300), 1);
    assert.equal(expNonPositive(-746), 0);
    assert.equal(expNonPositive(-Infinity), 0);
    const subnormal = expNonPositive(-740);
    assert.ok(subnormal > 0 && Math.abs(subnormal - Math.exp(-740)) <= 1e-3 * Math.exp(-740));
  });
});
