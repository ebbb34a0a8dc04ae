import * as assert from 'node:assert/strict';
import { parseSelection, type SelectionResult } from '../../../src/language/selection';

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

/** An accepted form: the text, what parseSelection must read from it, and the notes it must give. */
export interface AcceptedForm {
  readonly text: string;
  /** Each pattern must match one of the notes; [] means no notes at all. */
  readonly notes?: RegExp[];
}

/**
 * One test per accepted form: parseSelection reads `c.text` as a selection of `kind`, and each of
 * `fields` of the result equals the case's.
 */
export function itReadsEach<C extends AcceptedForm>(cases: readonly C[], kind: 'binary' | 'classes', fields: readonly (keyof C & string)[]): void {
  for (const c of cases) {
    it(JSON.stringify(c.text), () => {
      const result = parseSelection(c.text);
      assert.ok(result.ok && result.kind === kind, describeResult(result));
      for (const field of fields) assert.deepEqual((result as unknown as Record<string, unknown>)[field], c[field], field);
      assertNotes(result, c.notes);
    });
  }
}
