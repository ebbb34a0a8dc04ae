import * as vscode from 'vscode';
import { LossInputError } from '../core';
import { parseSelection } from '../language/selection';
import type { SelectionRefusal, SelectionValues } from '../language/selection';
import { COMPUTE_SELECTION_COMMAND } from './commandIds';
import { ExplorerPanel } from './explorerPanel';
import { localize } from './l10n';
import { computeLiveSelection, selectedExpressions } from './liveSelection';
import type { LiveLoss, LiveSelectionResult } from './liveSelection';
import type { PausedFrames } from './pausedFrame';
import { argsObject, registerSafeCommand } from './safeCommand';
import { selectionClassLosses } from './selectionClassLosses';
import { binarySelectionArgs, classSelectionArgs } from './selectionExplorerArgs';
import type { SelectionClassLosses } from './selectionClassLosses';
import { selectionLosses } from './selectionLosses';
import type { SelectionLosses } from './selectionLosses';
import type { LossLensSettings } from './settingsValues';

/** Arguments for tests and links: the text instead of the editor's selection, and y for predictions without targets. */
export interface ComputeSelectionArgs {
  readonly text?: string;
  /** 1, 0, or 'both' (each prediction as a positive and as a negative). */
  readonly y?: number | 'both';
  /** For a selection of one expression while paused: the target expression; and the loss to compute. */
  readonly target?: string;
  readonly loss?: LiveLoss;
}

export interface ComputeSelectionResult {
  /** Binary predictions. */
  readonly losses?: SelectionLosses;
  /** Rows of class logits with class-index targets. */
  readonly classLosses?: SelectionClassLosses;
  readonly refusal?: SelectionRefusal;
  /** Expressions computed with a paused session's values. */
  readonly live?: LiveSelectionResult;
}

export function registerComputeSelection(output: vscode.OutputChannel, settings: () => LossLensSettings, extensionUri: vscode.Uri, frames: PausedFrames): vscode.Disposable {
  return registerSafeCommand<ComputeSelectionResult>(COMPUTE_SELECTION_COMMAND, output, async (...args) => {
    const given = argsObject<ComputeSelectionArgs>(args);
    const text = given.text ?? selectedText();
    if (text === undefined) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Loss Lens: select numbers in an editor first (a number, a list, a tensor literal or two CSV columns).'));
      return undefined;
    }
    const parsed = parseSelection(text);
    // Expressions instead of numbers: computed with the values of a paused Python session.
    const expressions = parsed.ok ? undefined : selectedExpressions(text);
    if (expressions && 'refusal' in expressions) {
      void vscode.window.showErrorMessage(expressions.refusal);
      return { live: { refusal: expressions.refusal } };
    }
    if (expressions) {
      const live = await computeLiveSelection(frames, expressions.expressions, settings(), { target: given.target, loss: given.loss }, output);
      return live && { live };
    }
    if (!parsed.ok) {
      const reason = localize(parsed.message);
      const shown = parsed.offset === undefined
        ? vscode.l10n.t('Loss Lens: {0}', reason)
        : parsed.token === undefined
          ? vscode.l10n.t('Loss Lens: {0} (at character {1})', reason, parsed.offset + 1)
          : vscode.l10n.t('Loss Lens: {0} (at character {1}: "{2}")', reason, parsed.offset + 1, parsed.token);
      void vscode.window.showErrorMessage(shown);
      return { refusal: parsed };
    }
    const current = settings();
    if (parsed.kind === 'classes') {
      const classLosses = selectionClassLosses(parsed, current, current.defaultGamma);
      // The multi-class view plots the rows; probability rows with a 0 (logit -inf) are left out there.
      ExplorerPanel.createOrShow(extensionUri, classSelectionArgs(parsed, current.defaultGamma));
      report(output, classLosses.summary, classLosses.notes);
      return { classLosses };
    }
    const targeted = parsed.targets ? { values: parsed, targets: parsed.targets } : await withTargets(parsed, given.y);
    if (!targeted) return undefined; // cancelled
    const losses = selectionLosses(targeted.values, targeted.targets, current, current.defaultAlpha, current.defaultGamma);
    ExplorerPanel.createOrShow(extensionUri, binarySelectionArgs(losses.points, current.defaultAlpha, current.defaultGamma));
    report(output, losses.summary, losses.notes);
    return { losses };
  });
}

/** The summary and its notes, in the output channel and a notification. */
function report(output: vscode.OutputChannel, summary: string, notes: readonly string[]): void {
  const after = notes.length ? ` ${notes.join(' ')}` : '';
  output.appendLine(vscode.l10n.t('Selection: {0}.', summary) + after);
  void vscode.window.showInformationMessage(vscode.l10n.t('Loss Lens: {0}.', summary) + after);
}

function selectedText(): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selection.isEmpty) return undefined;
  return editor.document.getText(editor.selection);
}

/** Predictions without targets: y from the arguments, else asked; 'both' plots each prediction twice. */
async function withTargets(values: SelectionValues, given: number | 'both' | undefined): Promise<{ values: SelectionValues; targets: number[] } | undefined> {
  let y = given;
  if (y === undefined) {
    const items = [
      { label: 'y = 1', description: vscode.l10n.t('positives (foreground)'), y: 1 as const },
      { label: 'y = 0', description: vscode.l10n.t('negatives (background)'), y: 0 as const },
      { label: vscode.l10n.t('Both'), description: vscode.l10n.t('each prediction as a positive and as a negative'), y: 'both' as const },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Loss Lens: the selection has no targets'), placeHolder: vscode.l10n.t('Which target do these predictions have?') });
    if (!pick) return undefined;
    y = pick.y;
  }
  if (y === 'both') {
    const predictions = [...values.predictions, ...values.predictions];
    return { values: { ...values, predictions }, targets: predictions.map((_, i) => (i < values.predictions.length ? 1 : 0)) };
  }
  if (!(y === 0 || y === 1 || (typeof y === 'number' && y > 0 && y < 1))) {
    throw new LossInputError('y', y, "a target in [0, 1], or 'both'");
  }
  const target = y;
  return { values, targets: values.predictions.map(() => target) };
}
