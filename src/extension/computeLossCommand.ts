import * as vscode from 'vscode';
import { LossInputError } from '../core';
import type { Prediction } from '../core';
import { parseGamma, parsePrediction, parseUnitInterval } from '../language/input/numberInput';
import type { Parsed } from '../language/input/numberInput';
import { looksLikeClassScores, parseClassIndex, parseClassScores } from '../language/input/classScoresInput';
import type { ClassScores } from '../language/input/classScoresInput';
import { computeSoftmaxReport, softmaxReportLines, softmaxSummaryLine } from './softmaxReport';
import type { SoftmaxReport } from './softmaxReport';
import type { SoftmaxSpec } from './softmaxSpec';
import type { ComputeLossArgs } from './computeLossArgs';
import { acceptsClassScores, binaryQuestionCount, isSoftmaxSample, softmaxQuestionCount, StepTitles } from './computeLossSteps';

export type { ComputeLossArgs } from './computeLossArgs';
import { COMPUTE_LOSS_COMMAND } from './commandIds';
import { computeReport, reportLines, summaryLine } from './lossReport';
import type { LossReport } from './lossReport';
import { localize } from './l10n';
import { argsObject, registerSafeCommand } from './safeCommand';
import type { LossLensSettings } from './settingsValues';

export type ComputeLossResult = LossReport | SoftmaxReport;

export function registerComputeLoss(output: vscode.OutputChannel, settings: () => LossLensSettings): vscode.Disposable {
  return registerSafeCommand<ComputeLossResult>(COMPUTE_LOSS_COMMAND, output, async (...args) => {
    const current = settings();
    const report = await gatherReport(argsObject<ComputeLossArgs>(args), current, vscode.l10n.t('Compute Loss'));
    if (!report) return undefined; // the person cancelled
    const softmax = 'probabilities' in report;
    output.appendLine((softmax ? softmaxReportLines(report, current) : reportLines(report, current)).join('\n'));
    output.appendLine('');
    const summary = softmax ? softmaxSummaryLine(report, current) : summaryLine(report, current);
    void vscode.window.showInformationMessage(summary, vscode.l10n.t('Show Details')).then((choice) => {
      if (choice) output.show(true);
    });
    return report;
  });
}

/** Numbered input boxes that validate as the person types (numbering: computeLossSteps.ts). */
class Steps {
  constructor(readonly titles: StepTitles) {}

  ask<T>(prompt: string, value: string, parse: (text: string) => Parsed<T>): Promise<Parsed<T> | undefined> {
    return askParsed(this.titles.next(), prompt, value, parse);
  }

  async value<T>(prompt: string, value: string, parse: (text: string) => Parsed<T>): Promise<T | undefined> {
    const parsed = await this.ask(prompt, value, parse);
    return parsed?.ok ? parsed.value : undefined;
  }
}

/**
 * Asks for what `args` does not give, one validating input box at a time, and computes the report.
 * Undefined when the person presses Escape. Throws LossInputError for bad values passed as arguments.
 */
export function gatherReport(args: ComputeLossArgs, settings: LossLensSettings, title: string): Promise<ComputeLossResult | undefined> {
  if (isSoftmaxSample(args)) return gatherSoftmaxReport(args, settings, new Steps(new StepTitles(title, softmaxQuestionCount(args))));
  return gatherBinaryReport(args, settings, title, acceptsClassScores(args));
}

/** One sigmoid prediction's report; with `classesToo`, scores of several classes typed at the first step switch to softmax. */
export async function gatherBinaryReport(args: ComputeLossArgs, settings: LossLensSettings, title: string, classesToo: false): Promise<LossReport | undefined>;
export async function gatherBinaryReport(args: ComputeLossArgs, settings: LossLensSettings, title: string, classesToo: boolean): Promise<ComputeLossResult | undefined>;
export async function gatherBinaryReport(args: ComputeLossArgs, settings: LossLensSettings, title: string, classesToo: boolean): Promise<ComputeLossResult | undefined> {
  const steps = new Steps(new StepTitles(title, binaryQuestionCount(args)));
  let prediction: Prediction | undefined;
  let note: string | undefined;
  if (args.p !== undefined) prediction = { p: args.p };
  else if (args.logit !== undefined) prediction = { logit: args.logit };
  else {
    if (classesToo && args.prediction !== undefined && looksLikeClassScores(args.prediction)) {
      // Counted afresh: the binary count included y, alpha and gamma, which a softmax sample does not ask.
      const scores = { ...args, scores: args.prediction };
      return gatherSoftmaxReport(scores, settings, new Steps(new StepTitles(title, softmaxQuestionCount(scores))));
    }
    const parsed =
      args.prediction !== undefined
        ? parsePrediction(args.prediction)
        : classesToo
          ? await steps.ask(vscode.l10n.t('Prediction: a probability p in [0, 1], a logit (outside [0, 1], or logit=...), or the logits of the classes (2.0, 0.5, -1.0)'), '0.9', parsePredictionOrScores)
          : await steps.ask(vscode.l10n.t('Prediction: a probability p in [0, 1], or a logit (outside [0, 1], or logit=...)'), '0.9', parsePrediction);
    if (!parsed) return undefined;
    if (!parsed.ok) throw new LossInputError('prediction', args.prediction, parsed.message);
    if ('values' in parsed.value) {
      steps.titles.setRemaining(softmaxQuestionCount(args, true));
      return gatherSoftmaxReport({ ...args, scores: [...parsed.value.values] }, settings, steps, parsed.value, parsed.note);
    }
    prediction = parsed.value;
    note = parsed.note;
  }
  const y = args.y ?? (await steps.value(vscode.l10n.t('Target y: 1 for a positive (foreground), 0 for a negative; soft targets in between'), '1', (t) => parseUnitInterval(t, vscode.l10n.t('the target y'))));
  if (y === undefined || y === null) return undefined;
  const defaultAlpha = settings.defaultAlpha === null ? 'none' : String(settings.defaultAlpha);
  const alpha = args.alpha !== undefined ? args.alpha : await steps.value(vscode.l10n.t('alpha: the weight of positives in [0, 1]; empty or "none" for no weighting'), defaultAlpha, (t) => parseUnitInterval(t, 'alpha', true));
  if (alpha === undefined) return undefined;
  const gamma = args.gamma ?? (await steps.value(vscode.l10n.t('gamma: the focusing parameter, >= 0 (0 gives balanced CE)'), String(settings.defaultGamma), parseGamma));
  if (gamma === undefined) return undefined;
  return computeReport(prediction, y, alpha, gamma, settings, note, { posWeight: args.posWeight, labelSmoothing: args.labelSmoothing });
}

