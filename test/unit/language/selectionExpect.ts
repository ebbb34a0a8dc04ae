import * as assert from 'node:assert/strict';
import type { SelectionResult } from '../../../src/language/selection';

/** A selection result as an assertion message. */
export function describeResult(result: SelectionResult): string {
  return JSON.stringify(result);
}

/** Each pattern matches some note of the result; an empty list expects no notes at all. */
export function assertNotes(result: SelectionResult & { ok: true }, patterns: readonly RegExp[] | undefined): void {
  for (const pattern of patterns ?? []) {
    assert.ok(result.notes.some((note) => pattern.test(note)), `a note matching ${pattern} in ${JSON.stringify(result.notes)}`);
  }
  if (patterns?.length === 0) assert.deepEqual(result.notes, []);
}
