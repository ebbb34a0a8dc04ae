import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { LOSS_KINDS, gradFromLogit, lossFromLogit, softmaxBatch, softmaxLoss } from '../../../src/core';
import type { SoftmaxLossParams } from '../../../src/core';
import { assertClose } from './closeTo';

const RUNS = { numRuns: 1000 };
const kind = fc.constantFrom('ce' as const, 'focal' as const);
const gamma = fc.double({ min: 0, max: 5, noNaN: true });
const smoothing = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }));

/** A sample: C logits, a class index or a probability vector, class weights (or none). */
const sample = (logitRange: number) =>
  fc.integer({ min: 2, max: 7 }).chain((classes) =>
    fc.record({
      logits: fc.array(fc.double({ min: -logitRange, max: logitRange, noNaN: true }), { minLength: classes, maxLength: classes }),
      target: fc.oneof(
        fc.integer({ min: 0, max: classes - 1 }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: classes, maxLength: classes }).map((t) => {
          const sum = t.reduce((a, b) => a + b, 0);
          return t.map((v) => v / sum);
        }),
      ),
      classWeights: fc.oneof(fc.constant(null), fc.array(fc.double({ min: 0, max: 3, noNaN: true }), { minLength: classes, maxLength: classes })),
    }),
  );

/** d loss / d logits by softmaxLoss. */
function gradOf(k: 'ce' | 'focal', logits: number[], target: number | number[], params: SoftmaxLossParams): Float64Array {
  const grad = new Float64Array(logits.length);
  softmaxLoss(k, logits, target, params, grad);
  return grad;
}

