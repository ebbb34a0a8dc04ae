import type { LazyLossCall, LossCall } from './lossCall';
import type { ImportedSources } from './userLosses';
import type { PythonModule } from './pythonModule';

/** Other files of the workspace a document imports, with a key that changes whenever one of their texts does. */
export interface ImportedModules extends ImportedSources {
  readonly key: string;
}

/*
 * Looking up the loss call at an offset. Calls are kept sorted by start; a lookup is a binary
 * search plus a short walk back over enclosing calls, so a warm hover costs O(log n) whatever the
 * file's size. The per-document cache makes repeated hovers on an unchanged document cheap.
 */

export type SourceLanguage = 'python' | 'yaml';

/** Offsets per bucket of the lookup table: a lookup searches only the calls starting in one bucket. */
const BUCKET_SHIFT = 9;

/**
 * Sorted calls with, for each position, the largest `end` so far (to stop the walk back early), and
 * a table from offset bucket to the first call starting in it, so a lookup costs about the same in
 * a 2,000-line file and a 200,000-line one.
 */
export class SortedCalls {
  private readonly starts: Float64Array;
  private readonly maxEnd: Float64Array;
  private readonly bucketFirst: Uint32Array;

  /** `calls` sorted by start; each is built (parameters resolved) only when returned. */
  constructor(private readonly calls: readonly LazyLossCall[]) {
    this.starts = Float64Array.from(calls, (call) => call.start);
    this.maxEnd = new Float64Array(calls.length);
    let max = -Infinity;
    calls.forEach((call, i) => (this.maxEnd[i] = max = Math.max(max, call.end)));
    const lastStart = calls.length > 0 ? calls[calls.length - 1]!.start : 0;
    this.bucketFirst = new Uint32Array((lastStart >> BUCKET_SHIFT) + 2);
    let i = 0;
    for (let bucket = 0; bucket < this.bucketFirst.length; bucket++) {
      while (i < calls.length && calls[i]!.start >> BUCKET_SHIFT < bucket) i++;
      this.bucketFirst[bucket] = i;
    }
  }

  /**
   * The call at `offset`: one whose callee name contains it, else the innermost whose range
   * contains it (end inclusive, so the cursor just after ')' still counts).
   */
  at(offset: number): LossCall | undefined {
    // Index of the first call starting after `offset`, searched within offset's bucket.
    const bucket = Math.max(0, offset) >> BUCKET_SHIFT;
    let lo: number;
    let hi: number;
    if (bucket + 1 < this.bucketFirst.length) {
      lo = this.bucketFirst[bucket]!;
      hi = this.bucketFirst[bucket + 1]!;
    } else {
      lo = this.bucketFirst[this.bucketFirst.length - 1]!;
      hi = this.starts.length;
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! <= offset) lo = mid + 1;
      else hi = mid;
    }
    return callAtAmong(this.calls, lo - 1, offset, this.maxEnd);
  }

  all(): LossCall[] {
    return this.calls.map((call) => call.call());
  }
}

/**
 * The call at `offset` among `calls` (sorted by start) up to index `last`, walking back while a call
 * may still end at or after `offset` (`maxEnd`: the largest end up to each index; without it, every
 * call down to the first): one whose callee name contains `offset`, else the innermost containing it.
 */
function callAtAmong(calls: readonly LazyLossCall[], last: number, offset: number, maxEnd?: Float64Array): LossCall | undefined {
  let best: LazyLossCall | undefined;
  for (let i = last; i >= 0 && (!maxEnd || maxEnd[i]! >= offset); i--) {
    const call = calls[i]!;
    if (offset < call.start || offset > call.end) continue;
    if (offset >= call.nameStart && offset <= call.nameEnd) return call.call();
    if (!best || call.end - call.start < best.end - best.start) best = call;
  }
  return best?.call();
}

/** A logical line holds a few calls: a lookup among them walks them all rather than building a table. */
const FEW_CALLS = 16;

/** What a finder read of one version of a document: its calls, searched when asked for. */
export interface FoundCalls {
  /** Every call, sorted by start. */
  all(): LazyLossCall[];
  /**
   * Some calls, sorted by start, among them every call that contains `offset` (the calls of its
   * logical line); the same array for offsets of the same line. Absent: lookups search all().
   */
  near?(offset: number): LazyLossCall[];
  /** What the finder kept of this version to re-read the next one faster (e.g. its tokens). */
  readonly state?: unknown;
  /** Python: what the file declares, read from exactly the text searched (the context, if any, first). */
  readonly module?: PythonModule;
}

