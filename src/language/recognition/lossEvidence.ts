import { KNOWN_NAMES } from './catalog';
import { NAME, enclosingOpen, isName, isOp, tokenText, type PythonTokens } from './pythonScanner';
import type { PythonModule } from './pythonModule';
import type { ClassModel, InputsKind, ValueOrigin } from './lossCall';
import { forwardedClassWeightsOf, reducedFocalFactorOf, type ForwardedClassWeights, type ReducedFocalFactor } from './reducedLoss';
import { alphaWeightingOf, bodyRange, logFocalBaseOf, reductionOf, type AlphaWeighting, type BodyReduction, type LogFocalBase } from './userLossBody';

/*
 * Whether a function or class of the user's own with an alpha or gamma parameter is a focal or
 * balanced cross-entropy, so its calls may get a loss hover. alpha and gamma are common names (an EMA
 * factor, a scheduler's decay, an RL discount, a Tversky weight), so a definition counts only with
 * evidence: a name that says so (focal, cross-entropy, BCE, NLL), or a name that says "loss" and a
 * body that computes a log-likelihood (log, log_softmax, logsigmoid, a library CE or focal loss).
 */

/** Names that say what is computed: focal loss or cross-entropy. */
const NAMED_FOR_CE = [/focal/i, /entropy/i, /bce/i, /nll/i, /xent/i, /(^|_)(b?ce|fl)(_|$)/i, /(^|[a-z0-9])(B?CE|FL)([A-Z]|$)/];
/**
 * Names of things with an alpha or gamma that are not these losses, even when "focal" is in the name
 * (a varifocal or quality focal loss weighs by an IoU target: not the paper's loss; mmdet's BalancedL1Loss takes
 * alpha and gamma and raises e to gamma / alpha: a box regression loss).
 */
const NAMED_OTHERWISE = /L[12](?:Loss|_|$)|(?:^|_)l[12](?:_|$)|varifocal|quality_?focal|symmetric|cosine|tversky|dice|iou|jaccard|lovasz|ssim|ema|schedul|momentum|discount|decay|warmup|gae|return|advantage|smooth_?l1|huber|mse|triplet|contrastive|margin|kl_?div|ranking|rmsprop|adam/i;
/** Names that say "a loss" without saying which. */
const NAMED_LOSS = /loss|criterion|objective/i;
/** Calls whose presence in the body shows a log-likelihood is computed. */
const LOG_LIKELIHOOD_CALLS = new Set(['log', 'log2', 'log10', 'log1p', 'log_softmax', 'logsigmoid', 'log_sigmoid', 'softplus', 'binary_cross_entropy', 'binary_cross_entropy_with_logits', 'cross_entropy', 'nll_loss', ...KNOWN_NAMES]);

/**
 * Calls of plain arithmetic: a function named focal whose body calls only these computes no
 * log-likelihood. It returns a weight, not a loss: YunYang1994/tensorflow-yolov3's `focal(target, actual, alpha=1,
 * gamma=2)` returns `alpha * tf.pow(tf.abs(target - actual), gamma)`, which the caller multiplies by a BCE.
 */
const ARITHMETIC_CALLS = new Set(['pow', 'abs', 'absolute', 'power', 'float_power', 'square', 'sqrt', 'multiply', 'mul', 'add', 'subtract', 'sub', 'float', 'int']);

export function isLikelyLoss(module: PythonModule, name: string, scope: number, takesGamma = true): boolean {
  if (NAMED_OTHERWISE.test(name)) return false;
  if (NAMED_FOR_CE.some((pattern) => pattern.test(name))) return module.scope(scope).kind !== 'def' || !onlyArithmetic(module, scope);
  if (!NAMED_LOSS.test(name) || !bodyCalls(module, scope, LOG_LIKELIHOOD_CALLS)) return false;
  // A gamma in a loss named only "loss" is as often an RL discount (`R = r + gamma * R` in a policy_loss) as a
  // focusing exponent: it counts only when the body raises to it or passes it on to a focal loss.
  if (takesGamma && !focusesByGamma(module, scope)) return false;
  // With an alpha and no gamma, a name that only says "loss" shows no alpha-balanced CE unless the body computes
  // alpha_t: alpha is as often a mixing weight (pytorch/ignite's CriterionWithLabelSmoothing(criterion, alpha=0.2)
  // returns (1 - alpha) * loss + alpha * the smoothing term, and its get_criterion(alpha) factory ignores alpha).
  return takesGamma || alphaWeightingOf(module, scope) === 'alpha_t';
}

