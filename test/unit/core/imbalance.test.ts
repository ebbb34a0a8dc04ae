import * as assert from 'node:assert/strict';
import { batchFromLogits, LossInputError } from '../../../src/core';
import {
  classLogits,
  classSamples,
  focalPass,
  imbalanceRows,
  normalQuantile,
} from '../../../src/core/imbalance';

function close(actual: number, expected: number, relative = 1e-6): void {
  assert.ok(Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected)), `${actual} vs ${expected}`);
}

describe('core/imbalance', () => {
  it('normalQuantile matches known quantiles and is antisymmetric', () => {
    close(normalQuantile(0.5), 0, 1e-12);
    close(normalQuantile(0.975), 1.959963984540054, 1e-8);
    close(normalQuantile(0.001), -3.090232306167813, 1e-8);
    close(normalQuantile(0.3), -normalQuantile(0.7), 1e-12);
    assert.equal(normalQuantile(0), -Infinity);
    assert.throws(() => normalQuantile(1.5), LossInputError);
  });

  it('keeps examples easiest first, so p_t decreases and CE increases', () => {
    for (const y of [0, 1] as const) {
      const s = classSamples(y, { count: 500, meanLogit: y ? 1 : -3, sdLogit: 2 });
      for (let j = 1; j < s.count; j++) assert.ok(s.ce[j]! >= s.ce[j - 1]!);
      // The first easyCount have p_t > 0.5, i.e. CE < ln 2.
      for (let j = 0; j < s.count; j++) assert.equal(s.ce[j]! < Math.LN2, j < s.easyCount, `y ${y} j ${j}`);
    }
  });

  it('agrees with batchFromLogits for CE and FL on the same examples', () => {
    const pos = { count: 300, meanLogit: 0.5, sdLogit: 1.5 };
    const neg = { count: 20000, meanLogit: -4, sdLogit: 1.5 };
    const posS = classSamples(1, pos);
    const negS = classSamples(0, neg);
    const logits = new Float64Array([...classLogits(1, pos), ...classLogits(0, neg)]);
    const targets = new Float64Array(logits.length);
    targets.fill(1, 0, pos.count);
    for (const gamma of [0, 0.5, 2, 5]) {
      const params = { alpha: 0.25, gamma, base: 10 };
      const rows = imbalanceRows(posS, negS, params);
      close(rows[0]!.total, batchFromLogits('ce', logits, targets, { base: 10 }));
      close(rows[1]!.total, batchFromLogits('balanced', logits, targets, params));
      close(rows[2]!.total, batchFromLogits('focal', logits, targets, params));
      for (const row of rows) {
        close(row.easyNegativeShare + row.hardNegativeShare + row.positiveShare, 1, 1e-12);
        close(row.perPositive, row.total / pos.count, 1e-12);
      }
    }
  });

  it('FL moves the loss away from easy negatives', () => {
    const rows = imbalanceRows(
      classSamples(1, { count: 100, meanLogit: 1, sdLogit: 1.5 }),
      classSamples(0, { count: 100000, meanLogit: -5, sdLogit: 1.5 }),
      { alpha: 0.25, gamma: 2 },
    );
    const [ce, , fl] = rows;
    assert.ok(ce!.easyNegativeShare > 0.5, `CE easy share ${ce!.easyNegativeShare}`);
    assert.ok(fl!.easyNegativeShare < ce!.easyNegativeShare - 0.2, `FL easy share ${fl!.easyNegativeShare}`);
    assert.ok(fl!.total < ce!.total / 10);
  });

  it('fills a cumulative normalized loss curve from 0 to 1, non-decreasing', () => {
    const s = classSamples(0, { count: 1000, meanLogit: -4, sdLogit: 2 });
    const curve = new Float64Array(101);
    const sums = focalPass(s, 2, curve);
    assert.equal(curve[0], 0);
    close(curve[100]!, 1, 1e-12);
    for (let k = 1; k < curve.length; k++) assert.ok(curve[k]! >= curve[k - 1]!);
    close(sums.total, focalPass(s, 2).total, 1e-12);
    // At gamma 2 the hardest 10% of negatives carry most of the loss (the paper's Figure 4).
    assert.ok(1 - curve[90]! > 0.5);
    // Fewer examples than marks still gives a full curve.
    const tiny = new Float64Array(11);
    focalPass(classSamples(1, { count: 3, meanLogit: 0, sdLogit: 1 }), 1, tiny);
    close(tiny[10]!, 1, 1e-12);
  });

  it('refuses bad distributions with the core error', () => {
    assert.throws(() => classSamples(0, { count: 0, meanLogit: 0, sdLogit: 1 }), /negatives count must be/);
    assert.throws(() => classSamples(1, { count: 10, meanLogit: NaN, sdLogit: 1 }), LossInputError);
    assert.throws(() => classSamples(1, { count: 10, meanLogit: 0, sdLogit: -1 }), LossInputError);
  });
});
