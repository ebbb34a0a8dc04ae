import { classBases, decoratorsBefore, headOf, qualifiedName } from './decorators';
import { closeOf, enclosingClass, lookUpName, MODULE_SCOPE, parametersOf, readDotted, splitTopLevel, type Binding, type PythonModule } from './pythonModule';
import { END, isName, isOp, NAME, NEWLINE, STRING, tokenText } from './pythonScanner';
import { moduleSelfReceiverEnd } from './moduleSelfCalls';
import { nameTokensSpelled } from './spelledTokens';
import { allBindings, bindingOfName, bindingsOfSelf } from './lossBindings';
import { readOnce, type PerModule } from './perModule';

/*
 * A loss wrapped in a method of the model (issue 24, the eval's misses): `def loss(self, out, y):
 * return self.criterion(out, y)` or `def compute_loss(self, logits, labels): return
 * F.cross_entropy(logits, labels, ignore_index=-1)`, called as `model.loss(out, y)` or
 * `self.compute_loss(logits, y)`. The call computes the returned loss call with the call's arguments
 * in the method's parameters' places, so it is that loss only when that is certain: the method's body
 * is one `return` of one call, or `loss = <call>` then `return loss` (a docstring before it allowed), whose first arguments are the
 * method's parameters in order (by position, or the first two by keyword: `self.loss_func(input=logits, target=labels)` in
 * Lightning's computer_vision_fine_tuning.py example, Lightning-AI/pytorch-lightning 02b0873, copied widely; the
 * finder then checks that each keyword is the loss's own parameter at that place) and nothing else (no defaults, `*args`, keyword-only parameters or
 * decorators), whose keyword arguments read none of them; the file defines no other method of that
 * name (a subclass may override it); the call site passes as many positional arguments and nothing
 * else, on `self` in a method of the class or on a name bound once to the class's construction
 * (`model = Net()`, also `.to(device)` after it). Whether the returned call is a loss is for the finder.
 */

/** A method that returns one call of its parameters in order. */
export interface WrapperMethod {
  /** `Class.method`, the def scope and the class scope. */
  readonly name: string;
  readonly scope: number;
  readonly owner: number;
  readonly parameters: number;
  /** The returned call: the first token of its callee, and its line (head index). */
  readonly callee: number;
  readonly head: number;
  /**
   * The keyword each parameter is passed by in the returned call (undefined: by position), when one is
   * passed by keyword: the call is the loss's only when each is the loss's own parameter at that place.
   */
  readonly keywords?: readonly (string | undefined)[];
}

/** The wrapper methods of a module by method name (null: none, or not certain), read once per name. */
const KNOWN: PerModule<string, WrapperMethod> = new WeakMap();

/** The one method called `name` in the file when it is a wrapper (see the comment at the top). */
export function wrapperMethodNamed(module: PythonModule, name: string): WrapperMethod | undefined {
  return readOnce(KNOWN, module, name, () => readWrapper(module, name));
}

/**
 * The wrapper a call `receiver.name(args)` reaches (token `k` is `name`, its '(' at k + 1), seen from
 * `scope` at `offset`: the receiver is `self` in a method of the wrapper's class, or a name bound once
 * to its construction; the call passes the method's parameters by position, nothing else.
 */
export function wrapperCallAt(module: PythonModule, k: number, scope: number, offset: number): WrapperMethod | undefined {
  const { tokens } = module;
  if (!isOp(tokens, k - 1, '.') || tokens.kind[k - 2] !== NAME || isOp(tokens, k - 3, '.') || !isOp(tokens, k + 1, '(')) return undefined;
  const name = tokenText(tokens, k);
  // The receiver's class first (cheap: most `x.name(...)` calls are on objects of no class of the file).
  const receiver = tokenText(tokens, k - 2);
  let owner = -1;
  if (receiver === 'self') owner = enclosingClass(module, scope);
  else {
    const binding = bindingOfName(module, receiver, scope, offset);
    if (!binding || binding.from < 0) return undefined;
    const end = moduleSelfReceiverEnd(tokens, binding.from, binding.to);
    const [dotted, open] = readDotted(tokens, binding.from, end);
    if (!isOp(tokens, open, '(') || closeOf(tokens, open) !== end - 1) return undefined;
    owner = module.definitions.get(dotted) ?? -1;
  }
  // `self.loss = nn.CrossEntropyLoss()` beside `def loss(...)`: the attribute is what an instance's `.loss` is.
  if (owner < 0 || module.scope(owner).kind !== 'class' || !module.scope(owner).methods.has(name) || module.scope(owner).selfAttributes.has(name)) return undefined;
  const wrapper = wrapperMethodNamed(module, name);
  if (!wrapper || wrapper.owner !== owner) return undefined;
  const args = splitTopLevel(tokens, k + 2, closeOf(tokens, k + 1));
  if (args.length !== wrapper.parameters || args.some(([s]) => isOp(tokens, s, '*') || isOp(tokens, s, '**') || (tokens.kind[s] === NAME && isOp(tokens, s + 1, '=')))) return undefined;
  return wrapper;
}

