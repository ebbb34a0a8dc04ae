import * as vscode from 'vscode';
import { importedModuleNames, reexportedModuleNames, type ImportedModules, type ImporterSource } from '../language/recognition';

/*
 * The workspace files a Python document imports (`from losses import FocalLoss`, `from .utils.losses
 * import ...`), read through vscode.workspace.fs so it also works in virtual workspaces and on the
 * web. Reading never blocks a hover: a file not read yet is read in the background and counts from
 * the next hover on. Texts are cached per file (an open editor's text by its version, a closed file's
 * by its modification time), and bounded in size and number.
 */

/** Imported modules read per document: a training script imports a handful of its own. */
const MAX_MODULES = 12;
/** A loss module is small; a bigger file is not read. */
const MAX_FILE_BYTES = 1_000_000;
/** Python files of one folder read for importers of a document (a project folder's scripts). */
const MAX_FOLDER_FILES = 200;
/** An mmdetection-style config's `_base_ = [...]` (or one string): the files it inherits from. */
const BASE_LINE = /^_base_[ \t]*=[ \t]*(\[[^\]]*\]|'[^'\n]*'|"[^"\n]*")/m;
const QUOTED_PY = /['"]([^'"\n]+\.py)['"]/g;

interface ReadFile {
  readonly text: string;
  readonly stamp: string;
}

