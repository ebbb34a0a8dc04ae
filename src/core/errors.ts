import { msg } from './message';
/**
 * The one error the numeric core throws. It names the offending input so that every face of the
 * product (hover, commands, panel) can show the message as it is, instead of a NaN.
 */
export class LossInputError extends RangeError {
  readonly field: string;
  readonly value: unknown;

  constructor(field: string, value: unknown, allowed: string) {
    super(msg('{0} must be {1} (got {2})', field, allowed, describe(value)));
    this.name = 'LossInputError';
    this.field = field;
    this.value = value;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  return typeof value;
}
