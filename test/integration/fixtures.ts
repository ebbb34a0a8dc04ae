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

/**
 * The Loss Lens hover at a position that depends on other files: they are read in the background
 * after the first hover asks, so this asks again (every 100 ms, for up to 10 s) until the hover is there.
 */
export async function lossLensHoverOnceRead(uri: vscode.Uri, position: vscode.Position): Promise<string | undefined> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const hover = await lossLensHover(uri, position);
    if (hover) return hover;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
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
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
