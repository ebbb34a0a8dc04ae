import { msg } from './message';
import { lossBreakdown } from './breakdown';
import type { LossBreakdown, Prediction } from './breakdown';
import { LossInputError } from './errors';
import { formatNumber } from './format';
import type { LossParams } from './params';
import type { TextTable } from './tables';

/*
 * The "your values" table: one row per prediction with every quantity of the paper, formatted the
 * way the panel shows it. A prediction the core refuses becomes its message, never a NaN row.
 */

export interface ValueInput {
  readonly p?: number;
  readonly logit?: number;
  readonly y: number;
}

export type ValueRow =
  | { readonly ok: true; readonly input: ValueInput; readonly breakdown: LossBreakdown; readonly cells: readonly string[] }
  | { readonly ok: false; readonly input: ValueInput; readonly message: string };

export const VALUE_HEADERS: readonly string[] = [
  'p',
  'logit',
  'y',
  'p_t',
  'alpha_t',
  '(1 - p_t)^gamma',
  'CE',
  'balanced CE',
  'FL',
  'FL*',
];

function prediction(input: ValueInput): Prediction {
  if (input.p !== undefined && input.logit === undefined) return { p: input.p };
  if (input.logit !== undefined && input.p === undefined) return { logit: input.logit };
  throw new LossInputError('prediction', input.p ?? input.logit, msg('either a probability p or a logit, not both'));
}

/** One row per input, computed with lossBreakdown at `params` and printed with `digits` significant digits. */
export function valueRows(inputs: readonly ValueInput[], params: LossParams, digits = 4): ValueRow[] {
  const f = (value: number) => formatNumber(value, digits);
  return inputs.map((input) => {
    try {
      const b = lossBreakdown(prediction(input), input.y, params);
      const cells = [
        f(b.p),
        f(b.logit),
        f(b.y),
        f(b.pt),
        b.alphaT === null ? 'off' : f(b.alphaT),
        f(b.modulation),
        f(b.ce),
        f(b.balanced),
        f(b.focal),
        b.focalStar === null ? 'n/a' : f(b.focalStar),
      ];
      return { ok: true as const, input, breakdown: b, cells };
    } catch (error) {
      if (error instanceof LossInputError) return { ok: false as const, input, message: error.message };
      throw error;
    }
  });
}

/** The rows that computed, as a table for CSV or Markdown export. */
export function valueTable(rows: readonly ValueRow[]): TextTable {
  return {
    headers: VALUE_HEADERS,
    rows: rows.flatMap((row) => (row.ok ? [row.cells] : [])),
  };
}
