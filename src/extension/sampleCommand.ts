import * as vscode from 'vscode';
import { OPEN_SAMPLE_COMMAND } from './commandIds';
import { sampleScript } from './sampleScript';

/**
 * Loss Lens: Open a Sample Training Script: an untitled Python document (nothing is written to
 * disk, so it works in untrusted, virtual and web workspaces alike) with a call to hover, numbers
 * to select and a mistake for the lint. Returns the document, for tests.
 */
export function registerOpenSample(): vscode.Disposable {
  let opened = 0;
  return vscode.commands.registerCommand(OPEN_SAMPLE_COMMAND, async (): Promise<vscode.TextDocument> => {
    // A name of its own: an anonymous untitled document can be handed an earlier untitled one's
    // name ("Untitled-1") while that one is still open unseen, and its text with it (seen in the web
    // worker host), so the sample would not be the sample.
    opened++;
    const uri = vscode.Uri.from({ scheme: 'untitled', path: `loss_lens_sample${opened > 1 ? `_${opened}` : ''}.py` });
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.getText() === '') {
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), sampleScript(vscode.env.language));
      await vscode.workspace.applyEdit(edit);
    }
    const sample = document.languageId === 'python' ? document : await vscode.languages.setTextDocumentLanguage(document, 'python');
    await vscode.window.showTextDocument(sample, { preview: false });
    return sample;
  });
}
