import type { Binding } from './binding';
import { BindingsAfterEdit, movedBindings, type BindingShift } from './bindingsAfterEdit';
import { LazyBindings } from './lazyBindings';
import { nameTokensSpelled } from './spelledTokens';
import { columnsAfterEdit, ColumnsBuilder, scopeOffset, type ScopeColumns } from './scopeColumns';
import type { TokenEdit } from './pythonRescan';
import { END, headOfToken, isName, isOp, NAME, NEWLINE, OP, tokenText as text, type PythonTokens } from './pythonScanner';

/*
 * What a Python file declares, read statement by statement from the tokens: imports, function and
 * class scopes (by indentation), parameter defaults and simple assignments. Values stay token ranges
 * here; values.ts evaluates them only when a loss call needs them.
 */

export type { Binding } from './binding';

export interface Parameter {
  readonly name: string;
  /** Token range of the default, from = -1 when there is none. */
  readonly from: number;
  readonly to: number;
  readonly offset: number;
  /** '*' or '**' for *args / **kwargs, '' otherwise. */
  readonly star: '' | '*' | '**';
  readonly keywordOnly: boolean;
}

export interface Scope {
  readonly kind: 'module' | 'def' | 'class';
  readonly name: string;
  readonly parent: number;
  readonly indent: number;
  readonly offset: number;
  /** Token index of the parameter list's '(' (def scopes), -1 otherwise; see parametersOf. */
  readonly paramsOpen: number;
  /** Filled on first use by parametersOf: most functions never need theirs parsed. */
  params: Parameter[] | undefined;
  readonly names: Map<string, Binding[]>;
  /** Class scopes: `self.x = ...` in any method, by attribute. */
  readonly selfAttributes: Map<string, Binding[]>;
  /** Class scopes: methods by name (scope index). */
  readonly methods: Map<string, number>;
}

/** A detectron2-style config assignment: `cfg.MODEL.RETINANET.FOCAL_LOSS_GAMMA = 2.0`. */
export interface ConfigAssignment {
  readonly key: string;
  /** The dotted target without its last segment, e.g. 'cfg.MODEL.RETINANET'. */
  readonly prefix: string;
  readonly targetFrom: number;
  readonly keyToken: number;
  readonly valueFrom: number;
  readonly valueTo: number;
  readonly scope: number;
}

export interface PythonModule {
  readonly tokens: PythonTokens;
  /** Every scope, in line order (scope 0 is the module). Builds them all: a lookup of one uses scope(). */
  readonly scopes: Scope[];
  /** Scope `index` (after an edit, built when first asked for). */
  scope(index: number): Scope;
  /** Scope index of each logical line (by head index). */
  readonly headScope: Int32Array;
  /** Local name -> fully qualified name ('F' -> 'torch.nn.functional', 'sfl' -> 'torchvision.ops.sigmoid_focal_loss'). */
  readonly imports: Map<string, string>;
  readonly starImports: string[];
  /** Functions and classes defined in the file, by name (scope index; the last definition wins). */
  readonly definitions: Map<string, number>;
  readonly configAssignments: ConfigAssignment[];
  /** The config assignments whose target starts in tokens [from, to), in order (without reading the others). */
  configAssignmentsIn(from: number, to: number): ConfigAssignment[];
}

export const MODULE_SCOPE = 0;

/*
 * Reading a module is split in two. The block structure (scopes, which scope each logical line is
 * in, imports, definitions) is read eagerly: one cheap pass over the lines' first tokens. What each
 * scope binds (assignments, `for` targets, nested definitions' names), the classes' `self.x`
 * attributes and the config assignments are read when first asked for, from the lines of that
 * scope only: the first hover after an edit resolves a few names in one or two scopes, and reading
 * every assignment of a 20,000-line file was most of its cost. Each lazy read runs the same
 * per-line reading in line order, so its result is exactly what an eager read of the file gives.
 */

export function readModule(tokens: PythonTokens): PythonModule {
  return new ModuleReader(tokens);
}

/**
 * The module of `tokens`, re-read from `previous` (the module of the tokens they were re-read from,
 * see rescanPython): when the edited lines hold no definition or import and leave the scope of the
 * lines after them as it was, the block structure is the previous one with the lines and offsets
 * after the edit moved (no walk over the file's lines); otherwise, and for any other `previous`,
 * a read from scratch. Either way the result equals readModule(tokens).
 */
export function readModuleAfterEdit(tokens: PythonTokens, previous: PythonModule, edit: TokenEdit, before: LinesBeforeEdit): PythonModule {
  const moved = previous instanceof ModuleReader ? structureAfterEdit(tokens, previous, edit, before) : undefined;
  return moved ? new ModuleReader(tokens, { previous: previous as ModuleReader, edit, ...moved }) : new ModuleReader(tokens);
}

