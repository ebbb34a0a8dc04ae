import * as assert from 'node:assert/strict';
import { findLossCalls, lossCallAt, LossCallIndex } from '../../../src/language/recognition';
import { edit, random, seeds } from './incrementalEdits';
import { POSITIVE } from './recognitionSnippets';

/*
 * LossCallIndex re-reads an edited document from the previous version's tokens (rescanPython). Over
 * chains of random edits of the recognition snippets and a generated bench file, every version's
 * calls through the index (and the call at random offsets) equal a read from scratch: same calls,
 * offsets, values and origins.
 */

describe('language: LossCallIndex after edits equals a read from scratch', function () {
  this.timeout(240_000);

  it('same calls at every version of chains of random edits', () => {
    const next = random(7_2026);
    const contexts = POSITIVE.filter((c) => c.context !== undefined).map((c) => c.context!);
    for (const [s, seed] of seeds().entries()) {
      const chains = seed.length > 5000 ? 2 : 6;
      for (let chain = 0; chain < chains; chain++) {
        const index = new LossCallIndex();
        const uri = `file:///seed${s}.py`;
        // Some chains read the document with a notebook context (earlier cells) before it.
        const context = chain % 3 === 2 && contexts.length > 0 ? contexts[Math.floor(next() * contexts.length)] : undefined;
        let text = seed;
        for (let version = 1; version <= 30; version++) {
          const what = `seed ${s}, chain ${chain}, version ${version}: ${JSON.stringify(text.slice(0, 300))}`;
          const expected = findLossCalls(text, 'python', context);
          const offset = Math.floor(next() * (text.length + 1));
          // Alternately the hover's path (one call, the others unbuilt) and every call.
          if (version % 2 === 0) assert.deepEqual(index.callAt(uri, version, text, offset, 'python', context), lossCallAt(text, offset, 'python', context), what);
          assert.deepEqual(index.calls(uri, version, text, 'python', context), expected, what);
          text = edit(text, next);
        }
      }
    }
  });

  it('a lookup that searches only its own line finds what a search of the whole file finds, at every call edge', () => {
    const next = random(12_2026);
    for (const [s, seed] of seeds().entries()) {
      let text = seed;
      for (let version = 1; version <= (seed.length > 5000 ? 3 : 12); version++) {
        // A new index per version: every lookup below takes the one-line path (nothing asks for all calls).
        const index = new LossCallIndex();
        const every = findLossCalls(text, 'python');
        const offsets = every.flatMap((call) => [call.start - 1, call.start, call.nameStart, call.nameEnd, call.end - 1, call.end, call.end + 1]);
        for (let i = 0; i < 40; i++) offsets.push(Math.floor(next() * (text.length + 1)));
        for (const offset of offsets) {
          const what = `seed ${s}, version ${version}, offset ${offset}: ${JSON.stringify(text.slice(Math.max(0, offset - 80), offset + 80))}`;
          assert.deepEqual(index.callAt(`file:///near${s}.py`, version, text, offset, 'python'), lossCallAt(text, offset, 'python'), what);
        }
        text = edit(text, next);
      }
    }
  });
});
