import * as vscode from 'vscode';
import { FOCAL_IMPLEMENTATIONS } from '../language/implementations';
import type { FocalFramework } from '../language/implementations';
import { INSERT_IMPLEMENTATION_COMMAND } from './commandIds';
import { argsObject, registerSafeCommand } from './safeCommand';

/** "Insert Focal Loss Implementation": pick a framework, get a stable logit-space implementation as a snippet. */
export function registerInsertImplementation(output: vscode.OutputChannel): vscode.Disposable {
  return registerSafeCommand<FocalFramework>(INSERT_IMPLEMENTATION_COMMAND, output, async (...args) => {
    const given = argsObject<{ framework: FocalFramework }>(args).framework;
    const implementation =
      FOCAL_IMPLEMENTATIONS.find((candidate) => candidate.id === given) ??
      (given === undefined
        ? await vscode.window.showQuickPick(FOCAL_IMPLEMENTATIONS, { title: 'Loss Lens: Insert Focal Loss Implementation', placeHolder: 'Which framework?' })
        : undefined);
    if (!implementation) {
      if (given !== undefined) void vscode.window.showErrorMessage(`Loss Lens: no implementation for "${String(given)}"; choose pytorch, tensorflow or jax.`);
      return undefined;
    }
    let editor = vscode.window.activeTextEditor;
    if (!editor) {
      // Nowhere to insert: a new Python file rather than nothing.
      const document = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
      editor = await vscode.window.showTextDocument(document);
    }
    const inserted = await editor.insertSnippet(new vscode.SnippetString(implementation.snippet), editor.selection);
    if (!inserted) throw new Error('the editor did not accept the snippet');
    return implementation.id;
  });
}
