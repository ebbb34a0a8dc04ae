import * as vscode from 'vscode';
import { registeredLossNames } from '../language/recognition';

/*
 * Losses the workspace registers itself under an OpenMMLab name: a vendored or forked mmdetection
 * (`mmdet/models/losses/focal_loss.py` in the workspace, whose body may differ from upstream's), or any
 * file of the workspace with `@LOSSES.register_module()` / `@MODELS.register_module()` on `class
 * FocalLoss` (or `register_module(name='FocalLoss')`). A config's `dict(type='FocalLoss')` then builds
 * that class, not upstream mmdet's, so the hover must not describe upstream's defaults as certain.
 * Found with vscode.workspace.findFiles (bounded globs, cached until a loss-named Python file is saved
 * or changed on disk, or a file or folder is created, deleted or renamed) and a text test of each file found (read through vscode.workspace.fs,
 * so virtual workspaces and the web work too). Installed packages (site-packages, dist-packages, a
 * virtualenv) are upstream's, never the workspace's own.
 */

/** Where a registered loss may live: files and folders named for losses (mmdet's own `models/losses/`). */
const GLOBS = ['**/*[lL]oss*.py', '**/*[lL]oss*/**/*.py'];
const EXCLUDE = '**/{node_modules,.git,site-packages,dist-packages,.venv,venv,.tox,build,dist}/**';
/** At most this many files per glob are read; a loss module is small, a bigger file is not read. */
const MAX_FILES = 400;
const MAX_FILE_BYTES = 1_000_000;

export class WorkspaceRegistrations implements vscode.Disposable {
  /** Registered name -> the workspace-relative path of the first file registering it; pending while scanning. */
  private scan: Promise<Map<string, string>> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    const touched = (uri: vscode.Uri) => {
      if (uri.path.endsWith('.py') && /loss/i.test(uri.path)) this.scan = undefined;
    };
    // A folder created, deleted or renamed may hold loss files (a vendored mmdet copied in or removed): scanned again.
    const moved = () => (this.scan = undefined);
    // Files changed outside the editor (a checkout, a copied mmdet) too.
    const watchers = GLOBS.map((glob) => vscode.workspace.createFileSystemWatcher(glob));
    this.subscriptions = [
      ...watchers,
      ...watchers.flatMap((watcher) => [watcher.onDidCreate(moved), watcher.onDidChange(touched), watcher.onDidDelete(moved)]),
      vscode.workspace.onDidSaveTextDocument((document) => touched(document.uri)),
      vscode.workspace.onDidCreateFiles(moved),
      vscode.workspace.onDidDeleteFiles(moved),
      vscode.workspace.onDidRenameFiles(moved),
    ];
  }

  /**
   * The workspace file that registers a loss called `name`, if any. The first ask waits for one bounded
   * scan (a hover on an OpenMMLab loss): saying upstream's values before knowing would be the false claim.
   */
  async registering(name: string): Promise<string | undefined> {
    const scan = (this.scan ??= scanWorkspace());
    try {
      return (await scan).get(name);
    } catch {
      // A search the workspace could not run (a file system without search): asked again next time.
      if (this.scan === scan) this.scan = undefined;
      return undefined;
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

async function scanWorkspace(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (!vscode.workspace.workspaceFolders?.length) return found;
  const seen = new Set<string>();
  const uris: vscode.Uri[] = [];
  for (const glob of GLOBS) {
    for (const uri of await vscode.workspace.findFiles(glob, EXCLUDE, MAX_FILES)) {
      if (!seen.has(uri.toString())) seen.add(uri.toString()), uris.push(uri);
    }
  }
  // In path order, so "the first file" is the same from one scan to the next.
  uris.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const texts = await Promise.all(uris.map(readSmall));
  uris.forEach((uri, i) => {
    const text = texts[i];
    if (!text || !text.includes('register_module')) return;
    for (const name of registeredLossNames(text)) if (!found.has(name)) found.set(name, vscode.workspace.asRelativePath(uri, false));
  });
  return found;
}

async function readSmall(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type !== vscode.FileType.File || stat.size > MAX_FILE_BYTES) return undefined;
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
