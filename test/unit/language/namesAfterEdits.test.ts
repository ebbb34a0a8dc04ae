import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { lossCallAt, LossCallIndex, NAME, readModule, scanPython, type PythonTokens } from '../../../src/language/recognition';
import { tokenText } from '../../../src/language/recognition/pythonScanner';
import { nameTokensSpelled } from '../../../src/language/recognition/spelledTokens';
import { textMentions, type ShortPattern } from '../../../src/language/recognition/textMentions';
import { generatedPython } from '../../bench/hover';
import { aimedEdit, edit, pythonFixtures, random, seeds } from './incrementalEdits';

/*
 * Property test of what the hover looks up by name after an edit (issue 24, speed): a name's
 * tokens come from an index of the text's NAME tokens carried across edits (spelledTokens.ts), and
 * the module scope's bindings of a name are read from the lines where a token spells it, the names
 * read so far carried across edits (pythonModule.ts, ModuleNames). Over seeded chains of random
 * edits of the real Python fixtures (test/fixtures, test/sample-workspace), the recognition
 * snippets and a generated file, every version read through LossCallIndex from the previous one
 * gives the hover's calls of a read from scratch at offsets near each other (lines remembered),
 * the answer of a search of its whole text for short patterns (textMentions.ts, carried too),
 * and, for names taken from its text, names asked in earlier versions (so answers carried over
 * are checked again after the edits that followed) and names the edits bind or unbind, the tokens
 * of a walk over every token of a scan from scratch and the module-level bindings of a read from
 * scratch.
 */

const root = join(__dirname, '..', '..', '..', '..');

/** Names the edits of incrementalEdits.ts write, bind or remove, and some no file spells. */
const ASKED = ['dict', 'GAMMA', 'NUM_CLASSES', 'num_classes', 'alpha', 'gamma', 'FocalLoss', 'sfl', 'x', 'f', 'A', 'torch', 'nn', '__no_such_name__'];
/** Patterns a version's text is searched for (as configCalls.ts searches a config for mmdet), some frequent, some rare. */
const PATTERNS: readonly ShortPattern[] = [
  { regex: /\bmmdet(?:3d)?\b|bbox_head|rpn_head/, longest: 9 },
  { regex: /3D|-3d/, longest: 3 },
  { regex: /\bgamma\b/, longest: 5 },
  { regex: /loss/, longest: 4 },
];
/** A list of names searched at once (the class count's synonyms are, see classCount.ts). */
const SEVERAL = ['num_classes', 'NUM_CLASSES', 'gamma', 'x'];

function everyTokenSpelled(tokens: PythonTokens, names: readonly string[]): number[] {
  const found: number[] = [];
  for (let k = 0; k < tokens.count; k++) if (tokens.kind[k] === NAME && names.includes(tokenText(tokens, k))) found.push(k);
  return found;
}

describe('language: names looked up after edits (property test)', function () {
  this.timeout(600_000);

  const documents = [
    ...pythonFixtures(join(root, 'test', 'fixtures')),
    ...pythonFixtures(join(root, 'test', 'sample-workspace')),
    generatedPython(1_200).text,
    ...seeds().filter((_, i) => i % 5 === 1),
  ];

  it("a name's tokens and the module's bindings of it equal a search of every token and a read from scratch after every edit", () => {
    const next = random(24_2424);
    let versions = 0;
    let checked = 0;
    for (const [d, document] of documents.entries()) {
      const index = new LossCallIndex();
      const uri = `file:///names${d}.py`;
      const asked = new Set(ASKED);
      let text = document;
      for (let version = 1; version <= 50; version++, versions++) {
        const what = `document ${d}, version ${version}`;
        // The hover's path first (it looks names up lazily, and remembers the lines it found last):
        // a mouse moving back and forth near one place, then elsewhere.
        const offset = Math.floor(next() * (text.length + 1));
        // The next line's first character and the one before it (a line's offsets end where the next one's first token starts).
        const lineStart = text.indexOf('\n', offset) + 1;
        const firstChar = lineStart + /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0].length;
        for (const at of [offset, offset + 1, offset - 7, offset + 40, firstChar - 1, firstChar, offset, offset - 90, Math.floor(next() * (text.length + 1)), offset + 3]) {
          if (at < 0 || at > text.length) continue;
          assert.deepEqual(index.callAt(uri, version, text, at, 'python'), lossCallAt(text, at, 'python'), `${what}, offset ${at}`);
        }
        // Some versions ask nothing more: the next one carries what this one was handed without being asked.
        if (version % 4 !== 3) {
          const module = index.module(uri, version, text, 'python')!;
          const fresh = readModule(scanPython(text));
          // Names spelled in this version (a few new ones each time), and every one asked before.
          for (let i = 0; i < 3 && fresh.tokens.count > 0; i++) {
            const k = Math.floor(next() * fresh.tokens.count);
            if (fresh.tokens.kind[k] === NAME) asked.add(tokenText(fresh.tokens, k));
          }
          for (const name of asked) {
            assert.deepEqual(nameTokensSpelled(module.tokens, [name]), everyTokenSpelled(fresh.tokens, [name]), `${what}: tokens spelled ${name}`);
            assert.deepEqual(module.scope(0).names.get(name), fresh.scope(0).names.get(name), `${what}: module bindings of ${name}`);
            checked++;
          }
          assert.deepEqual(nameTokensSpelled(module.tokens, SEVERAL), everyTokenSpelled(fresh.tokens, SEVERAL), `${what}: tokens spelled ${SEVERAL.join(', ')}`);
          for (const pattern of PATTERNS) assert.equal(textMentions(module.tokens, pattern), pattern.regex.test(text), `${what}: the text mentions ${pattern.regex}`);
          // Iterating the module's names reads them all (in a read from scratch's order) on some versions.
          if (version % 9 === 0) assert.deepEqual([...module.scope(0).names], [...fresh.scope(0).names], `${what}: every module binding`);
        }
        text = next() < 0.6 ? aimedEdit(text, next) : edit(text, next);
      }
    }
    assert.ok(versions >= 1_000 && checked >= 20_000, `only ${versions} versions and ${checked} names checked`);
  });

  it('a pattern still matches after an edit removes every match a version kept, when another lies elsewhere', () => {
    // More matches at the top than a version keeps (textMentions.ts keeps 8), one far below; then the top ones deleted.
    const top = Array.from({ length: 12 }, (_, i) => `gamma_${i} = gamma(${i})\n`).join('');
    const text = `${top}${'x = 1\n'.repeat(200)}y = gamma\n`;
    const pattern = PATTERNS[2]!;
    const index = new LossCallIndex();
    const uri = 'file:///kept.py';
    assert.equal(textMentions(index.module(uri, 1, text, 'python')!.tokens, pattern), true);
    const edited = text.slice(top.length - 4);
    assert.equal(textMentions(index.module(uri, 2, edited, 'python')!.tokens, pattern), pattern.regex.test(edited));
    const none = edited.replace(/gamma/g, 'g');
    assert.equal(textMentions(index.module(uri, 3, none, 'python')!.tokens, pattern), false);
  });
});
