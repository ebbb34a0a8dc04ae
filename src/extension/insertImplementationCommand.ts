import * as vscode from 'vscode';
import { chooseImplementation } from '../language/implementations/implementationChoice';
import type { ImplementationRequest } from '../language/implementations/implementationChoice';
import type { FocalImplementation, FocalImplementationId } from '../language/implementations';
import { INSERT_IMPLEMENTATION_COMMAND } from './commandIds';
import { localize } from './l10n';
import { argsObject, registerSafeCommand } from './safeCommand';

/**
 * "Insert Focal Loss Implementation": pick a framework and a model (sigmoid or softmax), or name them
 * in the argument ({framework, model?}: see implementationChoice.ts), and get a stable logit-space
 * implementation as a snippet. Returns the inserted implementation's id.
 */
export function registerInsertImplementation(output: vscode.OutputChannel): vscode.Disposable {
  return registerSafeCommand<FocalImplementationId>(INSERT_IMPLEMENTATION_COMMAND, output, async (...args) => {
    const choice = chooseImplementation(argsObject<ImplementationRequest>(args));
    let implementation: FocalImplementation | undefined;
    if (choice.kind === 'refuse') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Loss Lens: {0}', localize(choice.message)));
      return undefined;
    } else if (choice.kind === 'pick') {
      implementation = await vscode.window.showQuickPick(choice.candidates, {
        title: vscode.l10n.t('Loss Lens: Insert Focal Loss Implementation'),
        placeHolder: vscode.l10n.t('Which framework, and sigmoid (binary / multi-label) or softmax (multi-class)?'),
        matchOnDetail: true,
      });
      if (!implementation) return undefined;
    } else {
      implementation = choice.implementation;
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
