import { msg } from '../core';
import { isNumberArray, scalarOf } from '../language/recognition';
import type { LossCall, ParamValue } from '../language/recognition';
import BATCH_SUMMARY_SOURCE from './batchSummary.py';
import { callArguments } from './callArguments';
import type { CallArgument } from './callArguments';
import type { BatchSpec } from '../core/batchSummary';

export type { BatchSpec } from '../core/batchSummary';
import { argumentChain } from './argumentChain';
import type { ArgumentChain, ChainStep } from './argumentChain';
import { safeExpression } from './safeExpression';

/*
 * What Loss Lens asks a paused debuggee for a loss call: the two argument expressions (checked by
 * safeExpression), the loss as the file gives it (BatchSpec), and parameters the file leaves
 * unresolved but names with a safe expression (`alpha=self.alpha`), read live. The expression sent is
 * the shipped snippet (batchSummary.py) defined in a fresh namespace and called with those values.
 */

export const EASY_PT = 0.9;
export const MAX_ELEMENTS = 30_000_000;
/** The most values the Explorer's batch view brings back as its sample (all of a batch that fits). */
export const VIEW_SAMPLE = 100_000;

export interface BatchRequest {
  /** The arguments as written (`outputs.view(-1, C)`), as the hover names them. */
  readonly pred: string;
  readonly target: string;
  /** What the frame evaluates for each: the values before their steps (`outputs`); spec.steps has the steps. */
  readonly values: { readonly pred: string; readonly target: string };
  /** Names the steps' arguments read (`C`, `x.shape[1]`): ref -> safe expression. */
  readonly refs: Readonly<Record<string, string>>;
  readonly spec: BatchSpec;
  /** Parameters read in the debuggee: name -> expression (`{ gamma: 'self.gamma' }`). */
  readonly live: Readonly<Record<string, string>>;
  /** The library of the loss call (`torch`); absent for a selection, which names no loss. */
  readonly library?: string;
}

export type BatchRequestResult = { readonly ok: true; readonly request: BatchRequest } | { readonly ok: false; readonly reason: string };

/** Keyword names of the prediction and the target across the libraries Loss Lens knows. */
const PRED_NAMES = new Set(['input', 'inputs', 'logits', 'logit', 'pred', 'preds', 'prediction', 'predictions', 'y_pred', 'output', 'outputs', 'scores', 'score', 'x']);
const TARGET_NAMES = new Set(['target', 'targets', 'label', 'labels', 'y_true', 'y', 'gt', 'true', 'truth', 'gt_labels']);

/** Libraries whose losses are called (y_true, y_pred): Keras and TF Addons. */
const TARGET_FIRST = new Set(['keras', 'tensorflow_addons']);

