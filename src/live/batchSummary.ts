/*
 * The JSON summary batchSummary.py returns from a paused debuggee, checked field by field: it is
 * untrusted data (the program could have replaced json or numpy), so anything missing or of the wrong
 * type makes it unreadable rather than a wrong number in a hover.
 */

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
}

export type ParsedBatchSummary =
  | { readonly ok: true; readonly summary: BatchSummary }
  /** A refusal of the snippet (`error` one of its codes), a failure, or a summary that does not read. */
  | { readonly ok: false; readonly error: string; readonly detail: string }
  /** The values are not finite: only the checks and the counts are known. */
  | { readonly ok: 'checks-only'; readonly checks: readonly BatchCheck[]; readonly n: number; readonly inputs?: BatchSummary['inputs'] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumberOrNull = (v: unknown): v is number | null => v === null || isNumber(v);
const isCount = (v: unknown): v is number => isNumber(v) && Number.isInteger(v) && v >= 0;

function isDescription(v: unknown): v is TensorDescription {
  return isRecord(v) && typeof v.type === 'string' && (v.shape === undefined || (Array.isArray(v.shape) && v.shape.every(isCount))) && (v.dtype === undefined || typeof v.dtype === 'string') && (v.device === undefined || typeof v.device === 'string');
}

function isChecks(v: unknown): v is BatchCheck[] {
  return Array.isArray(v) && v.every((c) => isRecord(c) && typeof c.id === 'string');
}

/**
 * The summary an adapter's evaluate request answered with. debugpy answers an expression that raised
 * (a NameError for a variable of another frame) with the error's text as the result, not as a failed
 * request, and an adapter that ignores rawString quotes the string as a Python literal.
 */
export function summaryOfEvaluateResult(result: string): ParsedBatchSummary {
  const text = unquoted(result);
  if (!text.startsWith('{')) return { ok: false, error: 'evaluate', detail: text.slice(0, 300) };
  return parseBatchSummary(text);
}

/** A result returned as a Python string literal despite rawString ('{"ok": ...}'). */
function unquoted(result: string): string {
  const text = result.trim();
  if (!(text.startsWith("'") && text.endsWith("'")) && !(text.startsWith('"') && text.endsWith('"'))) return text;
  return text.slice(1, -1).replace(/\\(['"\\])/g, '$1');
}

/** The summary in `text`, or why it is not one. */
export function parseBatchSummary(text: string): ParsedBatchSummary {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'unreadable', detail: text.slice(0, 200) };
  }
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
  return { ok: true, summary: data as unknown as BatchSummary };
}
