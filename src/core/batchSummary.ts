/*
 * The batch summary a paused debuggee returns (src/live/batchSummary.py), as data: its types, the
 * checks that make it readable, and the Explorer's batch view part of it. Pure data, shared by the
 * extension host (which reads it from the debuggee) and the webview (which is posted it): the JSON
 * is untrusted (the program could have replaced json or numpy), so anything missing or of the wrong
 * type makes it unreadable rather than a wrong number.
 */
import type { BatchView } from './batchView';
import { isBatchView } from './batchView';
import { isCount, isNumber, isNumberOrNull, isRecord } from './jsonChecks';

/** What batchSummary.py's summarize() takes as its spec (JSON). */
export interface BatchSpec {
  /** 'auto': sigmoid when the prediction and target have one shape, softmax otherwise. */
  readonly model: 'sigmoid' | 'softmax' | 'auto';
  readonly inputs: 'logits' | 'probabilities' | 'log-probabilities';
  readonly kind: 'ce' | 'balanced' | 'focal';
  readonly alpha: number | null;
  /** A binary alpha that multiplies every element (no class balancing) instead of alpha_t. */
  readonly alphaEvery?: boolean;
  /** How a softmax focal loss spreads a scalar alpha over classes (kornia 'foreground', Keras 'every'). */
  readonly alphaOn?: 'foreground' | 'every';
  readonly gamma: number;
  /** BCE's pos_weight: one number, or one per class (broadcast over the last dimension). */
  readonly posWeight: number | readonly number[] | null;
  /** BCE's weight=: per element, broadcast to the input (a tensor read live, or numbers from the file). */
  readonly elementWeight?: readonly number[];
  readonly labelSmoothing: number;
  /** PyTorch's class weights (softmax). */
  readonly weight: readonly number[] | null;
  readonly ignoreIndex: number | null;
  readonly reduction: string | null;
  /** p_t above which a sample counts as easy. */
  readonly easy: number;
  /** Values of the uniform sample to bring back (0 for the hover). */
  readonly sample: number;
  /** The Explorer's batch view (core/batchView.ts), with a sample of at most this many values; absent for the hover. */
  readonly view?: number;
  /** Steps the arguments apply to the values the frame holds (live/argumentChain.ts), applied by the snippet. */
  readonly steps?: { readonly pred: readonly (readonly unknown[])[]; readonly target: readonly (readonly unknown[])[] };
  /** Largest tensor copied (elements); larger ones are refused with their size. */
  readonly maxElements: number;
}

/** The parameters of a spec that the debuggee may have read from the program. */
export type BatchParams = Pick<BatchSpec, 'alpha' | 'gamma' | 'posWeight' | 'labelSmoothing' | 'weight' | 'ignoreIndex'>;

function isBatchParams(v: unknown): v is BatchParams {
  return (
    isRecord(v) &&
    (v.alpha === null || (isNumber(v.alpha) && v.alpha >= 0 && v.alpha <= 1)) &&
    isNumber(v.gamma) && v.gamma >= 0 &&
    (v.posWeight === null || (isNumber(v.posWeight) && v.posWeight >= 0)) &&
    isNumber(v.labelSmoothing) && v.labelSmoothing >= 0 && v.labelSmoothing <= 1 &&
    (v.weight === null || (Array.isArray(v.weight) && v.weight.every((w) => isNumber(w) && w >= 0))) &&
    (v.ignoreIndex === null || isNumber(v.ignoreIndex))
  );
}

/** A spec as posted with a batch to the webview: its parameters as isBatchParams checks them, and the rest. */
export function isBatchSpec(value: unknown): value is BatchSpec {
  if (!isRecord(value) || !isBatchParams(value)) return false;
  const v: Record<string, unknown> = value;
  return (
    (v.model === 'sigmoid' || v.model === 'softmax' || v.model === 'auto') &&
    (v.inputs === 'logits' || v.inputs === 'probabilities' || v.inputs === 'log-probabilities') &&
    (v.kind === 'ce' || v.kind === 'balanced' || v.kind === 'focal') &&
    (v.reduction === null || typeof v.reduction === 'string') &&
    isNumber(v.easy)
  );
}

export interface TensorDescription {
  readonly type: string;
  readonly shape?: readonly number[];
  readonly dtype?: string;
  readonly device?: string;
}

export interface BatchCheck {
  readonly id: string;
  readonly [detail: string]: unknown;
}

