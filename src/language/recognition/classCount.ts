import { isOp, tokenText, type PythonTokens } from './pythonScanner';
import { nameTokensSpelled } from './spelledTokens';
import { splitTopLevel, type PythonModule } from './pythonModule';
import type { Evaluator, Known } from './values';

/*
 * The number of classes a file states, for the softmax losses whose values depend on it (label
 * smoothing spreads e / C over the classes). Only what the file says for certain: a name such as
 * NUM_CLASSES bound to one integer where the call can see it, or the same integer in every
 * `num_classes=...` keyword argument of the file. Otherwise the hover says what it assumed.
 */

/** Names people give the number of classes (PyTorch, detectron2, mmdet, HuggingFace's num_labels). */
const CLASS_COUNT_NAMES = ['num_classes', 'NUM_CLASSES', 'n_classes', 'N_CLASSES', 'nclasses', 'num_class', 'NUM_CLASS', 'classes_num', 'num_labels', 'NUM_LABELS'];
/** More classes than this is not a classification head anyone tabulates (and keeps arrays small). */
const MAX_CLASSES = 100_000;

export function isClassCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 2 && value <= MAX_CLASSES;
}

export class ClassCounts {
  private keywordValue: Known | null | undefined;

  constructor(private readonly module: PythonModule, private readonly evaluator: Evaluator) {}

  private written: ReadonlySet<string> | undefined;

  /** The number of classes seen from `scope` at token offset `offset`, or undefined when the file does not say. */
  at(scope: number, offset: number): Known | undefined {
    // A name no token spells is bound nowhere (bindings, parameters and self attributes are all
    // tokens of the file): it is not looked up, which would read whole scopes' bindings.
    // The names written are worked out once per version: every call of the file asks.
    this.written ??= writtenNames(this.module.tokens);
    if (this.written.size === 0) return undefined;
    for (const name of CLASS_COUNT_NAMES) {
      if (!this.written.has(name)) continue;
      const known = this.evaluator.resolveName(name, scope, offset, 0) ?? this.evaluator.resolveSelf(name, scope, 0);
      if (known && isClassCount(known.value)) return known;
    }
    return this.fromKeywords() ?? undefined;
  }

  /** One integer passed as `num_classes=` (or a synonym) everywhere in the file; null when absent or they differ. */
  private fromKeywords(): Known | null {
    if (this.keywordValue !== undefined) return this.keywordValue;
    const tokens: PythonTokens = this.module.tokens;
    let found: Known | null = null;
    // The tokens spelled like one of the names, in file order (a text search, not a walk over every token).
    const spelled = nameTokensSpelled(tokens, CLASS_COUNT_NAMES);
    for (const k of spelled) {
      if (k + 2 >= tokens.count || !isOp(tokens, k + 1, '=') || isOp(tokens, k - 1, '.')) continue;
      // Only keyword arguments (inside a call's brackets); assignments are resolved by name above.
      const open = this.enclosingCallOpen(k);
      if (open < 0) continue;
      const piece = splitTopLevel(tokens, open + 1, tokens.match[open]!).find(([from]) => from === k);
      const known = piece && this.evaluator.evaluate(k + 2, piece[1], 0, tokens.startAt(k));
      if (!known || !isClassCount(known.value) || (found && found.value !== known.value)) {
        this.keywordValue = null;
        return null;
      }
      found ??= { value: known.value, resolvedAt: tokens.startAt(k) };
    }
    this.keywordValue = found;
    return found;
  }

  /** The '(' of the call whose argument list directly holds token `k`, or -1. */
  private enclosingCallOpen(k: number): number {
    const tokens = this.module.tokens;
    for (let j = k - 1, steps = 0; j >= 0 && steps < 4096; j--, steps++) {
      const m = tokens.match[j]!;
      if (m >= 0 && m < j) { j = m; continue; }
      if (m > k) return isOp(tokens, j, '(') ? j : -1;
    }
    return -1;
  }
}

/** The class-count names some token of the file spells. */
function writtenNames(tokens: PythonTokens): ReadonlySet<string> {
  return new Set(nameTokensSpelled(tokens, CLASS_COUNT_NAMES).map((k) => tokenText(tokens, k)));
}
