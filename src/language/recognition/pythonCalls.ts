import { BY_PATH, KNOWN_NAMES, type CatalogEntry } from './catalog';
import { writesLiteral } from './argument';
import { ArgumentMapper, type Argument } from './argumentMapping';
import { BoundLosses, FUNCTION_TRANSFORMS, type LossTarget } from './boundLosses';
import { CatalogLookup } from './catalogLookup';
import { ConfigCalls } from './configCalls';
import { hubLossOf } from './hubLosses';
import { skorchLossOf } from './skorchLosses';
import { SKORCH_NET_NAMES } from './catalog';
import { KerasCompileLosses } from './kerasCompileLoss';
import type { LazyLossCall, LossCall } from './lossCall';
import { withOrigins } from './callOrigins';
import type { CallSite } from './lossCallBuilder';
import { lazy, PythonFile } from './pythonFile';
import { closeOf, MODULE_SCOPE, readDotted, readModule, type PythonModule } from './pythonModule';
import { isName, isOp, lastHeadAtOrBefore, NAME, OP, scanPython, STRING, type PythonTokens } from './pythonScanner';
import { userCall, UserLosses, type ImportedSources } from './userLosses';
import { withFile, type ImporterSource } from './importerLosses';
import { importedWrapperCallAt, importedWrapperNamesIn, wrappedCall, wrappedCallLine } from './importedWrappers';
import { functionWrapperCallAt, instanceWrapperCallAt, instanceWrapperNames, wrapperCallAt, type InstanceWrapperCall, type WrapperMethod } from './wrapperMethods';
import { pythonString } from './values';
import { msg } from '../../core';

/*
 * Finding loss calls in Python: calls whose callee resolves (through the file's imports) to a
 * catalog API (catalogLookup.ts), calls of the user's own losses (userLosses.ts), losses used as
 * values (boundLosses.ts), configured losses (configCalls.ts) and Keras compile() strings
 * (kerasCompileLoss.ts). This file finds the candidates
 * and dispatches each to the module that reads it; arguments are mapped by argumentMapping.ts.
 */

export type { ImportedSources } from './userLosses';

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
export function findPythonLossCalls(text: string, context?: string, read: (source: string) => PythonModule = (source) => readModule(scanPython(source)), imported?: ImportedSources): PythonLossCalls {
  const base = context ? context.length + 1 : 0;
  const source = context ? `${context}\n${text}` : text;
  const module = read(source);
  const finder = new CallFinder(module, base, imported);
  return { all: () => finder.find(), near: (offset) => finder.findNear(offset), module };
}

/** The characters that end a value in an argument list, list or dict: , ) ] } */
const VALUE_ENDS: ReadonlySet<number> = new Set([44, 41, 93, 125]);

/** A lookup this close (in characters) to the last line found searches from there. */
const NEAR_CHARACTERS = 4096;

/** How many lines findNear remembers (more than a mouse moving over a few calls visits in a row). */
const RECENT_LINES = 32;

class CallFinder {
  private readonly file: PythonFile;
  private readonly tokens: PythonTokens;
  private readonly mapper: ArgumentMapper;
  private readonly catalog: CatalogLookup;
  private readonly users: UserLosses;
  private readonly bound: BoundLosses;
  private readonly configs: ConfigCalls;
  private readonly compileLosses: KerasCompileLosses;
  /** The calls of each logical line searched alone (findNear), by head index. */
  private readonly nearCalls = new Map<number, LazyLossCall[]>();
  /** The head findNear found last: the next lookup is most likely close to it. */
  private lastNearHead = -1;
  /** The lines findNear found last: their offsets [from, to) (text offsets) and calls, overwritten in turn (see findNear). */
  private readonly recentFrom = new Float64Array(RECENT_LINES).fill(Infinity);
  private readonly recentTo = new Float64Array(RECENT_LINES).fill(-Infinity);
  private readonly recentCalls: LazyLossCall[][] = [];
  private nextRecent = 0;

