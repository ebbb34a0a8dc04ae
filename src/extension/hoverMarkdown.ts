import { formatNumber, formatRatio, formatScientific, PAPER_CHOICE, paperTable1Line } from '../core';
import { isNumberArray, scalarOf } from '../language/recognition';
import type { LossCall, ParamValue, ValueOrigin } from '../language/recognition';
import { COMPUTE_LOSS_COMMAND, OPEN_EXPLORER_COMMAND } from './commandIds';
import { explorerArgsOf, explorerCallOf } from './explorerCallOf';
import { HOVER_PT_VALUES, hoverTable } from './hoverTable';
import { softmaxSpecOf } from './softmaxSpec';
import type { ComputeLossArgs } from './computeLossArgs';
import { commandUri, escapeMarkdown, inlineCode } from './markdownText';
import { logBaseValue } from '../protocol';
import { baseName } from './settingsValues';
import type { LossLensSettings } from './settingsValues';
import * as l10n from './l10n';
import { predictionLine } from './hoverPrediction';
import type { PredictionSource } from '../language/lint';

/*
 * The hover of one recognised loss call, as Markdown. Pure (no vscode import), so it is unit-tested
 * in Node; hoverProvider.ts wraps it in a MarkdownString. Every number comes from the core.
 */

export { HOVER_PT_VALUES } from './hoverTable';

export interface HoverOptions {
  /** False while the live hover shows the call's batch instead of the p_t table. */
  readonly table?: boolean;
  /** What the call's prediction argument is, when the document's data flow settles it. */
  readonly prediction?: PredictionSource;
  /**
   * True while the Loss Explorer stands beside the editor. The editor's column is then narrow (the
   * hover about 470 px wide at 1280 x 800 instead of 750), its lines wrap, and with the table the
   * hover scrolled in VS Code's 250 px box (322-378 px, most of the workspace's hovers). The table's
   * numbers are the panel's to chart: the link "Open in Loss Explorer" shows this call there.
   */
  readonly explorerBeside?: boolean;
}

const KIND_NAMES = { ce: 'cross-entropy', balanced: 'alpha-balanced cross-entropy', focal: 'focal loss', 'focal-star': 'FL*' } as const;

/**
 * Laid out to be read without scrolling in VS Code's hover box (250 px at 1280 x 800), most
 * important first: a title line with the formula, one line of parameters with their origins (the
 * other arguments' library defaults folded into one short list), the caveats, one line of
 * consequences, a transposed table (four short rows, every loss in e-notation in every hover), its
 * notes, links. The UI check (test/e2e/hover.e2e.mjs) measures every hover of its workspace.
 * Without the table (`table: false`) while the hover's batch section shows this call's loss on the
 * paused batch: the two would not fit the box together (test/e2e/liveHover.e2e.mjs measures it).
 * Without it too while the Loss Explorer stands beside the editor (`explorerBeside`), which charts it.
 */
