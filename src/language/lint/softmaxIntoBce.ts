import { msg } from '../../core';
import { enclosingClass, isName, isOp, lineOf, NAME, NUMBER, STRING, type PythonTokens } from '../recognition';
import type { LintFinding, LintFix } from './findings';
import type { Val } from './flow';
import type { LintContext } from './lintContext';
import { wherePhrase } from './origin';
import { qualify } from './producers';
import { argumentAt, argumentsOf, dottedName, headOfToken, stringContent, text, tokenAtOffset } from './syntax';

/*
 * softmax-into-bce: a softmax over n outputs fed to a binary (sigmoid) cross-entropy. Certain only
 * when the file writes n at the layer (see softmaxLayer).
 * - n == 1: softmax over one value is the constant 1.0; the loss does not depend on the input and the
 *   model learns nothing, whatever the targets (always a bug).
 * - n >= 3: each output is scored as an independent yes/no, which is not categorical cross-entropy
 *   (Keras' 'accuracy' then means binary accuracy over the n outputs and reads high), and a softmax
 *   cannot give several labels at once, as a multi-label BCE wants.
 * - n == 2 with one-hot targets: softmax + BCE equals CE up to a factor; unknown n: silence.
 */

/** The loss as the finding names it, and whether it takes probabilities (BCELoss, from_logits=False) or logits. */
export interface BinaryLoss {
  readonly name: string;
  readonly probabilities: boolean;
  /** Keras `compile(loss='binary_crossentropy')`: the string token, which the n >= 3 fix rewrites. */
  readonly stringToken?: number;
}

interface SoftmaxLayer {
  readonly units: number;
  /** The fix for one unit: the edit that makes the layer a sigmoid, when it can be written for certain. */
  readonly sigmoid?: { readonly start: number; readonly end: number; readonly newText: string };
}

/** Reports `val` (a softmax output) reaching the binary loss `loss` at `range`; true when it did. */
export function checkSoftmaxIntoBce(cx: LintContext, loss: BinaryLoss, val: Val, range: { start: number; end: number }, out: LintFinding[]): boolean {
  if (val.nature !== 'softmax') return false;
  const layer = softmaxLayer(cx, val);
  if (!layer || layer.units === 2 || layer.units < 1) return false;
  const t = cx.tokens;
  const fixes: LintFix[] = [];
  let message: string;
  let severity: LintFinding['severity'];
  if (layer.units === 1) {
    message = msg('{0} on a softmax over one output: the softmax of a single value is always 1.0, so the loss does not depend on the input and the model learns nothing (a binary output of one unit takes a sigmoid)', loss.name);
    severity = 'error';
    // The output was the constant 1.0: nothing can rely on it, so the sigmoid changes only what training computes.
    if (loss.probabilities && layer.sigmoid) fixes.push({ title: msg('Use a sigmoid for the one output'), edits: [layer.sigmoid], preferred: true, safety: 'safe' });
  } else {
    message = msg('{0} scores each of the {1} softmax outputs as a separate yes/no: that is not categorical cross-entropy (a binary accuracy over the {1} outputs reads high), and a softmax cannot give several labels at once; use categorical cross-entropy for one label per sample, or a sigmoid for several', loss.name, layer.units);
    const quote = loss.stringToken !== undefined ? text(t, loss.stringToken)[0] : undefined;
    if (loss.probabilities && loss.stringToken !== undefined && (quote === "'" || quote === '"') && stringContent(t, loss.stringToken) === 'binary_crossentropy') {
      fixes.push({ title: msg('Use categorical_crossentropy (the targets must be one-hot)'), edits: [{ start: t.start[loss.stringToken]!, end: t.end[loss.stringToken]!, newText: `${quote}categorical_crossentropy${quote}` }], preferred: false, safety: 'unsafe' });
    }
  }
  // A compiled Keras model has no owner to name: the layer and its line say where.
  const where = wherePhrase(t, cx.lines, cx.base, val) ?? (val.producerStart >= cx.base ? msg('`{0}` (line {1})', t.text.slice(val.producerStart, val.producerEnd).replace(/\s+/g, ' '), lineOf(cx.lines, val.producerStart) - lineOf(cx.lines, cx.base) + 1) : undefined);
  out.push({
    rule: 'softmax-into-bce', ...range, message: where ? msg('{0}: {1}', where, message) : message, severity, fixes,
    related: { start: val.producerStart, end: val.producerEnd, message: where ?? msg('softmax applied here'), inContext: val.producerStart < cx.base },
  });
  return true;
}

/**
 * How many outputs the layer producing `val` has, when the file writes it: a Dense's units (whatever
 * its activation), or a linear layer's outputs right before an activation layer (see softmaxLayer).
 */
export function outputUnits(cx: LintContext, val: Val): number | undefined {
  return softmaxLayer(cx, val)?.units;
}

/**
 * How many outputs the softmax producing `val` is over, when the file says it: a Dense with the
 * softmax activation; a softmax layer (nn.Softmax, Keras Activation('softmax') / Softmax()) right
 * after a linear layer (the previous element of the Sequential, or the previous `model.add(...)`);
 * or a softmax function over `self.fc(x)` whose `self.fc` is one linear layer of the class.
 */
