import * as assert from 'node:assert/strict';
import { batchFromLogits, gradFromLogit, lossBreakdown, lossFromLogit, lossFromProb } from '../../../src/core';
import type { LossKind } from '../../../src/core';
import { refuses } from './refuses';

describe('bad input is refused with a message that names it', () => {
  it('p outside [0, 1] or NaN', () => {
    for (const p of [-0.1, 1.0001, NaN, Infinity]) refuses(() => lossFromProb('focal', p, 1), 'p', /p must be a probability in \[0, 1\]/);
    refuses(() => lossFromProb('ce', NaN, 1), 'p', /got NaN/);
  });

  it('y outside [0, 1] or NaN', () => {
    for (const y of [-1, 2, NaN]) {
      refuses(() => lossFromProb('focal', 0.5, y), 'y', /y must be a target in \[0, 1\]/);
      refuses(() => lossFromLogit('focal', 0.5, y), 'y', /target in \[0, 1\]/);
    }
  });

  it('gamma < 0 or NaN or infinite', () => {
    for (const gamma of [-0.5, NaN, Infinity]) refuses(() => lossFromLogit('focal', 0, 1, { gamma }), 'gamma', /gamma must be a finite number >= 0/);
  });

  it('alpha outside [0, 1] or NaN (null means off)', () => {
    for (const alpha of [-0.25, 1.5, NaN]) refuses(() => lossFromLogit('balanced', 0, 1, { alpha }), 'alpha', /alpha must be a number in \[0, 1\], or null/);
    assert.equal(lossFromLogit('balanced', 0, 1, { alpha: null }), lossFromLogit('ce', 0, 1));
  });

  it('beta NaN, base <= 0 or 1, a logit NaN, an unknown kind', () => {
    refuses(() => lossFromLogit('focal-star', 0, 1, { beta: NaN }), 'beta', /finite number/);
    for (const base of [0, -2, 1, NaN, Infinity]) refuses(() => lossFromProb('ce', 0.5, 1, { base }), 'base', /base must be a finite number > 0 other than 1/);
    refuses(() => gradFromLogit('focal', NaN, 1), 'logit', /logit must be a number/);
    refuses(() => lossFromLogit('hinge' as LossKind, 0, 1), 'kind', /one of 'ce', 'balanced', 'focal', 'focal-star'/);
    refuses(() => lossBreakdown({ p: 2 }, 1), 'p', /probability/);
  });

  it('posWeight <= 0, NaN or infinite; labelSmoothing outside [0, 1] or NaN', () => {
    for (const posWeight of [0, -1, NaN, Infinity]) {
      refuses(() => lossFromLogit('ce', 0, 1, { posWeight }), 'posWeight', /posWeight must be a finite number > 0/);
      refuses(() => batchFromLogits('focal', Float64Array.of(0), Float64Array.of(1), { posWeight }), 'posWeight', /finite number > 0/);
    }
    for (const labelSmoothing of [-0.1, 1.5, NaN]) {
      refuses(() => lossFromProb('focal', 0.5, 1, { labelSmoothing }), 'labelSmoothing', /labelSmoothing must be a number in \[0, 1\]/);
      refuses(() => lossBreakdown({ logit: 0 }, 1, { labelSmoothing }), 'labelSmoothing', /number in \[0, 1\]/);
    }
  });

  it('in a batch: the element, mismatched lengths, a wrong-sized gradient', () => {
    const logits = Float64Array.of(0.1, NaN, 0.3);
    refuses(() => batchFromLogits('focal', logits, Float64Array.of(1, 0, 1)), 'logits[1]', /number/);
    refuses(() => batchFromLogits('focal', Float64Array.of(0, 0), Float64Array.of(1, 3)), 'targets[1]', /target in \[0, 1\]/);
    refuses(() => batchFromLogits('focal', Float64Array.of(0, 0), Float64Array.of(1)), 'targets', /as long as logits \(2 elements\)/);
    refuses(() => batchFromLogits('focal', Float64Array.of(0), Float64Array.of(1), {}, new Float64Array(2)), 'grad', /as long as logits/);
  });
});