/** What readModuleAfterEdit needs of the previous version's edited lines, read while its tokens are still its own (see rescanPython). */
export interface LinesBeforeEdit {
  /** Whether one of them is a definition or an import. */
  readonly structural: boolean;
  readonly indents: Int32Array;
}

export function linesBeforeEdit(previous: PythonModule, edit: TokenEdit): LinesBeforeEdit {
  const old = previous.tokens;
  let structural = false;
  for (let h = edit.restartHead; h < edit.oldEndHead && !structural; h++) structural = isStructural(old, h);
  return { structural, indents: old.headIndent.slice(edit.restartHead, edit.oldEndHead) };
}

/** The new headScope and the scopes whose end moved, when the edit leaves the block structure alone. */
function structureAfterEdit(tokens: PythonTokens, previous: ModuleReader, edit: TokenEdit, before: LinesBeforeEdit): { headScope: Int32Array; endedAt: Map<number, number> } | undefined {
  const { restartHead, oldEndHead, newEndHead } = edit;
  if (before.structural) return undefined;
  for (let h = restartHead; h < newEndHead; h++) if (isStructural(tokens, h)) return undefined;
  const scopes = previous.scopeColumns();
  // The scope the edited lines start in: the line before them opened it, or is in it.
  let enclosing = MODULE_SCOPE;
  if (restartHead > 0) {
    const opened = scopeOpenedAt(scopes, restartHead - 1);
    enclosing = opened >= 0 ? opened : previous.headScope[restartHead - 1]!;
  }
  // Both versions' edited lines, walked as readModule walks them (the stack is the scope's chain of parents).
  const walk = (indents: Int32Array, scopesOfLines: Int32Array | undefined, endedAt: Map<number, number> | undefined): number => {
    let top = enclosing;
    for (let k = 0; k < indents.length; k++) {
      const h = restartHead + k;
      const indent = indents[k]!;
      while (top !== MODULE_SCOPE && scopes.indent[top]! >= indent) {
        endedAt?.set(top, h);
        top = scopes.parent[top]!;
      }
      if (scopesOfLines) scopesOfLines[k] = top;
    }
    return top;
  };
  // The edited lines' scopes (the walk's k-th line is line restartHead + k).
  const edited = new Int32Array(newEndHead - restartHead);
  const endedAt = new Map<number, number>();
  const oldEnded = new Map<number, number>();
  if (walk(tokens.headIndent.subarray(restartHead, newEndHead), edited, endedAt) !== walk(before.indents, undefined, oldEnded)) return undefined;
  if (oldEnded.size !== endedAt.size || [...oldEnded.keys()].some((scope) => !endedAt.has(scope))) return undefined;
  // Same lines in the same scopes: the previous array serves (neither version writes to it), without a copy of every line's.
  if (newEndHead === oldEndHead && edited.every((scope, k) => scope === previous.headScope[restartHead + k])) return { headScope: previous.headScope, endedAt };
  const headScope = new Int32Array(tokens.headCount);
  headScope.set(previous.headScope.subarray(0, restartHead));
  headScope.set(edited, restartHead);
  headScope.set(previous.headScope.subarray(oldEndHead), newEndHead);
  return { headScope, endedAt };
}

/** Whether logical line `h` is a definition or an import (what opens scopes or binds imports). */
function isStructural(tokens: PythonTokens, h: number): boolean {
  const first = tokens.heads[h]!;
  if (tokens.kind[first] !== NAME) return false;
  const t = isName(tokens, first, 'async') ? first + 1 : first;
  return isName(tokens, t, 'def') || isName(tokens, t, 'class') || isName(tokens, t, 'import') || isName(tokens, t, 'from');
}