export class ImportedFiles implements vscode.Disposable {
  /** Closed files by URI: their text, or null when absent or too big. */
  private readonly files = new Map<string, ReadFile | null>();
  private readonly reading = new Set<string>();
  /** Each document's imported module names and where each may be, by document version. */
  private readonly documents = new Map<string, { readonly uri: vscode.Uri; readonly version: number; readonly modules: readonly { name: string; candidates: vscode.Uri[] }[] }>();
  /** The `.py` files of each folder importers are looked for in (null: being listed), by folder URI. */
  private readonly folders = new Map<string, readonly vscode.Uri[] | null>();
  /**
   * A counter per folder, moved when a Python file in it is read, created, changed, deleted or edited: part of
   * the key of the documents beside it, whose importers (importerLosses.ts) may read differently then.
   */
  private readonly generations = new Map<string, number>();
  private readonly changed = new vscode.EventEmitter<readonly vscode.Uri[]>();
  /**
   * Fires with the documents whose imported files may read differently now: a file read in the
   * background (what a document asked for counts from then on), saved, created, changed or deleted
   * on disk, or an imported document opened, edited or closed. The lint re-lints them on it.
   */
  readonly onDidChangeImports = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    // A saved, created or deleted file may be one a document imports: read it again when asked.
    const forget = (uri: vscode.Uri) => {
      this.files.delete(uri.toString());
      this.notify(uri);
    };
    // A file created or deleted changes its folder's listing.
    const relist = (uri: vscode.Uri) => {
      this.folders.delete(vscode.Uri.joinPath(uri, '..').toString());
      forget(uri);
    };
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    this.subscriptions = [
      watcher,
      watcher.onDidCreate(relist),
      watcher.onDidChange(forget),
      watcher.onDidDelete(relist),
      vscode.workspace.onDidSaveTextDocument((document) => forget(document.uri)),
      vscode.workspace.onDidCreateFiles((event) => event.files.forEach(relist)),
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach(relist)),
      // An open document's text stands in for its file (stamped by its version): opening, editing and closing it change what importers read.
      vscode.workspace.onDidOpenTextDocument((document) => this.notify(document.uri)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.notify(event.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.documents.delete(document.uri.toString());
        this.notify(document.uri);
      }),
      this.changed,
    ];
  }

  /**
   * Tells the documents that import `uri` (it is one of their modules' candidates) that it may read differently, and
   * moves the generation of its folder: the documents beside it may be what it imports (importersOf).
   */
  private notify(uri: vscode.Uri): void {
    this.moved(vscode.Uri.joinPath(uri, '..').toString());
    const key = uri.toString();
    const importers: vscode.Uri[] = [];
    for (const document of this.documents.values()) {
      if (document.modules.some((module) => module.candidates.some((candidate) => candidate.toString() === key))) importers.push(document.uri);
    }
    if (importers.length > 0) this.changed.fire(importers);
  }

  /** What `document` imports from the workspace and the files beside it that import it, as far as they are read; undefined outside Python files. */
  modulesFor(document: vscode.TextDocument): ImportedModules | undefined {
    if (document.languageId !== 'python' || document.uri.scheme === 'vscode-notebook-cell') return undefined;
    const modules = this.importedModules(document);
    const pkg = packageOf(document.uri);
    const folders = importerFolders(document.uri);
    // The key is cheap (versions and stamps): a hover whose document and imports did not change finds
    // its calls cached and never asks for a text. Texts are fetched only when the document is re-read.
    const found = new Map<string, { uri: vscode.Uri; text: () => string | undefined }>();
    const stamps: string[] = [];
    for (const { name, candidates } of modules) {
      const readable = this.firstReadable(candidates);
      stamps.push(`${name}:${readable ? readable.stamp : 'none'}`);
      if (readable?.text) found.set(name, { uri: readable.uri, text: readable.text });
    }
    // A package's __init__.py that re-exports a loss (`from .loss import FocalLoss`): the module defining it too.
    for (const { name } of modules) {
      const readable = found.get(name);
      if (!readable) continue;
      for (const inner of this.reexportedModules(name, readable.uri, readable.text)) {
        if (found.has(inner) || found.size >= 2 * MAX_MODULES) continue;
        const there = this.firstReadable(candidatesOf(document.uri, inner));
        stamps.push(`${inner}:${there ? there.stamp : 'none'}`);
        if (there?.text) found.set(inner, { uri: there.uri, text: there.text });
      }
    }
    const get = (module: string) => {
      const readable = found.get(module);
      const text = readable?.text();
      return text === undefined ? undefined : { text, file: vscode.workspace.asRelativePath(readable!.uri, false), uri: readable!.uri.toString() };
    };
    const generations = folders.map((folder) => this.generations.get(folder.toString()) ?? 0).join(',');
    return { key: `${pkg ?? ''}|${stamps.join('|')}|${generations}`, get, importers: () => this.importersOf(document.uri, folders), ...(pkg ? { package: pkg } : {}) };
  }

  /** Each imported module's own modules it re-exports from, by URI and text (a hover asks again and again). */
  private readonly reexports = new Map<string, { readonly text: string; readonly names: readonly string[] }>();

  /** The modules of its own package the module `name` (at `uri`) imports, named as the document names modules. */
  private reexportedModules(name: string, uri: vscode.Uri, text: () => string | undefined): readonly string[] {
    const content = text();
    if (content === undefined) return [];
    const key = `${name}|${uri.toString()}`;
    const known = this.reexports.get(key);
    if (known && known.text === content) return known.names;
    const names = reexportedModuleNames(name, uri.path.endsWith('/__init__.py'), content, MAX_MODULES);
    if (this.reexports.size >= 4 * MAX_MODULES) this.reexports.delete(this.reexports.keys().next().value!);
    this.reexports.set(key, { text: content, names });
    return names;
  }

  /** The Python files of `folders` that import `document`, as far as they are read (the rest are read in the background). */
  private importersOf(document: vscode.Uri, folders: readonly vscode.Uri[]): ImporterSource[] {
    const target = document.toString();
    const found: ImporterSource[] = [];
    const seen = new Set<string>([target]);
    for (const folder of folders) {
      for (const uri of this.listing(folder)) {
        if (seen.has(uri.toString())) continue;
        seen.add(uri.toString());
        const text = this.firstReadable([uri])?.text?.();
        if (text === undefined) continue;
        const modules = importedModuleNames(text, MAX_MODULES).filter((name) => candidatesOf(uri, name).some((candidate) => candidate.toString() === target));
        if (modules.length > 0) found.push({ text, file: vscode.workspace.asRelativePath(uri, false), modules, uri: uri.toString() });
      }
    }
    return found;
  }

  /** The `.py` files of a folder, listed in the background on first use (none until then). */
  private listing(folder: vscode.Uri): readonly vscode.Uri[] {
    const key = folder.toString();
    const known = this.folders.get(key);
    if (known !== undefined) return known ?? [];
    this.folders.set(key, null);
    void (async () => {
      try {
        const entries = await vscode.workspace.fs.readDirectory(folder);
        const files = entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.py')).map(([name]) => name).sort().slice(0, MAX_FOLDER_FILES);
        this.folders.set(key, files.map((name) => vscode.Uri.joinPath(folder, name)));
      } catch {
        this.folders.set(key, []);
      } finally {
        this.moved(key);
      }
    })();
    return [];
  }

  /** Moves the generation of a folder (by URI string; see `generations`). */
  private moved(folder: string): void {
    this.generations.set(folder, (this.generations.get(folder) ?? 0) + 1);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private importedModules(document: vscode.TextDocument): readonly { name: string; candidates: vscode.Uri[] }[] {
    const key = document.uri.toString();
    const known = this.documents.get(key);
    if (known && known.version === document.version) return known.modules;
    const modules = importedModuleNames(document.getText(), MAX_MODULES).map((name) => ({ name, candidates: candidatesOf(document.uri, name) }));
    const bases = BASE_LINE.exec(document.getText())?.[1];
    for (const match of bases ? bases.matchAll(QUOTED_PY) : []) {
      // A base path is relative to the config's folder; it is looked up by the string as written.
      if (modules.length < 2 * MAX_MODULES) modules.push({ name: match[1]!, candidates: [vscode.Uri.joinPath(document.uri, '..', match[1]!)] });
    }
    this.documents.set(key, { uri: document.uri, version: document.version, modules });
    return modules;
  }

  /** The first candidate that exists: an open editor's text, or a closed file's cached text; unread ones are read in the background. */
  private firstReadable(candidates: readonly vscode.Uri[]): { uri: vscode.Uri; text?: () => string | undefined; stamp: string } | undefined {
    for (const uri of candidates) {
      const key = uri.toString();
      const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
      if (open) {
        const text = () => {
          const content = open.getText();
          return content.length <= MAX_FILE_BYTES ? content : undefined;
        };
        return { uri, text, stamp: `v${open.version}` };
      }
      const file = this.files.get(key);
      if (file === null) continue;
      if (file) return { uri, text: () => file.text, stamp: file.stamp };
      this.read(uri);
      return { uri, stamp: 'reading' };
    }
    return undefined;
  }

  private read(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.reading.has(key)) return;
    this.reading.add(key);
    void (async () => {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type !== vscode.FileType.File || stat.size > MAX_FILE_BYTES) {
          this.files.set(key, null);
          return;
        }
        const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
        this.files.set(key, { text, stamp: `m${stat.mtime}` });
      } catch {
        this.files.set(key, null); // absent (the usual case for all but one candidate)
      } finally {
        this.reading.delete(key);
        // The documents that asked count it from now on: the lint re-lints them (the hover reads it on its next call).
        this.notify(uri);
      }
    })();
  }
}