export function hoverMarkdown(call: LossCall, line: number, settings: LossLensSettings, { table: withTable = true, prediction, explorerBeside = false }: HoverOptions = {}): string {
  const alpha = call.alpha.value;
  const gamma = call.gamma.value;
  const beta = call.beta?.value ?? 0;
  const log = settings.logBase === 'e' ? 'log' : `log${settings.logBase}`;
  const f = (value: number) => formatNumber(value, settings.precision);
  // Two blocks: what the call is and does, with its links, as lines joined by hard breaks (a
  // paragraph gap costs the box ~10 px), then the table.
  const head: string[] = [];
  let table: string | undefined;

  // A loss the core does not model is not shown with the focal loss's formula.
  // Where a name called as a loss got it stays on the title line: the values' "line N" refer to there.
  head.push(`**${escapeMarkdown(call.api)}** · ${KIND_NAMES[call.kind]}${call.notModeled ? '' : ` · ${formulaLine(call, alpha, gamma, beta, log, f)}${positivesWeight(call, f)}`}${call.through ? ` · *${throughText(call.through)}*` : ''}${call.builtAt ? ` · *${builtAtText(call)}*` : ''}`);
  head.push(paramsLine(call));
  // The caveats come before the numbers: they are what a reader must not miss.
  // Then, unmarked, what only says where the loss comes from (a ⚠ on "defined in this file" would cry wolf).
  const notes = [...call.caveats.map((caveat) => `⚠ ${escapeMarkdown(l10n.localize(caveat))}`), ...(call.notes ?? []).map((note) => escapeMarkdown(l10n.localize(note)))];
  if (notes.length) head.push(notes.join('  \n'));
  head.push([inputsLine(call), reductionLine(call)].filter(Boolean).join(' '));
  if (prediction) head.push(predictionLine(prediction));

  const values = hoverTable(call, logBaseValue(settings.logBase));
  if (!withTable) {
    // The batch section of a paused session stands in for the table (liveHoverProvider.ts).
  } else if ('notModeled' in values) {
    head.push(`*${l10n.t('No values: {0}', escapeMarkdown(l10n.localize(values.notModeled)))}*`);
  } else if ('missing' in values) {
    // A parametrized test (or a loop) runs the call with each of several values: one table would be one of them.
    // or a list where the formula takes one number (a per-class alpha).
    const several = [call.alpha.values ? 'alpha' : '', call.gamma.values ? 'gamma' : ''].filter(Boolean);
    const lists = [call.alpha.list ? 'alpha' : '', call.gamma.list ? 'gamma' : ''].filter(Boolean);
    const unknown = values.missing.filter((name) => !several.includes(name) && !lists.includes(name));
    if (unknown.length || (!several.length && !lists.length)) head.push(`*${l10n.t('No values: {0} could not be worked out from this file.', listText(unknown))}*`);
    else if (several.length && [call.alpha, call.gamma].some((v) => v.values && v.origin.kind === 'resolved' && v.origin.via === 'branches')) head.push(`*${l10n.t('No values: the loss is built with one of several {0}, depending on the branch taken.', listText(several))}*`);
    else if (several.length) head.push(`*${l10n.t('No values: this call runs with each of several {0} in turn.', listText(several))}*`);
    else head.push(`*${l10n.t('No values: {0} is a list (one number per class or element), and the table takes one.', listText(lists))}*`);
  } else if (explorerBeside) {
    // The Loss Explorer beside the editor charts these numbers (its link, below): the table and its notes stay out.
  } else {
    const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const n = values.ce.length;
    const losses = formatScientific([...values.ce, ...values.loss, ...(values.negative?.loss ?? [])], settings.precision).map(unbrokenExponent);
    table = [
      row([l10n.t('{0} ({1})', values.column, baseName(settings.logBase)), ...HOVER_PT_VALUES.map(String)]),
      row(['---', ...HOVER_PT_VALUES.map(() => '---:')]),
      row(['CE', ...losses.slice(0, n)]),
      row([values.label, ...losses.slice(n, 2 * n)]),
      // Beside the negatives' row a ratio to CE would repeat one number; otherwise it says how much
      // lower a focal loss is. A cross-entropy with its options (smoothing, class weights) beside
      // plain CE gets no ratio row: "1.05x" says nothing the two rows above do not.
      ...(values.negative
        ? [row([values.negative.label, ...losses.slice(2 * n)])]
        : call.kind === 'ce' && values.label === l10n.t('this loss')
          ? []
          : [row([`CE / ${values.label}`, ...values.loss.map((l, i) => (l === 0 ? '∞' : formatRatio(values.ce[i]! / l)))])]),
    ].join('\n');
    // The notes stand above the table they qualify, in the first paragraph: a paragraph of their own would cost the box a gap.
    if (values.notes.length) head.push(`*${escapeMarkdown(values.notes.join('; '))}.*`);
  }

  const evidence = paperEvidence(call);
  if (evidence) head.push(`*${escapeMarkdown(l10n.localize(evidence))}*`);

  const explorer = explorerCallOf(call, line, settings);
  // The Explorer charts CE, balanced CE and focal loss: not a loss the core does not model.
  const links = call.notModeled ? [] : [`[${l10n.t('Open in Loss Explorer')}](${commandUri(OPEN_EXPLORER_COMMAND, explorerArgsOf(call, line, settings))} "${l10n.t("Chart this call's loss")}")`];
  // Compute Loss is offered only where it computes exactly what the call does: one sigmoid
  // prediction with alpha and gamma, or a softmax call's CE / focal loss with its weights and smoothing.
  const softmax = softmaxSpecOf(call);
  if (softmax) {
    const computeArgs: ComputeLossArgs = { softmax, api: call.api };
    links.push(`[${l10n.t('Compute at a value...')}](${commandUri(COMPUTE_LOSS_COMMAND, computeArgs)} "${l10n.t("Compute this call's loss for class scores you type")}")`);
  } else if (!call.notModeled && computeLossModels(call)) {
    // Compute asks for the sample (the prediction and its target y) and nothing else: alpha, gamma,
    // pos_weight and label smoothing are this call's.
    const posWeight = scalarOf(extraValue(call, 'pos_weight'));
    const labelSmoothing = scalarOf(extraValue(call, 'label_smoothing'));
    const computeArgs: ComputeLossArgs = {
      alpha: explorer.alpha,
      gamma: explorer.gamma,
      ...(posWeight !== undefined && posWeight !== 1 ? { posWeight } : {}),
      ...(labelSmoothing ? { labelSmoothing } : {}),
    };
    links.push(`[${l10n.t('Compute at a value...')}](${commandUri(COMPUTE_LOSS_COMMAND, computeArgs)} "${l10n.t("Compute this call's loss for a prediction you type")}")`);
  }
  // The links end the first paragraph, so the table, set apart, is the hover's last block.
  if (links.length) head.push(links.join(' · '));
  return [head.join('  \n'), table].filter((part) => part !== undefined && part !== '').join('\n\n');
}