describe('softmax and weighted binary properties over random inputs', () => {
  it('the softmax gradient equals a central finite difference', () => {
    fc.assert(
      fc.property(kind, sample(8), gamma, smoothing, (k, s, g, e) => {
        const params = { gamma: g, classWeights: s.classWeights, labelSmoothing: e };
        const analytic = gradOf(k, s.logits, s.target, params);
        return s.logits.every((x, c) => {
          const h = 1e-5 * Math.max(1, Math.abs(x));
          const at = (dx: number) => softmaxLoss(k, s.logits.map((v, j) => (j === c ? v + dx : v)), s.target, params);
          const numeric = (at(h) - at(-h)) / (2 * h);
          return Math.abs(numeric - analytic[c]!) <= 1e-6 + 1e-5 * Math.abs(analytic[c]!);
        });
      }),
      RUNS,
    );
  });

  it('focal at gamma 0 is CE', () => {
    fc.assert(
      fc.property(sample(30), smoothing, (s, e) => {
        const params = { classWeights: s.classWeights, labelSmoothing: e };
        const focal = softmaxLoss('focal', s.logits, s.target, { ...params, gamma: 0 });
        const ce = softmaxLoss('ce', s.logits, s.target, params);
        assert.deepEqual(gradOf('focal', s.logits, s.target, { ...params, gamma: 0 }), gradOf('ce', s.logits, s.target, params));
        return focal === ce;
      }),
      RUNS,
    );
  });

  it('C = 2 softmax is the binary sigmoid loss of the logit difference', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: -30, max: 30, noNaN: true }), fc.constantFrom(0, 1), gamma, (x0, x1, y, g) => {
        const d = x1 - x0;
        const logits = [x0, x1];
        const grad = gradOf('ce', logits, y, {});
        assertClose(softmaxLoss('ce', logits, y), lossFromLogit('ce', d, y), 1e-12, 1e-300, `CE x1 - x0 = ${d} y ${y}`);
        assertClose(grad[1]!, gradFromLogit('ce', d, y), 1e-12, 1e-300, `dCE/dx1 at ${d}`);
        assertClose(grad[0]!, -gradFromLogit('ce', d, y), 1e-12, 1e-300, `dCE/dx0 at ${d}`);
        // The softmax focal loss of a class index is the binary one without alpha.
        assertClose(softmaxLoss('focal', logits, y, { gamma: g }), lossFromLogit('focal', d, y, { gamma: g }), 1e-12, 1e-300, `FL at ${d} y ${y}`);
        assertClose(gradOf('focal', logits, y, { gamma: g })[1]!, gradFromLogit('focal', d, y, { gamma: g }), 1e-10, 1e-300, `dFL/dx1 at ${d}`);
        // And a soft CE target is the binary soft target y = t_1.
        const t = (y + 0.3) / 1.6;
        assertClose(softmaxLoss('ce', logits, [1 - t, t]), lossFromLogit('ce', d, t), 1e-12, 1e-300, `soft CE at ${d}`);
        return true;
      }),
      RUNS,
    );
  });

  it('label smoothing 0 and posWeight 1 are the defaults', () => {
    fc.assert(
      fc.property(kind, sample(30), gamma, (k, s, g) => {
        const params = { gamma: g, classWeights: s.classWeights };
        assert.deepEqual(gradOf(k, s.logits, s.target, { ...params, labelSmoothing: 0 }), gradOf(k, s.logits, s.target, params));
        return softmaxLoss(k, s.logits, s.target, { ...params, labelSmoothing: 0 }) === softmaxLoss(k, s.logits, s.target, params);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.constantFrom(...LOSS_KINDS), fc.double({ min: -30, max: 30, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (k, x, y) => {
        const params = { alpha: 0.25, gamma: 1.5 };
        for (const extra of [{ posWeight: 1 }, { labelSmoothing: 0 }]) {
          assert.equal(lossFromLogit(k, x, y, { ...params, ...extra }), lossFromLogit(k, x, y, params));
          assert.equal(gradFromLogit(k, x, y, { ...params, ...extra }), gradFromLogit(k, x, y, params));
        }
        return true;
      }),
      RUNS,
    );
  });

  it('softmaxBatch is the sum of softmaxLoss rows, and its gradient (also in place) the rows gradients', () => {
    const batch = fc.integer({ min: 2, max: 6 }).chain((classes) =>
      fc.record({
        classes: fc.constant(classes),
        rows: fc.array(fc.tuple(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: classes, maxLength: classes }), fc.integer({ min: 0, max: classes - 1 })), { minLength: 1, maxLength: 20 }),
        ignoreIndex: fc.option(fc.integer({ min: -1, max: classes - 1 }), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(kind, batch, gamma, smoothing, (k, b, g, e) => {
        const params = { gamma: g, labelSmoothing: e, classWeights: Array.from({ length: b.classes }, (_, c) => 0.5 + c), ignoreIndex: b.ignoreIndex };
        const grad = new Float64Array(b.rows.length * b.classes);
        const logits = Float64Array.from(b.rows.flatMap(([x]) => x));
        const targets = b.rows.map(([, y]) => y);
        const sum = softmaxBatch(k, logits, b.classes, targets, params, grad);
        // In place, the gradient overwrites the logits with the same values.
        assert.equal(softmaxBatch(k, logits, b.classes, targets, params, logits), sum);
        assert.deepEqual(logits, grad);
        let expected = 0;
        b.rows.forEach(([x, y], r) => {
          const rowGrad = gradOf(k, x, y, params);
          expected += softmaxLoss(k, x, y, params);
          assert.deepEqual(grad.subarray(r * b.classes, (r + 1) * b.classes), rowGrad);
          if (y === b.ignoreIndex) assert.ok(rowGrad.every((v) => v === 0));
        });
        return sum === expected;
      }),
      RUNS,
    );
  });

  it('extreme logits (+-1000, +-Infinity) give finite gradients, the limit losses, and never NaN', () => {
    const extreme = fc.constantFrom(1000, -1000, 800, Infinity, -Infinity, 0);
    const extremeSample = fc.integer({ min: 2, max: 5 }).chain((classes) =>
      fc.tuple(fc.array(fc.oneof(extreme, fc.double({ min: -5, max: 5, noNaN: true })), { minLength: classes, maxLength: classes }), fc.integer({ min: 0, max: classes - 1 })),
    );
    fc.assert(
      fc.property(kind, extremeSample, fc.double({ min: 0, max: 5, noNaN: true }), smoothing, (k, [logits, y], g, e) => {
        const params = { gamma: g, labelSmoothing: e, classWeights: logits.map((_, c) => c % 2) };
        const grad = gradOf(k, logits, y, params);
        const loss = softmaxLoss(k, logits, y, params);
        assert.ok(grad.every(Number.isFinite), `grad ${Array.from(grad)} at ${logits}`);
        assert.ok(loss >= 0 && !Number.isNaN(loss), `loss ${loss} at ${logits}`);
        // Finite logits give a finite loss; only a class with target mass at probability 0 costs Infinity.
        if (logits.every(Number.isFinite)) assert.ok(Number.isFinite(loss), `loss ${loss} at ${logits}`);
        return true;
      }),
      RUNS,
    );
  });
});
