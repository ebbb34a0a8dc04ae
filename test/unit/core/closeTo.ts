import * as assert from 'node:assert/strict';

/** PyTorch float64 references: losses to 1e-9 relative (1e-12 absolute, for values near 0), gradients to 1e-7. */
export const LOSS_REL = 1e-9;
export const LOSS_ABS = 1e-12;
export const GRAD_REL = 1e-7;
export const GRAD_ABS = 1e-12;

/** Asserts |actual - expected| <= max(rel * |expected|, abs), naming the case when it fails. */
export function assertClose(actual: number, expected: number, rel: number, abs: number, what: string): void {
  const tolerance = Math.max(rel * Math.abs(expected), abs);
  if (!(Math.abs(actual - expected) <= tolerance)) {
    assert.fail(`${what}: got ${actual}, expected ${expected} (|diff| ${Math.abs(actual - expected)} > ${tolerance})`);
  }
}

/** assertClose for each element of two vectors of the same length. */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel: number, abs: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i]!, expected[i]!, rel, abs, `${what} [${i}]`);
}
