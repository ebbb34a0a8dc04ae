// Where the integration suites find their fixture files, and small helpers to open them.
import * as vscode from 'vscode';

/** The workspace folder the harness opens (test/fixtures/workspace). */
export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration suites need the fixtures workspace folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The position of the `nth` character of the first occurrence of `needle` in the document. */
export function positionOf(document: vscode.TextDocument, needle: string, nth = 0): vscode.Position {
  const offset = document.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" is not in ${document.uri.path}`);
  return document.positionAt(offset + nth);
}

/** The text of every hover VS Code's providers give at a position. */
export async function hoverTexts(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value)));
}

/** The Loss Lens hover at a position (the one naming an API in bold), or undefined. */
export async function lossLensHover(uri: vscode.Uri, position: vscode.Position): Promise<string | undefined> {
  return (await hoverTexts(uri, position)).find((text) => text.includes('Open in Loss Explorer'));
}

/** The Loss Lens hover (its title names the API in bold) at the `nth` character of `needle` in `document`, or undefined. */
export async function lossHoverAt(document: vscode.TextDocument, needle: string, nth = 2): Promise<string | undefined> {
  return (await hoverTexts(document.uri, positionOf(document, needle, nth))).find((text) => /^\*\*[^*]+\*\* · /.test(text));
}

/**
 * The Loss Lens hover at a position that depends on other files: they are read in the background
 * after the first hover asks, so this asks again until the hover is there (undefined after 10 s).
 */
export async function lossLensHoverOnceRead(uri: vscode.Uri, position: vscode.Position): Promise<string | undefined> {
  return (await poll(() => lossLensHover(uri, position), (hover) => hover !== undefined)).value;
}

/** The Loss Lens diagnostics of `uri` once `accept` holds for them (by default: once there are some), or the last ones after 10 s. */
export async function lossLensDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean = (d) => d.length > 0): Promise<vscode.Diagnostic[]> {
  return (await poll(() => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Loss Lens'), accept)).value;
}

/** Sets a Loss Lens setting for the duration of `run`, then restores it. */
export async function withSetting<T>(key: string, value: unknown, run: () => Promise<T>): Promise<T> {
  const configuration = vscode.workspace.getConfiguration('lossLens');
  const before = configuration.inspect(key)?.globalValue;
  await configuration.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await run();
  } finally {
    await vscode.workspace.getConfiguration('lossLens').update(key, before, vscode.ConfigurationTarget.Global);
  }
}

/** The open Loss Explorer tabs. */
export function explorerTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('lossLens.explorer'));
}

/** Polls `condition` (tabs and editors change a moment after a command returns). */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  if (!(await poll(condition, (holds) => holds, timeoutMs)).accepted) throw new Error(`timed out waiting for ${what}`);
}

/**
 * Asks `probe` every 50 ms until `accept` holds for its answer or `timeoutMs` passes, and returns the
 * last answer and whether it was accepted: the one polling loop of the integration suites (what the
 * extension host does in the background has no event a test can wait on).
 */
export async function poll<T>(probe: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<{ value: T; accepted: boolean }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return { value, accepted: true };
    if (Date.now() > until) return { value, accepted: false };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A suite of hovers on one Python document, opened once the extension is active. */
export function describeHovers(title: string, content: string, tests: (opened: () => vscode.TextDocument) => void): void {
  describe(title, () => {
    let document: vscode.TextDocument | undefined;
    before(async () => {
      await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
      document = await vscode.workspace.openTextDocument({ language: 'python', content });
    });
    tests(() => document!);
  });
}
