import { importedModule, isLibraryModule, isName, isOp, lineOf, lineStartsOf, type ImportedSources, type PythonModule, type PythonTokens } from '../recognition';
import { readBindings, type BindingTable } from './bindings';
import { Flow, type Home, type ImportedKinds, type Obj, type Result, type Val } from './flow';
import { shortProducer } from './origin';
import { headOfToken, nameTokens } from './syntax';

/*
 * Models defined in another file of the workspace that this file imports: `from model import Net`,
 * `from .model import Net`, `import model` then `model.Net`, `import model as M` then `M.Net`. The
 * training script's `out = model(x)` then reads what Net's forward returns there, as it would for a
 * class of its own. The files come through recognition's ImportedSources (the hover's: the editor
 * reads them through VS Code, the CLI from disk), each parsed once per text (recognition's
 * importedModule, which the hover's imported losses read too) and analysed once per module (FLOWS).
 *
 * Certain only: the name is bound in this file by that one import and nothing else (no definition,
 * assignment, parameter, `as` / `for` / `global` target, other import of it, nor any star import that
 * could rebind it), and the other file defines it once at module level. One level: the other file's
 * own classes and functions; what it imports itself stays unknown there.
 */

/** A model file is small; a bigger one is not read (the extension reads files up to 1 MB). */
const MAX_IMPORTED_LENGTH = 1_000_000;

interface ImportedHome {
  readonly file: string;
  readonly uri?: string;
  readonly module: PythonModule;
  readonly flow: Flow;
  readonly lines: Int32Array;
}

/** The other files' flows by module: recognition reads each text once (importedModule), shared with the hover's imported losses. */
const FLOWS = new WeakMap<PythonModule, { readonly flow: Flow; readonly lines: Int32Array }>();

function homeOf(file: string, uri: string | undefined, text: string): ImportedHome | null {
  if (text.length > MAX_IMPORTED_LENGTH) return null;
  const module = importedModule(text);
  let analysis = FLOWS.get(module);
  if (!analysis) FLOWS.set(module, (analysis = { flow: new Flow(module, readBindings(module)), lines: lineStartsOf(module.tokens) }));
  return { file, ...(uri !== undefined ? { uri } : {}), module, ...analysis };
}

export class ImportedModels implements ImportedKinds {
  /** Per name: whether this file binds it by one import only. */
  private readonly onlyImported = new Map<string, boolean>();
  /** Per qualified name: what calling it gives (null: nothing certain). */
  private readonly exported = new Map<string, { readonly object: Obj | undefined; readonly returns: Result; readonly home: ImportedHome } | null>();

  constructor(
    private readonly module: PythonModule,
    private readonly table: BindingTable,
    private readonly sources: ImportedSources,
  ) {}

  object(dotted: string, qualified: string, from: number, to: number): Obj | undefined {
    const found = this.exportedAs(dotted, qualified);
    if (!found || found.object?.kind !== 'model') return undefined;
    const result = carried(found.object.result, found.home, this.module.tokens, from, to);
    return result ? { kind: 'model', result } : undefined;
  }

  returns(dotted: string, qualified: string, from: number, to: number): Result {
    const found = this.exportedAs(dotted, qualified);
    return found ? carried(found.returns, found.home, this.module.tokens, from, to) : undefined;
  }

  /** The other file's class or function `qualified` names (`model.Net` for `Net` or `M.Net`), when `dotted`'s head is only imported here. */
  private exportedAs(dotted: string, qualified: string) {
    let found = this.exported.get(qualified);
    if (found === undefined) {
      found = null;
      const last = qualified.lastIndexOf('.');
      const moduleName = qualified.slice(0, last);
      // (A library's module is the library's, whatever file of the same name the workspace holds.)
      const source = last > 0 && /^\.*[A-Za-z_][\w.]*$/.test(qualified) && !isLibraryModule(moduleName) ? this.sources.get(moduleName) : undefined;
      const home = source ? homeOf(source.file, source.uri, source.text) : null;
      const exported = home?.flow.exported(qualified.slice(last + 1));
      if (home && exported) found = { ...exported, home };
      this.exported.set(qualified, found);
    }
    if (!found) return undefined;
    const dot = dotted.indexOf('.');
    return this.isOnlyImported(dot < 0 ? dotted : dotted.slice(0, dot)) ? found : undefined;
  }

