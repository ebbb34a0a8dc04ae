import { decoratorsBefore, headOf } from './decorators';
import { closeOf, enclosingClass, parametersOf, readDotted, splitTopLevel, type PythonModule } from './pythonModule';
import { END, isName, isOp, NAME, NEWLINE, STRING, tokenText } from './pythonScanner';
import { moduleSelfReceiverEnd } from './moduleSelfCalls';
import { nameTokensSpelled } from './spelledTokens';
import { bindingOfName } from './lossBindings';

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
const KNOWN = new WeakMap<PythonModule, Map<string, WrapperMethod | null>>();

/** The one method called `name` in the file when it is a wrapper (see the comment at the top). */
export function wrapperMethodNamed(module: PythonModule, name: string): WrapperMethod | undefined {
  let byName = KNOWN.get(module);
  if (!byName) KNOWN.set(module, (byName = new Map()));
  let found = byName.get(name);
  if (found === undefined) byName.set(name, (found = readWrapper(module, name) ?? null));
  return found ?? undefined;
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
  if (def.kind !== 'def' || def.paramsOpen !== k + 1 || def.parent < 0 || module.scope(def.parent).kind !== 'class') return undefined;
  const params = parametersOf(tokens, def);
  if (params.length < 2 || params[0]!.name !== 'self' || params.some((p) => p.star !== '' || p.from >= 0 || p.keywordOnly)) return undefined;
  const names = params.slice(1).map((p) => p.name);
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
    if (!isName(tokens, then, 'return') || !isName(tokens, then + 1, tokenText(tokens, first)) || statementEnd(tokens, h + 1) !== then + 2) return undefined;
    returned = first + 2;
    if (inBody(h + 2) || (h + 2 < tokens.headCount && nestedIn(module, h + 2, scope))) return undefined;
  } else if (!isName(tokens, first, 'return') || inBody(h + 1) || (h + 1 < tokens.headCount && nestedIn(module, h + 1, scope))) return undefined;
  const end = statementEnd(tokens, h);
  const [dotted, open] = readDotted(tokens, returned, end);
  if (dotted === '' || !isOp(tokens, open, '(') || closeOf(tokens, open) !== end - 1) return undefined;
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
  return { name: `${module.scope(def.parent).name}.${tokenText(tokens, k)}`, scope, owner: def.parent, parameters: names.length, callee: returned, head: h, ...(keywords.some((kw) => kw !== undefined) ? { keywords } : {}) };
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
