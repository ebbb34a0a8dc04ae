import * as assert from 'node:assert/strict';
import { rescanPython } from '../../../src/language/recognition/pythonRescan';
import { scanPython } from '../../../src/language/recognition/pythonScanner';
import { nameTokensSpelled } from '../../../src/language/recognition/spelledTokens';
import { sameOffsets, sameTokens } from './incrementalChecks';
import { edit, random, seeds } from './incrementalEdits';

/* The incremental re-tokenizer gives exactly the tokens of a full scan, over chains of random edits. */

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

  it('keeps every offset exact while the moves of many edits in a row are still pending, and after they settle', () => {
    const next = random(20261207);
    for (const [s, seed] of seeds().entries()) {
      let text = seed;
      let tokens = scanPython(text);
      const versions: [typeof tokens, string][] = [];
      for (let step = 0; step < 120; step++) {
        const edited = edit(text, next);
        const incremental = rescanPython(tokens, edited);
        // Only startAt/endAt: reading the arrays would settle the pending moves and end the chain.
        sameOffsets(incremental, scanPython(edited), `seed ${s}, step ${step}`);
        if (step % 10 === 0) versions.push([tokens, text]);
        text = edited;
        tokens = incremental;
      }
      sameTokens(tokens, scanPython(text), `seed ${s}, settled after 120 edits`);
      // Versions handed over while moves were pending still read as they were.
      for (const [i, [old, oldText]] of versions.entries()) sameTokens(old, scanPython(oldText), `seed ${s}, kept version ${i}`);
    }
  });

  it('finds the same tokens spelled like some names when a search is derived from the previous version as when the text is searched', () => {
    const next = random(20261208);
    // The class count's names (one a prefix of another) and a name the random edits write often.
    const names = [['num_classes', 'NUM_CLASSES', 'num_class'], ['gamma']];
    let derived = 0;
    for (const [s, seed] of seeds().entries()) {
      for (let chain = 0; chain < 6; chain++) {
        let text = seed;
        let tokens = scanPython(text);
        for (let step = 0; step < 40; step++) {
          // Searched in every version, so the next one derives its search from this one's.
          for (const list of names) nameTokensSpelled(tokens, list);
          const edited = edit(text, next);
          const incremental = rescanPython(tokens, edited);
          const fresh = scanPython(edited);
          for (const list of names) {
            const expected = nameTokensSpelled(fresh, list);
            assert.deepEqual(nameTokensSpelled(incremental, list), expected, `seed ${s}, chain ${chain}, step ${step}, ${list.join('|')}: ${JSON.stringify(edited.slice(0, 200))}`);
            if (expected.length > 0 && incremental !== tokens) derived++;
          }
          text = edited;
          tokens = incremental;
        }
      }
    }
    assert.ok(derived > 100, `only ${derived} derived searches found anything`);
  });
});
