import { outermostActivation } from './outermostActivation';
import { msg } from '../../core';
import type { LossKind } from '../../core';
import type { AlphaOff, CallFacts, CatalogEntry, Flagged, Literal } from './catalog';
import { DEFAULT, EXPLICIT, UNRESOLVED, type ClassModel, type InputsKind, type LossCall, type ParamValue, type ValueOrigin } from './lossCall';
import type { UserLossModel } from './lossEvidence';
import type { BodyReduction } from './userLossBody';
import { isNumberArray } from './arrayValues';
import { legacyReduction } from './legacyReduction';

/*
 * Turning per-parameter values into a LossCall: the effective alpha (each library's way of
 * switching it off), gamma, inputs, reduction, extras, and the caveats that apply to this call.
 * Shared by Python calls, config dicts and YAML keys.
 */

export { DEFAULT, EXPLICIT, UNRESOLVED } from './lossCall';

/** Python spelling of a literal, for default values. */
export function renderPython(value: Literal): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}

export function defaultValue<T>(value: T, text?: string): ParamValue<T> {
  return { value, origin: DEFAULT, text: text ?? renderPython(value as Literal) };
}

/** Keeps `pv` when its value passes `accept`, else marks it unresolved with its source text. */
export function typed<T>(pv: ParamValue<unknown>, accept: (v: unknown) => v is T): ParamValue<T> {
  if (pv.value !== undefined && accept(pv.value)) return pv as ParamValue<T>;
  // Several values (a parametrized test) stay several when each is of the type.
  if (pv.values?.every(accept)) return pv as ParamValue<T>;
  // A list of numbers where one is expected (a per-class alpha): shown as it is, not as unresolved.
  if (isNumberArray(pv.value) && pv.origin.kind !== 'unresolved' && !accept(pv.value)) return { value: undefined, origin: pv.origin, text: pv.text, list: pv.value };
  return { value: undefined, origin: UNRESOLVED, text: pv.text };
}

export const isNumber = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
export const isNumberOrNull = (v: unknown): v is number | null => v === null || isNumber(v);
export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

/** Parameter values of one call, by the library's parameter names. */
export type ValuesByName = ReadonlyMap<string, ParamValue<unknown>>;

export interface CallSite {
  readonly callee: string;
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** Source text of the prediction argument, '' when unknown. */
  readonly predictionText?: string;
}

export function buildCatalogCall(entry: CatalogEntry, site: CallSite, values: ValuesByName): LossCall {
  const written = (name: string): ParamValue<unknown> => values.get(name) ?? { value: undefined, origin: UNRESOLVED, text: '' };
  // A reduction named by the library's constant is known to the caveats as well as to the reduction line.
  const reductionParam = 'param' in entry.reduction ? entry.reduction.param : undefined;
  const get = (name: string): ParamValue<unknown> => (name === reductionParam && entry.reductionNames ? namedReduction(written(name), entry.reductionNames) : written(name));
  const facts: CallFacts = {
    value: (name) => get(name).value,
    known: (name) => get(name).value !== undefined,
    explicit: (name) => get(name).origin.kind !== 'default' && get(name).text !== '',
    argText: (name) => (get(name).origin.kind === 'default' ? '' : get(name).text),
  };
  const alpha = entry.alpha ? effectiveAlpha(typed(get(entry.alpha.param), isNumberOrNull), entry.alpha.off, get('apply_class_balancing')) : defaultValue<number | null>(null, 'none');
  const gamma = typeof entry.gamma === 'number' ? defaultValue(entry.gamma) : typed(get(entry.gamma), isNumber);
  const inputs: ParamValue<InputsKind> = flagged(entry.inputs, get);
  const classModel: ClassModel | undefined = flagged(entry.classModel ?? 'sigmoid', get).value;
  const reductionWritten = 'fixed' in entry.reduction ? defaultValue(entry.reduction.fixed, entry.reduction.fixed) : typed(get(entry.reduction.param), isString);
  const legacy = entry.library === 'torch' && entry.params.some((param) => param.name === 'size_average') ? legacyReduction(get('size_average'), get('reduce'), reductionWritten) : { reduction: reductionWritten };
  const reduction = legacy.reduction;
  const extra = entry.extras.map((name) => ({ name, value: get(name) }));
  const predictionText = site.predictionText ?? (entry.predictionParam ? facts.argText(entry.predictionParam) : '');
  const notModeled = entry.notModeled?.(facts);
  const caveats = [
    ...(entry.caveats?.(facts) ?? []),
    // An alpha of a loss the core does not model (varifocal's negatives-only alpha) is not alpha_t.
    ...(notModeled ? [] : alphaCaveats(entry, alpha, get(entry.alpha?.param ?? ''), classModel)),
    ...gammaCaveats(entry.kind, gamma),
    ...activationTwiceCaveats(inputs.value, classModel, predictionText),
    ...(legacy.caveat ? [legacy.caveat] : []),
  ];
  return { api: entry.api, library: entry.library, kind: entry.kind, ...site, alpha, gamma, inputs, classModel, reduction, ...(entry.meanDivisor ? { meanDivisor: entry.meanDivisor } : {}), caveats, extra, ...(notModeled ? { notModeled } : {}), ...(entry.alphaWeighting ? { alphaWeighting: entry.alphaWeighting } : {}), ...(typeof entry.gamma === 'string' && entry.gamma !== 'gamma' ? { gammaParam: entry.gamma } : {}) };
}

