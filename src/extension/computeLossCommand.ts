import * as vscode from 'vscode';
import { LossInputError } from '../core';
import type { Prediction } from '../core';
import { parseGamma, parsePrediction, parseUnitInterval } from '../language/numberInput';
import type { Parsed } from '../language/numberInput';
import { computeReport, reportLines, summaryLine } from './lossReport';
import type { LossReport } from './lossReport';
import { COMPUTE_LOSS_COMMAND } from './commandIds';
import { readSettings } from './settings';
import type { LossLensSettings } from './settingsValues';


/**
 * Arguments for running the command without prompts (tests, command links). A prediction is `p`,
 * `logit`, or `prediction` as typed text; whatever is missing is asked for.
 */
export interface ComputeLossArgs {
  readonly p?: number;
  readonly logit?: number;
  readonly prediction?: string;
  readonly y?: number;
  readonly alpha?: number | null;
  readonly gamma?: number;
}

export function registerComputeLoss(output: vscode.OutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(COMPUTE_LOSS_COMMAND, async (args?: ComputeLossArgs) => {
    try {
      const settings = readSettings(output);
      const report = await gatherReport(isArgs(args) ? args : {}, settings);
      if (!report) return undefined; // the person cancelled
      output.appendLine(reportLines(report, settings).join('\n'));
      output.appendLine('');
      void vscode.window.showInformationMessage(summaryLine(report, settings), 'Show Details').then((choice) => {
        if (choice) output.show(true);
      });
      return report;
    } catch (error) {
      // Every bad value ends here as a message, never as an exception in VS Code's log.
      const message = error instanceof LossInputError ? error.message : `Unexpected error: ${String(error)}`;
      void vscode.window.showErrorMessage(`Loss Lens: ${message}`);
      return undefined;
    }
  });
}

function isArgs(value: unknown): value is ComputeLossArgs {
  return typeof value === 'object' && value !== null;
}

async function gatherReport(args: ComputeLossArgs, settings: LossLensSettings): Promise<LossReport | undefined> {
  let prediction: Prediction | undefined;
  let note: string | undefined;
  if (args.p !== undefined) prediction = { p: args.p };
  else if (args.logit !== undefined) prediction = { logit: args.logit };
  else {
    const parsed = args.prediction !== undefined ? parsePrediction(args.prediction) : await ask(1, 'Prediction: a probability p in [0, 1], or a logit (outside [0, 1], or logit=...)', '0.9', parsePrediction);
    if (!parsed) return undefined;
    if (!parsed.ok) throw new LossInputError('prediction', args.prediction, parsed.message);
    prediction = parsed.value;
    note = parsed.note;
  }
  const y = args.y ?? (await askValue(2, 'Target y: 1 for a positive (foreground), 0 for a negative; soft targets in between', '1', (t) => parseUnitInterval(t, 'the target y')));
  if (y === undefined || y === null) return undefined;
  const alpha = args.alpha !== undefined ? args.alpha : await askValue(3, 'alpha: the weight of positives in [0, 1]; empty or "none" for no weighting', settings.defaultAlpha === null ? 'none' : String(settings.defaultAlpha), (t) => parseUnitInterval(t, 'alpha', true));
  if (alpha === undefined) return undefined;
  const gamma = args.gamma ?? (await askValue(4, 'gamma: the focusing parameter, >= 0 (0 gives balanced CE)', String(settings.defaultGamma), parseGamma));
  if (gamma === undefined || gamma === null) return undefined;
  return computeReport(prediction, y, alpha, gamma, settings, note);
}

async function askValue<T>(step: number, prompt: string, value: string, parse: (text: string) => Parsed<T>): Promise<T | undefined> {
  const parsed = await ask(step, prompt, value, parse);
  if (!parsed) return undefined;
  return parsed.ok ? parsed.value : undefined;
}

/** One input box that validates as the person types; undefined when they press Escape. */
async function ask<T>(step: number, prompt: string, value: string, parse: (text: string) => Parsed<T>): Promise<Parsed<T> | undefined> {
  const text = await vscode.window.showInputBox({
    title: `Loss Lens: Compute Loss (${step}/4)`,
    prompt,
    value,
    ignoreFocusOut: true,
    validateInput: (input) => {
      const parsed = parse(input);
      if (!parsed.ok) return parsed.message;
      return parsed.note ? { message: parsed.note, severity: vscode.InputBoxValidationSeverity.Info } : undefined;
    },
  });
  return text === undefined ? undefined : parse(text);
}
