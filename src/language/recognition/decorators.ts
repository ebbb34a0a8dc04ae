import type { PythonModule } from './pythonModule';
import { headOfToken, isName, isOp, type PythonTokens } from './pythonScanner';

/*
 * Decorators of a `def` or `class`, read from the logical lines above it, and what a dotted name
 * stands for through the file's imports. Shared by pytest's parametrize (testValues.ts) and
 * dataclass losses (dataclassLoss.ts).
 */

/** The '@' tokens of the decorators above the `def` / `class` keyword at token `keyword` (nearest first). */
export function decoratorsBefore(tokens: PythonTokens, keyword: number): number[] {
  let k = keyword;
  if (isName(tokens, k - 1, 'async')) k--;
  let head = headOf(tokens, k);
  if (head < 0 || tokens.heads[head] !== k) return [];
  const found: number[] = [];
  while (--head >= 0 && isOp(tokens, tokens.heads[head]!, '@')) found.push(tokens.heads[head]!);
  return found;
}

/** The `class` keyword of a class scope whose name starts at `nameOffset`. */
export function classKeyword(tokens: PythonTokens, nameOffset: number): number {
  return tokenAt(tokens, nameOffset) - 1;
}

/** A dotted name with its first segment replaced by what the file imports it as (`mark.parametrize` -> `pytest.mark.parametrize`); '' when not imported. */
export function qualifiedName(module: PythonModule, dotted: string): string {
  const dot = dotted.indexOf('.');
  const head = dot < 0 ? dotted : dotted.slice(0, dot);
  const imported = module.imports.get(head);
  return imported === undefined ? '' : imported + (dot < 0 ? '' : dotted.slice(dot));
}

/** The logical line (head index) holding token `k`, or -1. */
export const headOf = headOfToken;

/** The token starting at `offset` (the first at or after it). */
export function tokenAt(tokens: PythonTokens, offset: number): number {
  let lo = 0;
  let hi = tokens.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.startAt(mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