function readWrapper(module: PythonModule, name: string): WrapperMethod | undefined {
  const { tokens } = module;
  let found: WrapperMethod | undefined;
  let defs = 0;
  for (const k of nameTokensSpelled(tokens, [name])) {
    if (!isName(tokens, k - 1, 'def')) continue;
    if (++defs > 1) return undefined;
    found = wrapperOf(module, k);
  }
  return found;
}

/** The wrapper whose `def` name token is `k`, if it is one. */
function wrapperOf(module: PythonModule, k: number): WrapperMethod | undefined {
  const { tokens } = module;
  const defHead = headOf(tokens, k);
  if (defHead < 0 || tokens.heads[defHead] !== k - 1 || decoratorsBefore(tokens, k - 1).length > 0 || !isOp(tokens, k + 1, '(')) return undefined;
  const scope = module.headScope[defHead + 1];
  if (scope === undefined || defHead + 1 >= tokens.headCount) return undefined;
  const def = module.scope(scope);
  // A method of a class, or a function at the module's top level (`def criterion(outputs, labels)`).
  if (def.kind !== 'def' || def.paramsOpen !== k + 1 || def.parent < 0 || (module.scope(def.parent).kind !== 'class' && def.parent !== MODULE_SCOPE)) return undefined;
  const isMethod = def.parent !== MODULE_SCOPE;
  const params = parametersOf(tokens, def);
  if (params.length < 2 || (isMethod ? params[0]!.name !== 'self' : params.some((p) => p.name === 'self')) || params.some((p) => p.star !== '' || p.from >= 0 || p.keywordOnly)) return undefined;
  const names = (isMethod ? params.slice(1) : params).map((p) => p.name);
  // The body: a docstring maybe, then `return <call>` and nothing else.
  let h = defHead + 1;
  const inBody = (head: number) => head < tokens.headCount && module.headScope[head] === scope;
  if (inBody(h) && tokens.kind[tokens.heads[h]!] === STRING && statementEnd(tokens, h) === tokens.heads[h]! + 1) h++;
  if (!inBody(h)) return undefined;
  // `return <call>`, or `loss = <call>` then `return loss`.
  const first = tokens.heads[h]!;
  let returned = first + 1;
  if (tokens.kind[first] === NAME && isOp(tokens, first + 1, '=') && inBody(h + 1)) {
    const then = tokens.heads[h + 1]!;
    if (!isName(tokens, then, 'return') || !isName(tokens, then + 1, tokenText(tokens, first))) return undefined;
    if (inBody(h + 2) || (h + 2 < tokens.headCount && nestedIn(module, h + 2, scope))) return undefined;
    if (statementEnd(tokens, h + 1) === then + 2) returned = first + 2;
    else {
      // `loss = nn.BCEWithLogitsLoss(reduction="none")` then `return loss(pred, target)` (the DKT baselines'
      // get_criterion): the loss built first, reading none of the parameters, called on them.
      const built = statementEnd(tokens, h);
      for (let t = first + 2; t < built; t++) if (tokens.kind[t] === NAME && !isOp(tokens, t - 1, '.') && names.includes(tokenText(tokens, t))) return undefined;
      if (names.includes(tokenText(tokens, first))) return undefined;
      h += 1;
      returned = then + 1;
    }
  } else if (!isName(tokens, first, 'return') || inBody(h + 1) || (h + 1 < tokens.headCount && nestedIn(module, h + 1, scope))) return undefined;
  const end = statementEnd(tokens, h);
  const [dotted, built] = readDotted(tokens, returned, end);
  if (dotted === '' || !isOp(tokens, built, '(')) return undefined;
  let open = built;
  if (closeOf(tokens, built) !== end - 1) {
    // `return nn.CrossEntropyLoss()(outputs, labels)`: a loss built in place, reading none of the parameters, then called.
    const again = closeOf(tokens, built) + 1;
    if (!isOp(tokens, again, '(') || closeOf(tokens, again) !== end - 1) return undefined;
    for (let t = built + 1; t < again; t++) if (tokens.kind[t] === NAME && !isOp(tokens, t - 1, '.') && names.includes(tokenText(tokens, t))) return undefined;
    open = again;
  }
  const args = splitTopLevel(tokens, open + 1, end - 1);
  if (args.length < names.length) return undefined;
  const keywords: (string | undefined)[] = [];
  for (let i = 0; i < args.length; i++) {
    const [s, e] = args[i]!;
    if (i < names.length) {
      if (e === s + 1 && isName(tokens, s, names[i]!)) keywords.push(undefined);
      // `input=logits`: the prediction or the target by keyword (a third parameter by keyword, `weight=w`, is a value of the method's).
      else if (i < 2 && e === s + 3 && tokens.kind[s] === NAME && isOp(tokens, s + 1, '=') && isName(tokens, s + 2, names[i]!)) keywords.push(tokenText(tokens, s));
      else return undefined;
      continue;
    }
    // After the parameters: keywords only, reading none of them.
    if (tokens.kind[s] !== NAME || !isOp(tokens, s + 1, '=')) return undefined;
    for (let t = s + 2; t < e; t++) if (tokens.kind[t] === NAME && !isOp(tokens, t - 1, '.') && names.includes(tokenText(tokens, t))) return undefined;
  }
  return { name: isMethod ? `${module.scope(def.parent).name}.${tokenText(tokens, k)}` : tokenText(tokens, k), scope, owner: def.parent, parameters: names.length, callee: returned, head: h, ...(keywords.some((kw) => kw !== undefined) ? { keywords } : {}) };
}

