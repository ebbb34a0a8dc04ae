import { BY_PATH, CONVENTIONAL_HEADS, DETECTRON2_DEFAULTS, KNOWN_NAMES, MMDET_CONFIG_TYPES, type CatalogEntry, type ParamSpec } from './catalog';
import { msg } from '../../core';
import type { LazyLossCall, LossCall, ParamValue, ValueOrigin } from './lossCall';
import { buildCatalogCall, buildUserCall, defaultValue, EXPLICIT, isNumber, isNumberOrNull, typed, UNRESOLVED, type CallSite } from './lossCallBuilder';
import { closeOf, hasParameterNamed, MODULE_SCOPE, parametersOf, readDotted, readModule, splitTopLevel, type Binding, type Parameter, type PythonModule } from './pythonModule';
import { END, isName, isOp, lineOf, lineStarts, NAME, NEWLINE, OP, scanPython, STRING, type PythonTokens } from './pythonScanner';
import { Evaluator, pythonString } from './values';
import { isNumberArray } from './arrayValues';
import { ClassCounts, isClassCount } from './classCount';
import { isLikelyLoss, userLossModel } from './lossEvidence';
import { allBindings, bindingOfName, bindingOfSelf } from './lossBindings';
import { baseFilesOf, dictAtPath, dictKeyPath } from './configInheritance';

/*
 * Finding loss calls in Python: calls whose callee resolves (through the file's imports) to a
 * catalog API, calls of the file's own functions/classes with alpha/gamma parameters, mmdet config
 * dicts, and detectron2 config assignments. Arguments are mapped by the library's signature.
 */

/** A user's own callable: a function, or a class whose __init__ takes alpha/gamma. */
interface UserCallable {
  readonly name: string;
  readonly params: readonly Parameter[];
  readonly scope: number;
  readonly offset: number;
  /** The def or class scope itself (a class's body includes its methods). */
  readonly definition: number;
  /** Another file of the workspace the definition is imported from (`from losses import FocalLoss`); absent: this file. */
  readonly home?: ImportedHome;
}

/** A module of the workspace read for the definitions this file imports from it. */
interface ImportedHome {
  readonly file: string;
  readonly module: PythonModule;
  readonly evaluator: Evaluator;
  readonly starts: Int32Array;
}

/**
 * Other files of the workspace, by the module name this file imports them as ('losses',
 * '.losses', 'utils.losses'): their text and a short name to say where a value came from.
 */
export interface ImportedSources {
  get(module: string): { readonly text: string; readonly file: string } | undefined;
  /**
   * The dotted package the document itself belongs to, when it is inside a library's source
   * ('torchvision.models.detection' for .../torchvision/models/detection/retinanet.py), so its
   * relative imports (`from ...ops import sigmoid_focal_loss`) name the library's APIs.
   */
  readonly package?: string;
}

/** Imported modules are read only this far: a loss module is small, a huge one is not worth the time. */
const MAX_IMPORTED_LENGTH = 1_000_000;

/** One written argument: positional, keyword, *args or **kwargs; token range of its value. */
interface Argument {
  readonly keyword: string;
  readonly star: '' | '*' | '**';
  readonly from: number;
  readonly to: number;
  /**
   * For an argument written where the loss was built (`criterion = nn.CrossEntropyLoss(weight=w)`,
   * `partial(sigmoid_focal_loss, gamma=2)`) and used elsewhere: where it is evaluated, and the offset
   * its value is said to come from ("line 12" rather than "written here").
   */
  readonly bound?: { readonly scope: number; readonly offset: number };
}

/** How a name used as a loss got its loss: an object built from a class, a function, or a functools.partial of one. */
type BoundHow = 'instance' | 'reference' | 'partial';

interface BoundLoss {
  readonly how: BoundHow;
  readonly entry?: CatalogEntry;
  readonly user?: UserCallable;
  /** The construction's arguments (instance), or the partial's (partial); none for a reference. */
  readonly preset: readonly Argument[];
  readonly offset: number;
}

/** The loss calls of a Python text: every one, or only those that can contain an offset (what a hover needs). */
export interface PythonLossCalls {
  /** Every loss call, sorted by start; each built on demand. */
  all(): LazyLossCall[];
  /**
   * The calls of the logical line holding `offset`, sorted by start: a call never spans two logical
   * lines, so every call that contains `offset` is among them. Cheap, and the same line is read once.
   */
  near(offset: number): LazyLossCall[];
  /** What the file declares (with the context first): shared with readers that need more than the calls, such as the lint. */
  readonly module: PythonModule;
}

/** The loss calls in `text` (with `context` read for imports and constants); nothing is searched until asked. */
export function findPythonLossCalls(text: string, context?: string, scan: (source: string) => PythonTokens = scanPython, imported?: ImportedSources): PythonLossCalls {
  const base = context ? context.length + 1 : 0;
  const source = context ? `${context}\n${text}` : text;
  const tokens = scan(source);
  const module = readModule(tokens);
  const finder = new CallFinder(module, base, imported);
  return { all: () => finder.find(), near: (offset) => finder.findNear(offset), module };
}

function lazy(start: number, end: number, nameStart: number, nameEnd: number, build: () => LossCall): LazyLossCall {
  let built: LossCall | undefined;
  return { start, end, nameStart, nameEnd, call: () => (built ??= build()) };
}

