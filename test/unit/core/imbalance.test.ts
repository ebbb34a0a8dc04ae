import * as assert from 'node:assert/strict';
import { batchFromLogits, lossFromLogit, LossInputError } from '../../../src/core';
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

  it('keeps bins easiest first, with every example counted once and easy ones apart', () => {
    for (const y of [0, 1] as const) {
      const dist = { count: 5000, meanLogit: y ? 1 : -3, sdLogit: 2 };
      const s = classSamples(y, dist);
      const logits = classLogits(y, dist);
      const easy = logits.filter((x) => (2 * y - 1) * x > 0).length;
      assert.equal(s.easyCount, easy);
      let counted = 0;
      let easyCounted = 0;
      for (let b = 0; b < s.binCount.length; b++) {
        counted += s.binCount[b]!;
        if (b < s.easyBins) easyCounted += s.binCount[b]!;
        if (b > 0 && s.binCount[b]! > 0 && s.binCount[b - 1]! > 0) assert.ok(s.binMean[b]! > s.binMean[b - 1]!);
      }
      assert.equal(counted, dist.count);
      assert.equal(easyCounted, easy);
    }
  });

  it('handles a class with no spread, or all easy, or all hard', () => {
    for (const [y, meanLogit] of [[0, -30], [0, 30], [1, 0], [1, -0.5]] as const) {
      const dist = { count: 50, meanLogit, sdLogit: 0 };
      const logits = classLogits(y, dist);
      const targets = new Float64Array(50).fill(y);
      const rows = imbalanceRows(classSamples(1, { count: 1, meanLogit: 0, sdLogit: 0 }), classSamples(y, dist), { alpha: null, gamma: 2 });
      if (y === 0) close(rows[2]!.total - lossFromLogit('focal', 0, 1, { gamma: 2 }), batchFromLogits('focal', logits, targets, { gamma: 2 }), 1e-9);
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

  it('fills a cumulative normalized loss curve from 0 to 1, non-decreasing, close to the per-example one', () => {
    const dist = { count: 4000, meanLogit: -4, sdLogit: 2 };
    const s = classSamples(0, dist);
    const curve = new Float64Array(101);
    const sums = focalPass(s, 2, curve);
    assert.equal(curve[0], 0);
    close(curve[100]!, 1, 1e-12);
    for (let k = 1; k < curve.length; k++) assert.ok(curve[k]! >= curve[k - 1]!);
    close(sums.total, focalPass(s, 2).total, 1e-12);
    // Per example: the easiest 90% (3600 of 4000) of negatives.
    const logits = classLogits(0, dist);
    const zeros = new Float64Array(4000);
    const all = batchFromLogits('focal', logits, zeros, { gamma: 2 });
    const easiest = batchFromLogits('focal', logits.subarray(0, 3600), zeros.subarray(0, 3600), { gamma: 2 });
    assert.ok(Math.abs(curve[90]! - easiest / all) < 1e-3, `${curve[90]} vs ${easiest / all}`);
    // At gamma 2 the hardest 10% of negatives carry most of the loss (the paper's Figure 4).
    assert.ok(1 - curve[90]! > 0.5);
    // Fewer examples than marks still gives a full curve.
    const tiny = new Float64Array(11);
    focalPass(classSamples(1, { count: 3, meanLogit: 0, sdLogit: 1 }), 1, tiny);
    close(tiny[10]!, 1, 1e-12);
  });

  it('summarises a million samples in bins, so a gamma change does not revisit every sample', () => {
    // How long a pass takes is machine-dependent: `npm run bench -- fuzz` prints it.
    const s = classSamples(0, { count: 1_000_000, meanLogit: -5, sdLogit: 1.5 });
    assert.ok(s.binCe.length < 20_000);
  });

  it('refuses bad distributions with the core error', () => {
    assert.throws(() => classSamples(0, { count: 0, meanLogit: 0, sdLogit: 1 }), /negatives count must be/);
    assert.throws(() => classSamples(1, { count: 10, meanLogit: NaN, sdLogit: 1 }), LossInputError);
    assert.throws(() => classSamples(1, { count: 10, meanLogit: 0, sdLogit: -1 }), LossInputError);
  });
});
