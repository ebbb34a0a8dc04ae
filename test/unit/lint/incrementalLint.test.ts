import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintPython, predictionSourceOf } from '../../../src/language/lint';
import { findLossCalls, lossCallAt, LossCallIndex, unchangedTokensSince } from '../../../src/language/recognition';
import { ALPHA_LIST_CASES } from '../../fixtures/lintAlphaListCases';
import { LINT_CASES } from '../../fixtures/lintCases';
import { FIX_SHAPE_CASES } from '../../fixtures/lintFixShapeCases';
import { ONE_OUTPUT_CASES } from '../../fixtures/lintOneOutputCases';
import { WRAPPED_PRODUCER_CASES } from '../../fixtures/lintWrappedProducerCases';
import { MISMATCHED_FOCAL_CASES } from '../../fixtures/lintMismatchedFocalCases';
import { HELD_VALUE_CASES } from '../../fixtures/lintHeldValueCases';
import { MODEL_CASES, MULTIPLIED_FOCAL_CASES, REDUCED_FOCAL_CASES, SUPPRESSION_CASES, SWAPPED_FOCAL_CASES, UNKNOWN_KEYWORD_CASES } from '../../fixtures/lintModelCases';
import { SIGMOID_INTO_SOFTMAX_CASES } from '../../fixtures/lintSigmoidSoftmaxCases';
import { SOFTMAX_INTO_BCE_CASES } from '../../fixtures/lintSoftmaxBceCases';
import { TF_LOSSES_CASES } from '../../fixtures/lintTfLossesCases';
import { TFLEARN_CASES } from '../../fixtures/lintTflearnCases';
import { edit, random } from '../language/incrementalEdits';

/*
 * Reuse across document versions (issue 23, speed): an edit that leaves every token as it was
 * (typing in a comment, trailing spaces: recognition's unchangedTokensSince) gives the previous
 * version's calls and findings with their offsets moved instead of reading the file again. Over
 * seeded chains of edits of real-shaped files (the lint corpus, test/fixtures, the sample
 * workspace), every version read through one LossCallIndex from the last has the findings
 * (messages, related places, fixes), the calls and the hover's calls and prediction sources of a
 * read from scratch. The edits mix comment edits (the reuse: suppression comments added and
 * removed, text that looks like code, comments on lines of their own and after calls), edits next
 * to them that must not be reused (a blank or comment line added, a space inside the code) and edits
 * of the code (the full read), so a reused version also follows a fully read one and the other
 * way round.
 */

const root = join(__dirname, '..', '..', '..', '..');

function pythonFiles(dir: string): { path: string; text: string }[] {
  const found: { path: string; text: string }[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...pythonFiles(path));
    else if (entry.endsWith('.py')) found.push({ path, text: readFileSync(path, 'utf8') });
  }
  return found;
}

/** A file's own seed, from its path: a fixture added elsewhere does not change the edits another file gets. */
function seedOf(path: string): number {
  let hash = 2166136261;
  for (const c of relative(root, path)) hash = Math.imul(hash ^ c.charCodeAt(0), 16777619) >>> 0;
  return 2000 + (hash % 1_000_000);
}

const CASE_SETS = [LINT_CASES, MODEL_CASES, SUPPRESSION_CASES, REDUCED_FOCAL_CASES, UNKNOWN_KEYWORD_CASES, SWAPPED_FOCAL_CASES, MULTIPLIED_FOCAL_CASES, ALPHA_LIST_CASES, HELD_VALUE_CASES, SOFTMAX_INTO_BCE_CASES, SIGMOID_INTO_SOFTMAX_CASES, MISMATCHED_FOCAL_CASES, ONE_OUTPUT_CASES, WRAPPED_PRODUCER_CASES, FIX_SHAPE_CASES, TF_LOSSES_CASES, TFLEARN_CASES];

/** Documents made of the corpus's cases (each in its own function, as the lint bench does), a few dozen each. */
function corpusDocuments(): string[] {
  const cases = CASE_SETS.flat();
  const documents: string[] = [];
  for (let i = 0; i < cases.length; i += 40) documents.push(cases.slice(i, i + 40).map((c) => c.code).join('\n\n'));
  return documents;
}

const COMMENT_TEXT = [' #', '#', ' # x', 'x', ' ', '  # loss-lens: ignore', '  # loss-lens: ignore[double-softmax]', '  # noqa: loss-lens', '# loss-lens: ignore-file', ' F.softmax(x)', ' num_classes = 3', "'", '"""', '(', ')', '\\'];

