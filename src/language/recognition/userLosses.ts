import { BY_PATH, type ParamSpec } from './catalog';
import type { Argument, ArgumentMapper } from './argumentMapping';
import type { InputsKind, LossCall, ParamValue, ValueOrigin } from './lossCall';
import { buildUserCall, UNRESOLVED, type CallSite } from './lossCallBuilder';
import { dataclassParameters } from './dataclassLoss';
import { isLikelyLoss, userLossModel, type UserLossModel } from './lossEvidence';
import type { PythonFile } from './pythonFile';
import { enclosingClass, hasParameterNamed, parametersOf, type Parameter, type PythonModule } from './pythonModule';
import { classKeyword, decoratorsBefore } from './decorators';
import { headOfToken, isName, isOp, lineOf, lineStarts, NAME } from './pythonScanner';
import { nameTokensSpelled } from './spelledTokens';
import { bodyRange } from './userLossBody';
import { importedModule, type ImportedHome } from './importedModules';
import { importedWrapperOf, type ImportedWrapper } from './importedWrappers';
import { moduleSeenFrom } from './moduleNames';
import type { ImporterSource } from './importerLosses';
import { Evaluator, type Known } from './values';

/*
 * The user's own losses: functions and classes with alpha/gamma parameters that are evidently a CE
 * or focal loss, defined in this file or in another file of the workspace that this file imports
 * (`from losses import FocalLoss`, `from losses import *`, `import losses` then `losses.FocalLoss`).
 * A call of one maps its arguments by the definition's own signature and defaults.
 */

/** A user's own callable: a function, or a class whose __init__ takes alpha/gamma. */
export interface UserCallable {
  readonly name: string;
  readonly params: readonly Parameter[];
  readonly scope: number;
  readonly offset: number;
  /** The def or class scope itself (a class's body includes its methods). */
  readonly definition: number;
  /** Another file of the workspace the definition is imported from (`from losses import FocalLoss`); absent: this file. */
  readonly home?: ImportedHome;
  /**
   * 'instance': a class whose `forward` (not its __init__) takes alpha and gamma (the Kaggle loss library's
   * `def forward(self, inputs, targets, alpha=ALPHA, gamma=GAMMA, smooth=1)`): `params` are forward's, so a call of
   * an instance maps its own arguments, and the construction itself is no loss call.
   */
  readonly calledAs?: 'instance';
}

export type { ImportedHome } from './importedModules';

/**
 * Other files of the workspace, by the module name this file imports them as ('losses',
 * '.losses', 'utils.losses'): their text, a short name to say where a value came from, and what
 * finds the file again (the editor's URI string, the CLI's path) for a place the lint points to there.
 */
export interface ImportedSources {
  get(module: string): { readonly text: string; readonly file: string; readonly uri?: string } | undefined;
  /**
   * The dotted package the document itself belongs to, when it is inside a library's source
   * ('torchvision.models.detection' for .../torchvision/models/detection/retinanet.py), so its
   * relative imports (`from ...ops import sigmoid_focal_loss`) name the library's APIs.
   */
  readonly package?: string;
  /**
   * The files beside the document that import it (a script calling its training function with the loss
   * it builds): read only when a call of the document needs them (importerLosses.ts).
   */
  importers?(): readonly ImporterSource[];
}

/** Imported modules are read only this far: a loss module is small, a huge one is not worth the time. */
const MAX_IMPORTED_LENGTH = 1_000_000;

/** The user's losses a file can call: its own definitions (each read on first use) and imported ones. */
export class UserLosses {
  /** The user's losses defined in other files of the workspace, by the name this file calls them. */
  private readonly importedUsers = new Map<string, UserCallable>();
  /** Wrappers of a library loss defined in other files of the workspace, by the name this file calls them (importedWrappers.ts). */
  private readonly importedWrappers = new Map<string, ImportedWrapper>();
  /** This file's own definitions read as losses so far (null: not one). */
  private readonly localUsers = new Map<string, UserCallable | null>();
  /** Last names of users reached through a module (`losses.FocalLoss`): candidates in the scan. */
  readonly qualifiedNames = new Set<string>();
  private readonly homes = new Map<string, ImportedHome | null>();
  /** The file's methods read as losses so far, by scope index (null: not one). */
  private readonly methodUsers = new Map<number, UserCallable | null>();
  private methodNameSet: Set<string> | undefined;

