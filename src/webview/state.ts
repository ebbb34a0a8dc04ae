import { isExplorerCall, isExplorerPoint, isLogBaseName, logBaseValue } from '../protocol';
import type { ExplorerCall, ExplorerPoint, LogBaseName } from '../protocol';
import { defaultMulticlassState, restoreMulticlassState } from './multiclassState';
import type { MulticlassState } from './multiclassState';

/*
 * The panel's parameters: all it persists with setState (never rendered data), so a reload or a
 * hidden tab brings back the same view, recomputed.
 */

export type CurveKey = 'ce' | 'balanced' | 'focal' | 'focal-star';
export type ImbalanceScale = 'default' | 'paper';

export interface ImbalanceParams {
  scale: ImbalanceScale;
  negMean: number;
  negSd: number;
  posMean: number;
  posSd: number;
}

/** The panel's folding sections the host can focus: the binary view's four and the multi-class view's three. */
export type SectionKey = 'curves' | 'values' | 'imbalance' | 'examples' | 'mc-sample' | 'mc-classes' | 'mc-curve';
export const SECTION_KEYS: readonly SectionKey[] = ['curves', 'values', 'imbalance', 'examples', 'mc-sample', 'mc-classes', 'mc-curve'];
/** The batch view's sections: not the host's to focus (a batch arrives with its own message). */
export type BatchSectionKey = 'batch-summary' | 'batch-figure4' | 'batch-histograms' | 'batch-samples';
export const BATCH_SECTION_KEYS: readonly BatchSectionKey[] = ['batch-summary', 'batch-figure4', 'batch-histograms', 'batch-samples'];
/** Every folding section. */
export type FoldingKey = SectionKey | BatchSectionKey;

/** Binary (one sigmoid per prediction), multi-class (one softmax over C classes), or a paused debuggee's batch. */
export type ViewMode = 'binary' | 'multiclass' | 'batch';

export interface ExplorerState {
  version: 1;
  mode: ViewMode;
  /** Which sections are open. */
  sections: Record<FoldingKey, boolean>;
  alpha: number;
  alphaOn: boolean;
  gamma: number;
  beta: number;
  /** The class the curves are drawn for: alpha_t is alpha for positives, 1 - alpha for negatives. */
  target: 0 | 1;
  curves: Record<CurveKey, boolean>;
  figure1: boolean;
  yScale: 'linear' | 'log';
  base: LogBaseName;
  digits: number;
  follow: boolean;
  /** Whether alpha or gamma were set by hand or by a call, so settings defaults no longer apply. */
  paramsSet: boolean;
  /** p_t where the readout reads (follows the pointer, or the keyboard through its slider). */
  readPt: number;
  call: ExplorerCall | null;
  points: ExplorerPoint[];
  source: string;
  imbalance: ImbalanceParams;
  multiclass: MulticlassState;
}

export const MAX_POINTS = 200;

export function defaultState(): ExplorerState {
  return {
    version: 1,
    mode: 'binary',
    // The two a person opens the panel for; the rest fold away until asked for.
    sections: { curves: true, values: true, imbalance: false, examples: false, 'mc-sample': true, 'mc-classes': true, 'mc-curve': true, 'batch-summary': true, 'batch-figure4': true, 'batch-histograms': true, 'batch-samples': true },
    alpha: 0.25,
    alphaOn: true,
    gamma: 2,
    beta: 0,
    target: 1,
    curves: { ce: true, balanced: true, focal: true, 'focal-star': true },
    figure1: false,
    yScale: 'linear',
    base: 'e',
    digits: 4,
    follow: true,
    paramsSet: false,
    readPt: 0.9,
    call: null,
    points: [],
    source: '',
    imbalance: { scale: 'default', negMean: -5, negSd: 1.5, posMean: 1, posSd: 1.5 },
    multiclass: defaultMulticlassState(),
  };
}

function finite(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max ? value : fallback;
}

function bool(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

/** Whatever getState returned, made into a valid state field by field (old or damaged state falls back to defaults). */
export function restoreState(saved: unknown): ExplorerState {
  const d = defaultState();
  if (typeof saved !== 'object' || saved === null) return d;
  const s = saved as Record<string, unknown>;
  const curves = (typeof s.curves === 'object' && s.curves !== null ? s.curves : {}) as Record<string, unknown>;
  const imb = (typeof s.imbalance === 'object' && s.imbalance !== null ? s.imbalance : {}) as Record<string, unknown>;
  const sections = (typeof s.sections === 'object' && s.sections !== null ? s.sections : {}) as Record<string, unknown>;
  return {
    version: 1,
    mode: s.mode === 'multiclass' || s.mode === 'batch' ? s.mode : 'binary',
    sections: Object.fromEntries([...SECTION_KEYS, ...BATCH_SECTION_KEYS].map((key) => [key, bool(sections[key], d.sections[key])])) as Record<FoldingKey, boolean>,
    alpha: finite(s.alpha, d.alpha, 0, 1),
    alphaOn: bool(s.alphaOn, d.alphaOn),
    gamma: finite(s.gamma, d.gamma, 0, 1e6),
    beta: finite(s.beta, d.beta, -1e6, 1e6),
    target: s.target === 0 ? 0 : 1,
    curves: {
      ce: bool(curves.ce, true),
      balanced: bool(curves.balanced, true),
      focal: bool(curves.focal, true),
      'focal-star': bool(curves['focal-star'], true),
    },
    figure1: bool(s.figure1, d.figure1),
    yScale: s.yScale === 'log' ? 'log' : 'linear',
    base: isLogBaseName(s.base) ? s.base : d.base,
    digits: finite(s.digits, d.digits, 1, 17),
    follow: bool(s.follow, d.follow),
    paramsSet: bool(s.paramsSet, d.paramsSet),
    readPt: finite(s.readPt, d.readPt, 0, 0.999),
    call: isExplorerCall(s.call) ? s.call : null,
    points: Array.isArray(s.points) ? s.points.filter(isExplorerPoint).slice(0, MAX_POINTS) : [],
    source: typeof s.source === 'string' ? s.source : '',
    imbalance: {
      scale: imb.scale === 'paper' ? 'paper' : 'default',
      negMean: finite(imb.negMean, d.imbalance.negMean, -20, 20),
      negSd: finite(imb.negSd, d.imbalance.negSd, 0, 10),
      posMean: finite(imb.posMean, d.imbalance.posMean, -20, 20),
      posSd: finite(imb.posSd, d.imbalance.posSd, 0, 10),
    },
    multiclass: restoreMulticlassState(s.multiclass),
  };
}

/** The loss parameters the state describes, for the core. */
export function paramsOf(state: ExplorerState): { alpha: number | null; gamma: number; beta: number; base: number } {
  return { alpha: state.alphaOn ? state.alpha : null, gamma: state.gamma, beta: state.beta, base: logBaseValue(state.base) };
}
