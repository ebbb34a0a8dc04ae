import { BY_PATH, CONVENTIONAL_HEADS, type CatalogEntry } from './catalog';
import { MODULE_SCOPE, type PythonModule } from './pythonModule';

/*
 * Which catalog API a dotted callee names in one file: through the file's imports (relative ones made
 * absolute inside a library's own source), its star imports, or a conventional head (`F.`, `nn.`,
 * `tf.`) the file binds to nothing.
 */
export class CatalogLookup {
  /** Local names imported straight from a catalog API (`from torchvision.ops import sigmoid_focal_loss as sfl`). */
  readonly importedApis = new Set<string>();
  /** Local names of detectron2's LazyCall (`from detectron2.config import LazyCall as L`). */
  readonly lazyCallNames = new Set<string>();
  /** Relative imports made absolute with the document's package (only those that differ from what is written). */
  private readonly absoluteImports = new Map<string, string>();

  constructor(private readonly module: PythonModule, documentPackage: string | undefined) {
    for (const [local, written] of module.imports) {
      const qualified = absoluteImport(written, documentPackage);
      if (qualified !== written) this.absoluteImports.set(local, qualified);
      if (BY_PATH.has(qualified)) this.importedApis.add(local);
      if (LAZY_CALLS.has(qualified)) this.lazyCallNames.add(local);
    }
  }

  /** Whether `segments` name detectron2's LazyCall (imported, or `detectron2.config.LazyCall`). */
  isLazyCall(segments: readonly string[]): boolean {
    if (segments.length === 1) return this.lazyCallNames.has(segments[0]!);
    const head = this.module.imports.get(segments[0]!);
    return head !== undefined && LAZY_CALLS.has([head, ...segments.slice(1)].join('.'));
  }

  /**
   * What another workspace module re-exports under a qualified name (userLosses.ts reexported), where
   * the imported files are read: set by the call finder, absent otherwise.
   */
  reexported?: (qualified: string) => { readonly qualified: string; readonly file: string; readonly line: number } | undefined;

  /** The catalog entry `head.rest...` names, if any. */
  entry(segments: readonly string[]): CatalogEntry | undefined {
    return this.entryThrough(segments)?.entry;
  }

  /** The catalog entry `head.rest...` names, and the module that re-exports it when it is reached through one. */
  entryThrough(segments: readonly string[]): { readonly entry: CatalogEntry; readonly through?: { readonly file: string; readonly line: number } } | undefined {
    const qualified = this.qualifiedName(segments);
    if (qualified !== undefined) {
      const entry = BY_PATH.get(qualified);
      if (entry) return { entry };
      // `from lib import focal_loss`, lib.py importing kornia's: only for a head the file imports (a conventional head is the library's).
      const head = segments[0]!;
      // A name the file also defines or assigns at its top level may be that instead.
      if (!this.reexported || !(this.absoluteImports.has(head) || this.module.imports.has(head)) || this.module.definitions.has(head) || this.module.scope(MODULE_SCOPE).names.has(head)) return undefined;
      const through = this.reexported(qualified);
      const reached = through && BY_PATH.get(through.qualified);
      return reached ? { entry: reached, through: { file: through.file, line: through.line } } : undefined;
    }
    return this.starEntry(segments);
  }

  private starEntry(segments: readonly string[]): { readonly entry: CatalogEntry } | undefined {
    if (segments.length > 1) return undefined;
    for (const star of this.module.starImports) {
      const entry = BY_PATH.get(`${star}.${segments[0]!}`);
      if (entry) return { entry };
    }
    return undefined;
  }

  /**
   * The fully qualified name `head.rest...` stands for, through the file's imports or a conventional
   * head the file binds to nothing (`torch.hub.load`); undefined for a head the file does not import.
   */
  qualifiedName(segments: readonly string[]): string | undefined {
    const head = segments[0]!;
    const rest = segments.slice(1);
    const imported = this.absoluteImports.get(head) ?? this.module.imports.get(head);
    if (imported !== undefined) return [imported, ...rest].join('.');
    if (segments.length === 1) return undefined;
    const conventional = CONVENTIONAL_HEADS.get(head);
    if (conventional === undefined || this.isBound(head)) return undefined;
    return [conventional, ...rest].join('.');
  }

  /** Whether the file binds `name` at module level (an import, a definition or an assignment). */
  isBound(name: string): boolean {
    return this.module.imports.has(name) || this.module.definitions.has(name) || this.module.scope(MODULE_SCOPE).names.has(name);
  }
}

/** detectron2's LazyCall (detectron2/config/__init__.py exports it from detectron2/config/lazy.py). */
const LAZY_CALLS: ReadonlySet<string> = new Set(['detectron2.config.LazyCall', 'detectron2.config.lazy.LazyCall']);

/** `...ops.sigmoid_focal_loss` imported from package `torchvision.models.detection`: `torchvision.ops.sigmoid_focal_loss`. */
function absoluteImport(written: string, pkg: string | undefined): string {
  if (!written.startsWith('.') || !pkg) return written;
  const dots = /^\.+/.exec(written)![0].length;
  const parts = pkg.split('.');
  if (dots - 1 >= parts.length) return written;
  return [...parts.slice(0, parts.length - (dots - 1)), written.slice(dots)].filter(Boolean).join('.');
}