  constructor(private readonly module: PythonModule, private readonly imported?: ImportedSources) {
    if (imported) this.addImportedUsers();
  }

  /** The user's loss `name` (or `module.Name`) calls: this file's definition first, else an imported one. */
  user(name: string): UserCallable | undefined {
    if (!this.module.definitions.has(name)) return this.importedUsers.get(name);
    let user = this.localUsers.get(name);
    if (user === undefined) this.localUsers.set(name, (user = userCallableOf(this.module, name) ?? null));
    return user ?? undefined;
  }

  /**
   * The user's loss written as a method of the class enclosing `scope` and called as `self.name(...)`:
   * `def sigmoid_focal_loss(self, inputs, targets, alpha=0.25, gamma=2)` in a detection head or a
   * criterion class. Its parameters after `self`, by the same evidence as a function's.
   */
  method(name: string, scope: number): UserCallable | undefined {
    const owner = enclosingClass(this.module, scope);
    const index = owner < 0 ? undefined : this.module.scope(owner).methods.get(name);
    if (index === undefined) return undefined;
    let user = this.methodUsers.get(index);
    if (user === undefined) this.methodUsers.set(index, (user = methodCallableOf(this.module, owner, name, index) ?? null));
    return user ?? undefined;
  }

  /** Names of the file's methods: the candidates for `self.name(...)` losses (a cheap filter before method()). */
  get methodNames(): ReadonlySet<string> {
    if (!this.methodNameSet) {
      this.methodNameSet = new Set();
      for (const scope of this.module.scopes) if (scope.kind === 'def' && scope.parent >= 0 && this.module.scope(scope.parent).kind === 'class') this.methodNameSet.add(scope.name);
    }
    return this.methodNameSet;
  }

  /** The names imported losses are called by in this file. */
  importedNames(): Iterable<string> {
    return this.importedUsers.keys();
  }

  /** The imported wrapper `name` (`LossA`, `losses.loss_fn`) is, if any. */
  importedWrapper(name: string): ImportedWrapper | undefined {
    return this.importedWrappers.size === 0 ? undefined : this.importedWrappers.get(name);
  }

  /** The last names of imported wrappers (candidates in the scan; names bound to their objects are the caller's to add). */
  importedWrapperNames(): string[] {
    return [...this.importedWrappers.keys()].map((name) => name.slice(name.lastIndexOf('.') + 1));
  }

  /** Another file of the workspace by its module name, read once per find; null when not available. */
  homeFor(name: string): ImportedHome | null {
    if (!this.imported) return null;
    let home = this.homes.get(name);
    if (home === undefined) {
      const source = this.imported.get(name);
      home = source && source.text.length <= MAX_IMPORTED_LENGTH ? homeOf(source.text, source.file) : null;
      this.homes.set(name, home);
    }
    return home;
  }

  /**
   * The constant `name` bound once at the top level of the workspace module `module` (a config module's
   * `FL_GAMMA = 2.0`), read with that module's own evaluator (which reads no further file), with its line there.
   */
  importedConstant(module: string, name: string): Known | undefined {
    const home = this.homeFor(module);
    const bindings = home?.module.scope(0).names.get(name);
    if (!home || !bindings || bindings.length !== 1 || bindings[0]!.from < 0) return undefined;
    const binding = bindings[0]!;
    const known = home.evaluator.evaluate(binding.from, binding.to, 0, binding.offset);
    if (!known || known.uncalledDefault) return undefined;
    return { value: known.value, resolvedIn: { file: home.file, line: lineOf(home.starts, known.resolvedAt ?? binding.offset) } };
  }

  /**
   * What a name another workspace module re-exports is (`from lib import focal_loss`, or `lib.focal_loss` after
   * `import lib`, where lib.py says `from kornia.losses import focal_loss`): the name that module imports,
   * with the rest of the dotted path after it (`lib.F.cross_entropy` through lib's `import torch.nn.functional
   * as F`), and where that module imports it. Only one level, and only when the module binds the name once,
   * by an import at its top level, and defines or assigns it nowhere else: a name bound twice (a try/except
   * ImportError fallback, a later assignment) or in a block may be something else at run time.
   */
  reexported(qualified: string): { readonly qualified: string; readonly file: string; readonly line: number } | undefined {
    if (!this.imported) return undefined;
    const segments = qualified.split('.');
    // '.lib.focal_loss': the module '.lib' (its leading dots belong to the module's name).
    const dots = /^\.*/.exec(qualified)![0].length;
    if (dots > 0) segments.splice(0, dots + 1, '.'.repeat(dots) + segments[dots]!);
    for (let i = segments.length - 1; i >= 1; i--) {
      const home = this.homeFor(segments.slice(0, i).join('.'));
      if (!home) continue;
      const name = segments[i]!;
      const target = home.module.imports.get(name);
      if (target === undefined || target.startsWith('.') || home.module.definitions.has(name) || home.module.scope(0).names.has(name)) return undefined;
      const binding = onlyTopLevelImportOf(home.module, name);
      if (binding === undefined) return undefined;
      return { qualified: [target, ...segments.slice(i + 1)].join('.'), file: home.file, line: lineOf(home.starts, home.module.tokens.startAt(binding)) };
    }
    return undefined;
  }

