import { formatNumber } from '../core';
import { VALUE_HEADERS } from '../core/valueRows';
import type { ValueRow } from '../core/valueRows';

/*
 * The values table as the panel shows and exports it: the core's rows, with probabilities printed
 * with as many more digits as it takes to tell them from 1. At 4 digits p = 0.999999 prints as "1",
 * which beside p_t = 1e-6 reads as a contradiction.
 */

/** `value` with `digits` significant digits, or more when fewer would print a value below 1 as 1. */
export function formatBelowOne(value: number, digits: number): string {
  let d = digits;
  let text = formatNumber(value, d);
  while (value !== 1 && Number(text) === 1 && d < 17) text = formatNumber(value, ++d);
  return text;
}

const PROBABILITY_COLUMNS: readonly [index: number, field: 'p' | 'y' | 'pt'][] = [
  [VALUE_HEADERS.indexOf('p'), 'p'],
  [VALUE_HEADERS.indexOf('y'), 'y'],
  [VALUE_HEADERS.indexOf('p_t'), 'pt'],
];

/** The rows with their probability cells (p, y, p_t) told apart from 1. */
export function displayRows(rows: readonly ValueRow[], digits: number): ValueRow[] {
  return rows.map((row) => {
    if (!row.ok) return row;
    const cells = [...row.cells];
    for (const [index, field] of PROBABILITY_COLUMNS) cells[index] = formatBelowOne(row.breakdown[field], digits);
    return { ...row, cells };
  });
}
