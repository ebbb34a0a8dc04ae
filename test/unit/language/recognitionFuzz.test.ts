import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LossCall } from '../../../src/language/recognition';
import { RECOGNITION_FUZZ_RUNS, RECOGNITION_FUZZ_SEED, recognitionFuzzInputs, recognize } from './recognitionFuzzInputs';

/*
 * 100,000 random and mutated inputs: recognition never throws and returns calls whose ranges lie in
 * the text. How long each input takes depends on the machine, so it is not asserted here:
 * `npm run bench -- fuzz` times the same inputs and prints the worst.
 */

describe('language: recognition fuzz', function () {
  this.timeout(240_000);

  it('never throws and keeps ranges inside the text on 100,000 inputs', () => {
    fc.assert(
      fc.property(recognitionFuzzInputs, ({ text, language, context, offset }) => {
        const calls: LossCall[] = recognize(text, language, context ?? undefined, offset);
        for (const call of calls) {
          assert.ok(call.start >= 0 && call.start <= call.nameStart && call.nameStart <= call.nameEnd && call.nameEnd <= call.end && call.end <= text.length, `range of ${call.api}`);
          assert.ok(call.alpha.value === undefined || call.alpha.value === null || Number.isFinite(call.alpha.value) || Math.abs(call.alpha.value) === Infinity);
        }
      }),
      { numRuns: RECOGNITION_FUZZ_RUNS, seed: RECOGNITION_FUZZ_SEED, endOnFailure: true },
    );
  });
});
