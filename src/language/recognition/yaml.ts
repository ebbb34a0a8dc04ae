import { msg } from '../../core';
import { BY_PATH, DETECTRON2_DEFAULTS, PPDET_YAML_TYPES, ULTRALYTICS_FL_ALPHA, type CatalogEntry } from './catalog';
import type { LossCall, ParamValue } from './lossCall';
import { buildCatalogCall, defaultValue, EXPLICIT, UNRESOLVED, type CallSite } from './lossCallBuilder';
import { detectron2Call, hydraTargetCaveat } from './configCalls';
import { readNumber } from '../input/numberInput';

/*
 * YAML configs, line by line (block style is what these configs use): detectron2's
 * MODEL.RETINANET.FOCAL_LOSS_ALPHA / FOCAL_LOSS_GAMMA, ultralytics/YOLOv5's fl_gamma, and
 * PaddleDetection's `loss_class:` mappings (`name: FocalLoss` with alpha/gamma beside it). One
 * LossCall per key (per mapping for PaddleDetection); the other detectron2 key comes from the same
 * mapping, else its default. Hydra / OmegaConf nodes whose `_target_` is a catalog API.
 */

interface Entry {
  readonly key: string;
  readonly indent: number;
  readonly line: number;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueText: string;
  readonly valueEnd: number;
}

