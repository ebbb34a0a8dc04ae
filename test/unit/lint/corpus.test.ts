// Every case of the lint corpus (test/fixtures/lintCases.ts): exactly the expected findings, by
// rule, underlined argument text and 1-based line; [] means silent.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { LINT_CASES } from '../../fixtures/lintCases';

describe('loss lint corpus', () => {
  for (const c of LINT_CASES) {
    it(`${c.expected.length ? 'fires' : 'silent'}: ${c.name}`, () => {
      const got = lintPython(c.code).map((f) => ({ rule: f.rule, argument: c.code.slice(f.start, f.end), line: c.code.slice(0, f.start).split('\n').length }));
      assert.deepEqual(got, c.expected.map((e) => ({ rule: e.rule, argument: e.argument, line: e.line })));
    });
  }

  it('every firing finding has a message, and a related producer except the rules about the call itself (keras-alpha-ignored, focal-gamma-below-one, unknown-loss-keyword, legacy-reduce-string, unused-suppression)', () => {
    for (const c of LINT_CASES) {
      for (const f of lintPython(c.code)) {
        assert.ok(f.message.length > 20, c.name);
        assert.ok(!f.message.includes('\n'), `one line: ${f.message}`);
        if (f.rule !== 'keras-alpha-ignored' && f.rule !== 'focal-gamma-below-one' && f.rule !== 'unused-suppression' && f.rule !== 'unknown-loss-keyword' && f.rule !== 'legacy-reduce-string') assert.ok(f.related && f.related.end > f.related.start, `${c.name}: no related producer`);
      }
    }
  });
});