function softmaxLayer(cx: LintContext, val: Val): SoftmaxLayer | undefined {
  // A model of another file: its layers are not read here.
  if (val.origin?.home) return undefined;
  const t = cx.tokens;
  const k = tokenAtOffset(t, val.producerStart);
  const call = calleeAt(t, k);
  const qualified = call ? qualify(cx.module, call.dotted) : undefined;
  if (call && qualified === 'keras.layers.Dense') {
    const args = argumentsOf(t, call.open);
    const units = unitCount(cx, argumentAt(args, 0, ['units']));
    const activation = args.find((a) => a.keyword === 'activation');
    return units === undefined ? undefined : { units, sigmoid: activation ? asSigmoid(t, activation.valueFrom, activation.to) : undefined };
  }
  if (call && (qualified === 'torch.nn.Softmax' || qualified === 'keras.layers.Softmax' || qualified === 'keras.layers.Activation')) {
    const args = argumentsOf(t, call.open);
    // Over the layer's outputs: torch's dim 1 / -1 (a head on (batch, features)), Keras' last axis.
    if (qualified === 'torch.nn.Softmax' ? !overOutputs(t, argumentAt(args, 0, ['dim'])) : qualified === 'keras.layers.Softmax' && !(args.length === 0 || (args.length === 1 && args[0]!.keyword === 'axis' && rangeIs(t, args[0]!, '-1')))) return undefined;
    let sigmoid: SoftmaxLayer['sigmoid'];
    if (qualified === 'keras.layers.Activation') {
      const first = argumentAt(argumentsOf(t, call.open), 0, ['activation']);
      sigmoid = first ? asSigmoid(t, first.valueFrom, first.to) : undefined;
    } else if (qualified === 'torch.nn.Softmax') {
      const head = call.dotted.slice(0, call.dotted.lastIndexOf('.'));
      if (head !== '' && qualify(cx.module, `${head}.Sigmoid`) === 'torch.nn.Sigmoid') sigmoid = { start: t.start[k]!, end: t.end[t.match[call.open]!]!, newText: `${head}.Sigmoid()` };
    }
    const units = linearUnits(cx, previousLayer(t, k));
    return units === undefined ? undefined : { units, sigmoid };
  }
  // F.softmax(self.fc(x), dim=1), where the class assigns self.fc once: nn.Linear(h, n) or Dense(n).
  const inner = val.origin?.inner ?? val;
  if (inner.inputFrom === undefined || inner.inputTo === undefined || inner.callFrom === undefined || inner.callTo === undefined) return undefined;
  const from = inner.inputFrom;
  const softmaxOpen = t.match[inner.callTo - 1]!;
  // F.softmax(x, dim) / torch.softmax(x, dim) take dim second, x.softmax(dim) first.
  const method = inner.nameToken !== undefined && isOp(t, inner.nameToken - 1, '.') && dottedName(t, inner.callFrom, inner.nameToken + 1) === undefined;
  if (!overOutputs(t, argumentAt(argumentsOf(t, softmaxOpen), method ? 0 : 1, ['dim']))) return undefined;
  if (!(isName(t, from, 'self') && isOp(t, from + 1, '.') && t.kind[from + 2] === NAME && isOp(t, from + 3, '(') && t.match[from + 3] === inner.inputTo - 1)) return undefined;
  const owner = enclosingClass(cx.module, cx.module.headScope[headOfToken(t, from)]!);
  const assigned = owner < 0 ? undefined : cx.table.selfAttributes.get(owner)?.get(text(t, from + 2));
  if (!assigned || assigned.length !== 1 || assigned[0]!.from < 0 || assigned[0]!.index >= 0) return undefined;
  const layer = calleeAt(t, assigned[0]!.from);
  const units = layer && t.match[layer.open] === assigned[0]!.to - 1 ? linearUnits(cx, layer) : undefined;
  const torchName = [...cx.module.imports].find(([, full]) => full === 'torch')?.[0];
  const sigmoid = torchName ? { start: t.start[inner.callFrom]!, end: t.end[inner.callTo - 1]!, newText: `${torchName}.sigmoid(${t.text.slice(t.start[from]!, t.end[inner.inputTo - 1]!)})` } : undefined;
  return units === undefined ? undefined : { units, sigmoid };
}

