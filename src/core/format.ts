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
  const [mantissa, exponent] = value.toExponential(digits - 1).split('e');
  return `${String(Number(mantissa))}e${exponent!.replace('+', '')}`;
}

/** "100x" style ratios: whole numbers above 10, otherwise 3 significant digits. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return '∞';
  return ratio >= 10 ? `${Math.round(ratio).toLocaleString('en-US')}x` : `${Number(ratio.toPrecision(3))}x`;
}