  private addImportedUsers(): void {
    for (const [local, qualified] of this.module.imports) {
      if (BY_PATH.has(qualified) || this.importedUsers.has(local) || this.module.definitions.has(local)) continue;
      // `import losses` (or `import utils.losses as L`): every loss the module defines or re-exports, by `local.Name`.
      for (const symbol of this.exportedNames(qualified)) this.addImportedUser(`${local}.${symbol}`, qualified, symbol);
      const dot = qualified.lastIndexOf('.');
      if (dot > 0) this.addImportedUser(local, qualified.slice(0, dot), qualified.slice(dot + 1));
    }
    for (const star of this.module.starImports) {
      for (const symbol of this.exportedNames(star)) if (!this.importedUsers.has(symbol) && !this.module.definitions.has(symbol)) this.addImportedUser(symbol, star, symbol);
    }
  }

  /**
   * The names a workspace module offers its importers: what it defines, and what a package's `__init__.py`
   * re-exports from its own modules (`from .loss import FocalLoss`, `from .focal import *`).
   */
  private exportedNames(moduleName: string): string[] {
    const home = this.homeFor(moduleName);
    if (!home) return [];
    const names = [...home.module.definitions.keys()];
    for (const [local, target] of home.module.imports) if (target.startsWith('.')) names.push(local);
    for (const star of home.module.starImports) {
      const from = star.startsWith('.') ? moduleSeenFrom(moduleName, isPackageFile(home.file), star) : undefined;
      const there = from === undefined ? undefined : this.homeFor(from);
      if (there) names.push(...there.module.definitions.keys());
    }
    return names;
  }

  /**
   * The workspace module that defines `symbol` as `moduleName` offers it: that module, or the module its
   * `__init__.py` (or any module) takes it from by an import bound once at its top level (`from .loss import
   * FocalLoss` in VainF/DeepLabV3Plus-Pytorch utils/__init__.py @ 4e1087d, called as `utils.FocalLoss(...)` in
   * main.py), or by a star import that one module alone answers; a few levels at most.
   */
  private definitionHome(moduleName: string, symbol: string, depth = 0): { readonly home: ImportedHome; readonly symbol: string } | undefined {
    const home = this.homeFor(moduleName);
    if (!home) return undefined;
    if (home.module.definitions.has(symbol)) return { home, symbol };
    if (depth >= MAX_REEXPORT_DEPTH || home.module.scope(0).names.has(symbol)) return undefined;
    const isPackage = isPackageFile(home.file);
    const target = home.module.imports.get(symbol);
    if (target !== undefined) {
      const split = /^(\.+)([^.]+)$/.exec(target) ?? /^(.+)\.([^.]+)$/.exec(target);
      const from = split ? moduleSeenFrom(moduleName, isPackage, split[1]!) : undefined;
      if (!split || from === undefined || onlyTopLevelImportOf(home.module, symbol) === undefined) return undefined;
      return this.definitionHome(from, split[2]!, depth + 1);
    }
    let found: { readonly home: ImportedHome; readonly symbol: string } | undefined;
    for (const star of home.module.starImports) {
      const from = moduleSeenFrom(moduleName, isPackage, star);
      const there = from === undefined ? undefined : this.definitionHome(from, symbol, depth + 1);
      if (!there) continue;
      // Two star imports offering the name: the last one wins at run time, and which is last is not worth the risk.
      if (found) return undefined;
      found = there;
    }
    return found;
  }