/** The first token after logical line `h` without its line break. */
function statementEnd(tokens: PythonModule['tokens'], h: number): number {
  let end = h + 1 < tokens.headCount ? tokens.heads[h + 1]! : tokens.count;
  while (end > tokens.heads[h]! && (tokens.kind[end - 1] === NEWLINE || tokens.kind[end - 1] === END)) end--;
  return end;
}

/** Whether logical line `h` is in a scope nested in `scope` (a def inside the method). */
function nestedIn(module: PythonModule, h: number, scope: number): boolean {
  for (let s = module.headScope[h]!; s >= 0; s = module.scope(s).parent) if (s === scope) return true;
  return false;
}

/*
 * A class of the file wrapping a library loss, called as a loss (issue 24): `class LossA(nn.Module)` whose
 * `__init__` sets `self.loss_fn = nn.CrossEntropyLoss()` and whose `forward(self, outputs, targets)` is
 * `return self.loss_fn(outputs, targets)` (jakhon37/my_classification losses/loss_a.py, Masao-Someki/ML_template
 * src/loss.py, samuelschen/DSB2018 loss.py @ 37bf9a6's BinaryCrossEntropyLoss2d around nn.BCELoss), built and
 * called: `BinaryCrossEntropyLoss2d().forward(preds, labels)`, `LossA()(out, y)`, `criterion = LossA()` then
 * `criterion(out, y)` / `criterion.forward(out, y)` (also `self.criterion = LossA().to(device)`). Calling the
 * object runs `__call__` when the class defines one, else an nn.Module's `forward`; that method must be a
 * wrapper (see the top). The construction passes nothing: what the class's `__init__` is given could change
 * the wrapped loss, and the hover does not follow that.
 */

/** Each class of the module whose object, called, runs a wrapper method (null: none), by class scope. */
const INSTANCE_WRAPPERS: PerModule<number, WrapperMethod> = new WeakMap();

/** The wrapper method calling an object of the class at `classScope` runs, if it is one. */
export function instanceWrapperOf(module: PythonModule, classScope: number): WrapperMethod | undefined {
  return readOnce(INSTANCE_WRAPPERS, module, classScope, () => readInstanceWrapper(module, classScope));
}

