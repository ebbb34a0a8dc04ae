import { msg } from '../../core';
import { KNOWN_NAMES, type CatalogEntry } from './catalog';
import type { Argument, ArgumentMapper } from './argumentMapping';
import type { CatalogLookup } from './catalogLookup';
import { hubLossOf } from './hubLosses';
import type { LazyLossCall, LossCall } from './lossCall';
import type { CallSite } from './lossCallBuilder';
import { mergeBranchCalls } from './branchCalls';
import { functionParameterCandidates, type FunctionParameter } from './functionParameterLosses';
import { importedArgumentCall, type ImporterSource } from './importerLosses';
import { initParameterCandidates, type Candidate } from './initParameterLosses';
import { allBindings, bindingOfName, bindingsOfName, bindingsOfSelf } from './lossBindings';
import { storesParameter } from './attributeStores';
import { lazy, type PythonFile } from './pythonFile';
import { inLoopBody, loopElements } from './loopLosses';
import { closeOf, enclosingClass, hasParameterNamed, lookUpName, MODULE_SCOPE, parametersOf, readDotted, type Binding, type PythonModule } from './pythonModule';
import { calledDefinition, readsParameter, returnedValues, type ReturnedValue } from './returnedValues';
import { moduleSelfReceiverEnd } from './moduleSelfCalls';
import { namedLossClass, type NamedClass } from './lossClasses';
import { headOfToken, isKeywordArgumentName, isName, isOp, NAME, tokenText } from './pythonScanner';
import { nameTokensSpelled } from './spelledTokens';
import type { UserCallable, UserLosses } from './userLosses';

/*
 * Losses used as values: a name or `self.x` bound to a loss and called later (`criterion =
 * nn.CrossEntropyLoss(weight=w)` then `criterion(out, y)`), a loss function stored in a variable,
 * `functools.partial(f, ...)`, and function transforms that keep what f computes (`jax.jit(f)`,
 * `jax.vmap(f)`, chex's variant, `torch.compile(f)`), also called in place.
 */

/** Calls that return a function computing what their argument computes: jax's jit / vmap / pmap, chex's variant, torch.compile. */
export const FUNCTION_TRANSFORMS: ReadonlySet<string> = new Set(['jit', 'vmap', 'pmap', 'variant', 'compile', 'remat', 'checkpoint']);

/** A loss a call may reach: a catalog API or the user's own. */
export type LossTarget = { readonly entry?: CatalogEntry; readonly user?: UserCallable };
/** Builds the call of `target` with `args` written at `offset` in `scope`. */
export type TargetCall = (target: LossTarget, args: readonly Argument[], site: CallSite, scope: number, offset: number) => LossCall;

/** How a name used as a loss got its loss: an object built from a class, a function, or a functools.partial of one. */
type BoundHow = 'instance' | 'reference' | 'partial';

interface BoundLoss extends LossTarget {
  readonly how: BoundHow;
  /** The construction's arguments (instance), or the partial's (partial); none for a reference. */
  readonly preset: readonly Argument[];
  readonly offset: number;
  /** Set when the loss reaches `self.x` through a constructor parameter (`Cls.__init__`'s `loss`): its class and name. */
  readonly parameter?: { readonly owner: string; readonly name: string };
  /** Set when the loss reaches a function's parameter through the file's calls of the function. */
  readonly passedTo?: FunctionParameter;
  /** Set when the name is a `for` loop's variable taking each loss of a list in turn: the `for` token. */
  readonly loop?: number;
}

export class BoundLosses {
  /**
   * Names and self attributes bound to a loss somewhere in the file (a candidate for `criterion(out, y)`):
   * all of them once the whole file is searched, else each name looked at so far.
   */
  private valueNames: Set<string> | undefined;
  private readonly valueNameChecked = new Map<string, boolean>();
  /** A function parameter called as a loss, by use scope and name: what the file's calls pass (undefined: not certain). */
  private readonly parameterChecked = new Map<string, BoundLoss[] | undefined>();
  /** Whether a def of the file (by scope index) may return a loss, once per def. */
  private readonly returnsLossChecked = new Map<number, boolean>();

  constructor(
    private readonly file: PythonFile,
    private readonly mapper: ArgumentMapper,
    private readonly users: UserLosses,
    private readonly catalog: CatalogLookup,
    private readonly targetCall: TargetCall,
    private readonly importers?: { readonly sources: () => readonly ImporterSource[]; readonly findCalls: (text: string) => readonly LossCall[] },
  ) {}

  /** What importing files pass to a parameter of a module-level function the file never calls, by def scope and name. */
  private readonly importedChecked = new Map<string, LossCall | undefined>();