  constructor(private readonly module: PythonModule, base: number, imported?: ImportedSources) {
    this.file = new PythonFile(module, base);
    this.tokens = module.tokens;
    this.mapper = new ArgumentMapper(this.file);
    this.catalog = new CatalogLookup(module, imported?.package);
    // The file's own definitions and the names bound to losses are read when a call needs them: a
    // hover after an edit looks at one line, and reading all of them would cost most of its time.
    this.users = new UserLosses(module, imported);
    // A config module's constants (`from config import FL_GAMMA`) count where the imported files are read.
    if (imported) this.file.evaluator.importedValue = (from, name) => this.users.importedConstant(from, name);
    // So do library losses a workspace module re-exports (`from lib import focal_loss`, lib.py importing kornia's).
    if (imported) {
      const catalog = this.catalog;
      catalog.reexported = (qualified) => this.users.reexported(qualified);
      for (const local of module.imports.keys()) if (!catalog.importedApis.has(local) && !module.definitions.has(local) && catalog.entryThrough([local])?.through) catalog.importedApis.add(local);
    }
    // A loss another file passes to a function of this one is read in that file by its own recognition (importerLosses.ts).
    // (Listed once per reading of the document, however many of its parameters ask.)
    let importerSources: readonly ImporterSource[] | undefined;
    const listImporters = imported?.importers?.bind(imported);
    const importers = listImporters ? { sources: () => (importerSources ??= listImporters()), findCalls: (text: string) => findPythonLossCalls(text).all().map((call) => call.call()) } : undefined;
    this.bound = new BoundLosses(this.file, this.mapper, this.users, this.catalog, (target, args, site, scope, offset) => this.lossCall(target, args, site, scope, offset), importers);
    this.configs = new ConfigCalls(this.file, this.mapper, imported ? this.users : undefined);
    this.compileLosses = new KerasCompileLosses(this.file, this.mapper, this.catalog);
  }

  /** Every loss call, each built only when asked for (a hover needs one of them). */
  find(): LazyLossCall[] {
    const { tokens } = this;
    // A search of every token reads every offset: moving them all once now (reading the array settles
    // an edit's pending shift) is cheaper than adding the shift on each startAt.
    if (tokens.count > 0) void tokens.start[0];
    const valueNames = this.bound.allValueNames();
    // Most names before '(' are not candidates: reject them by length before making a string.
    const candidateLengths = new Uint8Array(256);
    for (const name of [...KNOWN_NAMES, ...this.catalog.importedApis, ...this.catalog.lazyCallNames, ...this.module.definitions.keys(), ...this.users.methodNames, ...this.users.importedNames(), ...this.users.qualifiedNames, ...valueNames, ...this.bound.parameterNames(), ...FUNCTION_TRANSFORMS, ...SKORCH_NET_NAMES, ...instanceWrapperNames(this.module), ...importedWrapperNamesIn(this.module, (name) => this.users.importedWrapper(name), this.users.importedWrapperNames()), 'dict']) candidateLengths[Math.min(name.length, 255)] = 1;
    const firstToken = this.file.firstTokenAtOrAfter(this.file.base);
    let head = 0;
    while (head + 1 < tokens.headCount && tokens.heads[head + 1]! <= firstToken) head++;
    return this.search(firstToken, tokens.count, head, candidateLengths);
  }

