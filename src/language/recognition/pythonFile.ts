import type { LazyLossCall, LossCall, ValueOrigin } from './lossCall';
import type { PythonModule } from './pythonModule';
import { END, enclosingOpen, NEWLINE, type PythonTokens } from './pythonScanner';
import { lineOfOffset } from './tokenLines';
import { Evaluator } from './values';

/*
 * One Python text being searched for loss calls: its tokens, what it declares, the evaluator of its
 * values, and the offset `base` where the document starts (a notebook's earlier cells come first as
 * context). Offsets reported to callers are relative to the document: token offset - base.
 */
export class PythonFile {
  readonly tokens: PythonTokens;
  readonly evaluator: Evaluator;
  private baseLine = -1;

  constructor(readonly module: PythonModule, readonly base: number) {
    this.tokens = module.tokens;
    this.evaluator = new Evaluator(module);
  }

  /** Where a value resolved at `offset` came from: its 0-based line in the document, or in the context. */
  resolvedOrigin(offset: number): ValueOrigin {
    const line = lineOfOffset(this.tokens, offset);
    const baseLine = this.firstLine();
    return line >= baseLine && offset >= this.base ? { kind: 'resolved', line: line - baseLine } : { kind: 'resolved', line, inContext: true };
  }

  /** The 0-based line of `offset` counted from the document's first line. */
  documentLine(offset: number): number {
    return lineOfOffset(this.tokens, offset) - this.firstLine();
  }

  /** The line the document starts on (after the context). */
  private firstLine(): number {
    if (this.baseLine < 0) this.baseLine = this.base === 0 ? 0 : lineOfOffset(this.tokens, this.base);
    return this.baseLine;
  }

  /** The first token starting at or after `offset`. */
  firstTokenAtOrAfter(offset: number): number {
    if (offset === 0) return 0;
    let lo = 0;
    let hi = this.tokens.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens.startAt(mid) >= offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Token index of the bracket that encloses token `k`, or -1. */
  enclosingOpen(k: number): number {
    return enclosingOpen(this.tokens, k);
  }

  /** The document range of a string token's content (inside its quotes). */
  stringContent(k: number): [number, number] {
    const token = this.text(k);
    const quoteAt = token.search(/['"]/);
    return [this.tokens.startAt(k) + quoteAt + 1 - this.base, this.tokens.endAt(k) - 1 - this.base];
  }

  /** The source of tokens [from, through] on one line, for a callee shown in the hover. */
  calleeText(from: number, through: number): string {
    return this.source(from, through + 1).replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/\{ /g, '{');
  }

  /** End offset of a call whose closing token is `close` (a NEWLINE/END when left unclosed). */
  endOf(close: number): number {
    const { tokens } = this;
    let last = close;
    while (last > 0 && (tokens.kind[last] === NEWLINE || tokens.kind[last] === END)) last--;
    return tokens.endAt(last);
  }

  /** The source text of tokens [from, to). */
  source(from: number, to: number): string {
    if (from >= to) return '';
    return this.tokens.text.slice(this.tokens.startAt(from), this.tokens.endAt(to - 1));
  }

  /** The text of token `k`. */
  text(k: number): string {
    return this.tokens.text.slice(this.tokens.startAt(k), this.tokens.endAt(k));
  }
}

/** A located call whose parameters are worked out by `build` when first asked for. */
export function lazy(start: number, end: number, nameStart: number, nameEnd: number, build: () => LossCall): LazyLossCall {
  let built: LossCall | undefined;
  return { start, end, nameStart, nameEnd, call: () => (built ??= build()) };
}