  /** Whether `name` (or `self.name`) is bound to a loss somewhere in the file. */
  isValueName(name: string): boolean {
    if (this.valueNames) return this.valueNames.has(name);
    let known = this.valueNameChecked.get(name);
    if (known === undefined) {
      const bindsLoss = (bindings: readonly Binding[] | undefined) => bindings !== undefined && bindings.some((binding) => this.mayBindLoss(binding));
      const module = this.file.module;
      known = [...scopesMentioning(module, name)].some((s) => bindsLoss(module.scope(s).names.get(name)) || bindsLoss(module.scope(s).selfAttributes.get(name)));
      this.valueNameChecked.set(name, known);
    }
    return known;
  }

  /** Every name bound to a loss, read once for a search of the whole file. */
  allValueNames(): Set<string> {
    if (!this.valueNames) {
      const names = new Set<string>();
      // (A name found in one scope is not read again in the others: `loss`, `out` are bound in most defs.)
      for (const [name, bindings] of allBindings(this.file.module)) if (!names.has(name) && bindings.some((binding) => this.mayBindLoss(binding))) names.add(name);
      this.valueNames = names;
    }
    return this.valueNames;
  }

  /**
   * `criterion(out, y)`, `self.loss_fn(x, t)`: a call of a name bound to a loss, with the values from
   * where it was bound. A name that may hold one of several losses (if / else branches, a constructor
   * parameter's default and what the file passes) is a call of their API when they all agree on it.
   */
  boundCallAt(segments: readonly string[], site: CallSite, args: () => Argument[], scope: number, offset: number): LazyLossCall | undefined {
    // `criterion.forward(out, y)`: a loss module's forward is what calling the module runs.
    if (segments.length >= 2 && segments[segments.length - 1] === 'forward') return this.boundCallOf(segments.slice(0, -1), site, args, scope, offset, true);
    return this.boundCallOf(segments, site, args, scope, offset, false);
  }

