import { formatNumber, formatRatio, paperTable1Line } from '../core';
import type { LossBreakdown } from '../core';
import { localizeMessage, s } from './strings';

/*
 * The curves' readout: a headline ratio and the values it is computed from. Both come from one
 * lossBreakdown, so the headline can never disagree with the line under it (the ratio is CE / FL of
 * that breakdown, alpha_t included), and the headline names the curves and parameters it compares.
 * Where alpha or gamma leave the paper's 0.25 and 2, the line under it ends with what the paper's
 * Table 1 measured (the core's table, the line the hover gives a call).
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
  return alpha === null ? s('readout.focalNoAlpha', formatNumber(gamma)) : s('readout.focalAlpha', formatNumber(alpha), formatNumber(gamma));
}

/** "at p_t = 0.90 (a positive), FL (alpha 0.25, gamma 2) is 400x lower than CE". */
export function readoutHeadline({ breakdown: b, alpha, gamma }: ReadoutInput): string {
  // One whole sentence per case and class, so a translation can order its words freely.
  const positive = b.y === 1;
  const pt = ptText(b.pt);
  const fl = focalLabel(alpha, gamma);
  if (b.focal === b.ce) return s(positive ? 'readout.equalsPositive' : 'readout.equalsNegative', pt, fl);
  if (b.focal === 0) return s(positive ? 'readout.zeroPositive' : 'readout.zeroNegative', pt, fl, formatNumber(b.alphaT ?? 1));
  return s(positive ? 'readout.lowerPositive' : 'readout.lowerNegative', pt, fl, formatRatio(b.ce / b.focal));
}

/** "for a positive: CE 0.1054 · balanced CE 0.02634 · FL 0.0002634 · FL* ...". */
export function readoutDetail(input: ReadoutInput): string {
  const { breakdown: b, digits } = input;
  const f = (v: number) => formatNumber(v, digits);
  const star = b.focalStar === null ? '' : ` · FL* ${f(b.focalStar)}`;
  const alphaT = b.alphaT === null ? s('readout.alphaOff') : `alpha_t ${f(b.alphaT)}`;
  const detail = s(b.y === 1 ? 'readout.detailPositive' : 'readout.detailNegative', f(b.ce), f(b.balanced), f(b.focal), star, alphaT, f(b.modulation));
  const evidence = readoutEvidence(input);
  return evidence ? `${detail} · ${evidence}` : detail;
}

/**
 * The paper's Table 1 for the panel's alpha and gamma, in the display language: the measured row
 * nearest to them and the paper's choice; '' at the paper's own setting.
 */
export function readoutEvidence({ alpha, gamma }: Pick<ReadoutInput, 'alpha' | 'gamma'>): string {
  const line = paperTable1Line(alpha, gamma);
  return line === undefined ? '' : localizeMessage(line);
}
