import { formatNumber, formatRatio } from '../core';
import type { LossBreakdown } from '../core';

/*
 * The curves' readout: a headline ratio and the values it is computed from. Both come from one
 * lossBreakdown, so the headline can never disagree with the line under it (the ratio is CE / FL of
 * that breakdown, alpha_t included), and the headline names the curves and parameters it compares.
 */

export interface ReadoutInput {
  /** The breakdown at the read p_t, for the curves' target class, with the panel's parameters. */
  readonly breakdown: LossBreakdown;
  /** alpha as set (null when alpha weighting is off), and gamma. */
  readonly alpha: number | null;
  readonly gamma: number;
  readonly digits: number;
}

function ptText(pt: number): string {
  return pt.toFixed(pt >= 0.99 ? 3 : 2);
}

/** "FL (alpha 0.25, gamma 2)": which FL the headline means. */
export function focalLabel(alpha: number | null, gamma: number): string {
  return `FL (${alpha === null ? 'no alpha' : `alpha ${formatNumber(alpha)}`}, gamma ${formatNumber(gamma)})`;
}

/** "at p_t = 0.90 (a positive), FL (alpha 0.25, gamma 2) is 400x lower than CE". */
export function readoutHeadline({ breakdown: b, alpha, gamma }: ReadoutInput): string {
  const who = b.y === 1 ? 'a positive' : 'a negative';
  const at = `at p_t = ${ptText(b.pt)} (${who}), ${focalLabel(alpha, gamma)}`;
  if (b.focal === b.ce) return `${at} equals CE`;
  if (b.focal === 0) return `${at} is 0: alpha_t = ${formatNumber(b.alphaT ?? 1)} weights ${b.y === 1 ? 'positives' : 'negatives'} out`;
  return `${at} is ${formatRatio(b.ce / b.focal)} lower than CE`;
}

/** "for a positive: CE 0.1054 · balanced CE 0.02634 · FL 0.0002634 · FL* ...". */
export function readoutDetail({ breakdown: b, digits }: ReadoutInput): string {
  const f = (v: number) => formatNumber(v, digits);
  const star = b.focalStar === null ? '' : ` · FL* ${f(b.focalStar)}`;
  const who = b.y === 1 ? 'a positive' : 'a negative';
  const alphaT = b.alphaT === null ? 'alpha off' : `alpha_t ${f(b.alphaT)}`;
  return `for ${who}: CE ${f(b.ce)} · balanced CE ${f(b.balanced)} · FL ${f(b.focal)}${star} (${alphaT}, (1 - p_t)^gamma ${f(b.modulation)})`;
}
