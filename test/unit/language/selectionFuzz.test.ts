import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SELECTION_FUZZ_RUNS as RUNS, SELECTION_FUZZ_SEED, selectionFuzzInputs } from './selectionFuzzInputs';
import { parseSelection } from '../../../src/language/selection';
import type { SelectionResult } from '../../../src/language/selection';

/*
 * parseSelection must never throw and never return nonsense, whatever is selected: 100,000 inputs,
 * random text and mutations of the accepted forms. How long each read takes depends on the machine,
 * so it is not asserted here: `npm run bench -- fuzz` times the same inputs and prints the worst.
 */

/** The invariants of every result: refusals point into the text, accepted numbers are usable. */
function checkResult(text: string, result: SelectionResult): void {
  if (!result.ok) {
    assert.notEqual(result.code, 'internal', result.message);
    assert.ok(result.message.length > 0);
    if (result.offset !== undefined) {
      assert.ok(result.offset >= 0 && result.offset <= text.length, `offset ${result.offset}`);
      const token = result.token!;
      const shown = token.endsWith('...') ? token.slice(0, -3) : token;
      assert.ok(text.startsWith(shown, result.offset) || text.startsWith(token, result.offset), `token ${JSON.stringify(token)} at ${result.offset}`);
    }
    return;
  }
  if (result.kind === 'classes') {
    // Rows of class values: whole rows, class-index targets, and logits that are numbers (-Infinity for a probability of 0).
    assert.ok(result.rows > 0 && result.classes >= 2);
    assert.equal(result.logits.length, result.rows * result.classes);
    for (const x of result.logits) assert.ok(x === -Infinity || Number.isFinite(x));
    assert.equal(result.targets.length, result.rows);
    for (const y of result.targets) assert.ok(Number.isInteger(y) && y >= 0 && y < result.classes);
    return;
  }
  assert.ok(result.predictions.length > 0);
  for (const p of result.predictions) {
    assert.ok(Number.isFinite(p));
    if (result.space === 'probability') assert.ok(p >= 0 && p <= 1);
  }
  if (result.targets !== null) {
    assert.equal(result.targets.length, result.predictions.length);
    for (const y of result.targets) assert.ok(y >= 0 && y <= 1);
  }
}

describe('parseSelection: fuzz', function () {
  this.timeout(120_000);

  it(`never throws and returns usable numbers or a refusal that points into the text, on ${RUNS.toLocaleString('en-US')} random and mutated inputs`, () => {
    let accepted = 0;
    fc.assert(
      fc.property(selectionFuzzInputs, (text) => {
        const result = parseSelection(text);
        if (result.ok) accepted++;
        checkResult(text, result);
      }),
      { numRuns: RUNS, seed: SELECTION_FUZZ_SEED },
    );
    console.log(`      fuzz: ${RUNS} inputs, ${accepted} accepted`);
  });
});
