import * as vscode from 'vscode';
import { registerComputeLoss } from './computeLossCommand';

/** Activation is on demand (contributed commands); it only registers, so it stays cheap. */
export function activate(context: vscode.ExtensionContext): void {
  const started = Date.now();
  const output = vscode.window.createOutputChannel('Loss Lens');
  context.subscriptions.push(output, registerComputeLoss(output));
  output.appendLine(`Loss Lens activated in ${Date.now() - started} ms`);
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
