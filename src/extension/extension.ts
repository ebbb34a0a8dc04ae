import * as vscode from 'vscode';
import { registerComputeLoss } from './computeLossCommand';
import { registerExplorer } from './explorerPanel';
import { LOSS_DOCUMENTS, LossHoverProvider, RecognisedCalls } from './hoverProvider';
import { SettingsStore } from './settings';

/** Activation is on demand (contributed commands); it only registers, so it stays cheap. */
export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Loss Lens');
  const settings = new SettingsStore(output);
  const calls = new RecognisedCalls();
  context.subscriptions.push(
    output,
    settings,
    calls,
    registerComputeLoss(output),
    registerExplorer(context),
    // Settings are read at each hover, so a change shows in the next one.
    vscode.languages.registerHoverProvider(LOSS_DOCUMENTS, new LossHoverProvider(calls, () => settings.current)),
  );
  output.appendLine(`Loss Lens activated in ${Date.now() - started} ms`);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
