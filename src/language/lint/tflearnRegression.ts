import { msg } from '../../core';
import { isOp, lineOf, NAME, STRING, type PythonTokens } from '../recognition';
import type { LintFinding, LintFix } from './findings';
import { setKeyword } from './fixes';
import type { LintContext } from './lintContext';
import { qualify } from './producers';
import { argumentAt, argumentsOf, dottedName, headOfToken, stringContent, text, tokenAtOffset, type Argument } from './syntax';

/*
 * tflearn's layer chain: `net = tflearn.fully_connected(net, n, activation=...)` then
 * `net = tflearn.regression(net, loss=...)`, where the loss names an objective of tflearn/objectives.py
 * (tflearn/tflearn 0f44f97) applied to the layer's output:
 * - 'binary_crossentropy' and 'weighted_crossentropy' take logits (tf.nn.sigmoid_cross_entropy_with_logits,
 *   tf.nn.weighted_cross_entropy_with_logits): after activation='sigmoid' the sigmoid is applied twice;
 * - 'softmax_categorical_crossentropy' takes logits (tf.nn.softmax_cross_entropy_with_logits): after
 *   activation='softmax', a double softmax;
 * - 'categorical_crossentropy', regression's default (tflearn/layers/estimator.py 15d3573), takes
 *   probabilities (it divides by the sum and takes the log): after fully_connected's default
 *   activation='linear' (tflearn/layers/core.py f58df02), logits read as probabilities.
 * Reported under the rules these mistakes already have. Only a chain the file makes certain: the
 * `incoming` of regression is the fully_connected call or a name whose one assignment is that call.
 */

const REGRESSION = new Set(['tflearn.regression', 'tflearn.layers.regression', 'tflearn.layers.estimator.regression']);
const FULLY_CONNECTED = new Set(['tflearn.fully_connected', 'tflearn.layers.fully_connected', 'tflearn.layers.core.fully_connected']);
/** regression(incoming, placeholder, optimizer, loss, ...) and fully_connected(incoming, n_units, activation, ...). */
const LOSS_POSITION = 3;
const ACTIVATION_POSITION = 2;

