// The Loss Explorer panel in a real workbench: one panel, revealed rather than duplicated, opened
// on a call, closed and reopened.
import * as assert from './assert';
import * as vscode from 'vscode';
import { explorerTabs, fixtureUri, waitFor } from './fixtures';

const OPEN = 'lossLens.openExplorer';

describe('Loss Explorer panel', () => {
  after(async () => {
    for (const tab of explorerTabs()) await vscode.window.tabGroups.close(tab);
  });

  it('is contributed as a command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(OPEN));
  });

  it('opens one panel, and a second run reveals it instead of opening another', async () => {
    await vscode.commands.executeCommand(OPEN);
    await waitFor(() => explorerTabs().length === 1, 'the explorer tab');
    assert.equal(explorerTabs()[0]!.label, 'Loss Explorer');
    await runOnCoveredPanel(OPEN);
  });

  it('is revealed again after another editor covers it', async () => {
    const tab = explorerTabs()[0]!;
    const document = await vscode.workspace.openTextDocument({ content: 'loss = sigmoid_focal_loss(x, y)\n', language: 'python' });
    await vscode.window.showTextDocument(document, { viewColumn: tab.group.viewColumn, preview: false });
    await waitFor(() => !explorerTabs()[0]!.isActive, 'the editor to cover the panel');
    await vscode.commands.executeCommand(OPEN);
    await waitFor(() => explorerTabs().length === 1 && explorerTabs()[0]!.isActive, 'the panel to be revealed');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor(() => explorerTabs().length === 0, 'all editors to close');
  });

  it('opens on a call and on points, and accepts a malformed argument without failing', async () => {
    await vscode.commands.executeCommand(OPEN, {
      call: { label: 'torchvision.ops.sigmoid_focal_loss (line 12)', api: 'torchvision.ops.sigmoid_focal_loss', kind: 'focal', alpha: 0.25, gamma: 2 },
      points: [{ p: 0.9, y: 1 }, { logit: -2, y: 0 }],
      source: 'integration test',
    });
    await waitFor(() => explorerTabs().length === 1, 'the explorer tab');
    await runOnCoveredPanel(OPEN, { call: 'not a call', points: 42 });
  });

  it('closes, and opens again as a new panel', async () => {
    await vscode.window.tabGroups.close(explorerTabs()[0]!);
    await waitFor(() => explorerTabs().length === 0, 'the tab to close');
    await vscode.commands.executeCommand(OPEN);
    await waitFor(() => explorerTabs().length === 1, 'the explorer tab again');
  });
});

/**
 * Covers the open panel with an editor, runs `command`, and waits for the panel's tab to be active
 * again: the state that says the command has done its work, whether it revealed the panel or (wrongly)
 * opened a second one. Revealing it beside the covering editor moves it to another group, which the
 * tab model shows as a moment with the tab in both: one tab must remain, not two.
 */
async function runOnCoveredPanel(command: string, ...args: unknown[]): Promise<void> {
  const tab = explorerTabs()[0]!;
  // A saved file of the workspace: closing it asks nothing.
  const document = await vscode.workspace.openTextDocument(fixtureUri('train.py'));
  await vscode.window.showTextDocument(document, { viewColumn: tab.group.viewColumn, preview: false });
  await waitFor(() => !explorerTabs().some((t) => t.isActive), 'the editor to cover the panel');
  await vscode.commands.executeCommand(command, ...args);
  await waitFor(() => explorerTabs().some((t) => t.isActive), 'an active Loss Explorer tab');
  await waitFor(() => explorerTabs().length === 1, `one Loss Explorer tab (${explorerTabs().length})`);
  await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === document.uri.toString()));
}
