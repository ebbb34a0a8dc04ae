import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findLossCalls, lineStarts, lossCallAt, LossCallIndex, readModule, scanPython, type PythonModule, type PythonTokens } from '../../../src/language/recognition';
import { rescanPython } from '../../../src/language/recognition/pythonRescan';
import { lineStartsOf } from '../../../src/language/recognition/tokenLines';
import { generatedPython } from '../../bench/hover';
import { described, sameTokens } from './incrementalChecks';
import { edit, random, seeds } from './incrementalEdits';

/*
 * Property test of the incremental re-read (issue 24, speed): over seeded chains of edits of
 * generated files, the recognition snippets and the real Python fixtures, every version read
 * through LossCallIndex from the previous one has the tokens, line starts, module (block
 * structure, each name's bindings asked one by one and then every binding) and calls of a read
 * from scratch, and the previous version, whose token arrays the new one took over, still reads as
 * it was. Besides random edits, the edits aim at what changes the scanner's state for the
 * rest of the file: quotes inside strings, triple quotes opened and closed, f-string braces,
 * comments, brackets opened and closed, line continuations, indentation and joined lines.
 */

const root = join(__dirname, '..', '..', '..', '..');

function pythonFixtures(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...pythonFixtures(path));
    else if (entry.endsWith('.py')) found.push(readFileSync(path, 'utf8'));
  }
  return found;
}

/** Offsets in `text` where `pattern` matches (its index plus `within`, clamped inside the match). */
function places(text: string, pattern: RegExp): { at: number; length: number }[] {
  return [...text.matchAll(pattern)].map((m) => ({ at: m.index!, length: m[0].length }));
}

function pick<T>(items: readonly T[], next: () => number): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(next() * items.length)];
}

const splice = (text: string, at: number, remove: number, insert: string) => text.slice(0, at) + insert + text.slice(at + remove);

/** One edit aimed at a place where the scanner's state matters; falls back to a random edit. */
function aimedEdit(text: string, next: () => number): string {
  const kind = Math.floor(next() * 11);
  const inside = (place: { at: number; length: number }) => place.at + 1 + Math.floor(next() * Math.max(1, place.length - 1));
  switch (kind) {
    case 0: { // inside a string: a quote, an escape, a brace or a line break
      const place = pick(places(text, /(["'])[^"'\n]*\1/g), next);
      if (place) return splice(text, inside(place), 0, pick(['"', "'", '\\', '{', '}', '\n', 'x'], next)!);
      break;
    }
    case 1: { // open a triple-quoted string somewhere, or close/remove an existing one
      const triples = places(text, /"""|'''/g);
      if (triples.length > 0 && next() < 0.5) {
        const place = pick(triples, next)!;
        return splice(text, place.at, 3, next() < 0.5 ? '' : '"');
      }
      return splice(text, Math.floor(next() * (text.length + 1)), 0, pick(['"""', "'''", '"""doc"""', 'r"""'], next)!);
    }
    case 2: { // f-strings: a brace inside one, or a new one with a replacement field
      const place = pick(places(text, /f(["'])[^"'\n]*\1/g), next);
      if (place && next() < 0.6) return splice(text, inside(place), 0, pick(['{', '}', '{x}', '{"a"}', "{'}'}", '{{'], next)!);
      return splice(text, Math.floor(next() * (text.length + 1)), 0, pick(['f"{x}"', 'f"{', 'f"{a["b"]}"', "f'''{\n}'''"], next)!);
    }
    case 3: { // comments: start one mid-line or at a line's start, or remove a '#'
      const hashes = places(text, /#/g);
      if (hashes.length > 0 && next() < 0.4) return splice(text, pick(hashes, next)!.at, 1, '');
      const line = pick(places(text, /\n[^\n]*/g), next);
      const at = line ? line.at + 1 + Math.floor(next() * line.length) : 0;
      return splice(text, Math.min(at, text.length), 0, pick(['#', '# (', '# """', '#\\'], next)!);
    }
    case 4: { // brackets: open or close one, or remove an existing one
      const brackets = places(text, /[()[\]{}]/g);
      if (brackets.length > 0 && next() < 0.5) return splice(text, pick(brackets, next)!.at, 1, '');
      return splice(text, Math.floor(next() * (text.length + 1)), 0, pick(['(', ')', '[', ']', '{', '}', '(\n', ')\n'], next)!);
    }
    case 5: { // line continuations: add one at a line end, or remove one
      const continued = places(text, /\\\r?\n/g);
      if (continued.length > 0 && next() < 0.5) return splice(text, pick(continued, next)!.at, 1, '');
      const end = pick(places(text, /\n/g), next);
      if (end) return splice(text, end.at, 0, pick([' \\', '\\', ' + \\'], next)!);
      break;
    }
    case 6: { // indentation: indent or dedent a line
      const line = pick(places(text, /\n[ \t]*/g), next);
      if (line) {
        if (line.length > 1 && next() < 0.5) return splice(text, line.at + 1, Math.min(line.length - 1, 4), '');
        return splice(text, line.at + 1, 0, pick(['    ', '\t', ' '], next)!);
      }
      break;
    }
    case 7: { // join two lines (with the next line's indentation)
      const line = pick(places(text, /\r?\n[ \t]*/g), next);
      if (line) return splice(text, line.at, next() < 0.5 ? line.length : 1, next() < 0.3 ? ' ' : '');
      break;
    }
    case 8: { // type into a function body, as the hover's bench does
      const line = pick(places(text, /\n {4,}[^\n]*/g), next);
      if (line) return splice(text, line.at + line.length, 0, pick(['x', '9', ' = 1', '\n        y = 2', '\n    gamma = 3', 'self.alpha = 0.5'], next)!);
      break;
    }
    case 9: { // delete a stretch that may span lines
      const at = Math.floor(next() * text.length);
      return splice(text, at, 1 + Math.floor(next() * 120), '');
    }
    default:
      break;
  }
  return edit(text, next);
}

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
        assert.deepEqual([...lineStartsOf(module.tokens)], [...lineStarts(text)], `${what}: line starts`);
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
