/**
 * How the product prints numbers: `digits` significant digits, plain notation for everyday
 * magnitudes and exponent notation for the very small or large, no trailing zeros.
 */
export function formatNumber(value: number, digits = 4): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '∞';
  if (value === -Infinity) return '-∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e6) {
    return String(Number(value.toPrecision(digits)));
  }
  return exponential(value, digits);
}

/**
 * Numbers shown side by side (one table) in one notation: as formatNumber prints them when every
 * one reads as a decimal, else all in e-notation (2.303e0, 2.513e-7), so no table mixes 0.0002634
 * with 2.513e-7. Zero and non-finite values print as formatNumber does.
 */
export function formatNumbersAlike(values: readonly number[], digits = 4): string[] {
  const decimal = values.every((value) => !Number.isFinite(value) || value === 0 || (Math.abs(value) >= 1e-4 && Math.abs(value) < 1e6));
  return values.map((value) => (decimal || !Number.isFinite(value) || value === 0 ? formatNumber(value, digits) : exponential(value, digits)));
}

/**
 * Numbers in e-notation whatever their size (2.303e0, 6.931e-1, 2.513e-7): how every hover's table
 * prints its losses, so one hover never prints 2.303 where another prints 2.303e0 for the same CE.
 * Zero and non-finite values print as formatNumber does.
 */
export function formatScientific(values: readonly number[], digits = 4): string[] {
  return values.map((value) => (!Number.isFinite(value) || value === 0 ? formatNumber(value, digits) : exponential(value, digits)));
}

function exponential(value: number, digits: number): string {
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
  return `${String(Number(mantissa))}e${exponent!.replace('+', '')}`;
}

/** "100x" style ratios: whole numbers above 10, otherwise 3 significant digits. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '∞';
  return ratio >= 10 ? `${Math.round(ratio).toLocaleString('en-US')}x` : `${Number(ratio.toPrecision(3))}x`;
}
