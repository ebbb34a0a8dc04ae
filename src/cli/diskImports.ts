import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { importedModuleNames, isLibraryModule, type ImportedSources, type ImporterSource } from '../language/recognition';

/*
 * The CLI's imported files: what a linted file imports from the files beside it, read from disk, for
 * the lint's models of other files (the editor reads them through VS Code: src/extension/importedFiles.ts).
 * A module `a.b` is looked for as `a/b.py` or `a/b/__init__.py` under the linted file's folder, its
 * package root (the folder above the topmost folder with an __init__.py on the way up) and the current
 * folder; `.a.b` relative to the file's package. Libraries' modules (torch, torchvision, ...) are not looked for.
 */

/** A model file is small; a bigger one is not read (as in the editor). */
const MAX_FILE_BYTES = 1_000_000;
/** Python files of one folder read for importers of a file: a project folder's scripts, not a dump of thousands. */
const MAX_FOLDER_FILES = 200;
/** Imports of one importing file followed to see whether they name the file. */
const MAX_IMPORTS = 24;

/** Texts read in one run, by absolute path (null: absent or too big): a folder's scripts import the same model file. */
export class DiskImports {
  private readonly texts = new Map<string, string | null>();

  constructor(private readonly cwd: string) {}

  /** The imported-files source for `file` (an absolute path). */
  sourcesFor(file: string): ImportedSources {
    const folder = dirname(file);
    const roots = [...new Set([folder, packageRoot(folder), resolve(this.cwd)])];
    const found = new Map<string, { text: string; file: string; uri: string } | undefined>();
    let importers: readonly ImporterSource[] | undefined;
    return {
      get: (name) => {
        if (!found.has(name)) found.set(name, this.find(name, folder, roots));
        return found.get(name);
      },
      importers: () => (importers ??= this.importersOf(file)),
    };
  }

  /**
   * The Python files beside `file` (its folder, its package root, the current folder) whose imports name it:
   * a script that passes the loss it builds to this file's training function.
   */
  private importersOf(file: string): ImporterSource[] {
    const folder = dirname(file);
    const target = resolve(file);
    const found: ImporterSource[] = [];
    for (const dir of new Set([folder, packageRoot(folder), resolve(this.cwd)])) {
      let names: string[];
      try {
        names = readdirSync(dir).filter((name) => name.endsWith('.py')).sort().slice(0, MAX_FOLDER_FILES);
      } catch {
        continue;
      }
      for (const name of names) {
        const path = resolve(dir, name);
        if (path === target || found.some((f) => f.uri === path)) continue;
        const text = this.read(path);
        if (text === null) continue;
        const from = dirname(path);
        const roots = [...new Set([from, packageRoot(from), resolve(this.cwd)])];
        const modules = importedModuleNames(text, MAX_IMPORTS).filter((module) => this.find(module, from, roots)?.uri === target);
        if (modules.length > 0) found.push({ text, file: relative(this.cwd, path) || path, modules, uri: path });
      }
    }
    return found;
  }

  private find(name: string, folder: string, roots: readonly string[]): { text: string; file: string; uri: string } | undefined {
    if (isLibraryModule(name) || !/^\.*[A-Za-z_][\w.]*$|^\.+$/.test(name)) return undefined;
    const dots = /^\.*/.exec(name)![0].length;
    const parts = name.slice(dots).split('.').filter(Boolean);
    let bases = roots;
    if (dots > 0) {
      let base = folder;
      for (let i = 1; i < dots; i++) base = dirname(base);
      bases = [base];
    }
    for (const base of bases) {
      const candidates = parts.length === 0 ? [join(base, '__init__.py')] : [join(base, ...parts.slice(0, -1), `${parts[parts.length - 1]}.py`), join(base, ...parts, '__init__.py')];
      for (const path of candidates) {
        const text = this.read(path);
        if (text !== null) return { text, file: relative(this.cwd, path) || path, uri: path };
      }
    }
    return undefined;
  }

  private read(path: string): string | null {
    let text = this.texts.get(path);
    if (text === undefined) {
      const stat = statSync(path, { throwIfNoEntry: false });
      text = stat?.isFile() && stat.size <= MAX_FILE_BYTES ? readFileSync(path, 'utf8') : null;
      this.texts.set(path, text);
    }
    return text;
  }

  /** Forgets a file written in this run (--fix), so an importer reads its new text. */
  forget(path: string): void {
    this.texts.delete(path);
  }
}

/** The folder above the topmost package holding `folder` (`folder` itself when it is no package). */
function packageRoot(folder: string): string {
  let root = folder;
  while (existsSync(join(root, '__init__.py')) && dirname(root) !== root) root = dirname(root);
  return root;
}
