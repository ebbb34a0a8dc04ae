import * as assert from 'node:assert/strict';
import { gradFromLogit, lossFromLogit, lossFromProb, logitOf } from '../../../src/core';
import { assertClose } from './closeTo';

/** FL* straight from appendix A: x_t = y x with y in {-1, +1}, p*_t = sigmoid(gamma x_t + beta), FL* = -log(p*_t) / gamma. */
function definition(x: number, y: 0 | 1, gamma: number, beta: number): number {
  const xt = y === 1 ? x : -x;
  const pStar = 1 / (1 + Math.exp(-(gamma * xt + beta)));
  return -Math.log(pStar) / gamma;
}

describe('FL* (appendix A)', () => {
  const settings = [
    { gamma: 2, beta: 1 },
    { gamma: 4, beta: 0 },
    { gamma: 1, beta: 0 },
    { gamma: 0.5, beta: -0.5 },
  ];
  const logits = [-6, -2.5, -0.3, 0, 0.7, 3, 8];

  it('equals its definition for both targets', () => {
    for (const { gamma, beta } of settings) {
      for (const x of logits) {
        for (const y of [0, 1] as const) {
          assertClose(lossFromLogit('focal-star', x, y, { gamma, beta }), definition(x, y, gamma, beta), 1e-12, 1e-15, `x=${x} y=${y} gamma=${gamma} beta=${beta}`);
        }
      }
    }
  });

  it('has the gradient y (p*_t - 1) of appendix A', () => {
    for (const { gamma, beta } of settings) {
      for (const x of logits) {
        for (const y of [0, 1] as const) {
          const sign = y === 1 ? 1 : -1;
          const pStar = 1 / (1 + Math.exp(-(gamma * sign * x + beta)));
          assertClose(gradFromLogit('focal-star', x, y, { gamma, beta }), sign * (pStar - 1), 1e-12, 1e-15, `x=${x} y=${y}`);
        }
      }
    }
  });

  it('is fvcore\'s form for soft targets and takes alpha_t when alpha is given', () => {
    const x = 1.3;
    const y = 0.3;
    const gamma = 1;
    const fvcore = Math.log1p(Math.exp(-gamma * x * (2 * y - 1))) / gamma;
    assertClose(lossFromLogit('focal-star', x, y, { gamma }), fvcore, 1e-13, 0, 'soft target');
    const alphaT = 0.25 * y + 0.75 * (1 - y);
    assertClose(lossFromLogit('focal-star', x, y, { gamma, alpha: 0.25 }), alphaT * fvcore, 1e-13, 0, 'alpha');
  });

  it('reads probabilities through their logit', () => {
    // The plain definition takes log of a p*_t near 1, which costs it digits there: hence 1e-8.
    for (const p of [0.01, 0.3, 0.5, 0.9, 0.999]) {
      assertClose(lossFromProb('focal-star', p, 1, { gamma: 2, beta: 1 }), definition(logitOf(p), 1, 2, 1), 1e-8, 0, `p=${p}`);
    }
  });

  it('needs gamma > 0 (it divides by gamma)', () => {
    assert.throws(() => lossFromLogit('focal-star', 1, 1, { gamma: 0 }), /gamma must be a finite number > 0 for FL\*/);
  });
});
