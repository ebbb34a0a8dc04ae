import * as vscode from 'vscode';
import { describeError } from './describeError';
import { documentName } from './documentSource';
import { explorerArgsOf } from './explorerCallOf';
import { ExplorerPanel } from './explorerPanel';
import type { RecognisedCalls } from './hoverProvider';
import type { LossLensSettings } from './settingsValues';

/** How long the cursor rests before the panel follows it: typing and arrowing through code stay cheap. */
const REST_MS = 150;

/**
 * Shows the recognised call under the cursor in the open Loss Explorer, when the setting allows and
 * the panel's lock is open. Does nothing at all while no panel is open.
 */
export function followCursor(calls: RecognisedCalls, settings: () => LossLensSettings, output: vscode.OutputChannel): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastShown = '';
  const show = async (editor: vscode.TextEditor) => {
    if (!ExplorerPanel.current?.following || !settings().followCursor) return;
    // A config naming a loss the workspace registers itself is not charted with upstream's numbers.
    const call = await calls.builtCallAt(editor.document, editor.selection.active);
    const panel = ExplorerPanel.current;
    const current = settings();
    if (!panel || !panel.following || !current.followCursor) return;
    // A loss the core does not model is not charted as if it were a focal loss.
    if (!call || call.notModeled) return;
    const key = `${editor.document.uri.toString()}#${editor.document.version}#${call.start}`;
    if (key === lastShown) return;
    const view = explorerArgsOf(call, editor.document.positionAt(call.start).line, current, documentName(editor.document.uri));
    const shown = view.multiclassCall ? panel.showMulticlassCall(view.multiclassCall, 'editor') : view.call !== undefined && panel.showCall(view.call, 'editor');
    if (shown) lastShown = key;
  };
  const subscription = vscode.window.onDidChangeTextEditorSelection((event) => {
    if (!ExplorerPanel.current) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      // A timer callback has no caller to report to: a failure is logged, never thrown into the host.
      show(event.textEditor).catch((error: unknown) => output.appendLine(vscode.l10n.t('Following the cursor failed: {0}', describeError(error))));
    }, REST_MS);
  });
  return new vscode.Disposable(() => {
    clearTimeout(timer);
    subscription.dispose();
  });
}
