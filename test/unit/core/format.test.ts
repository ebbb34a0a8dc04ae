import * as assert from 'node:assert/strict';
import { formatNumber, formatNumbersAlike, formatRatio, formatScientific } from '../../../src/core';

describe('core: number formats', () => {
  it('formatScientific prints every finite non-zero number in e-notation, whatever the others are (issue 20, item 5)', () => {
    assert.deepEqual(formatScientific([2.302585, 0.693147]), ['2.303e0', '6.931e-1']);
    assert.deepEqual(formatScientific([2.302585, 2.5133e-7]), ['2.303e0', '2.513e-7']);
    assert.deepEqual(formatScientific([0, Infinity, -23.03], 3), ['0', '∞', '-2.3e1']);
  });

  it('prints everyday magnitudes as decimals and the very small or large in e-notation', () => {
    assert.equal(formatNumber(0.10536051565782628), '0.1054');
    assert.equal(formatNumber(0.00026340128914456557), '0.0002634');
    assert.equal(formatNumber(2.5133e-7), '2.513e-7');
    assert.equal(formatNumber(1234567), '1.235e6');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(Infinity), '∞');
    assert.equal(formatNumber(NaN), 'NaN');
  });

  it('prints numbers shown together in one notation', () => {
    assert.deepEqual(formatNumbersAlike([2.302585, 0.693147, 0.0002634]), ['2.303', '0.6931', '0.0002634']);
    assert.deepEqual(formatNumbersAlike([2.302585, 0.0002634, 2.5133e-7]), ['2.303e0', '2.634e-4', '2.513e-7']);
    assert.deepEqual(formatNumbersAlike([0, 2.5133e-7, Infinity], 3), ['0', '2.51e-7', '∞']);
    assert.deepEqual(formatNumbersAlike([]), []);
  });

  it('prints ratios as whole numbers above 10', () => {
    assert.equal(formatRatio(400.0000001), '400x');
    assert.equal(formatRatio(40000), '40,000x');
    assert.equal(formatRatio(2.5), '2.5x');
  });
});
