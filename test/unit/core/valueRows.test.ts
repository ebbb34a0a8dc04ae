import * as assert from 'node:assert/strict';
import { formatNumber, lossBreakdown } from '../../../src/core';
import { valueRows, valueTable, VALUE_HEADERS } from '../../../src/core/valueRows';

describe('core/valueRows', () => {
  it('computes every column with lossBreakdown', () => {
    const [row] = valueRows([{ p: 0.9, y: 1 }], { alpha: 0.25, gamma: 2 });
    assert.ok(row?.ok);
    const b = lossBreakdown({ p: 0.9 }, 1, { alpha: 0.25, gamma: 2 });
    assert.equal(row.cells.length, VALUE_HEADERS.length);
    assert.equal(row.cells[3], formatNumber(b.pt));
    assert.equal(row.cells[8], formatNumber(b.focal));
  });

  it('accepts logits and marks alpha off and FL* at gamma 0', () => {
    const [row] = valueRows([{ logit: 2, y: 0 }], { alpha: null, gamma: 0 });
    assert.ok(row?.ok);
    assert.equal(row.cells[4], 'off');
    assert.equal(row.cells[9], 'n/a');
  });

  it('turns refused input into the core message, never NaN', () => {
    const rows = valueRows([{ p: 1.5, y: 1 }, { p: 0.5, y: 2 }, { p: NaN, y: 1 }, { p: 0.5, logit: 0, y: 1 }], {});
    for (const row of rows) {
      assert.equal(row.ok, false);
      if (!row.ok) assert.ok(!/NaN\b.*must/.test(row.message) && / must be /.test(row.message), row.message);
    }
    assert.equal(valueTable(rows).rows.length, 0);
  });
});
