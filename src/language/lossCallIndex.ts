import type { LossCall } from './lossCall';

/*
 * Looking up the loss call at an offset. Calls are kept sorted by start; a lookup is a binary
 * search plus a short walk back over enclosing calls, so a warm hover costs O(log n) whatever the
 * file's size. The per-document cache makes repeated hovers on an unchanged document cheap.
 */

export type SourceLanguage = 'python' | 'yaml';

/** Sorted calls with, for each position, the largest `end` so far (to stop the walk back early). */
export class SortedCalls {
  private readonly starts: Float64Array;
  private readonly maxEnd: Float64Array;

  constructor(readonly calls: readonly LossCall[]) {
    this.starts = Float64Array.from(calls, (call) => call.start);
    this.maxEnd = new Float64Array(calls.length);
    let max = -Infinity;
    calls.forEach((call, i) => (this.maxEnd[i] = max = Math.max(max, call.end)));
  }

  /**
   * The call at `offset`: one whose callee name contains it, else the innermost whose range
   * contains it (end inclusive, so the cursor just after ')' still counts).
   */
  at(offset: number): LossCall | undefined {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    let best: LossCall | undefined;
    for (let i = lo - 1; i >= 0 && this.maxEnd[i]! >= offset; i--) {
      const call = this.calls[i]!;
      if (offset > call.end) continue;
      if (offset >= call.nameStart && offset <= call.nameEnd) return call;
      if (!best || call.end - call.start < best.end - best.start) best = call;
    }
    return best;
  }
}

interface CachedDocument {
  readonly version: number;
  readonly language: SourceLanguage;
  readonly context: string | undefined;
  readonly calls: SortedCalls;
}

/** A per-document cache keyed by (uri, version), so repeated hovers are cheap. */
export class LossCallIndex {
  private readonly documents = new Map<string, CachedDocument>();

  constructor(
    private readonly find: (text: string, language: SourceLanguage, context?: string) => LossCall[],
    private readonly capacity = 64,
  ) {}

  /**
   * The loss call at `offset` in the document `uri` at `version`. `text` may be a function so a warm
   * lookup does not even fetch the document's text. `context` (e.g. earlier notebook cells) is part
   * of the key: a different context recomputes.
   */
  callAt(uri: string, version: number, text: string | (() => string), offset: number, language: SourceLanguage, context?: string): LossCall | undefined {
    return this.callsOf(uri, version, text, language, context).at(offset);
  }

  /** Every loss call of the document (cached like callAt). */
  calls(uri: string, version: number, text: string | (() => string), language: SourceLanguage, context?: string): readonly LossCall[] {
    return this.callsOf(uri, version, text, language, context).calls;
  }

  forget(uri: string): void {
    this.documents.delete(uri);
  }

  private callsOf(uri: string, version: number, text: string | (() => string), language: SourceLanguage, context: string | undefined): SortedCalls {
    const cached = this.documents.get(uri);
    if (cached && cached.version === version && cached.language === language && cached.context === context) return cached.calls;
    const calls = new SortedCalls(this.find(typeof text === 'string' ? text : text(), language, context));
    this.documents.delete(uri); // re-insert: Map order is the least-recently-computed order
    this.documents.set(uri, { version, language, context, calls });
    if (this.documents.size > this.capacity) this.documents.delete(this.documents.keys().next().value!);
    return calls;
  }
}
