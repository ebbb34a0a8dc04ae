import { FOCAL_STEPS } from './focalFormula';
import type { FocalExpr, FocalFunction, FocalStep, FocalVariable } from './focalFormula';
import type { CodePiece } from './snippetText';

/*
 * Prints the focal loss steps of focalFormula.ts as a Python function for one framework. Only the
 * vocabulary differs between frameworks (argument names, primitives, reductions); the formula,
 * its comments and the function's contract are shared, so the three cannot drift apart.
 */

export type FocalFramework = 'pytorch' | 'tensorflow' | 'jax';

/** How a framework spells a primitive: `open` + arguments + `close`. */
interface Primitive {
  readonly open: string;
  readonly close: string;
  /** Rewrites the arguments (keywords, extra arguments); default: as they are. */
  readonly args?: (args: string[]) => string[];
}

interface Vocabulary {
  readonly imports: readonly string[];
  readonly tensorType: string;
  /** Argument names for logits and targets, as the framework's own focal loss names them. */
  readonly inputs: string;
  readonly targets: string;
  readonly whose: string;
  readonly castTargets: string;
  readonly primitives: Readonly<Record<FocalFunction, Primitive>>;
  readonly mean: string;
  readonly sum: string;
  /** An extra docstring paragraph. */
  readonly note?: string;
}

const VOCABULARIES: Readonly<Record<FocalFramework, Vocabulary>> = {
  pytorch: {
    imports: ['import torch', 'import torch.nn.functional as F'],
    tensorType: 'torch.Tensor',
    inputs: 'inputs',
    targets: 'targets',
    whose: 'torchvision.ops.sigmoid_focal_loss',
    castTargets: 'targets = targets.to(inputs.dtype)',
    primitives: {
      bceWithLogits: { open: 'F.binary_cross_entropy_with_logits(', close: ')', args: (a) => [...a, 'reduction="none"'] },
      logSigmoid: { open: 'F.logsigmoid(', close: ')' },
      logAddExp: { open: 'torch.logaddexp(', close: ')' },
      log: { open: 'torch.log(', close: ')' },
      log1p: { open: 'torch.log1p(', close: ')' },
      exp: { open: 'torch.exp(', close: ')' },
    },
    mean: 'loss.mean()',
    sum: 'loss.sum()',
  },
  tensorflow: {
    imports: ['import tensorflow as tf'],
    tensorType: 'tf.Tensor',
    inputs: 'logits',
    targets: 'labels',
    whose: 'torchvision.ops.sigmoid_focal_loss',
    castTargets: 'labels = tf.cast(labels, logits.dtype)',
    primitives: {
      bceWithLogits: { open: 'tf.nn.sigmoid_cross_entropy_with_logits(', close: ')', args: ([x, y]) => [`labels=${y}`, `logits=${x}`] },
      logSigmoid: { open: 'tf.math.log_sigmoid(', close: ')' },
      logAddExp: { open: 'tf.reduce_logsumexp(tf.stack([', close: ']), axis=0)' },
      log: { open: 'tf.math.log(', close: ')' },
      log1p: { open: 'tf.math.log1p(', close: ')' },
      exp: { open: 'tf.math.exp(', close: ')' },
    },
    mean: 'tf.reduce_mean(loss)',
    sum: 'tf.reduce_sum(loss)',
  },
  jax: {
    imports: ['import jax', 'import jax.numpy as jnp', 'import optax'],
    tensorType: 'jax.Array',
    inputs: 'logits',
    targets: 'labels',
    whose: 'torchvision.ops.sigmoid_focal_loss (optax.sigmoid_focal_loss has alpha=None for "off")',
    castTargets: 'labels = jnp.asarray(labels, dtype=logits.dtype)',
    primitives: {
      bceWithLogits: { open: 'optax.sigmoid_binary_cross_entropy(', close: ')' },
      logSigmoid: { open: 'jax.nn.log_sigmoid(', close: ')' },
      logAddExp: { open: 'jnp.logaddexp(', close: ')' },
      log: { open: 'jnp.log(', close: ')' },
      log1p: { open: 'jnp.log1p(', close: ')' },
      exp: { open: 'jnp.exp(', close: ')' },
    },
    mean: 'jnp.mean(loss)',
    sum: 'jnp.sum(loss)',
    note: 'alpha, gamma and reduction are Python values: mark them static under jax.jit.',
  },
};

/** Lines longer than this have their outermost call's arguments put one per line. */
const MAX_LINE = 100;
const INDENT = '    ';

/** The default alpha and gamma of the paper, as the snippets' tab stops 1 and 2 show them. */
export const DEFAULT_ALPHA_TEXT = '0.25';
export const DEFAULT_GAMMA_TEXT = '2.0';