/** A reduction written as one of the library's constants (`tf.losses.Reduction.NONE`): the value it stands for. */
function namedReduction(reduction: ParamValue<unknown>, names: ReadonlyMap<string, string>): ParamValue<unknown> {
  if (reduction.value !== undefined || reduction.values || reduction.origin.kind !== 'unresolved') return reduction;
  const named = /^(?:[A-Za-z_][\w.]*\.)?Reduction\.([A-Z_]+)$/.exec(reduction.text.replace(/^reduction\s*=\s*/, '').trim());
  const value = named && names.get(named[1]!);
  return value === undefined || value === null ? reduction : { value, origin: EXPLICIT, text: reduction.text };
}

/** The prediction as written applies the activation the loss applies itself (certain from the text alone). */
function activationTwiceCaveats(inputs: InputsKind | undefined, classModel: ClassModel | undefined, predictionText: string): string[] {
  const activation = outermostActivation(predictionText);
  if (classModel === 'softmax' && activation === 'softmax') {
    if (inputs === 'logits') return [msg('The prediction is a softmax output but this API applies log_softmax itself: the softmax is applied twice (pass the logits).')];
    if (inputs === 'log-probabilities') return [msg('The prediction is a softmax output, not log-probabilities: nll_loss needs log_softmax (or cross_entropy on the logits).')];
  }
  if (inputs === 'logits' && classModel !== 'softmax' && activation === 'sigmoid') return [msg('The prediction looks like probabilities (a sigmoid is applied) but this API expects logits: the sigmoid is applied twice.')];
  return [];
}

/** A fixed property as the library's default, or the one its flag picks, with the flag's origin and text. */
function flagged<T extends string>(spec: Flagged<T>, get: (name: string) => ParamValue<unknown>): ParamValue<T> {
  if (typeof spec === 'string') return defaultValue(spec, spec);
  const read = (name: string) => {
    const typedFlag = typed(get(name), isBoolean);
    // A flag with several values (a parametrized test), or a list, picks no one model.
    const flag: ParamValue<boolean> = typedFlag.values || typedFlag.list ? { value: undefined, origin: UNRESOLVED, text: typedFlag.text } : typedFlag;
    return { value: flag.value, origin: flag.origin, text: flag.origin.kind === 'default' ? `${name}=${flag.text}` : flag.text.includes('=') ? flag.text : `${name}=${flag.text}` };
  };
  const flag = read(spec.flag);
  // A second flag that also picks whenTrue decides when the first is false (or it is true itself).
  const or = spec.orFlag === undefined || flag.value === true ? undefined : read(spec.orFlag);
  if (or?.value === true) return { ...or, value: spec.whenTrue };
  if (or?.value === undefined && or && flag.value === false) return { ...or, value: undefined };
  return { value: flag.value === undefined ? undefined : flag.value ? spec.whenTrue : spec.whenFalse, origin: flag.origin, text: flag.text };
}