  /** One imported definition (`symbol` as `moduleName` offers it), when it is evidently a loss with alpha or gamma, or a wrapper of a library loss: callable here as `local`. */
  private addImportedUser(local: string, moduleName: string, symbol: string): void {
    const found = this.definitionHome(moduleName, symbol);
    if (!found) return;
    const user = userCallableOf(found.home.module, found.symbol, found.home);
    if (user) {
      this.importedUsers.set(local, user);
      if (local.includes('.')) this.qualifiedNames.add(symbol);
      return;
    }
    const wrapper = importedWrapperOf(found.home, found.symbol);
    if (wrapper) this.importedWrappers.set(local, wrapper);
  }
}

/** How many modules a re-exported name is followed through (`utils/__init__.py` -> `utils/loss.py`, and one more). */
const MAX_REEXPORT_DEPTH = 2;

/** Whether a workspace file is a package's `__init__.py` (its relative imports are of the package's own modules). */
function isPackageFile(file: string): boolean {
  return /(?:^|[\\/])__init__\.py$/.test(file);
}

/** The call of the user's loss `user` with `args` written in `file` (mapped by `mapper`) at `site` in `scope`. */
export function userCall(file: PythonFile, mapper: ArgumentMapper, user: UserCallable, args: readonly Argument[], site: CallSite, scope: number): LossCall {
  const specs: ParamSpec[] = user.params.filter((param) => param.star === '').map((param) => (param.from < 0 ? { name: param.name, required: true, keywordOnly: param.keywordOnly } : { name: param.name, default: null, keywordOnly: param.keywordOnly }));
  const values = mapper.map(specs, args, scope, site.start + file.base);
  // Defaults come from the definition, not from the placeholder above.
  const home = user.home;
  const module = home?.module ?? file.module;
  const evaluator = home?.evaluator ?? file.evaluator;
  // A value of the definition's file: "line N" there, with the file's name when it is another one.
  const originIn = (offset: number): ValueOrigin => (home ? { kind: 'resolved', line: lineOf(home.starts, offset), file: home.file } : file.resolvedOrigin(offset));
  for (const param of user.params) {
    const value = values.get(param.name);
    if (!value || value.origin.kind !== 'default' || param.from < 0) continue;
    const text = module.tokens.text.slice(module.tokens.startAt(param.from), module.tokens.endAt(param.to - 1));
    const known = evaluator.evaluate(param.from, param.to, module.scope(user.scope).parent, param.offset);
    // The user's own default: "line N" of its definition, not "library default".
    values.set(param.name, !known ? { value: undefined, origin: UNRESOLVED, text } : { value: known.value, origin: originIn(known.resolvedAt ?? param.offset), text });
  }
  // No alpha of its own, but its body calls another of the file's losses that takes one (a dispatcher such as
  // CB_loss(..., loss_type, beta, gamma) calling focal_loss(labels, logits, weights, gamma)): the alpha is
  // whatever it passes there, not "none".
  const passesAlphaOn = !user.params.some((param) => param.name === 'alpha') && callsLossWithAlpha(module, user);
  if (passesAlphaOn) values.set('alpha', { value: undefined, origin: UNRESOLVED, text: 'what its body passes on' });
  const definitionLine = home ? lineOf(home.starts, user.offset) : user.offset < file.base ? undefined : file.documentLine(user.offset);
  const model = userLossModel(module, user.name, user.definition);
  // The body does not say: what the call passes may (a function's first argument, or what an instance is called with).
  const prediction = site.predictionText ?? (module.scope(user.definition).kind === 'class' ? '' : firstPositional(file, args));
  const flag = fromLogitsFlag(user, values);
  const passed = model.inputs === undefined && !flag ? inputsPassed(prediction) : undefined;
  const inputs = flag ? { ...model, ...flag } : passed ? { ...model, inputs: passed, inputsText: `the call passes ${prediction}` } : model;
  const call = buildUserCall(user.name, definitionLine, site, values, inputs, home?.file, originIn);
  if (!home) return call;
  // Its signature, for the lint: the definition is in another file.
  const number = (name: string) => {
    const param = user.params.find((p) => p.name === name);
    const known = param && param.from >= 0 ? evaluator.evaluate(param.from, param.to, module.scopes[user.scope]!.parent, param.offset) : undefined;
    return typeof known?.value === 'number' ? known.value : undefined;
  };
  const positional = user.params.filter((p) => p.star === '' && !p.keywordOnly).map((p) => p.name);
  return { ...call, signature: { file: home.file, line: lineOf(home.starts, user.offset), positional, alphaDefault: number('alpha'), gammaDefault: number('gamma') } };
}

