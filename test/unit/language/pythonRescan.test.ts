import * as assert from 'node:assert/strict';
import { rescanPython } from '../../../src/language/recognition/pythonRescan';
import { scanPython, type PythonTokens } from '../../../src/language/recognition/pythonScanner';
import { edit, random, seeds } from './incrementalEdits';

/* The incremental re-tokenizer gives exactly the tokens of a full scan, over chains of random edits. */

function sameTokens(actual: PythonTokens, expected: PythonTokens, what: string): void {
  assert.equal(actual.count, expected.count, `${what}: token count`);
  assert.equal(actual.headCount, expected.headCount, `${what}: head count`);
  for (const key of ['kind', 'start', 'end', 'match'] as const) {
    for (let k = 0; k < expected.count; k++) if (actual[key][k] !== expected[key][k]) assert.fail(`${what}: ${key}[${k}] ${actual[key][k]} != ${expected[key][k]}`);
  }
  for (const key of ['heads', 'headIndent'] as const) {
    for (let h = 0; h < expected.headCount; h++) if (actual[key][h] !== expected[key][h]) assert.fail(`${what}: ${key}[${h}] ${actual[key][h]} != ${expected[key][h]}`);
  }
}

describe('language: incremental re-tokenizing', function () {
  this.timeout(120_000);

  it('equals a full scan after every edit of chains of random edits', () => {
    const next = random(20261201);
    for (const [s, seed] of seeds().entries()) {
      const chains = seed.length > 5000 ? 4 : 12;
      for (let chain = 0; chain < chains; chain++) {
        let text = seed;
        let tokens = scanPython(text);
        for (let step = 0; step < 40; step++) {
          const edited = edit(text, next);
          const incremental = rescanPython(tokens, edited);
          sameTokens(incremental, scanPython(edited), `seed ${s}, chain ${chain}, step ${step}: ${JSON.stringify(edited.slice(0, 200))}`);
          text = edited;
          tokens = incremental;
        }
      }
    }
  });
});