  private boundCallOf(segments: readonly string[], site: CallSite, args: () => Argument[], scope: number, offset: number, instanceOnly: boolean): LazyLossCall | undefined {
    const { file } = this;
    const name = segments[segments.length - 1]!;
    if (segments.length === 1 && !instanceOnly && this.isParameterLoss(name, scope) && !this.parameterLosses(name, scope)) {
      const imported = this.importedParameterCall(name, scope);
      return imported && atSite(imported, site);
    }
    const found = segments.length === 1 && this.isParameterLoss(name, scope) ? this.parameterLosses(name, scope)! : this.valueLosses(segments, scope, offset);
    if (!found && !instanceOnly && segments.length === 2 && segments[0] === 'self') {
      const binding = bindingsOfSelf(file.module, name, scope);
      const imported = binding?.length === 1 ? this.importedAttributeCall(binding[0]!) : undefined;
      if (imported) return atSite(imported, site);
    }
    // One construction reached along several paths (a function called from two places that both pass
    // the same `criterion`) is one candidate: otherwise the hover says "line 248 or line 248".
    const candidates = found?.filter((bound, i) => found.findIndex((other) => other.offset === bound.offset) === i);
    const one = candidates?.[0];
    if (!candidates || !one || candidates.some((c) => c.how !== one.how || c.entry !== one.entry || c.user !== one.user)) return undefined;
    if (instanceOnly && one.how !== 'instance') return undefined;
    // `crit.reduction = 'none'` after the construction: the call does not get the construction's value.
    if (one.how === 'instance' && one.entry && storesParameter(file.module, segments, one.entry.params.map((p) => p.name), scope)) return undefined;
    return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => {
      const written = args();
      const first = written.find((arg) => arg.keyword === '' && arg.star === '');
      const calls = candidates.map((bound) => {
        // An object is called with (prediction, target): the construction holds its parameters, unless its class
        // takes them in forward (then the call's own arguments are forward's).
        const callArgs = bound.how === 'instance' ? (bound.user?.calledAs === 'instance' ? written : bound.preset) : [...bound.preset, ...written];
        const withPrediction: CallSite = bound.how === 'instance' && first ? { ...site, predictionText: file.source(first.from, first.to) } : site;
        return this.targetCall(bound, callArgs, withPrediction, scope, offset);
      });
      const lines = candidates.map((bound) => file.resolvedOrigin(bound.offset));
      // The lazy call must be a call: candidates of one entry give one API, so the merge holds.
      const passedTo = candidates.find((bound) => bound.passedTo)?.passedTo;
      const loop = one.loop;
      const merged = calls.length === 1 ? calls[0]! : (mergeBranchCalls(calls, lines, passedTo ? 'calls' : loop !== undefined ? 'list' : 'branches') ?? calls[0]!);
      // A constructor parameter: other files may construct the class with another loss.
      const parameter = candidates.find((bound) => bound.parameter)?.parameter;
      const caveats = parameter
        ? [...merged.caveats, msg('{0}\'s parameter {1} as this file constructs it: another file may pass another loss.', parameter.owner, parameter.name)]
        : passedTo
          ? [...merged.caveats, msg('The loss this file\'s calls of {0} pass as {1}: a call in another file may pass another.', passedTo.function, passedTo.parameter)]
          : merged.caveats;
      const loopLine = loop !== undefined ? { loop: file.resolvedOrigin(file.tokens.startAt(loop)) } : {};
      return { ...merged, caveats, builtAt: calls.length === 1 ? { line: lines[0]!, how: one.how, ...loopLine } : { line: lines[0]!, how: one.how, alsoAt: lines.slice(1), ...loopLine } };
    });
  }

  /** The losses a name or `self.x` bound in the file may hold (every binding a loss), else undefined. */
  private valueLosses(segments: readonly string[], scope: number, offset: number): BoundLoss[] | undefined {
    const { module } = this.file;
    const name = segments[segments.length - 1]!;
    if (!(segments.length === 1 || (segments.length === 2 && segments[0] === 'self')) || !this.isValueName(name)) return undefined;
    const bindings = segments.length === 1 ? bindingsOfName(module, name, scope, offset) : bindingsOfSelf(module, name, scope);
    if (!bindings) return undefined;
    // `for crit, out, y in zip([...losses], outs, ys): crit(out, y)`: each loss of the list in turn.
    if (segments.length === 1 && bindings.length === 1 && bindings[0]!.from < 0) {
      const loop = loopElements(module, bindings[0]!);
      if (!loop || !inLoopBody(module, loop.loop, offset)) return undefined;
      return this.candidateLosses(loop.elements, { loop: loop.loop });
    }
    const candidates: BoundLoss[] = [];
    for (const binding of bindings) {
      const bound = this.boundLosses(binding);
      if (!bound) return undefined;
      // One object reached twice (`criterion = criterion.cuda()` after its construction) is one candidate.
      candidates.push(...bound.filter((loss) => !candidates.some((other) => other.offset === loss.offset && other.how === loss.how)));
    }
    return candidates;
  }

  /**
   * Whether `name` called in `scope` is a parameter of its function that every call of the function in
   * the file passes a loss (functionParameterLosses.ts). Cheap for most names: only a parameter of an
   * enclosing function is looked at.
   */
  isParameterLoss(name: string, scope: number): boolean {
    const { module } = this.file;
    // Only functions' parameters count, and a name used in a method (or a function nested in one) reaches
    // no function's parameter but the method's: stop at the first method.
    for (let s = scope; s >= 0; ) {
      const current = module.scope(s);
      if (current.kind !== 'def' || module.scope(current.parent).kind === 'class') return false;
      if (hasParameterNamed(module.tokens, current, [name])) return this.parameterLosses(name, scope) !== undefined || this.importedParameterCall(name, scope) !== undefined;
      s = current.parent;
    }
    return false;
  }

  /**
   * `self.criterion = criterion` in `__init__` of a module-level class the file never uses: what the files importing
   * it pass to that parameter when they construct it (importerLosses.ts); undefined when none or not certain.
   */
  private importedAttributeCall(binding: Binding): LossCall | undefined {
    if (!this.importers || binding.from < 0 || binding.to !== binding.from + 1) return undefined;
    const { module } = this.file;
    const { tokens } = module;
    const init = module.scope(binding.scope);
    if (init.kind !== 'def' || init.name !== '__init__' || init.parent < 0) return undefined;
    const owner = module.scope(init.parent);
    if (owner.kind !== 'class' || owner.parent !== MODULE_SCOPE || tokens.kind[binding.from] !== NAME) return undefined;
    const params = parametersOf(tokens, init);
    const param = params.find((p) => p.name === tokenText(tokens, binding.from));
    if (!param || param.star !== '' || params[0] === param) return undefined;
    // The parameter is stored as it is: no other binding of its name in `__init__` (`criterion = criterion or X()`).
    if (init.names.has(param.name)) return undefined;
    const key = `${binding.scope}\u0000${binding.offset}`;
    if (this.importedChecked.has(key)) return this.importedChecked.get(key);
    this.importedChecked.set(key, undefined);
    const call = usesOf(module, owner.name, owner.offset).length === 0 ? importedArgumentCall(owner.name, param.name, params.indexOf(param) - 1, param.keywordOnly, this.importers.sources(), this.importers.findCalls)?.call : undefined;
    this.importedChecked.set(key, call);
    return call;
  }

  /**
   * The loss the files importing this one pass to the parameter `name` (called in `scope`) of a module-level
   * function the file itself never calls (importerLosses.ts); undefined when there is none or it is not certain.
   */
  private importedParameterCall(name: string, scope: number): LossCall | undefined {
    if (!this.importers) return undefined;
    const { module } = this.file;
    const found = lookUpName(module, name, scope);
    if (!found || !('parameter' in found) || found.parameter.star !== '') return undefined;
    const fn = module.scope(found.scope);
    if (fn.kind !== 'def' || fn.parent !== MODULE_SCOPE) return undefined;
    const key = `${found.scope}\u0000${name}`;
    if (this.importedChecked.has(key)) return this.importedChecked.get(key);
    this.importedChecked.set(key, undefined);
    // Any use of the function in this file (a call, a reference) is this file's question, answered above.
    const uses = usesOf(module, fn.name, fn.offset);
    const index = parametersOf(module.tokens, fn).indexOf(found.parameter);
    const call = uses.length === 0
      ? importedArgumentCall(fn.name, name, index, found.parameter.keywordOnly, this.importers.sources(), this.importers.findCalls)?.call
      : this.passedOnFromImporters(uses, name, index, found.parameter.keywordOnly, found.scope);
    this.importedChecked.set(key, call);
    return call;
  }

  /**
   * `def train(model, loader, criterion)` calling `validate(model, loader, criterion)` with its own parameter, and only
   * another file calling `train` (udacity's fc_model.py): what those files pass to `train` is what `validate` gets.
   * Every use of the function must be such a call, all of one construction; undefined otherwise.
   */
  private passedOnFromImporters(uses: readonly number[], name: string, index: number, keywordOnly: boolean, fnScope: number): LossCall | undefined {
    const { module } = this.file;
    const { tokens } = module;
    let first: LossCall | undefined;
    for (const k of uses) {
      if (!isOp(tokens, k + 1, '(')) return undefined;
      const args = this.mapper.read(k + 2, closeOf(tokens, k + 1));
      if (args.some((arg) => arg.star !== '')) return undefined;
      const given = args.find((arg) => arg.keyword === name) ?? (keywordOnly ? undefined : args.filter((arg) => arg.keyword === '')[index]);
      if (!given || given.to !== given.from + 1 || tokens.kind[given.from] !== NAME) return undefined;
      const siteScope = module.headScope[headOfToken(tokens, k)] ?? MODULE_SCOPE;
      const passed = lookUpName(module, this.file.text(given.from), siteScope);
      if (!passed || !('parameter' in passed) || passed.scope === fnScope) return undefined;
      const call = this.importedParameterCall(this.file.text(given.from), siteScope);
      if (!call || (first && (call.api !== first.api || JSON.stringify(call.builtAt) !== JSON.stringify(first.builtAt)))) return undefined;
      first ??= call;
    }
    return first;
  }

  /** The losses the function parameter `name` (called in `scope`) may hold, once per scope and name. */
  private parameterLosses(name: string, scope: number): BoundLoss[] | undefined {
    const key = `${scope}\u0000${name}`;
    if (this.parameterChecked.has(key)) return this.parameterChecked.get(key);
    // Set first: a function that passes its own parameter to itself asks again.
    this.parameterChecked.set(key, undefined);
    const found = functionParameterCandidates(this.file.module, this.mapper, name, scope);
    const losses = found && this.candidateLosses(found.candidates, { passedTo: found.owner });
    this.parameterChecked.set(key, losses);
    return losses;
  }

  /** Every parameter name of the file's functions: those a call may be of (a cheap filter before isParameterLoss). */
  parameterNames(): string[] {
    const { module } = this.file;
    const names: string[] = [];
    for (const index of module.definitions.values()) {
      const scope = module.scope(index);
      if (scope.kind === 'def') for (const param of parametersOf(module.tokens, scope)) names.push(param.name);
    }
    return names;
  }

  /** `jax.jit(optax.sigmoid_focal_loss)(logits, labels)`: a transformed loss called in place (token `k` is the transform's name). */
  transformedCallAt(k: number, first: number, close: number, scope: number): LazyLossCall | undefined {
    const { file, mapper } = this;
    const { tokens } = file;
    if (!isOp(tokens, close + 1, '(')) return undefined;
    const [fn] = mapper.read(k + 2, close);
    if (!fn || fn.keyword !== '' || fn.star !== '') return undefined;
    const loss = this.lossExpression(first, close + 1, undefined, scope, tokens.startAt(k), 0);
    if (!loss || loss.how === 'instance') return undefined;
    const outerClose = closeOf(tokens, close + 1);
    const site: CallSite = {
      callee: file.source(first, close + 1).replace(/\s+/g, ' '),
      start: tokens.startAt(first) - file.base,
      end: file.endOf(outerClose) - file.base,
      nameStart: tokens.startAt(fn.from) - file.base,
      nameEnd: tokens.endAt(fn.to - 1) - file.base,
    };
    return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => {
      return this.targetCall(loss, [...loss.preset, ...mapper.read(close + 2, outerClose)], site, scope, tokens.startAt(k));
    });
  }

  /**
   * Whether a binding's value starts with a loss, a user's loss or functools.partial: cheap, before any
   * call is built. `self.loss = loss` (or `loss or X()`) in `__init__` looks at the parameter's default,
   * the fallback and the parameter's own assignments.
   */
  private mayBindLoss(binding: Binding, depth = 0): boolean {
    // A `for` target: what it takes from a list of losses (loopLosses.ts).
    if (binding.from < 0) return depth === 0 && (loopElements(this.file.module, binding)?.elements.some((element) => this.mayBindLoss(element, 1)) ?? false);
    const { tokens, module } = this.file;
    const [dotted, after] = readDotted(tokens, binding.from, binding.to);
    const last = dotted.slice(dotted.lastIndexOf('.') + 1);
    if (last !== '' && (KNOWN_NAMES.has(last) || last === 'load' || this.catalog.importedApis.has(last) || this.users.user(last) !== undefined || (dotted.includes('.') && this.users.user(dotted) !== undefined) || last === 'partial' || FUNCTION_TRANSFORMS.has(last))) return true;
    const scope = module.scope(binding.scope);
    if (depth === 0 && dotted !== '' && isOp(tokens, after, '(') && this.returnsLoss(dotted.split('.'), binding.scope)) return true;
    if (depth === 0 && dotted !== '' && isOp(tokens, after, '(') && this.heldClass(binding.from, after, binding.scope, binding.offset, undefined)) return true;
    if (depth > 0 || scope.name !== '__init__' || dotted === '' || dotted.includes('.')) return false;
    if (after < binding.to && isName(tokens, after, 'or')) return this.mayBindLoss({ ...binding, from: after + 1 }, 1);
    const param = parametersOf(tokens, scope).find((p) => p.name === dotted);
    if (!param) return false;
    if (param.from >= 0 && this.mayBindLoss({ ...binding, from: param.from, to: param.to }, 1)) return true;
    if ((scope.names.get(dotted) ?? []).some((b) => this.mayBindLoss(b, 1))) return true;
    // No loss in the definition (`def __init__(self, model, criterion)`, `focal_loss_fn=None`): what the file's
    // constructions of the class pass (`Trainer(net, nn.BCEWithLogitsLoss())`).
    if (initParameterCandidates(module, this.mapper, binding)?.some((candidate) => this.mayBindLoss(candidate, 1))) return true;
    // Nor in the file's constructions: what the files importing it pass (a script building `Train(model, loader, optim, criterion)`).
    return this.importedAttributeCall(binding) !== undefined;
  }

  /** Whether a call of `segments` in `scope` reaches a def of the file that may return a loss (cheap, before any call is built). */
  private returnsLoss(segments: readonly string[], scope: number): boolean {
    const { module, tokens } = this.file;
    const index = calledDefinition(module, segments, scope);
    if (index === undefined) return false;
    let known = this.returnsLossChecked.get(index);
    if (known === undefined) {
      const fn = module.scope(index);
      const mayBe = (value: ReturnedValue) =>
        this.mayBindLoss(value, 1) || (value.to === value.from + 1 && tokens.kind[value.from] === NAME && (fn.names.get(tokenText(tokens, value.from)) ?? []).some((b) => this.mayBindLoss(b, 1)));
      known = returnedValues(module, index)?.some(mayBe) ?? false;
      this.returnsLossChecked.set(index, known);
    }
    return known;
  }

  /**
   * What a binding makes of a name: `X(...)` of a loss class, a loss function `F.cross_entropy`,
   * `partial(f, ...)`, `jax.jit(f)`; for `self.loss = loss` in `__init__`, every loss the parameter
   * may hold (initParameterLosses.ts). Undefined when any of them is not a loss.
   */
  private boundLosses(binding: Binding): BoundLoss[] | undefined {
    if (binding.from < 0) return undefined;
    const { module } = this.file;
    const candidates = initParameterCandidates(module, this.mapper, binding);
    const init = module.scope(binding.scope);
    const parameter = candidates && init.parent >= 0 ? { owner: module.scope(init.parent).name, name: this.file.text(binding.from) } : undefined;
    return this.candidateLosses(candidates ?? [binding], parameter ? { parameter } : {});
  }

  /** The loss each candidate expression stands for, with `how` it got there; undefined when any is not a loss. */
  private candidateLosses(candidates: readonly Candidate[], reached: Pick<BoundLoss, 'parameter' | 'passedTo' | 'loop'>): BoundLoss[] | undefined {
    const losses: BoundLoss[] = [];
    for (const at of candidates) {
      const bound = { scope: at.scope, offset: at.offset };
      const loss = this.lossExpression(at.from, at.to, bound, at.scope, at.offset, 0);
      if (!loss) return undefined;
      const { builtOffset, ...found } = loss;
      const built = { ...found, offset: builtOffset ?? at.offset, ...reached };
      // `criterion = nn.CrossEntropyLoss()` then `if cuda: criterion = criterion.cuda()`: one object, built once.
      if (!losses.some((other) => other.offset === built.offset && other.how === built.how)) losses.push(built);
    }
    return losses;
  }

  /**
   * The loss an expression [from, to) stands for: a loss function (`F.cross_entropy`, or a name bound
   * to one), `functools.partial(f, ...)`, a transform that keeps what f computes (`jax.jit(f)`,
   * `jax.vmap(f, ...)`, `self.variant(f)`, `torch.compile(f)`), or an object built from a loss class.
   */
  private lossExpression(from: number, to: number, bound: Argument['bound'], scope: number, offset: number, depth: number): BoundExpression | undefined {
    const { tokens, module } = this.file;
    if (depth > 3) return undefined;
    // `nn.CrossEntropyLoss().cuda(args.gpu)`, `criterion.to(device)`: the module itself (moduleSelfCalls.ts).
    const receiverEnd = moduleSelfReceiverEnd(tokens, from, to);
    if (receiverEnd < to) return this.moduleReceiverLoss(from, receiverEnd, bound, scope, offset, depth);
    const [dotted, after] = readDotted(tokens, from, to);
    if (dotted === '') return undefined;
    const segments = dotted.split('.');
    const last = segments[segments.length - 1]!;
    const target = (path: string[]): LossTarget | undefined => {
      const user = this.userNamed(path);
      if (user) return { user };
      const entry = path[0] === 'self' ? undefined : this.catalog.entry(path);
      return entry ? { entry } : undefined;
    };
    if (after === to) {
      const found = target(segments);
      if (found) return isClassName(last) ? undefined : { how: 'reference', ...found, preset: [] };
      // A name bound to a loss function (`loss_fn = partial(...)`, then `jax.jit(loss_fn)`).
      const binding = segments.length === 1 && this.isValueName(last) ? bindingOfName(module, last, scope, offset) : undefined;
      if (!binding || binding.from < 0) return undefined;
      const inner = this.lossExpression(binding.from, binding.to, { scope: binding.scope, offset: binding.offset }, binding.scope, binding.offset, depth + 1);
      return inner && inner.how !== 'instance' ? inner : undefined;
    }
    if (!isOp(tokens, after, '(') || closeOf(tokens, after) !== to - 1) return undefined;
    const written = this.mapper.read(after + 1, to - 1).map((arg) => (bound ? { ...arg, bound } : arg));
    if (this.isPartial(segments) || FUNCTION_TRANSFORMS.has(last)) {
      const [fn, ...rest] = written;
      if (!fn || fn.keyword !== '' || fn.star !== '') return undefined;
      const inner = this.lossExpression(fn.from, fn.to, bound, scope, offset, depth + 1);
      if (!inner || inner.how === 'instance') return undefined;
      // A transform's other arguments (in_axes=, static_argnums=) are its own, not the loss's.
      return this.isPartial(segments) ? { how: 'partial', entry: inner.entry, user: inner.user, preset: [...inner.preset, ...rest] } : inner;
    }
    const found = target(segments);
    if (found) return isClassName(last) ? { how: 'instance', ...found, preset: written } : undefined;
    const hub = last === 'load' ? hubLossOf(this.file, this.catalog, segments, written) : undefined;
    if (hub) return { how: 'instance', entry: hub.entry, preset: hub.args };
    // `self.DEFAULT_LOSS_CLS()`, `criterion()` of a parameter handed a loss class: that class's object.
    const held = this.heldClass(from, after, scope, offset, written);
    if (held) return { how: 'instance', ...held.target, preset: written, ...(held.named.parameter ? { parameter: held.named.parameter } : {}) };
    return this.returnedLoss(segments, scope, depth);
  }

  /**
   * `self.get_criterion()`, `build_loss(cfg)`: the loss a def of the file returns, when every return
   * gives the same loss built at one place (a name returned: each of its bindings there), and none
   * reads the def's parameters (what a caller passes is not followed). Undefined otherwise.
   */
  private returnedLoss(segments: readonly string[], scope: number, depth: number): BoundExpression | undefined {
    const { module } = this.file;
    const index = calledDefinition(module, segments, scope);
    const returns = index === undefined ? undefined : returnedValues(module, index);
    if (!returns) return undefined;
    let one: BoundExpression | undefined;
    for (const value of returns) {
      for (const at of this.returnedExpressions(value) ?? [undefined]) {
        if (!at || readsParameter(module, index!, at.from, at.to)) return undefined;
        const loss = this.lossExpression(at.from, at.to, { scope: at.scope, offset: at.offset }, at.scope, at.offset, depth + 1);
        if (!loss) return undefined;
        const built = { ...loss, builtOffset: loss.builtOffset ?? at.offset };
        if (one && (one.how !== built.how || one.entry !== built.entry || one.user !== built.user || one.builtOffset !== built.builtOffset)) return undefined;
        one ??= built;
      }
    }
    return one;
  }

  /** What a return gives: its expression, or for a bare name every binding of it the return may see. */
  private returnedExpressions(value: ReturnedValue): readonly ReturnedValue[] | undefined {
    const { tokens, module } = this.file;
    if (value.to !== value.from + 1 || tokens.kind[value.from] !== NAME) return [value];
    const name = tokenText(tokens, value.from);
    const found = lookUpName(module, name, value.scope);
    // Not bound in the file: an imported loss function returned as it is.
    if (!found) return [value];
    if (!('bindings' in found)) return undefined;
    const bindings = bindingsOfName(module, name, value.scope, value.offset);
    return bindings && !bindings.some((b) => b.from < 0) ? bindings : undefined;
  }

  /**
   * The loss object a module method returning self is called on: a construction (`nn.BCELoss(w)` of
   * `nn.BCELoss(w).cuda()`), or a bare name bound to one before (`criterion = criterion.cuda()`), then
   * built where that binding builds it. Anything else (a function's loss, `self.x.cuda()`) gives none.
   */
  private moduleReceiverLoss(from: number, to: number, bound: Argument['bound'], scope: number, offset: number, depth: number): BoundExpression | undefined {
    const { tokens, module } = this.file;
    if (to === from + 1 && tokens.kind[from] === NAME) {
      const name = tokenText(tokens, from);
      const binding = this.isValueName(name) ? bindingOfName(module, name, scope, offset) : undefined;
      if (!binding || binding.from < 0 || binding.offset >= offset) return undefined;
      const inner = this.lossExpression(binding.from, binding.to, { scope: binding.scope, offset: binding.offset }, binding.scope, binding.offset, depth + 1);
      return inner?.how === 'instance' ? { ...inner, builtOffset: inner.builtOffset ?? binding.offset } : undefined;
    }
    const inner = this.lossExpression(from, to, bound, scope, offset, depth + 1);
    return inner?.how === 'instance' ? inner : undefined;
  }

  /**
   * The loss class the callee [from, to) holds (lossClasses.ts), when a call of it builds that class's
   * object: no argument by position (`criterion(outputs, labels)` of a name holding the class would
   * build a loss with the prediction as its weight, a bug the hover does not describe as a loss).
   */
  private heldClass(from: number, to: number, scope: number, offset: number, written: readonly Argument[] | undefined): { readonly target: LossTarget; readonly named: NamedClass } | undefined {
    const { module } = this.file;
    const [dotted, after] = readDotted(module.tokens, from, to);
    const segments = dotted.split('.');
    // Cheap first: a name, `self.X` or `Cls.X` of a class of the file (not `torch.cat(...)`).
    if (dotted === '' || after !== to || segments.length > 2 || (segments.length === 2 && segments[0] !== 'self' && module.scope(module.definitions.get(segments[0]!) ?? 0).kind !== 'class')) return undefined;
    if (written?.some((arg) => arg.keyword === '' || arg.star !== '') || !this.mayHoldClass(segments, scope)) return undefined;
    const named = namedLossClass(module, this.mapper, from, to, scope, offset, (path) => this.classTarget(path) !== undefined);
    const target = named && this.classTarget(named.path);
    return named && target ? { target, named } : undefined;
  }

  /**
   * A cheap look before namedLossClass (every binding of the file that is a call asks): a parameter of the
   * def the call is in, or a name / `self.X` / `Cls.X` some binding of which is a CapWords dotted name, not called.
   */
  private mayHoldClass(segments: readonly string[], scope: number): boolean {
    const { module } = this.file;
    const { tokens } = module;
    const last = segments[segments.length - 1]!;
    const classValue = (bindings: readonly Binding[] | undefined) =>
      bindings !== undefined && bindings.some((b) => {
        if (b.from < 0) return false;
        const [dotted, after] = readDotted(tokens, b.from, b.to);
        return after === b.to && /^[A-Z]/.test(dotted.slice(dotted.lastIndexOf('.') + 1));
      });
    if (segments.length === 1) {
      for (let s = scope; s >= 0; s = module.scope(s).parent) {
        const current = module.scope(s);
        if (current.kind === 'def' && hasParameterNamed(tokens, current, [last])) return true;
        if (classValue(current.names.get(last))) return true;
      }
      return false;
    }
    const owner = segments[0] === 'self' ? enclosingClass(module, scope) : (module.definitions.get(segments[0]!) ?? -1);
    if (owner < 0) return false;
    const cls = module.scope(owner);
    return classValue(cls.names.get(last)) || classValue(cls.selfAttributes.get(last));
  }

  /** The user's loss a path names: `FocalLoss`, or `losses.FocalLoss` of a workspace module imported whole (`import losses`). */
  private userNamed(path: readonly string[]): UserCallable | undefined {
    if (path.length === 1) return this.users.user(path[0]!);
    return path.length === 2 && path[0] !== 'self' ? this.users.user(path.join('.')) : undefined;
  }

  /** The catalog's or the user's loss class a path names. */
  private classTarget(path: readonly string[]): LossTarget | undefined {
    const user = this.userNamed(path);
    if (user) return { user };
    const entry = this.catalog.entry([...path]);
    return entry ? { entry } : undefined;
  }

  /** Whether `name(...)` in `scope` may build a class a parameter of the enclosing def is handed (a cheap filter before classConstructionAt). */
  isParameterName(name: string, scope: number): boolean {
    const current = this.file.module.scope(scope);
    return current.kind === 'def' && hasParameterNamed(this.file.module.tokens, current, [name]);
  }

  /**
   * `self.DEFAULT_LOSS_CLS()`, `criterion()` (a parameter handed `TrainConfig.criterion`): a construction
   * of the loss class the callee holds, with this call's arguments; where the class is named is said.
   * `first`..`open` are the callee's tokens.
   */
  classConstructionAt(first: number, open: number, site: CallSite, args: () => Argument[], scope: number, offset: number): LazyLossCall | undefined {
    const { file } = this;
    const written = args();
    const held = this.heldClass(first, open, scope, offset, written);
    if (!held) return undefined;
    return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => {
      const call = this.targetCall(held.target, written, site, scope, offset);
      const parameter = held.named.parameter;
      const caveats = parameter ? [...call.caveats, msg('{0}\'s parameter {1} as this file passes it: another file may pass another class.', parameter.owner, parameter.name)] : call.caveats;
      return { ...call, caveats, builtAt: { line: file.resolvedOrigin(held.named.offset), how: 'class' } };
    });
  }

  private isPartial(segments: readonly string[]): boolean {
    const qualified = [this.file.module.imports.get(segments[0]!) ?? segments[0]!, ...segments.slice(1)].join('.');
    return qualified === 'functools.partial';
  }
}

