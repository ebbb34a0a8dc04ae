import { headOf } from './decorators';
import { bodyRange } from './userLossBody';
import { closeOf, readDotted, splitTopLevel, type PythonModule } from './pythonModule';
import { isName, isOp, NAME, NEWLINE, NUMBER, STRING, tokenText, type PythonTokens } from './pythonScanner';

/*
 * A focal factor computed from a loss already reduced over the batch: `ce = F.cross_entropy(x, y)`
 * (the default reduction='mean'), then `pt = torch.exp(-ce)` and `alpha * (1 - pt) ** gamma * ce`.
 * exp(-ce) is then one number for the batch, so every sample gets the same factor and nothing is
 * focused: not the paper's per-sample focal loss. The lint reports the pattern where it is written
 * (focal-on-reduced-loss); recognition reads it in the body of a user's own focal loss so the hover
 * does not show the paper's formula and table for it. Both read the pieces here.
 */

/** Cross-entropy losses whose per-sample value is exp(-loss) = p_t, by api. */
export const PER_SAMPLE_CE_APIS: ReadonlySet<string> = new Set([
  'torch.nn.functional.cross_entropy', 'torch.nn.functional.binary_cross_entropy', 'torch.nn.functional.binary_cross_entropy_with_logits', 'torch.nn.functional.nll_loss',
  'torch.nn.CrossEntropyLoss', 'torch.nn.BCELoss', 'torch.nn.BCEWithLogitsLoss', 'torch.nn.NLLLoss',
]);

/** One argument of a loss call or construction, as the reader of the reduction needs it. */
export interface ReductionSetting {
  /** The keyword, undefined for a positional argument. */
  readonly keyword: string | undefined;
  /** The value's token range. */
  readonly valueFrom: number;
  readonly to: number;
  /** `*args` / `**kwargs`: what it sets is not known. */
  readonly starred: boolean;
}

/**
 * The reduction a torch CE function call's (or class construction's) arguments set: 'mean' when left
 * to the default, the literal written ('mean', 'sum', 'none'), 'unknown' when it is not a literal or
 * may be set some other way (the legacy reduce / size_average, a `**` dict, a construction's
 * positional arguments: weight, size_average, ignore_index, reduce, reduction).
 */
export function reductionWritten(tokens: PythonTokens, settings: readonly ReductionSetting[], construction: boolean): 'mean' | 'sum' | 'none' | 'unknown' {
  if (settings.some((a) => a.keyword === 'reduce' || a.keyword === 'size_average' || a.starred || (a.keyword === undefined && construction))) return 'unknown';
  const reduction = settings.find((a) => a.keyword === 'reduction');
  if (!reduction) return 'mean';
  if (reduction.to !== reduction.valueFrom + 1 || tokens.kind[reduction.valueFrom] !== STRING) return 'unknown';
  const value = stringValue(tokens, reduction.valueFrom);
  return value === 'mean' || value === 'sum' || value === 'none' ? value : 'unknown';
}

/**
 * The tokens [from, to] of the exp of the NAME token `k`: of `k` itself when `negated` (the name holds
 * minus the loss, `logpt = -F.cross_entropy(x, y)`, the common hand-written form: `torch.exp(logpt)`,
 * `logpt.exp()`), else of minus `k` (`torch.exp(-ce)`, `np.exp(-bce)`, `torch.exp(-1 * ce)`,
 * `(-ce).exp()`). `from` is the call's first name (`torch` of `torch.exp`; the '(' of `(-ce).exp()`).
 */
