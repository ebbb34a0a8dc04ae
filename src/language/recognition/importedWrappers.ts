import { allBindings } from './lossBindings';
import type { LossCall } from './lossCall';
import { moduleSelfReceiverEnd } from './moduleSelfCalls';
import { closeOf, lookUpName, MODULE_SCOPE, readDotted, splitTopLevel, type PythonModule } from './pythonModule';
import { isName, isOp, lineOf, NAME, tokenText } from './pythonScanner';
import type { ImportedHome } from './importedModules';
import { boundObjectAt, instanceWrapperOf, wrapperMethodNamed, type WrapperMethod } from './wrapperMethods';

/*
 * A wrapper of a library loss defined in another file of the workspace and imported here (issue 24, set 7's
 * misses: "a wrapper class of another file", "a wrapper in another file"): `class CrossEntropyLoss2d(nn.Module)`
 * in utils/misc.py whose forward returns `self.nll_loss(F.log_softmax(inputs), targets)`... is not one (its
 * body does more than return), but `class LossBinary` / `def loss_fn(outputs, labels): return
 * F.cross_entropy(outputs, labels)` in losses.py, used in train.py as `criterion = LossA()` then
 * `criterion(out, y)` or `loss_fn(out, y)`, are. The same conditions as a wrapper of the file
 * (wrapperMethods.ts) hold in the wrapper's own file; here, the call passes the wrapper's parameters by
 * position and nothing else, and the name it is called by is the import's (never bound again in this file).
 * The returned loss call is read in the wrapper's file by recognition (file alone), and its values are that
 * file's lines.
 */

/** A wrapper of another file: a class whose object, called, returns one loss call of its parameters, or a top-level function that does. */
export interface ImportedWrapper {
  readonly home: ImportedHome;
  readonly wrapper: WrapperMethod;
  readonly isClass: boolean;
}

/** The definition `symbol` of `home` as a wrapper, when it is one. */
export function importedWrapperOf(home: ImportedHome, symbol: string): ImportedWrapper | undefined {
  const { module } = home;
  const index = module.definitions.get(symbol);
  if (index === undefined || module.scope(index).parent !== MODULE_SCOPE) return undefined;
  if (module.scope(index).kind === 'class') {
    const wrapper = instanceWrapperOf(module, index);
    return wrapper ? { home, wrapper, isClass: true } : undefined;
  }
  const wrapper = wrapperMethodNamed(module, symbol);
  return wrapper && wrapper.owner === MODULE_SCOPE && wrapper.scope === index ? { home, wrapper, isClass: false } : undefined;
}

/** A call of an imported wrapper: the wrapper, the call's first token and its argument list's '('. */
export interface ImportedWrapperCall {
  readonly wrapper: ImportedWrapper;
  readonly first: number;
  readonly open: number;
}

/**
 * The call of an imported wrapper whose last name token is `k` (followed by '('), seen from `scope` at `offset`:
 * `loss_fn(out, y)` / `losses.loss_fn(out, y)` of a function; `LossA()(out, y)`, `LossA().forward(out, y)`, and
 * `crit(out, y)` / `crit.forward(out, y)` / `self.crit(out, y)` of a name or attribute bound once to `LossA()`
 * (also `.to(device)` after it) of a class. `wrappers` gives the imported wrapper a name (`LossA`, `losses.LossA`) is.
 */
export function importedWrapperCallAt(module: PythonModule, k: number, scope: number, offset: number, wrappers: (name: string) => ImportedWrapper | undefined): ImportedWrapperCall | undefined {
  const { tokens } = module;
  if (!isOp(tokens, k + 1, '(') || isName(tokens, k - 1, 'def') || isName(tokens, k - 1, 'class')) return undefined;
  let found: { wrapper: ImportedWrapper; first: number; open: number } | undefined;
  if (isOp(tokens, k + 2, ')') && isOp(tokens, k + 3, '(')) {
    // `LossA()(out, y)`
    const first = dottedStart(tokens, k);
    const wrapper = first < 0 ? undefined : importedName(module, first, k + 1, scope, wrappers);
    if (wrapper?.isClass) found = { wrapper, first, open: k + 3 };
  } else if (tokenText(tokens, k) === 'forward' && isOp(tokens, k - 1, '.')) {
    // `LossA().forward(out, y)`, `crit.forward(out, y)`
    if (isOp(tokens, k - 2, ')')) {
      const open = tokens.match[k - 2]!;
      const first = tokens.kind[open - 1] === NAME ? dottedStart(tokens, open - 1) : -1;
      const wrapper = first < 0 || open + 1 !== k - 2 ? undefined : importedName(module, first, open, scope, wrappers);
      if (wrapper?.isClass) found = { wrapper, first, open: k + 1 };
    } else found = boundInstance(module, k - 2, k + 1, scope, offset, wrappers);
  } else {
    const first = dottedStart(tokens, k);
    const direct = first < 0 ? undefined : importedName(module, first, k + 1, scope, wrappers);
    if (direct && !direct.isClass) found = { wrapper: direct, first, open: k + 1 };
    else if (!direct) found = boundInstance(module, k, k + 1, scope, offset, wrappers);
  }
  if (!found) return undefined;
  const args = splitTopLevel(tokens, found.open + 1, closeOf(tokens, found.open));
  if (args.length !== found.wrapper.wrapper.parameters || args.some(([s]) => isOp(tokens, s, '*') || isOp(tokens, s, '**') || (tokens.kind[s] === NAME && isOp(tokens, s + 1, '=')))) return undefined;
  return found;
}

