import * as assert from 'node:assert/strict';
import { batchesOf, MULTICLASS_CASES } from '../../fixtures/multiclassGolden';
import { parseSelection } from '../../../src/language/selection';
import type { SelectionClassValues } from '../../../src/language/selection';
import { selectionClassLosses } from '../../../src/extension/selectionClassLosses';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';
import { LOSS_ABS, LOSS_REL, assertClose } from '../core/closeTo';

// The losses of a multi-class selection against PyTorch float64 references: the selections are
// written from the reference cases' logits (String(x) reads back as the same double), so the whole
// path from text to numbers is checked, not only the core.

const cases = MULTICLASS_CASES;

/** F.cross_entropy with its defaults: no weight, no label smoothing, no ignored index, class-index targets. */
const plainCe = (c: { weight: unknown; label_smoothing: number; ignore_index: unknown; target_kind: string }) =>
  c.weight === null && c.label_smoothing === 0 && c.ignore_index === null && c.target_kind === 'index';

function selectionText(rows: readonly (readonly number[])[], targets: readonly number[], name = 'logits'): string {
  return `${name} = [${rows.map((row) => `[${row.join(', ')}]`).join(',\n  ')}]\ntargets = [${targets.join(', ')}]`;
}

function read(text: string): SelectionClassValues {
  const parsed = parseSelection(text);
  assert.ok(parsed.ok && parsed.kind === 'classes', `not read as classes: ${JSON.stringify(parsed).slice(0, 300)}`);
  return parsed;
}

describe('losses of a multi-class selection', () => {
  it("CE mean is F.cross_entropy's reduction='mean' (softmax_ce_mean references)", () => {
    const batches = cases.softmax_ce_mean.filter(plainCe);
    assert.equal(batches.length, 4);
    for (const [i, c] of batches.entries()) {
      const targets = c.target as number[];
      const result = selectionClassLosses(read(selectionText(c.logits, targets)), DEFAULT_SETTINGS, 2);
      assert.equal(result.rows, c.logits.length);
      assert.equal(result.classes, c.logits[0]!.length);
      assertClose(result.ce.mean, c.mean, LOSS_REL, LOSS_ABS, `mean of batch ${i}`);
      assertClose(result.ce.sum, c.mean * c.logits.length, LOSS_REL, LOSS_ABS, `sum of batch ${i}`);
    }
  });

  it('CE sum is the sum of the per-sample references (softmax_ce), in nats and in bits', () => {
    const batches = batchesOf(cases.softmax_ce.filter(plainCe), (c) => String(c.logits.length));
    assert.equal(batches.length, 4);
    for (const rows of batches) {
      const values = read(selectionText(rows.map((c) => c.logits), rows.map((c) => c.target as number)));
      const expected = rows.reduce((total, c) => total + c.loss, 0);
      assertClose(selectionClassLosses(values, DEFAULT_SETTINGS, 2).ce.sum, expected, LOSS_REL, LOSS_ABS, `C = ${values.classes}`);
      const bits = selectionClassLosses(values, { ...DEFAULT_SETTINGS, logBase: '2' }, 2);
      assertClose(bits.ce.sum, expected / Math.LN2, LOSS_REL, LOSS_ABS, `C = ${values.classes} in bits`);
      assert.match(bits.summary, /\(log2\)$/);
    }
  });

  it('focal loss is kornia focal_loss without alpha (softmax_focal references), at the gamma given', () => {
    const plain = cases.softmax_focal.filter((c) => c.alpha === null && c.weight === null);
    const batches = batchesOf(plain, (c) => `${c.logits.length} ${c.gamma}`);
    assert.equal(batches.length, 15);
    for (const rows of batches) {
      const gamma = rows[0]!.gamma;
      const result = selectionClassLosses(read(selectionText(rows.map((c) => c.logits), rows.map((c) => c.target))), DEFAULT_SETTINGS, gamma);
      const expected = rows.reduce((total, c) => total + c.loss, 0);
      const what = `C = ${rows[0]!.logits.length}, gamma ${gamma}`;
      assertClose(result.focal.sum, expected, LOSS_REL, LOSS_ABS, what);
      assertClose(result.focal.mean, expected / rows.length, LOSS_REL, LOSS_ABS, `${what} mean`);
      assert.equal(result.gamma, gamma);
    }
  });

  it('probability rows give the losses of the logits they are the softmax of', () => {
    // Softmax computed here, apart from the core; the selection then holds probabilities only.
    const rows = cases.softmax_ce.filter(plainCe).filter((c) => c.logits.length === 5);
    const probs = rows.map((c) => {
      const m = Math.max(...c.logits);
      const e = c.logits.map((x) => Math.exp(x - m));
      const z = e.reduce((a, b) => a + b, 0);
      return e.map((v) => v / z);
    });
    const values = read(selectionText(probs, rows.map((c) => c.target as number), 'probs'));
    assert.equal(values.space, 'probability');
    const result = selectionClassLosses(values, DEFAULT_SETTINGS, 2);
    assertClose(result.ce.sum, rows.reduce((total, c) => total + c.loss, 0), 1e-9, 1e-12, 'CE from probabilities');
    assert.match(result.summary, /^12 rows × 5 classes \(probabilities\)/);
  });

  it('says what it computed: rows × classes, sum and mean, gamma, no alpha, no panel', () => {
    const result = selectionClassLosses(read('logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], targets=[0, 2]'), DEFAULT_SETTINGS, 2);
    assert.match(result.summary, /^2 rows × 3 classes \(logits\): CE [\d.]+ \(sum\), [\d.]+ \(mean, as F\.cross_entropy\); softmax focal loss [\d.e-]+ \(sum\), [\d.e-]+ \(mean\) at gamma 2, no alpha \(natural log\)$/);
    assert.ok(result.notes.some((note) => /No alpha: kornia's multi-class alpha/.test(note)));
    // The panel draws the rows in its multi-class view: no note says otherwise.
    assert.ok(!result.notes.some((note) => /comes later|binary predictions/.test(note)));
    const one = selectionClassLosses(read('logits=[[2.0, 0.5, -1.0]], y=[0]'), DEFAULT_SETTINGS, 2);
    assert.match(one.summary, /^1 row × 3 classes \(logits\): CE [\d.]+; softmax focal loss [\d.]+ at gamma 2/);
  });

  it('a true class of probability 0 gives an infinite loss, and says why', () => {
    const result = selectionClassLosses(read('probs=[[1, 0], [0.5, 0.5]], y=[1, 0]'), DEFAULT_SETTINGS, 2);
    assert.equal(result.ce.sum, Infinity);
    assert.ok(result.notes.some((note) => /probability 0/.test(note)));
  });
});
