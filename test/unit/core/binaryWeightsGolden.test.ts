import * as assert from 'node:assert/strict';
import golden from '../../fixtures/torch-golden-multiclass.json';
import { batchFromLogits, gradFromLogit, lossBreakdown, lossFromLogit, lossFromProb, sigmoid } from '../../../src/core';
import type { LossKind, LossParams } from '../../../src/core';
import { GRAD_ABS, GRAD_REL, LOSS_ABS, LOSS_REL, assertClose } from './closeTo';

// pos_weight and label smoothing of the binary losses, mapped as test/fixtures/reference/golden_multiclass.py defines them.

interface PosWeightCase { logit: number; y: number; targets: 'hard' | 'soft'; pos_weight: number; weight: number | null; loss: number; dloss_dlogit: number }
interface SmoothingCase { logit: number; y: number; label_smoothing: number; alpha: number | null; gamma: number; loss: number; dloss_dlogit: number }
/** One reference case as the core sees it: the kinds it stands for, their parameters, and a factor on the whole element. */
interface BinaryCase { kinds: LossKind[]; params: LossParams; factor: number; logit: number; y: number; loss: number; grad: number; what: string }

const cases = golden.cases as unknown as { bce_pos_weight: PosWeightCase[]; binary_label_smoothing: SmoothingCase[] };

// binary_cross_entropy_with_logits(pos_weight=pw, weight=w): w multiplies the whole element.
const posWeightCases: BinaryCase[] = cases.bce_pos_weight.map((c, i) => ({
  kinds: ['ce'],
  params: { posWeight: c.pos_weight },
  factor: c.weight ?? 1,
  logit: c.logit,
  y: c.y,
  loss: c.loss,
  grad: c.dloss_dlogit,
  what: `bce_pos_weight #${i} pw ${c.pos_weight} w ${c.weight} x ${c.logit} y ${c.y}`,
}));

// alpha_t (1 - p_t)^gamma CE on y' = y (1 - ls) + ls / 2: 'focal' always; at gamma 0 also 'ce' (alpha off) or 'balanced'.
const smoothingCases: BinaryCase[] = cases.binary_label_smoothing.map((c, i) => ({
  kinds: c.gamma === 0 ? ['focal', c.alpha === null ? 'ce' : 'balanced'] : ['focal'],
  params: { alpha: c.alpha, gamma: c.gamma, labelSmoothing: c.label_smoothing },
  factor: 1,
  logit: c.logit,
  y: c.y,
  loss: c.loss,
  grad: c.dloss_dlogit,
  what: `binary_label_smoothing #${i} ls ${c.label_smoothing} alpha ${c.alpha} gamma ${c.gamma} x ${c.logit} y ${c.y}`,
}));

/** The lossBreakdown field that holds `kind`'s value. */
const breakdownField = { ce: 'ce', balanced: 'balanced', focal: 'focal' } as const;

describe('binary posWeight and label smoothing against PyTorch float64 references', () => {
  it('covers what the reference file holds', () => {
    assert.equal(posWeightCases.length, 640);
    assert.equal(smoothingCases.length, 400);
  });

  for (const [name, list] of [['bce_pos_weight', posWeightCases], ['binary_label_smoothing', smoothingCases]] as const) {
    it(`${name}: lossFromLogit, gradFromLogit and lossBreakdown match every case`, () => {
      for (const c of list) {
        for (const kind of c.kinds) {
          assertClose(c.factor * lossFromLogit(kind, c.logit, c.y, c.params), c.loss, LOSS_REL, LOSS_ABS, `loss ${kind} ${c.what}`);
          assertClose(c.factor * gradFromLogit(kind, c.logit, c.y, c.params), c.grad, GRAD_REL, GRAD_ABS, `grad ${kind} ${c.what}`);
          const field = breakdownField[kind as keyof typeof breakdownField];
          const b = lossBreakdown({ logit: c.logit }, c.y, c.params);
          assertClose(c.factor * b[field], c.loss, LOSS_REL, LOSS_ABS, `breakdown.${field} ${c.what}`);
        }
      }
    });

    it(`${name}: lossFromProb at p = sigmoid(logit) matches every case`, () => {
      // Logits are at most ~13 here, so p keeps 1 - p to ~1e-11 relative: within the loss tolerance.
      for (const c of list) {
        for (const kind of c.kinds) assertClose(c.factor * lossFromProb(kind, sigmoid(c.logit), c.y, c.params), c.loss, LOSS_REL, LOSS_ABS, `prob ${kind} ${c.what}`);
      }
    });

    it(`${name}: batchFromLogits sums the same losses and fills the same gradients, per group`, () => {
      const groups = new Map<string, BinaryCase[]>();
      for (const c of list) {
        const key = JSON.stringify([c.kinds, c.params, c.factor]);
        groups.set(key, [...(groups.get(key) ?? []), c]);
      }
      for (const [key, group] of groups) {
        const { kinds, params, factor } = group[0]!;
        const grad = new Float64Array(group.length);
        for (const kind of kinds) {
          const sum = batchFromLogits(kind, Float64Array.from(group, (c) => c.logit), Float64Array.from(group, (c) => c.y), params, grad);
          assertClose(factor * sum, group.reduce((total, c) => total + c.loss, 0), LOSS_REL, LOSS_ABS, `sum ${kind} ${key}`);
          group.forEach((c, i) => assertClose(factor * grad[i]!, c.grad, GRAD_REL, GRAD_ABS, `grad ${kind} ${c.what}`));
        }
      }
    });
  }
});