/**
 * The paper's Table 1 where a sigmoid focal loss (or alpha-balanced CE) sets alpha or gamma other
 * than the paper's: what the paper measured in its setting. Table 1's alpha is alpha_t of one sigmoid
 * per class, so softmax losses (whose alpha means something else) get no line; nor does a call whose
 * gamma is unknown, or whose alpha is unknown or off at the paper's gamma.
 */
function paperEvidence(call: LossCall): string | undefined {
  // An alpha that scales every element is not Table 1's alpha_t.
  if ((call.kind !== 'focal' && call.kind !== 'balanced') || call.notModeled || call.classModel !== 'sigmoid' || call.alphaWeighting === 'every') return undefined;
  const gamma = call.gamma.value;
  // At the paper's gamma without alpha (or alpha unknown) the table has nothing to compare: its only
  // gamma-2 row is the paper's own alpha 0.25, and the line would cost a crowded hover its fit.
  if (gamma === undefined || ((call.alpha.value === undefined || call.alpha.value === null) && gamma === PAPER_CHOICE.gamma)) return undefined;
  return paperTable1Line(call.alpha.value, gamma);
}

/** What the file does not give, as a list in the sentence: "alpha", "alpha and gamma". */
function listText(items: readonly string[]): string {
  return items.reduce((list, item) => l10n.t('{0} and {1}', list, item));
}

/** Whether Compute Loss (one sigmoid prediction, alpha, gamma, pos_weight, label smoothing) computes exactly what `call` does. */
function computeLossModels(call: LossCall): boolean {
  // Compute Loss reports CE, balanced CE and FL: not FL*, whose beta and 1/gamma it does not apply,
  // nor an alpha that scales every element instead of alpha_t.
  if (call.classModel !== 'sigmoid' || call.kind === 'focal-star' || (call.alphaWeighting === 'every' && call.alpha.value !== null)) return false;
  // A parametrized test's several values: no one of them is the call's.
  if (call.alpha.values || call.gamma.values) return false;
  // pos_weight and label smoothing it takes as numbers (a one-element tensor stands for its number); element weights it does not.
  const asNumber = (value: unknown) => value === null || scalarOf(value) !== undefined;
  const takes: Record<string, (value: unknown) => boolean> = { pos_weight: asNumber, label_smoothing: asNumber, weight: (value) => value === null };
  return call.extra.every((e) => !(e.name in takes) || takes[e.name]!(e.value.value));
}

function extraValue(call: LossCall, name: string): unknown {
  return call.extra.find((e) => e.name === name)?.value.value;
}

