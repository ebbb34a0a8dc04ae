// The measurement on unseen public training code (test/fixtures/evalCorpus.ts says how it was built and
// read): the lint's findings and the hover's recognised calls, exactly as classified by hand, and the
// totals the measurement reports.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintPython } from '../../src/language/lint';
import { findLossCalls } from '../../src/language/recognition';
import { EVAL_CORPUS, type EvalCall } from '../fixtures/evalCorpus';

const dir = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'evalCorpus');
const read = (file: string) => readFileSync(join(dir, file), 'utf8');
const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
const isYaml = (file: string) => /\.ya?ml$/.test(file);

function callsOf(file: string): EvalCall[] {
  const text = read(file);
  return findLossCalls(text, isYaml(file) ? 'yaml' : 'python').map((c) => ({
    line: lineOf(text, c.nameStart), api: c.api, kind: c.kind, inputs: c.inputs.value ?? null, classModel: c.classModel ?? null,
    alpha: c.alpha.value === undefined ? 'unresolved' : c.alpha.value, gamma: c.gamma.value === undefined ? 'unresolved' : c.gamma.value,
    reduction: c.reduction.value ?? 'unresolved', ...(c.notModeled ? { notModeled: true as const } : {}),
  }));
}

function findingsOf(file: string) {
  if (isYaml(file)) return [];
  const text = read(file);
  return lintPython(text).map((f) => ({
    rule: f.rule, argument: text.slice(f.start, f.end), line: lineOf(text, f.start),
    fix: f.fixes.some((x) => x.safety === 'safe') ? 'safe' : f.fixes.length > 0 ? 'unsafe' : 'none',
  }));
}

describe('evaluation on unseen public code (test/fixtures/evalCorpus)', () => {
  it('every excerpt is listed once and names its repository, path and commit', () => {
    assert.deepEqual(readdirSync(dir).sort(), EVAL_CORPUS.map((e) => e.file).sort());
    for (const e of EVAL_CORPUS) assert.match(read(e.file), /^# Excerpt of \S+\/\S+ .+\n# at commit [0-9a-f]{40} /, e.file);
  });

  for (const e of EVAL_CORPUS) {
    it(`lint: ${e.file}`, () => {
      const found = findingsOf(e.file);
      assert.deepEqual(found, e.lint.map((f) => ({ rule: f.rule, argument: f.argument, line: f.line, fix: f.fix })));
      for (const miss of e.lintMisses ?? []) assert.ok(!found.some((f) => f.line === miss.line), `${e.file}:${miss.line} is listed as a miss but is found now: move it to lint`);
    });

    it(`hover: ${e.file}`, () => {
      const calls = callsOf(e.file);
      assert.deepEqual(calls, e.calls);
      for (const s of e.silent ?? []) assert.ok(!calls.some((c) => c.line === s.line), `${e.file}:${s.line} is listed as silent but is recognised now`);
    });
  }

  it('the totals the measurement reports', () => {
    const count = (pick: (e: (typeof EVAL_CORPUS)[number]) => number) => EVAL_CORPUS.reduce((n, e) => n + pick(e), 0);
    const found = count((e) => e.lint.length);
    const missed = count((e) => e.lintMisses?.length ?? 0);
    const recognised = count((e) => e.calls.length);
    const silent = count((e) => e.silent?.length ?? 0);
    assert.deepEqual(
      { files: EVAL_CORPUS.length, lossCalls: recognised + silent, recognised, silent, mistakes: found + missed, found, missed, withFix: count((e) => e.lint.filter((f) => f.fix !== 'none').length) },
      { files: 39, lossCalls: 98, recognised: 64, silent: 34, mistakes: 19, found: 11, missed: 8, withFix: 10 },
    );
  });
});
