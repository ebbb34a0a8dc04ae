/*
 * What a typed number means. Only decimal notation counts (an optional sign, digits with an
 * optional point, an optional exponent) and the words for infinity: JavaScript's Number() also
 * reads '0x10' as 16, '0b11' as 3 and '' as 0, none of which a person typing a logit means.
 */

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)(?:inf|infinity|∞)$/i;

/** The number `text` spells in decimal notation, or NaN for anything else (empty text included). */
export function parseTyped(text: string): number {
  const trimmed = text.trim();
  if (DECIMAL.test(trimmed)) return Number(trimmed);
  const infinity = INFINITY.exec(trimmed);
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  return NaN;
}

/**
 * A typed value for the core to check. Text that is not a number goes through as the text itself,
 * so the core's message quotes what was typed ("got \"0x10\"") instead of saying NaN.
 */
export function typedValue(value: number, text: string): number {
  return Number.isNaN(value) ? (text as unknown as number) : value;
}

/** parseTyped then typedValue: what a box's text is, for the core. */
export function typedNumber(text: string): number {
  return typedValue(parseTyped(text), text);
}