/**
 * Builds a call for a function or class defined in the user's own file. What its body shows decides
 * what is claimed: alpha as alpha_t only when the body computes alpha_t, alpha as one factor for every
 * element when it only multiplies, and no values at all when how it applies alpha is unclear; the
 * reduction from a `reduction` parameter, else from what every return computes (`loss.mean()`).
 */
export function buildUserCall(name: string, definitionLine: number | undefined, site: CallSite, values: ValuesByName, model: UserLossModel, file: string | undefined, originAt: (offset: number) => ValueOrigin): LossCall {
  const get = (key: string) => values.get(key);
  const alphaValue = get('alpha');
  const gammaValue = get('gamma');
  // Without a gamma, "alpha-balanced" is said only when the body weighs by alpha (alpha_t, or one factor for every
  // element, which the note then qualifies); an alpha used otherwise (a label-smoothing or mixing weight in a function
  // named for BCE) makes it a cross-entropy whose alpha is not modelled, unless its name says balanced.
  const kind: LossKind = gammaValue ? 'focal' : model.alphaWeighting === 'alpha_t' || model.alphaWeighting === 'every' || !alphaValue || /balanc/i.test(name) ? 'balanced' : 'ce';
  const alpha = alphaValue ? typed(alphaValue, isNumberOrNull) : defaultValue<number | null>(null, 'none');
  const gamma = gammaValue ? typed(gammaValue, isNumber) : defaultValue(0);
  const reduction = userReduction(get('reduction'), model.reduction, originAt);
  // A parameter named `_` (or `_x`) is a placeholder the body does not read: not a value worth showing.
  const extra = [...values].filter(([key]) => key !== 'alpha' && key !== 'gamma' && key !== 'reduction' && !key.startsWith('_') && values.get(key)!.origin.kind !== 'unresolved').map(([key, value]) => ({ name: key, value }));
  // undefined: in a notebook's earlier cell, whose line in the joined cells means nothing to a reader.
  const where =
    definitionLine === undefined
      ? msg('{0} is defined in an earlier cell.', name)
      : file ? msg('{0} is defined in {1} (line {2}).', name, file, definitionLine + 1) : msg('{0} is defined in this file (line {1}).', name, definitionLine + 1);
  // alpha_t has no single meaning over softmax classes: which class is "positive" is the body's choice.
  const weighting = model.classModel === 'softmax' && model.alphaWeighting === 'alpha_t' ? 'unclear' : model.alphaWeighting;
  // An alpha the file does not settle is still applied as the body applies it: `torch.where(y == 1, self.alpha, 1)` is not
  // alpha_t whatever alpha is (kanazashi-s/rsna_2022_v1 src/utils/model_utils/focal_loss.py, eval set 7).
  const weighted = typeof alpha.value === 'number' || (alphaValue !== undefined && alpha.origin.kind === 'unresolved') ? weighting ?? 'unclear' : undefined;
  // One alpha for every element is worth a warning; alpha_t, the paper's weighting, is only said.
  const alphaNote = weighted === 'every' ? msg('Its body multiplies every element by alpha, positives and negatives alike: no class balancing, alpha only scales the loss.') : undefined;
  const alphaT = weighted === 'alpha_t' ? msg('Its body weighs positives by alpha and negatives by 1 − alpha (alpha_t).') : undefined;
  // `ce = F.cross_entropy(x, y)` (reduced), then `(1 - exp(-ce)) ** gamma * ce`: one factor for the batch, not the paper's loss.
  const reduced = model.reducedFocal;
  // The 1-based line of a place in the body (where the definition is, the values are: originAt knows which file).
  const lineAt = (offset: number) => {
    const origin = originAt(offset);
    return origin.kind === 'resolved' ? origin.line + 1 : 0;
  };
  const reducedLine = reduced ? lineAt(reduced.offset) : 0;
  const logBase = model.logFocalBase;
  // A focal loss that also smooths its targets (Kageshimasu/focal-loss-with-smoothing's lb_smooth, eval set 7) puts
  // weight on every class's log-probability: not the paper's loss of the target class, whatever its factor.
  const smoothing = kind === 'focal' ? [...values].find(([key, value]) => SMOOTHING_PARAMETER.test(key) && value.value !== 0 && value.value !== null && value.value !== false) : undefined;
  // Class weights passed on to a cross-entropy inside (`cross_entropy(x, y, weight=self.weight)`): unless the call leaves
  // them None, every element is weighted by its class (and a factor from exp(-CE) is not p_t): not the formula below.
  const weights = model.classWeights;
  const weightsValue = weights && get(weights.parameter);
  const weightedBy = weightsValue && weightsValue.value !== null ? weights : undefined;
  const notModeled = smoothing
    ? msg('{0} also smooths its targets ({1}): every class gets some weight, so this is not the paper\'s focal loss of the target class', name, `${smoothing[0]}=${smoothing[1].text}`)
    : logBase
    ? msg('{0} raises 1 − {1} to gamma, and {1} is made from log-probabilities (line {2}), not a probability: not the paper\'s (1 − p_t)^gamma', name, logBase.name, lineAt(logBase.offset))
    : reduced
    ? reduced.reduction === 'unknown'
      ? msg('{0} takes its focal factor from exp(-CE) of {1}, whose reduction this file does not settle (line {2}): if it reduces over the batch, every sample gets the same factor and nothing is focused', name, reduced.loss, reducedLine)
      : msg("{0} takes its focal factor from the batch's {1} cross-entropy ({2}, reduction='{1}', line {3}): exp(-CE) is one number for the batch, so every sample gets the same factor and nothing is focused; not the per-sample focal loss", name, reduced.reduction, reduced.loss, reducedLine)
    : weighted === 'unclear'
    ? msg('how {0} applies alpha is not clear from its body', name)
    : weightedBy
    ? msg('{0} passes {1} to its cross-entropy as class weights ({2}=, line {3}): every element\'s loss is scaled by its class\'s weight, which Loss Lens does not compute for your own losses', name, weightsValue!.text, weightedBy.keyword, lineAt(weightedBy.offset))
    : undefined;
  return {
    api: `user:${name}`, library: 'user', kind, ...site, alpha, gamma,
    ...(weighted === 'every' ? { alphaWeighting: 'every' as const } : {}),
    ...(notModeled ? { notModeled } : {}),
    // From the body: the definition's contract; from the call's argument (inputsText): what is written at the call.
    inputs: model.inputs
      ? { value: model.inputs, origin: model.inputsOrigin ?? (model.inputsText ? EXPLICIT : DEFAULT), text: model.inputsText ?? `${model.inputs} (from what your ${name} computes)` }
      : { value: undefined, origin: UNRESOLVED, text: model.inputsText ?? 'unknown (your own function)' },
    classModel: model.classModel,
    reduction,
    // (The gamma notes describe the paper's factor, which a log-based one is not.)
    caveats: [...(alphaNote ? [alphaNote] : []), ...(logBase || smoothing ? [] : gammaCaveats(kind, gamma))],
    notes: [where, ...(alphaT ? [alphaT] : [])],
    extra,
  };
}

