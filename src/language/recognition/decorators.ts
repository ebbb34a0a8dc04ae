import { closeOf, readDotted, splitTopLevel, type PythonModule, type Scope } from './pythonModule';
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

/**
 * The bases a class scope's header names (`class B(nn.Module, Mixin):`), each as the dotted name read from its
 * start and whether that name is the whole base (not `Generic[T]` or a call); none for a class without `(`.
 */
export function classBases(module: PythonModule, classScope: number): { dotted: string; whole: boolean }[] {
  const { tokens } = module;
  const keyword = classKeyword(tokens, module.scope(classScope).offset);
  if (!isName(tokens, keyword, 'class') || !isOp(tokens, keyword + 2, '(')) return [];
  return splitTopLevel(tokens, keyword + 3, closeOf(tokens, keyword + 2)).map(([from, to]) => {
    const [dotted, after] = readDotted(tokens, from, to);
    return { dotted, whole: after === to };
  });
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

/**
 * Whether a decorator fills the function's arguments from a config, so no call in the file shows what
 * it receives: detectron2's `@configurable` (its `from_config` builds `__init__`'s keywords from cfg)
 * and gin's `@gin.configurable`, on the function or, for `__init__`, on its class.
 */
export function configuredByDecorator(module: PythonModule, def: Scope, owner: Scope | undefined): boolean {
  const { tokens } = module;
  const keywords = [def.paramsOpen - 2];
  if (owner?.kind === 'class' && def.name === '__init__') keywords.push(classKeyword(tokens, owner.offset));
  return keywords.some((keyword) =>
    decoratorsBefore(tokens, keyword).some((at) => {
      const [dotted] = readDotted(tokens, at + 1, tokens.count);
      return dotted === 'configurable' || dotted.endsWith('.configurable');
    }),
  );
}
