import * as vscode from 'vscode';
import { COPY_MARKDOWN_COMMAND } from './commandIds';
import { ExplorerPanel } from './explorerPanel';
import { registerSafeCommand } from './safeCommand';

/** "Copy Values as Markdown Table": the Loss Explorer's values table, as its own Copy button makes it. */
export function registerCopyMarkdownTable(output: vscode.OutputChannel): vscode.Disposable {
  return registerSafeCommand<string>(COPY_MARKDOWN_COMMAND, output, async () => {
    const panel = ExplorerPanel.current;
    if (!panel) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Loss Lens: open the Loss Explorer and add some values first.'));
      return undefined;
    }
    const text = await panel.copyTable('markdown');
    if (text === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Loss Lens: the Loss Explorer has no values to copy yet: add some, or compute a selection.'));
      return undefined;
    }
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Loss Lens: values copied as a Markdown table'), 3000);
    return text;
  });
}