/** A parameter that smooths a loss's targets (`lb_smooth`, `label_smoothing`, `smoothing`): not Dice's `smooth` epsilon. */
const SMOOTHING_PARAMETER = /^_*(?:lb_smooth(?:ing)?|label_smooth(?:ing)?|smoothing|ls(?:_eps)?|smooth_eps)$/i;

/** A `reduction` parameter's value; else the reduction every return computes, at its line; else unresolved. */
function userReduction(parameter: ParamValue<unknown> | undefined, body: BodyReduction | undefined, originAt: ((offset: number) => ValueOrigin) | undefined): ParamValue<string> {
  if (parameter) return typed(parameter, isString);
  if (body && originAt) return { value: body.value, origin: originAt(body.offset), text: body.text };
  return { value: undefined, origin: UNRESOLVED, text: 'as your function computes it' };
}

function effectiveAlpha(alpha: ParamValue<number | null>, off: AlphaOff, classBalancing: ParamValue<unknown>): ParamValue<number | null> {
  if (alpha.value === undefined) return alpha;
  switch (off) {
    case 'negative':
      return typeof alpha.value === 'number' && alpha.value < 0 ? { ...alpha, value: null } : alpha;
    case 'zero-or-none':
      return alpha.value === 0 ? { ...alpha, value: null } : alpha;
    case 'not-positive':
      return typeof alpha.value === 'number' && alpha.value <= 0 ? { ...alpha, value: null } : alpha;
    case 'needs-class-balancing':
      if (classBalancing.value === true) return alpha;
      // Without class balancing alpha does nothing: the value shown is none, from the flag.
      if (classBalancing.value === false) return { value: null, origin: classBalancing.origin, text: `apply_class_balancing=${classBalancing.text}` };
      return { value: undefined, origin: UNRESOLVED, text: `${alpha.text} (if apply_class_balancing=${classBalancing.text})` };
    default:
      return alpha;
  }
}