/** What the user's own loss does to its predictions, when its name or body says so for certain. */
export interface UserLossModel {
  readonly inputs?: InputsKind;
  readonly classModel?: ClassModel;
  /** How its body applies alpha (see userLossBody.ts). */
  readonly alphaWeighting?: AlphaWeighting;
  /** The reduction its returns agree on, when they do. */
  readonly reduction?: BodyReduction;
  /** Where the inputs were read when the call, not the body, said it ('the call passes outputs.logits'). */
  readonly inputsText?: string;
  /** Where that value was written, when not at the call (a `from_logits` parameter's default). */
  readonly inputsOrigin?: ValueOrigin;
  /** Set when the body takes its focal factor from a loss already reduced over the batch (reducedLoss.ts). */
  readonly reducedFocal?: ReducedFocalFactor;  /** Set when the body raises 1 - x to gamma where x is made from log-probabilities only (userLossBody.ts). */
  readonly logFocalBase?: LogFocalBase;
  /** Set when the body passes one of its parameters to a cross-entropy inside it as class weights (reducedLoss.ts). */
  readonly classWeights?: ForwardedClassWeights;
}

/** Calls that apply a sigmoid to logits, or a softmax over classes, inside the loss. */
const SIGMOID_CALLS = new Set(['sigmoid', 'logsigmoid', 'log_sigmoid', 'binary_cross_entropy_with_logits', 'sigmoid_focal_loss', 'BCEWithLogitsLoss', 'sigmoid_binary_cross_entropy', 'sigmoid_cross_entropy_with_logits']);
const SOFTMAX_CALLS = new Set(['softmax', 'log_softmax', 'cross_entropy', 'CrossEntropyLoss', 'softmax_cross_entropy', 'softmax_cross_entropy_with_integer_labels', 'sparse_softmax_cross_entropy_with_logits', 'softmax_cross_entropy_with_logits']);
/** Calls that take probabilities (the loss does not apply an activation itself). */
const PROBABILITY_CALLS = new Set(['binary_cross_entropy', 'BCELoss']);

/**
 * The model of a user's loss from its body: logits in with one sigmoid per element when it applies a
 * sigmoid (or a logits-form BCE) and no softmax, with a softmax over classes when it applies a softmax
 * and no sigmoid, probabilities when it only calls a probability BCE. Mixed or silent bodies say
 * nothing, and a name with "logits" says logits in.
 */
export function userLossModel(module: PythonModule, name: string, scope: number): UserLossModel {
  const reducedFocal = reducedFocalFactorOf(module, scope);
  const logFocalBase = reducedFocal ? undefined : logFocalBaseOf(module, scope);
  const classWeights = forwardedClassWeightsOf(module, scope);
  const body = { alphaWeighting: alphaWeightingOf(module, scope), reduction: reductionOf(module, scope), ...(reducedFocal ? { reducedFocal } : {}), ...(logFocalBase ? { logFocalBase } : {}), ...(classWeights ? { classWeights } : {}) };
  return { ...body, ...activationOf(module, name, scope) };
}

function activationOf(module: PythonModule, name: string, scope: number): Pick<UserLossModel, 'inputs' | 'classModel'> {
  const called = bodyCallNames(module, scope);
  const sigmoid = [...SIGMOID_CALLS].some((n) => called.has(n));
  const softmax = [...SOFTMAX_CALLS].some((n) => called.has(n));
  const probabilities = [...PROBABILITY_CALLS].some((n) => called.has(n));
  if (sigmoid && !softmax) return { inputs: 'logits', classModel: 'sigmoid' };
  if (softmax && !sigmoid && !probabilities) return { inputs: 'logits', classModel: 'softmax' };
  if (probabilities && !sigmoid && !softmax) return { inputs: /logit/i.test(name) ? undefined : 'probabilities', classModel: 'sigmoid' };
  if (/logit/i.test(name)) return { inputs: 'logits' };
  // Written by hand (numpy, torch.log): a log of what it is given, and nothing that turns logits into
  // probabilities (exp, expit, softplus, logsumexp, ...): it takes probabilities. Which class model is
  // not said: -(1 - p)^gamma log p and -sum y log p look alike to this reading.
  if (!sigmoid && !softmax && [...HAND_LOGS].some((n) => called.has(n)) && ![...FROM_LOGITS].some((n) => called.has(n))) return { inputs: 'probabilities' };
  return {};
}