/** The request for `call`, whose call text (from its callee to its closing parenthesis) is `callText`. */
export function batchRequestOf(call: LossCall, callText: string, overrides: { readonly sample?: number; readonly view?: number } = {}): BatchRequestResult {
  if (call.notModeled) return { ok: false, reason: msg('the core does not compute this loss') };
  if (call.kind === 'focal-star') return { ok: false, reason: msg('FL* is not computed for a batch') };
  const args = callArguments(callText);
  if (!args) return { ok: false, reason: msg('the call has no arguments to read') };
  const pair = predictionAndTarget(args, TARGET_FIRST.has(call.library));
  if (!pair) return { ok: false, reason: msg('the call does not pass a prediction and a target') };
  const readable = readableArguments(pair.pred, pair.target);
  if ('reason' in readable) return { ok: false, reason: readable.reason };
  const inputs = call.inputs.value;
  if (!inputs) return { ok: false, reason: msg('whether it takes logits or probabilities is not known from the file') };
  const live: Record<string, string> = {};
  const instance = moduleInstance(call);
  const known = (name: string, value: ParamValue<unknown> | undefined): unknown => {
    if (!value) return undefined;
    // A default that no call in the file passes (`weight=self.alpha` with `alpha=None` in __init__) is
    // only what the file shows: another file may build the loss with a value (kagozi's train_models.py
    // passes class weights), and the frame holds the one this call gets. Read it there when it may be read.
    const onlyDefault = value.origin.kind === 'resolved' && value.origin.via === 'uncalledDefault';
    if (value.value !== undefined && !(onlyDefault && safeExpression(value.text).ok)) return value.value;
    // A loss module keeps what it was built with: `self.criterion.weight` reads it wherever it was built
    // (the constructor's own expression may name a variable of another function, such as __init__).
    const attribute = instance && MODULE_ATTRIBUTES[call.api]?.[name];
    if (instance && attribute) {
      live[name] = `${instance}.${attribute}`;
      return undefined;
    }
    const safe = safeExpression(value.text);
    if (!safe.ok) throw new Unknown(name, value.text);
    live[name] = safe.text;
    return undefined;
  };
  try {
    const alpha = known('alpha', call.alpha) as number | null | undefined;
    const gamma = call.kind === 'focal' ? (known('gamma', call.gamma) as number | undefined) : 0;
    const extra = (name: string) => call.extra.find((e) => e.name === name)?.value;
    const posWeight = known('posWeight', extra('pos_weight'));
    const smoothing = known('labelSmoothing', extra('label_smoothing'));
    // PyTorch's weight= is per class for the softmax losses, and per element (broadcast to the input) for BCE.
    const weight = call.classModel === 'softmax' ? known('weight', extra('weight')) : undefined;
    const elementWeight = call.classModel !== 'softmax' ? known('elementWeight', extra('weight')) : undefined;
    const ignore = known('ignoreIndex', extra('ignore_index'));
    const spec: BatchSpec = {
      model: call.classModel ?? 'auto',
      inputs,
      kind: call.kind,
      alpha: typeof alpha === 'number' ? alpha : null,
      ...(call.alphaWeighting === 'every' ? { alphaEvery: true } : {}),
      ...(call.classModel === 'softmax' ? { alphaOn: call.library === 'keras' || call.alphaWeighting === 'every' ? 'every' as const : 'foreground' as const } : {}),
      gamma: typeof gamma === 'number' ? gamma : 0,
      posWeight: scalarOf(posWeight) ?? (isNumberArray(posWeight) ? posWeight : null),
      ...(isNumberArray(elementWeight) ? { elementWeight } : typeof elementWeight === 'number' ? { elementWeight: [elementWeight] } : {}),
      labelSmoothing: scalarOf(smoothing) ?? 0,
      weight: isNumberArray(weight) ? weight : null,
      // PyTorch's CE family ignores -100 unless told otherwise.
      ignoreIndex: typeof ignore === 'number' ? ignore : call.library === 'torch' && call.classModel === 'softmax' && ignore === undefined ? -100 : null,
      reduction: call.reduction.value ?? null,
      easy: EASY_PT,
      sample: overrides.sample ?? 0,
      ...(overrides.view ? { view: overrides.view } : {}),
      ...readable.steps,
      maxElements: MAX_ELEMENTS,
    };
    return { ok: true, request: { pred: pair.pred, target: pair.target, values: readable.values, refs: readable.refs, spec, live, library: call.library } };
  } catch (error) {
    if (error instanceof Unknown) return { ok: false, reason: msg('{0} `{1}` is neither known from the file nor a name to read', error.name, error.text) };
    throw error;
  }
}

/** What torch.nn's loss modules keep as attributes, by the spec's parameter name. */
const MODULE_ATTRIBUTES: Record<string, Record<string, string>> = {
  'torch.nn.CrossEntropyLoss': { weight: 'weight', ignoreIndex: 'ignore_index', labelSmoothing: 'label_smoothing' },
  'torch.nn.NLLLoss': { weight: 'weight', ignoreIndex: 'ignore_index' },
  'torch.nn.BCEWithLogitsLoss': { elementWeight: 'weight', posWeight: 'pos_weight' },
  'torch.nn.BCELoss': { elementWeight: 'weight' },
};

