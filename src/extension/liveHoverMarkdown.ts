import { batchCheckMessage, batchPriorMessage, formatNumber, isBatchNote } from '../core';
import type { BatchSummary, TensorDescription } from '../live/batchSummary';
import type { BatchRequest } from '../live/batchRequest';
import type { LiveRead } from './pausedFrame';
import { escapeMarkdown, inlineCode } from './markdownText';
import type { LossLensSettings } from './settingsValues';
import * as l10n from './l10n';

/*
 * The hover's section about the batch in a paused debuggee: what the inputs are, how imbalanced they
 * are, the call's loss and plain CE, the seed's argument in this batch's numbers, and the checks that
 * fired. Pure (no vscode import), unit-tested in Node. Short: it shares the hover box with the rest.
 */

export interface StopLabel {
  /** 1-based line of the paused frame, and when the stop began (hh:mm:ss). */
  readonly line: number;
  readonly time: string;
}

/** The section's first words: which stop the values are from. */
function batchTitle(stop: StopLabel): string {
  return l10n.t('**This batch** (paused at line {0}, {1})', stop.line, stop.time);
}

/** The section when the call's arguments are not read, with the reason (a core or language message). */
export function notReadMarkdown(stop: StopLabel, reason: string): string {
  return `${batchTitle(stop)}: ${escapeMarkdown(l10n.t('not read: {0}', l10n.localize(reason)))}`;
}

/** The section, or undefined where nothing should be said (arguments not in scope in the frame). */
export function liveHoverMarkdown(read: LiveRead, request: BatchRequest, stop: StopLabel, settings: LossLensSettings): string | undefined {
  const title = batchTitle(stop);
  if (read.ok === false) {
    // Arguments that are not variables of the selected frame: that call is not in this stop.
    if (read.error === 'evaluate' && /NameError|not defined|UnboundLocalError/.test(read.detail)) return undefined;
    return `${title}: ${escapeMarkdown(refusalText(read.error, namedDetail(read.error, read.detail, request), request))}`;
  }
  if (read.ok === 'checks-only') {
    return [`${title} · ${inputsText(request, read.inputs)}`, ...read.checks.map((check) => `⚠ ${escapeMarkdown(l10n.localize(batchCheckMessage(check)))}`)].join('  \n');
  }
  const s = read.summary;
  const f = (v: number) => formatNumber(v, settings.precision);
  const lines = [`${title} · ${inputsText(request, s.inputs)}`, countsText(s), lossText(s, request, f), ...seedText(s, f)];
  // One wording with the Explorer's batch view (core/batchCheckText.ts).
  const notes = s.checks.map((check) => `${isBatchNote(check) ? 'ℹ' : '⚠'} ${escapeMarkdown(l10n.localize(batchCheckMessage(check)))}`);
  const prior = batchPriorMessage(s, settings.precision);
  if (prior) notes.push(`ℹ ${escapeMarkdown(l10n.localize(prior))}`);
  return [...lines, ...notes].join('  \n');
}

function shapeText(description: TensorDescription | undefined): string {
  if (!description) return '';
  const shape = description.shape ? `[${description.shape.join(', ')}]` : '';
  return [description.dtype, shape].filter(Boolean).join(' ') || description.type;
}

function inputsText(request: BatchRequest, inputs: BatchSummary['inputs'] | undefined): string {
  return `${inlineCode(request.pred)} ${shapeText(inputs?.pred)} · ${inlineCode(request.target)} ${shapeText(inputs?.target)}`;
}

const count = (n: number) => n.toLocaleString('en-US');
const percent = (share: number) => `${formatNumber(share * 100, share >= 0.1 ? 3 : 2)}%`;

function countsText(s: BatchSummary): string {
  if (s.model === 'sigmoid') {
    const ratio = s.positives ? l10n.t('{0} negatives per positive', formatNumber(s.negatives! / s.positives, 3)) : l10n.t('no positives');
    return l10n.t('{0} elements: {1} positives ({2}), {3} negatives; {4}.', count(s.n), count(s.positives!), percent(s.positives! / s.n), count(s.negatives!), ratio);
  }
  const counts = s.perClass?.count ?? [];
  const ranked = counts.map((c, k) => [k, c] as const).sort((a, b) => b[1] - a[1]);
  const shown = ranked.slice(0, 3).map(([k, c]) => l10n.t('class {0}: {1}', k, count(c))).join(', ');
  const imbalance = ranked.length > 1 && ranked[ranked.length - 1]![1] > 0 ? l10n.t('; largest / smallest class {0}', formatNumber(ranked[0]![1] / ranked[ranked.length - 1]![1], 3)) : '';
  const ignored = s.ignored ? l10n.t(' ({0} ignored)', count(s.ignored)) : '';
  return l10n.t('{0} samples × {1} classes{2}; most samples: {3}{4}.', count(s.n), count(s.classes!), ignored, shown, imbalance);
}