/** An edit in a comment or at a line's end, where it usually leaves every token as it was (not always: a quote or '#' removed). */
function commentEdit(text: string, next: () => number): string {
  const lineEnds: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineEnds.push(i);
  lineEnds.push(text.length);
  const end = lineEnds[Math.floor(next() * lineEnds.length)]!;
  const start = text.lastIndexOf('\n', end - 1) + 1;
  const hash = text.indexOf('#', start);
  const piece = COMMENT_TEXT[Math.floor(next() * COMMENT_TEXT.length)]!;
  const choice = next();
  if (hash >= 0 && hash < end && choice < 0.5) {
    // Inside the line's comment: insert, or remove a few characters after the '#'.
    const at = hash + 1 + Math.floor(next() * (end - hash));
    if (choice < 0.35) return text.slice(0, at) + piece + text.slice(at);
    return text.slice(0, at) + text.slice(Math.min(end, at + 1 + Math.floor(next() * 4)));
  }
  // Not left as they were: a line (blank or comment only) added after this one, which moves every later line's number,
  // and a space added inside the code, which changes the text of what it is in (a list, an expression).
  if (choice < 0.6) return text.slice(0, end) + ['\n', '\n# c', '\n    # loss-lens: ignore', '\r\n'][Math.floor(next() * 4)]! + text.slice(end);
  if (choice < 0.7) {
    const gaps = [...text.slice(start, hash >= 0 && hash < end ? hash : end).matchAll(/[,=] ?/g)];
    const gap = gaps[Math.floor(next() * gaps.length)];
    if (gap) return text.slice(0, start + gap.index! + 1) + ' ' + text.slice(start + gap.index! + 1);
  }
  // At the line's end (a new comment, trailing spaces), or a comment put on the line's own start.
  if (choice < 0.9) return text.slice(0, end) + (piece.startsWith(' ') || piece.startsWith('#') ? piece : ` #${piece}`) + text.slice(end);
  return text.slice(0, start) + '#' + text.slice(start);
}

interface Totals {
  versions: number;
  reused: number;
}

function checkChain(document: string, seed: number, steps: number, totals: Totals): void {
  const next = random(seed);
  const index = new LossCallIndex();
  const uri = `file:///chain-${seed}.py`;
  let text = document;
  for (let version = 0; version <= steps; version++) {
    if (version > 0) text = next() < 0.75 ? commentEdit(text, next) : edit(text, next);
    const read = index.read(uri, version, text, 'python');
    const where = `seed ${seed}, version ${version}`;
    totals.versions++;
    if (unchangedTokensSince(read.module!)) totals.reused++;
    assert.deepEqual(read.calls, findLossCalls(text, 'python'), `${where}: calls`);
    assert.deepEqual(lintPython(text, read), lintPython(text), `${where}: findings`);
    // The hover: the call at a few offsets, and what each call's prediction is, as a read from scratch gives them.
    for (let i = 0; i < 3; i++) {
      const offset = Math.floor(next() * (text.length + 1));
      assert.deepEqual(index.callAt(uri, version, text, offset, 'python'), lossCallAt(text, offset, 'python'), `${where}: call at ${offset}`);
    }
    const fresh = new LossCallIndex().read(uri, version, text, 'python');
    read.calls.forEach((call, i) => assert.deepEqual(predictionSourceOf(read.module!, call), predictionSourceOf(fresh.module!, fresh.calls[i]!), `${where}: prediction of call ${i}`));
  }
}