class CallFinder {
  private readonly tokens: PythonTokens;
  private readonly evaluator: Evaluator;
  /** The user's losses defined in other files of the workspace, by the name this file calls them. */
  private readonly importedUsers = new Map<string, UserCallable>();
  /** This file's own definitions read as losses so far (null: not one); each is read on first use. */
  private readonly localUsers = new Map<string, UserCallable | null>();
  /** Local names imported straight from a catalog API (`from torchvision.ops import sigmoid_focal_loss as sfl`). */
  private readonly importedApis = new Set<string>();
  private starts: Int32Array | undefined;
  private baseLine = -1;
  private classCounts: ClassCounts | undefined;
  /**
   * Names and self attributes bound to a loss somewhere in the file (a candidate for `criterion(out, y)`):
   * all of them once the whole file is searched, else each name looked at so far.
   */
  private valueNames: Set<string> | undefined;
  private readonly valueNameChecked = new Map<string, boolean>();
  /** The calls of each logical line searched alone (findNear), by head index. */
  private readonly nearCalls = new Map<number, LazyLossCall[]>();
  /** Relative imports made absolute with the document's package (only those that differ from what is written). */
  private readonly absoluteImports = new Map<string, string>();
  /** Last names of users reached through a module (`losses.FocalLoss`): candidates in the scan. */
  private readonly qualifiedUserNames = new Set<string>();

  constructor(private readonly module: PythonModule, private readonly base: number, private readonly imported?: ImportedSources) {
    this.tokens = module.tokens;
    this.evaluator = new Evaluator(module);
    for (const [local, written] of module.imports) {
      const qualified = absoluteImport(written, imported?.package);
      if (qualified !== written) this.absoluteImports.set(local, qualified);
      if (BY_PATH.has(qualified)) this.importedApis.add(local);
    }
    // The file's own definitions and the names bound to losses are read when a call needs them: a
    // hover after an edit looks at one line, and reading all of them would cost most of its time.
    if (imported) this.addImportedUsers(imported);
  }

  /** The user's loss `name` (or `module.Name`) calls: this file's definition first, else an imported one. */
  private user(name: string): UserCallable | undefined {
    if (!this.module.definitions.has(name)) return this.importedUsers.get(name);
    let user = this.localUsers.get(name);
    if (user === undefined) this.localUsers.set(name, (user = userCallableOf(this.module, name) ?? null));
    return user ?? undefined;
  }

  /** Whether `name` (or `self.name`) is bound to a loss somewhere in the file. */
  private isValueName(name: string): boolean {
    if (this.valueNames) return this.valueNames.has(name);
    let known = this.valueNameChecked.get(name);
    if (known === undefined) {
      const bindsLoss = (bindings: readonly Binding[] | undefined) => bindings !== undefined && bindings.some((binding) => this.mayBindLoss(binding));
      known = this.module.scopes.some((scope) => bindsLoss(scope.names.get(name)) || bindsLoss(scope.selfAttributes.get(name)));
      this.valueNameChecked.set(name, known);
    }
    return known;
  }

  /** Every name bound to a loss, read once for a search of the whole file. */
  private allValueNames(): Set<string> {
    if (!this.valueNames) {
      const names = new Set<string>();
      for (const [name, bindings] of allBindings(this.module)) if (bindings.some((binding) => this.mayBindLoss(binding))) names.add(name);
      this.valueNames = names;
    }
    return this.valueNames;
  }

  /**
   * The user's own losses defined in other files of the workspace: `from losses import FocalLoss`,
   * `from losses import *`, and `import losses` then `losses.FocalLoss(...)` (kept by that dotted name).
   */
  private addImportedUsers(imported: ImportedSources): void {
    const homeFor = (moduleName: string) => this.homeFor(imported, moduleName);
    for (const [local, qualified] of this.module.imports) {
      if (BY_PATH.has(qualified) || this.importedUsers.has(local) || this.module.definitions.has(local)) continue;
      const moduleHome = homeFor(qualified);
      // `import losses` (or `import utils.losses as L`): every loss the module defines, by `local.Name`.
      if (moduleHome) for (const symbol of moduleHome.module.definitions.keys()) this.addImportedUser(`${local}.${symbol}`, symbol, moduleHome);
      const dot = qualified.lastIndexOf('.');
      if (dot <= 0) continue;
      const home = homeFor(qualified.slice(0, dot));
      if (home) this.addImportedUser(local, qualified.slice(dot + 1), home);
    }
    for (const star of this.module.starImports) {
      const home = homeFor(star);
      if (home) for (const symbol of home.module.definitions.keys()) if (!this.importedUsers.has(symbol) && !this.module.definitions.has(symbol)) this.addImportedUser(symbol, symbol, home);
    }
  }

  private readonly homes = new Map<string, ImportedHome | null>();

  /** Another file of the workspace, read once per find. */
  private homeFor(imported: ImportedSources, name: string): ImportedHome | null {
    let home = this.homes.get(name);
    if (home === undefined) {
      const source = imported.get(name);
      home = source && source.text.length <= MAX_IMPORTED_LENGTH ? homeOf(source.text, source.file) : null;
      this.homes.set(name, home);
    }
    return home;
  }