function lossText(s: BatchSummary, request: BatchRequest, f: (v: number) => string): string {
  const reduction = request.spec.reduction;
  const value = s.loss.value !== null ? f(s.loss.value) : undefined;
  const kind = request.spec.kind === 'focal' ? l10n.t('focal loss') : request.spec.kind === 'balanced' ? l10n.t('balanced CE') : 'CE';
  const head = value !== undefined ? l10n.t('**This call** ({0}, reduction {1}): **{2}**', kind, inlineCode(JSON.stringify(reduction)), value) : l10n.t('**This call** ({0}): sum **{1}**', kind, f(s.loss.sum));
  const perPositive = s.model === 'sigmoid' && s.loss.perPositive !== null && s.loss.perPositive !== undefined ? l10n.t('; sum / positives {0} (the paper)', f(s.loss.perPositive)) : '';
  const ce = s.ce.mean !== null ? l10n.t('plain CE {0} (mean)', f(s.ce.mean)) : '';
  return `${head}${perPositive}${ce ? ` · ${ce}` : ''}.`;
}

function seedText(s: BatchSummary, f: (v: number) => string): string[] {
  const e = s.easy;
  if (e.ceShare === null) return [];
  const fl = e.flAlpha === null ? l10n.t('FL (γ {0})', f(e.flGamma)) : l10n.t('FL (γ {0}, α {1})', f(e.flGamma), f(e.flAlpha));
  const who = s.model === 'sigmoid' ? l10n.t('Easy negatives (p_t > {0}): {1}', e.threshold, count(e.count)) : l10n.t('Easy samples (p_t > {0}): {1}', e.threshold, count(e.count));
  const share = e.flShare === null ? l10n.t('{0} carry {1} of the CE.', who, percent(e.ceShare)) : l10n.t('{0} carry {1} of the CE, {2} of the {3}.', who, percent(e.ceShare), percent(e.flShare), fl);
  const hardest = s.hardest.p1 !== null && s.hardest.p20 !== null ? [l10n.t('The hardest 1% of elements carry {0} of the {1}, the hardest 20% {2}.', percent(s.hardest.p1), fl, percent(s.hardest.p20))] : [];
  return [share, ...hardest];
}

/**
 * A refusal's detail as the user wrote the call: the snippet names the arguments by their role
 * (`pred: 31000000 elements`, `pred [10, 3], target [7]`), the hover by the values the frame reads
 * for them (`big_logits: 31,000,000 elements`; `outputs` for `outputs.view(-1, C)`, whose steps come
 * after the copy) or, for shapes, which the snippet gives after the steps, by the arguments as written;
 * counts grouped as everywhere else in the hover.
 */
function namedDetail(error: string, detail: string, request: BatchRequest): string {
  const names = error === 'shape' ? { pred: request.pred, target: request.target } : request.values;
  return detail
    .replace(/(^|, )(pred|target)(?=[:\s]|$)/g, (_, lead: string, role: string) => `${lead}${role === 'pred' ? names.pred : names.target}`)
    .replace(/\b\d{4,}(?= elements\b)/g, (digits) => count(Number(digits)));
}

function refusalText(error: string, detail: string, request: BatchRequest): string {
  switch (error) {
    case 'pred-not-float':
      return l10n.t('{0} is {1}: PyTorch\'s losses take floating-point predictions, so this call raises an error (pass {0}.float()).', request.pred, detail);
    case 'target-not-float':
      return l10n.t('{0} is {1}: PyTorch\'s binary cross-entropy takes floating-point targets, so this call raises an error (pass {0}.float()).', request.target, detail);
    case 'mapping':
      return l10n.t('{0} is a dict: select the tensor in it (e.g. outputs["logits"]).', detail);
    case 'iterator':
      return l10n.t('{0} is a generator or iterator: reading it would consume it, so it is not read.', detail);
    case 'none':
      return l10n.t('{0} is None.', detail);
    case 'too-large':
      return l10n.t('{0}: more than 30,000,000 elements are not copied.', detail);
    case 'device':
      return l10n.t('the tensor cannot be copied to the CPU ({0}).', detail);
    case 'dtype':
    case 'unreadable':
      return l10n.t('the values cannot be read as numbers ({0}).', detail);
    case 'shape':
      return l10n.t('the prediction and target shapes do not fit this loss ({0}).', detail);
    case 'empty':
      return l10n.t('the batch is empty.');
    case 'no-numpy':
      return l10n.t('the program has not imported numpy, and Loss Lens imports nothing the program has not.');
    case 'targets-range':
      return l10n.t('targets outside [0, 1] ({0}) for a binary loss.', detail);
    case 'probabilities-range':
      return l10n.t('predictions outside [0, 1] ({0}) go into a loss that takes probabilities.', detail);
    case 'class-range':
      return l10n.t('class indices out of range ({0}) that are not the ignore_index: PyTorch raises here.', detail);
    case 'targets-not-integer':
      return l10n.t('the targets are not class indices (not integers) and not one per class.');
    case 'weight-length':
      return l10n.t('the class weights do not match the classes ({0}).', detail);
    case 'weight-shape':
      return l10n.t('the weights do not broadcast to the input ({0}).', detail);
    case 'view-weights':
      return l10n.t('the batch view does not model a pos_weight per class or element weights yet; the hover has this call\'s numbers.');
    case 'step':
      return l10n.t('a step on the way into the loss does not fit the tensor ({0}).', detail);
    case 'focal-smoothing':
      return l10n.t('a softmax focal loss with label smoothing is not computed for a batch.');
    case 'parameter':
      return l10n.t('a parameter read from the program is not a number ({0}).', detail);
    case 'evaluate':
      return l10n.t('the debugger did not answer ({0}).', detail);
    default:
      return l10n.t('the summary failed ({0}).', detail || error);
  }
}
