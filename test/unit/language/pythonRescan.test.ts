import { rescanPython } from '../../../src/language/recognition/pythonRescan';
import { scanPython } from '../../../src/language/recognition/pythonScanner';
import { sameTokens } from './incrementalChecks';
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
});