/** Libraries whose own source people read: inside them, relative imports name the library's APIs. */
const LIBRARY_PACKAGES = new Set(['torchvision', 'mmdet', 'mmcv', 'mmseg', 'mmrotate', 'mmyolo', 'kornia', 'transformers', 'monai', 'fvcore', 'detectron2', 'optax', 'keras', 'ultralytics', 'segmentation_models_pytorch', 'segmentation_models', 'ppdet', 'tensorflow_addons']);

/** The dotted package of a file inside a library's source tree ('torchvision.models.detection'), from its path. */
function packageOf(uri: vscode.Uri): string | undefined {
  const folders = uri.path.split('/').slice(0, -1);
  for (let i = folders.length - 1; i >= 0; i--) {
    if (LIBRARY_PACKAGES.has(folders[i]!)) return folders.slice(i).join('.');
  }
  return undefined;
}

/** Where files importing `document` are looked for: its folder and the workspace folder holding it (where a project's scripts live). */
function importerFolders(document: vscode.Uri): vscode.Uri[] {
  const folder = vscode.Uri.joinPath(document, '..');
  const root = vscode.workspace.getWorkspaceFolder(document)?.uri;
  return root && root.toString() !== folder.toString() ? [folder, root] : [folder];
}

/** Where module `name` imported from `document` may be: relative to its folder (and, for absolute names, each workspace folder). */
function candidatesOf(document: vscode.Uri, name: string): vscode.Uri[] {
  const dots = /^\.*/.exec(name)![0].length;
  const parts = name.slice(dots).split('.').filter(Boolean);
  let folder = vscode.Uri.joinPath(document, '..');
  for (let i = 1; i < dots; i++) folder = vscode.Uri.joinPath(folder, '..');
  const roots = dots > 0 ? [folder] : [folder, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)];
  const seen = new Set<string>();
  const candidates: vscode.Uri[] = [];
  for (const root of roots) {
    for (const uri of parts.length === 0 ? [vscode.Uri.joinPath(root, '__init__.py')] : [vscode.Uri.joinPath(root, ...parts.slice(0, -1), `${parts[parts.length - 1]}.py`), vscode.Uri.joinPath(root, ...parts, '__init__.py')]) {
      if (!seen.has(uri.toString())) candidates.push(uri), seen.add(uri.toString());
    }
  }
  return candidates;
}
