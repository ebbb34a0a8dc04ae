import * as vscode from 'vscode';
import { formatNumber } from '../core';
import { selectionRequest } from '../live/batchRequest';
import type { BatchSpec } from '../live/batchRequest';
import type { BatchSummary } from '../live/batchSummary';
import { callArguments } from '../live/callArguments';
import { argumentChain } from '../live/argumentChain';
import { safeExpression } from '../live/safeExpression';
import { localize } from './l10n';
import { plainTextOf } from './markdownText';
import { stopLabelOf } from './pausedFrame';
import type { PausedFrames } from './pausedFrame';
import type { LossLensSettings } from './settingsValues';
import { liveHoverMarkdown } from './liveHoverMarkdown';

/*
 * Compute Loss for Selection on expressions while a Python session is paused: `logits[valid],
 * targets` (or one expression, then the target is asked for) evaluated in the selected frame by the
 * same snippet as the hover, for the loss the person picks with alpha and gamma from the settings.
 */

export type LiveLoss = 'focal' | 'ce';

export interface LiveSelectionResult {
  readonly summary?: BatchSummary;
  /** Why nothing was computed (also shown as a message). */
  readonly refusal?: string;
}

/**
 * The selection as one or two argument expressions to read from a paused frame; the reason when it
 * is code that must not be evaluated (a call); undefined when it is neither (numbers, prose), so the
 * numbers' parser speaks.
 */
export function selectedExpressions(text: string): { readonly expressions: string[] } | { readonly refusal: string } | undefined {
  const args = callArguments(`(${text.replace(/\s*\n\s*/g, ', ')})`);
  if (!args || args.length === 0 || args.length > 2 || args.some((a) => a.name !== undefined)) return undefined;
  // Values the frame holds, with the steps Loss Lens applies itself (`.view(-1, C)`, `.float()`).
  const checked = args.map((a) => ({ text: a.text, safe: argumentChain(a.text) }));
  if (checked.every((c) => c.safe.ok)) return { expressions: checked.map((c) => c.text) };
  // Code with a call in it is refused as such; anything else is left to the numbers' parser.
  const unsafe = checked.find((c) => !c.safe.ok && /[A-Za-z_][\w.]*\s*\(/.test(c.text));
  return unsafe && !unsafe.safe.ok ? { refusal: vscode.l10n.t('Loss Lens: `{0}` is not evaluated: {1}', unsafe.text, localize(unsafe.safe.reason)) } : undefined;
}

export async function computeLiveSelection(
  frames: PausedFrames,
  expressions: readonly string[],
  settings: LossLensSettings,
  given: { readonly target?: string; readonly loss?: LiveLoss },
  output: vscode.OutputChannel,
): Promise<LiveSelectionResult | undefined> {
  const frame = await frames.current();
  if (!frame) {
    return refuse(expressions.length === 1
      ? vscode.l10n.t('Loss Lens: {0} is an expression, not a number: pause a Python debug session where it is defined to compute it with live values.', expressions[0]!)
      : vscode.l10n.t('Loss Lens: {0} are expressions, not numbers: pause a Python debug session where they are defined to compute them with live values.', expressions.join(', ')));
  }
  let target: string | undefined = expressions[1] ?? given.target;
  if (target === undefined) {
    target = await vscode.window.showInputBox({
      title: vscode.l10n.t('Loss Lens: the target of {0}', expressions[0]!),
      prompt: vscode.l10n.t('The targets: a name, attribute or subscript of the paused frame (e.g. targets, batch["labels"])'),
      validateInput: (value) => {
        const safe = safeExpression(value);
        return safe.ok ? undefined : localize(safe.reason);
      },
    });
    if (target === undefined) return undefined;
  }
  let loss = given.loss;
  if (loss === undefined) {
    const alpha = settings.defaultAlpha === null ? vscode.l10n.t('no alpha') : vscode.l10n.t('alpha {0}', settings.defaultAlpha);
    const pick = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('Focal loss'), description: vscode.l10n.t('{0}, gamma {1} (settings); sigmoid or softmax from the shapes', alpha, settings.defaultGamma), loss: 'focal' as const },
        { label: vscode.l10n.t('Cross-entropy'), description: vscode.l10n.t('sigmoid or softmax from the shapes'), loss: 'ce' as const },
      ],
      { title: vscode.l10n.t('Loss Lens: which loss for {0}?', expressions[0]!) },
    );
    if (!pick) return undefined;
    loss = pick.loss;
  }
  const spec: Omit<BatchSpec, 'easy' | 'maxElements'> = {
    model: 'auto',
    inputs: 'logits',
    kind: loss,
    alpha: loss === 'focal' ? settings.defaultAlpha : null,
    gamma: loss === 'focal' ? settings.defaultGamma : 0,
    posWeight: null,
    labelSmoothing: 0,
    weight: null,
    ignoreIndex: -100,
    reduction: 'mean',
    sample: 0,
  };
  const request = selectionRequest(expressions[0]!, target, spec);
  if (!request.ok) return refuse(vscode.l10n.t('Loss Lens: {0}', localize(request.reason)));
  const read = await frames.read(frame, request.request);
  const stop = stopLabelOf(frame);
  const text = liveHoverMarkdown(read, request.request, stop, settings);
  if (read.ok !== true) {
    const why = text ?? vscode.l10n.t('{0} or {1} is not a variable of the selected frame.', expressions[0]!, target);
    return refuse(vscode.l10n.t('Loss Lens: {0}', plainTextOf(why)));
  }
  const s = read.summary;
  const f = (v: number) => formatNumber(v, settings.precision);
  const name = loss === 'focal' ? vscode.l10n.t('focal loss') : 'CE';
  const summary = vscode.l10n.t('Loss Lens: {0} and {1} ({2} elements, {3}): {4} {5} (mean), CE {6} (mean).', request.request.pred, target, s.n.toLocaleString('en-US'), s.model, name, s.loss.mean === null ? '–' : f(s.loss.mean), s.ce.mean === null ? '–' : f(s.ce.mean));
  output.appendLine(plainTextOf(text ?? summary));
  void vscode.window.showInformationMessage(summary, vscode.l10n.t('Show Details')).then((choice) => {
    if (choice) output.show(true);
  });
  return { summary: s };
}

function refuse(message: string): LiveSelectionResult {
  void vscode.window.showErrorMessage(message);
  return { refusal: message };
}
