import { msg } from '../../core';
import { NAME, NEWLINE, NUMBER, OP, STRING, alphaWeightingOf, bodyRange, isName, isOp, parametersOf, type PythonModule, type PythonTokens } from '../recognition';
import type { LintContext } from './lintContext';
import { callMaps } from './callMaps';
import type { LintFinding } from './findings';
import { rangeText } from './syntax';

/*
 * focal-alpha-unbalanced: a hand-written binary (sigmoid) focal loss whose scalar alpha multiplies every
 * element, positives and negatives alike (`alpha * (1 - pt) ** gamma * bce`), with no alpha_t = alpha·y
 * + (1 - alpha)·(1 - y) anywhere: the loss is the focal loss times a constant, not the paper's
 * alpha-balancing (Lin et al., eq. 5). mkocabas/focal-loss-keras shipped it (`alpha * K.pow(1. - pt,
 * gamma) * K.log(pt)` with `pt = tf.where(tf.equal(y_true, 1), y_pred, 1 - y_pred)`; its issues #6 and
 * #7, fixed in 9ef9981); wilhelm-lab/SWAPS's conf_loss.py (e04c52d) writes it over a per-element BCE.
 *
 * Only where the body shows the loss is binary (a binary cross-entropy, a sigmoid, or a where() that
 * takes p for y == 1 and 1 - p otherwise; not both BCE terms written out with log(1 - p), where alpha
 * may be one term's) and nothing multi-class (a softmax, a
 * categorical cross-entropy, one-hot targets, per-class gathers): a softmax focal loss with one scalar
 * alpha is a common deliberate choice. Only when alpha's default is a number other than 1 (alpha=1, the
 * widely copied Kaggle default, means no weighting meant) and 0.5 (alpha_t is then 0.5 for both classes
 * too: the same constant), and only when recognition reads every use of
 * alpha as one factor (userLossBody's 'every'): alpha_t forms, where(y == 1, alpha, 1 - alpha), a name
 * made from alpha and taken from 1, or alpha indexed per class say nothing; so does any product of
 * alpha that is not a whole focal term (wholeTerm). When the default weighs nothing, a construction of
 * the file that passes another alpha is reported there instead (passedAlphas).
 */