describe('lint and recognition reused across versions (edits that leave the tokens as they were)', function () {
  this.timeout(600_000);

  it('the corpus: every version has the findings, calls and hover of a read from scratch', () => {
    const totals: Totals = { versions: 0, reused: 0 };
    corpusDocuments().forEach((document, i) => checkChain(document, 1000 + i, 12, totals));
    // The chains must exercise the reuse, not only the full read.
    assert.ok(totals.reused > totals.versions / 8, `${totals.reused} of ${totals.versions} versions reused`);
  });

  it('the fixtures and the sample workspace: the same', () => {
    const totals: Totals = { versions: 0, reused: 0 };
    [...pythonFiles(join(root, 'test', 'fixtures')), ...pythonFiles(join(root, 'test', 'sample-workspace'))].forEach(({ path, text }) => checkChain(text, seedOf(path), 10, totals));
    // About 1 in 7 versions here (50 of 352 at 1e3be1e): short fixtures have few comments to edit.
    assert.ok(totals.reused > totals.versions / 12, `${totals.reused} of ${totals.versions} versions reused`);
  });

  it('a version whose tokens changed is not linked to the last one', () => {
    const index = new LossCallIndex();
    // (The re-read restarts a few lines above an edit: one near the file's start reads the whole file again.)
    const a = 'import torch.nn.functional as F\n\n\ndef f(x):\n    return x\n\n\ndef g(x, y):\n    z = f(x)\n    loss = F.cross_entropy(F.softmax(z, dim=1), y)  # note\n    return loss\n';
    index.read('file:///a.py', 1, a, 'python');
    const comment = a.replace('# note', '# note, more');
    assert.ok(unchangedTokensSince(index.read('file:///a.py', 2, comment, 'python').module!), 'an edit inside the comment keeps the tokens');
    const code = comment.replace('dim=1', 'dim=-1');
    assert.equal(unchangedTokensSince(index.read('file:///a.py', 3, code, 'python').module!), undefined, 'an edit of the code does not');
    const uncommented = code.replace('  # note, more', '  note');
    assert.equal(unchangedTokensSince(index.read('file:///a.py', 4, uncommented, 'python').module!), undefined, "a '#' removed makes the comment code");
    const spaced = uncommented.replace('(z, dim=-1)', '(z,  dim=-1)');
    assert.equal(unchangedTokensSince(index.read('file:///a.py', 5, spaced, 'python').module!), undefined, 'a space inside the code (the same tokens) changes the text of the arguments');
    const blank = spaced.replace('  note\n', '  note\n\n');
    assert.equal(unchangedTokensSince(index.read('file:///a.py', 6, blank, 'python').module!), undefined, "a line break moves every later line's number");
    const commented = blank.replace('  note\n', '  # note\n');
    index.read('file:///a.py', 7, commented, 'python');
    assert.ok(unchangedTokensSince(index.read('file:///a.py', 8, commented.replace('\n\n\ndef g', '\n# g\n\ndef g'), 'python').module!), 'a comment typed on a blank line keeps the tokens');
  });

  it('a version linted again (diagnostics, then code actions): its findings again, and only for the same calls and imported files', () => {
    const text = 'import torch.nn.functional as F\n\ndef g(z, y):\n    return F.cross_entropy(F.softmax(z, dim=1), y)\n';
    const read = new LossCallIndex().read('file:///again.py', 1, text, 'python');
    const first = lintPython(text, read);
    assert.equal(first.length, 1);
    const again = lintPython(text, read);
    assert.deepEqual(again, first);
    assert.equal(again[0], first[0], 'the same version with the same calls: the findings kept, not found again');
    // The same module with other calls: found again from those calls (none here), not the kept ones.
    assert.deepEqual(lintPython(text, { module: read.module, calls: [] }), []);
    assert.deepEqual(lintPython(text, read), first);
    // With imported files (another key): found again.
    const imported = { key: 'other', get: () => undefined };
    const withImports = lintPython(text, { ...read, imported });
    assert.deepEqual(withImports, first);
    assert.notEqual(withImports[0], first[0]);
  });

  it("a call through a wrapper method, after an edit that moves the method's returned call: its `through` is where that call is now", () => {
    // The corpus chain that found it (seed 1008): `self.adversarial_loss(...)` kept from the last version with the
    // start of `F.binary_cross_entropy(...)` as it was before a comment typed above it.
    const text = [
      'import torch.nn.functional as F',
      '',
      'class Gan:',
      '    def adversarial_loss(self, y_hat, y):',
      '        return F.binary_cross_entropy(y_hat, y)',
      '',
      '    def training_step(self, out, y):',
      '        return self.adversarial_loss(out, y)',
      '',
    ].join('\n');
    const index = new LossCallIndex();
    index.read('file:///gan.py', 1, text, 'python');
    const edited = text.replace('class Gan:', 'class Gan:  # the GAN');
    const read = index.read('file:///gan.py', 2, edited, 'python');
    assert.ok(unchangedTokensSince(read.module!), 'a comment keeps the tokens: the calls are reused');
    assert.deepEqual(read.calls, findLossCalls(edited, 'python'));
    const through = read.calls.find((c) => c.through)!.through!;
    assert.equal(edited.slice(through.start, through.start + 'F.binary_cross_entropy'.length), 'F.binary_cross_entropy');
  });
});
