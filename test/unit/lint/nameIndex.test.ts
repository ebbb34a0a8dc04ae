import * as assert from 'node:assert/strict';
import { scanPython } from '../../../src/language/recognition';
import { nameTokens } from '../../../src/language/lint/syntax';
import { LINT_CASES } from '../../fixtures/lintCases';

/*
 * nameTokens answers its first few names with a text search and the later ones from an index of the
 * text's NAME tokens (nameIndex.ts). Both must give the same tokens: every NAME of the lint corpus, and
 * spellings that are not names there (attributes after '.', words in strings and comments, prefixes).
 */
describe('nameTokens: the text search and the name index agree', function () {
  // Two scans of the corpus per name (~8 s of CPU): on a shared machine at load 15 that is over a minute of wall time.
  this.timeout(600_000);
  it('on every name of the lint corpus, each asked first and after the index is built', () => {
    const text = LINT_CASES.map((c) => c.code).join('\n\n');
    const names = new Set<string>(text.match(/[A-Za-z_]\w*/g) ?? []);
    for (const probe of [...names]) {
      const searched = nameTokens(scanPython(text), probe); // a fresh text: the search answers
      const tokens = scanPython(text);
      for (const warm of ['a', 'b', 'c', 'd', 'e']) nameTokens(tokens, warm); // then the index answers
      assert.deepEqual(nameTokens(tokens, probe), searched, probe);
    }
  });

  it("leaves out attributes, strings, comments and longer names", () => {
    const text = 'gamma = 2\nself.gamma = gamma\ns = "gamma"  # gamma\ngammas = [gamma]\nx.y.gamma(gamma_2)\n';
    const tokens = scanPython(text);
    for (const warm of ['a', 'b', 'c', 'd', 'e']) nameTokens(tokens, warm);
    const at = nameTokens(tokens, 'gamma').map((k) => text.slice(0, tokens.start[k]).split('\n').length);
    assert.deepEqual(at, [1, 2, 4]);
  });
});