/**
 * A loss of the user's with a `from_logits` parameter takes what that flag says, whatever its body applies
 * under it (artemmavrin/focal-loss's tests: `if from_logits: y_pred = sigmoid(y_pred)`, called with
 * from_logits=False on probabilities): logits when it is True, probabilities when False, unknown otherwise.
 */
function fromLogitsFlag(user: UserCallable, values: ReadonlyMap<string, ParamValue<unknown>>): Pick<UserLossModel, 'inputs' | 'inputsText' | 'inputsOrigin'> | undefined {
  if (!user.params.some((param) => param.name === 'from_logits' && param.star === '')) return undefined;
  const flag = values.get('from_logits');
  const text = `from_logits=${flag?.text ?? '?'}`;
  if (!flag || typeof flag.value !== 'boolean') return { inputs: undefined, inputsText: text };
  return { inputs: flag.value ? 'logits' : 'probabilities', inputsText: text, inputsOrigin: flag.origin };
}

/** Whether the body of `user` calls another loss of its file that has an alpha parameter. */
function callsLossWithAlpha(module: PythonModule, user: UserCallable): boolean {
  const { tokens } = module;
  const [from, to] = bodyRange(module, user.definition);
  for (let i = from; i + 1 < to; i++) {
    if (tokens.kind[i] !== NAME || !isOp(tokens, i + 1, '(') || isOp(tokens, i - 1, '.')) continue;
    const name = tokens.text.slice(tokens.startAt(i), tokens.endAt(i));
    if (name === user.name || !module.definitions.has(name)) continue;
    if (userCallableOf(module, name)?.params.some((param) => param.name === 'alpha')) return true;
  }
  return false;
}

/** The source of the first positional argument, '' when there is none. */
function firstPositional(file: PythonFile, args: readonly Argument[]): string {
  const first = args.find((arg) => arg.keyword === '' && arg.star === '');
  return first ? file.source(first.from, first.to) : '';
}

/**
 * What a prediction argument is, when its text says so for certain: a model output's `logits`
 * attribute (`outputs.logits`, HuggingFace's), or the output of a sigmoid or softmax (probabilities).
 */
