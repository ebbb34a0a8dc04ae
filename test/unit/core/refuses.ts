import * as assert from 'node:assert/strict';
import { LossInputError } from '../../../src/core';

/** Asserts that `run` throws a LossInputError naming `field` and saying what is allowed. */
export function refuses(run: () => unknown, field: string, allowed: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof LossInputError, `expected LossInputError, got ${String(error)}`);
    assert.equal(error.field, field);
    assert.match(error.message, allowed);
    return true;
  });
}
