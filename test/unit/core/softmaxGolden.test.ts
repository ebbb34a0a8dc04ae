import * as assert from 'node:assert/strict';
import { batchesOf, MULTICLASS_CASES, type FocalCase, type KerasCase } from '../../fixtures/multiclassGolden';
import { softmaxBatch, softmaxLoss, softmaxMeanDivisor } from '../../../src/core';
import type { SoftmaxLossParams } from '../../../src/core';
import { GRAD_ABS, GRAD_REL, LOSS_ABS, LOSS_REL, assertAllClose, assertClose } from './closeTo';

// Each kind's parameters mapped as test/fixtures/reference/golden_multiclass.py defines them.

const cases = MULTICLASS_CASES;

/** F.cross_entropy(weight=, label_smoothing=, ignore_index=). */
function ceParams(c: { weight: number[] | null; label_smoothing: number; ignore_index: number | null }): SoftmaxLossParams {
  return { classWeights: c.weight, labelSmoothing: c.label_smoothing, ...(c.ignore_index === null ? {} : { ignoreIndex: c.ignore_index }) };
}

/** kornia focal_loss: w = [1 - alpha, alpha, ..., alpha] (class 0 is background) times weight_c. */
function korniaParams(c: FocalCase): SoftmaxLossParams {
  const classes = c.logits.length;
  const a = (k: number) => (c.alpha === null ? 1 : k === 0 ? 1 - c.alpha : c.alpha);
  return { gamma: c.gamma, classWeights: Array.from({ length: classes }, (_, k) => a(k) * (c.weight === null ? 1 : c.weight[k]!)) };
}

/** Keras CategoricalFocalCrossentropy: alpha multiplies every class. */
function kerasParams(c: KerasCase): SoftmaxLossParams {
  return { gamma: c.gamma, classWeights: c.y_true.map(() => c.alpha), labelSmoothing: c.label_smoothing };
}

/** Loss and gradient of one sample, checked against the reference. */
function checkSample(kind: 'ce' | 'focal', logits: number[], target: number | number[], params: SoftmaxLossParams, loss: number, dloss: number[], what: string): void {
  const grad = new Float64Array(logits.length);
  assertClose(softmaxLoss(kind, logits, target, params, grad), loss, LOSS_REL, LOSS_ABS, `loss ${what}`);
  assertAllClose(grad, dloss, GRAD_REL, GRAD_ABS, `grad ${what}`);
  assertClose(softmaxLoss(kind, logits, target, params), loss, LOSS_REL, LOSS_ABS, `loss without grad ${what}`);
}

describe('softmax losses against PyTorch float64 references', () => {
  it('covers what the reference file holds', () => {
    assert.equal(cases.softmax_ce.length, 864);
    assert.equal(cases.softmax_ce_mean.length, 72);
    assert.equal(cases.softmax_focal.length, 1080);
    assert.equal(cases.keras_categorical_focal.length, 480);
  });

  it('softmax_ce: F.cross_entropy per sample, index and probability targets, weight, ignore_index, label smoothing', () => {
    cases.softmax_ce.forEach((c, i) => checkSample('ce', c.logits, c.target, ceParams(c), c.loss, c.dloss_dlogits, `softmax_ce #${i}`));
  });

  it('softmax_ce: softmaxBatch sums the rows and fills their gradients', () => {
    const index = cases.softmax_ce.filter((c) => c.target_kind === 'index');
    const batches = batchesOf(index, (c) => JSON.stringify([c.logits.length, c.weight, c.label_smoothing, c.ignore_index]));
    assert.equal(batches.length, 48);
    for (const [b, rows] of batches.entries()) {
      const classes = rows[0]!.logits.length;
      const grad = new Float64Array(rows.length * classes);
      const sum = softmaxBatch('ce', Float64Array.from(rows.flatMap((c) => c.logits)), classes, rows.map((c) => c.target as number), ceParams(rows[0]!), grad);
      assertClose(sum, rows.reduce((total, c) => total + c.loss, 0), LOSS_REL, LOSS_ABS, `sum of batch ${b}`);
      assertAllClose(grad, rows.flatMap((c) => c.dloss_dlogits), GRAD_REL, GRAD_ABS, `grad of batch ${b}`);
    }
  });

  it("softmax_ce_mean: reduction='mean' divides by the targets' summed weight (by N for probability targets)", () => {
    for (const [i, c] of cases.softmax_ce_mean.entries()) {
      const classes = c.logits[0]!.length;
      const logits = Float64Array.from(c.logits.flat());
      const grad = new Float64Array(logits.length);
      const params = ceParams(c);
      let sum: number;
      let divisor: number;
      if (c.target_kind === 'index') {
        const targets = c.target as number[];
        sum = softmaxBatch('ce', logits, classes, targets, params, grad);
        divisor = softmaxMeanDivisor(classes, targets, params);
      } else {
        const rowGrad = new Float64Array(classes);
        sum = 0;
        (c.target as number[][]).forEach((t, r) => {
          sum += softmaxLoss('ce', c.logits[r]!, t, params, rowGrad);
          grad.set(rowGrad, r * classes);
        });
        divisor = c.logits.length;
      }
      assertClose(sum / divisor, c.mean, LOSS_REL, LOSS_ABS, `mean #${i}`);
      assertAllClose(grad.map((g) => g / divisor), c.dmean_dlogits.flat(), GRAD_REL, GRAD_ABS, `mean grad #${i}`);
    }
  });

  it('softmax_focal: kornia focal_loss with its alpha vector and weight', () => {
    cases.softmax_focal.forEach((c, i) => checkSample('focal', c.logits, c.target, korniaParams(c), c.loss, c.dloss_dlogits, `softmax_focal #${i} gamma ${c.gamma}`));
    const batches = batchesOf(cases.softmax_focal, (c) => JSON.stringify([c.logits.length, c.alpha, c.gamma, c.weight]));
    assert.equal(batches.length, 90);
    for (const [b, rows] of batches.entries()) {
      const classes = rows[0]!.logits.length;
      const grad = new Float64Array(rows.length * classes);
      const sum = softmaxBatch('focal', Float64Array.from(rows.flatMap((c) => c.logits)), classes, rows.map((c) => c.target), korniaParams(rows[0]!), grad);
      assertClose(sum, rows.reduce((total, c) => total + c.loss, 0), LOSS_REL, LOSS_ABS, `focal sum of batch ${b}`);
      assertAllClose(grad, rows.flatMap((c) => c.dloss_dlogits), GRAD_REL, GRAD_ABS, `focal grad of batch ${b}`);
    }
  });

  it('keras_categorical_focal: alpha for every class, label smoothing, one-hot and soft labels', () => {
    for (const [i, c] of cases.keras_categorical_focal.entries()) {
      const what = `keras #${i} ${c.target_kind} gamma ${c.gamma} ls ${c.label_smoothing}`;
      checkSample('focal', c.logits, c.y_true, kerasParams(c), c.loss, c.dloss_dlogits, what);
      // A one-hot label is its class index.
      if (c.target_kind === 'one-hot') checkSample('focal', c.logits, c.y_true.indexOf(1), kerasParams(c), c.loss, c.dloss_dlogits, `${what} as an index`);
    }
  });
});
