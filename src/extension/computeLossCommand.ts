import * as vscode from 'vscode';
import { LossInputError } from '../core';
import type { Prediction } from '../core';
import { parseGamma, parsePrediction, parseUnitInterval } from '../language/numberInput';
import type { Parsed } from '../language/numberInput';
import { COMPUTE_LOSS_COMMAND } from './commandIds';
import { computeReport, reportLines, summaryLine } from './lossReport';
import type { LossReport } from './lossReport';
import { argsObject, registerSafeCommand } from './safeCommand';
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

export function registerComputeLoss(output: vscode.OutputChannel, settings: () => LossLensSettings): vscode.Disposable {
  return registerSafeCommand(COMPUTE_LOSS_COMMAND, output, async (...args) => {
    const current = settings();
    const report = await gatherReport(argsObject<ComputeLossArgs>(args), current, 'Compute Loss');
    if (!report) return undefined; // the person cancelled
    output.appendLine(reportLines(report, current).join('\n'));
    output.appendLine('');
    void vscode.window.showInformationMessage(summaryLine(report, current), 'Show Details').then((choice) => {
      if (choice) output.show(true);
    });
    return report;
  });
}

/**
 * Asks for what `args` does not give, one validating input box at a time, and computes the report.
 * Undefined when the person presses Escape. Throws LossInputError for bad values passed as arguments.
 */
export async function gatherReport(args: ComputeLossArgs, settings: LossLensSettings, title: string): Promise<LossReport | undefined> {
  const ask = <T>(step: number, prompt: string, value: string, parse: (text: string) => Parsed<T>) => askValue(`Loss Lens: ${title} (${step}/4)`, prompt, value, parse);
  let prediction: Prediction | undefined;
  let note: string | undefined;
  if (args.p !== undefined) prediction = { p: args.p };
  else if (args.logit !== undefined) prediction = { logit: args.logit };
  else {
    const parsed = args.prediction !== undefined ? parsePrediction(args.prediction) : await askParsed(`Loss Lens: ${title} (1/4)`, 'Prediction: a probability p in [0, 1], or a logit (outside [0, 1], or logit=...)', '0.9', parsePrediction);
    if (!parsed) return undefined;
    if (!parsed.ok) throw new LossInputError('prediction', args.prediction, parsed.message);
    prediction = parsed.value;
    note = parsed.note;
  }
  const y = args.y ?? (await ask(2, 'Target y: 1 for a positive (foreground), 0 for a negative; soft targets in between', '1', (t) => parseUnitInterval(t, 'the target y')));
  if (y === undefined || y === null) return undefined;
  const defaultAlpha = settings.defaultAlpha === null ? 'none' : String(settings.defaultAlpha);
  const alpha = args.alpha !== undefined ? args.alpha : await ask(3, 'alpha: the weight of positives in [0, 1]; empty or "none" for no weighting', defaultAlpha, (t) => parseUnitInterval(t, 'alpha', true));
  if (alpha === undefined) return undefined;
  const gamma = args.gamma ?? (await ask(4, 'gamma: the focusing parameter, >= 0 (0 gives balanced CE)', String(settings.defaultGamma), parseGamma));
  if (gamma === undefined) return undefined;
  return computeReport(prediction, y, alpha, gamma, settings, note);
}

async function askValue<T>(title: string, prompt: string, value: string, parse: (text: string) => Parsed<T>): Promise<T | undefined> {
  const parsed = await askParsed(title, prompt, value, parse);
  return parsed?.ok ? parsed.value : undefined;
}

/** One input box that validates as the person types; undefined when they press Escape. */
async function askParsed<T>(title: string, prompt: string, value: string, parse: (text: string) => Parsed<T>): Promise<Parsed<T> | undefined> {
  const text = await vscode.window.showInputBox({
    title,
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
