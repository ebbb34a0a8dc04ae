import * as vscode from 'vscode';
import { LossInputError } from '../core';
import { describeError } from './describeError';
import { localize } from './l10n';

/**
 * Registers a command whose failures become messages: a LossInputError shows its own words, anything
 * else is reported and logged, and nothing is thrown into VS Code's error log.
 */
export function registerSafeCommand<R>(
  id: string,
  output: vscode.OutputChannel,
  run: (...args: unknown[]) => Promise<R | undefined> | R | undefined,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await run(...args);
    } catch (error) {
      if (error instanceof LossInputError) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Loss Lens: {0}', localize(error.message)));
      } else {
        output.appendLine(vscode.l10n.t('{0} failed: {1}', id, describeError(error)));
        void vscode.window.showErrorMessage(vscode.l10n.t('Loss Lens: {0} failed unexpectedly ({1}). Details are in the Loss Lens output.', id, error instanceof Error ? localize(error.message) : String(error)));
      }
      return undefined;
    }
  });
}

/** The first argument when it is an object (command links and tests pass one), else an empty one. */
export function argsObject<T extends object>(args: unknown[]): Partial<T> {
  const first = args[0];
  return typeof first === 'object' && first !== null && !Array.isArray(first) ? (first as Partial<T>) : {};
}
