import * as assert from 'node:assert/strict';
import { softmaxBatch, softmaxLoss } from '../../../src/core';
import { assertClose } from './closeTo';

/** softmaxLoss and its gradient. */
function lossAndGrad(kind: 'ce' | 'focal', logits: number[], target: number | number[], params = {}): [number, number[]] {
  const grad = new Float64Array(logits.length);
  const loss = softmaxLoss(kind, logits, target, params, grad);
  return [loss, Array.from(grad)];
}

describe('softmax numerical stability', () => {
  it('a confident mistake costs the logit gap; a confident hit costs exp(-gap), not 0 from cancellation', () => {
    assert.equal(softmaxLoss('ce', [1000, -1000], 1), 2000);
    assert.equal(softmaxLoss('ce', [-1000, 1000, -1000], 0), 2000);
    const [loss, grad] = lossAndGrad('ce', [40, 0, 0], 0);
    assertClose(loss, 2 * Math.exp(-40), 1e-12, 0, 'CE of a confident hit');
    // d/dx_0 = p_0 - 1 = -(1 - p_0): exact to the last digits, not 1 - 1.
    assertClose(grad[0]!, -2 * Math.exp(-40), 1e-12, 0, 'dCE/dx_0 at the max');
    assertClose(grad[1]!, Math.exp(-40), 1e-12, 0, 'dCE/dx_1');
    const [focal, focalGrad] = lossAndGrad('focal', [40, 0, 0], 0, { gamma: 2 });
    assertClose(focal, 8 * Math.exp(-120), 1e-9, 0, 'FL of a confident hit');
    assert.ok(focalGrad.every(Number.isFinite));
  });

  it('gives the mathematical limits at infinite logits, never NaN', () => {
    assert.equal(softmaxLoss('ce', [Infinity, 0, 0], 0), 0);
    assert.equal(softmaxLoss('ce', [Infinity, 0, 0], 1), Infinity);
    assert.deepEqual(lossAndGrad('ce', [Infinity, 0, 0], 1)[1], [1, -1, 0]);
    // Ties between infinite logits share the probability; all -Infinity is uniform.
    assertClose(softmaxLoss('ce', [Infinity, Infinity, 0], 0), Math.LN2, 1e-15, 0, 'two +Infinity');
    assertClose(softmaxLoss('ce', [-Infinity, -Infinity, -Infinity], 2), Math.log(3), 1e-15, 0, 'all -Infinity');
    assert.equal(softmaxLoss('ce', [0, -Infinity], 0), 0);
    // A class at probability 0 costs nothing when it has no target mass (no 0 * Infinity).
    assert.equal(softmaxLoss('focal', [0, -Infinity, 0], 0, { classWeights: [1, 0, 1] }), softmaxLoss('focal', [0, -1e9, 0], 0, { classWeights: [1, 0, 1] }));
  });

  it('returns the finite limit 0 of the gradient where autograd gives NaN (gamma < 1, saturated)', () => {
    for (const gamma of [0.1, 0.5, 0.9]) {
      const [loss, grad] = lossAndGrad('focal', [800, 0, -5], 0, { gamma });
      assert.equal(loss, 0);
      assert.deepEqual(grad, [0, 0, 0]);
      const near = lossAndGrad('focal', [30, 0, 0], 0, { gamma })[1];
      assert.ok(near.every((g) => Number.isFinite(g) && Math.abs(g) < 1e-10), `gamma ${gamma} at a gap of 30: ${near}`);
    }
  });

  it('scales every value by 1 / ln(base)', () => {
    for (const kind of ['ce', 'focal'] as const) {
      const [natural, naturalGrad] = lossAndGrad(kind, [0.3, -1.2, 2], 1, { labelSmoothing: 0.1 });
      const [bits, bitsGrad] = lossAndGrad(kind, [0.3, -1.2, 2], 1, { labelSmoothing: 0.1, base: 2 });
      assertClose(bits, natural / Math.LN2, 1e-15, 0, `${kind} base 2`);
      bitsGrad.forEach((g, c) => assertClose(g, naturalGrad[c]! / Math.LN2, 1e-15, 0, `${kind} grad base 2 [${c}]`));
    }
  });

  it('sums a batch of saturated rows without NaN', () => {
    const logits = Float64Array.of(1000, -1000, 0, Infinity, 0, -Infinity, 0, 0, 0);
    const grad = new Float64Array(9);
    const sum = softmaxBatch('focal', logits, 3, [0, 0, 1], { gamma: 0.5 }, grad);
    assertClose(sum, softmaxLoss('focal', [0, 0, 0], 1, { gamma: 0.5 }), 1e-15, 0, 'sum');
    assert.ok(grad.every(Number.isFinite));
  });
});
