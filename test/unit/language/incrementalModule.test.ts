import * as assert from 'node:assert/strict';
import { LossCallIndex, readModule, scanPython } from '../../../src/language/recognition';
import { described } from './incrementalChecks';
import { edit, random, seeds } from './incrementalEdits';

/*
 * After an edit, LossCallIndex reads the module from the previous version's (readModuleAfterEdit):
 * the block structure is moved instead of read again when the edit leaves it alone. Over chains of
 * random edits (and edits typed inside function bodies, which take that path), every version's
 * module equals one read from scratch: scopes, the scope of every line, imports, definitions, what
 * each scope binds, the classes' self attributes and methods, parameters and config assignments.
 */

describe('language: the module after an edit equals a read from scratch', function () {
  this.timeout(240_000);

  it('at every version of chains of random edits', () => {
    const next = random(24_2026);
    for (const [s, seed] of seeds().entries()) {
      const index = new LossCallIndex();
      let text = seed;
      for (let version = 1; version <= 30; version++) {
        const read = index.read(`file:///module${s}.py`, version, text, 'python');
        // Half the versions compare before anything is asked of the module (its lazy reads start from the edit).
        if (version % 2 === 0) assert.deepEqual(described(read.module!), described(readModule(scanPython(text))), `seed ${s}, version ${version}: ${JSON.stringify(text.slice(0, 300))}`);
        text = edit(text, next);
      }
    }
  });

  it('for edits typed inside function bodies, which move the previous structure', () => {
    const next = random(25_2026);
    const typed = ['x', '9', ' ', 'alpha = 0.5', '\n        y = 2', 'self.gamma = 3', '(', ')', '\n'];
    for (const [s, seed] of seeds().entries()) {
      const index = new LossCallIndex();
      let text = seed;
      for (let version = 1; version <= 25; version++) {
        const read = index.read(`file:///typed${s}.py`, version, text, 'python');
        assert.deepEqual(described(read.module!), described(readModule(scanPython(text))), `seed ${s}, version ${version}: ${JSON.stringify(text.slice(0, 300))}`);
        // Type at the end of a random indented line.
        const lines = [...text.matchAll(/\n {4,}[^\n]*/g)];
        const line = lines[Math.floor(next() * lines.length)];
        const at = line ? line.index! + line[0].length : Math.floor(next() * (text.length + 1));
        text = text.slice(0, at) + typed[Math.floor(next() * typed.length)]! + text.slice(at);
      }
    }
  });
});
