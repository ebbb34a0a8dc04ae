import { formatNumber, formatRatio, lossFromProb } from '../core';
import type { LossCall, ParamValue, ValueOrigin } from '../language';
import { COMPUTE_LOSS_COMMAND, OPEN_EXPLORER_COMMAND } from './commandIds';
import { explorerCallOf } from './explorerCallOf';
import { commandUri, escapeMarkdown, inlineCode } from './markdownText';
import { baseName, baseOf } from './settingsValues';
import type { LossLensSettings } from './settingsValues';

/*
 * The hover of one recognised loss call, as Markdown. Pure (no vscode import), so it is unit-tested
 * in Node; hoverProvider.ts wraps it in a MarkdownString. Every number comes from the core.
 */

/** The p_t values of the hover's table: hard, even, easy and very easy examples. */
export const HOVER_PT_VALUES = [0.1, 0.5, 0.9, 0.99] as const;

const KIND_NAMES = { ce: 'cross-entropy', balanced: 'alpha-balanced cross-entropy', focal: 'focal loss', 'focal-star': 'FL*' } as const;

export function hoverMarkdown(call: LossCall, line: number, settings: LossLensSettings): string {
  const alpha = call.alpha.value;
  const gamma = call.gamma.value;
  const beta = call.beta?.value ?? 0;
  const log = settings.logBase === 'e' ? 'log' : `log${settings.logBase}`;
  const f = (value: number) => formatNumber(value, settings.precision);
  const parts: string[] = [];

  parts.push(`**${escapeMarkdown(call.api)}** · ${KIND_NAMES[call.kind]}`);
  parts.push(formulaLine(call, alpha, gamma, beta, log, f));
  parts.push(
    ['| | value | from |', '|---|---|---|', ...paramRows(call).map(([name, value]) => `| ${name} | ${valueCell(value)} | ${originText(value.origin)} |`)].join('\n'),
  );
  parts.push(`**Inputs:** ${inputsLine(call)}  \n**Reduction:** ${reductionLine(call.reduction)}`);

  if (alpha !== undefined && gamma !== undefined && !(call.kind === 'focal-star' && gamma === 0)) {
    const base = baseOf(settings.logBase);
    const params = { alpha, gamma, beta, base };
    const rows = HOVER_PT_VALUES.map((pt) => {
      const ce = lossFromProb('ce', pt, 1, { base });
      const loss = lossFromProb(call.kind, pt, 1, params);
      return `| ${pt} | ${f(ce)} | ${f(loss)} | ${loss === 0 ? '∞' : formatRatio(ce / loss)} |`;
    });
    parts.push([`| p_t (positive) | CE | this loss | CE / loss |`, '|---|---|---|---|', ...rows].join('\n') + `\n\n*${baseName(settings.logBase)}*`);
  } else {
    parts.push(`*No values: ${[alpha === undefined ? 'alpha' : '', gamma === undefined ? 'gamma' : ''].filter(Boolean).join(' and ')} could not be worked out from this file.*`);
  }

  if (call.caveats.length) parts.push(call.caveats.map((caveat) => `⚠ ${escapeMarkdown(caveat)}`).join('  \n'));

  const explorer = explorerCallOf(call, line, settings);
  // Compute asks only for the prediction: target, alpha and gamma are this call's.
  const computeArgs = { y: 1, alpha: explorer.alpha, gamma: explorer.gamma };
  parts.push(`[Open in Loss Explorer](${commandUri(OPEN_EXPLORER_COMMAND, { call: explorer })} "Chart this call's loss") · [Compute at a value...](${commandUri(COMPUTE_LOSS_COMMAND, computeArgs)} "Compute this call's loss for a prediction you type")`);
  return parts.join('\n\n');
}

function formulaLine(call: LossCall, alpha: number | null | undefined, gamma: number | undefined, beta: number, log: string, f: (v: number) => string): string {
  const a = alpha === undefined ? 'α' : alpha === null ? null : f(alpha);
  const g = gamma === undefined ? 'γ' : f(gamma);
  const weight = a === null ? '' : `α_t·`;
  const alphaNote = a === null ? 'no alpha weighting' : `α_t = ${a} for positives, 1 − ${a} for negatives`;
  switch (call.kind) {
    case 'ce':
      return inlineCode(`CE = −${log}(p_t)`);
    case 'balanced':
      return `${inlineCode(`CE = −${weight}${log}(p_t)`)} · ${alphaNote}`;
    case 'focal':
      return `${inlineCode(`FL = −${weight}(1 − p_t)^${g}·${log}(p_t)`)} · ${alphaNote}`;
    case 'focal-star':
      return `${inlineCode(`FL* = −${weight}${log}(σ(${g}·x_t + ${f(beta)})) / ${g}`)} · ${alphaNote}`;
  }
}

function paramRows(call: LossCall): [string, ParamValue<unknown>][] {
  const rows: [string, ParamValue<unknown>][] = [];
  if (call.kind !== 'ce') rows.push(['alpha', call.alpha]);
  if (call.kind === 'focal' || call.kind === 'focal-star') rows.push(['gamma', call.gamma]);
  if (call.beta) rows.push(['beta', call.beta]);
  rows.push(['reduction', call.reduction]);
  for (const extra of call.extra) rows.push([escapeMarkdown(extra.name), extra.value]);
  return rows;
}

function valueCell(value: ParamValue<unknown>): string {
  if (value.origin.kind === 'unresolved') return inlineCode(value.text);
  if (value.value === null) return 'none';
  if (typeof value.value === 'number') return formatNumber(value.value, 6);
  if (typeof value.value === 'string') return inlineCode(JSON.stringify(value.value));
  return inlineCode(value.text);
}

export function originText(origin: ValueOrigin): string {
  switch (origin.kind) {
    case 'explicit':
      return 'written here';
    case 'default':
      return 'library default';
    case 'resolved':
      return origin.inContext ? `an earlier cell, line ${origin.line + 1}` : `line ${origin.line + 1}`;
    case 'unresolved':
      return 'unresolved';
  }
}

function inputsLine(call: LossCall): string {
  const inputs = call.inputs.value;
  const from = call.inputs.origin.kind === 'default' ? '' : ` (${escapeMarkdown(call.inputs.text)})`;
  if (inputs === 'logits') return `logits${from}: pass raw scores; the sigmoid is applied inside (passing probabilities applies it twice).`;
  if (inputs === 'probabilities') return `probabilities${from}: pass sigmoid outputs; the logits form is the numerically stable one.`;
  return `unresolved (${inlineCode(call.inputs.text)}).`;
}

function reductionLine(reduction: ParamValue<string>): string {
  const value = reduction.value;
  switch (value) {
    case 'none':
      return '"none": per-element losses; the paper sums them and divides by the number of positive anchors.';
    case 'sum':
      return '"sum": one total; the paper divides it by the number of positive anchors.';
    case 'mean':
      return '"mean": averages over every element, not the paper\'s sum / number of positives (values look far smaller).';
    case 'sum_over_batch_size':
      return '"sum_over_batch_size": Keras averages over the batch.';
    case undefined:
      return `unresolved (${inlineCode(reduction.text)}).`;
    default:
      return inlineCode(JSON.stringify(value));
  }
}
