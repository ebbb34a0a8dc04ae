import * as vscode from 'vscode';
import type { ExplorerCall, ExplorerMulticlassCall } from '../protocol';
import { EXPLAIN_AT_CURSOR_COMMAND } from './commandIds';
import { documentName } from './documentSource';
import { explorerArgsOf } from './explorerCallOf';
import { localize } from './l10n';
import { ExplorerPanel } from './explorerPanel';
import type { RecognisedCalls } from './hoverProvider';
import { registerSafeCommand } from './safeCommand';
import type { LossLensSettings } from './settingsValues';

/** "Explain Loss Call at Cursor": the panel on the recognised call under the cursor, or a clear message. */
export function registerExplainAtCursor(output: vscode.OutputChannel, calls: RecognisedCalls, settings: () => LossLensSettings, extensionUri: vscode.Uri): vscode.Disposable {
  return registerSafeCommand<ExplorerCall | ExplorerMulticlassCall>(EXPLAIN_AT_CURSOR_COMMAND, output, async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Loss Lens: open a Python file, notebook or YAML config and put the cursor on a loss call.'));
      return undefined;
    }
    const call = await calls.builtCallAt(editor.document, editor.selection.active);
    if (!call) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t("Loss Lens: no loss call recognised at the cursor. Put it on a call such as sigmoid_focal_loss(...), FocalLoss(...), dict(type='FocalLoss', ...) or a FOCAL_LOSS_GAMMA setting."),
      );
      return undefined;
    }
    if (call.notModeled) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Loss Lens: {0} is recognised but not charted: {1}', call.api, localize(call.notModeled)));
      return undefined;
    }
    const view = explorerArgsOf(call, editor.document.positionAt(call.start).line, settings(), documentName(editor.document.uri));
    ExplorerPanel.createOrShow(extensionUri, view);
    return view.call ?? view.multiclassCall;
  });
}