/** One prediction, or the scores of several classes (then the command computes softmax losses). */
function parsePredictionOrScores(text: string): Parsed<Prediction | ClassScores> {
  return looksLikeClassScores(text) ? parseClassScores(text) : parsePrediction(text);
}

/** CE as PyTorch's F.cross_entropy computes it with no weights: the spec of the plain command. */
const PLAIN_CE: SoftmaxSpec = { kind: 'ce', gamma: 0, alpha: null, alphaOn: 'foreground', weight: null, labelSmoothing: 0, omitted: [] };

/** A spec from a command's arguments (a hover link, or anyone's executeCommand): its shape checked, its numbers by the core. */
function checkedSpec(spec: SoftmaxSpec): SoftmaxSpec {
  if (spec.kind !== 'ce' && spec.kind !== 'focal') throw new LossInputError('softmax.kind', spec.kind, vscode.l10n.t("'ce' or 'focal'"));
  if (spec.alpha !== null && !(typeof spec.alpha === 'number' && spec.alpha >= 0 && spec.alpha <= 1)) throw new LossInputError('softmax.alpha', spec.alpha, vscode.l10n.t('null or a number in [0, 1]'));
  if (spec.weight !== null && !(Array.isArray(spec.weight) && spec.weight.every((w) => typeof w === 'number'))) throw new LossInputError('softmax.weight', spec.weight, vscode.l10n.t('null or a list of numbers'));
  return { ...spec, alphaOn: spec.alphaOn === 'every' ? 'every' : 'foreground', omitted: Array.isArray(spec.omitted) ? spec.omitted.map(String) : [] };
}

async function gatherSoftmaxReport(args: ComputeLossArgs, settings: LossLensSettings, steps: Steps, typed?: ClassScores, typedNote?: string): Promise<SoftmaxReport | undefined> {
  let scores = typed;
  let note = typedNote;
  if (!scores) {
    const written = args.scores === undefined ? undefined : typeof args.scores === 'string' ? args.scores : `logits=${args.scores.join(', ')}`;
    const prompt = args.api
      ? vscode.l10n.t('Scores of the classes for {0}: logits (2.0, 0.5, -1.0) or probabilities that sum to 1', args.api)
      : vscode.l10n.t('Scores of the classes: logits (2.0, 0.5, -1.0) or probabilities that sum to 1');
    const parsed = written !== undefined ? parseClassScores(written) : await steps.ask(prompt, '2.0, 0.5, -1.0', parseClassScores);
    if (!parsed) return undefined;
    if (!parsed.ok) throw new LossInputError('scores', args.scores, parsed.message);
    scores = parsed.value;
    note = parsed.note;
  }
  const classes = scores.values.length;
  const target = args.target ?? (await steps.value(vscode.l10n.t('Target class: 0 to {0}', classes - 1), '0', (t) => parseClassIndex(t, classes)));
  if (target === undefined) return undefined;
  const checked = parseClassIndex(String(target), classes);
  if (!checked.ok) throw new LossInputError('target', target, vscode.l10n.t('a class index from 0 to {0}', classes - 1));
  const spec = args.softmax ? checkedSpec(args.softmax) : PLAIN_CE;
  // Beside a call's CE the focal loss uses the gamma setting (the hover's link asks only for the sample).
  const focalGamma =
    spec.kind === 'focal' ? spec.gamma : (args.gamma ?? (args.softmax ? settings.defaultGamma : await steps.value(vscode.l10n.t('gamma of the focal loss shown beside CE, >= 0'), String(settings.defaultGamma), parseGamma)));
  if (focalGamma === undefined) return undefined;
  return computeSoftmaxReport(scores, target, spec, focalGamma, settings, args.api, note);
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
      // The language layer's messages (msg), in the display language.
      if (!parsed.ok) return localize(parsed.message);
      return parsed.note ? { message: localize(parsed.note), severity: vscode.InputBoxValidationSeverity.Info } : undefined;
    },
  });
  return text === undefined ? undefined : parse(text);
}
