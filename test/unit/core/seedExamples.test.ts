import * as assert from 'node:assert/strict';
import { SEED_EXAMPLES, agreesWithPrinted, lossFromProb, seedExampleValues } from '../../../src/core';
import { assertClose } from './closeTo';

describe("the seed's worked examples", () => {
  const byId = (base?: number) => new Map(seedExampleValues(base).map((v) => [v.example.id, v]));

  it('marks exactly the two figures the seed prints wrongly', () => {
    const mismatches = seedExampleValues().filter((v) => !v.agreesWithSeed).map((v) => v.example.id);
    assert.deepEqual(mismatches, ['balanced-positive-0.98', 'focal-positive-0.98']);
    for (const v of seedExampleValues()) assert.equal(v.example.note !== undefined, !v.agreesWithSeed, v.example.id);
  });

  it('has the true values in the base the seed uses', () => {
    const values = byId();
    assertClose(values.get('ce-foreground')!.valueInSeedBase, -Math.log(0.95), 1e-15, 0, 'CE(0.95)');
    assertClose(values.get('balanced-positive-0.5')!.valueInSeedBase, -0.75 * Math.log10(0.5), 1e-15, 0, '0.22');
    assertClose(values.get('balanced-negative-0.5')!.valueInSeedBase, -0.25 * Math.log10(0.5), 1e-15, 0, '0.07');
    assertClose(values.get('balanced-positive-0.98')!.valueInSeedBase, 0.006580, 1e-3, 0, 'log10 of the 0.038 example');
    assertClose(values.get('balanced-negative-0.2')!.valueInSeedBase, 0.024227, 1e-4, 0, '0.024');
    assertClose(values.get('focal-positive-0.98')!.valueInSeedBase, 3.50956972e-6, 1e-8, 0, 'the exponent-off figure');
    assertClose(values.get('focal-negative-0.2')!.valueInSeedBase, 0.0038764, 1e-4, 0, '0.003 truncated');
  });

  for (const [name, base, log] of [['ln', Math.E, Math.log], ['log2', 2, Math.log2], ['log10', 10, Math.log10]] as const) {
    it(`gives every example in ${name} from the definition`, () => {
      for (const { example, value } of seedExampleValues(base)) {
        const pt = example.y === 1 ? example.p : 1 - example.p;
        const alphaT = example.alpha === null ? 1 : example.y === 1 ? example.alpha : 1 - example.alpha;
        const expected = -alphaT * Math.pow(1 - pt, example.gamma) * log(pt);
        assertClose(value, expected, 1e-13, 0, `${example.id} in ${name}`);
        assertClose(value, lossFromProb(example.kind, example.p, example.y, { alpha: example.alpha, gamma: example.gamma, base }), 0, 0, example.id);
      }
    });
  }

  it('keeps the seed as printed', () => {
    assert.equal(SEED_EXAMPLES.length, 8);
    assert.deepEqual(SEED_EXAMPLES.map((e) => e.printed), ['0.05', '0.05', '0.22', '0.07', '0.038', '0.024', '3.50956972e-7', '0.003']);
  });

  it('compares printed figures by their last digit', () => {
    assert.ok(agreesWithPrinted(0.2258, '0.22'));
    assert.ok(agreesWithPrinted(0.00388, '0.003'));
    assert.ok(!agreesWithPrinted(0.00658, '0.038'));
    assert.ok(!agreesWithPrinted(3.50956972e-6, '3.50956972e-7'));
    assert.ok(agreesWithPrinted(3.50956972e-7, '3.50956972e-7'));
    assert.ok(!agreesWithPrinted(1, 'one'));
  });
});
