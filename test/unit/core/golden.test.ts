import * as assert from 'node:assert/strict';
import golden from '../../fixtures/torch-golden.json';
import { batchFromLogits, gradFromLogit, lossFromLogit, lossFromProb } from '../../../src/core';
import type { LossKind } from '../../../src/core';
import { GRAD_ABS, GRAD_REL, LOSS_ABS, LOSS_REL, assertClose } from './closeTo';

interface LogitCase { fn: string; targets: string; logit: number; y: number; alpha: number | null; gamma: number; loss: number; dloss_dlogit: number }
interface ProbCase { p: number; y: number; alpha: number | null; gamma: number; loss: number }

const logitCases = golden.logit_cases as LogitCase[];
const probCases = golden.prob_cases as ProbCase[];

/** Every core kind a reference case stands for: torchvision focal is 'focal'; at gamma 0 it is also 'balanced' (or 'ce' with alpha off). */
function kindsFor(c: { fn?: string; alpha: number | null; gamma: number }): LossKind[] {
  if (c.fn === 'bce') return ['ce'];
  const kinds: LossKind[] = ['focal'];
  if (c.gamma === 0) kinds.push(c.alpha === null ? 'ce' : 'balanced');
  return kinds;
}

describe('core against PyTorch / torchvision float64 references', () => {
  it('covers what the reference file holds', () => {
    assert.equal(logitCases.length, 2688);
    assert.equal(probCases.length, 360);
    const kinds = new Set(logitCases.flatMap((c) => kindsFor(c)));
    assert.deepEqual([...kinds].sort(), ['balanced', 'ce', 'focal']);
  });

  it('lossFromLogit and gradFromLogit match every logit case', () => {
    let checked = 0;
    for (const c of logitCases) {
      for (const kind of kindsFor(c)) {
        const params = { alpha: c.alpha, gamma: c.gamma };
        const what = `${kind} x=${c.logit} y=${c.y} alpha=${c.alpha} gamma=${c.gamma}`;
        assertClose(lossFromLogit(kind, c.logit, c.y, params), c.loss, LOSS_REL, LOSS_ABS, `loss ${what}`);
        assertClose(gradFromLogit(kind, c.logit, c.y, params), c.dloss_dlogit, GRAD_REL, GRAD_ABS, `grad ${what}`);
        checked++;
      }
    }
    assert.ok(checked > logitCases.length);
  });

  it('lossFromProb matches every probability case', () => {
    for (const c of probCases) {
      for (const kind of kindsFor(c)) {
        const what = `${kind} p=${c.p} y=${c.y} alpha=${c.alpha} gamma=${c.gamma}`;
        assertClose(lossFromProb(kind, c.p, c.y, { alpha: c.alpha, gamma: c.gamma }), c.loss, LOSS_REL, LOSS_ABS, what);
      }
    }
  });

  it('batchFromLogits sums the same losses and fills the same gradients, per group', () => {
    const groups = new Map<string, LogitCase[]>();
    for (const c of logitCases) {
      const key = `${c.fn}|${c.targets}|${c.alpha}|${c.gamma}`;
      groups.set(key, [...(groups.get(key) ?? []), c]);
    }
    for (const [key, cases] of groups) {
      const logits = Float64Array.from(cases, (c) => c.logit);
      const targets = Float64Array.from(cases, (c) => c.y);
      const grad = new Float64Array(cases.length);
      const first = cases[0]!;
      for (const kind of kindsFor(first)) {
        const sum = batchFromLogits(kind, logits, targets, { alpha: first.alpha, gamma: first.gamma }, grad);
        const expected = cases.reduce((total, c) => total + c.loss, 0);
        assertClose(sum, expected, LOSS_REL, LOSS_ABS, `sum ${kind} ${key}`);
        cases.forEach((c, i) => assertClose(grad[i]!, c.dloss_dlogit, GRAD_REL, GRAD_ABS, `grad[${i}] ${kind} ${key}`));
      }
    }
  });
});
