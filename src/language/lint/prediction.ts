import { isOp, lineOf, type LossCall, type PythonModule, type PythonTokens } from '../recognition';
import type { Flow, Val } from './flow';
import { isLossClass, lossSpec, type LossFamily } from './losses';
import { shortProducer } from './origin';
import { positionalLogits } from './tfArgumentOrder';
import type { Nature } from './producers';
import { argumentAt, argumentsOf, headOfToken, rangeText, tokenAtOffset, type Argument } from './syntax';

/*
 * Where a recognised loss call takes its prediction (the logits or probabilities argument), and what
 * the file's data flow says that argument is. The lint's checks and the hover's input line both read
 * it here, from the one analysis cached per module version (index.ts).
 */

/** The loss call's brackets: its own '(' and the '(' of the call that computes the loss (-1 when not in the file). */
export interface LossInvocation {
  readonly open: number;
  readonly invocation: number;
  /** A loss class constructed here (`nn.CrossEntropyLoss()`), rather than an instance called. */
  readonly constructing: boolean;
  readonly isClass: boolean;
}

export function invocationOf(t: PythonTokens, call: LossCall): LossInvocation | undefined {
  const close = tokenAtOffset(t, call.end) - 1;
  if (!isOp(t, close, ')')) return undefined;
  const open = t.match[close]!;
  const isClass = isLossClass(call.api);
  const constructing = isClass && call.builtAt?.how !== 'instance';
  let invocation = -1;
  if (!constructing) invocation = open;
  else if (isOp(t, close + 1, '(')) invocation = close + 1;
  return { open, invocation, constructing, isClass };
}

/** The prediction argument of the invocation and what the loss wants there. */
export function predictionArgument(module: PythonModule, call: LossCall, invocation: number): { readonly arg: Argument; readonly family: LossFamily } | undefined {
  const spec = lossSpec(call.api);
  if (!spec || invocation < 0 || call.library === 'user') return undefined;
  // tf.nn's (a, b) without keywords: which one is the logits depends on the TensorFlow version.
  const positional = positionalLogits(module, call.api, invocation);
  if (positional !== null) return positional ? { arg: positional, family: spec.family } : undefined;
  const arg = argumentAt(argumentsOf(module.tokens, invocation), spec.position, spec.keywords);
  return arg ? { arg, family: spec.family } : undefined;
}

/** What the data flow says the argument [arg.valueFrom, arg.to) is, when it is one certain value. */
export function argumentValue(module: PythonModule, flow: Flow, arg: Argument): { readonly val: Val; readonly scope: number } | undefined {
  const t = module.tokens;
  const scope = module.headScope[headOfToken(t, arg.valueFrom)]!;
  const result = flow.valueOf(arg.valueFrom, arg.to, scope, t.start[arg.valueFrom]!);
  return result && !('tuple' in result) ? { val: result, scope } : undefined;
}

/**
 * What a loss call's prediction argument is and where the file makes it so, for the hover: the
 * argument as written, its nature, and the producer (`F.log_softmax(...)` on 0-based `line`), with
 * the model or function that returns it (`Net.forward`) when it comes out of one.
 */
export interface PredictionSource {
  readonly argument: string;
  readonly nature: Nature;
  readonly producer: string;
  /** 0-based, in this file, or in `file` when the model is another file's. */
  readonly line: number;
  /** The other file the model is defined in (`model.py`), for a model imported from there. */
  readonly file?: string;
  readonly origin?: { readonly owner: string; readonly verb: 'returns' | 'ends'; readonly index?: number; readonly count?: number };
}

/** Arguments longer than this are shown up to their callee: `model(...)`. */
const SHOWN_ARGUMENT = 40;

export function predictionSource(module: PythonModule, flow: Flow, lines: Int32Array, call: LossCall): PredictionSource | undefined {
  const t = module.tokens;
  const site = invocationOf(t, call);
  const prediction = site && predictionArgument(module, call, site.invocation);
  if (!prediction) return undefined;
  const { arg } = prediction;
  const value = argumentValue(module, flow, arg);
  if (!value) return undefined;
  const val = value.val;
  const origin = val.origin;
  // Written at the argument itself (`F.softmax(x, dim=1)` passed directly): the argument says it all,
  // and the hover box has no line to spare for saying it again.
  if (!origin && (val.via === 'call' || val.via === 'layer')) return undefined;
  const written = rangeText(t, arg.valueFrom, arg.to);
  const open = written.indexOf('(');
  const argument = written.length <= SHOWN_ARGUMENT && !written.includes('\n') ? written : open > 0 ? `${written.slice(0, open)}(...)` : written.slice(0, SHOWN_ARGUMENT);
  const home = origin?.home;
  return {
    argument, nature: val.nature, producer: shortProducer(t, val), line: home ? home.start.line : lineOf(lines, val.producerStart), ...(home ? { file: home.file } : {}),
    origin: origin && { owner: origin.owner, verb: origin.verb, index: origin.index, count: origin.count },
  };
}