function readInstanceWrapper(module: PythonModule, classScope: number): WrapperMethod | undefined {
  const cls = module.scope(classScope);
  if (cls.kind !== 'class') return undefined;
  const bases = classBases(module, classScope);
  const call = cls.methods.get('__call__');
  const torchModule = bases.some(({ dotted, whole }) => whole && qualifiedName(module, dotted) === 'torch.nn.Module');
  // A base of the file or another library may define __call__ or forward differently: only nn.Module, or a class with no base and its own __call__.
  if (call === undefined ? !torchModule || bases.length !== 1 : bases.length > (torchModule ? 1 : 0)) return undefined;
  const method = call ?? cls.methods.get('forward');
  if (method === undefined) return undefined;
  const def = module.scope(method);
  if (def.paramsOpen < 1) return undefined;
  const wrapper = wrapperOf(module, def.paramsOpen - 1);
  return wrapper && wrapper.owner === classScope ? wrapper : undefined;
}

/** The class of the file an expression [from, to) constructs with no argument (`LossA()`, `LossA().to(device)`), else -1. */
function constructedClass(module: PythonModule, from: number, to: number): number {
  const { tokens } = module;
  const end = moduleSelfReceiverEnd(tokens, from, to);
  const [dotted, open] = readDotted(tokens, from, end);
  if (dotted === '' || dotted.includes('.') || !isOp(tokens, open, '(') || !isOp(tokens, open + 1, ')') || open + 2 !== end) return -1;
  const index = module.definitions.get(dotted);
  return index !== undefined && module.scope(index).kind === 'class' && module.scope(index).parent === 0 ? index : -1;
}

/** A call of a wrapper class's object: the wrapper method it runs, and the call's first token and its argument list's '('. */
export interface InstanceWrapperCall {
  readonly wrapper: WrapperMethod;
  readonly first: number;
  readonly open: number;
}

/**
 * The call of a wrapper class's object whose name token is `k` (followed by '('), seen from `scope` at
 * `offset`: `LossA()(out, y)` (k is LossA), `LossA().forward(out, y)` (k is forward), `crit(out, y)` /
 * `crit.forward(out, y)` / `self.crit(out, y)` of a name or attribute bound once to `LossA()`. The call
 * passes the method's parameters by position, nothing else.
 */
export function instanceWrapperCallAt(module: PythonModule, k: number, scope: number, offset: number): InstanceWrapperCall | undefined {
  const { tokens } = module;
  // Most files have no such class, and most calls end in no name of one: a look-up first.
  if (!wrapperNameSet(module).has(tokenText(tokens, k)) || isName(tokens, k - 1, 'def') || isName(tokens, k - 1, 'class')) return undefined;
  let classScope = -1;
  let first = k;
  let open = k + 1;
  if (isOp(tokens, k + 2, ')') && isOp(tokens, k + 3, '(') && !isOp(tokens, k - 1, '.')) {
    // `LossA()(out, y)`
    classScope = constructedClass(module, k, k + 3);
    open = k + 3;
  } else {
    // `x.forward(...)`: the object is what is before `.forward`.
    let end = k + 1;
    if (tokenText(tokens, k) === 'forward' && isOp(tokens, k - 1, '.')) {
      end = k - 1;
      if (isOp(tokens, k - 2, ')')) {
        // `LossA().forward(out, y)`
        const start = tokens.match[k - 2]! - 1;
        if (start < 0 || tokens.kind[start] !== NAME || isOp(tokens, start - 1, '.')) return undefined;
        classScope = constructedClass(module, start, k - 1);
        first = start;
      }
    }
    if (classScope < 0 && first === k) {
      const bound = boundObjectAt(module, end === k + 1 ? k : k - 2, scope, offset);
      if (!bound) return undefined;
      classScope = constructedClass(module, bound.binding.from, bound.binding.to);
      first = bound.first;
    }
  }
  if (classScope < 0) return undefined;
  const wrapper = instanceWrapperOf(module, classScope);
  if (!wrapper) return undefined;
  const args = splitTopLevel(tokens, open + 1, closeOf(tokens, open));
  if (args.length !== wrapper.parameters || args.some(([s]) => isOp(tokens, s, '*') || isOp(tokens, s, '**') || (tokens.kind[s] === NAME && isOp(tokens, s + 1, '=')))) return undefined;
  return { wrapper, first, open };
}

