import { classBases } from './decorators';
import { enclosingClass, lookUpName, type Binding, type PythonModule } from './pythonModule';
import { headOfToken, NAME } from './pythonScanner';

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

/** An enclosing scope's bindings of one name looked at as candidates: more are not one loss bound by branches. */
const MAX_ENCLOSING_BINDINGS = 4;

/**
 * Every binding a bare `name` used at `offset` in `scope` may hold: in the scope of the use, the last
 * unconditional assignment before it and the conditional ones after that (branches of an if / else,
 * a loop's body: one of them ran last); from an enclosing scope, every binding there (a few). Undefined for
 * a parameter or an unbound name. The caller decides whether the candidates agree.
 */
export function bindingsOfName(module: PythonModule, name: string, scope: number, offset: number): readonly Binding[] | undefined {
  const found = lookUpName(module, name, scope);
  if (!found || !('bindings' in found)) return undefined;
  // From an enclosing scope the order is unknown: whichever ran last before the call (segnet's train() reads
  // the `criterion` bound in the if / else of its `__main__` block). The caller decides whether they agree.
  if (found.scope !== scope) return found.bindings.length <= MAX_ENCLOSING_BINDINGS ? found.bindings : undefined;
  const before = found.bindings.filter((b) => b.offset < offset);
  if (before.length === 0) return undefined;
  if (before.every((b) => sameSource(module, b, before[0]!))) return [before[before.length - 1]!];
  return reachingBindings(module, before);
}

/**
 * Of a name's bindings in one scope before a use (in order), those that may be the one the use sees: the last
 * unconditional one and the conditional ones after it (branches of an if / else, a loop's body, an `except`:
 * whichever ran last). All of them when every one is conditional.
 */
export function reachingBindings(module: PythonModule, before: readonly Binding[]): readonly Binding[] {
  let first = 0;
  for (let i = before.length - 1; i >= 0; i--) {
    if (!isConditional(module, before[i]!)) { first = i; break; }
  }
  return before.slice(first);
}

/**
 * Every binding of `self.attribute` in the class of `scope` (one per `self.x = ...` in any method, or
 * its class-level name): whichever ran last is what a call sees, so the call may get any of them.
 */
export function bindingsOfSelf(module: PythonModule, attribute: string, scope: number): readonly Binding[] | undefined {
  const classScope = enclosingClass(module, scope);
  if (classScope < 0) return undefined;
  const owner = module.scope(classScope);
  const bindings = owner.selfAttributes.get(attribute) ?? owner.names.get(attribute);
  if (!bindings || bindings.length === 0) return undefined;
  // A subclass of the file that sets the attribute again runs this method with its own value
  // (khornlund/severstal-steel-defect-detection: FocalBCEDiceLoss(BCEDiceLoss) sets self.bce_loss to its
  // BinaryFocalLoss, and BCEDiceLoss.forward calls self.bce_loss): its bindings are candidates too.
  // A class attribute set again in a subclass's body (`DEFAULT_LOSS_CLS = nn.CrossEntropyLoss`) is one too.
  const inherited = subclassesOf(module, classScope).flatMap((sub) => [...(module.scope(sub).selfAttributes.get(attribute) ?? []), ...(module.scope(sub).names.get(attribute) ?? [])]);
  return inherited.length > 0 ? [...bindings, ...inherited] : bindings;
}

/** Per module (one per version): each class's subclasses, worked out on first use (every `self.x(...)` asks). */
const SUBCLASSES = new WeakMap<PythonModule, Map<number, readonly number[]>>();

/**
 * Per module: the last segment of each class's bases (`class B(mod.A):` names A), by class scope, and
 * the classes naming each base, in scope order. Read once per module: a class's subclasses are then a
 * walk over the classes that name it, not a read of every class's bases per class asked about.
 */
interface ClassBaseIndex {
  readonly baseNames: ReadonlyMap<number, readonly string[]>;
  readonly namedBy: ReadonlyMap<string, readonly number[]>;
}
const BASE_INDEX = new WeakMap<PythonModule, ClassBaseIndex>();