/** The scope opened by the definition on line `h`, or -1 (scopes are in line order: a binary search on where their bodies start). */
function scopeOpenedAt(scopes: ScopeColumns, h: number): number {
  let lo = 1;
  let hi = scopes.count - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const from = scopes.bodyFrom[mid]!;
    if (from === h + 1) return mid;
    if (from < h + 1) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

interface AfterEdit {
  readonly previous: ModuleReader;
  readonly edit: TokenEdit;
  readonly headScope: Int32Array;
  readonly endedAt: Map<number, number>;
}

class ModuleReader implements PythonModule {
  readonly headScope: Int32Array;
  readonly imports: Map<string, string>;
  readonly starImports: string[];
  readonly definitions: Map<string, number>;
  private configs: ConfigAssignment[] | undefined;
  /** Every scope: a read from scratch builds them all; a re-read after an edit builds each when first asked for (scope()). */
  private all: LazyScope[] | undefined;
  private readonly built = new Map<number, LazyScope>();
  /** The scopes that read something (see noteRead). */
  private readonly scopesRead = new Set<number>();
  private columns: ScopeColumns | undefined;
  /** A read from scratch: the columns as they were filled during the read (see ColumnsBuilder). */
  private columnsRead: ColumnsBuilder | undefined;
  /** After an edit: what the previous version's scopes had read, moved, for this version's scopes when built. */
  private readonly inherited = new Map<number, { names: Map<string, Binding[]> | undefined; self: Map<string, Binding[]> | undefined }>();

  constructor(readonly tokens: PythonTokens, after?: AfterEdit) {
    if (after) {
      // The previous structure, moved: imports and definitions (no line of the edit holds one) are the same.
      const { previous, edit, endedAt } = after;
      this.headScope = after.headScope;
      this.imports = previous.imports;
      this.starImports = previous.starImports;
      this.definitions = previous.definitions;
      const oldColumns = previous.scopeColumns();
      this.columns = columnsAfterEdit(oldColumns, edit, endedAt);
      // In the previous version's offsets (its tokens are not read: they were handed over to these).
      const shift: BindingShift = { from: edit.restartOffset, to: tokens.startAt(edit.newEndToken) - edit.delta, delta: edit.delta, tokenDelta: edit.newEndToken - edit.oldEndToken };
      // What the edited lines bind, by scope: the scopes whose bindings were read before take them from there.
      const addedNames = new Map<number, Map<string, Binding[]>>();
      const addedSelf = new Map<number, Map<string, Binding[]>>();
      for (let h = edit.restartHead; h < edit.newEndHead; h++) {
        const scope = this.headScope[h]!;
        const statement = readStatement(tokens, h, scope);
        if (statement === undefined || statement.kind === 'config') continue;
        if (statement.kind === 'self') {
          let owner = scope;
          while (owner >= 0 && oldColumns.kind[owner] !== 'class') owner = oldColumns.parent[owner]!;
          if (owner >= 0) bind(addedTo(addedSelf, owner), statement.name, statement.binding);
        } else if (statement.kind === 'for') {
          for (const [name, binding] of statement.targets) bind(addedTo(addedNames, scope), name, binding);
        } else {
          bind(addedTo(addedNames, scope), statement.name, statement.binding);
        }
      }
      // Only the previous scopes that read something are looked at (a hover reads a few).
      for (const [index, old] of previous.builtScopes()) {
        if (!old.hasRead()) continue;
        // A scope whose lines all come before the edit is the same in both versions: kept, with what it read so far.
        if (old.bodyTo < edit.restartHead && !endedAt.has(index)) this.built.set(index, old.movedTo(this));
        else this.inherited.set(index, old.readAfterEdit(this, shift, addedNames.get(index) ?? NO_BINDINGS, addedSelf.get(index) ?? NO_BINDINGS));
      }
      return;
    }
    this.imports = new Map();
    this.starImports = [];
    this.definitions = new Map();
    const headCount = tokens.headCount;
    this.headScope = new Int32Array(headCount);
    const scopes: LazyScope[] = [new LazyScope(this, MODULE_SCOPE, 'module', '', -1, -1, 0, -1, 0)];
    this.all = scopes;
    const columns = (this.columnsRead = new ColumnsBuilder());
    columns.add(scopes[0]!);
    const ended = (index: number, h: number) => {
      scopes[index]!.bodyTo = h;
      columns.setBodyTo(index, h);
    };
    const stack: number[] = [MODULE_SCOPE];
    for (let h = 0; h < headCount; h++) {
      const first = tokens.heads[h]!;
      const indent = tokens.headIndent[h]!;
      while (stack.length > 1 && scopes[stack[stack.length - 1]!]!.indent >= indent) ended(stack.pop()!, h);
      const scope = stack[stack.length - 1]!;
      this.headScope[h] = scope;
      if (tokens.kind[first] !== NAME) continue;
      const t = isName(tokens, first, 'async') ? first + 1 : first;
      if (isName(tokens, t, 'def') || isName(tokens, t, 'class')) {
        const isClass = isName(tokens, t, 'class');
        const nameToken = t + 1;
        if (tokens.kind[nameToken] !== NAME) continue;
        const name = text(tokens, nameToken);
        const index = scopes.length;
        const paramsOpen = !isClass && isOp(tokens, nameToken + 1, '(') ? nameToken + 1 : -1;
        const opened = new LazyScope(this, index, isClass ? 'class' : 'def', name, scope, indent, tokens.startAt(nameToken), paramsOpen, h + 1);
        scopes.push(opened);
        columns.add(opened);
        const parent = scopes[scope]!;
        if (parent.kind === 'class') parent.methods.set(name, index);
        else this.definitions.set(name, index);
        stack.push(index);
        continue;
      }
      const last = h + 1 < headCount ? tokens.heads[h + 1]! - 1 : tokens.count - 2;
      if (isName(tokens, t, 'import')) readImport(tokens, t + 1, last, this.imports);
      else if (isName(tokens, t, 'from')) readFromImport(tokens, t + 1, last, this.imports, this.starImports);
    }
    for (const open of stack) ended(open, headCount);
  }

  get scopes(): LazyScope[] {
    if (this.all === undefined) {
      const all: LazyScope[] = [];
      for (let index = 0; index < this.columns!.count; index++) all.push(this.scope(index));
      this.all = all;
    }
    return this.all;
  }

  scope(index: number): LazyScope {
    if (this.all !== undefined) return this.all[index]!;
    let scope = this.built.get(index);
    if (scope === undefined) {
      const c = this.columns!;
      scope = new LazyScope(this, index, c.kind[index]!, c.name[index]!, c.parent[index]!, c.indent[index]!, scopeOffset(c, index), c.paramsOpen[index]!, c.bodyFrom[index]!, c.methods[index]);
      scope.bodyTo = c.bodyTo[index]!;
      const read = this.inherited.get(index);
      if (read) scope.takeRead(read.names, read.self);
      this.built.set(index, scope);
    }
    return scope;
  }

  /** The scopes that read their bindings or parameters (LazyScope.hasRead), with others perhaps, and their indices. */
  builtScopes(): Iterable<[number, LazyScope]> {
    if (this.all === undefined) return this.built.entries();
    // Every scope is built: those built one by one before (after an edit) and those that read since.
    const all = this.all;
    const indices = new Set([...this.built.keys(), ...this.scopesRead]);
    return [...indices].map((index): [number, LazyScope] => [index, all[index]!]);
  }

  /**
   * Called by scope `index` when it first reads something: a read from scratch builds every scope,
   * and the first edit after it looks only at these (not at tens of thousands of scopes).
   */
  noteRead(index: number): void {
    this.scopesRead.add(index);
  }

  /** The block structure as columns (see scopeColumns.ts). */
  scopeColumns(): ScopeColumns {
    if (this.columns === undefined) {
      this.columns = this.columnsRead!.build();
      this.columnsRead = undefined;
    }
    return this.columns;
  }

  get configAssignments(): ConfigAssignment[] {
    if (this.configs === undefined) {
      this.configs = [];
      this.readStatements(0, this.tokens.headCount, (_head, statement) => {
        if (statement.kind === 'config') this.configs!.push(statement.config);
      });
    }
    return this.configs;
  }

  configAssignmentsIn(from: number, to: number): ConfigAssignment[] {
    const inRange = (config: ConfigAssignment) => config.targetFrom >= from && config.targetFrom < to;
    if (this.configs !== undefined) return this.configs.filter(inRange);
    const { tokens } = this;
    let fromHead = 0;
    let hi = tokens.headCount - 1;
    while (fromHead < hi) {
      const mid = (fromHead + hi + 1) >> 1;
      if (tokens.heads[mid]! <= from) fromHead = mid;
      else hi = mid - 1;
    }
    let toHead = fromHead;
    while (toHead < tokens.headCount && tokens.heads[toHead]! < to) toHead++;
    const found: ConfigAssignment[] = [];
    this.readStatements(fromHead, toHead, (_head, statement) => {
      if (statement.kind === 'config' && inRange(statement.config)) found.push(statement.config);
    });
    return found;
  }

  /** What `scope` binds, read from the lines directly in it (see LazyScope). */
  readNames(scope: LazyScope, index: number, names: Map<string, Binding[]>): void {
    this.readStatements(scope.bodyFrom, scope.bodyTo, (h, statement) => {
      if (this.headScope[h] !== index) return;
      if (statement.kind === 'definition' || statement.kind === 'name') bind(names, statement.name, statement.binding);
      else if (statement.kind === 'for') for (const [name, binding] of statement.targets) bind(names, name, binding);
    }, index);
  }

  /**
   * What `scope` binds to `name` (as readNames gives it), read from the lines directly in it where
   * a token spells `name` (every binding's name is such a token of its line), found in the text's
   * name index: the cost of the name's occurrences, not of the scope's lines.
   */
  readName(index: number, bodyFrom: number, bodyTo: number, name: string): Binding[] | undefined {
    const { tokens, headScope } = this;
    const found: Binding[] = [];
    let last = -1;
    for (const k of nameTokensSpelled(tokens, [name])) {
      const h = headOfToken(tokens, k);
      if (h === last || h < bodyFrom || h >= bodyTo || headScope[h] !== index) continue;
      last = h;
      const statement = readStatement(tokens, h, index);
      if (statement === undefined) continue;
      if (statement.kind === 'definition' || statement.kind === 'name') {
        if (statement.name === name) found.push(statement.binding);
      } else if (statement.kind === 'for') {
        for (const [target, binding] of statement.targets) if (target === name) found.push(binding);
      }
    }
    return found.length > 0 ? found : undefined;
  }

  /** The `self.x = ...` of the methods of class `index`: lines whose nearest enclosing class is it. */
  readSelfAttributes(scope: LazyScope, index: number, attributes: Map<string, Binding[]>): void {
    this.readStatements(scope.bodyFrom, scope.bodyTo, (h, statement) => {
      if (statement.kind === 'self' && enclosingClass(this, this.headScope[h]!) === index) bind(attributes, statement.name, statement.binding);
    });
  }

  /**
   * Reads the statements of lines [fromHead, toHead) in order. `onlyScope`: lines of other scopes
   * are skipped before being read (they cannot bind there).
   */
  private readStatements(fromHead: number, toHead: number, take: (head: number, statement: Statement) => void, onlyScope = -1): void {
    const { tokens, headScope } = this;
    for (let h = fromHead; h < toHead; h++) {
      if (onlyScope >= 0 && headScope[h] !== onlyScope) continue;
      const statement = readStatement(tokens, h, headScope[h]!);
      if (statement) take(h, statement);
    }
  }
}

/** What one logical line binds, as readModule records it. */
type Statement =
  | { readonly kind: 'definition' | 'name' | 'self'; readonly name: string; readonly binding: Binding }
  | { readonly kind: 'for'; readonly targets: [string, Binding][] }
  | { readonly kind: 'config'; readonly config: ConfigAssignment };

function readStatement(tokens: PythonTokens, h: number, scope: number): Statement | undefined {
  const first = tokens.heads[h]!;
  const last = h + 1 < tokens.headCount ? tokens.heads[h + 1]! - 1 : tokens.count - 2;
  let t = first;
  if (isName(tokens, t, 'async')) t++;
  if (isName(tokens, t, 'def') || isName(tokens, t, 'class')) {
    const nameToken = t + 1;
    if (tokens.kind[nameToken] !== NAME) return undefined;
    return { kind: 'definition', name: text(tokens, nameToken), binding: { scope, from: -1, to: -1, offset: tokens.startAt(nameToken) } };
  }
  if (isName(tokens, t, 'import') || isName(tokens, t, 'from')) return undefined;
  if (isName(tokens, t, 'for')) {
    const targets: [string, Binding][] = [];
    for (let k = t + 1; k < last && !isName(tokens, k, 'in'); k++) {
      if (tokens.kind[k] === NAME) targets.push([text(tokens, k), { scope, from: -1, to: -1, offset: tokens.startAt(k) }]);
    }
    return { kind: 'for', targets };
  }
  return readAssignment(tokens, t, last, scope);
}

/** Shared by scopes that are not classes: they never get self attributes or methods (saves two Maps per function). */
const NONE = new Map<never, never>();

/** A scope whose bindings are read on first use (see ModuleReader). */
class LazyScope implements Scope {
  private ownParams: Parameter[] | undefined;
  readonly methods: Map<string, number>;
  /** Its body: logical lines [bodyFrom, bodyTo) (nested scopes' lines included). */
  bodyTo = -1;
  private ownNames: Map<string, Binding[]> | undefined;
  private ownSelfAttributes: Map<string, Binding[]> | undefined;

  constructor(
    private reader: ModuleReader,
    private readonly index: number,
    readonly kind: Scope['kind'],
    readonly name: string,
    readonly parent: number,
    readonly indent: number,
    readonly offset: number,
    readonly paramsOpen: number,
    readonly bodyFrom: number,
    methods?: Map<string, number>,
  ) {
    this.ownParams = paramsOpen < 0 ? [] : undefined;
    this.methods = methods ?? (kind === 'class' ? new Map() : NONE);
  }

  get params(): Parameter[] | undefined {
    return this.ownParams;
  }

  /** Set by parametersOf when first parsed. */
  set params(params: Parameter[] | undefined) {
    this.ownParams = params;
    this.reader.noteRead(this.index);
  }

  /**
   * This scope in `reader`'s version, whose tokens and lines up to the scope's end are the same as
   * this one's: what is read lazily from now on is read there (so the previous version is not kept
   * alive by the scopes that outlive it).
   */
  movedTo(reader: ModuleReader): this {
    this.reader = reader;
    return this;
  }

  /** Whether this scope has read its bindings or parameters (what is worth keeping across an edit). */
  hasRead(): boolean {
    return this.ownNames !== undefined || this.ownSelfAttributes !== undefined || (this.paramsOpen >= 0 && this.params !== undefined);
  }

  /** What this scope read, moved by an edit (`shift`), with the edited lines' bindings added: for the same scope after the edit. */
  readAfterEdit(reader: ModuleReader, shift: BindingShift, addedNames: ReadonlyMap<string, readonly Binding[]>, addedSelf: ReadonlyMap<string, readonly Binding[]>): { names: Map<string, Binding[]> | undefined; self: Map<string, Binding[]> | undefined } {
    const names = this.ownNames;
    return {
      // Module names read one by one: those read carried over, the others read in the next version (`reader`).
      names: names instanceof ModuleNames && !names.isComplete ? names.afterEdit(reader, shift, addedNames) : names && BindingsAfterEdit.derive(names, shift, addedNames),
      self: this.ownSelfAttributes && BindingsAfterEdit.derive(this.ownSelfAttributes, shift, addedSelf),
    };
  }

  takeRead(names: Map<string, Binding[]> | undefined, self: Map<string, Binding[]> | undefined): void {
    this.ownNames = names;
    this.ownSelfAttributes = self;
  }

  get names(): Map<string, Binding[]> {
    if (this.ownNames === undefined) {
      this.reader.noteRead(this.index);
      if (this.kind === 'module') {
        // The module's lines are most of a file's: its names are read one by one (ModuleNames).
        this.ownNames = new ModuleNames(this.reader);
      } else {
        this.ownNames = new Map();
        this.reader.readNames(this, this.index, this.ownNames);
      }
    }
    return this.ownNames;
  }

  get selfAttributes(): Map<string, Binding[]> {
    if (this.kind !== 'class') return NONE;
    if (this.ownSelfAttributes === undefined) {
      this.reader.noteRead(this.index);
      this.ownSelfAttributes = new Map();
      this.reader.readSelfAttributes(this, this.index, this.ownSelfAttributes);
    }
    return this.ownSelfAttributes;
  }
}

/** Past this many names asked of one version, the module's names are all read at once. */
const MAX_NAMES_ONE_BY_ONE = 48;

/**
 * The module scope's bindings, name by name (ModuleReader.readName: a hover after an edit asks for a
 * few, such as whether the file binds `dict`), and every one by a read of the module's lines when
 * iterated. After an edit, the names read so far are carried over (moved as BindingsAfterEdit moves
 * them, with the edited lines' bindings); the others are read in the new version when asked for.
 */
class ModuleNames extends LazyBindings {
  /** Names worked out one by one so far (carried ones not counted). */
  private asked = 0;

  constructor(private readonly reader: ModuleReader) {
    super();
  }

  /** This map in the version `reader` reads, re-read after an edit (`shift`) whose lines bind `added` in the module. */
  afterEdit(reader: ModuleReader, shift: BindingShift, added: ReadonlyMap<string, readonly Binding[]>): ModuleNames {
    const next = new ModuleNames(reader);
    this.forEachKnown((name, bindings) => next.known(name, movedBindings(bindings, added.get(name), shift)));
    return next;
  }

  protected bindingsOf(name: string): Binding[] | undefined {
    // A reader asking for many names (a search of every call, the lint) reads the module's lines once instead.
    if (++this.asked > MAX_NAMES_ONE_BY_ONE) {
      this.complete();
      return super.get(name);
    }
    return this.reader.readName(MODULE_SCOPE, 0, this.reader.tokens.headCount, name);
  }

  protected everyBinding(): Iterable<[string, Binding[]]> {
    const all = new Map<string, Binding[]>();
    this.reader.readNames(this.reader.scope(MODULE_SCOPE), MODULE_SCOPE, all);
    return all;
  }
}

const NO_BINDINGS: ReadonlyMap<string, readonly Binding[]> = new Map();

function addedTo(byScope: Map<number, Map<string, Binding[]>>, scope: number): Map<string, Binding[]> {
  let map = byScope.get(scope);
  if (!map) byScope.set(scope, (map = new Map()));
  return map;
}

function bind(map: Map<string, Binding[]>, name: string, binding: Binding): void {
  const list = map.get(name);
  if (list) list.push(binding);
  else map.set(name, [binding]);
}


/** Index of the first top-level token in [from, to) that is the operator `op`, or -1. */
export function findTopLevel(tokens: PythonTokens, from: number, to: number, op: string): number {
  for (let k = from; k < to; k++) {
    if (isOp(tokens, k, op)) return k;
    const m = tokens.match[k]!;
    if (m > k && tokens.kind[k] === OP) {
      if (m >= to) return -1;
      k = m;
    }
  }
  return -1;
}

/** Splits [from, to) at top-level commas into [start, end) ranges (empty pieces dropped). */
export function splitTopLevel(tokens: PythonTokens, from: number, to: number): [number, number][] {
  const pieces: [number, number][] = [];
  let pieceStart = from;
  for (let k = from; k < to; k++) {
    const m = tokens.match[k]!;
    if (m > k && tokens.kind[k] === OP) {
      k = Math.min(m, to - 1);
      if (m >= to) break;
      continue;
    }
    if (isOp(tokens, k, ',')) {
      if (k > pieceStart) pieces.push([pieceStart, k]);
      pieceStart = k + 1;
    }
  }
  if (to > pieceStart) pieces.push([pieceStart, to]);
  return pieces;
}

/** End of the bracket opened at `open`: its closer, or the token that ended it unclosed. */
export function closeOf(tokens: PythonTokens, open: number): number {
  const m = tokens.match[open]!;
  return m > open ? m : tokens.count - 1;
}

/**
 * Where a bare `name` seen from `scope` is bound, by Python's scoping (class bodies are skipped
 * from the methods inside them): the innermost scope that binds it, with its bindings, or the def
 * whose parameter it is. Shared by value resolution (values.ts) and loss bindings (lossBindings.ts).
 */
export function lookUpName(module: PythonModule, name: string, scope: number): { readonly scope: number; readonly bindings: readonly Binding[] } | { readonly scope: number; readonly parameter: Parameter } | undefined {
  let innermost = true;
  for (let s = scope; s >= 0; s = module.scope(s).parent) {
    const current = module.scope(s);
    if (current.kind === 'class' && !innermost) continue;
    innermost = false;
    const bindings = current.names.get(name);
    if (bindings) return { scope: s, bindings };
    const parameter = current.kind === 'def' ? parametersOf(module.tokens, current).find((candidate) => candidate.name === name) : undefined;
    if (parameter) return { scope: s, parameter };
  }
  return undefined;
}

/** The class scope a method's `self` belongs to: the nearest enclosing class of `scope`, or -1. */
export function enclosingClass(module: PythonModule, scope: number): number {
  for (let s = scope; s >= 0; s = module.scope(s).parent) if (module.scope(s).kind === 'class') return s;
  return -1;
}

/** The parameters of a def scope, parsed on first use. */
export function parametersOf(tokens: PythonTokens, scope: Scope): readonly Parameter[] {
  if (scope.params === undefined) {
    scope.params = [];
    readParameters(tokens, scope.paramsOpen, scope.params);
  }
  return scope.params;
}

/** Whether a def scope has a parameter called one of `names` (without parsing its parameters). */
export function hasParameterNamed(tokens: PythonTokens, scope: Scope, names: readonly string[]): boolean {
  if (scope.paramsOpen < 0) return false;
  const close = closeOf(tokens, scope.paramsOpen);
  for (let k = scope.paramsOpen + 1; k < close; k++) {
    if (tokens.kind[k] === NAME && (isOp(tokens, k - 1, ',') || isOp(tokens, k - 1, '(') || isOp(tokens, k - 1, '*')) && names.some((name) => isName(tokens, k, name))) return true;
  }
  return false;
}

function readParameters(tokens: PythonTokens, open: number, into: Parameter[]): void {
  const close = closeOf(tokens, open);
  let keywordOnly = false;
  for (const [from, to] of splitTopLevel(tokens, open + 1, close)) {
    let k = from;
    let star: Parameter['star'] = '';
    if (isOp(tokens, k, '*') || isOp(tokens, k, '**')) {
      star = isOp(tokens, k, '*') ? '*' : '**';
      k++;
    }
    if (star === '*') keywordOnly = true;
    if (tokens.kind[k] !== NAME) continue; // '/' or a bare '*'
    const eq = findTopLevel(tokens, k + 1, to, '=');
    into.push({ name: text(tokens, k), from: eq < 0 ? -1 : eq + 1, to: eq < 0 ? -1 : to, offset: tokens.startAt(k), star, keywordOnly: keywordOnly && star === '' });
  }
}

/** `import a.b.c`, `import a.b as c, d`. */
function readImport(tokens: PythonTokens, from: number, to: number, imports: Map<string, string>): void {
  for (const [start, end] of splitTopLevel(tokens, from, to)) {
    const [dotted, next] = readDotted(tokens, start, end);
    if (!dotted) continue;
    if (isName(tokens, next, 'as') && tokens.kind[next + 1] === NAME) imports.set(text(tokens, next + 1), dotted);
    else imports.set(dotted.split('.')[0]!, dotted.split('.')[0]!);
  }
}

/** `from a.b import c as d, e`, `from a import (b, c)`, `from a import *`, `from .x import y`. */
function readFromImport(tokens: PythonTokens, from: number, to: number, imports: Map<string, string>, stars: string[]): void {
  let k = from;
  let relative = '';
  while (isOp(tokens, k, '.') || isOp(tokens, k, '...')) relative += text(tokens, k++);
  // `from . import x`: no module name after the dots (readDotted would take `import` for one).
  const [dotted, next] = relative !== '' && isName(tokens, k, 'import') ? ['', k] : readDotted(tokens, k, to);
  const module = relative + dotted;
  if (!isName(tokens, next, 'import')) return;
  let start = next + 1;
  let end = to;
  if (isOp(tokens, start, '(')) { end = Math.min(closeOf(tokens, start), to); start++; }
  if (isOp(tokens, start, '*')) { stars.push(module); return; }
  for (const [s, e] of splitTopLevel(tokens, start, end)) {
    if (tokens.kind[s] !== NAME) continue;
    const name = text(tokens, s);
    const local = isName(tokens, s + 1, 'as') && tokens.kind[s + 2] === NAME && s + 2 < e ? text(tokens, s + 2) : name;
    // `from .. import ops` is `..ops`: a module of dots only takes the name without another dot.
    imports.set(local, /^\.+$/.test(module) ? `${module}${name}` : `${module}.${name}`);
  }
}

/** Reads `a.b.c` from token `from`; returns the dotted text and the index after it. */
export function readDotted(tokens: PythonTokens, from: number, to: number): [string, number] {
  if (tokens.kind[from] !== NAME || from >= to) return ['', from];
  let dotted = text(tokens, from);
  let k = from + 1;
  while (k + 1 < to && isOp(tokens, k, '.') && tokens.kind[k + 1] === NAME) {
    dotted += '.' + text(tokens, k + 1);
    k += 2;
  }
  return [dotted, k];
}

const CONFIG_KEYS = new Set(['FOCAL_LOSS_GAMMA', 'FOCAL_LOSS_ALPHA']);

/** `x = value`, `x: T = value`, `self.x = value`, `x += value`, and detectron2 config assignments. */
function readAssignment(tokens: PythonTokens, first: number, last: number, scope: number): Statement | undefined {
  if (tokens.kind[first] !== NAME || tokens.kind[first + 1] !== OP) return undefined;
  // Cheap rejection of calls and other statements before building any strings.
  const next = tokens.text.charCodeAt(tokens.startAt(first + 1));
  if (next === 40 /* ( */ || next === 91 /* [ */ || next === 44 /* , */) return undefined;
  let after = first + 1;
  let segments = 1;
  while (after + 1 < last && isOp(tokens, after, '.') && tokens.kind[after + 1] === NAME) {
    after += 2;
    segments++;
  }
  let eq = after;
  if (isOp(tokens, eq, ':')) {
    eq = findTopLevel(tokens, eq + 1, last, '=');
    if (eq < 0) return undefined;
  }
  const augmented = tokens.kind[eq] === OP && tokens.endAt(eq) - tokens.startAt(eq) >= 2 && tokens.text.charCodeAt(tokens.endAt(eq) - 1) === 61 && !isOp(tokens, eq, '==');
  if (!isOp(tokens, eq, '=') && !augmented) return undefined;
  if (eq + 1 >= last || tokens.kind[eq + 1] === NEWLINE || tokens.kind[eq + 1] === END) return undefined;
  // Chained `a = b = 1`: the value is after the last '='.
  let valueFrom = eq + 1;
  for (let k = findTopLevel(tokens, valueFrom, last, '='); k >= 0; k = findTopLevel(tokens, valueFrom, last, '=')) valueFrom = k + 1;
  const binding: Binding = { scope, from: augmented ? -1 : valueFrom, to: augmented ? -1 : last, offset: tokens.startAt(first) };
  if (segments === 1) return { kind: 'name', name: text(tokens, first), binding };
  // Methods' self attributes belong to the enclosing class.
  if (segments === 2 && isName(tokens, first, 'self')) return { kind: 'self', name: text(tokens, first + 2), binding };
  const key = text(tokens, after - 1);
  if (CONFIG_KEYS.has(key) && !augmented) {
    const prefix = tokens.text.slice(tokens.startAt(first), tokens.endAt(after - 3)).replace(/\s+/g, '');
    return { kind: 'config', config: { key, prefix, targetFrom: first, keyToken: after - 1, valueFrom, valueTo: last, scope } };
  }
  return undefined;
}