/**
 * The one binding of the object a call's name token `nameToken` names, seen from `scope` at `offset`: a name
 * (`crit`) or `self.crit` (then the first token is `self`); undefined when it is an attribute of something else or
 * not bound once to a value.
 */
export function boundObjectAt(module: PythonModule, nameToken: number, scope: number, offset: number): { readonly binding: Binding; readonly first: number } | undefined {
  const { tokens } = module;
  if (tokens.kind[nameToken] !== NAME) return undefined;
  const name = tokenText(tokens, nameToken);
  const self = isOp(tokens, nameToken - 1, '.') && isName(tokens, nameToken - 2, 'self') && !isOp(tokens, nameToken - 3, '.');
  if (isOp(tokens, nameToken - 1, '.') && !self) return undefined;
  const bindings = self ? bindingsOfSelf(module, name, scope) : undefined;
  const binding = self ? (bindings?.length === 1 ? bindings[0] : undefined) : bindingOfName(module, name, scope, offset);
  if (!binding || binding.from < 0) return undefined;
  return { binding, first: self ? nameToken - 2 : nameToken };
}

const WRAPPER_NAMES = new WeakMap<PythonModule, ReadonlySet<string>>();

/** instanceWrapperNames as a set, once per module. */
function wrapperNameSet(module: PythonModule): ReadonlySet<string> {
  let names = WRAPPER_NAMES.get(module);
  if (!names) WRAPPER_NAMES.set(module, (names = new Set(instanceWrapperNames(module))));
  return names;
}

/** The names a call of a wrapper class's object may end in (a cheap filter for a search of the whole file): the classes, `forward`, and names bound to their objects. */
export function instanceWrapperNames(module: PythonModule): string[] {
  const classes = new Set<number>();
  for (const index of module.definitions.values()) if (module.scope(index).kind === 'class' && instanceWrapperOf(module, index)) classes.add(index);
  if (classes.size === 0) return [];
  const names = ['forward', ...[...classes].map((index) => module.scope(index).name)];
  for (const [name, bindings] of allBindings(module)) if (bindings.some((b) => b.from >= 0 && classes.has(constructedClass(module, b.from, b.to)))) names.push(name);
  return names;
}

/*
 * A function of the file's top level wrapping a loss, called by its name: `def criterion(outputs, labels):
 * return nn.CrossEntropyLoss()(outputs, labels)` (Kaggle notebooks' train loops, the CS230 starter code's
 * `loss_fn`), `def get_criterion(pred, target): loss = nn.BCEWithLogitsLoss(reduction="none"); return
 * loss(pred, target)` (boostcamp DKT baselines). The same conditions as a wrapper method; the name must reach
 * that one definition from the call (no other binding of it in the file).
 */

/** The call of a top-level wrapper function whose name token is `k` (followed by '('). */
export function functionWrapperCallAt(module: PythonModule, k: number, scope: number): InstanceWrapperCall | undefined {
  const { tokens } = module;
  if (isOp(tokens, k - 1, '.') || !isOp(tokens, k + 1, '(') || isName(tokens, k - 1, 'def')) return undefined;
  const name = tokenText(tokens, k);
  const index = module.definitions.get(name);
  if (index === undefined || module.scope(index).kind !== 'def' || module.scope(index).parent !== MODULE_SCOPE) return undefined;
  const wrapper = wrapperMethodNamed(module, name);
  if (!wrapper || wrapper.owner !== MODULE_SCOPE || wrapper.scope !== index) return undefined;
  const reached = lookUpName(module, name, scope);
  if (!reached || !('bindings' in reached) || reached.scope !== MODULE_SCOPE || reached.bindings.length !== 1 || reached.bindings[0]!.offset !== module.scope(index).offset) return undefined;
  const args = splitTopLevel(tokens, k + 2, closeOf(tokens, k + 1));
  if (args.length !== wrapper.parameters || args.some(([s]) => isOp(tokens, s, '*') || isOp(tokens, s, '**') || (tokens.kind[s] === NAME && isOp(tokens, s + 1, '=')))) return undefined;
  return { wrapper, first: k, open: k + 1 };
}
