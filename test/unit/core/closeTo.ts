import * as assert from 'node:assert/strict';

/** Asserts |actual - expected| <= max(rel * |expected|, abs), naming the case when it fails. */
export function assertClose(actual: number, expected: number, rel: number, abs: number, what: string): void {
  const tolerance = Math.max(rel * Math.abs(expected), abs);
  if (!(Math.abs(actual - expected) <= tolerance)) {
    assert.fail(`${what}: got ${actual}, expected ${expected} (|diff| ${Math.abs(actual - expected)} > ${tolerance})`);
  }
}