/** The loss module a call is made on (`self.criterion` after `self.criterion = nn.CrossEntropyLoss(...)`), as a safe expression. */
function moduleInstance(call: LossCall): string | undefined {
  if (call.builtAt?.how !== 'instance' || !(call.api in MODULE_ATTRIBUTES)) return undefined;
  const safe = safeExpression(call.callee);
  return safe.ok ? safe.text : undefined;
}

class Unknown extends Error {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    super(name);
  }
}

interface ReadableArguments {
  readonly values: { readonly pred: string; readonly target: string };
  readonly refs: Record<string, string>;
  /** The spec's `steps`, when either argument has any. */
  readonly steps: { readonly steps?: { readonly pred: readonly ChainStep[]; readonly target: readonly ChainStep[] } };
}

/** The values the frame evaluates for the two arguments and the steps the snippet applies; or why one is not read. */
function readableArguments(pred: string, target: string): ReadableArguments | { readonly reason: string } {
  const refs: Record<string, string> = {};
  const chains: ArgumentChain[] = [];
  for (const [what, text] of [['prediction', pred], ['target', target]] as const) {
    const chain = argumentChain(text, refs);
    if (!chain.ok) return { reason: msg('the {0} `{1}` is not evaluated: {2}', what, text, chain.reason) };
    chains.push(chain.chain);
  }
  const [p, t] = chains as [ArgumentChain, ArgumentChain];
  const steps = p.steps.length || t.steps.length ? { steps: { pred: p.steps, target: t.steps } } : {};
  return { values: { pred: p.base, target: t.base }, refs, steps };
}

/** The prediction and target arguments: by keyword where named, else the first two positional ones. */
function predictionAndTarget(args: readonly CallArgument[], targetFirst: boolean): { pred: string; target: string } | undefined {
  const positional = args.filter((a) => a.name === undefined).map((a) => a.text);
  const named = (names: ReadonlySet<string>) => args.find((a) => a.name !== undefined && names.has(a.name))?.text;
  let pred = named(PRED_NAMES);
  let target = named(TARGET_NAMES);
  if (targetFirst) {
    target ??= positional.shift();
    pred ??= positional.shift();
  } else {
    pred ??= positional.shift();
    target ??= positional.shift();
  }
  return pred && target ? { pred, target } : undefined;
}

/** The batch of two expressions the user selected, with the loss they pick (settings' alpha and gamma). */
export function selectionRequest(pred: string, target: string, spec: Omit<BatchSpec, 'easy' | 'maxElements'>): BatchRequestResult {
  const readable = readableArguments(pred, target);
  if ('reason' in readable) return { ok: false, reason: readable.reason };
  return { ok: true, request: { pred: pred.trim(), target: target.trim(), values: readable.values, refs: readable.refs, spec: { ...spec, ...readable.steps, easy: EASY_PT, maxElements: MAX_ELEMENTS }, live: {} } };
}

/**
 * The one expression evaluated in the paused frame: the snippet defined in a fresh namespace, then
 * summarize() called with the two argument expressions and the live parameters, which the frame
 * evaluates (they passed safeExpression). Everything else in it is a literal Loss Lens wrote.
 */
export function batchExpression(request: BatchRequest): string {
  const dict = (entries: Readonly<Record<string, string>>) =>
    Object.entries(entries)
      .map(([name, expr]) => `${JSON.stringify(name)}: ${expr}`)
      .join(', ');
  const source = JSON.stringify(BATCH_SUMMARY_SOURCE);
  return `(lambda __ll: (exec(${source}, __ll), __ll['summarize'])[1])({'__name__': '__loss_lens__'})(${request.values.pred}, ${request.values.target}, ${JSON.stringify(JSON.stringify(request.spec))}, {${dict(request.live)}}, {${dict(request.refs)}})`;
}