/** Logs a hand-written loss takes of its probabilities. */
const HAND_LOGS = new Set(['log', 'log2', 'log10']);
/** Calls that make probabilities from logits by hand, or a log-likelihood of logits. */
const FROM_LOGITS = new Set(['exp', 'expit', 'softplus', 'logsumexp', 'logaddexp', 'log1p', 'tanh', 'erf']);

/**
 * Whether the body of `scope` uses gamma as a focal loss does: as an exponent (`(1 - p) ** gamma`,
 * `torch.pow(1 - p, self.gamma)`), as a keyword passed on (`sigmoid_focal_loss(x, y, gamma=self.gamma)`), or as
 * an argument of a call whose name says focal (`focal_loss(labels, logits, alpha, gamma)`).
 */
function focusesByGamma(module: PythonModule, scope: number): boolean {
  const tokens: PythonTokens = module.tokens;
  const [from, to] = bodyRange(module, scope);
  const gammaAt = (k: number) => isName(tokens, k, 'gamma') && (!isOp(tokens, k - 1, '.') || isName(tokens, k - 2, 'self'));
  for (let k = from; k < to; k++) {
    if (!gammaAt(k)) continue;
    const before = isName(tokens, k - 2, 'self') && isOp(tokens, k - 1, '.') ? k - 2 : k;
    if (isOp(tokens, before - 1, '**') || (isOp(tokens, before - 1, '(') && isOp(tokens, before - 2, '**'))) return true;
    if (isOp(tokens, k + 1, '=') && (isOp(tokens, before - 1, '(') || isOp(tokens, before - 1, ',')) && !isParameterList(tokens, enclosingOpen(tokens, before))) return true;
  }
  for (let k = from; k < to; k++) {
    if (tokens.kind[k] !== NAME || !isOp(tokens, k + 1, '(')) continue;
    const callee = tokenText(tokens, k);
    if (!/^(?:pow|power)$|focal/i.test(callee)) continue;
    const close = tokens.match[k + 1] ?? -1;
    for (let j = k + 2; j < close && j < to; j++) if (gammaAt(j)) return true;
  }
  return false;
}

/** Whether the `(` at `open` starts a def's parameters (`def f(` / `async def f(`), not a call's arguments. */
function isParameterList(tokens: PythonTokens, open: number): boolean {
  return open > 1 && isOp(tokens, open, '(') && tokens.kind[open - 1] === NAME && isName(tokens, open - 2, 'def');
}

/** Whether the body of `scope` (a def or class, nested scopes included) calls one of `names`. */
/** Whether the body calls something, and only ARITHMETIC_CALLS (a stub body, `...`, calls nothing and says nothing). */
function onlyArithmetic(module: PythonModule, scope: number): boolean {
  const names = bodyCallNames(module, scope);
  for (const name of names) if (!ARITHMETIC_CALLS.has(name)) return false;
  return names.size > 0;
}

function bodyCalls(module: PythonModule, scope: number, names: ReadonlySet<string>): boolean {
  for (const name of bodyCallNames(module, scope)) if (names.has(name)) return true;
  return false;
}

/** The names called in the body of `scope` (the last segment of `F.sigmoid(...)`, `x.sigmoid()`). */
function bodyCallNames(module: PythonModule, scope: number): Set<string> {
  const tokens: PythonTokens = module.tokens;
  const [from, to] = bodyRange(module, scope);
  const names = new Set<string>();
  for (let k = from; k < to; k++) {
    if (tokens.kind[k] === NAME && isOp(tokens, k + 1, '(')) names.add(tokens.text.slice(tokens.startAt(k), tokens.endAt(k)));
  }
  return names;
}