  /**
   * The calls of the logical line holding `offset` (see PythonLossCalls.near). A mouse moving over
   * a few lines asks for the same lines again and again: the last few lines found are looked at
   * first (a scan of a few numbers), so such lookups read nothing of the file's tokens, and cost the
   * same in a 200,000-line file as in a 2,000-line one.
   */
  findNear(offset: number): LazyLossCall[] {
    const { tokens } = this;
    const at = offset + this.file.base;
    for (let i = 0; i < RECENT_LINES; i++) if (at >= this.recentFrom[i]! && at < this.recentTo[i]!) return this.recentCalls[i]!;
    // The logical line holding `at`, searched from the last one hovered when it is near, else from
    // where `at` would be were the lines of one length (a few steps from it, not a search of every line).
    let from = this.lastNearHead;
    if (from < 0 || Math.abs(tokens.startAt(tokens.heads[from]!) - at) > NEAR_CHARACTERS) from = Math.min(tokens.headCount - 1, Math.floor((at / Math.max(1, tokens.text.length)) * tokens.headCount));
    const head = (this.lastNearHead = lastHeadAtOrBefore(tokens, at, from));
    if (head < 0) return [];
    let calls = this.nearCalls.get(head);
    if (!calls) {
      const from = Math.max(tokens.heads[head]!, this.file.firstTokenAtOrAfter(this.file.base));
      const to = head + 1 < tokens.headCount ? tokens.heads[head + 1]! : tokens.count;
      calls = from < to ? this.search(from, to, head, undefined) : [];
      this.nearCalls.set(head, calls);
    }
    // The offsets whose line is this one: from its first token's start to the next line's.
    const slot = this.nextRecent;
    this.nextRecent = (slot + 1) % RECENT_LINES;
    this.recentFrom[slot] = tokens.startAt(tokens.heads[head]!);
    this.recentTo[slot] = head + 1 < tokens.headCount ? tokens.startAt(tokens.heads[head + 1]!) : Infinity;
    this.recentCalls[slot] = calls;
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
      if (kind === NAME && tokens.kind[k + 1] === OP && tokens.text.charCodeAt(tokens.startAt(k + 1)) === 40 /* ( */) {
        if (candidateLengths && candidateLengths[Math.min(tokens.endAt(k) - tokens.startAt(k), 255)] === 0) continue;
        const name = tokens.text.slice(tokens.startAt(k), tokens.endAt(k));
        const scope = tokens.headCount > 0 ? module.headScope[head]! : MODULE_SCOPE;
        if (!this.mayBeCallee(name) && !this.bound.isParameterLoss(name, scope) && !this.isOwnMethodLoss(k, name, scope) && !this.isBoundForward(k, name) && !wrapperCallAt(module, k, scope, tokens.startAt(k)) && !this.isParameterClassCall(k, name, scope)) {
          // `LossA()(out, y)`, `criterion(out, y)` of a class of the file wrapping a loss.
          const wrapped = this.instanceWrapperCall(k, scope);
          if (wrapped) calls.push(wrapped);
          continue;
        }
        const call = this.callAt(k, name, scope);
        if (call) calls.push(call);
      } else if (kind === NAME && tokens.kind[k + 1] === OP && VALUE_ENDS.has(tokens.text.charCodeAt(tokens.startAt(k + 1)))) {
        // A name given as a value, not called: `compile(loss=keras.losses.categorical_crossentropy)`.
        const scope = tokens.headCount > 0 ? module.headScope[head]! : MODULE_SCOPE;
        const call = this.compileLosses.functionLossAt(k, scope) ?? this.compileLosses.boundLossAt(k, scope);
        if (call) calls.push(call);
      } else if (kind === STRING && tokens.endAt(k) - tokens.startAt(k) <= 64) {
        const scope = tokens.headCount > 0 ? module.headScope[head]! : MODULE_SCOPE;
        const call = this.configs.braceConfigAt(k, scope) ?? this.compileLosses.stringLossAt(k, scope);
        if (call) calls.push(call);
      }
    }
    calls.push(...this.configs.assignmentCallsIn(from, to));
    return calls.sort((a, b) => a.start - b.start);
  }

  /**
   * `self.name(...)` where the enclosing class's method `name` is a loss of the user's (a look-up in
   * that class's methods: the file's other classes are not read, so a hover after an edit stays local).
   */
  private isOwnMethodLoss(k: number, name: string, scope: number): boolean {
    return isOp(this.tokens, k - 1, '.') && isName(this.tokens, k - 2, 'self') && this.users.method(name, scope) !== undefined;
  }

  /** `loss_cls()` of a parameter of the enclosing def (not an attribute): it may build a loss class the file hands it (BoundLosses.classConstructionAt). */
  private isParameterClassCall(k: number, name: string, scope: number): boolean {
    const { tokens } = this;
    // Only `name()` / `name(reduction='none')`: arguments by position are not a construction's (heldClass).
    const noPositional = isOp(tokens, k + 2, ')') || (tokens.kind[k + 2] === NAME && isOp(tokens, k + 3, '='));
    return noPositional && !isOp(tokens, k - 1, '.') && this.bound.isParameterName(name, scope);
  }

  /** `criterion.forward(...)` / `self.loss.forward(...)` of a name that may hold a loss (see BoundLosses.boundCallAt). */
  private isBoundForward(k: number, name: string): boolean {
    const { tokens } = this;
    return name === 'forward' && isOp(tokens, k - 1, '.') && tokens.kind[k - 2] === NAME && this.bound.isValueName(tokens.text.slice(tokens.startAt(k - 2), tokens.endAt(k - 2)));
  }

  /** Whether a name before '(' may be a loss call's last callee segment. */
  private mayBeCallee(name: string): boolean {
    return KNOWN_NAMES.has(name) || SKORCH_NET_NAMES.has(name) || this.catalog.importedApis.has(name) || this.catalog.lazyCallNames.has(name) || this.users.qualifiedNames.has(name) || FUNCTION_TRANSFORMS.has(name) || name === 'dict' || name === 'load' || this.users.user(name) !== undefined || this.bound.isValueName(name);
  }

  /** A call whose last callee segment is token `k` (followed by '('). */
  private callAt(k: number, name: string, scope: number): LazyLossCall | undefined {
    const { tokens, file } = this;
    let first = k;
    while (first >= 2 && isOp(tokens, first - 1, '.') && tokens.kind[first - 2] === NAME) first -= 2;
    if (isOp(tokens, first - 1, '.') || isName(tokens, first - 1, 'def') || isName(tokens, first - 1, 'class')) return undefined;
    const segments: string[] = [];
    for (let s = first; s <= k; s += 2) segments.push(file.text(s));
    const open = k + 1;
    const close = closeOf(tokens, open);
    const site: CallSite = {
      callee: segments.join('.'),
      start: tokens.startAt(first) - file.base,
      end: file.endOf(close) - file.base,
      nameStart: tokens.startAt(first) - file.base,
      nameEnd: tokens.endAt(k) - file.base,
    };
    const args = (): Argument[] => this.mapper.read(open + 1, close);
    if (FUNCTION_TRANSFORMS.has(name)) return this.bound.transformedCallAt(k, first, close, scope);
    if (segments.length === 1 && name === 'dict' && !this.catalog.isBound('dict')) return this.configs.dictCallAt(k, first, site, args(), scope);
    // `self.name(...)` reaches the class's own method first.
    const method = segments.length === 2 && segments[0] === 'self' ? this.users.method(name, scope) : undefined;
    const user =
      method ?? (segments.length === 1 || (segments.length === 2 && segments[0] === 'self') ? this.users.user(name) : segments.length === 2 ? this.users.user(segments.join('.')) : undefined);
    // A class whose forward takes the loss's parameters: its construction is no loss call (its instance's calls are).
    if (user) return user.calledAs === 'instance' ? undefined : lazy(site.start, site.end, site.nameStart, site.nameEnd, () => userCall(file, this.mapper, user, args(), site, scope));
    // `model.loss(out, y)`, `self.compute_loss(logits, y)`: a method that returns one loss call of its parameters.
    const wrapper = segments.length === 2 ? wrapperCallAt(this.module, k, scope, tokens.startAt(k)) : undefined;
    if (wrapper) return this.wrapperCall(wrapper, site);
    if (this.catalog.isLazyCall(segments)) return this.lazyConfigCallAt(k, first, close, scope);
    const reached = this.catalog.entryThrough(segments);
    const found = reached?.entry;
    if (!found && name === 'load') {
      const hub = hubLossOf(file, this.catalog, segments, args());
      if (hub) return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => this.lossCall({ entry: hub.entry }, hub.args, site, scope, tokens.startAt(k)));
    }
    if (!found && SKORCH_NET_NAMES.has(name)) {
      const net = skorchLossOf(file, this.mapper, this.catalog, segments, args());
      if (net) return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => this.lossCall({ entry: net.entry }, net.args, site, scope, tokens.startAt(k)));
    }
    if (!found) return this.bound.boundCallAt(segments, site, args, scope, tokens.startAt(k)) ?? this.bound.classConstructionAt(first, k + 1, site, args, scope, tokens.startAt(k)) ?? this.instanceWrapperCall(k, scope);
    // Most entries have no variant and refuse no value: their arguments are read only when the call is built.
    const entry = found.variant || found.refuses ? this.variantOf(found, args()) : found;
    if (!entry) return undefined;
    const through = reached!.through;
    if (through) return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => reexportedCall(this.lossCall({ entry }, args(), site, scope, tokens.startAt(k)), through));
    return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => this.lossCall({ entry }, args(), site, scope, tokens.startAt(k)));
  }

  /**
   * A call of the object of a class of the file whose forward / __call__ returns a loss call, or of a
   * top-level function that does (wrapperMethods.ts).
   */
  private instanceWrapperCall(k: number, scope: number): LazyLossCall | undefined {
    const { tokens, file } = this;
    const found: InstanceWrapperCall | undefined = instanceWrapperCallAt(this.module, k, scope, tokens.startAt(k)) ?? functionWrapperCallAt(this.module, k, scope);
    if (!found) return this.importedWrapperCall(k, scope);
    if (tokens.startAt(found.first) < file.base) return undefined;
    return this.wrapperCall(found.wrapper, this.wrapperSite(found.first, found.open));
  }

  /** The place of a wrapper's call from its first token to the ')' matching `open` (its argument list's '('). */
  private wrapperSite(first: number, open: number): CallSite {
    const { tokens, file } = this;
    const close = closeOf(tokens, open);
    return {
      callee: file.source(first, open).replace(/\s+/g, ''),
      start: tokens.startAt(first) - file.base,
      end: file.endOf(close) - file.base,
      nameStart: tokens.startAt(first) - file.base,
      nameEnd: tokens.endAt(open - 1) - file.base,
    };
  }

  /**
   * A call of a wrapper of a library loss imported from another file of the workspace (importedWrappers.ts): the
   * loss call the wrapper returns there, read in its own file, with its values that file's lines.
   */
  private importedWrapperCall(k: number, scope: number): LazyLossCall | undefined {
    const { tokens, file } = this;
    const found = importedWrapperCallAt(this.module, k, scope, tokens.startAt(k), (name) => this.users.importedWrapper(name));
    if (!found || tokens.startAt(found.first) < file.base) return undefined;
    const { home, wrapper } = found.wrapper;
    const inner = wrappedCall(found.wrapper, nearCallsOf);
    if (!inner || inner.through || (wrapper.keywords && !keywordsInPlace(inner, wrapper.keywords))) return undefined;
    const site = this.wrapperSite(found.first, found.open);
    const line = wrappedCallLine(found.wrapper);
    return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => ({
      ...withFile(inner, home.file, line),
      start: site.start, end: site.end, nameStart: site.nameStart, nameEnd: site.nameEnd,
      through: { method: wrapper.name, line, start: inner.start, file: home.file },
    }));
  }

  /** Wrapper methods being read (a method that returns a call of itself is no loss). */
  private readonly unwrapping = new Set<number>();

  /**
   * The call of a wrapper method (wrapperMethods.ts): the loss call its `return` makes, at this call's
   * place, with where it comes from said. Undefined when the returned call is not a loss call.
   */
  private wrapperCall(wrapper: WrapperMethod, site: CallSite): LazyLossCall | undefined {
    const { tokens, file } = this;
    const start = tokens.startAt(wrapper.callee);
    if (start < file.base || this.unwrapping.has(wrapper.scope)) return undefined;
    this.unwrapping.add(wrapper.scope);
    let inner: LazyLossCall | undefined;
    try {
      const to = wrapper.head + 1 < tokens.headCount ? tokens.heads[wrapper.head + 1]! : tokens.count;
      inner = this.search(tokens.heads[wrapper.head]!, to, wrapper.head, undefined).find((c) => c.start === start - file.base);
    } finally {
      this.unwrapping.delete(wrapper.scope);
    }
    if (!inner) return undefined;
    // Parameters passed on by keyword: the call's arguments by position are the loss's only when each keyword is the loss's parameter at that place.
    if (wrapper.keywords && !keywordsInPlace(inner.call(), wrapper.keywords)) return undefined;
    const returned = inner;
    return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => {
      const call = returned.call();
      const line = file.documentLine(start);
      // What the returned call writes is written there, not here.
      const there = file.resolvedOrigin(start);
      return {
        ...withOrigins(call, (origin) => (origin.kind === 'explicit' ? there : origin), true),
        start: site.start, end: site.end, nameStart: site.nameStart, nameEnd: site.nameEnd,
        through: { method: wrapper.name, line, start: returned.start },
      };
    });
  }

  /**
   * detectron2's LazyCall: `L(SetCriterion)(num_classes=80, loss_class_type="focal_loss", alpha=0.25)`
   * in a LazyConfig is the call instantiate() makes later, with these arguments (token `k` is `L`).
   */
  private lazyConfigCallAt(k: number, first: number, close: number, scope: number): LazyLossCall | undefined {
    const { tokens, file } = this;
    if (!isOp(tokens, close + 1, '(')) return undefined;
    const [target] = this.mapper.read(k + 2, close);
    if (!target || target.keyword !== '' || target.star !== '') return undefined;
    const [dotted, after] = readDotted(tokens, target.from, target.to);
    const found = dotted === '' || after !== target.to ? undefined : this.catalog.entry(dotted.split('.'));
    if (!found) return undefined;
    const outerClose = closeOf(tokens, close + 1);
    const written = this.mapper.read(close + 2, outerClose);
    const entry = this.variantOf(found, written);
    if (!entry) return undefined;
    const site: CallSite = {
      callee: `${file.source(first, close + 1).replace(/\s+/g, '')}(...)`,
      start: tokens.startAt(first) - file.base,
      end: file.endOf(outerClose) - file.base,
      nameStart: tokens.startAt(target.from) - file.base,
      nameEnd: tokens.endAt(target.to - 1) - file.base,
    };
    return lazy(site.start, site.end, site.nameStart, site.nameEnd, () => this.lossCall({ entry }, written, site, scope, tokens.startAt(k)));
  }

  /**
   * The entry a call of `entry` with `written` arguments computes: another one when its variant
   * parameter is written as a string literal naming it, none when that parameter is written any
   * other way (or positions reach it), which cannot be told from the file, and none when the call
   * writes a value the library refuses (a fork's loss: see CatalogEntry.refuses).
   */
  private variantOf(entry: CatalogEntry, written: readonly Argument[]): CatalogEntry | undefined {
    if (entry.refuses && writesLiteral(written, entry.refuses.param, entry.refuses.literal, (k) => this.file.text(k))) return undefined;
    const variant = entry.variant;
    if (!variant) return entry;
    const position = entry.params.findIndex((param) => param.name === variant.param);
    if (written.filter((arg) => arg.keyword === '' || arg.star !== '').length > position) return undefined;
    const arg = written.find((a) => a.keyword === variant.param);
    if (!arg) return entry;
    const value = arg.to === arg.from + 1 && this.tokens.kind[arg.from] === STRING ? pythonString(this.file.text(arg.from)) : undefined;
    if (value === undefined) return undefined;
    return value === entry.params[position]!.default ? entry : variant.others.get(value);
  }

  /** The call of a catalog API or of the user's own loss with `args`, written at `offset` in `scope`. */
  private lossCall(target: LossTarget, args: readonly Argument[], site: CallSite, scope: number, offset: number): LossCall {
    if (target.user) return userCall(this.file, this.mapper, target.user, args, site, scope);
    return this.mapper.catalogCall(target.entry!, args, site, scope, offset);
  }
}