/** The focal loss function for `framework`, as code pieces with tab stops for alpha and gamma. */
export function renderFocalImplementation(framework: FocalFramework, steps: readonly FocalStep[] = FOCAL_STEPS): CodePiece[] {
  const vocab = VOCABULARIES[framework];
  const t = vocab.tensorType;
  const lines: string[] = [];
  const body = (line: string, depth = 1) => lines.push(line === '' ? '' : INDENT.repeat(depth) + line);
  const pieces: CodePiece[] = [
    [...vocab.imports, '', '', 'def sigmoid_focal_loss(', `${INDENT}${vocab.inputs}: ${t},`, `${INDENT}${vocab.targets}: ${t},`, `${INDENT}alpha: float = `].join('\n'),
    { tabStop: 1, placeholder: DEFAULT_ALPHA_TEXT },
    `,\n${INDENT}gamma: float = `,
    { tabStop: 2, placeholder: DEFAULT_GAMMA_TEXT },
    `,\n${INDENT}reduction: str = "none",\n) -> ${t}:\n`,
  ];
  body(`"""Sigmoid focal loss from logits, with the semantics of ${vocab.whose}.`);
  body('');
  body('Lin et al., "Focal Loss for Dense Object Detection", ICCV 2017, arXiv:1708.02002, eq. 5:');
  body(`FL(p_t) = -alpha_t (1 - p_t)^gamma log(p_t), p = sigmoid(${vocab.inputs}), p_t = p y + (1 - p)(1 - y).`);
  body('');
  body('Args:');
  body(`${vocab.inputs}: logits, any shape.`, 2);
  body(`${vocab.targets}: same shape, in [0, 1] (soft targets allowed).`, 2);
  body('alpha: weight of the positives in [0, 1], 1 - alpha for the negatives; alpha < 0 turns it off.', 2);
  body('gamma: focusing parameter >= 0; gamma = 0 gives (alpha-balanced) cross-entropy.', 2);
  body('reduction: "none" (per element), "mean" or "sum".', 2);
  body('');
  body('The paper normalises by the number of anchors assigned to a ground-truth box, not by all');
  body(`anchors: sigmoid_focal_loss(${vocab.inputs}, ${vocab.targets}, reduction="sum") / max(1, num_positives).`);
  if (vocab.note !== undefined) {
    body('');
    body(vocab.note);
  }
  body('"""');
  body(vocab.castTargets);
  const names = (name: FocalVariable) => (name === 'inputs' ? vocab.inputs : name === 'targets' ? vocab.targets : name);
  let inAlphaBlock = false;
  for (const step of steps) {
    const depth = step.whenAlphaOn ? 2 : 1;
    if (step.whenAlphaOn && !inAlphaBlock) body('if alpha >= 0:');
    inAlphaBlock = step.whenAlphaOn === true;
    if (step.comment !== '') body(`# ${step.comment}`, depth);
    for (const line of statement(step.assign, step.expr, vocab, names, INDENT.repeat(depth))) lines.push(line);
  }
  body('if reduction == "mean":');
  body(`return ${vocab.mean}`, 2);
  body('if reduction == "sum":');
  body(`return ${vocab.sum}`, 2);
  body('if reduction != "none":');
  body(`raise ValueError(f"reduction must be 'none', 'mean' or 'sum', got {reduction!r}")`, 2);
  body('return loss');
  pieces.push(`${lines.join('\n')}\n`, { tabStop: 0, placeholder: '' });
  return pieces;
}

type Names = (name: FocalVariable) => string;

/** `name = expr` at `indent`, its outermost call split over lines when it is too long. */
function statement(name: FocalVariable, expr: FocalExpr, vocab: Vocabulary, names: Names, indent: string): string[] {
  const oneLine = `${indent}${name} = ${print(expr, vocab, names)}`;
  if (oneLine.length <= MAX_LINE || expr.kind !== 'call') return [oneLine];
  const primitive = vocab.primitives[expr.fn];
  const args = callArgs(primitive, expr.args, vocab, names);
  return [`${indent}${name} = ${primitive.open}`, ...args.map((arg) => `${indent}${INDENT}${arg},`), `${indent}${primitive.close}`];
}

/** Binding strength: + and - 1, * 2, unary minus 3, names, numbers and calls 4. */
function precedence(expr: FocalExpr): number {
  if (expr.kind === 'binary') return expr.op === '*' ? 2 : 1;
  if (expr.kind === 'neg') return 3;
  return 4;
}

function print(expr: FocalExpr, vocab: Vocabulary, names: Names): string {
  switch (expr.kind) {
    case 'var':
      return names(expr.name);
    case 'num':
      return String(expr.value);
    case 'neg':
      return `-${wrap(expr.operand, 3, vocab, names)}`;
    case 'binary': {
      const p = precedence(expr);
      // a - (b - c) and a * (b * c) keep their parentheses: the right operand binds tighter.
      return `${wrap(expr.left, p, vocab, names)} ${expr.op} ${wrap(expr.right, p + 1, vocab, names)}`;
    }
    case 'call': {
      const primitive = vocab.primitives[expr.fn];
      return `${primitive.open}${callArgs(primitive, expr.args, vocab, names).join(', ')}${primitive.close}`;
    }
  }
}

function callArgs(primitive: Primitive, args: readonly FocalExpr[], vocab: Vocabulary, names: Names): string[] {
  const printed = args.map((arg) => print(arg, vocab, names));
  return primitive.args ? primitive.args(printed) : printed;
}

function wrap(expr: FocalExpr, minimum: number, vocab: Vocabulary, names: Names): string {
  const text = print(expr, vocab, names);
  return precedence(expr) < minimum ? `(${text})` : text;
}