function formulaLine(call: LossCall, alpha: number | null | undefined, gamma: number | undefined, beta: number, log: string, f: (v: number) => string): string {
  const a = alpha === undefined ? 'α' : alpha === null ? null : f(alpha);
  const g = gamma === undefined ? 'γ' : f(gamma);
  // Keras's categorical focal loss multiplies every class by alpha; elsewhere alpha depends on the target (alpha_t).
  const weight = a === null ? '' : (call.library === 'keras' && call.classModel === 'softmax') || call.alphaWeighting === 'every' ? 'α·' : 'α_t·';
  // pos_weight multiplies the positives' term only, which −log(p_t) cannot say.
  const posWeight = call.classModel === 'sigmoid' ? scalarOf(extraValue(call, 'pos_weight')) : undefined;
  if (posWeight !== undefined && posWeight !== 1 && plainBinaryCe(call, a)) {
    return inlineCode(`CE = −[${f(posWeight)}·y·${log}(p) + (1 − y)·${log}(1 − p)]`);
  }
  switch (call.kind) {
    case 'ce':
      return inlineCode(`CE = −${log}(p_t)`);
    case 'balanced':
      return `${inlineCode(`CE = −${weight}${log}(p_t)`)}`;
    case 'focal':
      return `${inlineCode(`FL = −${weight}(1 − p_t)^${g}·${log}(p_t)`)}`;
    case 'focal-star':
      return `${inlineCode(`FL* = −${weight}${log}(σ(${g}·x_t + ${f(beta)})) / ${g}`)}`;
  }
}

/** A sigmoid CE without alpha, whose formula can carry pos_weight itself. */
function plainBinaryCe(call: LossCall, alpha: string | null): boolean {
  return call.kind === 'ce' || (call.kind === 'balanced' && alpha === null);
}

/** pos_weight beside a formula that does not carry it (focal or alpha-weighted losses). */
function positivesWeight(call: LossCall, f: (v: number) => string): string {
  const posWeight = call.classModel === 'sigmoid' ? scalarOf(extraValue(call, 'pos_weight')) : undefined;
  if (posWeight === undefined || posWeight === 1 || plainBinaryCe(call, call.alpha.value === null ? null : 'α')) return '';
  return ` · ${l10n.t('positives × {0} (pos_weight)', f(posWeight))}`;
}

/**
 * The parameters with their values and origins. Every value the code gives (written, resolved or
 * unresolved) stands alone with where it came from; the library's defaults are one short list at the
 * end ("library defaults: alpha none, reduction "mean", weight none"), said once, not each with
 * "(library default)". The formula and the reduction line say what the defaults that matter do.
 */
function paramsLine(call: LossCall): string {
  const rows = paramRows(call);
  const folded = rows.filter(([, value]) => value.origin.kind === 'default');
  const shown = rows.filter((row) => !folded.includes(row)).map(([name, value]) => `${name} ${valueText(value)} *(${originText(value.origin)})*`);
  if (folded.length) shown.push(`*${l10n.t('library defaults: {0}', folded.map(([name, value]) => `${name} ${plainValueText(value)}`).join(', '))}*`);
  return shown.join(' · ');
}

/** A default's value in a list, without bold or code marks (the list is already set apart). */
function plainValueText(value: ParamValue<unknown>): string {
  if (value.value === null) return l10n.t('none');
  if (typeof value.value === 'number') return formatNumber(value.value, 6);
  if (isNumberArray(value.value)) return arrayText(value.value);
  if (typeof value.value === 'boolean') return value.value ? 'True' : 'False';
  if (typeof value.value === 'string') return escapeMarkdown(JSON.stringify(value.value));
  return escapeMarkdown(value.text || String(value.value));
}

function paramRows(call: LossCall): [string, ParamValue<unknown>][] {
  const rows: [string, ParamValue<unknown>][] = [];
  // An API whose `alpha` is something else (per-class weights) lists it among its extras, once.
  if (call.kind !== 'ce' && !call.extra.some((extra) => extra.name === 'alpha')) rows.push(['alpha', call.alpha]);
  if (call.kind === 'focal' || call.kind === 'focal-star') rows.push([escapeMarkdown(call.gammaParam ?? 'gamma'), call.gamma]);
  if (call.beta) rows.push(['beta', call.beta]);
  rows.push(['reduction', call.reduction]);
  for (const extra of call.extra) rows.push([escapeMarkdown(extra.name), extra.value]);
  return rows;
}