export function expOf(tokens: PythonTokens, k: number, negated: boolean): { from: number; to: number } | undefined {
  if (negated) {
    if (isOp(tokens, k - 1, '(') && isOp(tokens, k + 1, ')') && tokens.match[k - 1] === k + 1) return spanOf(expCallee(tokens, k - 2), k + 1);
    return !isOp(tokens, k - 1, '.') && isExpMethod(tokens, k + 1) ? { from: k, to: k + 4 } : undefined;
  }
  // `-1 * k`: minus one times the loss, as some write the paper's p_t = exp(-1 * CE).
  const minus = isOp(tokens, k - 1, '*') && tokens.kind[k - 2] === NUMBER && /^1(?:\.0*)?$/.test(tokenText(tokens, k - 2)) ? k - 3 : k - 1;
  if (!isOp(tokens, minus, '-') || !isOp(tokens, minus - 1, '(') || !isOp(tokens, k + 1, ')') || tokens.match[minus - 1] !== k + 1) return undefined;
  const callee = expCallee(tokens, minus - 2);
  if (callee >= 0) return { from: callee, to: k + 1 };
  // `(-k).exp()`: a parenthesised negation, not a call's arguments.
  const before = minus - 2;
  const grouping = before < 0 || !(tokens.kind[before] === NAME || isOp(tokens, before, ')') || isOp(tokens, before, ']')) || isName(tokens, before, 'return');
  return minus === k - 1 && grouping && isExpMethod(tokens, k + 2) ? { from: k - 2, to: k + 5 } : undefined;
}

/** `.exp()` from token `dot`. */
function isExpMethod(tokens: PythonTokens, dot: number): boolean {
  return isOp(tokens, dot, '.') && isName(tokens, dot + 1, 'exp') && isOp(tokens, dot + 2, '(') && isOp(tokens, dot + 3, ')');
}

function spanOf(from: number, to: number): { from: number; to: number } | undefined {
  return from < 0 ? undefined : { from, to };
}

/** The first name of the dotted `...exp` callee ending at token `name`, else -1. */
function expCallee(tokens: PythonTokens, name: number): number {
  if (!isName(tokens, name, 'exp')) return -1;
  let callee = name;
  while (isOp(tokens, callee - 1, '.') && tokens.kind[callee - 2] === NAME) callee -= 2;
  return callee;
}

/** A reduced loss whose exp(-loss) the body of a user's focal loss takes: where, and what it is. */
export interface ReducedFocalFactor {
  /** Offset of the statement that computes the reduced loss. */
  readonly offset: number;
  /** The loss's name as written (`F.cross_entropy`, `nn.CrossEntropyLoss`). */
  readonly loss: string;
  /** 'unknown': written in a way the file does not settle (`reduction=self.reduction`); maybe over the batch. */
  readonly reduction: 'mean' | 'sum' | 'unknown';
}

/** Last names of PER_SAMPLE_CE_APIS, functions and classes, read in a user's body (torch's, whatever the import). */
const CE_FUNCTIONS = new Set(['cross_entropy', 'binary_cross_entropy', 'binary_cross_entropy_with_logits', 'nll_loss']);
const CE_CLASSES = new Set(['CrossEntropyLoss', 'BCELoss', 'BCEWithLogitsLoss', 'NLLLoss']);

/**
 * In the body of the user's loss `scope` (a def, or a class with its methods): a statement `name =
 * <loss>(...)` reduced over the batch (or with a reduction the file does not settle), then `exp(-name)` in a later statement of the same function
 * before `name` is bound again. `<loss>` is a torch CE function (`F.cross_entropy(x, y)`), a class
 * constructed and called in place (`nn.CrossEntropyLoss(weight=w)(x, y)`), or `self.attr(x, y)` whose
 * attribute the class binds once to a construction (`self.ce = nn.CrossEntropyLoss()`).
 */
export function reducedFocalFactorOf(module: PythonModule, scope: number): ReducedFocalFactor | undefined {
  const { tokens } = module;
  const [from, to] = bodyRange(module, scope);
  const owner = module.scope(scope);
  for (let k = from; k + 2 < to; k++) {
    // `name = ...` at the start of a logical line.
    if (tokens.kind[k] !== NAME || !isOp(tokens, k + 1, '=') || !(k === from || tokens.kind[k - 1] === NEWLINE || startsLine(tokens, k))) continue;
    // `logpt = -F.cross_entropy(x, y)` then `exp(logpt)`: the same factor, written with the sign first.
    const negated = isOp(tokens, k + 2, '-');
    const found = reducedLossAt(module, owner.kind === 'class' ? scope : -1, negated ? k + 3 : k + 2);
    if (!found || !isStatementEnd(tokens, found.end)) continue;
    if (takesExp(module, k, found.end, to, negated, true)) return { offset: tokens.startAt(k), loss: found.loss, reduction: found.reduction };
  }
  return undefined;
}

