import { call, evaluateFocalStepsWith, mul, neg, sub, v } from './focalExpr';
import type { FocalAlgebra, FocalFunction, FocalStep } from './focalExpr';
import { applyFocalFunction } from './sigmoidFocalFormula';

/*
 * The softmax (multi-class) focal loss of the "Insert Focal Loss Implementation" snippets, as steps
 * of the expression language in focalExpr.ts; evaluateSoftmaxFocalSteps runs them on one sample's
 * row of class logits, for the tests to compare with the core's softmaxLoss('focal').
 *
 * Why not log_softmax: it gives log p_t as x_t - logsumexp(x), which rounds to exactly 0 for a
 * confident right prediction (a logit margin beyond ~17 in float32, ~37 in float64). Then
 * 1 - p_t = -expm1(log p_t) (or 1 - exp(log p_t)) is 0 and log(1 - p_t) is -inf: the modulation
 * exp(gamma log(1 - p_t)) is NaN for gamma = 0 and its gradient NaN for every gamma, and
 * (1 - p_t)^gamma has NaN gradients for gamma < 1 (the sigmoid loss's kornia#918, optax#1267).
 * Instead the steps use p_t = sigmoid(z), with z = x_t - logsumexp of the other classes' logits
 * (the target's log-odds against the rest): -log p_t and log(1 - p_t) are log-sigmoids of z, finite
 * with finite gradients for all finite logits, and exact where p_t is near 0 or 1, which log(sum)
 * of a sum near 1 is not.
 */

/** FL = alpha[y] (1 - p_t)^gamma (-log p_t) per sample, p = softmax(x), from logits (N, C) and class indices y (N,). */
export const SOFTMAX_FOCAL_STEPS: readonly FocalStep[] = [
  {
    assign: 'logit_t',
    expr: call('takeClass', v('inputs'), v('targets')),
    comment: "The target class's logit, and the others' logsumexp: the target set to -inf drops out.",
  },
  { assign: 'others', expr: call('maskClass', v('inputs'), v('targets')), comment: '' },
  { assign: 'logit_rest', expr: call('logSumExpOverClasses', v('others')), comment: '' },
  {
    assign: 'log_odds',
    expr: sub(v('logit_t'), v('logit_rest')),
    comment: 'p_t = softmax(x)[y] = sigmoid(log_odds), log_odds = x[y] - logsumexp(x[c] for c != y).',
  },
  {
    assign: 'ce',
    expr: neg(call('logSigmoid', v('log_odds'))),
    comment:
      'CE = -log(p_t) and log(1 - p_t) as log-sigmoids: exact, and finite where p_t rounds to 1\n' +
      '(where log_softmax gives log(p_t) = 0, and log(1 - exp(0)) = -inf has NaN gradients).',
  },
  { assign: 'log_q', expr: call('logSigmoid', neg(v('log_odds'))), comment: '' },
  {
    assign: 'loss',
    expr: mul(v('ce'), call('exp', mul(v('gamma'), v('log_q')))),
    comment: '(1 - p_t)^gamma as exp(gamma log(1 - p_t)): finite gradients for every gamma >= 0, 0 and 0.5 included.',
  },
  {
    assign: 'alpha_t',
    expr: call('lookUp', v('alpha'), v('targets')),
    comment: 'A sample of class c is weighted by alpha[c].',
    whenAlphaOn: true,
  },
  { assign: 'loss', expr: mul(v('alpha_t'), v('loss')), comment: '', whenAlphaOn: true },
];

/** A value of the softmax steps for one sample: a number (a class index, a per-sample value) or a row over the C classes. */
export type RowValue = number | readonly number[];

function asRow(value: RowValue, fn: FocalFunction): readonly number[] {
  if (typeof value === 'number') throw new Error(`${fn} needs a row over the classes, got the number ${value}`);
  return value;
}

function asClassIndex(value: RowValue, row: readonly number[], fn: FocalFunction): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= row.length) {
    throw new Error(`${fn} needs a class index in [0, ${row.length}), got ${String(value)}`);
  }
  return value;
}

/** Elementwise with broadcasting: a number against a row applies to every class. */
function elementwise(args: readonly RowValue[], f: (values: readonly number[]) => number): RowValue {
  const rows = args.filter((arg): arg is readonly number[] => typeof arg !== 'number');
  if (rows.length === 0) return f(args as readonly number[]);
  const classes = rows[0]!.length;
  if (rows.some((row) => row.length !== classes)) throw new Error('rows of different lengths');
  return Array.from({ length: classes }, (_, c) => f(args.map((arg) => (typeof arg === 'number' ? arg : arg[c]!))));
}

/** What each primitive computes on one sample, as the frameworks implement it (logsumexp as max + log(sum exp(x - max))). */
export function applyRowFunction(fn: FocalFunction, args: readonly RowValue[]): RowValue {
  switch (fn) {
    case 'takeClass': {
      const row = asRow(args[0]!, fn);
      return row[asClassIndex(args[1]!, row, fn)]!;
    }
    case 'maskClass': {
      const row = asRow(args[0]!, fn);
      const masked = [...row];
      masked[asClassIndex(args[1]!, row, fn)] = -Infinity;
      return masked;
    }
    case 'logSumExpOverClasses': {
      const row = asRow(args[0]!, fn);
      const max = Math.max(...row);
      if (!Number.isFinite(max)) return max; // all -inf, or an inf logit
      let sum = 0;
      for (const x of row) sum += Math.exp(x - max);
      return max + Math.log(sum);
    }
    case 'lookUp': {
      const weights = asRow(args[0]!, fn);
      return weights[asClassIndex(args[1]!, weights, fn)]!;
    }
    default:
      return elementwise(args, (values) => applyFocalFunction(fn, values));
  }
}

const binary = (f: (a: number, b: number) => number) => (a: RowValue, b: RowValue) => elementwise([a, b], ([x, y]) => f(x!, y!));

/** Arithmetic on numbers and rows, elementwise with broadcasting: the softmax steps on one sample. */
export const ROW_ALGEBRA: FocalAlgebra<RowValue> = {
  constant: (value) => value,
  neg: (a) => elementwise([a], ([x]) => -x!),
  add: binary((a, b) => a + b),
  sub: binary((a, b) => a - b),
  mul: binary((a, b) => a * b),
  apply: applyRowFunction,
};

/**
 * One sample's loss from the steps: `logits` over C classes, the class index `target`, `alpha` C
 * class weights or null (no weighting), evaluated with Math functions.
 */
export function evaluateSoftmaxFocalSteps(
  logits: readonly number[],
  target: number,
  alpha: readonly number[] | null,
  gamma: number,
  steps: readonly FocalStep[] = SOFTMAX_FOCAL_STEPS,
): number {
  const loss = evaluateFocalStepsWith(ROW_ALGEBRA, { inputs: logits, targets: target, alpha: alpha ?? [], gamma }, alpha !== null, steps);
  if (typeof loss !== 'number') throw new Error('the softmax focal steps give a row, not one loss per sample');
  return loss;
}