function valueText(value: ParamValue<unknown>): string {
  if (value.origin.kind === 'unresolved') return inlineCode(value.text || '?');
  // Every value a parametrized test passes: "0.2, 0.5 or none".
  if (value.list) return `**${arrayText(value.list)}**`;
  if (value.values) return `**${value.values.map((one) => plainValueText({ value: one, origin: value.origin, text: '' })).reduce((list, one, i, all) => (i === all.length - 1 ? l10n.t('{0} or {1}', list, one) : `${list}, ${one}`))}**`;
  if (value.value === null) return `**${l10n.t('none')}**`;
  if (typeof value.value === 'number') return `**${formatNumber(value.value, 6)}**`;
  if (isNumberArray(value.value)) return `**${arrayText(value.value)}**`;
  if (typeof value.value === 'string') return inlineCode(JSON.stringify(value.value));
  return inlineCode(value.text);
}

/** The method or function of the file (or of another file of the workspace) whose returned loss this call is. */
function throughText(through: NonNullable<LossCall['through']>): string {
  const method = escapeMarkdown(through.method);
  return through.file ? l10n.t('{0} returns this loss, {1} line {2}', method, escapeMarkdown(through.file), through.line + 1) : l10n.t('{0} returns this loss, line {1}', method, through.line + 1);
}

/** Where a name called as a loss got its loss, so the values' "line N" origins make sense at the call. */
function builtAtText(call: LossCall): string {
  const name = inlineCode(call.callee);
  // A name that may hold one of several losses of the API: every place one is built (a list's elements: each line once).
  const places = [call.builtAt!.line, ...(call.builtAt!.alsoAt ?? [])].map(originText);
  const where = [...new Set(places)].reduce((list, one) => l10n.t('{0} or {1}', list, one));
  const loop = call.builtAt!.loop;
  if (loop) {
    // A for loop's variable over a list of losses of one API: each in turn.
    return places.length > 1 ? l10n.t('{0}: each loss of the list at {1}, in turn ({2})', name, where, loopText(loop)) : l10n.t('{0}: the loss of the list at {1} ({2})', name, where, loopText(loop));
  }
  switch (call.builtAt!.how) {
    case 'instance':
      return l10n.t('{0}: the loss built at {1}', name, where);
    case 'reference':
      return l10n.t('{0}: this function ({1})', name, where);
    case 'partial':
      return l10n.t('{0}: a functools.partial of it ({1}), with its arguments', name, where);
    case 'class':
      return l10n.t('{0}: the loss class named at {1}, built here', name, where);
  }
}

/** The for loop that takes a list's losses one by one. */
function loopText(origin: ValueOrigin): string {
  return origin.kind === 'resolved' ? l10n.t('the for loop, {0}', placeText(origin)) : l10n.t('a for loop');
}

/** A tensor's numbers as the hover shows them: every one up to 8, else the first 6 and the count. */
function arrayText(values: readonly number[]): string {
  const shown = values.length <= 8 ? values : values.slice(0, 6);
  const items = shown.map((x) => formatNumber(x, 6)).join(', ');
  return values.length <= 8 ? `[${items}]` : `[${items}, ${l10n.t('… {0} values', values.length)}]`;
}

/**
 * Where a resolved value was written: "line 12", "losses.py line 12", or in a notebook's earlier cell "cell 3,
 * line 2" (the editor numbers the cells: hoverCells.ts) or, when it could not, "an earlier cell".
 */
function placeText(origin: Extract<ValueOrigin, { kind: 'resolved' }>): string {
  if (origin.file) return l10n.t('{0} line {1}', escapeMarkdown(origin.file), origin.line + 1);
  if (!origin.inContext) return l10n.t('line {0}', origin.line + 1);
  return origin.cell ? l10n.t('cell {0}, line {1}', origin.cell, origin.line + 1) : l10n.t('an earlier cell');
}