/**
 * Whether the name assigned at token `k` (its value ending at token `end`) is exponentiated in its
 * function before token `to` and its next assignment: exp of minus it, or of it when `negated`; or,
 * with `follow`, through `logpt = -name` then `exp(logpt)`.
 */
function takesExp(module: PythonModule, k: number, end: number, to: number, negated: boolean, follow: boolean): boolean {
  const { tokens } = module;
  const name = tokenText(tokens, k);
  const fnScope = module.headScope[headOf(tokens, k)]!;
  const rebound = (module.scope(fnScope).names.get(name) ?? []).find((b) => b.offset > tokens.startAt(k));
  const until = rebound ? rebound.offset : Infinity;
  for (let u = end + 1; u < to && tokens.startAt(u) < until; u++) {
    if (tokens.kind[u] !== NAME || tokenText(tokens, u) !== name || module.headScope[headOf(tokens, u)] !== fnScope) continue;
    if (expOf(tokens, u, negated)) return true;
    // `logpt = -name`, the whole statement.
    const alias = u - 3;
    if (follow && !negated && tokens.kind[alias] === NAME && isOp(tokens, alias + 1, '=') && isOp(tokens, alias + 2, '-') && startsLine(tokens, alias) && isStatementEnd(tokens, u + 1) && takesExp(module, alias, u, to, true, false)) return true;
  }
  return false;
}

/** A parameter of a user's loss that its body passes on as the class weights of a torch cross-entropy inside it. */
export interface ForwardedClassWeights {
  /** The parameter (or the `self.` attribute holding it, by the same name): `weight` of `weight=self.weight`. */
  readonly parameter: string;
  /** The keyword it is given as: `weight`, `pos_weight`. */
  readonly keyword: string;
  /** Offset of that cross-entropy's name in the body. */
  readonly offset: number;
}

/**
 * In the body of the user's loss `scope`: a torch CE function called, or CE class built, with `weight=`
 * or `pos_weight=` set to a name or `self.name` (not alpha, whose use alphaWeightingOf reads). The
 * loss is then weighted per class by whatever the caller passes: aman181003/Diabetic_Retinopathy_Detection_CNN's
 * FocalLoss(gamma, weight) computes `ce = cross_entropy(x, y, weight=self.weight)`, `(1 - exp(-ce)) ** gamma * ce`.
 */
export function forwardedClassWeightsOf(module: PythonModule, scope: number): ForwardedClassWeights | undefined {
  const { tokens } = module;
  const [from, to] = bodyRange(module, scope);
  for (let k = from; k + 1 < to; k++) {
    if (tokens.kind[k] !== NAME || !isOp(tokens, k + 1, '(') || isName(tokens, k - 1, 'def')) continue;
    const name = tokenText(tokens, k);
    if (!CE_FUNCTIONS.has(name) && !CE_CLASSES.has(name)) continue;
    // weight= of the softmax CE and NLL losses is per class; pos_weight= of the logits BCE weighs the positives.
    // (weight= of a BCE is per element: not said here.)
    const keyword = /^(?:cross_entropy|nll_loss|CrossEntropyLoss|NLLLoss)$/.test(name) ? 'weight' : /^(?:binary_cross_entropy_with_logits|BCEWithLogitsLoss)$/.test(name) ? 'pos_weight' : undefined;
    if (!keyword) continue;
    for (const setting of settingsOf(tokens, k + 2, closeOf(tokens, k + 1))) {
      if (setting.keyword !== keyword) continue;
      const last = setting.to - 1;
      const plain = setting.to === setting.valueFrom + 1 || (setting.to === setting.valueFrom + 3 && isName(tokens, setting.valueFrom, 'self') && isOp(tokens, setting.valueFrom + 1, '.'));
      if (!plain || tokens.kind[last] !== NAME) continue;
      const parameter = tokenText(tokens, last);
      if (parameter !== 'alpha' && parameter !== 'None') return { parameter, keyword, offset: tokens.startAt(k) };
    }
  }
  return undefined;
}