const KEY_LINE = /^([ \t]*)(-[ \t]+)?(["']?)([A-Za-z_][\w.]*)\3[ \t]*:(?:[ \t]+|$)(.*)$/;

export function findYamlLossCalls(text: string): LossCall[] {
  const lines = text.split(/\r\n|\r|\n/);
  const entries: Entry[] = [];
  let offset = 0;
  for (let line = 0; line < lines.length; line++) {
    const raw = lines[line]!;
    const lineStart = offset;
    offset += raw.length + (text.startsWith('\r\n', lineStart + raw.length) ? 2 : 1);
    // Every key line is kept (not only ours): shallower keys end a mapping for findSibling.
    const m = KEY_LINE.exec(raw);
    if (!m) continue;
    const indent = m[1]!.length + (m[2]?.length ?? 0);
    const keyStart = lineStart + m[1]!.length + (m[2]?.length ?? 0) + m[3]!.length;
    const valueText = stripComment(m[5]!);
    entries.push({ key: m[4]!, indent, line, keyStart, keyEnd: keyStart + m[4]!.length, valueText, valueEnd: lineStart + raw.length - m[5]!.length + valueText.length });
  }
  const calls: LossCall[] = [];
  for (let e = 0; e < entries.length; e++) {
    const entry = entries[e]!;
    const last = entry.key.slice(entry.key.lastIndexOf('.') + 1);
    const site = { callee: entry.key, start: entry.keyStart, end: Math.max(entry.keyEnd, entry.valueEnd), nameStart: entry.keyStart, nameEnd: entry.keyEnd };
    if (last === 'FOCAL_LOSS_ALPHA' || last === 'FOCAL_LOSS_GAMMA') {
      const other = last === 'FOCAL_LOSS_ALPHA' ? 'FOCAL_LOSS_GAMMA' : 'FOCAL_LOSS_ALPHA';
      const sibling = findSibling(entries, e, entry.key.slice(0, entry.key.length - last.length) + other);
      const own = yamlValue(entry.valueText);
      const otherValue = sibling ? yamlValue(sibling.valueText) : defaultValue(DETECTRON2_DEFAULTS[other]);
      calls.push(detectron2Call(site, last === 'FOCAL_LOSS_ALPHA' ? own : otherValue, last === 'FOCAL_LOSS_GAMMA' ? own : otherValue));
    } else if (entry.key === 'fl_gamma') {
      calls.push(flGammaCall(site, yamlValue(entry.valueText)));
    } else if (entry.key === 'name') {
      const call = ppdetLossCall(entries, e);
      if (call) calls.push(call);
    } else if (entry.key === '_target_') {
      const call = hydraTargetCall(entries, e);
      if (call) calls.push(call);
    }
  }
  return calls.sort((a, b) => a.start - b.start);
}

/** The entry with key `key` in the same mapping as entries[index] (same indent, no shallower line between). */
function findSibling(entries: readonly Entry[], index: number, key: string): Entry | undefined {
  const indent = entries[index]!.indent;
  for (const direction of [-1, 1]) {
    for (let k = index + direction; k >= 0 && k < entries.length; k += direction) {
      const candidate = entries[k]!;
      if (candidate.indent < indent) break;
      if (candidate.indent === indent && candidate.key === key) return candidate;
    }
  }
  return undefined;
}

/**
 * PaddleDetection's `loss_class:` mapping whose `name:` is one of its loss classes: the class's
 * parameters from the keys beside `name`, else its defaults. Only under `loss_class`, the key every
 * PaddleDetection head config uses for it: a `name: FocalLoss` elsewhere may be another framework's.
 */
function ppdetLossCall(entries: readonly Entry[], index: number): LossCall | undefined {
  const entry = entries[index]!;
  const quoted = /^(["'])(.*)\1$/.exec(entry.valueText);
  const type = quoted ? quoted[2]! : entry.valueText;
  const catalogEntry: CatalogEntry | undefined = PPDET_YAML_TYPES.get(type);
  if (!catalogEntry) return undefined;
  let parent = index - 1;
  while (parent >= 0 && entries[parent]!.indent >= entry.indent) parent--;
  const owner = entries[parent];
  if (!owner || owner.key !== 'loss_class' || owner.valueText !== '') return undefined;
  let last = index;
  for (let k = parent + 1; k < entries.length && entries[k]!.indent > owner.indent; k++) last = k;
  const values = new Map<string, ParamValue<unknown>>();
  for (const param of catalogEntry.params) {
    const sibling = findSibling(entries, index, param.name);
    values.set(param.name, sibling ? yamlValue(sibling.valueText) : defaultValue(param.default ?? null));
  }
  const nameStart = entry.valueEnd - entry.valueText.length + (quoted ? 1 : 0);
  const site: CallSite = {
    callee: `loss_class: ${type}`, start: owner.keyStart, end: Math.max(entries[last]!.valueEnd, entries[last]!.keyEnd),
    nameStart, nameEnd: nameStart + type.length,
  };
  return buildCatalogCall(catalogEntry, site, values);
}

/**
 * A Hydra / OmegaConf node `_target_: torch.nn.CrossEntropyLoss` (lightning-hydra-template's `criterion:`):
 * hydra.utils.instantiate calls the target with the node's other keys as keyword arguments
 * (`_args_` as positional ones, `_partial_: true` for a functools.partial). An `${...}` interpolation is
 * resolved by OmegaConf at run time: unresolved here.
 */
function hydraTargetCall(entries: readonly Entry[], index: number): LossCall | undefined {
  const entry = entries[index]!;
  const quoted = /^(["'])(.*)\1$/.exec(entry.valueText);
  const target = quoted ? quoted[2]! : entry.valueText;
  const catalogEntry = BY_PATH.get(target);
  if (!catalogEntry) return undefined;
  let parent = index - 1;
  while (parent >= 0 && entries[parent]!.indent >= entry.indent) parent--;
  const owner = parent >= 0 && entries[parent]!.valueText === '' ? entries[parent] : undefined;
  const positional = findSibling(entries, index, '_args_');
  const values = new Map<string, ParamValue<unknown>>();
  for (const param of catalogEntry.params) {
    const sibling = findSibling(entries, index, param.name);
    if (sibling) values.set(param.name, hydraValue(sibling.valueText));
    else if (positional && !param.keywordOnly) values.set(param.name, { value: undefined, origin: UNRESOLVED, text: `_args_: ${positional.valueText}`.trim() });
    else values.set(param.name, param.required ? { value: undefined, origin: UNRESOLVED, text: '' } : defaultValue(param.default ?? null));
  }
  let last = index;
  for (let k = index + 1; k < entries.length && entries[k]!.indent >= entry.indent; k++) last = k;
  const nameStart = entry.valueEnd - entry.valueText.length + (quoted ? 1 : 0);
  const site: CallSite = {
    callee: `${owner ? `${owner.key}: ` : ''}_target_: ${target}`, start: owner?.keyStart ?? entry.keyStart, end: Math.max(entries[last]!.valueEnd, entries[last]!.keyEnd),
    nameStart, nameEnd: nameStart + target.length,
  };
  const call = buildCatalogCall(catalogEntry, site, values);
  return { ...call, caveats: [hydraTargetCaveat(target), ...call.caveats] };
}

/** A value in a Hydra config: an OmegaConf interpolation (`${model.num_classes}`) is known only at run time. */
function hydraValue(text: string): ParamValue<unknown> {
  return text.includes('${') ? { value: undefined, origin: UNRESOLVED, text: text.trim() } : yamlValue(text);
}

function flGammaCall(site: CallSite, gammaValue: ParamValue<unknown>): LossCall {
  const gamma: ParamValue<number> = typeof gammaValue.value === 'number' ? (gammaValue as ParamValue<number>) : { value: undefined, origin: UNRESOLVED, text: gammaValue.text };
  const off = gamma.value === 0;
  const caveats = off
    ? [msg('fl_gamma 0 turns focal loss off: classification uses plain BCEWithLogitsLoss.')]
    : [msg('fl_gamma > 0 wraps the classification BCEWithLogitsLoss in FocalLoss(gamma=fl_gamma, alpha=0.25) (YOLOv5-style trainers; recent ultralytics ignores it).')];
  if (gamma.value !== undefined && gamma.value > 0 && gamma.value < 1) caveats.push(msg('gamma={0} < 1: the derivative of (1 - p_t)^gamma is unbounded as p_t -> 1, so autograd can give NaN or inf for saturated logits.', gamma.value));
  return {
    api: 'ultralytics.hyp.fl_gamma', library: 'ultralytics', kind: off ? 'ce' : 'focal', ...site,
    alpha: off ? defaultValue<number | null>(null, 'none') : defaultValue<number | null>(ULTRALYTICS_FL_ALPHA),
    gamma, inputs: defaultValue('logits' as const, 'logits'), classModel: 'sigmoid', reduction: defaultValue('mean', "'mean'"), caveats, extra: [],
  };
}

/** A YAML scalar as a number / null / boolean / string; unresolved when empty or structured. */
function yamlValue(text: string): ParamValue<unknown> {
  const trimmed = text.trim();
  if (trimmed === '' || /^[[{&*!|>]/.test(trimmed)) return { value: undefined, origin: UNRESOLVED, text: trimmed };
  if (/^(null|~|None)$/.test(trimmed)) return { value: null, origin: EXPLICIT, text: trimmed };
  if (/^(true|True)$/.test(trimmed)) return { value: true, origin: EXPLICIT, text: trimmed };
  if (/^(false|False)$/.test(trimmed)) return { value: false, origin: EXPLICIT, text: trimmed };
  const quoted = /^(["'])(.*)\1$/.exec(trimmed);
  if (quoted) return { value: quoted[2], origin: EXPLICIT, text: trimmed };
  const number = readNumber(trimmed.replace(/_/g, ''));
  return number === null ? { value: trimmed, origin: EXPLICIT, text: trimmed } : { value: number, origin: EXPLICIT, text: trimmed };
}

/** A value without its trailing `# comment` (a # inside quotes is kept). */
function stripComment(value: string): string {
  let quote = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(value[i - 1]!))) return value.slice(0, i).trimEnd();
  }
  return value.trimEnd();
}
