import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { findLossCalls, lineStarts, lossCallAt, LossCallIndex, readModule, scanPython, type PythonModule, type PythonTokens } from '../../../src/language/recognition';
import { rescanPython } from '../../../src/language/recognition/pythonRescan';
import { lineOf } from '../../../src/language/recognition/pythonScanner';
import { lineOfOffset, lineStartsOf } from '../../../src/language/recognition/tokenLines';
import { generatedPython } from '../../bench/hover';
import { described, sameTokens } from './incrementalChecks';
import { aimedEdit, edit, pythonFixtures, random, seeds } from './incrementalEdits';

/*
 * Property test of the incremental re-read (issue 24, speed): over seeded chains of edits of
 * generated files, the recognition snippets and the real Python fixtures, every version read
 * through LossCallIndex from the previous one has the tokens, line starts (offsets' lines read
 * lazily, then every start), module (block
 * structure, each name's bindings asked one by one and then every binding) and calls of a read
 * from scratch, and the previous version, whose token arrays the new one took over, still reads as
 * it was. Besides random edits, the edits aim at what changes the scanner's state for the
 * rest of the file: quotes inside strings, triple quotes opened and closed, f-string braces,
 * comments, brackets opened and closed, line continuations, indentation and joined lines.
 */

const root = join(__dirname, '..', '..', '..', '..');

/** Each scope's bindings asked name by name (the lazy path a hover takes), before anything iterates them. */
function sameBindingsByName(actual: PythonModule, expected: PythonModule, what: string): void {
  assert.equal(actual.scopes.length, expected.scopes.length, `${what}: scope count`);
  for (let s = 0; s < expected.scopes.length; s++) {
    const fresh = expected.scope(s);
    const derived = actual.scope(s);
    for (const [name, bindings] of fresh.names) assert.deepEqual(derived.names.get(name), bindings, `${what}: scope ${s} name ${name}`);
    for (const [name, bindings] of fresh.selfAttributes) assert.deepEqual(derived.selfAttributes.get(name), bindings, `${what}: scope ${s} self.${name}`);
    assert.equal(derived.names.get('__not_bound__'), undefined, `${what}: scope ${s} binds nothing else`);
  }
}

describe('language: incremental re-read after edits (property test)', function () {
  this.timeout(600_000);

  const documents = [
    ...pythonFixtures(join(root, 'test', 'fixtures')),
    generatedPython(1_500).text,
    ...seeds().filter((_, i) => i % 4 === 0),
  ];

  it('tokens, line starts, module and calls equal a read from scratch after every edit', () => {
    const next = random(24_0024);
    let versions = 0;
    for (const [d, document] of documents.entries()) {
      const index = new LossCallIndex();
      const uri = `file:///property${d}.py`;
      let text = document;
      let previous: { text: string; tokens: PythonTokens } | undefined;
      const steps = document.length > 20_000 ? 40 : 60;
      for (let version = 1; version <= steps; version++, versions++) {
        const what = `document ${d}, version ${version}: ${JSON.stringify(text.slice(0, 200))}`;
        // The hover's path first: one call, the module read lazily.
        const offset = Math.floor(next() * (text.length + 1));
        assert.deepEqual(index.callAt(uri, version, text, offset, 'python'), lossCallAt(text, offset, 'python'), `${what}, offset ${offset}`);
        const module = index.module(uri, version, text, 'python')!;
        const fresh = readModule(scanPython(text));
        sameTokens(module.tokens, fresh.tokens, what);
        if (previous && version % 3 === 0) {
          // The previous version handed its token arrays over to this one: it still reads as it was,
          // and re-reading from it again (a second version from the same one) copies.
          sameTokens(previous.tokens, scanPython(previous.text), `${what}: the previous version's tokens`);
          sameTokens(rescanPython(previous.tokens, text), fresh.tokens, `${what}: re-read again from the previous version`);
        }
        previous = { text, tokens: module.tokens };
        // Lines of offsets read lazily first (the moves an edit left pending added on read), then every start.
        const starts = lineStarts(text);
        for (let i = 0; i < 8; i++) {
          const at = Math.floor(next() * (text.length + 1));
          assert.equal(lineOfOffset(module.tokens, at), lineOf(starts, at), `${what}: line of offset ${at}`);
        }
        if (version % 2 === 0) assert.deepEqual([...lineStartsOf(module.tokens)], [...starts], `${what}: line starts`);
        // Names one by one on most versions (so later versions derive from partly translated maps), everything on some.
        if (version % 3 !== 0) sameBindingsByName(module, fresh, what);
        if (version % 5 === 0) assert.deepEqual(described(module), described(fresh), what);
        if (version % 4 === 0) assert.deepEqual(index.calls(uri, version, text, 'python'), findLossCalls(text, 'python'), what);
        text = next() < 0.7 ? aimedEdit(text, next) : edit(text, next);
      }
    }
    assert.ok(versions >= 500, `only ${versions} versions checked`);
  });
});
