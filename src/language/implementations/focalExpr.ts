/*
 * The tiny expression language the "Insert Focal Loss Implementation" snippets are written in: a
 * focal loss is a list of steps (sigmoidFocalFormula.ts, softmaxFocalFormula.ts), which
 * focalRender.ts prints as PyTorch, TensorFlow or JAX code and evaluateFocalStepsWith runs in
 * TypeScript, so the tests check the inserted code against the numeric core instead of trusting a
 * hand-written copy.
 */

/** Variables: the function's arguments and the names of earlier steps. */
export type FocalVariable =
  | 'inputs'
  | 'targets'
  | 'alpha'
  | 'gamma'
  | 'ce'
  | 'log_q'
  | 'loss'
  | 'alpha_t'
  | 'logit_t'
  | 'others'
  | 'logit_rest'
  | 'log_odds';

/** Functions, each mapped to one framework primitive by the renderer (focalVocabulary.ts). */
export type FocalFunction =
  /** Elementwise -y log sigmoid(x) - (1 - y) log(1 - sigmoid(x)), from logits x and targets y. */
  | 'bceWithLogits'
  /** log sigmoid(x) without overflow. */
  | 'logSigmoid'
  /** log(exp(a) + exp(b)), exact when a term is -inf. */
  | 'logAddExp'
  | 'log'
  | 'log1p'
  | 'exp'
  /** x[n, i[n]]: each row of x (N, C) at its class index i (N,). */
  | 'takeClass'
  /** x (N, C) with x[n, i[n]] set to -inf: the row without its class i[n], for a logsumexp. */
  | 'maskClass'
  /** log sum_c exp(x[n, c]) over the class axis of x (N, C), exact where entries are -inf. */
  | 'logSumExpOverClasses'
  /** v[i[n]]: a per-class vector v (C,) looked up at each sample's class index. */
  | 'lookUp';

export type FocalExpr =
  | { readonly kind: 'var'; readonly name: FocalVariable }
  | { readonly kind: 'num'; readonly value: number }
  | { readonly kind: 'neg'; readonly operand: FocalExpr }
  | { readonly kind: 'binary'; readonly op: '+' | '-' | '*'; readonly left: FocalExpr; readonly right: FocalExpr }
  | { readonly kind: 'call'; readonly fn: FocalFunction; readonly args: readonly FocalExpr[] };

export interface FocalStep {
  readonly assign: FocalVariable;
  readonly expr: FocalExpr;
  /** Why the step is written this way: printed as a comment above it, a line per "\n" ('' for none). */
  readonly comment: string;
  /** Only when alpha weighting is on; each model says what "on" means (FocalModelText.alphaOn, focalRender.ts). */
  readonly whenAlphaOn?: true;
}

export const v = (name: FocalVariable): FocalExpr => ({ kind: 'var', name });
export const num = (value: number): FocalExpr => ({ kind: 'num', value });
export const neg = (operand: FocalExpr): FocalExpr => ({ kind: 'neg', operand });
export const add = (left: FocalExpr, right: FocalExpr): FocalExpr => ({ kind: 'binary', op: '+', left, right });
export const sub = (left: FocalExpr, right: FocalExpr): FocalExpr => ({ kind: 'binary', op: '-', left, right });
export const mul = (left: FocalExpr, right: FocalExpr): FocalExpr => ({ kind: 'binary', op: '*', left, right });
export const call = (fn: FocalFunction, ...args: FocalExpr[]): FocalExpr => ({ kind: 'call', fn, args });

/** The values steps can be evaluated over: numbers, rows of class logits, dual numbers in the gradient tests. */
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
  steps: readonly FocalStep[],
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
