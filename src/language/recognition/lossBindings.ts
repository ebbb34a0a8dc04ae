import { enclosingClass, lookUpName, type Binding, type PythonModule } from './pythonModule';

/*
 * Where a name used as a loss was bound: `criterion = nn.CrossEntropyLoss(weight=w)` before
 * `criterion(out, y)`, `self.loss_fn = partial(sigmoid_focal_loss, gamma=2)` in __init__ before
 * `self.loss_fn(x, t)` in forward. The same scoping as values.ts, but the answer is the binding
 * itself (its token range), and only when it is certain: one binding, or the last one before the use
 * in the same function. Several different assignments (an if / else) give no answer.
 */

/** The binding a bare `name` used at `offset` in `scope` refers to, when there is exactly one candidate. */
export function bindingOfName(module: PythonModule, name: string, scope: number, offset: number): Binding | undefined {
  const found = lookUpName(module, name, scope);
  // A parameter is whatever the caller passes.
  if (!found || !('bindings' in found)) return undefined;
  const bindings = found.bindings;
  // In the scope of the use, statements run in order: the last binding before it. From an
  // enclosing scope the order is unknown: only a single binding is certain.
  if (found.scope === scope) {
    // Several assignments before the use may be branches of an if / else: certain only when they agree.
    const before = bindings.filter((b) => b.offset < offset);
    return before.length > 0 && before.every((b) => sameSource(module, b, before[0]!)) ? before[before.length - 1] : undefined;
  }
  return bindings.length === 1 ? bindings[0] : undefined;
}

/** The binding of `self.attribute` seen from a method in `scope`: the one assignment in the class (or its class-level name). */
export function bindingOfSelf(module: PythonModule, attribute: string, scope: number): Binding | undefined {
  const classScope = enclosingClass(module, scope);
  if (classScope < 0) return undefined;
  const owner = module.scope(classScope);
  const bindings = owner.selfAttributes.get(attribute) ?? owner.names.get(attribute);
  return bindings && bindings.length === 1 ? bindings[0] : undefined;
}

/** Every name and self attribute bound somewhere in the module, with its bindings: the candidates for loss values. */
export function* allBindings(module: PythonModule): Generator<[name: string, bindings: readonly Binding[]]> {
  for (const scope of module.scopes) {
    yield* scope.names;
    yield* scope.selfAttributes;
  }
}

function sameSource(module: PythonModule, a: Binding, b: Binding): boolean {
  if (a.from < 0 || b.from < 0 || a.to - a.from !== b.to - b.from) return false;
  const tokens = module.tokens;
  for (let i = 0; i < a.to - a.from; i++) {
    const x = a.from + i;
    const y = b.from + i;
    if (tokens.text.slice(tokens.start[x]!, tokens.end[x]!) !== tokens.text.slice(tokens.start[y]!, tokens.end[y]!)) return false;
  }
  return true;
}