/** A document version as the index read it: every call, and for Python the module the calls were found in. */
export interface DocumentRead {
  readonly calls: readonly LossCall[];
  readonly module?: PythonModule;
  /** The other files of the workspace the calls were read with (the lint reads models there too). */
  readonly imported?: ImportedModules;
}

/**
 * Finds a document's calls. `previous` is what the same finder returned as `state` for the
 * document's last version read (any language or context), so an edit can be re-read incrementally;
 * the calls must be exactly those of a read from scratch.
 */
export type LossCallFinder = (text: string, language: SourceLanguage, context: string | undefined, previous: unknown, imported?: ImportedSources) => FoundCalls;

/**
 * One version's calls. The first hover after an edit searches only the line under the mouse; the
 * whole file is searched when every call is asked for, and lookups use that from then on.
 */
class DocumentCalls {
  private sorted: SortedCalls | undefined;
  private readonly lines = new WeakMap<LazyLossCall[], SortedCalls>();

  constructor(private readonly found: FoundCalls) {}

  at(offset: number): LossCall | undefined {
    if (this.sorted || !this.found.near) return this.everyCall().at(offset);
    const near = this.found.near(offset);
    if (near.length <= FEW_CALLS) return callAtAmong(near, near.length - 1, offset);
    let line = this.lines.get(near);
    if (!line) this.lines.set(near, (line = new SortedCalls(near)));
    return line.at(offset);
  }

  all(): LossCall[] {
    return this.everyCall().all();
  }

  get module(): PythonModule | undefined {
    return this.found.module;
  }

  private everyCall(): SortedCalls {
    return (this.sorted ??= new SortedCalls(this.found.all()));
  }
}

interface CachedDocument {
  readonly version: number;
  readonly language: SourceLanguage;
  readonly context: string | undefined;
  readonly importedKey: string | undefined;
  readonly calls: DocumentCalls;
  readonly state: unknown;
}

/** A per-document cache keyed by (uri, version), so repeated hovers are cheap. */
export class LossCallIndex {
  private readonly documents = new Map<string, CachedDocument>();

  constructor(
    private readonly find: LossCallFinder,
    private readonly capacity = 64,
  ) {}

  /**
   * The loss call at `offset` in the document `uri` at `version`. `text` may be a function so a warm
   * lookup does not even fetch the document's text. `context` (e.g. earlier notebook cells) is part
   * of the key: a different context recomputes.
   */
  callAt(uri: string, version: number, text: string | (() => string), offset: number, language: SourceLanguage, context?: string, imported?: ImportedModules): LossCall | undefined {
    return this.callsOf(uri, version, text, language, context, imported).at(offset);
  }

  /** Every loss call of the document (cached like callAt). */
  calls(uri: string, version: number, text: string | (() => string), language: SourceLanguage, context?: string, imported?: ImportedModules): readonly LossCall[] {
    return this.callsOf(uri, version, text, language, context, imported).all();
  }

  /** Every call of the document and, for Python, the module they were read from (cached like callAt). */
  read(uri: string, version: number, text: string | (() => string), language: SourceLanguage, context?: string, imported?: ImportedModules): DocumentRead {
    const calls = this.callsOf(uri, version, text, language, context, imported);
    return { calls: calls.all(), module: calls.module, ...(imported ? { imported } : {}) };
  }

  /** Python: the module the document's calls are read from, without searching for any call (cached like callAt). */
  module(uri: string, version: number, text: string | (() => string), language: SourceLanguage, context?: string, imported?: ImportedModules): PythonModule | undefined {
    return this.callsOf(uri, version, text, language, context, imported).module;
  }

  forget(uri: string): void {
    this.documents.delete(uri);
  }

  /** Whether the calls of `uri` at `version` are already known, so a lookup costs no parse. */
  has(uri: string, version: number): boolean {
    return this.documents.get(uri)?.version === version;
  }

  private callsOf(uri: string, version: number, text: string | (() => string), language: SourceLanguage, context: string | undefined, imported?: ImportedModules): DocumentCalls {
    const cached = this.documents.get(uri);
    if (cached && cached.version === version && cached.language === language && cached.context === context && cached.importedKey === imported?.key) return cached.calls;
    const found = this.find(typeof text === 'string' ? text : text(), language, context, cached?.state, imported);
    const calls = new DocumentCalls(found);
    this.documents.delete(uri); // re-insert: Map order is the least-recently-computed order
    this.documents.set(uri, { version, language, context, importedKey: imported?.key, calls, state: found.state });
    if (this.documents.size > this.capacity) this.documents.delete(this.documents.keys().next().value!);
    return calls;
  }
}
