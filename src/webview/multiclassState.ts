import { isClassAlpha, isExplorerClassPoints, isExplorerMulticlassCall, MAX_CLASSES } from '../protocol';
import type { ClassAlpha, ExplorerClassPoint, ExplorerMulticlassCall } from '../protocol';

/*
 * The multi-class view's part of the panel's state: one sample of C classes as the person edits it,
 * its target, the class weights and alpha, label smoothing, and the rows the host sent. gamma and
 * the log base are the panel's shared parameters (ExplorerState), so switching views keeps them.
 */

export interface MulticlassState {
  classes: number;
  /** The sample's C logits; probabilities typed in are kept as their logits, ln p. */
  logits: number[];
  /** Whether the sample is shown and edited as logits or as probabilities. */
  inputAs: 'logits' | 'probabilities';
  targetMode: 'class' | 'soft';
  /** The target class index (also the class whose p_t the curve chart uses). */
  target: number;
  /** The soft target, C probabilities, when targetMode is 'soft'. */
  softTarget: number[] | null;
  /** PyTorch's weight=, C numbers >= 0, or null for all 1. */
  classWeights: number[] | null;
  alpha: ClassAlpha | null;
  labelSmoothing: number;
  /** The class the logit slider edits. */
  selected: number;
  call: ExplorerMulticlassCall | null;
  points: ExplorerClassPoint[];
  source: string;
}

/** Rows kept in the state (they are persisted with every change, so a reload shows them again). */
export const MAX_KEPT_CLASS_POINTS = 200;

export function defaultLogits(classes: number): number[] {
  // A sample that is fairly sure of class 0, with a runner-up, so the bars and gradients differ.
  const start = [2, 0.5, -1, 0, 1];
  return Array.from({ length: classes }, (_, c) => start[c] ?? 0);
}

export function defaultMulticlassState(): MulticlassState {
  return {
    classes: 5,
    logits: defaultLogits(5),
    inputAs: 'logits',
    targetMode: 'class',
    target: 0,
    softTarget: null,
    classWeights: null,
    alpha: null,
    labelSmoothing: 0,
    selected: 0,
    call: null,
    points: [],
    source: '',
  };
}

function numberList(value: unknown, length: number, ok: (n: number) => boolean): number[] | null {
  return Array.isArray(value) && value.length === length && value.every((n) => typeof n === 'number' && ok(n)) ? [...value] : null;
}

/** Whatever was saved, made valid field by field; anything that does not fit falls back to the default. */
export function restoreMulticlassState(saved: unknown): MulticlassState {
  const d = defaultMulticlassState();
  if (typeof saved !== 'object' || saved === null) return d;
  const s = saved as Record<string, unknown>;
  const classes = typeof s.classes === 'number' && Number.isInteger(s.classes) && s.classes >= 2 && s.classes <= MAX_CLASSES ? s.classes : d.classes;
  const logits = numberList(s.logits, classes, (x) => !Number.isNaN(x)) ?? defaultLogits(classes);
  const index = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < classes ? value : 0);
  const softTarget = numberList(s.softTarget, classes, (t) => t >= 0 && t <= 1);
  const alpha = isClassAlpha(s.alpha) && (!('perClass' in s.alpha) || s.alpha.perClass.length === classes) ? s.alpha : null;
  return {
    classes,
    logits,
    inputAs: s.inputAs === 'probabilities' ? 'probabilities' : 'logits',
    targetMode: s.targetMode === 'soft' && softTarget ? 'soft' : 'class',
    target: index(s.target),
    softTarget,
    classWeights: numberList(s.classWeights, classes, (w) => Number.isFinite(w) && w >= 0),
    alpha,
    labelSmoothing: typeof s.labelSmoothing === 'number' && s.labelSmoothing >= 0 && s.labelSmoothing <= 1 ? s.labelSmoothing : 0,
    selected: index(s.selected),
    call: isExplorerMulticlassCall(s.call) ? s.call : null,
    points: isExplorerClassPoints(s.points) ? s.points.slice(0, MAX_KEPT_CLASS_POINTS).map((p) => ({ logits: [...p.logits], target: p.target })) : [],
    source: typeof s.source === 'string' ? s.source : '',
  };
}

function resized(values: readonly number[], classes: number, fill: number): number[] {
  return Array.from({ length: classes }, (_, c) => values[c] ?? fill);
}

/**
 * C classes instead of the current number: new classes get logit 0, removed ones go; the target and
 * the edited class stay where they can, and a soft target of the wrong length becomes the class
 * target. Class weights and per-class alpha are dropped: weights written for other classes say
 * nothing about these, and padding them would weigh the new classes with numbers nobody chose.
 */
export function resizeMulticlass(mc: MulticlassState, classes: number): void {
  if (classes === mc.classes) return;
  mc.logits = resized(mc.logits, classes, 0);
  mc.classWeights = null;
  if (mc.alpha && 'perClass' in mc.alpha) mc.alpha = null;
  mc.target = Math.min(mc.target, classes - 1);
  mc.selected = Math.min(mc.selected, classes - 1);
  mc.softTarget = null;
  mc.targetMode = 'class';
  mc.classes = classes;
}

/** A call's parameters (gamma is the panel's shared one and set by the caller). */
export function applyMulticlassCall(mc: MulticlassState, call: ExplorerMulticlassCall): void {
  const perClassAlpha = call.alpha && 'perClass' in call.alpha ? call.alpha.perClass.length : undefined;
  resizeMulticlass(mc, call.classes ?? call.classWeights?.length ?? perClassAlpha ?? mc.classes);
  mc.call = call;
  mc.classWeights = call.classWeights ? [...call.classWeights] : null;
  mc.alpha = call.alpha;
  mc.labelSmoothing = call.labelSmoothing;
}

/** Rows from the host: kept (up to MAX_KEPT_CLASS_POINTS), and the first one loaded as the sample. */
export function applyClassPoints(mc: MulticlassState, points: readonly ExplorerClassPoint[], source: string): void {
  mc.points = points.slice(0, MAX_KEPT_CLASS_POINTS).map((p) => ({ logits: [...p.logits], target: p.target }));
  mc.source = source;
  const first = mc.points[0];
  if (first) loadClassPoint(mc, first);
}

/** One row as the sample to edit. */
export function loadClassPoint(mc: MulticlassState, point: ExplorerClassPoint): void {
  resizeMulticlass(mc, point.logits.length);
  mc.logits = [...point.logits];
  mc.targetMode = 'class';
  mc.target = point.target;
  mc.selected = point.target;
}