export function checkTflearnRegression(cx: LintContext, out: LintFinding[]): void {
  if (![...cx.module.imports.values()].some((full) => full === 'tflearn' || full.startsWith('tflearn.'))) return;
  const t = cx.tokens;
  const pattern = /\bregression\s*\(/g;
  pattern.lastIndex = cx.base;
  for (let m = pattern.exec(t.text); m; m = pattern.exec(t.text)) {
    const name = tokenAtOffset(t, m.index);
    const open = name + 1;
    if (t.start[name] !== m.index || t.kind[name] !== NAME || !isOp(t, open, '(')) continue;
    if (qualifiedCallee(cx, name) === undefined || !REGRESSION.has(qualifiedCallee(cx, name)!)) continue;
    const args = argumentsOf(t, open);
    if (args.some((a) => isOp(t, a.from, '*') || isOp(t, a.from, '**'))) continue;
    const incoming = argumentAt(args, 0, ['incoming']);
    const lossArg = argumentAt(args, LOSS_POSITION, ['loss']);
    if (!incoming || (lossArg && (lossArg.to !== lossArg.valueFrom + 1 || t.kind[lossArg.valueFrom] !== STRING))) continue;
    const loss = lossArg ? stringContent(t, lossArg.valueFrom) : 'categorical_crossentropy';
    const layer = fullyConnectedOf(cx, incoming);
    if (!layer || loss === undefined) continue;
    const range = lossArg ? { start: t.start[lossArg.valueFrom]!, end: t.end[lossArg.valueFrom]! } : { start: t.start[incoming.valueFrom]!, end: t.end[incoming.to - 1]! };
    const where = msg('`{0}` (line {1})', layer.shown, lineOf(cx.lines, layer.start) - lineOf(cx.lines, cx.base) + 1);
    const related = { start: layer.start, end: layer.end, message: where };
    const quote = lossArg ? text(t, lossArg.valueFrom)[0]! : "'";
    const setLoss = (value: string) => (lossArg ? { start: range.start, end: range.end, newText: `${quote}${value}${quote}` } : setKeyword(t, open, 'loss', `'${value}'`));
    const linear = layer.activationToken >= 0 ? { start: t.start[layer.activationToken]!, end: t.end[layer.activationToken]!, newText: `${text(t, layer.activationToken)[0]}linear${text(t, layer.activationToken)[0]}` } : undefined;
    const fixes: LintFix[] = [];
    if (layer.activation === 'sigmoid' && (loss === 'binary_crossentropy' || loss === 'weighted_crossentropy')) {
      // tflearn has no binary objective on probabilities: only the layer can change, and the model's predictions with it.
      if (linear) fixes.push({ title: msg("Use activation='linear' (the model's predictions become logits too)"), edits: [linear], preferred: false, safety: 'unsafe' });
      out.push({ rule: 'double-sigmoid', ...range, related, fixes, message: msg("{0}: tflearn's '{1}' applies a sigmoid itself (tf.nn.sigmoid_cross_entropy_with_logits), but the layer already ends in a sigmoid: these probabilities get a second sigmoid (squashed into about [0.5, 0.73])", where, loss) });
    } else if (layer.activation === 'softmax' && loss === 'softmax_categorical_crossentropy') {
      const edit = setLoss('categorical_crossentropy');
      if (edit) fixes.push({ title: msg("Use loss='categorical_crossentropy', which takes the softmax output as it is"), edits: [edit], preferred: true, safety: 'safe' });
      if (linear) fixes.push({ title: msg("Use activation='linear' (the model's predictions become logits too)"), edits: [linear], preferred: false, safety: 'unsafe' });
      out.push({ rule: 'double-softmax', ...range, related, fixes, message: msg("{0}: tflearn's 'softmax_categorical_crossentropy' applies a softmax itself (tf.nn.softmax_cross_entropy_with_logits), but the layer already ends in a softmax: these probabilities get a second softmax", where) });
    } else if (layer.activation === 'linear' && loss === 'categorical_crossentropy') {
      const edit = setLoss('softmax_categorical_crossentropy');
      if (edit) fixes.push({ title: msg("Use loss='softmax_categorical_crossentropy', which takes logits"), edits: [edit], preferred: true, safety: 'safe' });
      const named = lossArg ? msg("tflearn's 'categorical_crossentropy'") : msg("tflearn's regression (its default loss 'categorical_crossentropy')");
      out.push({ rule: 'logits-into-probability-loss', ...range, related, fixes, message: msg('{0}: {1} expects probabilities (it divides by their sum and takes the log), but the layer has no activation: its raw logits are read as probabilities', where, named) });
    }
  }
}

/** The fully qualified name of the dotted callee ending at token `name`, when it is a module's. */
function qualifiedCallee(cx: LintContext, name: number): string | undefined {
  const t = cx.tokens;
  let from = name;
  while (isOp(t, from - 1, '.') && t.kind[from - 2] === NAME) from -= 2;
  if (isOp(t, from - 1, '.')) return undefined;
  const dotted = dottedName(t, from, name + 1);
  return dotted === undefined ? undefined : qualify(cx.module, dotted);
}

interface Layer {
  readonly activation: 'sigmoid' | 'softmax' | 'linear';
  /** The activation's string token (-1 when the default 'linear' applies). */
  readonly activationToken: number;
  readonly start: number;
  readonly end: number;
  readonly shown: string;
}

/** The fully_connected call `incoming` is: written there, or the one assignment of a name there. */
function fullyConnectedOf(cx: LintContext, incoming: Argument): Layer | undefined {
  const t = cx.tokens;
  let from = incoming.valueFrom;
  let to = incoming.to;
  if (to === from + 1 && t.kind[from] === NAME) {
    const scope = cx.module.headScope[headOfToken(t, from)]!;
    const assigned = cx.flow.assignmentOf(text(t, from), scope, t.start[from]!);
    if (!assigned) return undefined;
    ({ from, to } = assigned);
  }
  if (!isOp(t, to - 1, ')')) return undefined;
  const open = t.match[to - 1]!;
  if (open <= from || qualifiedCallee(cx, open - 1) === undefined || !FULLY_CONNECTED.has(qualifiedCallee(cx, open - 1)!) || dottedName(t, from, open) === undefined) return undefined;
  const args = argumentsOf(t, open);
  if (args.some((a) => isOp(t, a.from, '*') || isOp(t, a.from, '**'))) return undefined;
  const activation = argumentAt(args, ACTIVATION_POSITION, ['activation']);
  let kind: Layer['activation'] = 'linear';
  let token = -1;
  if (activation) {
    if (activation.to !== activation.valueFrom + 1 || t.kind[activation.valueFrom] !== STRING) return undefined;
    const written = stringContent(t, activation.valueFrom);
    if (written !== 'sigmoid' && written !== 'softmax' && written !== 'linear') return undefined;
    kind = written;
    token = activation.valueFrom;
  }
  return { activation: kind, activationToken: token, start: t.start[from]!, end: t.end[to - 1]!, shown: shown(t, from, to) };
}

function shown(t: PythonTokens, from: number, to: number): string {
  const written = t.text.slice(t.start[from]!, t.end[to - 1]!).replace(/\s+/g, ' ');
  return written.length <= 80 ? written : `${written.slice(0, 77)}...`;
}