/** The layer before the one at token `k`: the previous element of a list or Sequential, or the previous `model.add(...)` line. */
function previousLayer(t: PythonTokens, k: number): { dotted: string; open: number } | undefined {
  if (isOp(t, k - 1, ',') && isOp(t, k - 2, ')')) return calleeEndingAt(t, t.match[k - 2]!);
  // `model.add(Dense(1))` then `model.add(Activation('softmax'))` on the next logical line.
  if (!(isOp(t, k - 1, '(') && isName(t, k - 2, 'add') && isOp(t, k - 3, '.') && t.kind[k - 4] === NAME && !isOp(t, k - 5, '.'))) return undefined;
  const head = headOfToken(t, k);
  if (head < 1 || t.heads[head] !== k - 4 || t.headIndent[head - 1] !== t.headIndent[head]) return undefined;
  const p = t.heads[head - 1]!;
  if (!(t.kind[p] === NAME && text(t, p) === text(t, k - 4) && isOp(t, p + 1, '.') && isName(t, p + 2, 'add') && isOp(t, p + 3, '('))) return undefined;
  const layer = calleeAt(t, p + 4);
  return layer && t.match[layer.open]! + 1 === t.match[p + 3] ? layer : undefined;
}

/** The dotted callee whose '(' is `open`. */
function calleeEndingAt(t: PythonTokens, open: number): { dotted: string; open: number } | undefined {
  let from = open - 1;
  while (t.kind[from] === NAME && isOp(t, from - 1, '.') && t.kind[from - 2] === NAME) from -= 2;
  const dotted = dottedName(t, from, open);
  return dotted === undefined ? undefined : { dotted, open };
}

/** The outputs of a linear layer: nn.Linear's out_features, a Dense's units (its activation, elementwise, keeps them). */
function linearUnits(cx: LintContext, layer: { dotted: string; open: number } | undefined): number | undefined {
  if (!layer) return undefined;
  const t = cx.tokens;
  const qualified = qualify(cx.module, layer.dotted);
  const args = argumentsOf(t, layer.open);
  if (qualified === 'torch.nn.Linear') return unitCount(cx, argumentAt(args, 1, ['out_features']));
  if (qualified !== 'keras.layers.Dense') return undefined;
  return unitCount(cx, argumentAt(args, 0, ['units']));
}

/** A torch softmax dim over a linear head's outputs: 1 or -1 written (no dim is the deprecated implicit choice). */
function overOutputs(t: PythonTokens, dim: { valueFrom: number; to: number } | undefined): boolean {
  return dim !== undefined && (rangeIs(t, dim, '1') || rangeIs(t, dim, '-1'));
}

function rangeIs(t: PythonTokens, arg: { valueFrom: number; to: number }, written: string): boolean {
  return t.text.slice(t.start[arg.valueFrom]!, t.end[arg.to - 1]!).replace(/\s+/g, '') === written;
}

/** The edit that writes 'sigmoid' in place of a quoted activation name at [from, to). */
function asSigmoid(t: PythonTokens, from: number, to: number): SoftmaxLayer['sigmoid'] {
  return asActivation(t, from, to, 'sigmoid');
}

/** The edit that writes `name` in place of a quoted activation name at [from, to). */
function asActivation(t: PythonTokens, from: number, to: number, name: string): { start: number; end: number; newText: string } | undefined {
  if (to !== from + 1 || t.kind[from] !== STRING) return undefined;
  const quote = text(t, from)[0];
  return quote === "'" || quote === '"' ? { start: t.start[from]!, end: t.end[from]!, newText: `${quote}${name}${quote}` } : undefined;
}

/**
 * The Keras `Dense(..., activation='...')` that produces `val`, when it is one: the edit naming another
 * activation in place of its quoted one.
 */
export function kerasDenseOf(cx: LintContext, val: Val): { activationAs: (name: string) => { start: number; end: number; newText: string } | undefined } | undefined {
  if (val.origin?.home) return undefined;
  const t = cx.tokens;
  const call = calleeAt(t, tokenAtOffset(t, val.producerStart));
  if (!call || qualify(cx.module, call.dotted) !== 'keras.layers.Dense') return undefined;
  const activation = argumentsOf(t, call.open).find((a) => a.keyword === 'activation');
  return { activationAs: (name) => (activation ? asActivation(t, activation.valueFrom, activation.to, name) : undefined) };
}

/** The dotted name starting at token `k` and the '(' after it. */
function calleeAt(t: PythonTokens, k: number): { dotted: string; open: number } | undefined {
  let end = k;
  if (t.kind[end] !== NAME) return undefined;
  while (isOp(t, end + 1, '.') && t.kind[end + 2] === NAME) end += 2;
  const dotted = dottedName(t, k, end + 1);
  return dotted !== undefined && isOp(t, end + 1, '(') ? { dotted, open: end + 1 } : undefined;
}

/** An integer written at the argument, or the one a name there is certainly bound to (`num_classes = 10`). */
function unitCount(cx: LintContext, arg: { valueFrom: number; to: number } | undefined): number | undefined {
  const t = cx.tokens;
  if (!arg || arg.to !== arg.valueFrom + 1) return undefined;
  let k = arg.valueFrom;
  if (t.kind[k] === NAME) {
    const scope = cx.module.headScope[headOfToken(t, k)]!;
    const assigned = cx.flow.assignmentOf(text(t, k), scope, t.start[k]!);
    if (!assigned || assigned.to !== assigned.from + 1) return undefined;
    k = assigned.from;
  }
  const written = t.kind[k] === NUMBER ? text(t, k) : '';
  return /^\d+$/.test(written) ? Number(written) : undefined;
}