/** The first token of the dotted name (at most two names: `LossA`, `losses.LossA`) ending at token `k`; -1 when it is longer or an attribute of a call. */
function dottedStart(tokens: PythonModule['tokens'], k: number): number {
  if (tokens.kind[k] !== NAME) return -1;
  if (!isOp(tokens, k - 1, '.')) return k;
  if (tokens.kind[k - 2] !== NAME || isOp(tokens, k - 3, '.') || isOp(tokens, k - 3, ')')) return -1;
  return k - 2;
}

/** The imported wrapper the dotted name [first, end) is, when its first name is the import's and bound by nothing else here. */
function importedName(module: PythonModule, first: number, end: number, scope: number, wrappers: (name: string) => ImportedWrapper | undefined): ImportedWrapper | undefined {
  const [dotted, after] = readDotted(module.tokens, first, end);
  if (dotted === '' || after !== end) return undefined;
  const wrapper = wrappers(dotted);
  // `loss_fn = ...` or a parameter `loss_fn` anywhere the call sees: not (only) the import.
  return wrapper && !lookUpName(module, dotted.split('.')[0]!, scope) ? wrapper : undefined;
}

/** `crit(...)` / `self.crit(...)` (name token `nameToken`) of a name or attribute bound once to an imported wrapper class's construction with no argument. */
function boundInstance(module: PythonModule, nameToken: number, open: number, scope: number, offset: number, wrappers: (name: string) => ImportedWrapper | undefined): ImportedWrapperCall | undefined {
  const { tokens } = module;
  const bound = boundObjectAt(module, nameToken, scope, offset);
  if (!bound) return undefined;
  const { binding } = bound;
  // `LossA()`, `losses.LossA().to(device)`: a construction with no argument.
  const end = moduleSelfReceiverEnd(tokens, binding.from, binding.to);
  if (!isOp(tokens, end - 1, ')') || !isOp(tokens, end - 2, '(')) return undefined;
  const [dotted, after] = readDotted(tokens, binding.from, end - 2);
  if (dotted === '' || after !== end - 2 || dotted.split('.').length > 2) return undefined;
  const wrapper = importedName(module, binding.from, end - 2, binding.scope, wrappers);
  return wrapper?.isClass ? { wrapper, first: bound.first, open } : undefined;
}

/** The 0-based line of the wrapper's returned call in its file. */
export function wrappedCallLine(wrapper: ImportedWrapper): number {
  const { home, wrapper: method } = wrapper;
  return lineOf(home.starts, home.module.tokens.startAt(method.callee));
}

/** The loss call the wrapper returns, as `near` (recognition of its file alone, by the offset of a line) finds it. */
export function wrappedCall(wrapper: ImportedWrapper, near: (module: PythonModule, offset: number) => readonly LossCall[]): LossCall | undefined {
  const { module } = wrapper.home;
  const start = module.tokens.startAt(wrapper.wrapper.callee);
  return near(module, start).find((call) => call.start === start);
}

/**
 * The names a call of an imported wrapper may end in (a cheap filter for a search of the whole file): the
 * wrappers' own names (`lastNames`), `forward`, and names bound to a construction of an imported wrapper class.
 */
export function importedWrapperNamesIn(module: PythonModule, wrappers: (name: string) => ImportedWrapper | undefined, lastNames: readonly string[]): string[] {
  if (lastNames.length === 0) return [];
  const { tokens } = module;
  const names = ['forward', ...lastNames];
  for (const [name, bindings] of allBindings(module)) {
    const built = bindings.some((b) => {
      if (b.from < 0) return false;
      const end = moduleSelfReceiverEnd(tokens, b.from, b.to);
      const [dotted, after] = readDotted(tokens, b.from, end);
      return dotted !== '' && after === end - 2 && isOp(tokens, after, '(') && wrappers(dotted)?.isClass === true;
    });
    if (built) names.push(name);
  }
  return names;
}