function classBaseIndex(module: PythonModule): ClassBaseIndex {
  let index = BASE_INDEX.get(module);
  if (index) return index;
  const baseNames = new Map<number, string[]>();
  const namedBy = new Map<string, number[]>();
  module.scopes.forEach((candidate, at) => {
    if (candidate.kind !== 'class') return;
    const names = classBases(module, at).map(({ dotted }) => dotted.slice(dotted.lastIndexOf('.') + 1));
    baseNames.set(at, names);
    for (const name of new Set(names)) {
      const classes = namedBy.get(name);
      if (classes) classes.push(at);
      else namedBy.set(name, [at]);
    }
  });
  BASE_INDEX.set(module, (index = { baseNames, namedBy }));
  return index;
}

/** The classes of the module whose bases name the class `classScope` (`class B(A):`, `class B(mod.A):`), or one of those. */
function subclassesOf(module: PythonModule, classScope: number): readonly number[] {
  let known = SUBCLASSES.get(module);
  if (!known) SUBCLASSES.set(module, (known = new Map()));
  let found = known.get(classScope);
  if (!found) known.set(classScope, (found = findSubclasses(module, classScope)));
  return found;
}

function findSubclasses(module: PythonModule, classScope: number): number[] {
  const { baseNames, namedBy } = classBaseIndex(module);
  // Every class that can be reached: those naming the class, those naming one of those, and so on.
  const reached = new Set<number>();
  const pending = [module.scope(classScope).name];
  const walked = new Set(pending);
  while (pending.length > 0) {
    for (const index of namedBy.get(pending.pop()!) ?? []) {
      if (index === classScope || reached.has(index)) continue;
      reached.add(index);
      const name = module.scope(index).name;
      if (!walked.has(name)) { walked.add(name); pending.push(name); }
    }
  }
  // Their order: rounds over the classes in scope order, each taking those whose bases name a class
  // taken so far (the order the bindings are then listed in), over the reached classes only (no other can match).
  const candidates = [...reached].sort((a, b) => a - b);
  const found: number[] = [];
  const taken = new Set<number>();
  const names = new Set([module.scope(classScope).name]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const index of candidates) {
      if (taken.has(index) || !baseNames.get(index)!.some((name) => names.has(name))) continue;
      found.push(index);
      taken.add(index);
      names.add(module.scope(index).name);
      grew = true;
    }
  }
  return found;
}

/** Block headers under which a statement may not run (or may run several times). */
const CONDITIONAL_HEADERS = new Set(['if', 'elif', 'else', 'for', 'while', 'except', 'match', 'case']);

/**
 * Whether the statement holding a binding may be skipped in its scope: it is on the line of an
 * `if ...:` (or under one of CONDITIONAL_HEADERS) between it and its scope's body. `with` and `try`
 * blocks run their body.
 */
function isConditional(module: PythonModule, binding: Binding): boolean {
  const tokens = module.tokens;
  const scope = module.scope(binding.scope);
  const word = (h: number) => {
    const k = tokens.heads[h]!;
    return tokens.kind[k] === NAME ? tokens.text.slice(tokens.startAt(k), tokens.endAt(k)) : '';
  };
  const lo = headOf(module, binding.from);
  if (CONDITIONAL_HEADERS.has(word(lo))) return true;
  let indent = tokens.headIndent[lo]!;
  // At indentation 0 no earlier line can hold it: the walk back would only skip lines (for a
  // module-level binding, every line above it, once per binding asked about).
  for (let h = lo - 1; h >= 0 && indent > 0 && tokens.startAt(tokens.heads[h]!) > scope.offset; h--) {
    const at = tokens.headIndent[h]!;
    if (at >= indent) continue;
    if (CONDITIONAL_HEADERS.has(word(h))) return true;
    indent = at;
  }
  return false;
}

/** The logical line (head index) holding token `k` (the first line for a token before it). */
export function headOf(module: PythonModule, k: number): number {
  return Math.max(0, headOfToken(module.tokens, k));
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
    if (tokens.text.slice(tokens.startAt(x), tokens.endAt(x)) !== tokens.text.slice(tokens.startAt(y), tokens.endAt(y))) return false;
  }
  return true;
}