export interface BatchSummary {
  readonly model: 'sigmoid' | 'softmax';
  readonly n: number;
  readonly inputs: { readonly pred: TensorDescription; readonly target: TensorDescription };
  /** Binary: targets >= 0.5, the rest, and soft targets (strictly between 0 and 1). */
  readonly positives?: number;
  readonly negatives?: number;
  readonly soft?: number;
  /** Softmax: classes, samples kept (not ignore_index) and per-class counts and loss (first 1,000 classes). */
  readonly classes?: number;
  readonly kept?: number;
  readonly ignored?: number;
  readonly perClass?: { readonly count: readonly number[]; readonly loss: readonly number[]; readonly shown: number };
  /** The call's loss: its sum over elements, its mean (PyTorch's divisor), per positive, and the value its reduction gives. */
  readonly loss: { readonly sum: number; readonly mean: number | null; readonly perPositive?: number | null; readonly value: number | null; readonly reduction: string | null };
  /** Plain CE (no weights, alpha, smoothing). */
  readonly ce: { readonly sum: number; readonly mean: number | null };
  readonly easy: { readonly threshold: number; readonly count: number; readonly ceShare: number | null; readonly flShare: number | null; readonly flGamma: number; readonly flAlpha: number | null };
  readonly hardest: { readonly p1: number | null; readonly p20: number | null };
  readonly prior: { readonly meanProbability: number | null; readonly positiveFraction?: number; readonly largestClassFraction?: number | null };
  readonly checks: readonly BatchCheck[];
  /** The Explorer's batch view (asked for with the spec's `view`). */
  readonly view?: BatchView;
  /** With a view: the parameters the summary used, those read from the program included. */
  readonly params?: BatchParams;
}

export type ParsedBatchSummary =
  | { readonly ok: true; readonly summary: BatchSummary }
  /** A refusal of the snippet (`error` one of its codes), a failure, or a summary that does not read. */
  | { readonly ok: false; readonly error: string; readonly detail: string }
  /** The values are not finite: only the checks and the counts are known. */
  | { readonly ok: 'checks-only'; readonly checks: readonly BatchCheck[]; readonly n: number; readonly inputs?: BatchSummary['inputs'] };


function isDescription(v: unknown): v is TensorDescription {
  return isRecord(v) && typeof v.type === 'string' && (v.shape === undefined || (Array.isArray(v.shape) && v.shape.every(isCount))) && (v.dtype === undefined || typeof v.dtype === 'string') && (v.device === undefined || typeof v.device === 'string');
}

function isChecks(v: unknown): v is BatchCheck[] {
  return Array.isArray(v) && v.every((c) => isRecord(c) && typeof c.id === 'string');
}

/** The summary in `text`, or why it is not one. */
export function parseBatchSummary(text: string): ParsedBatchSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'unreadable', detail: text.slice(0, 200) };
  }
  return batchSummaryOf(data);
}

/** The summary in parsed JSON `data` (a debuggee's answer, or one posted to the webview), or why it is not one. */
export function batchSummaryOf(data: unknown): ParsedBatchSummary {
  if (!isRecord(data)) return { ok: false, error: 'unreadable', detail: '' };
  if (data.ok === false) return { ok: false, error: typeof data.error === 'string' ? data.error : 'failed', detail: typeof data.detail === 'string' ? data.detail.slice(0, 300) : '' };
  const inputs = isRecord(data.inputs) && isDescription(data.inputs.pred) && isDescription(data.inputs.target) ? (data.inputs as BatchSummary['inputs']) : undefined;
  if (!isCount(data.n) || !isChecks(data.checks) || (data.model !== 'sigmoid' && data.model !== 'softmax')) return { ok: false, error: 'unreadable', detail: '' };
  if (data.loss === undefined && data.checks.some((c) => c.id === 'not-finite')) return { ok: 'checks-only', checks: data.checks, n: data.n, ...(inputs ? { inputs } : {}) };
  const { loss, ce, easy, hardest, prior } = data as Record<string, unknown>;
  const readable =
    inputs &&
    isRecord(loss) && isNumber(loss.sum) && isNumberOrNull(loss.mean ?? null) && isNumberOrNull(loss.value ?? null) &&
    isRecord(ce) && isNumber(ce.sum) &&
    isRecord(easy) && isNumber(easy.threshold) && isCount(easy.count) && isNumberOrNull(easy.ceShare) && isNumberOrNull(easy.flShare) && isNumber(easy.flGamma) && isNumberOrNull(easy.flAlpha ?? null) &&
    isRecord(hardest) && isNumberOrNull(hardest.p1) && isNumberOrNull(hardest.p20) &&
    isRecord(prior) &&
    (data.model === 'sigmoid' ? isCount(data.positives) && isCount(data.negatives) && isCount(data.soft) : isCount(data.classes) && isCount(data.kept));
  if (!readable) return { ok: false, error: 'unreadable', detail: '' };
  if (data.view !== undefined && !isBatchView(data.view, data.model)) return { ok: false, error: 'unreadable', detail: 'view' };
  if (data.params !== undefined && !isBatchParams(data.params)) return { ok: false, error: 'unreadable', detail: 'params' };
  return { ok: true, summary: data as unknown as BatchSummary };
}
