/*
 * How a printed figure relates to the true value it stands for. A hand-worked example prints a
 * few digits; whether those digits are the true value cut off (0.07 for 0.0753), rounded (0.08)
 * or simply wrong matters to a reader checking it, and "agrees" alone hides the difference.
 */

/**
 * 'agrees': the printed digits are the true value both rounded and cut off (0.05 for 0.0513);
 * 'truncated': cut off, where rounding would give the next digit up (0.07 for 0.0753);
 * 'rounded': rounded up, where cutting off would give the digit below (0.08 for 0.0753);
 * 'wrong': neither (3.5e-7 for 3.5e-6), and any text that is not a decimal number.
 */
export type PrintedVerdict = 'agrees' | 'truncated' | 'rounded' | 'wrong';

const PRINTED = /^[+-]?(\d*)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/** Slack for the binary representation of decimals at the boundaries (0.0250 printed "0.025"). */
const EPSILON = 1e-9;

/** Classifies `printed` against `value`, by the unit of its last printed digit. */
export function classifyPrinted(value: number, printed: string): PrintedVerdict {
  const text = printed.trim();
  const match = PRINTED.exec(text);
  if (!match || (match[1] === '' && match[2] === undefined) || !Number.isFinite(value)) return 'wrong';
  const decimals = match[2]?.length ?? 0;
  const exponent = match[3] ? Number(match[3]) : 0;
  const unit = Math.pow(10, exponent - decimals);
  const shown = Number(text);
  // How many units of the last digit the true value lies beyond the printed one, away from zero.
  const sign = shown < 0 || (shown === 0 && value < 0) ? -1 : 1;
  const beyond = (sign * (value - shown)) / unit;
  const truncated = beyond >= -EPSILON && beyond < 1 - EPSILON;
  const rounded = beyond >= -0.5 - EPSILON && beyond < 0.5 + EPSILON;
  if (truncated && rounded) return 'agrees';
  if (truncated) return 'truncated';
  if (rounded) return 'rounded';
  return 'wrong';
}

/** The verdict as the panel words it: the key of its text (protocol.ts's strings). */
export const VERDICT_TEXT: Record<PrintedVerdict, 'verdict.agrees' | 'verdict.truncated' | 'verdict.rounded' | 'verdict.wrong'> = {
  agrees: 'verdict.agrees',
  truncated: 'verdict.truncated',
  rounded: 'verdict.rounded',
  wrong: 'verdict.wrong',
};
