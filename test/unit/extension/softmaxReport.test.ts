import * as assert from 'node:assert/strict';
import { MULTICLASS_CASES } from '../../fixtures/multiclassGolden';
import { LossInputError } from '../../../src/core';
import { findLossCalls } from '../../../src/language/recognition';
import { looksLikeClassScores, parseClassIndex, parseClassScores } from '../../../src/language/input/classScoresInput';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';
import { computeSoftmaxReport, softmaxReportLines, softmaxSummaryLine } from '../../../src/extension/softmaxReport';
import { softmaxSpecOf, type SoftmaxSpec } from '../../../src/extension/softmaxSpec';

/*
 * "Compute Loss..." for a multi-class sample: what the input box accepts, and the report's numbers
 * against PyTorch float64 (torch-golden-multiclass.json), reached through the spec a recognised
 * call gives, so the route from source text to the number shown is the one under test.
 */

const cases = MULTICLASS_CASES;

const relClose = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.max(Math.abs(b), 1e-300) || Math.abs(a - b) <= 1e-15;

function specOfSource(source: string): SoftmaxSpec {
  const [call] = findLossCalls(source, 'python');
  const spec = call && softmaxSpecOf(call);
  assert.ok(spec, `no softmax spec for ${source}`);
  return spec;
}

/** The Python literal of a list, as a person writes class weights. */
const py = (values: readonly number[]) => `[${values.map((v) => v.toPrecision(17)).join(', ')}]`;