function inputsPassed(prediction: string): InputsKind | undefined {
  const text = prediction.replace(/\s+/g, '');
  if (/^(?:[A-Za-z_]\w*\.)*logits$/.test(text)) return 'logits';
  const call = /^(?:[\w.]+\.)?(?:sigmoid|softmax)\(|\.(?:sigmoid|softmax)\(/.exec(text);
  if (call && closesAtEnd(text, call.index + call[0].length - 1)) return 'probabilities';
  return undefined;
}

/** Whether the bracket opened at `open` closes at the text's last character (the whole text is that call). */
function closesAtEnd(text: string, open: number): boolean {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return i === text.length - 1;
  }
  return false;
}

/**
 * The function or class `name` defined in `module` as a loss the user calls: one whose parameters
 * (a class's __init__'s) include alpha or gamma, and that is evidently a CE or focal loss (alpha and
 * gamma are common names). `home` when the module is another file of the workspace.
 */
function userCallableOf(module: PythonModule, name: string, home?: ImportedHome): UserCallable | undefined {
  const index = module.definitions.get(name);
  if (index === undefined) return undefined;
  const scope = module.scope(index);
  const paramScope = scope.kind === 'class' ? scope.methods.get('__init__') : index;
  // A dataclass without its own __init__: the generated one takes the fields (dataclassLoss.ts).
  if (paramScope === undefined && scope.kind === 'class') return dataclassCallableOf(module, name, index, home) ?? forwardCallableOf(module, name, index, home);
  if (paramScope === undefined || !hasParameterNamed(module.tokens, module.scope(paramScope), ['alpha', 'gamma'])) return scope.kind === 'class' ? forwardCallableOf(module, name, index, home) : undefined;
  if (!isLikelyLoss(module, name, index, hasParameterNamed(module.tokens, module.scope(paramScope), ['gamma']))) return undefined;
  const skipSelf = scope.kind === 'class';
  return { name, get params() { return parametersOf(module.tokens, module.scope(paramScope)).slice(skipSelf ? 1 : 0); }, scope: paramScope, offset: scope.offset, definition: index, ...(home ? { home } : {}) };
}

/**
 * A loss class whose `forward` takes alpha or gamma (and its __init__, if any, neither): called as an instance,
 * `criterion = FocalLoss()` then `criterion(inputs, targets)`, with forward's parameters after `self`. Its
 * __init__ must not keep an alpha or gamma of its own (`self.alpha = ...`), which forward's would not be.
 */
function forwardCallableOf(module: PythonModule, name: string, index: number, home: ImportedHome | undefined): UserCallable | undefined {
  const scope = module.scope(index);
  const forward = scope.methods.get('forward');
  if (forward === undefined || scope.selfAttributes.has('alpha') || scope.selfAttributes.has('gamma')) return undefined;
  const { tokens } = module;
  const method = module.scope(forward);
  if (parametersOf(tokens, method)[0]?.name !== 'self' || !hasParameterNamed(tokens, method, ['alpha', 'gamma'])) return undefined;
  if (!isLikelyLoss(module, name, index, hasParameterNamed(tokens, method, ['gamma']))) return undefined;
  return { name, get params() { return parametersOf(tokens, method).slice(1); }, scope: forward, offset: scope.offset, definition: index, calledAs: 'instance', ...(home ? { home } : {}) };
}

/**
 * The method `name` (scope `index`) of the class `owner` as a loss: its first parameter is `self` (or it
 * is a @staticmethod), the others include alpha or gamma, the name or body says CE or focal loss, and no `self.name = ...`
 * replaces it.
 */
function methodCallableOf(module: PythonModule, owner: number, name: string, index: number): UserCallable | undefined {
  const scope = module.scope(index);
  const { tokens } = module;
  if (module.scope(owner).selfAttributes.has(name) || !hasParameterNamed(tokens, scope, ['alpha', 'gamma'])) return undefined;
  // A @staticmethod takes no self (PaddleDetection's `_focal_loss(score, label, alpha=0.25, gamma=2.0)`).
  const isStatic = decoratorsBefore(tokens, classKeyword(tokens, scope.offset)).some((at) => isName(tokens, at + 1, 'staticmethod'));
  if ((!isStatic && parametersOf(tokens, scope)[0]?.name !== 'self') || !isLikelyLoss(module, name, index, hasParameterNamed(tokens, scope, ['gamma']))) return undefined;
  return { name, get params() { return parametersOf(tokens, scope).slice(isStatic ? 0 : 1); }, scope: index, offset: scope.offset, definition: index };
}

/** A `@dataclass` loss class whose fields include alpha or gamma (its defaults are evaluated where the class is defined). */
function dataclassCallableOf(module: PythonModule, name: string, index: number, home: ImportedHome | undefined): UserCallable | undefined {
  const fields = dataclassParameters(module, index);
  if (!fields || !fields.some((field) => field.name === 'alpha' || field.name === 'gamma') || !isLikelyLoss(module, name, index, fields.some((field) => field.name === 'gamma'))) return undefined;
  return { name, params: fields, scope: index, offset: module.scope(index).offset, definition: index, ...(home ? { home } : {}) };
}

/** An imported module of the workspace, read for its definitions. */
function homeOf(text: string, file: string): ImportedHome {
  const module = importedModule(text);
  return { file, module, evaluator: new Evaluator(module), starts: lineStarts(text) };
}

/**
 * The token that binds `name` by an import, when exactly one import in `module` does and that import is a
 * statement at the top level (indent 0: not under an if, try or def); undefined otherwise.
 */
function onlyTopLevelImportOf(module: PythonModule, name: string): number | undefined {
  const { tokens } = module;
  let found: number | undefined;
  for (const k of nameTokensSpelled(tokens, [name])) {
    const head = headOfToken(tokens, k);
    const first = head < 0 ? -1 : tokens.heads[head]!;
    if (!(isName(tokens, first, 'import') || isName(tokens, first, 'from'))) continue;
    // The name as bound: after `import`, a comma, `(` or `as`, and not renamed by an `as` after it.
    const bound = (isName(tokens, k - 1, 'import') || isOp(tokens, k - 1, ',') || isOp(tokens, k - 1, '(') || isName(tokens, k - 1, 'as')) && !isName(tokens, k + 1, 'as') && !isOp(tokens, k + 1, '.');
    // `from name import x` / `import name.sub`: a module named like it, not a binding of it.
    if (!bound || isName(tokens, k - 1, 'from')) continue;
    if (found !== undefined || tokens.headIndent[head]! !== 0) return undefined;
    found = k;
  }
  return found;
}
