/*
 * Reading the summary batchSummary.py returns from an adapter's evaluate request. The summary's types
 * and checks are data the webview shares, so they live in the core (core/batchSummary.ts).
 */
import { parseBatchSummary } from '../core/batchSummary';
import type { ParsedBatchSummary } from '../core/batchSummary';

export type { BatchCheck, BatchSummary, ParsedBatchSummary, TensorDescription } from '../core/batchSummary';
export { parseBatchSummary } from '../core/batchSummary';

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
