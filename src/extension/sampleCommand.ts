import * as vscode from 'vscode';
import { OPEN_SAMPLE_COMMAND } from './commandIds';
import { sampleScript } from './sampleScript';

/**
 * Loss Lens: Open a Sample Training Script: an untitled Python document (nothing is written to
 * disk, so it works in untrusted, virtual and web workspaces alike) with a call to hover, numbers
 * to select and a mistake for the lint. Returns the document, for tests.
 */
export function registerOpenSample(): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, async (): Promise<vscode.TextDocument> => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: sampleScript(vscode.env.language) });
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  });
}
