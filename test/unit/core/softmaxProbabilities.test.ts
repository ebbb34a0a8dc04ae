import * as assert from 'node:assert/strict';
import { LossInputError, softmaxLoss, softmaxProbabilities } from '../../../src/core';

describe('core: softmaxProbabilities', () => {
  it('is exp(x) / sum exp(x), and -log of it is the softmax CE of each class', () => {
    const logits = [2, 0.5, -1, 3.25];
    const p = softmaxProbabilities(logits);
    const z = logits.reduce((s, x) => s + Math.exp(x), 0);
    logits.forEach((x, c) => {
      assert.ok(Math.abs(p[c]! - Math.exp(x) / z) <= 1e-15);
      assert.ok(Math.abs(-Math.log(p[c]!) - softmaxLoss('ce', logits, c)) <= 1e-14);
    });
  });

  it('stays finite at |x| = 1000 and gives the limits for infinities', () => {
    assert.deepEqual([...softmaxProbabilities([1000, -1000])], [1, 0]);
    assert.deepEqual([...softmaxProbabilities([Infinity, 0, Infinity])], [0.5, 0, 0.5]);
    assert.deepEqual([...softmaxProbabilities([-Infinity, 0])], [0, 1]);
  });

  it('refuses NaN, all -inf and fewer than 2 classes', () => {
    for (const logits of [[NaN, 0], [-Infinity, -Infinity], [1]]) assert.throws(() => softmaxProbabilities(logits), LossInputError, String(logits));
  });
});