/** The reduced CE loss whose call starts at token `k`, and the token after its last ')'. */
function reducedLossAt(module: PythonModule, classScope: number, k: number): { loss: string; reduction: 'mean' | 'sum' | 'unknown'; end: number } | undefined {
  const { tokens } = module;
  const [dotted, after] = readDotted(tokens, k, tokens.count);
  if (dotted === '' || !isOp(tokens, after, '(')) return undefined;
  const close = closeOf(tokens, after);
  const last = dotted.slice(dotted.lastIndexOf('.') + 1);
  if (CE_FUNCTIONS.has(last) && !dotted.startsWith('self.')) {
    const reduction = reductionWritten(tokens, settingsOf(tokens, after + 1, close), false);
    return reduction === 'none' ? undefined : { loss: dotted, reduction, end: close + 1 };
  }
  // `nn.CrossEntropyLoss(weight=w)(x, y)`: the construction holds the reduction.
  if (CE_CLASSES.has(last) && isOp(tokens, close + 1, '(')) {
    const reduction = reductionWritten(tokens, settingsOf(tokens, after + 1, close), true);
    return reduction === 'none' ? undefined : { loss: dotted, reduction, end: closeOf(tokens, close + 1) + 1 };
  }
  // `self.ce(x, y)` with `self.ce = nn.CrossEntropyLoss(...)` the class's one binding of the attribute.
  const parts = dotted.split('.');
  if (classScope < 0 || parts.length !== 2 || parts[0] !== 'self') return undefined;
  const bindings = module.scope(classScope).selfAttributes.get(parts[1]!);
  const binding = bindings?.length === 1 ? bindings[0]! : undefined;
  if (!binding || binding.from < 0) return undefined;
  const [built, open] = readDotted(tokens, binding.from, binding.to);
  const builtName = built.slice(built.lastIndexOf('.') + 1);
  if (!CE_CLASSES.has(builtName) || !isOp(tokens, open, '(') || closeOf(tokens, open) !== binding.to - 1) return undefined;
  const reduction = reductionWritten(tokens, settingsOf(tokens, open + 1, binding.to - 1), true);
  return reduction === 'none' ? undefined : { loss: built, reduction, end: close + 1 };
}

/** The arguments written in [from, to): keyword (NAME '='), positional or starred. */
function settingsOf(tokens: PythonTokens, from: number, to: number): ReductionSetting[] {
  return splitTopLevel(tokens, from, to).map(([s, e]) => {
    const keyword = tokens.kind[s] === NAME && isOp(tokens, s + 1, '=') ? tokenText(tokens, s) : undefined;
    return { keyword, valueFrom: keyword === undefined ? s : s + 2, to: e, starred: isOp(tokens, s, '*') || isOp(tokens, s, '**') };
  });
}

function startsLine(tokens: PythonTokens, k: number): boolean {
  return tokens.heads[headOf(tokens, k)] === k;
}

/** Whether the statement ends at token `k` (a NEWLINE or the end). */
function isStatementEnd(tokens: PythonTokens, k: number): boolean {
  return k >= tokens.count || tokens.kind[k] === NEWLINE || startsLine(tokens, k);
}

function stringValue(tokens: PythonTokens, k: number): string | undefined {
  const m = /^[rRuU]?('''|"""|'|")([\s\S]*)\1$/.exec(tokenText(tokens, k));
  return m ? m[2] : undefined;
}