const BINARY = /\b(?:binary_cross_entropy(?:_with_logits)?|BCELoss|BCEWithLogitsLoss|binary_crossentropy|sigmoid_cross_entropy_with_logits|sigmoid|logsigmoid|log_sigmoid)\b/;
const MULTI_CLASS = /\b(?:softmax|log_softmax|cross_entropy|CrossEntropyLoss|nll_loss|NLLLoss|categorical_crossentropy|sparse_categorical_crossentropy|softmax_cross_entropy_with_logits(?:_v2)?|sparse_softmax_cross_entropy_with_logits|one_hot|gather|num_classes|argmax)\b/;
/** `where(y == 1, p, 1 - p)`, `where(equal(y, 1), p, 1 - p)` (any module prefix): y is the target. */
const WHERE_PT = /\bwhere\s*\(\s*(?:(?:\w+\s*\.\s*)*equal\s*\(\s*(\w+)\s*,\s*1(?:\.0*)?\s*\)|(\w+)\s*==\s*1(?:\.0*)?)\s*,\s*([\w.]+)\s*,\s*1(?:\.0*)?\s*-\s*\3\s*\)/g;
/** torch's `binary_cross_entropy(_with_logits)(input, target, ...)`: the target second. */
const TORCH_BCE = /\bbinary_cross_entropy(?:_with_logits)?\s*\(\s*[\w.]+\s*,\s*(\w+)\s*[,)]/g;
/** Keras' `binary_crossentropy(y_true, y_pred)`: the target first. */
const KERAS_BCE = /\bbinary_crossentropy\s*\(\s*(\w+)\s*,/g;
/** `sigmoid_cross_entropy_with_logits(labels=y, ...)`. */
const TF_LABELS = /\bsigmoid_cross_entropy_with_logits\s*\([^)]*\blabels\s*=\s*(\w+)\b/g;

/** The outermost defs and classes named focal (a method of a focal class is read with its class). */
function focalUnits(module: PythonModule): number[] {
  const units: number[] = [];
  const scopes = module.scopes;
  for (let i = 1; i < scopes.length; i++) {
    const scope = scopes[i]!;
    if (scope.kind === 'module' || !/focal/i.test(scope.name)) continue;
    let inner = false;
    for (let p = scope.parent; p > 0; p = scopes[p]!.parent) if (/focal/i.test(scopes[p]!.name)) inner = true;
    if (!inner) units.push(i);
  }
  return units;
}

/**
 * The name the unit's alpha goes by: alpha, or `balance_param` where the body has no alpha (the focal class
 * whose docstring reads "balance_param: alpha", copied through the DSB2018 and mmdet forks: index hits
 * 59723590152, 16034150667, 5069877804).
 */
function alphaNameOf(t: PythonTokens, from: number, to: number): string | undefined {
  let balance = false;
  for (let k = from; k < to; k++) {
    if (t.kind[k] !== NAME) continue;
    if (isName(t, k, 'alpha')) return 'alpha';
    if (isName(t, k, 'balance_param')) balance = true;
  }
  return balance ? 'balance_param' : undefined;
}

/**
 * The default of the unit's alpha parameter (its own, or its __init__'s) as a number, with its token range and
 * the number's text; undefined otherwise. A class whose __init__ has no parameter of that name may copy another one
 * into it (`self.alpha = balance_param`, samuelschen/DSB2018 loss.py at 37bf9a6): that parameter's default then; or
 * take alpha in forward (the widely copied Kaggle segmentation losses: `def forward(self, inputs, targets,
 * alpha=ALPHA, gamma=GAMMA, smooth=1)`). A default may name a module constant assigned once (`ALPHA = 0.8`).
 */
function alphaDefault(module: PythonModule, unit: number, name: string): { value: number; from: number; to: number; text: string } | undefined {
  const scope = module.scope(unit);
  const init = scope.kind === 'class' ? scope.methods.get('__init__') : unit;
  const t = module.tokens;
  let owner = init;
  let source = name;
  const parameters = () => (owner === undefined ? [] : parametersOf(t, module.scope(owner)));
  if (scope.kind === 'class' && !parameters().some((p) => p.name === name)) {
    // The one `self.<name> = <parameter>` statement of __init__.
    const copies: string[] = [];
    if (init !== undefined) {
      const [from, to] = bodyRange(module, init);
      for (let k = from; k + 4 < to; k++) {
        if (!(k === from || t.kind[k - 1] === NEWLINE) || !isName(t, k, 'self') || !isOp(t, k + 1, '.') || !isName(t, k + 2, name) || !isOp(t, k + 3, '=')) continue;
        copies.push(t.kind[k + 4] === NAME && t.kind[k + 5] === NEWLINE ? t.text.slice(t.start[k + 4]!, t.end[k + 4]!) : '');
      }
    }
    if (copies.length === 1 && copies[0] !== '') source = copies[0]!;
    else if (copies.length === 0 && name === 'alpha') owner = scope.methods.get('forward');
    else return undefined;
  }
  const alpha = parameters().find((p) => p.name === source && p.star === '');
  if (!alpha || alpha.from < 0) return undefined;
  const text = rangeText(t, alpha.from, alpha.to).replace(/\s+/g, '');
  const literal = NUMBER_TEXT.test(text) ? text : alpha.to === alpha.from + 1 && t.kind[alpha.from] === NAME ? moduleConstant(t, text) : undefined;
  if (literal === undefined) return undefined;
  const value = Number(literal);
  return Number.isFinite(value) ? { value, from: alpha.from, to: alpha.to, text: literal } : undefined;
}

const NUMBER_TEXT = /^\d*\.?\d+(?:e-?\d+)?\.?$/i;

/**
 * The number a module constant is assigned, when every assignment of the name in the file is at the top level and
 * of that same plain number (`ALPHA = 0.8`): nothing else (a `global`, an augmented assignment, an assignment of
 * anything else anywhere) may change it.
 */
function moduleConstant(t: PythonTokens, name: string): string | undefined {
  let found: string | undefined;
  for (let k = 0; k < t.count; k++) {
    if (t.kind[k] !== NAME || !isName(t, k, name)) continue;
    if (isName(t, k - 1, 'global') || isName(t, k - 1, 'nonlocal')) return undefined;
    const next = t.kind[k + 1] === OP ? t.text.slice(t.start[k + 1]!, t.end[k + 1]!) : '';
    if (next.endsWith('=') && next !== '=' && next !== '==' && next !== '<=' && next !== '>=' && next !== '!=') return undefined;
    if (next !== '=') continue;
    // An assignment: only one, at column 0 of its own line, of a number alone.
    const atLineStart = k === 0 || t.kind[k - 1] === NEWLINE;
    const column = t.start[k]! - (t.text.lastIndexOf('\n', t.start[k]! - 1) + 1);
    if (!atLineStart || column !== 0 || t.kind[k + 2] !== NUMBER || t.kind[k + 3] !== NEWLINE) return undefined;
    const value = t.text.slice(t.start[k + 2]!, t.end[k + 2]!);
    // A notebook's cells often set the same constant again (`ALPHA = 0.8` in the PyTorch and the Keras cell).
    if (found !== undefined && found !== value) return undefined;
    found = value;
  }
  return found !== undefined && NUMBER_TEXT.test(found) ? found : undefined;
}

/** Every use of alpha (called `name`) in [from, to) that multiplies (`alpha * x`, `x * self.alpha`): their token ranges, in order. */
function products(t: PythonTokens, from: number, to: number, name: string): [number, number][] {
  const found: [number, number][] = [];
  for (let k = from; k < to; k++) {
    if (t.kind[k] !== NAME || !isName(t, k, name)) continue;
    const self = isOp(t, k - 1, '.') && isName(t, k - 2, 'self') && !isOp(t, k - 3, '.');
    if (isOp(t, k - 1, '.') && !self) continue;
    const start = self ? k - 2 : k;
    const multiplies = (isOp(t, start - 1, '*') && !isOp(t, k + 1, '**')) || (isOp(t, k + 1, '*') && !isOp(t, start - 1, '**'));
    if (multiplies && !isOp(t, k + 1, '(') && !isOp(t, k + 1, '[')) found.push([start, k + 1]);
  }
  return found;
}

/** Whether token k ends an operand (so a following '+' / '-' is binary). */
function endsOperand(t: PythonTokens, k: number): boolean {
  return t.kind[k] === NAME || t.kind[k] === NUMBER || t.kind[k] === STRING || isOp(t, k, ')') || isOp(t, k, ']');
}

/**
 * Whether alpha's product [start, end) is one focal term for every element: a power (the modulating
 * factor) in it, no binary '+' / '-' beside it at its level (a sum of class terms, as a varifocal loss's
 * `alpha * p ** gamma * (1 - label) + q * label`), not an argument of where() (one class's branch), and
 * no parameter of the loss in it other than alpha and gamma (`* (1 - label)`, `* (target <= 0)`: a mask
 * of one class).
 */
function wholeTerm(t: PythonTokens, start: number, end: number, parameters: ReadonlySet<string>, unit?: readonly [number, number]): boolean {
  const stops = (k: number) => isOp(t, k, '(') || isOp(t, k, '[') || isOp(t, k, ',') || isOp(t, k, '=') || isOp(t, k, ':') || t.kind[k] === NEWLINE || isName(t, k, 'return');
  let from = start;
  for (let k = start - 1; k >= 0; k--) {
    if (isOp(t, k, ')') || isOp(t, k, ']')) { k = t.match[k]!; from = k; continue; }
    // An argument of where() (`where(y == 1, alpha * ..., ...)`): the product is one class's.
    if (isOp(t, k, ',') || isOp(t, k, '(')) {
      let open = k;
      while (open >= 0 && !(isOp(t, open, '(') && t.match[open]! > k)) open = isOp(t, open, ')') || isOp(t, open, ']') ? t.match[open]! - 1 : open - 1;
      if (open > 0 && isName(t, open - 1, 'where')) return false;
    }
    if (stops(k)) break;
    if ((isOp(t, k, '+') || isOp(t, k, '-')) && endsOperand(t, k - 1)) return false;
    from = k;
  }
  let to = end;
  for (let k = end; k < t.count; k++) {
    if (isOp(t, k, '(') || isOp(t, k, '[')) { k = t.match[k]!; to = k + 1; continue; }
    if (isOp(t, k, ')') || isOp(t, k, ']') || isOp(t, k, ',') || t.kind[k] === NEWLINE || isOp(t, k, ':') || isOp(t, k, '=')) break;
    if ((isOp(t, k, '+') || isOp(t, k, '-')) && endsOperand(t, k - 1)) return false;
    to = k + 1;
  }
  let power = false;
  const operands: string[] = [];
  for (let k = from; k < to; k++) {
    if (isOp(t, k, '**') || ((isName(t, k, 'pow') || isName(t, k, 'power')) && isOp(t, k + 1, '('))) power = true;
    if (t.kind[k] !== NAME || isOp(t, k - 1, '.')) continue;
    const name = t.text.slice(t.start[k]!, t.end[k]!);
    if (parameters.has(name)) return false;
    if (!isOp(t, k + 1, '(') && !isOp(t, k + 1, '.')) operands.push(name);
  }
  // The product is the focal term itself (the modulating factor in it), not a weight made first (`w = alpha * t`);
  // or alpha times a name the unit binds once to such a term (`focal_loss = -((1 - pt) ** gamma) * logpt`, then
  // `balanced_focal_loss = self.alpha * focal_loss`: samuelschen/DSB2018 loss.py at 37bf9a6).
  if (power || !unit) return power;
  return operands.some((name) => {
    const bound = assignmentOf(t, unit[0], unit[1], name);
    return bound !== undefined && wholeTerm(t, bound[0], bound[1], parameters);
  });
}

/**
 * The right-hand side [from, to) of the one statement `name = ...` in [from, to), when it is one product (no
 * binary '+' / '-' outside brackets); undefined when the name is bound more than once, updated in place
 * (`+=`), or made from a sum.
 */
function assignmentOf(t: PythonTokens, from: number, to: number, name: string): [number, number] | undefined {
  let found: [number, number] | undefined;
  for (let k = from; k + 2 < to; k++) {
    if (!isName(t, k, name) || isOp(t, k - 1, '.') || t.kind[k + 1] !== OP) continue;
    const op = t.text.slice(t.start[k + 1]!, t.end[k + 1]!);
    if (!op.endsWith('=') || ['==', '<=', '>=', '!='].includes(op)) continue;
    if (op !== '=' || !(k === from || t.kind[k - 1] === NEWLINE) || found) return undefined;
    let end = k + 2;
    while (end < to && t.kind[end] !== NEWLINE) end++;
    found = [k + 2, end];
  }
  if (!found) return undefined;
  for (let k = found[0]; k < found[1]; k++) {
    if (isOp(t, k, '(') || isOp(t, k, '[')) k = t.match[k]!;
    else if ((isOp(t, k, '+') || isOp(t, k, '-')) && k > found[0] && endsOperand(t, k - 1)) return undefined;
  }
  return found;
}

/** A reduction call (`.mean()`, `torch.sum(...)`, `tf.reduce_mean(...)`) in [from, to). */
function reducesIn(t: PythonTokens, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (t.kind[k] === NAME && /^(?:mean|sum|reduce_mean|reduce_sum|nanmean)$/.test(t.text.slice(t.start[k]!, t.end[k]!)) && isOp(t, k + 1, '(')) return true;
  return false;
}

/**
 * Whether what alpha multiplies at token k is already reduced: a reduction in the statement of the product, or
 * in the one assignment of a name the statement reads (`focal_loss = (... ).mean()`, then `self.alpha *
 * focal_loss`). alpha_t, one value per element, would then turn that number into a tensor.
 */
function reducesBeforeAlpha(t: PythonTokens, k: number, unit: readonly [number, number]): boolean {
  // The product's operands at its own bracket level: a reduction around the product (`K.sum(alpha * ...)`) is
  // taken after alpha_t and is right.
  let from = k;
  for (let i = k - 1; i >= unit[0]; i--) {
    if (isOp(t, i, ')') || isOp(t, i, ']')) { i = t.match[i]!; from = i; continue; }
    if (isOp(t, i, '(') || isOp(t, i, '[') || isOp(t, i, ',') || isOp(t, i, '=') || t.kind[i] === NEWLINE) break;
    from = i;
  }
  let to = k;
  for (let i = k; i < unit[1]; i++) {
    if (isOp(t, i, '(') || isOp(t, i, '[')) { i = t.match[i]!; to = i + 1; continue; }
    if (isOp(t, i, ')') || isOp(t, i, ']') || isOp(t, i, ',') || t.kind[i] === NEWLINE) break;
    to = i + 1;
  }
  if (reducesIn(t, from, to)) return true;
  for (let i = from; i < to; i++) {
    if (t.kind[i] !== NAME || isOp(t, i - 1, '.') || isOp(t, i + 1, '(')) continue;
    const bound = assignmentOf(t, unit[0], unit[1], t.text.slice(t.start[i]!, t.end[i]!));
    if (bound && reducesIn(t, bound[0], bound[1])) return true;
  }
  return false;
}

/** The parameters of the unit's defs (a class's methods, a factory's inner function), but self, alpha (by its name) and gamma. */
function parameterNames(module: PythonModule, unit: number, alpha: string): Set<string> {
  const names = new Set<string>();
  const scopes = module.scopes;
  for (let i = unit; i < scopes.length; i++) {
    let inside = false;
    for (let s = i; s >= 0; s = scopes[s]!.parent) if (s === unit) { inside = true; break; } else if (s === 0) break;
    // (Scopes are in line order, so the unit's are the ones right after it: the first outside ends them.)
    if (!inside) break;
    if (scopes[i]!.kind !== 'def') continue;
    for (const p of parametersOf(module.tokens, scopes[i]!)) if (!['self', 'alpha', alpha, 'gamma'].includes(p.name)) names.add(p.name);
  }
  return names;
}

/** The target's name where the body says it in one way only (the BCE's target, the where()'s y). */
function targetName(body: string): string | undefined {
  const names = new Set<string>();
  for (const m of body.matchAll(WHERE_PT)) names.add((m[1] ?? m[2])!);
  for (const m of body.matchAll(TORCH_BCE)) names.add(m[1]!);
  for (const m of body.matchAll(KERAS_BCE)) names.add(m[1]!);
  for (const m of body.matchAll(TF_LABELS)) names.add(m[1]!);
  return names.size === 1 ? [...names][0] : undefined;
}

export function checkUnbalancedFocal(cx: LintContext, out: LintFinding[]): void {
  const { module, tokens: t } = cx;
  if (!/focal/i.test(t.text) || !/\b(?:alpha|balance_param)\b/.test(t.text)) return;
  for (const unit of focalUnits(module)) {
    const [from, to] = bodyRange(module, unit);
    if (from >= to || t.start[from]! < cx.base) continue;
    const body = t.text.slice(t.start[from]!, t.end[to - 1]!).replace(/#[^\n]*/g, '');
    if (MULTI_CLASS.test(body) || !(BINARY.test(body) || [...body.matchAll(WHERE_PT)].length > 0)) continue;
    // The two terms of a BCE written out (`y * log(p)` and `(1 - y) * log(1 - p)`): alpha in one of them is that class's.
    if (/\blog\s*\(\s*1(?:\.0*)?\s*-/.test(body)) continue;
    const name = alphaNameOf(t, from, to);
    if (name === undefined || alphaWeightingOf(module, unit, name) !== 'every') continue;
    // Every product of alpha must be a whole focal term; the first is reported.
    const found = products(t, from, to, name);
    const parameters = parameterNames(module, unit, name);
    if (found.length === 0 || found.some(([a, b]) => !wholeTerm(t, a, b, parameters, [from, to]))) continue;
    const product = found[0]!;
    const start = t.start[product[0]]!;
    const end = t.end[product[1] - 1]!;
    const written = t.text.slice(start, end);
    const alpha = alphaDefault(module, unit, name);
    // alpha = 1 weighs nothing; alpha = 0.5 is alpha_t = 0.5 for both classes, the same constant.
    if (!alpha || alpha.value === 1 || alpha.value === 0.5) {
      // The default weighs nothing, but a construction or call of the file may pass an alpha (`FocalLoss(alpha=0.9)`).
      passedAlphas(cx, module.scope(unit).name, start, end, written, out);
      continue;
    }
    const defaultText = alpha.text;
    const y = targetName(body);
    const fixes = [];
    // Not where the unit's cross-entropy is already one number for the batch (focal-on-reduced-loss, found
    // before this check): alpha_t, one value per element, would then turn the returned scalar into a tensor.
    const unitStart = t.start[from]!;
    const unitEnd = t.end[to - 1]!;
    const reduced = out.some((f) => f.rule === 'focal-on-reduced-loss' && f.start >= unitStart && f.end <= unitEnd) || reducesBeforeAlpha(t, product[0], [from, to]);
    if (y !== undefined && alpha.value > 0 && alpha.value < 1 && !reduced) {
      const balanced = `(${written} * ${y} + (1 - ${written}) * (1 - ${y}))`;
      fixes.push({ title: msg('Weigh by alpha_t: {0}', balanced), edits: [{ start, end, newText: balanced }], preferred: true, safety: 'safe' as const });
    }
    out.push({
      rule: 'focal-alpha-unbalanced', start, end,
      message: msg('{0} multiplies every element of this binary focal loss, positives and negatives alike: with alpha = {1} it only scales the loss by {1}. The paper\'s alpha balances the classes: alpha_t = alpha for the positives and 1 - alpha for the negatives', written, defaultText),
      related: { start: t.start[alpha.from]!, end: t.end[alpha.to - 1]!, message: msg('alpha\'s default, {0}', defaultText) },
      fixes,
    });
  }
}

/**
 * `alpha=<number>` written in a construction or call of the file's own binary focal loss `name` whose
 * default weighs nothing (the Kaggle class's alpha=1, then `FocalLoss(alpha=0.9, gamma=2)`): the value
 * reaches the product at [productStart, productEnd) and only scales the loss there. No fix here: the
 * class is what needs alpha_t.
 */
function passedAlphas(cx: LintContext, name: string, productStart: number, productEnd: number, written: string, out: LintFinding[]): void {
  const t = cx.tokens;
  for (const call of callMaps(cx).byCallee.get(name) ?? []) {
    if (call.api !== `user:${name}` || call.start < cx.base || call.alpha.origin.kind !== 'explicit') continue;
    const value = call.alpha.value;
    if (typeof value !== 'number' || value === 1 || value === 0.5) continue;
    const keyword = /\balpha\s*=\s*(\d*\.?\d+(?:e-?\d+)?\.?)(?=\s*[,)])/i.exec(t.text.slice(call.start, call.end));
    if (!keyword) continue;
    const start = call.start + keyword.index + keyword[0].length - keyword[1]!.length;
    const end = start + keyword[1]!.length;
    out.push({
      rule: 'focal-alpha-unbalanced', start, end,
      message: msg('alpha = {0} is given to {1}, whose binary focal loss multiplies every element by it ({2}), positives and negatives alike: it only scales the loss by {0}. The paper\'s alpha balances the classes: alpha_t = alpha for the positives and 1 - alpha for the negatives', keyword[1]!, name, written),
      related: { start: productStart, end: productEnd, message: msg('{0} multiplies every element here', written) },
      fixes: [],
    });
  }
}
