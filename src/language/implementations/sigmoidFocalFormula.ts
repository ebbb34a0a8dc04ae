import { add, call, evaluateFocalStepsWith, mul, neg, num, sub, v } from './focalExpr';
import type { FocalAlgebra, FocalFunction, FocalStep } from './focalExpr';

/*
 * The sigmoid (binary / multi-label) focal loss of the "Insert Focal Loss Implementation" snippets,
 * as steps of the expression language in focalExpr.ts; evaluateSigmoidFocalSteps runs them with
 * Math functions, for the tests to compare with the numeric core.
 *
 * The steps work in log space: log(1 - p_t) comes from log-sigmoids, and (1 - p_t)^gamma is
 * exp(gamma * log(1 - p_t)). Computing 1 - p_t first and raising it to gamma (torchvision's way)
 * gives the right value but NaN gradients where 1 - p_t underflows to 0 and gamma < 1
 * (kornia#918), or gamma is the float 0.0 in JAX (optax#1267).
 */

/** FL = alpha_t (1 - p_t)^gamma CE(p, y), elementwise, from logits and (soft) targets in [0, 1]. */
export const SIGMOID_FOCAL_STEPS: readonly FocalStep[] = [
  {
    assign: 'ce',
    expr: call('bceWithLogits', v('inputs'), v('targets')),
    comment: 'CE(p, y) = -log(p_t) straight from the logits: no sigmoid, no log(0).',
  },
  {
    assign: 'log_q',
    expr: call(
      'logAddExp',
      add(call('log', v('targets')), call('logSigmoid', neg(v('inputs')))),
      add(call('log1p', neg(v('targets'))), call('logSigmoid', v('inputs'))),
    ),
    comment: 'log(1 - p_t), where 1 - p_t = y (1 - p) + (1 - y) p; log(0) = -inf for a hard target just drops a term.',
  },
  {
    assign: 'loss',
    expr: mul(v('ce'), call('exp', mul(v('gamma'), v('log_q')))),
    comment: '(1 - p_t)^gamma as exp(gamma log(1 - p_t)): finite gradients for every gamma >= 0, 0 and 0.5 included.',
  },
  {
    assign: 'alpha_t',
    expr: add(mul(v('alpha'), v('targets')), mul(sub(num(1), v('alpha')), sub(num(1), v('targets')))),
    comment: 'alpha weighs the positives, 1 - alpha the negatives.',
    whenAlphaOn: true,
  },
  {
    assign: 'loss',
    expr: mul(v('alpha_t'), v('loss')),
    comment: '',
    whenAlphaOn: true,
  },
];

/** What each elementwise primitive computes, as its framework documents it. */
export function applyFocalFunction(fn: FocalFunction, args: readonly number[]): number {
  const [a, b] = args as [number, number];
  switch (fn) {
    case 'bceWithLogits':
      // tf.nn.sigmoid_cross_entropy_with_logits' documented form: max(x, 0) - x y + log(1 + exp(-|x|)).
      return Math.max(a, 0) - a * b + Math.log1p(Math.exp(-Math.abs(a)));
    case 'logSigmoid':
      return a >= 0 ? -Math.log1p(Math.exp(-a)) : a - Math.log1p(Math.exp(a));
    case 'logAddExp': {
      const m = Math.max(a, b);
      return m === -Infinity ? -Infinity : m + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
    case 'log':
      return Math.log(a);
    case 'log1p':
      return Math.log1p(a);
    case 'exp':
      return Math.exp(a);
    case 'takeClass':
    case 'maskClass':
    case 'logSumExpOverClasses':
    case 'lookUp':
      throw new Error(`${fn} works on rows of class logits: evaluate softmax steps with evaluateSoftmaxFocalSteps`);
  }
}

const NUMBERS: FocalAlgebra<number> = {
  constant: (value) => value,
  neg: (a) => -a,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  apply: applyFocalFunction,
};

/** The per-element loss the steps compute, evaluated with Math functions (alpha < 0: weighting off). */
export function evaluateSigmoidFocalSteps(x: number, y: number, alpha: number, gamma: number, steps: readonly FocalStep[] = SIGMOID_FOCAL_STEPS): number {
  return evaluateFocalStepsWith(NUMBERS, { inputs: x, targets: y, alpha, gamma }, alpha >= 0, steps);
}