  /**
   * Whether `name` is bound in this file by exactly one import statement and nothing else: a name the
   * file also defines, assigns, takes as a parameter (any use in a def's line) or may get from a star
   * import stays this file's. Read from the bindings table and the name's tokens only (no scope is read).
   */
  private isOnlyImported(name: string): boolean {
    let only = this.onlyImported.get(name);
    if (only === undefined) this.onlyImported.set(name, (only = this.bindsOnlyByImport(name)));
    return only;
  }

  private bindsOnlyByImport(name: string): boolean {
    const m = this.module;
    if (!m.imports.has(name) || m.starImports.length > 0 || m.definitions.has(name)) return false;
    for (const names of this.table.names.values()) if (names.has(name)) return false;
    const t = m.tokens;
    let imports = 0;
    for (const k of nameTokens(t, name)) {
      const first = t.heads[headOfToken(t, k)]!;
      // In a def's line: a parameter of that name (or a default reading it; either way not certain).
      if (isName(t, first, 'def') || (isName(t, first, 'async') && isName(t, first + 1, 'def'))) return false;
      if (isName(t, first, 'import') || isName(t, first, 'from')) {
        if (importBinds(t, first, k)) imports++;
      } else if (isName(t, k - 1, 'as') || isName(t, k - 1, 'for') || isName(t, k - 1, 'global') || isName(t, k - 1, 'nonlocal') || isName(t, k - 1, 'del') || isOp(t, k + 1, ':=')) return false;
    }
    return imports === 1;
  }
}

/**
 * Whether the name token `k` of the import statement starting at token `first` binds its spelling:
 * `import name`, `import name.sub` (binds `name`), `from x import name`, but not the module path of
 * `from name import x` nor a name renamed with `as` (`import name as n`, `from x import name as n`).
 */
function importBinds(t: PythonTokens, first: number, k: number): boolean {
  let end = k;
  while (isOp(t, end + 1, '.') && t.kind[end + 2] === t.kind[k]) end += 2;
  if (isName(t, end + 1, 'as')) return false;
  if (isName(t, first, 'import')) return true;
  for (let i = first + 1; i < k; i++) if (isName(t, i, 'import')) return true;
  return false;
}

/**
 * The other file's result as this file sees it: the same kinds, produced by the model called at
 * [from, to) of this file, with where the other file makes each (Origin.home) for messages and
 * related information. Nothing of the other file's offsets is kept (no fix edits there).
 */
function carried(result: Result, home: ImportedHome, tokens: PythonTokens, from: number, to: number): Result {
  if (!result) return undefined;
  const one = (v: Val | undefined): Val | undefined => {
    const origin = v?.origin;
    if (!v || !origin) return undefined;
    const place = (offset: number) => {
      const line = lineOf(home.lines, offset);
      return { line, character: offset - home.lines[line]! };
    };
    const at: Home = { file: home.file, ...(home.uri !== undefined ? { uri: home.uri } : {}), start: place(v.producerStart), end: place(v.producerEnd), shown: shortProducer(home.module.tokens, v) };
    const inner: Val = {
      nature: v.nature, via: 'model', producerStart: tokens.start[from]!, producerEnd: tokens.end[to - 1]!, producerText: v.producerText,
      ...(v.column ? { column: true as const } : {}), ...(v.row ? { row: true as const } : {}), ...(v.exp ? { exp: true as const } : {}),
    };
    return { ...inner, origin: { owner: origin.owner, verb: origin.verb, index: origin.index, count: origin.count, inner, scope: -1, home: at } };
  };
  if ('tuple' in result) {
    const tuple = result.tuple.map(one);
    return tuple.some((v) => v !== undefined) ? { tuple } : undefined;
  }
  return one(result);
}