export function originText(origin: ValueOrigin): string {
  switch (origin.kind) {
    case 'explicit':
      return l10n.t('written here');
    case 'default':
      return l10n.t('library default');
    case 'resolved': {
      const place = placeText(origin);
      if (origin.via === 'parametrize') return l10n.t('pytest parametrize, {0}', place);
      if (origin.via === 'branches') return l10n.t('the branches from {0}', place);
      if (origin.via === 'list') return l10n.t('the losses of the list, {0}', place);
      if (origin.via === 'calls') return l10n.t('the function\'s calls from {0}', place);
      if (origin.via === 'parameterized') return l10n.t('parameterized.expand, {0}', place);
      if (origin.via === 'fixture') return l10n.t('the pytest fixture\'s params, {0}', place);
      if (origin.via === 'uncalledDefault') return l10n.t('the default at {0}, unless another file passes a value', place);
      if (origin.via === 'loop') return l10n.t('the for loop, {0}', place);
      return place;
    }
    case 'unresolved':
      return l10n.t('unresolved');
  }
}

function inputsLine(call: LossCall): string {
  const inputs = call.inputs.value;
  // A value worked out elsewhere in the file says where (keras-cv's BinaryCrossentropy reads
  // from_logits=self.from_logits, the __init__ default of a class other files construct with True).
  const origin = call.inputs.origin;
  const where = origin.kind === 'resolved' ? `: ${originText(origin)}` : '';
  const from = origin.kind === 'default' ? '' : ` (${escapeMarkdown(call.inputs.text)}${where})`;
  const softmax = call.classModel === 'softmax';
  if (inputs === 'logits') {
    if (softmax) return l10n.t('**Logits** in{0}: `log_softmax` over the classes is applied inside.', from);
    return call.classModel === 'sigmoid' ? l10n.t('**Logits** in{0}: the sigmoid is applied inside.', from) : l10n.t('**Logits** in{0}: the sigmoid or softmax is applied inside.', from);
  }
  if (inputs === 'log-probabilities') return l10n.t('**Log-probabilities** in (`log_softmax` outputs): the loss is −input[target], so raw logits or probabilities give a wrong loss.');
  if (inputs === 'probabilities') return softmax ? l10n.t('**Probabilities** in{0} (softmax outputs over the classes): the logits form is the stable one.', from) : l10n.t('**Probabilities** in{0}: the logits form is the stable one.', from);
  return l10n.t('**Inputs** unresolved ({0}).', inlineCode(call.inputs.text));
}

function reductionLine(call: LossCall): string {
  const reduction = call.reduction;
  const value = reduction.value;
  if (value === 'mean' && call.meanDivisor) return `**"mean"**: ${escapeMarkdown(l10n.localize(call.meanDivisor))}.`;
  switch (value) {
    case 'none':
      return l10n.t('**"none"**: per element (the paper sums, then divides by the positives).');
    case 'sum':
      return l10n.t('**"sum"**: the paper then divides by the number of positives.');
    case 'mean':
      return l10n.t('**"mean"**: over every element, not the paper\'s sum / positives.');
    case 'sum_over_batch_size':
      return l10n.t('**"sum_over_batch_size"**: Keras averages over the batch.');
    case undefined:
      // Several reductions (a parametrized test): the parameters line lists them.
      return reduction.values ? '' : l10n.t('**Reduction** unresolved ({0}).', inlineCode(reduction.text));
    default:
      // A library's own reduction (detectron2's "sum / number of foreground anchors"): the
      // parameters line names it and the library's caveat explains it; nothing to add here.
      return '';
  }
}

/**
 * A table number kept on one line. In a narrow hover (the editor beside the Loss Explorer, with the
 * side bar open, at 1280 x 800) the browser breaks "6.931e-1" after its hyphen, and the cell read
 * "6.931e-" above "1". The exponent's sign as U+2212, the minus the hover's formulas already use
 * ("CE = −log(p_t)"), is no break opportunity before a digit.
 */
function unbrokenExponent(number: string): string {
  return number.replace(/e-(?=\d)/, 'e\u2212');
}