/** A loss an expression stands for; `builtOffset` when the object was built by another binding (`criterion = criterion.cuda()`). */
type BoundExpression = Omit<BoundLoss, 'offset'> & { readonly builtOffset?: number };

/** Python's convention: classes are CapWords, functions lower_case. */
function isClassName(name: string): boolean {
  return /^[A-Z]/.test(name);
}

/**
 * The scopes that can bind `name` or `self.name`: a binding's name is a NAME token spelled `name`
 * on a line of the scope it binds in (a `self.` attribute: of a method of the class), so the scopes
 * of the lines holding such a token, and their classes, hold every binding. The tokens come from
 * the text's name index (spelledTokens.ts): the cost of the name's occurrences, not of the file,
 * instead of reading what every scope of the file binds (after an edit, most scopes have read nothing).
 */
function scopesMentioning(module: PythonModule, name: string): Set<number> {
  const { tokens, headScope } = module;
  const scopes = new Set<number>();
  let lastHead = -1;
  for (const k of nameTokensSpelled(tokens, [name])) {
    const head = headOfToken(tokens, k);
    if (head < 0 || head === lastHead) continue;
    lastHead = head;
    const scope = headScope[head]!;
    scopes.add(scope);
    const owner = enclosingClass(module, scope);
    if (owner >= 0) scopes.add(owner);
  }
  return scopes;
}

/**
 * The tokens that use the definition named `name` (whose name starts at `offset`) in the file: every NAME spelled so,
 * but the definition itself, an attribute of something else (`model.train()`) and a keyword argument's name.
 */
function usesOf(module: PythonModule, name: string, offset: number): number[] {
  const { tokens } = module;
  return nameTokensSpelled(tokens, [name]).filter((k) => tokens.startAt(k) !== offset && !isOp(tokens, k - 1, '.') && !isKeywordArgumentName(tokens, k));
}

/** A call another file's reading found (importerLosses.ts), placed at this call site. */
function atSite(call: LossCall, site: CallSite): LazyLossCall {
  return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => ({ ...call, callee: site.callee, start: site.start, end: site.end, nameStart: site.nameStart, nameEnd: site.nameEnd }));
}
