import * as assert from 'node:assert/strict';
import { ceOverFocalRatio, lossFromProb, maxRatioUpTo, ptForRatio, LossInputError } from '../../../src/core';
import { assertClose } from './closeTo';

describe("the paper's claims about the modulating factor", () => {
  it('at gamma 2, p_t = 0.9 gives a 100x lower loss than CE', () => {
    assertClose(ceOverFocalRatio(0.9, 2), 100, 1e-12, 0, 'ratio at 0.9');
    // The same ratio from the losses themselves.
    const ratio = lossFromProb('ce', 0.9, 1) / lossFromProb('focal', 0.9, 1, { gamma: 2 });
    assertClose(ratio, 100, 1e-12, 0, 'CE / FL at p = 0.9');
  });

  it('at gamma 2, about 1000x lower near p_t = 0.968', () => {
    assertClose(ptForRatio(1000, 2), 0.968, 1e-3, 0, 'p_t for 1000x');
    assert.ok(Math.abs(ceOverFocalRatio(0.968, 2) - 1000) < 30);
  });

  it('for p_t <= 0.5 the loss is cut by at most 4x at gamma 2', () => {
    assertClose(maxRatioUpTo(0.5, 2), 4, 1e-12, 0, 'max ratio up to 0.5');
    for (let pt = 0; pt <= 0.5; pt += 0.01) assert.ok(ceOverFocalRatio(pt, 2) <= 4 + 1e-12, `p_t ${pt}`);
  });

  it('gamma 0 changes nothing; p_t = 1 is an infinite reduction', () => {
    assert.equal(ceOverFocalRatio(0.7, 0), 1);
    assert.equal(ceOverFocalRatio(1, 2), Infinity);
  });

  it('refuses what has no answer', () => {
    assert.throws(() => ceOverFocalRatio(1.2, 2), LossInputError);
    assert.throws(() => ceOverFocalRatio(0.5, -1), /gamma must be/);
    assert.throws(() => ptForRatio(0.5, 2), /ratio must be/);
    assert.throws(() => ptForRatio(100, 0), /gamma must be/);
  });
});