describe('Compute Loss for one multi-class sample', () => {
  describe('reading the class scores typed into the input box', () => {
    it('reads logits, probabilities that sum to 1 (with a note), and named forms', () => {
      const logits = parseClassScores('2.0, 0.5, -1.0');
      assert.deepEqual(logits.ok && logits.value, { values: [2, 0.5, -1], areProbabilities: false });
      const probs = parseClassScores('[0.7 0.2 0.1]');
      assert.ok(probs.ok && probs.value.areProbabilities && /read as probabilities/.test(probs.note ?? ''));
      const forced = parseClassScores('logits = 0.5, 0.5');
      assert.ok(forced.ok && !forced.value.areProbabilities);
      const named = parseClassScores('probs: 0.25, 0.75');
      assert.ok(named.ok && named.value.areProbabilities && named.note === undefined);
    });

    it('says how it read unnamed logits, and spells out a decimal comma read as two classes (issue 20, item 13)', () => {
      const comma = parseClassScores('0,9');
      assert.ok(comma.ok && !comma.value.areProbabilities);
      assert.deepEqual(comma.value.values, [0, 9]);
      assert.equal(comma.note, '"0,9" is read as the logits of 2 classes, 0 and 9; the number 0.9 is written with a point.');
      const three = parseClassScores('2.0, 0.5, -1.0');
      assert.equal(three.ok && three.note, 'Read as the logits of 3 classes: 2, 0.5, -1.');
      // Named logits were asked for: nothing to say.
      const named = parseClassScores('logits = 0, 9');
      assert.equal(named.ok && named.note, undefined);
    });

    it('refuses what is not a sample of classes, with a message', () => {
      for (const [text, pattern] of [
        ['', /Type the logits/],
        ['1.0', /at least 2 classes/],
        ['1, x, 3', /"x" is not a number/],
        ['probs=0.5, 0.6', /sum to 1/],
        ['probs=1.5, -0.5', /\[0, 1\]/],
        ['inf, 0', /\+inf has no softmax/],
        [Array.from({ length: 1001 }, () => '0').join(','), /At most 1000/],
      ] as const) {
        const parsed = parseClassScores(text);
        assert.ok(!parsed.ok && pattern.test(parsed.message), `${text.slice(0, 20)}: ${JSON.stringify(parsed)}`);
      }
      assert.ok(!parseClassScores('nan, 1').ok);
    });

    it('tells one prediction from several class scores', () => {
      assert.equal(looksLikeClassScores('0.9'), false);
      assert.equal(looksLikeClassScores('logit=2.2'), false);
      assert.equal(looksLikeClassScores('2.0, 0.5'), true);
      assert.equal(looksLikeClassScores('[1 2 3]'), true);
    });

    it('reads the target class as an integer index below C', () => {
      assert.deepEqual(parseClassIndex('2', 3), { ok: true, value: 2 });
      for (const text of ['3', '-1', '1.5', 'two', '']) assert.equal(parseClassIndex(text, 3).ok, false, text);
    });
  });

  describe('the report matches PyTorch float64', () => {
    it('F.cross_entropy(weight=, label_smoothing=) through a recognised nn.CrossEntropyLoss call, every index-target case', () => {
      let checked = 0;
      for (const c of cases.softmax_ce) {
        if (c.target_kind !== 'index' || typeof c.target !== 'number' || c.ignore_index !== null) continue;
        const weight = c.weight ? `weight=torch.tensor(${py(c.weight)}), ` : '';
        const spec = specOfSource(`import torch\nimport torch.nn as nn\nl = nn.CrossEntropyLoss(${weight}label_smoothing=${c.label_smoothing})\n`);
        const report = computeSoftmaxReport({ values: c.logits, areProbabilities: false }, c.target, spec, 2, DEFAULT_SETTINGS, 'torch.nn.CrossEntropyLoss');
        assert.ok(relClose(report.loss, c.loss, 1e-9), `loss ${report.loss} vs ${c.loss}`);
        assert.ok(relClose(report.ce, c.loss, 1e-9));
        report.gradient.forEach((g, i) => assert.ok(Math.abs(g - c.dloss_dlogits[i]!) <= 1e-7 * Math.max(1, Math.abs(c.dloss_dlogits[i]!)), `grad ${i}`));
        checked++;
      }
      assert.ok(checked >= 50, `${checked} cases`);
    });

    it("kornia focal_loss(alpha=, gamma=, weight=) through a recognised call, every case", () => {
      let checked = 0;
      for (const c of cases.softmax_focal) {
        const alpha = c.alpha === null ? 'None' : String(c.alpha);
        const weight = c.weight ? `, weight=torch.tensor(${py(c.weight)})` : '';
        const spec = specOfSource(`import torch\nimport kornia\nl = kornia.losses.focal_loss(p, t, alpha=${alpha}, gamma=${c.gamma}${weight})\n`);
        const report = computeSoftmaxReport({ values: c.logits, areProbabilities: false }, c.target, spec, 2, DEFAULT_SETTINGS);
        assert.ok(relClose(report.loss, c.loss, 1e-9), `loss ${report.loss} vs ${c.loss} (alpha ${alpha}, gamma ${c.gamma})`);
        assert.equal(report.focal, report.loss);
        checked++;
      }
      assert.ok(checked >= 50, `${checked} cases`);
    });

    it('probabilities typed as such give the same losses as their logs as logits', () => {
      const spec = specOfSource('import torch.nn as nn\nl = nn.CrossEntropyLoss(label_smoothing=0.1)\n');
      const p = [0.7, 0.2, 0.1];
      const fromProbs = computeSoftmaxReport({ values: p, areProbabilities: true }, 1, spec, 2, DEFAULT_SETTINGS);
      const fromLogits = computeSoftmaxReport({ values: p.map(Math.log), areProbabilities: false }, 1, spec, 2, DEFAULT_SETTINGS);
      assert.ok(relClose(fromProbs.loss, fromLogits.loss, 1e-14));
      assert.ok(relClose(fromProbs.pt, 0.2, 1e-14));
    });
  });

  it("refuses scores whose number of classes differs from the call's weight", () => {
    const spec = specOfSource('import torch\nimport torch.nn as nn\nl = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 3.0]))\n');
    assert.throws(() => computeSoftmaxReport({ values: [1, 2], areProbabilities: false }, 0, spec, 2, DEFAULT_SETTINGS), (e: unknown) => e instanceof LossInputError && /3 scores/.test(e.message));
  });

  it('says in the output what it left out and which loss is the call\'s', () => {
    const spec = specOfSource('import torch.nn as nn\nl = nn.CrossEntropyLoss(weight=w)\n');
    const report = computeSoftmaxReport({ values: [2, 0.5, -1], areProbabilities: false }, 0, spec, 2, DEFAULT_SETTINGS, 'torch.nn.CrossEntropyLoss');
    const lines = softmaxReportLines(report, DEFAULT_SETTINGS).join('\n');
    assert.match(lines, /weight=w is not known from the file, so it is left out/);
    assert.match(lines, /as torch\.nn\.CrossEntropyLoss computes it/);
    assert.match(softmaxSummaryLine(report, DEFAULT_SETTINGS), /^torch\.nn\.CrossEntropyLoss, 3 classes, target 0: p_t = 0\.7856, CE 0\.2413, focal loss \(γ 2\) 0\.01109 \(natural log\)$/);
  });
});
