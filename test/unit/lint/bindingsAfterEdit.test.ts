// The lint's analysis reused after an edit (issue 23: the re-lint after an edit): the binding table
// of the new version, built from the previous version's with only the edited lines read again, must
// equal a fresh read of the new version, whatever the edit: seeded random edits of the lint corpus's
// code (typing, deleting, new lines, brackets and quotes left open, definitions added), each applied
// to the version before it, and the findings of a lint given the previous version must equal a lint
// from scratch.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { readBindings, type BindingTable } from '../../../src/language/lint/bindings';
import { bindingsAfterEdit } from '../../../src/language/lint/bindingsAfterEdit';
import { LossCallIndex, readModule, scanPython, type PythonModule } from '../../../src/language/recognition';
import { LINT_CASES } from '../../fixtures/lintCases';

/** mulberry32: a small seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INSERTS = [' #', 'x', '\n', '(', ')', '[', '"', "'''", '\\\n', ' = 1', ', b', 'self.', 'return ', '    ', ':', '\n    out = F.softmax(out, dim=1)\n', '\ndef helper(a):\n    return a\n', '\nclass M(nn.Module):\n    pass\n', 'model.add(Dense(3))\n', '# loss-lens: ignore\n'];

function edit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const choice = next();
  if (choice < 0.55) {
    const piece = INSERTS[Math.floor(next() * INSERTS.length)]!;
    return text.slice(0, at) + piece + text.slice(at);
  }
  if (choice < 0.85) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 20)));
  // A whole line replaced by another line of the file.
  const lines = text.split('\n');
  const i = Math.floor(next() * lines.length);
  lines[i] = lines[Math.floor(next() * lines.length)]!;
  return lines.join('\n');
}

/** The table with its maps as key-sorted arrays, to compare by value. */
function plain(table: BindingTable): string {
  return JSON.stringify(table, (_key, value: unknown) => (value instanceof Map ? [...value.entries()].sort(([a], [b]) => String(a).localeCompare(String(b))) : value));
}

describe('loss lint: the analysis reused after an edit', () => {
  it('gives the binding table a fresh read gives, over seeded random edits', () => {
    let reused = 0;
    let steps = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const next = random(seed);
      const start = Math.floor(next() * (LINT_CASES.length - 12));
      let text = LINT_CASES.slice(start, start + 12).map((c) => c.code).join('\n');
      let module: PythonModule = readModule(scanPython(text));
      let table = readBindings(module);
      for (let step = 0; step < 60; step++, steps++) {
        const edited = edit(text, next);
        const now = readModule(scanPython(edited));
        const fresh = readBindings(now);
        const moved = bindingsAfterEdit(now, module, table);
        if (moved) {
          reused++;
          assert.equal(plain(moved), plain(fresh), `seed ${seed}, step ${step}: the moved table differs from a fresh read`);
        }
        // The next edit starts from the reused table where there is one: errors would carry on.
        text = edited;
        module = now;
        table = moved ?? fresh;
      }
    }
    // Most random edits leave the scopes and the text after them as they were.
    assert.ok(reused > steps / 3, `only ${reused} of ${steps} edits reused the table`);
  });

  it('lints each version read incrementally the same given the previous version as from scratch', () => {
    const next = random(42);
    const index = new LossCallIndex();
    let text = LINT_CASES.slice(0, 40).map((c) => c.code).join('\n');
    let previous = index.read('file:///edits.py', 0, text, 'python').module;
    lintPython(text, { ...index.read('file:///edits.py', 0, text, 'python'), previous: undefined });
    for (let version = 1; version <= 40; version++) {
      text = edit(text, next);
      const read = index.read('file:///edits.py', version, text, 'python');
      assert.deepEqual(lintPython(text, { ...read, previous }), lintPython(text), `version ${version}`);
      previous = read.module;
    }
  });
});
