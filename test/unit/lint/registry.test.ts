// The rule registry (src/language/lint/registry/, collected in rules.ts) is the one place a rule is
// defined: every other place a rule appears is checked against it here, so they cannot disagree.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINT_RULES, lintPython } from '../../../src/language/lint';
import { LINT_CASES } from '../../fixtures/lintCases';

const root = join(__dirname, '..', '..', '..', '..');
const json = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, unknown>;
const ids = LINT_RULES.map((rule) => rule.id);
const camel = (id: string) => id.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

describe('lint rule registry', () => {
  it('has one file per rule, named after its id, and unique kebab-case ids', () => {
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(?:-[a-z]+)*$/);
    const files = readdirSync(join(root, 'src', 'language', 'lint', 'registry')).filter((f) => f !== 'ruleDefinition.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    assert.deepEqual(files, ids.map(camel).sort());
  });

  it('package.json declares exactly the registry\'s rules, in its order, each with the five levels and its nls description', () => {
    const manifest = json('package.json') as { contributes: { configuration: { properties: Record<string, { properties: Record<string, { enum: string[]; markdownDescription: string }> }> } } };
    const rules = manifest.contributes.configuration.properties['lossLens.lint.rules']!.properties;
    assert.deepEqual(Object.keys(rules), ids);
    const nls = json('package.nls.json');
    const ko = json('package.nls.ko.json');
    for (const rule of LINT_RULES) {
      assert.deepEqual(rules[rule.id]!.enum, ['error', 'warning', 'information', 'hint', 'off']);
      const key = `config.lint.rules.${rule.id}.description`;
      assert.equal(rules[rule.id]!.markdownDescription, `%${key}%`);
      assert.equal(nls[key], `Level of \`${rule.id}\` (its own: \`${rule.severity}\`).`);
      assert.equal(ko[key], `\`${rule.id}\`의 수준(기본: \`${rule.severity}\`).`);
    }
    const described = Object.keys(nls).filter((k) => k.startsWith('config.lint.rules.') && k !== 'config.lint.rules.description');
    assert.deepEqual(described, ids.map((id) => `config.lint.rules.${id}.description`));
  });

  it('the README documents exactly the registry\'s rules under "## Loss lint", in its order', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Loss lint\n'), readme.indexOf('\n## ', readme.indexOf('\n## Loss lint\n') + 5));
    const headings = [...section.matchAll(/^### (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(headings, ids);
  });

  it('each rule\'s example fires it and its fixed version does not', () => {
    for (const rule of LINT_RULES) {
      assert.ok(lintPython(rule.example).some((f) => f.rule === rule.id), `${rule.id}: the example does not fire`);
      assert.ok(!lintPython(rule.fixed).some((f) => f.rule === rule.id), `${rule.id}: the fixed example still fires`);
    }
  });

  it('the fixes a rule offers have the safety its file declares', () => {
    for (const rule of LINT_RULES) {
      const offered = lintPython(rule.example).filter((f) => f.rule === rule.id).flatMap((f) => f.fixes);
      if (rule.fix === 'none') assert.deepEqual(offered, [], rule.id);
      else assert.ok(offered.length > 0 && offered[0]!.preferred, `${rule.id}: no preferred fix`);
      if (rule.fix === 'safe') assert.ok(offered.every((f) => f.safety === 'safe'), `${rule.id}: an unsafe fix`);
    }
  });

  it('the corpus (the tests\' table) has a firing case for every rule and names no other', () => {
    const fired = new Set(LINT_CASES.flatMap((c) => c.expected.map((e) => e.rule)));
    assert.deepEqual([...fired].sort(), [...ids].sort());
  });
});