  /**
   * A config dict without a type that overrides a loss of an inherited config (`_base_`): the base
   * file's dict at the same key path gives the type and every value the child does not write.
   */
  private inheritedConfigAt(k: number, site: CallSite, written: readonly Argument[], scope: number): LazyLossCall | undefined {
    if (written.some((arg) => arg.keyword === '_delete_' || arg.star !== '')) return undefined;
    const bases = baseFilesOf(this.module);
    if (bases.length === 0) return undefined;
    const path = dictKeyPath(this.tokens, k, (j) => this.enclosingOpen(j));
    if (!path || path.length < 2) return undefined;
    for (const file of bases) {
      const home = this.homeFor(this.imported!, file);
      const name = home ? dictAtPath(home.module, path) : undefined;
      if (!home || name === undefined) continue;
      const ht = home.module.tokens;
      const baseArgs = splitTopLevel(ht, name + 2, closeOf(ht, name + 1)).filter(([from]) => ht.kind[from] === NAME && isOp(ht, from + 1, '='));
      const keyOf = (from: number) => ht.text.slice(ht.start[from]!, ht.end[from]!);
      const typeArg = baseArgs.find(([from]) => keyOf(from) === 'type');
      const type = typeArg && typeArg[1] === typeArg[0] + 3 && ht.kind[typeArg[0] + 2] === STRING ? pythonString(keyOf(typeArg[0] + 2)) : undefined;
      const entry = type === undefined ? undefined : MMDET_CONFIG_TYPES.get(type);
      if (!entry) return undefined;
      const nameSite: CallSite = { ...site, callee: `${path.join('.')} (type='${type}' from ${home.file})`, nameStart: site.start, nameEnd: site.start + 4 };
      return lazy(site.start, site.end, nameSite.nameStart, nameSite.nameEnd, () => {
        const keywordOnly = entry.params.map((param) => ({ ...param, keywordOnly: true }));
        const values = this.mapArguments(keywordOnly, written, scope, this.tokens.start[k]!);
        for (const [from, to] of baseArgs) {
          const key = keyOf(from);
          if (key === 'type' || values.get(key)?.origin.kind !== 'default') continue;
          const known = home.evaluator.evaluate(from + 2, to, 0, ht.start[from]!);
          const text = ht.text.slice(ht.start[from + 2]!, ht.end[to - 1]!);
          values.set(key, known ? { value: known.value, origin: { kind: 'resolved', line: lineOf(home.starts, ht.start[from]!), file: home.file }, text } : { value: undefined, origin: UNRESOLVED, text });
        }
        const call = buildCatalogCall(entry, nameSite, values);
        return { ...call, caveats: [msg("type='{0}' and the values not written here are inherited from {1}.", type, home.file), ...call.caveats] };
      });
    }
    return undefined;
  }

  /** One imported definition, when it is evidently a loss with alpha or gamma: callable here as `local`. */
  private addImportedUser(local: string, symbol: string, home: ImportedHome): void {
    const user = userCallableOf(home.module, symbol, home);
    if (!user) return;
    this.importedUsers.set(local, user);
    if (local.includes('.')) this.qualifiedUserNames.add(symbol);
  }

  /** Every loss call, each built only when asked for (a hover needs one of them). */
  find(): LazyLossCall[] {
    const { tokens } = this;
    const valueNames = this.allValueNames();
    // Most names before '(' are not candidates: reject them by length before making a string.
    const candidateLengths = new Uint8Array(256);
    for (const name of [...KNOWN_NAMES, ...this.importedApis, ...this.module.definitions.keys(), ...this.importedUsers.keys(), ...this.qualifiedUserNames, ...valueNames, ...FUNCTION_TRANSFORMS, 'dict']) candidateLengths[Math.min(name.length, 255)] = 1;
    const firstToken = this.firstTokenAtOrAfter(this.base);
    let head = 0;
    while (head + 1 < tokens.headCount && tokens.heads[head + 1]! <= firstToken) head++;
    return this.search(firstToken, tokens.count, head, candidateLengths);
  }

