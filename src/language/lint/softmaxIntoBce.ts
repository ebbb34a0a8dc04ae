import { msg } from '../../core';
import { isOp, lineOf, NAME, NUMBER, STRING, type PythonTokens } from '../recognition';
import type { LintFinding, LintFix } from './findings';
import type { Val } from './flow';
import type { LintContext } from './lintContext';
import { wherePhrase } from './origin';
import { qualify } from './producers';
import { argumentAt, argumentsOf, dottedName, headOfToken, stringContent, text, tokenAtOffset } from './syntax';

/*
 * softmax-into-bce: a softmax over n outputs fed to a binary (sigmoid) cross-entropy. Certain only
 * when n is written at the layer: Keras `Dense(n, activation='softmax')`, or torch `nn.Linear(.., n)`
 * right before `nn.Softmax(...)` in one nn.Sequential.
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

/** How many outputs the softmax producing `val` is over, when the layer says it. */
function softmaxLayer(cx: LintContext, val: Val): SoftmaxLayer | undefined {
  const t = cx.tokens;
  const k = tokenAtOffset(t, val.producerStart);
  const call = calleeAt(t, k);
  if (!call) return undefined;
  const qualified = qualify(cx.module, call.dotted);
  if (qualified === 'keras.layers.Dense') {
    const args = argumentsOf(t, call.open);
    const units = unitCount(cx, argumentAt(args, 0, ['units']));
    const activation = args.find((a) => a.keyword === 'activation');
    const token = activation && activation.to === activation.valueFrom + 1 && t.kind[activation.valueFrom] === STRING ? activation.valueFrom : -1;
    const quote = token >= 0 ? text(t, token)[0] : '';
    const sigmoid = token >= 0 && (quote === "'" || quote === '"') ? { start: t.start[token]!, end: t.end[token]!, newText: `${quote}sigmoid${quote}` } : undefined;
    return units === undefined ? undefined : { units, sigmoid };
  }
  if (qualified === 'torch.nn.Softmax' && val.via === 'model' && isOp(t, k - 1, ',') && isOp(t, k - 2, ')')) {
    // nn.Sequential(..., nn.Linear(h, n), nn.Softmax(dim=1)): the layer before it sets n.
    const open = t.match[k - 2]!;
    let from = open - 1;
    while (t.kind[from] === NAME && isOp(t, from - 1, '.') && t.kind[from - 2] === NAME) from -= 2;
    const before = dottedName(t, from, open);
    if (before === undefined || qualify(cx.module, before) !== 'torch.nn.Linear') return undefined;
    const units = unitCount(cx, argumentAt(argumentsOf(t, open), 1, ['out_features']));
    const head = call.dotted.slice(0, call.dotted.lastIndexOf('.'));
    const sigmoid = head !== '' && qualify(cx.module, `${head}.Sigmoid`) === 'torch.nn.Sigmoid' ? { start: t.start[k]!, end: t.end[t.match[call.open]!]!, newText: `${head}.Sigmoid()` } : undefined;
    return units === undefined ? undefined : { units, sigmoid };
  }
  return undefined;
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
