import { tokensSpelled } from './candidates';
import { headOf } from './decorators';
import { enclosingClass, lookUpName, parametersOf, type PythonModule } from './pythonModule';
import { END, isKeywordArgumentName, isName, isOp, NAME, NEWLINE, tokenText } from './pythonScanner';
import { bodyRange } from './userLossBody';

/*
 * A loss built by a function or method of the file and bound where it is called: `criterion =
 * self.get_criterion()`, `loss_fn = build_loss(cfg)`, whose body returns the loss (`return
 * nn.BCEWithLogitsLoss(pos_weight=w)`, or a name bound to it). Seen in training scripts' `def
 * get_criterion(...)` / `create_criterion(args)` / `def build_loss(self)` helpers. What is read here:
 * which def a call reaches, and the value of each of its returns; boundLosses.ts decides whether the
 * returns agree on one loss.
 */

/** The value of one `return` statement: its token range, in the def's scope. */
export interface ReturnedValue {
  readonly scope: number;
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

/**
 * The def a call of `segments` in `scope` reaches, when certain: `self.m(...)` a method the
 * enclosing class defines, the only `def m` of the file and no `self.m = ...`; `f(...)` a function
 * the name is bound to once (by its `def`). Undefined otherwise.
 */
export function calledDefinition(module: PythonModule, segments: readonly string[], scope: number): number | undefined {
  if (segments.length === 2 && segments[0] === 'self') {
    const owner = enclosingClass(module, scope);
    if (owner < 0) return undefined;
    const name = segments[1]!;
    const method = module.scope(owner).methods.get(name);
    // Another class's `def name` may override it in a subclass, and an attribute may replace it.
    if (method === undefined || module.scope(owner).selfAttributes.has(name) || definitionsNamed(module, name) !== 1) return undefined;
    return method;
  }
  if (segments.length !== 1) return undefined;
  const name = segments[0]!;
  // Most calls a file assigns (`x = f(...)`) are of no def of the file: a map look-up settles those
  // before the name is looked up through the scopes.
  const index = module.definitions.get(name);
  if (index === undefined) return undefined;
  const found = lookUpName(module, name, scope);
  if (!found || !('bindings' in found) || found.bindings.length !== 1) return undefined;
  const fn = module.scope(index);
  return fn.kind === 'def' && fn.parent === found.scope && fn.offset === found.bindings[0]!.offset && definitionsNamed(module, name) === 1 ? index : undefined;
}

/** How many `def name` the file writes. */
function definitionsNamed(module: PythonModule, name: string): number {
  return tokensSpelled(module, name).filter((k) => isName(module.tokens, k - 1, 'def')).length;
}

/**
 * The value of every `return` of the def `index` (not of defs nested in it), in order. Undefined when
 * it has none, a bare `return`, or a `yield` (a generator returns no loss).
 */
export function returnedValues(module: PythonModule, index: number): ReturnedValue[] | undefined {
  const { tokens } = module;
  const [from, to] = bodyRange(module, index);
  const values: ReturnedValue[] = [];
  for (let h = Math.max(headOf(tokens, from), 0); h < tokens.headCount && tokens.heads[h]! < to; h++) {
    const first = tokens.heads[h]!;
    if (module.headScope[h] !== index) continue;
    if (isName(tokens, first, 'yield')) return undefined;
    if (!isName(tokens, first, 'return')) continue;
    let last = h + 1 < tokens.headCount ? tokens.heads[h + 1]! : tokens.count;
    while (last > first + 1 && (tokens.kind[last - 1] === NEWLINE || tokens.kind[last - 1] === END)) last--;
    if (last <= first + 1) return undefined;
    values.push({ scope: index, from: first + 1, to: last, offset: tokens.startAt(first) });
  }
  return values.length > 0 ? values : undefined;
}

/** Whether [from, to) reads a parameter of the def `index` other than self / cls: what the caller passes. */
export function readsParameter(module: PythonModule, index: number, from: number, to: number): boolean {
  const { tokens } = module;
  const names = new Set(parametersOf(tokens, module.scope(index)).map((p) => p.name).filter((name) => name !== 'self' && name !== 'cls'));
  if (names.size === 0) return false;
  for (let k = from; k < to; k++) {
    if (tokens.kind[k] === NAME && !isOp(tokens, k - 1, '.') && !isKeywordArgumentName(tokens, k) && names.has(tokenText(tokens, k))) return true;
  }
  return false;
}