function alphaCaveats(entry: CatalogEntry, alpha: ParamValue<number | null>, written: ParamValue<unknown>, classModel: ClassModel | undefined): string[] {
  const notes: string[] = [];
  if (entry.alpha?.off === 'negative' && typeof written.value === 'number' && written.value < 0 && written.origin.kind !== 'default' && !isUncalledDefault(written)) {
    notes.push(msg('alpha={0} < 0 turns alpha weighting off.', written.text));
  }
  // Said only where it may surprise: the paper's 0.25 is the recommended setting, not a mistake.
  if (typeof alpha.value === 'number' && !isUncalledDefault(alpha) && alpha.value < 0.5 && alpha.value > 0 && alpha.value !== 0.25 && entry.alpha?.off !== 'needs-class-balancing' && entry.library !== 'keras' && entry.alphaWeighting !== 'every') {
    notes.push(
      classModel === 'softmax'
        ? msg('alpha={0} weights the foreground classes by {0} and class 0 (background) by {1}.', alpha.value, round(1 - alpha.value))
        : msg('alpha={0} weights positives by {0} and negatives by {1}: it down-weights the positives.', alpha.value, round(1 - alpha.value)),
    );
  }
  return notes;
}

function gammaCaveats(kind: LossKind, gamma: ParamValue<number>): string[] {
  if ((kind !== 'focal' && kind !== 'focal-star') || gamma.value === undefined || isUncalledDefault(gamma)) return [];
  if (kind === 'focal-star') return gamma.value <= 0 ? [msg('FL* divides by gamma: gamma must be > 0.')] : [];
  if (gamma.value < 0) return [msg('gamma={0} < 0 is not a focal loss (most libraries raise).', gamma.value)];
  if (gamma.value === 0) return [msg('gamma=0: the modulating factor is 1, so this is (alpha-balanced) cross-entropy.')];
  if (gamma.value < 1) return [msg('gamma={0} < 1: the derivative of (1 - p_t)^gamma is unbounded as p_t -> 1, so autograd can give NaN or inf for saturated logits.', gamma.value)];
  return [];
}

/**
 * Whether the value is a parameter default of a function or class no call in this file calls: the values line
 * already hedges it ("unless another file passes a value"), and a warning stated as fact about it would be wrong
 * wherever the callers pass another value (AdeelH/pytorch-multi-class-focal-loss's `focal_loss(gamma=0.)` factory,
 * which every caller gives its own gamma).
 */
function isUncalledDefault(value: ParamValue<unknown>): boolean {
  return value.origin.kind === 'resolved' && value.origin.via === 'uncalledDefault';
}

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}
