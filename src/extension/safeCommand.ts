import * as vscode from 'vscode';
import { LossInputError } from '../core';
import { describeError } from './describeError';

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
        void vscode.window.showErrorMessage(`Loss Lens: ${error.message}`);
      } else {
        output.appendLine(`${id} failed: ${describeError(error)}`);
        void vscode.window.showErrorMessage(`Loss Lens: ${id} failed unexpectedly (${error instanceof Error ? error.message : String(error)}). Details are in the Loss Lens output.`);
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