  /** The calls of the logical line holding `offset` (see PythonLossCalls.near). */
  findNear(offset: number): LazyLossCall[] {
    const { tokens } = this;
    const at = offset + this.base;
    // The last logical line starting at or before `at`.
    let lo = 0;
    let hi = tokens.headCount;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens.start[tokens.heads[mid]!]! <= at) lo = mid + 1;
      else hi = mid;
    }
    const head = lo - 1;
    if (head < 0) return [];
    let calls = this.nearCalls.get(head);
    if (!calls) {
      const from = Math.max(tokens.heads[head]!, this.firstTokenAtOrAfter(this.base));
      const to = head + 1 < tokens.headCount ? tokens.heads[head + 1]! : tokens.count;
      calls = from < to ? this.search(from, to, head, undefined) : [];
      this.nearCalls.set(head, calls);
    }
    return calls;
  }

  /**
   * The calls whose token lies in [from, to) (head: the logical line holding `from`), sorted by start.
   * `candidateLengths` rejects most names by their length first; without it each name is looked up.
   */
  private search(from: number, to: number, firstHead: number, candidateLengths: Uint8Array | undefined): LazyLossCall[] {
    const { tokens, module } = this;
    const calls: LazyLossCall[] = [];
    let head = firstHead;
    for (let k = from; k < to; k++) {
      while (head + 1 < tokens.headCount && tokens.heads[head + 1]! <= k) head++;
      const kind = tokens.kind[k];
      if (kind === NAME && tokens.kind[k + 1] === OP && tokens.text.charCodeAt(tokens.start[k + 1]!) === 40 /* ( */) {
        if (candidateLengths && candidateLengths[Math.min(tokens.end[k]! - tokens.start[k]!, 255)] === 0) continue;
        const name = tokens.text.slice(tokens.start[k]!, tokens.end[k]!);
        if (!KNOWN_NAMES.has(name) && !this.importedApis.has(name) && !this.qualifiedUserNames.has(name) && !FUNCTION_TRANSFORMS.has(name) && name !== 'dict' && !this.user(name) && !this.isValueName(name)) continue;
        const scope = tokens.headCount > 0 ? module.headScope[head]! : MODULE_SCOPE;
        const call = this.callAt(k, name, scope);
        if (call) calls.push(call);
      } else if (kind === STRING && tokens.end[k]! - tokens.start[k]! <= 32) {
        const call = this.braceConfigAt(k, tokens.headCount > 0 ? module.headScope[head]! : MODULE_SCOPE);
        if (call) calls.push(call);
      }
    }
    for (const assignment of module.configAssignments) {
      if (assignment.targetFrom < from || assignment.targetFrom >= to || tokens.start[assignment.targetFrom]! < this.base) continue;
      const start = tokens.start[assignment.targetFrom]! - this.base;
      calls.push(lazy(start, this.endOf(assignment.valueTo - 1) - this.base, tokens.start[assignment.keyToken]! - this.base, tokens.end[assignment.keyToken]! - this.base, () => this.configAssignmentCall(assignment)));
    }
    return calls.sort((a, b) => a.start - b.start);
  }

  private firstTokenAtOrAfter(offset: number): number {
    if (offset === 0) return 0;
    let lo = 0;
    let hi = this.tokens.count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens.start[mid]! >= offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** A call whose last callee segment is token `k` (followed by '('). */
  private callAt(k: number, name: string, scope: number): LazyLossCall | undefined {
    const { tokens } = this;
    let first = k;
    while (first >= 2 && isOp(tokens, first - 1, '.') && tokens.kind[first - 2] === NAME) first -= 2;
    if (isOp(tokens, first - 1, '.') || isName(tokens, first - 1, 'def') || isName(tokens, first - 1, 'class')) return undefined;
    const segments: string[] = [];
    for (let s = first; s <= k; s += 2) segments.push(this.text(s));
    const open = k + 1;
    const close = closeOf(tokens, open);
    const site: CallSite = {
      callee: segments.join('.'),
      start: tokens.start[first]! - this.base,
      end: this.endOf(close) - this.base,
      nameStart: tokens.start[first]! - this.base,
      nameEnd: tokens.end[k]! - this.base,
    };
    const args = () => this.readArguments(open + 1, close);
    if (FUNCTION_TRANSFORMS.has(name)) return this.transformedCallAt(k, first, close, scope);
    if (segments.length === 1 && name === 'dict' && !this.isBound('dict')) {
      const written = args();
      const typeArg = this.mmdetType(written);
      if (typeArg === undefined) return this.imported ? this.inheritedConfigAt(k, site, written, scope) : undefined;
      const [nameStart, nameEnd] = this.stringContent(typeArg.from);
      return lazy(site.start, site.end, nameStart, nameEnd, () => this.dictConfigCall(written, typeArg, site, scope, first));
    }
    const user =
      segments.length === 1 || (segments.length === 2 && segments[0] === 'self') ? this.user(name) : segments.length === 2 ? this.user(segments.join('.')) : undefined;
    if (user) return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => this.userCall(user, args(), site, scope));
    const entry = this.catalogEntry(segments);
    if (!entry) return this.boundCallAt(segments, site, args, scope, tokens.start[k]!);
    return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => this.lossCall({ entry }, args(), site, scope, tokens.start[k]!));
  }

  /** The call of a catalog API or of the user's own loss with `args`, written at `offset` in `scope`. */
  private lossCall(target: Pick<BoundLoss, 'entry' | 'user'>, args: readonly Argument[], site: CallSite, scope: number, offset: number): LossCall {
    if (target.user) return this.userCall(target.user, args, site, scope);
    return this.withClassCount(buildCatalogCall(target.entry!, site, this.mapArguments(target.entry!.params, args, scope, offset)), scope, offset);
  }

  /** Whether a binding's value starts with a loss, a user's loss or functools.partial: cheap, before any call is built. */
  private mayBindLoss(binding: Binding): boolean {
    if (binding.from < 0) return false;
    const [dotted] = readDotted(this.tokens, binding.from, binding.to);
    const last = dotted.slice(dotted.lastIndexOf('.') + 1);
    return last !== '' && (KNOWN_NAMES.has(last) || this.importedApis.has(last) || this.user(last) !== undefined || last === 'partial' || FUNCTION_TRANSFORMS.has(last));
  }

  /** `criterion(out, y)`, `self.loss_fn(x, t)`: a call of a name bound to a loss, with the values from where it was bound. */
  private boundCallAt(segments: string[], site: CallSite, args: () => Argument[], scope: number, offset: number): LazyLossCall | undefined {
    const name = segments[segments.length - 1]!;
    if (!(segments.length === 1 || (segments.length === 2 && segments[0] === 'self')) || !this.isValueName(name)) return undefined;
    const binding = segments.length === 1 ? bindingOfName(this.module, name, scope, offset) : bindingOfSelf(this.module, name, scope);
    const bound = binding && this.boundLoss(binding);
    if (!bound) return undefined;
    return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => {
      const written = args();
      // An object is called with (prediction, target): the construction holds its parameters.
      const callArgs = bound.how === 'instance' ? bound.preset : [...bound.preset, ...written];
      const first = written.find((arg) => arg.keyword === '' && arg.star === '');
      const withPrediction: CallSite = bound.how === 'instance' && first ? { ...site, predictionText: this.source(first.from, first.to) } : site;
      const call = this.lossCall(bound, callArgs, withPrediction, scope, offset);
      return { ...call, builtAt: { line: this.resolvedOrigin(bound.offset), how: bound.how } };
    });
  }

  /** What a binding makes of a name: `X(...)` of a loss class, a loss function `F.cross_entropy`, `partial(f, ...)`, `jax.jit(f)`. */
  private boundLoss(binding: Binding): BoundLoss | undefined {
    if (binding.from < 0) return undefined;
    const bound = { scope: binding.scope, offset: binding.offset };
    const loss = this.lossExpression(binding.from, binding.to, bound, binding.scope, binding.offset, 0);
    return loss && { ...loss, offset: binding.offset };
  }

  /**
   * The loss an expression [from, to) stands for: a loss function (`F.cross_entropy`, or a name bound
   * to one), `functools.partial(f, ...)`, a transform that keeps what f computes (`jax.jit(f)`,
   * `jax.vmap(f, ...)`, `self.variant(f)`, `torch.compile(f)`), or an object built from a loss class.
   */
  private lossExpression(from: number, to: number, bound: Argument['bound'], scope: number, offset: number, depth: number): Omit<BoundLoss, 'offset'> | undefined {
    const { tokens } = this;
    const [dotted, after] = readDotted(tokens, from, to);
    if (dotted === '' || depth > 3) return undefined;
    const segments = dotted.split('.');
    const last = segments[segments.length - 1]!;
    const target = (path: string[]): Pick<BoundLoss, 'entry' | 'user'> | undefined => {
      const user = path.length === 1 ? this.user(path[0]!) : undefined;
      if (user) return { user };
      const entry = path[0] === 'self' ? undefined : this.catalogEntry(path);
      return entry ? { entry } : undefined;
    };
    if (after === to) {
      const found = target(segments);
      if (found) return isClassName(last) ? undefined : { how: 'reference', ...found, preset: [] };
      // A name bound to a loss function (`loss_fn = partial(...)`, then `jax.jit(loss_fn)`).
      const binding = segments.length === 1 && this.isValueName(last) ? bindingOfName(this.module, last, scope, offset) : undefined;
      if (!binding || binding.from < 0) return undefined;
      const inner = this.lossExpression(binding.from, binding.to, { scope: binding.scope, offset: binding.offset }, binding.scope, binding.offset, depth + 1);
      return inner && inner.how !== 'instance' ? inner : undefined;
    }
    if (!isOp(tokens, after, '(') || closeOf(tokens, after) !== to - 1) return undefined;
    const written = this.readArguments(after + 1, to - 1).map((arg) => (bound ? { ...arg, bound } : arg));
    if (this.isPartial(segments) || FUNCTION_TRANSFORMS.has(last)) {
      const [fn, ...rest] = written;
      if (!fn || fn.keyword !== '' || fn.star !== '') return undefined;
      const inner = this.lossExpression(fn.from, fn.to, bound, scope, offset, depth + 1);
      if (!inner || inner.how === 'instance') return undefined;
      // A transform's other arguments (in_axes=, static_argnums=) are its own, not the loss's.
      return this.isPartial(segments) ? { how: 'partial', entry: inner.entry, user: inner.user, preset: [...inner.preset, ...rest] } : inner;
    }
    const found = target(segments);
    return found && isClassName(last) ? { how: 'instance', ...found, preset: written } : undefined;
  }

  /** `jax.jit(optax.sigmoid_focal_loss)(logits, labels)`: a transformed loss called in place (token `k` is the transform's name). */
  private transformedCallAt(k: number, first: number, close: number, scope: number): LazyLossCall | undefined {
    const { tokens } = this;
    if (!isOp(tokens, close + 1, '(')) return undefined;
    const [fn] = this.readArguments(k + 2, close);
    if (!fn || fn.keyword !== '' || fn.star !== '') return undefined;
    const loss = this.lossExpression(first, close + 1, undefined, scope, tokens.start[k]!, 0);
    if (!loss || loss.how === 'instance') return undefined;
    const outerClose = closeOf(tokens, close + 1);
    const site: CallSite = {
      callee: this.source(first, close + 1).replace(/\s+/g, ' '),
      start: tokens.start[first]! - this.base,
      end: this.endOf(outerClose) - this.base,
      nameStart: tokens.start[fn.from]! - this.base,
      nameEnd: tokens.end[fn.to - 1]! - this.base,
    };
    return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => {
      return this.lossCall(loss, [...loss.preset, ...this.readArguments(close + 2, outerClose)], site, scope, tokens.start[k]!);
    });
  }

  private isPartial(segments: string[]): boolean {
    const qualified = [this.module.imports.get(segments[0]!) ?? segments[0]!, ...segments.slice(1)].join('.');
    return qualified === 'functools.partial';
  }

  /** A softmax call with the number of classes the file states: its class weights' length, else num_classes and similar. */
  private withClassCount(call: LossCall, scope: number, offset: number): LossCall {
    if (call.classModel !== 'softmax') return call;
    const weight = call.extra.find((e) => e.name === 'weight')?.value;
    if (weight && isNumberArray(weight.value) && isClassCount(weight.value.length)) {
      return { ...call, classes: { value: weight.value.length, origin: weight.origin, text: `the ${weight.value.length} class weights` } };
    }
    this.classCounts ??= new ClassCounts(this.module, this.evaluator);
    const known = this.classCounts.at(scope, offset);
    if (!known || typeof known.value !== 'number') return call;
    return { ...call, classes: { value: known.value, origin: known.resolvedAt === undefined ? EXPLICIT : this.resolvedOrigin(known.resolvedAt), text: String(known.value) } };
  }

  /** The `type='FocalLoss'` argument of a dict(...) call, when it names an mmdet focal loss. */
  private mmdetType(args: readonly Argument[]): Argument | undefined {
    const typeArg = args.find((arg) => arg.keyword === 'type');
    if (!typeArg || typeArg.to !== typeArg.from + 1 || this.tokens.kind[typeArg.from] !== STRING) return undefined;
    return this.configEntry(typeArg.from) ? typeArg : undefined;
  }

  /** The catalog entry a config dict's type string (token `k`) names: 'FocalLoss', 'mmdet.VarifocalLoss', ...; none for any other type. */
  private configEntry(k: number): CatalogEntry | undefined {
    const type = pythonString(this.text(k));
    return type === undefined ? undefined : MMDET_CONFIG_TYPES.get(type);
  }

  private catalogEntry(segments: string[]): CatalogEntry | undefined {
    const head = segments[0]!;
    const rest = segments.slice(1);
    const imported = this.absoluteImports.get(head) ?? this.module.imports.get(head);
    if (imported !== undefined) return BY_PATH.get([imported, ...rest].join('.'));
    if (segments.length === 1) {
      for (const star of this.module.starImports) {
        const entry = BY_PATH.get(`${star}.${head}`);
        if (entry) return entry;
      }
      return undefined;
    }
    const conventional = CONVENTIONAL_HEADS.get(head);
    if (conventional === undefined || this.isBound(head)) return undefined;
    return BY_PATH.get([conventional, ...rest].join('.'));
  }

  private isBound(name: string): boolean {
    return this.module.imports.has(name) || this.module.definitions.has(name) || this.module.scopes[MODULE_SCOPE]!.names.has(name);
  }

  private readArguments(from: number, to: number): Argument[] {
    const { tokens } = this;
    return splitTopLevel(tokens, from, to).map(([start, end]): Argument => {
      if (isOp(tokens, start, '*') || isOp(tokens, start, '**')) return { keyword: '', star: isOp(tokens, start, '*') ? '*' : '**', from: start + 1, to: end };
      if (tokens.kind[start] === NAME && isOp(tokens, start + 1, '=')) return { keyword: this.text(start), star: '', from: start + 2, to: end };
      return { keyword: '', star: '', from: start, to: end };
    });
  }

  /** Values of `params` for the written `args`: explicit/resolved/unresolved, the default, or unknown through *args/**kwargs. */
  private mapArguments(params: readonly ParamSpec[], args: readonly Argument[], scope: number, offset: number): Map<string, ParamValue<unknown>> {
    const values = new Map<string, ParamValue<unknown>>();
    let position = 0;
    let starArgs: Argument | undefined;
    let starKwargs: Argument | undefined;
    for (const arg of args) {
      if (arg.star === '*') { starArgs ??= arg; continue; }
      if (arg.star === '**') { starKwargs ??= arg; continue; }
      if (arg.keyword) {
        if (params.some((param) => param.name === arg.keyword)) values.set(arg.keyword, this.argumentValue(arg, scope, offset));
        continue;
      }
      if (starArgs) continue; // positions after *args are unknown
      const param = params[position++];
      if (param && !param.keywordOnly) values.set(param.name, this.argumentValue(arg, scope, offset));
    }
    for (const param of params) {
      if (values.has(param.name)) continue;
      const splat = !param.keywordOnly && starArgs ? starArgs : starKwargs;
      if (splat) values.set(param.name, { value: undefined, origin: UNRESOLVED, text: `${splat.star}${this.source(splat.from, splat.to)}` });
      else if (param.required) values.set(param.name, { value: undefined, origin: UNRESOLVED, text: '' });
      else values.set(param.name, defaultValue(param.default ?? null));
    }
    return values;
  }

  private argumentValue(arg: Argument, scope: number, offset: number): ParamValue<unknown> {
    const text = this.source(arg.from, arg.to);
    const known = this.evaluator.evaluate(arg.from, arg.to, arg.bound?.scope ?? scope, arg.bound?.offset ?? offset);
    if (!known) return { value: undefined, origin: UNRESOLVED, text };
    const at = known.resolvedAt ?? arg.bound?.offset;
    return { value: known.value, origin: at === undefined ? EXPLICIT : this.resolvedOrigin(at), text };
  }

  private resolvedOrigin(offset: number): ValueOrigin {
    this.starts ??= lineStarts(this.tokens.text);
    if (this.baseLine < 0) this.baseLine = this.base === 0 ? 0 : lineOf(this.starts, this.base);
    const line = lineOf(this.starts, offset);
    return line >= this.baseLine && offset >= this.base ? { kind: 'resolved', line: line - this.baseLine } : { kind: 'resolved', line, inContext: true };
  }

  private userCall(user: UserCallable, args: readonly Argument[], site: CallSite, scope: number): LossCall {
    const specs: ParamSpec[] = user.params.filter((param) => param.star === '').map((param) => (param.from < 0 ? { name: param.name, required: true, keywordOnly: param.keywordOnly } : { name: param.name, default: null, keywordOnly: param.keywordOnly }));
    const values = this.mapArguments(specs, args, scope, site.start + this.base);
    // Defaults come from the definition, not from the placeholder above.
    const home = user.home;
    const module = home?.module ?? this.module;
    const evaluator = home?.evaluator ?? this.evaluator;
    // A value of the definition's file: "line N" there, with the file's name when it is another one.
    const originIn = (offset: number): ValueOrigin => (home ? { kind: 'resolved', line: lineOf(home.starts, offset), file: home.file } : this.resolvedOrigin(offset));
    for (const param of user.params) {
      const value = values.get(param.name);
      if (!value || value.origin.kind !== 'default' || param.from < 0) continue;
      const text = module.tokens.text.slice(module.tokens.start[param.from]!, module.tokens.end[param.to - 1]!);
      const known = evaluator.evaluate(param.from, param.to, module.scopes[user.scope]!.parent, param.offset);
      // The user's own default: "line N" of its definition, not "library default".
      values.set(param.name, !known ? { value: undefined, origin: UNRESOLVED, text } : { value: known.value, origin: originIn(known.resolvedAt ?? param.offset), text });
    }
    this.starts ??= lineStarts(this.tokens.text);
    const definitionLine = home ? lineOf(home.starts, user.offset) : lineOf(this.starts, user.offset) - (this.base === 0 ? 0 : lineOf(this.starts, this.base));
    return buildUserCall(user.name, definitionLine, site, values, userLossModel(module, user.name, user.definition), home?.file, originIn);
  }

  /** `dict(type='FocalLoss', gamma=2.0, ...)` in an mmdet config. */
  private dictConfigCall(args: readonly Argument[], typeArg: Argument, site: CallSite, scope: number, first: number): LossCall {
    const entry = this.configEntry(typeArg.from)!;
    const keywordOnly = entry.params.map((param) => ({ ...param, keywordOnly: true }));
    const values = this.mapArguments(keywordOnly, args.filter((arg) => arg !== typeArg), scope, this.tokens.start[first]!);
    const [nameStart, nameEnd] = this.stringContent(typeArg.from);
    return buildCatalogCall(entry, { ...site, callee: this.calleeText(first, typeArg.from), nameStart, nameEnd }, values);
  }

  /** `{'type': 'FocalLoss', 'gamma': 2.0, ...}`: triggered on the type string. */
  private braceConfigAt(k: number, scope: number): LazyLossCall | undefined {
    const { tokens } = this;
    if (!isOp(tokens, k - 1, ':') || tokens.kind[k - 2] !== STRING || pythonString(this.text(k - 2)) !== 'type') return undefined;
    if (!this.configEntry(k)) return undefined;
    const open = this.enclosingOpen(k - 2);
    if (open < 0 || !isOp(tokens, open, '{')) return undefined;
    const close = closeOf(tokens, open);
    const [nameStart, nameEnd] = this.stringContent(k);
    return lazy(tokens.start[open]! - this.base, this.endOf(close) - this.base, nameStart, nameEnd, () => this.braceConfigCall(k, open, close, scope));
  }

  private braceConfigCall(k: number, open: number, close: number, scope: number): LossCall {
    const { tokens } = this;
    const args: Argument[] = [];
    for (const [from, to] of splitTopLevel(tokens, open + 1, close)) {
      if (isOp(tokens, from, '**')) { args.push({ keyword: '', star: '**', from: from + 1, to }); continue; }
      const key = tokens.kind[from] === STRING && isOp(tokens, from + 1, ':') ? pythonString(this.text(from)) : undefined;
      if (key !== undefined && key !== 'type') args.push({ keyword: key, star: '', from: from + 2, to });
    }
    const entry = this.configEntry(k)!;
    const keywordOnly = entry.params.map((param) => ({ ...param, keywordOnly: true }));
    const values = this.mapArguments(keywordOnly, args, scope, tokens.start[open]!);
    const [nameStart, nameEnd] = this.stringContent(k);
    return buildCatalogCall(entry, {
      callee: this.calleeText(open, k), start: tokens.start[open]! - this.base, end: this.endOf(close) - this.base, nameStart, nameEnd,
    }, values);
  }

  /** `cfg.MODEL.RETINANET.FOCAL_LOSS_GAMMA = 2.0`; the other key is taken from a sibling assignment in the file, else detectron2's default. */
  private configAssignmentCall(assignment: PythonModule['configAssignments'][number]): LossCall {
    const { tokens } = this;
    const own = this.argumentValue({ keyword: '', star: '', from: assignment.valueFrom, to: assignment.valueTo }, assignment.scope, tokens.start[assignment.targetFrom]!);
    const valueFor = (key: 'FOCAL_LOSS_ALPHA' | 'FOCAL_LOSS_GAMMA'): ParamValue<unknown> => {
      if (assignment.key === key) return own;
      const siblings = this.module.configAssignments.filter((other) => other.key === key && other.prefix === assignment.prefix);
      const sibling = siblings[siblings.length - 1];
      if (!sibling) return defaultValue(DETECTRON2_DEFAULTS[key]);
      const value = this.argumentValue({ keyword: '', star: '', from: sibling.valueFrom, to: sibling.valueTo }, sibling.scope, tokens.start[sibling.targetFrom]!);
      return value.value === undefined ? value : { ...value, origin: this.resolvedOrigin(tokens.start[sibling.targetFrom]!) };
    };
    const site: CallSite = {
      callee: this.source(assignment.targetFrom, assignment.keyToken + 1).replace(/\s+/g, ''),
      start: tokens.start[assignment.targetFrom]! - this.base,
      end: this.endOf(assignment.valueTo - 1) - this.base,
      nameStart: tokens.start[assignment.keyToken]! - this.base,
      nameEnd: tokens.end[assignment.keyToken]! - this.base,
    };
    return detectron2Call(site, valueFor('FOCAL_LOSS_ALPHA'), valueFor('FOCAL_LOSS_GAMMA'));
  }

  /** Token index of the bracket that encloses token `k`, or -1. */
  private enclosingOpen(k: number): number {
    const { tokens } = this;
    for (let j = k - 1, steps = 0; j >= 0 && steps < 10_000; j--, steps++) {
      const kind = tokens.kind[j];
      if (kind === NEWLINE || kind === END) return -1;
      const m = tokens.match[j]!;
      if (m >= 0 && m < j) { j = m; continue; } // a closed bracket: skip to its opener
      if (m > k && (isOp(tokens, j, '(') || isOp(tokens, j, '[') || isOp(tokens, j, '{'))) return j;
    }
    return -1;
  }

  private stringContent(k: number): [number, number] {
    const token = this.text(k);
    const quoteAt = token.search(/['"]/);
    return [this.tokens.start[k]! + quoteAt + 1 - this.base, this.tokens.end[k]! - 1 - this.base];
  }

  private calleeText(from: number, through: number): string {
    return this.source(from, through + 1).replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/\{ /g, '{');
  }

  /** End offset of a call whose closing token is `close` (a NEWLINE/END when left unclosed). */
  private endOf(close: number): number {
    const { tokens } = this;
    let last = close;
    while (last > 0 && (tokens.kind[last] === NEWLINE || tokens.kind[last] === END)) last--;
    return tokens.end[last]!;
  }

  private source(from: number, to: number): string {
    if (from >= to) return '';
    return this.tokens.text.slice(this.tokens.start[from]!, this.tokens.end[to - 1]!);
  }

  private text(k: number): string {
    return this.tokens.text.slice(this.tokens.start[k]!, this.tokens.end[k]!);
  }
}

/** A detectron2 RetinaNet config (Python assignment or YAML key): alpha/gamma feed sigmoid_focal_loss_jit(..., reduction='sum'). */
export function detectron2Call(site: CallSite, alphaValue: ParamValue<unknown>, gammaValue: ParamValue<unknown>): LossCall {
  const written = typed(alphaValue, isNumberOrNull);
  const alpha = typeof written.value === 'number' && written.value < 0 ? { ...written, value: null } : written;
  const gamma = typed(gammaValue, isNumber);
  const caveats = [msg("detectron2's RetinaNet calls sigmoid_focal_loss_jit(..., reduction='sum') and divides by a moving average of the number of foreground anchors.")];
  if (gamma.value !== undefined && gamma.value > 0 && gamma.value < 1) caveats.push(msg('gamma={0} < 1: the derivative of (1 - p_t)^gamma is unbounded as p_t -> 1, so autograd can give NaN or inf for saturated logits.', gamma.value));
  return {
    api: 'detectron2.config.MODEL.RETINANET', library: 'detectron2', kind: 'focal', ...site, alpha, gamma,
    inputs: defaultValue('logits' as const, 'logits'), classModel: 'sigmoid',
    reduction: defaultValue("sum / number of foreground anchors", "sum / number of foreground anchors"),
    caveats, extra: [],
  };
}

/** Calls that return a function computing what their argument computes: jax's jit / vmap / pmap, chex's variant, torch.compile. */
const FUNCTION_TRANSFORMS: ReadonlySet<string> = new Set(['jit', 'vmap', 'pmap', 'variant', 'compile', 'remat', 'checkpoint']);

/** Python's convention: classes are CapWords, functions lower_case. */
function isClassName(name: string): boolean {
  return /^[A-Z]/.test(name);
}

/**
 * The function or class `name` defined in `module` as a loss the user calls: one whose parameters
 * (a class's __init__'s) include alpha or gamma, and that is evidently a CE or focal loss (alpha and
 * gamma are common names). `home` when the module is another file of the workspace.
 */
function userCallableOf(module: PythonModule, name: string, home?: ImportedHome): UserCallable | undefined {
  const index = module.definitions.get(name);
  if (index === undefined) return undefined;
  const scope = module.scopes[index]!;
  const paramScope = scope.kind === 'class' ? scope.methods.get('__init__') : index;
  if (paramScope === undefined || !hasParameterNamed(module.tokens, module.scopes[paramScope]!, ['alpha', 'gamma'])) return undefined;
  if (!isLikelyLoss(module, name, index)) return undefined;
  const skipSelf = scope.kind === 'class';
  return { name, get params() { return parametersOf(module.tokens, module.scopes[paramScope]!).slice(skipSelf ? 1 : 0); }, scope: paramScope, offset: scope.offset, definition: index, ...(home ? { home } : {}) };
}

/** An imported module of the workspace, read for its definitions. */
function homeOf(text: string, file: string): ImportedHome {
  const tokens = scanPython(text);
  const module = readModule(tokens);
  return { file, module, evaluator: new Evaluator(module), starts: lineStarts(text) };
}

/** `...ops.sigmoid_focal_loss` imported from package `torchvision.models.detection`: `torchvision.ops.sigmoid_focal_loss`. */
function absoluteImport(written: string, pkg: string | undefined): string {
  if (!written.startsWith('.') || !pkg) return written;
  const dots = /^\.+/.exec(written)![0].length;
  const parts = pkg.split('.');
  if (dots - 1 >= parts.length) return written;
  return [...parts.slice(0, parts.length - (dots - 1)), written.slice(dots)].filter(Boolean).join('.');
}
