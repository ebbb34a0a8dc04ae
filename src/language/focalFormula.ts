/*
 * The sigmoid focal loss of the "Insert Focal Loss Implementation" snippets, written once as a list
 * of steps over a tiny expression language. focalRender.ts prints the steps as PyTorch, TensorFlow
 * or JAX code; evaluateFocalSteps runs the very same steps in TypeScript, so the tests can check the
 * inserted code against the numeric core instead of trusting a hand-written copy.
 *
 * The steps work in log space: log(1 - p_t) comes from log-sigmoids, and (1 - p_t)^gamma is
 * exp(gamma * log(1 - p_t)). Computing 1 - p_t first and raising it to gamma (torchvision's way)
 * gives the right value but NaN gradients where 1 - p_t underflows to 0 and gamma < 1
 * (kornia#918), or gamma is the float 0.0 in JAX (optax#1267).
 */

/** Variables: the function's arguments and the names of earlier steps. */
export type FocalVariable = 'inputs' | 'targets' | 'alpha' | 'gamma' | 'ce' | 'log_q' | 'loss' | 'alpha_t';

/** Functions, each mapped to one framework primitive by the renderer. */
export type FocalFunction =
  /** Elementwise -y log sigmoid(x) - (1 - y) log(1 - sigmoid(x)), from logits x and targets y. */
  | 'bceWithLogits'
  /** log sigmoid(x) without overflow. */
  | 'logSigmoid'
  /** log(exp(a) + exp(b)), exact when a term is -inf. */
  | 'logAddExp'
  | 'log'
  | 'log1p'
  | 'exp';

export type FocalExpr =
  | { readonly kind: 'var'; readonly name: FocalVariable }
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'neg'; readonly operand: FocalExpr }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*'; readonly left: FocalExpr; readonly right: FocalExpr }
  | { readonly kind: 'call'; readonly fn: FocalFunction; readonly args: readonly FocalExpr[] };

export interface FocalStep {
  readonly assign: FocalVariable;
  readonly expr: FocalExpr;
  /** Why the step is written this way: printed as a comment above it. */
  readonly comment: string;
  /** Only when alpha weighting is on (alpha >= 0, torchvision's convention). */
  readonly whenAlphaOn?: true;
}

const v = (name: FocalVariable): FocalExpr => ({ kind: 'var', name });
const num = (value: number): FocalExpr => ({ kind: 'num', value });
const neg = (operand: FocalExpr): FocalExpr => ({ kind: 'neg', operand });
const add = (left: FocalExpr, right: FocalExpr): FocalExpr => ({ kind: 'binary', op: '+', left, right });
const sub = (left: FocalExpr, right: FocalExpr): FocalExpr => ({ kind: 'binary', op: '-', left, right });
const mul = (left: FocalExpr, right: FocalExpr): FocalExpr => ({ kind: 'binary', op: '*', left, right });
const call = (fn: FocalFunction, ...args: FocalExpr[]): FocalExpr => ({ kind: 'call', fn, args });

/** FL = alpha_t (1 - p_t)^gamma CE(p, y), elementwise, from logits and (soft) targets in [0, 1]. */
export const FOCAL_STEPS: readonly FocalStep[] = [
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

/** Numbers the steps can be evaluated over: plain numbers here, dual numbers in the gradient tests. */
export interface FocalAlgebra<T> {
  constant(value: number): T;
  neg(a: T): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  apply(fn: FocalFunction, args: readonly T[]): T;
}

/** The value of "loss" after the steps, with `inputs`, `targets`, `alpha` and `gamma` given in `algebra`. */
export function evaluateFocalStepsWith<T>(
  algebra: FocalAlgebra<T>,
  args: Readonly<Record<'inputs' | 'targets' | 'alpha' | 'gamma', T>>,
  alphaOn: boolean,
  steps: readonly FocalStep[] = FOCAL_STEPS,
): T {
  const env = new Map<FocalVariable, T>(Object.entries(args) as [FocalVariable, T][]);
  const evaluate = (expr: FocalExpr): T => {
    switch (expr.kind) {
      case 'var': {
        const value = env.get(expr.name);
        if (value === undefined) throw new Error(`"${expr.name}" is used before it is assigned`);
        return value;
      }
      case 'num':
        return algebra.constant(expr.value);
      case 'neg':
        return algebra.neg(evaluate(expr.operand));
      case 'binary': {
        const a = evaluate(expr.left);
        const b = evaluate(expr.right);
        return expr.op === '+' ? algebra.add(a, b) : expr.op === '-' ? algebra.sub(a, b) : algebra.mul(a, b);
      }
      case 'call':
        return algebra.apply(expr.fn, expr.args.map(evaluate));
    }
  };
  for (const step of steps) {
    if (step.whenAlphaOn && !alphaOn) continue;
    env.set(step.assign, evaluate(step.expr));
  }
  const loss = env.get('loss');
  if (loss === undefined) throw new Error('the focal steps never assign "loss"');
  return loss;
}

/** What each primitive computes, as its framework documents it. */
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
export function evaluateFocalSteps(x: number, y: number, alpha: number, gamma: number, steps: readonly FocalStep[] = FOCAL_STEPS): number {
  return evaluateFocalStepsWith(NUMBERS, { inputs: x, targets: y, alpha, gamma }, alpha >= 0, steps);
}
