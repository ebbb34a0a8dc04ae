import { formatNumber, formatNumbersAlike, formatRatio, PAPER_CHOICE, paperTable1Line } from '../core';
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

/*
 * The hover of one recognised loss call, as Markdown. Pure (no vscode import), so it is unit-tested
 * in Node; hoverProvider.ts wraps it in a MarkdownString. Every number comes from the core.
 */

export { HOVER_PT_VALUES } from './hoverTable';

const KIND_NAMES = { ce: 'cross-entropy', balanced: 'alpha-balanced cross-entropy', focal: 'focal loss', 'focal-star': 'FL*' } as const;

/**
 * Laid out to be read without scrolling in a small window: a title line with the formula, one line
 * of parameters with their origins, one of consequences, a transposed table (four short rows),
 * caveats, links.
 */
export function hoverMarkdown(call: LossCall, line: number, settings: LossLensSettings): string {
  const alpha = call.alpha.value;
  const gamma = call.gamma.value;
  const beta = call.beta?.value ?? 0;
  const log = settings.logBase === 'e' ? 'log' : `log${settings.logBase}`;
  const f = (value: number) => formatNumber(value, settings.precision);
  const parts: string[] = [];

  // A loss the core does not model is not shown with the focal loss's formula.
  parts.push(`**${escapeMarkdown(call.api)}** · ${KIND_NAMES[call.kind]}${call.notModeled ? '' : ` · ${formulaLine(call, alpha, gamma, beta, log, f)}${positivesWeight(call, f)}`}`);
  if (call.builtAt) parts.push(`*${builtAtText(call)}*`);
  parts.push(paramRows(call).map(([name, value]) => `${name} ${valueText(value)} *(${originText(value.origin)})*`).join(' · '));
  parts.push(`${inputsLine(call)} ${reductionLine(call)}`);

  const table = hoverTable(call, logBaseValue(settings.logBase));
  if ('notModeled' in table) {
    parts.push(`*${l10n.t('No values: {0}', escapeMarkdown(l10n.localize(table.notModeled)))}*`);
  } else if ('missing' in table) {
    parts.push(`*${l10n.t('No values: {0} could not be worked out from this file.', listText(table.missing))}*`);
  } else {
    const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
    const n = table.ce.length;
    const losses = formatNumbersAlike([...table.ce, ...table.loss, ...(table.negative?.loss ?? [])], settings.precision);
    parts.push(
      [
        row([l10n.t('{0} ({1})', table.column, baseName(settings.logBase)), ...HOVER_PT_VALUES.map(String)]),
        row(['---', ...HOVER_PT_VALUES.map(() => '---:')]),
        row(['CE', ...losses.slice(0, n)]),
        row([table.label, ...losses.slice(n, 2 * n)]),
        // Beside the negatives' row a ratio to CE would repeat one number; otherwise it says how much lower.
        table.negative
          ? row([table.negative.label, ...losses.slice(2 * n)])
          : row([`CE / ${table.label}`, ...table.loss.map((l, i) => (l === 0 ? '∞' : formatRatio(table.ce[i]! / l)))]),
      ].join('\n'),
    );
    if (table.notes.length) parts.push(`*${escapeMarkdown(table.notes.join('; '))}.*`);
  }

  const evidence = paperEvidence(call);
  if (evidence) parts.push(`*${escapeMarkdown(l10n.localize(evidence))}*`);

  if (call.caveats.length) parts.push(call.caveats.map((caveat) => `⚠ ${escapeMarkdown(l10n.localize(caveat))}`).join('  \n'));

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
  if (links.length) parts.push(links.join(' · '));
  return parts.join('\n\n');
}

/**
 * The paper's Table 1 where a sigmoid focal loss (or alpha-balanced CE) sets alpha or gamma other
 * than the paper's: what the paper measured in its setting. Table 1's alpha is alpha_t of one sigmoid
 * per class, so softmax losses (whose alpha means something else) get no line; nor does a call whose
 * gamma is unknown, or whose alpha is unknown at the paper's gamma.
 */
function paperEvidence(call: LossCall): string | undefined {
  if ((call.kind !== 'focal' && call.kind !== 'balanced') || call.notModeled || call.classModel !== 'sigmoid') return undefined;
  const gamma = call.gamma.value;
  if (gamma === undefined || (call.alpha.value === undefined && gamma === PAPER_CHOICE.gamma)) return undefined;
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

function paramRows(call: LossCall): [string, ParamValue<unknown>][] {
  const rows: [string, ParamValue<unknown>][] = [];
  if (call.kind !== 'ce') rows.push(['alpha', call.alpha]);
  if (call.kind === 'focal' || call.kind === 'focal-star') rows.push([escapeMarkdown(call.gammaParam ?? 'gamma'), call.gamma]);
  if (call.beta) rows.push(['beta', call.beta]);
  rows.push(['reduction', call.reduction]);
  for (const extra of call.extra) rows.push([escapeMarkdown(extra.name), extra.value]);
  return rows;
}

function valueText(value: ParamValue<unknown>): string {
  if (value.origin.kind === 'unresolved') return inlineCode(value.text || '?');
  if (value.value === null) return `**${l10n.t('none')}**`;
  if (typeof value.value === 'number') return `**${formatNumber(value.value, 6)}**`;
  if (isNumberArray(value.value)) return `**${arrayText(value.value)}**`;
  if (typeof value.value === 'string') return inlineCode(JSON.stringify(value.value));
  return inlineCode(value.text);
}

/** Where a name called as a loss got its loss, so the values' "line N" origins make sense at the call. */
function builtAtText(call: LossCall): string {
  const name = inlineCode(call.callee);
  const where = originText(call.builtAt!.line);
  switch (call.builtAt!.how) {
    case 'instance':
      return l10n.t('{0} is the loss object built at {1}; its parameters are from there.', name, where);
    case 'reference':
      return l10n.t('{0} is this function ({1}).', name, where);
    case 'partial':
      return l10n.t('{0} is a functools.partial of it ({1}), with the arguments given there.', name, where);
  }
}

/** A tensor's numbers as the hover shows them: every one up to 8, else the first 6 and the count. */
function arrayText(values: readonly number[]): string {
  const shown = values.length <= 8 ? values : values.slice(0, 6);
  const items = shown.map((x) => formatNumber(x, 6)).join(', ');
  return values.length <= 8 ? `[${items}]` : `[${items}, ${l10n.t('… {0} values', values.length)}]`;
}

export function originText(origin: ValueOrigin): string {
  switch (origin.kind) {
    case 'explicit':
      return l10n.t('written here');
    case 'default':
      return l10n.t('library default');
    case 'resolved':
      return origin.file ? l10n.t('{0} line {1}', escapeMarkdown(origin.file), origin.line + 1) : origin.inContext ? l10n.t('an earlier cell, line {0}', origin.line + 1) : l10n.t('line {0}', origin.line + 1);
    case 'unresolved':
      return l10n.t('unresolved');
  }
}

function inputsLine(call: LossCall): string {
  const inputs = call.inputs.value;
  const from = call.inputs.origin.kind === 'default' ? '' : ` (${escapeMarkdown(call.inputs.text)})`;
  const softmax = call.classModel === 'softmax';
  if (inputs === 'logits') {
    if (softmax) return l10n.t('**Logits** in{0}: `log_softmax` over the class dimension is applied inside.', from);
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
      return l10n.t('**Reduction** unresolved ({0}).', inlineCode(reduction.text));
    default:
      return l10n.t('**Reduction** {0}.', inlineCode(JSON.stringify(value)));
  }
}
