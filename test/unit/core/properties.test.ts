import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { LOSS_KINDS, gradFromLogit, lossFromLogit, lossFromProb } from '../../../src/core';

const logit = fc.double({ min: -30, max: 30, noNaN: true });
const target = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));
const hardTarget = fc.constantFrom(0, 1);
const alpha = fc.oneof(fc.constant(null), fc.double({ min: 0, max: 1, noNaN: true }));
const gamma = fc.double({ min: 0, max: 6, noNaN: true });
const probability = fc.double({ min: 0, max: 1, noNaN: true });
const posWeight = fc.oneof(fc.constant(1), fc.double({ min: 0.01, max: 100, noNaN: true }));
const labelSmoothing = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true }));
const RUNS = { numRuns: 2000 };

describe('properties over random inputs', () => {
  it('the gradient equals a central finite difference, with posWeight and label smoothing too', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOSS_KINDS), fc.double({ min: -12, max: 12, noNaN: true }), target, alpha, fc.double({ min: 0.05, max: 5, noNaN: true }), posWeight, labelSmoothing, (kind, x, y, a, g, pw, e) => {
        const params = { alpha: a, gamma: g, beta: 0.5, posWeight: pw, labelSmoothing: e };
        const h = 1e-5 * Math.max(1, Math.abs(x));
        const numeric = (lossFromLogit(kind, x + h, y, params) - lossFromLogit(kind, x - h, y, params)) / (2 * h);
        const analytic = gradFromLogit(kind, x, y, params);
        return Math.abs(numeric - analytic) <= 1e-6 + 1e-5 * Math.abs(analytic);
      }),
      RUNS,
    );
  });

  it('gamma = 0 is balanced CE', () => {
    fc.assert(
      fc.property(logit, target, alpha, (x, y, a) => {
        const focal = lossFromLogit('focal', x, y, { alpha: a, gamma: 0 });
        const balanced = lossFromLogit('balanced', x, y, { alpha: a });
        return focal === balanced;
      }),
      RUNS,
    );
  });

  it('FL <= CE when alpha is off', () => {
    fc.assert(
      fc.property(probability, target, gamma, (p, y, g) => lossFromProb('focal', p, y, { gamma: g }) <= lossFromProb('ce', p, y)),
      RUNS,
    );
  });

  it('the loss decreases as p_t grows, for a fixed target', () => {
    fc.assert(
      fc.property(fc.constantFrom('ce', 'balanced', 'focal', 'focal-star' as const), hardTarget, probability, probability, alpha, fc.double({ min: 0.05, max: 6, noNaN: true }), (kind, y, a, b, al, g) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        // p_t = p for y = 1 and 1 - p for y = 0.
        const pOf = (pt: number) => (y === 1 ? pt : 1 - pt);
        const params = { alpha: al, gamma: g };
        return lossFromProb(kind, pOf(high), y, params) <= lossFromProb(kind, pOf(low), y, params);
      }),
      RUNS,
    );
  });

  it('probability and logit space agree', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LOSS_KINDS), fc.double({ min: -15, max: 15, noNaN: true }), target, alpha, fc.double({ min: 0.1, max: 5, noNaN: true }), (kind, x, y, a, g) => {
        const p = 1 / (1 + Math.exp(-x));
        const params = { alpha: a, gamma: g };
        const fromLogit = lossFromLogit(kind, x, y, params);
        return Math.abs(lossFromProb(kind, p, y, params) - fromLogit) <= 1e-9 * Math.max(1, fromLogit);
      }),
      RUNS,
    );
    assert.ok(true);
  });
});