/** Each imported file's loss calls (read alone), by its module: a wrapper's file is read once for all the calls of it. */
const NEAR_FINDERS = new WeakMap<PythonModule, PythonLossCalls>();

/** The loss calls on the logical line at `offset` of another file's module, read alone. */
function nearCallsOf(module: PythonModule, offset: number): LossCall[] {
  let finder = NEAR_FINDERS.get(module);
  if (!finder) NEAR_FINDERS.set(module, (finder = findPythonLossCalls(module.tokens.text, undefined, () => module)));
  return finder.near(offset).map((call) => call.call());
}

/** A library loss reached through a workspace module that imports it (`from lib import focal_loss`): said first. */
function reexportedCall(call: LossCall, through: { readonly file: string; readonly line: number }): LossCall {
  return { ...call, notes: [msg("{0} is the library's {1}: {2} imports it (line {3}) and this file takes it from there.", call.callee, call.api, through.file, through.line + 1), ...(call.notes ?? [])] };
}

/**
 * The names a loss call takes its first arguments by, in order: a function's own parameters; a torch loss
 * module's forward(input, target) and a Keras loss object's __call__(y_true, y_pred) for an instance
 * called. Undefined where the catalog does not say.
 */
function callParameterNames(call: LossCall): readonly string[] | undefined {
  const entry = BY_PATH.get(call.api);
  if (!entry) return undefined;
  const short = call.api.slice(call.api.lastIndexOf('.') + 1);
  if (!/^[A-Z]/.test(short)) return entry.params.filter((param) => !param.keywordOnly).map((param) => param.name);
  if (call.api.startsWith('torch.nn.')) return ['input', 'target'];
  if (call.api.startsWith('keras.losses.')) return ['y_true', 'y_pred'];
  return undefined;
}

/** Whether each keyword a wrapper passes its parameter i by is the loss's parameter i (so by position means the same). */
function keywordsInPlace(call: LossCall, keywords: readonly (string | undefined)[]): boolean {
  const names = callParameterNames(call);
  return names !== undefined && keywords.every((keyword, i) => keyword === undefined || names[i] === keyword);
}
