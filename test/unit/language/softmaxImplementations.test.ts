import * as assert from 'node:assert/strict';
import { softmaxLoss } from '../../../src/core';
import { evaluateFocalStepsWith } from '../../../src/language/implementations/focalExpr';
import type { FocalAlgebra } from '../../../src/language/implementations/focalExpr';
import { renderFocalImplementation } from '../../../src/language/implementations/focalRender';
import { chooseImplementation } from '../../../src/language/implementations/implementationChoice';
import {
  ALL_FOCAL_IMPLEMENTATIONS,
  FOCAL_IMPLEMENTATIONS,
  SIGMOID_FOCAL_IMPLEMENTATIONS,
  SOFTMAX_FOCAL_IMPLEMENTATIONS,
  implementationAsPlainCode,
} from '../../../src/language/implementations';
import { applyFocalFunction } from '../../../src/language/implementations/sigmoidFocalFormula';
import { ROW_ALGEBRA, SOFTMAX_FOCAL_STEPS, applyRowFunction, evaluateSoftmaxFocalSteps } from '../../../src/language/implementations/softmaxFocalFormula';
import type { RowValue } from '../../../src/language/implementations/softmaxFocalFormula';
import { softmaxFocalText } from '../../../src/language/implementations/softmaxFocalText';
import { piecesToPlainCode } from '../../../src/language/implementations/snippetText';
import { pythonParseError, pythonWithNumpy, runWithShims } from './pythonShims';
import { relativeDifference, tabStopsOf } from './snippetSyntax';

const CLASSES = [2, 3, 10];
const GAMMAS = [0, 0.5, 1, 2, 5];

/** A deterministic spread of values in [-30, 30]: the same rows on every run. */
function pseudoRandomRow(classes: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: classes }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return Math.round((state / 2147483648) * 600 - 300) / 10;
  });
}

/** Rows of C logits with |x| <= 30: flat, ramps, one class far ahead, ties at the top, small and random values. */
function rowsFor(classes: number): number[][] {
  const ramp = Array.from({ length: classes }, (_, c) => -30 + (60 * c) / (classes - 1));
  return [
    new Array<number>(classes).fill(0),
    ramp,
    [...ramp].reverse(),
    ramp.map((_, c) => (c === 0 ? 30 : -30)),
    ramp.map((_, c) => (c === classes - 1 ? 12 : -1 + c / 10)),
    ramp.map((_, c) => (c < 2 ? 7 : -3)),
    ramp.map((_, c) => [-0.1, 0.3, 0, 0.05][c % 4]!),
    ...[1, 2, 3, 4].map((seed) => pseudoRandomRow(classes, seed * 7919 + classes)),
  ];
}

/** Rows where p_t rounds to 0 or 1 in float64: logits of +-1000. */
function extremeRowsFor(classes: number): number[][] {
  return [
    Array.from({ length: classes }, (_, c) => (c === 0 ? 1000 : -1000)),
    Array.from({ length: classes }, (_, c) => (c === 0 ? -1000 : 1000)),
    Array.from({ length: classes }, (_, c) => (c % 2 === 0 ? 1000 : -1000)),
    Array.from({ length: classes }, (_, c) => -1000 + (2000 * c) / (classes - 1)),
  ];
}

/** null: no weighting; else a weight per class, a zero weight included from C = 3 on. */
function alphasFor(classes: number): (number[] | null)[] {
  return [null, Array.from({ length: classes }, (_, c) => [0.25, 1, 0, 0.75, 2][c % 5]!)];
}

const range = (n: number) => Array.from({ length: n }, (_, c) => c);

describe('softmax focal formula (the steps every softmax snippet is rendered from)', () => {
  it('agrees with softmaxLoss("focal") to 1e-12 relative: C = 2, 3, 10, |x| up to 30, gamma 0 to 5, alpha none and per class, every target', () => {
    let cases = 0;
    for (const classes of CLASSES) {
      for (const row of rowsFor(classes)) {
        for (const target of range(classes)) {
          for (const gamma of GAMMAS) {
            for (const alpha of alphasFor(classes)) {
              const steps = evaluateSoftmaxFocalSteps(row, target, alpha, gamma);
              const core = softmaxLoss('focal', row, target, { gamma, classWeights: alpha });
              const diff = relativeDifference(steps, core);
              assert.ok(diff <= 1e-12, `C=${classes} row=${row} target=${target} gamma=${gamma} alpha=${alpha}: steps ${steps}, core ${core} (relative ${diff})`);
              cases++;
            }
          }
        }
      }
    }
    assert.equal(cases, CLASSES.reduce((n, c) => n + rowsFor(c).length * c * GAMMAS.length * 2, 0));
  });

  it('is finite and agrees with the core at logits of +-1000, where p_t rounds to 0 or 1, gamma 0 and 0.5 included', () => {
    for (const classes of CLASSES) {
      for (const row of extremeRowsFor(classes)) {
        for (const target of range(classes)) {
          for (const gamma of [0, 0.5, 2]) {
            for (const alpha of alphasFor(classes)) {
              const loss = evaluateSoftmaxFocalSteps(row, target, alpha, gamma);
              const what = `row=${row} target=${target} gamma=${gamma} alpha=${alpha}: ${loss}`;
              assert.ok(Number.isFinite(loss) && loss >= 0, what);
              assert.ok(relativeDifference(loss, softmaxLoss('focal', row, target, { gamma, classWeights: alpha })) <= 1e-12, what);
            }
          }
        }
      }
    }
  });

  it('is the softmax cross-entropy, class-weighted, at gamma = 0', () => {
    for (const classes of CLASSES) {
      for (const row of rowsFor(classes)) {
        for (const target of range(classes)) {
          for (const alpha of alphasFor(classes)) {
            const steps = evaluateSoftmaxFocalSteps(row, target, alpha, 0);
            assert.ok(relativeDifference(steps, softmaxLoss('ce', row, target, { classWeights: alpha })) <= 1e-12);
          }
        }
      }
    }
  });

  it('takes log(1 - p_t) from a log-sigmoid of the log-odds: no log_softmax, no power, no 1 - p_t', () => {
    const text = JSON.stringify(SOFTMAX_FOCAL_STEPS);
    assert.match(text, /"fn":"exp"/);
    assert.match(text, /"fn":"logSigmoid"/);
    assert.doesNotMatch(text, /pow|log1p|"fn":"log"/);
    assert.doesNotMatch(text, /"kind":"num"/, 'no constant: nothing like 1 - p_t');
  });

  it('the row evaluator refuses what the steps could not mean: a class index out of range, a number for a row', () => {
    assert.throws(() => evaluateSoftmaxFocalSteps([1, 2, 3], 3, null, 2), /class index in \[0, 3\)/);
    assert.throws(() => applyRowFunction('logSumExpOverClasses', [1]), /needs a row/);
    assert.throws(() => applyFocalFunction('takeClass', [1, 0]), /rows of class logits/);
    assert.deepEqual(ROW_ALGEBRA.mul([1, 2], 3), [3, 6]);
  });
});

/** A value and its derivative with respect to one logit, both numbers or rows over the classes. */
interface RowDual {
  readonly v: RowValue;
  readonly d: RowValue;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));
/** A derivative that is symbolically zero (a constant's): 0 * Infinity never happens on it. */
const isZero = (d: RowValue) => (typeof d === 'number' ? d === 0 : d.every((x) => x === 0));
const scalar = (value: RowValue) => {
  if (typeof value !== 'number') throw new Error('a row where a number was expected');
  return value;
};

/**
 * Forward-mode differentiation with the frameworks' rules: the targets and alpha are constants; a
 * masked class gets derivative 0 (scatter / where pass nothing to it); logsumexp weighs each class by
 * exp(x_c - result), 0 for a -inf class (torch.logsumexp's backward, jax's and tf's stop-gradient max).
 */
const ROW_DUALS: FocalAlgebra<RowDual> = {
  constant: (v) => ({ v, d: 0 }),
  neg: (a) => ({ v: ROW_ALGEBRA.neg(a.v), d: ROW_ALGEBRA.neg(a.d) }),
  add: (a, b) => ({ v: ROW_ALGEBRA.add(a.v, b.v), d: ROW_ALGEBRA.add(a.d, b.d) }),
  sub: (a, b) => ({ v: ROW_ALGEBRA.sub(a.v, b.v), d: ROW_ALGEBRA.sub(a.d, b.d) }),
  mul: (a, b) => ({
    v: ROW_ALGEBRA.mul(a.v, b.v),
    d: ROW_ALGEBRA.add(isZero(a.d) ? 0 : ROW_ALGEBRA.mul(a.d, b.v), isZero(b.d) ? 0 : ROW_ALGEBRA.mul(a.v, b.d)),
  }),
  apply: (fn, args) => {
    const v = applyRowFunction(fn, args.map((arg) => arg.v));
    const [a, b] = args as [RowDual, RowDual];
    switch (fn) {
      case 'takeClass':
        return { v, d: isZero(a.d) ? 0 : applyRowFunction('takeClass', [a.d, b.v]) };
      case 'maskClass': {
        if (isZero(a.d)) return { v, d: 0 };
        const d = [...(a.d as readonly number[])];
        d[scalar(b.v)] = 0;
        return { v, d };
      }
      case 'logSumExpOverClasses': {
        if (isZero(a.d)) return { v, d: 0 };
        const x = a.v as readonly number[];
        const dx = a.d as readonly number[];
        let d = 0;
        x.forEach((xc, c) => {
          if (dx[c] !== 0) d += Math.exp(xc - scalar(v)) * dx[c]!;
        });
        return { v, d };
      }
      case 'lookUp':
        return { v, d: 0 }; // alpha is a constant
      case 'logSigmoid':
        return { v, d: isZero(a.d) ? 0 : sigmoid(-scalar(a.v)) * scalar(a.d) };
      case 'exp':
        return { v, d: isZero(a.d) ? 0 : scalar(v) * scalar(a.d) };
      default:
        throw new Error(`${fn} is not a softmax step`);
    }
  },
};

describe('softmax focal formula gradients (autograd through the same steps)', () => {
  it('are finite and agree with softmaxLoss("focal") gradients to 1e-10 relative, |x| up to 30 and at +-1000, gamma 0 and 0.5 included', () => {
    for (const classes of CLASSES) {
      for (const row of [...rowsFor(classes), ...extremeRowsFor(classes)]) {
        for (const target of range(classes)) {
          for (const gamma of GAMMAS) {
            for (const alpha of alphasFor(classes)) {
              const core = new Float64Array(classes);
              softmaxLoss('focal', row, target, { gamma, classWeights: alpha }, core);
              for (const k of range(classes)) {
                const seed = range(classes).map((c) => (c === k ? 1 : 0));
                const c = (value: RowValue) => ({ v: value, d: 0 });
                const { d } = evaluateFocalStepsWith(ROW_DUALS, { inputs: { v: row, d: seed }, targets: c(target), alpha: c(alpha ?? []), gamma: c(gamma) }, alpha !== null, SOFTMAX_FOCAL_STEPS);
                const grad = scalar(d);
                const what = `row=${row} target=${target} gamma=${gamma} alpha=${alpha} d/dx[${k}]: autograd ${grad}, core ${core[k]}`;
                assert.ok(Number.isFinite(grad), what);
                // Relative throughout: the terms of each derivative share a sign, so nothing cancels.
                assert.ok(Math.abs(grad - core[k]!) <= 1e-10 * Math.abs(core[k]!), what);
              }
            }
          }
        }
      }
    }
  });
});

describe('SOFTMAX_FOCAL_IMPLEMENTATIONS', () => {
  it('offers PyTorch, TensorFlow and JAX, with ids <framework>-softmax', () => {
    assert.deepEqual(
      SOFTMAX_FOCAL_IMPLEMENTATIONS.map((i) => i.id),
      ['pytorch-softmax', 'tensorflow-softmax', 'jax-softmax'],
    );
    for (const implementation of SOFTMAX_FOCAL_IMPLEMENTATIONS) {
      assert.equal(implementation.model, 'softmax');
      assert.match(implementation.label, / · softmax \(multi-class\)$/);
      assert.ok(implementation.detail.length > 0);
    }
  });

  const PRIMITIVES: Record<string, string[]> = {
    pytorch: [
      'import torch.nn.functional as F',
      'targets = targets.long()',
      'logit_t = inputs.gather(1, targets.unsqueeze(1)).squeeze(1)',
      'others = inputs.scatter(1, targets.unsqueeze(1), float("-inf"))',
      'logit_rest = torch.logsumexp(others, dim=1)',
      'ce = -F.logsigmoid(log_odds)',
      'log_q = F.logsigmoid(-log_odds)',
      'torch.exp(gamma * log_q)',
      'alpha = torch.as_tensor(alpha, dtype=inputs.dtype, device=inputs.device)',
      'alpha_t = alpha[targets]',
      'loss.mean()',
      'loss.sum()',
    ],
    tensorflow: [
      'import tensorflow as tf',
      'logit_t = tf.gather(logits, labels, batch_dims=1)',
      'tf.one_hot(labels, tf.shape(logits)[1], on_value=True, off_value=False)',
      'tf.constant(float("-inf"), logits.dtype)',
      'logit_rest = tf.reduce_logsumexp(others, axis=1)',
      'ce = -tf.math.log_sigmoid(log_odds)',
      'log_q = tf.math.log_sigmoid(-log_odds)',
      'tf.math.exp(gamma * log_q)',
      'alpha = tf.cast(tf.convert_to_tensor(alpha, dtype_hint=logits.dtype), logits.dtype)',
      'alpha_t = tf.gather(alpha, labels)',
      'tf.reduce_mean(loss)',
      'tf.reduce_sum(loss)',
    ],
    jax: [
      'import jax.numpy as jnp',
      'logit_t = jnp.take_along_axis(logits, labels[:, None], axis=1)[:, 0]',
      'others = jnp.where(jax.nn.one_hot(labels, logits.shape[1], dtype=bool), -jnp.inf, logits)',
      'logit_rest = jax.nn.logsumexp(others, axis=1)',
      'ce = -jax.nn.log_sigmoid(log_odds)',
      'log_q = jax.nn.log_sigmoid(-log_odds)',
      'jnp.exp(gamma * log_q)',
      'alpha = jnp.asarray(alpha, dtype=logits.dtype)',
      'alpha_t = alpha[labels]',
      'jnp.mean(loss)',
      'jnp.sum(loss)',
    ],
  };

  for (const implementation of SOFTMAX_FOCAL_IMPLEMENTATIONS) {
    describe(implementation.label, () => {
      const code = implementationAsPlainCode(implementation);

      it('has tab stops ${1:None} for alpha, ${2:2.0} for gamma and a final $0, and nothing else unescaped', () => {
        const { stops, finalStops } = tabStopsOf(implementation.snippet);
        assert.deepEqual(stops, ['1:None', '2:2.0']);
        assert.equal(finalStops, 1);
        assert.match(implementation.snippet, /alpha: Optional\[Union\[Sequence\[float\], [\w.]+\]\] = \$\{1:None\}/);
        assert.match(implementation.snippet, /gamma: float = \$\{2:2\.0\}/);
      });

      it('reads back to exactly the rendered code (escaping round-trips)', () => {
        assert.equal(code, piecesToPlainCode(renderFocalImplementation(implementation.framework, softmaxFocalText(implementation.framework))));
        assert.match(code, /^from typing import Optional, Sequence, Union\n/);
        assert.match(code, /\n\n\ndef softmax_focal_loss\(\n/);
        assert.match(code, /\{reduction!r\}/, 'the f-string braces survive');
      });

      it('states its contract: the paper, logits (N, C), integer class targets, alpha None or per class, mean by default', () => {
        assert.match(code, /Lin et al\., "Focal Loss for Dense Object Detection", ICCV 2017, arXiv:1708\.02002/);
        assert.match(code, /kornia\.losses\.focal_loss\(alpha=None, weight=alpha\)/);
        assert.match(code, /logits, shape \(N, C\)/);
        assert.match(code, /class indices in \[0, C\), shape \(N,\)/);
        assert.match(code, /a sample of class c is weighted by alpha\[c\]/);
        assert.match(code, /if alpha is not None:/);
        assert.match(code, /reduction: str = "mean"/);
        assert.match(code, /raise ValueError/);
      });

      it(`uses the framework's stable primitives`, () => {
        for (const primitive of PRIMITIVES[implementation.framework]!) assert.ok(code.includes(primitive), `${primitive} in\n${code}`);
      });

      it('never takes log_softmax, softmax or a power, nor computes p_t or 1 - p_t (NaN gradients where p_t rounds to 1)', () => {
        const statements = code.replace(/"""[\s\S]*?"""/, '').replace(/#.*$/gm, '');
        assert.doesNotMatch(statements, /log_softmax|softmax\(|\*\*|pow\(|expm1|log1p/);
        assert.doesNotMatch(statements, /^\s*(p|p_t|q) = /m);
      });

      it('prints every step of the formula, in order', () => {
        let from = 0;
        for (const step of SOFTMAX_FOCAL_STEPS) {
          const at = code.indexOf(`${step.assign} = `, from);
          assert.ok(at >= 0, `step ${step.assign} after offset ${from}`);
          from = at + 1;
        }
      });
    });
  }
});

describe('ALL_FOCAL_IMPLEMENTATIONS (the quick pick)', () => {
  it('lists six, each framework sigmoid then softmax, with distinct ids and labels', () => {
    assert.deepEqual(
      ALL_FOCAL_IMPLEMENTATIONS.map((i) => i.label),
      [
        'PyTorch · sigmoid (binary / multi-label)',
        'PyTorch · softmax (multi-class)',
        'TensorFlow · sigmoid (binary / multi-label)',
        'TensorFlow · softmax (multi-class)',
        'JAX · sigmoid (binary / multi-label)',
        'JAX · softmax (multi-class)',
      ],
    );
    assert.equal(new Set(ALL_FOCAL_IMPLEMENTATIONS.map((i) => i.id)).size, 6);
    assert.equal(new Set(ALL_FOCAL_IMPLEMENTATIONS.map((i) => i.detail)).size, 6);
  });

  it('keeps FOCAL_IMPLEMENTATIONS the sigmoid ones, as callers of {framework} alone expect', () => {
    assert.equal(FOCAL_IMPLEMENTATIONS, SIGMOID_FOCAL_IMPLEMENTATIONS);
  });
});

describe('chooseImplementation (the command argument)', () => {
  const inserted = (request: object) => {
    const choice = chooseImplementation(request);
    assert.ok(choice.kind === 'insert', JSON.stringify(choice));
    return choice.implementation.id;
  };

  it('inserts the sigmoid implementation for {framework} alone, as before the softmax ones', () => {
    assert.equal(inserted({ framework: 'pytorch' }), 'pytorch');
    assert.equal(inserted({ framework: 'jax' }), 'jax');
  });

  it('inserts the one {framework, model} names', () => {
    assert.equal(inserted({ framework: 'pytorch', model: 'softmax' }), 'pytorch-softmax');
    assert.equal(inserted({ framework: 'tensorflow', model: 'softmax' }), 'tensorflow-softmax');
    assert.equal(inserted({ framework: 'tensorflow', model: 'sigmoid' }), 'tensorflow');
  });

  it('asks with all six without an argument, and with that model\'s three for {model} alone', () => {
    const all = chooseImplementation({});
    assert.ok(all.kind === 'pick');
    assert.deepEqual(all.candidates.map((i) => i.id), ALL_FOCAL_IMPLEMENTATIONS.map((i) => i.id));
    assert.equal(all.candidates.length, 6);
    const softmax = chooseImplementation({ model: 'softmax' });
    assert.ok(softmax.kind === 'pick');
    assert.deepEqual(softmax.candidates.map((i) => i.id), ['pytorch-softmax', 'tensorflow-softmax', 'jax-softmax']);
  });

  it('refuses unknown values with what it accepts', () => {
    const refusal = (request: object) => {
      const choice = chooseImplementation(request);
      assert.ok(choice.kind === 'refuse', JSON.stringify(choice));
      return choice.message;
    };
    assert.equal(refusal({ framework: 'keras' }), 'no implementation for framework "keras"; choose pytorch, tensorflow, jax.');
    assert.equal(refusal({ framework: 'pytorch', model: 'multiclass' }), 'no focal loss model "multiclass"; choose sigmoid or softmax.');
    assert.equal(refusal({ framework: 'pytorch-softmax' }), 'no implementation for framework "pytorch-softmax"; choose pytorch, tensorflow, jax.');
    assert.match(refusal({ framework: 3, model: null }), /framework 3;.*model null;/);
  });
});

/** Calls each printed softmax_focal_loss on batches of rows, with every reduction, the defaults and a bad reduction. */
const SOFTMAX_DRIVER = String.raw`
def run(code, framework, batches):
    fn = define(code, 'softmax_focal_loss')
    out = []
    for b in batches:
        logits = np.array(b['logits'], dtype=np.float64)
        labels = np.array(b['labels'], dtype=np.int64)
        if framework == 'pytorch':
            logits, labels = logits.view(Tensor), labels.view(Tensor)
        kw = dict(alpha=b['alpha'], gamma=b['gamma'])
        out.append({'none': [float(v) for v in fn(logits, labels, reduction='none', **kw)],
                    'mean': float(fn(logits, labels, reduction='mean', **kw)),
                    'sum': float(fn(logits, labels, reduction='sum', **kw)),
                    'defaults': float(fn(logits, labels))})
    try:
        fn(logits, labels, reduction='avg')
        refused = None
    except ValueError as error:
        refused = str(error)
    return {'batches': out, 'refused': refused}

print(json.dumps({f: run(code, f, request['batches']) for f, code in request['code'].items()}))
`;

interface Batch {
  readonly logits: number[][];
  readonly labels: number[];
  readonly alpha: number[] | null;
  readonly gamma: number;
}

interface BatchResult {
  readonly none: number[];
  readonly mean: number;
  readonly sum: number;
  readonly defaults: number;
}

describe('SOFTMAX_FOCAL_IMPLEMENTATIONS run as Python (NumPy stand-ins for the primitives)', function () {
  this.timeout(60_000);

  it('every framework agrees with softmaxLoss("focal") per sample, in "mean" and "sum" and with its defaults, to 1e-12 relative, logits of +-1000 included', function () {
    if (!pythonWithNumpy()) this.skip();
    const batches: Batch[] = [];
    for (const classes of CLASSES) {
      const rows = [...rowsFor(classes), ...extremeRowsFor(classes)];
      const logits = rows.flatMap((row) => range(classes).map(() => row));
      const labels = rows.flatMap(() => range(classes));
      for (const gamma of GAMMAS) for (const alpha of alphasFor(classes)) batches.push({ logits, labels, alpha, gamma });
    }
    const code = Object.fromEntries(SOFTMAX_FOCAL_IMPLEMENTATIONS.map((i) => [i.framework, implementationAsPlainCode(i)]));
    const results = runWithShims(SOFTMAX_DRIVER, { batches, code }) as Record<string, { batches: BatchResult[]; refused: string | null }>;
    for (const implementation of SOFTMAX_FOCAL_IMPLEMENTATIONS) {
      const result = results[implementation.framework]!;
      assert.equal(result.refused, "reduction must be 'none', 'mean' or 'sum', got 'avg'");
      batches.forEach((batch, b) => {
        const got = result.batches[b]!;
        const core = batch.logits.map((row, n) => softmaxLoss('focal', row, batch.labels[n]!, { gamma: batch.gamma, classWeights: batch.alpha }));
        const where = `${implementation.id} C=${batch.logits[0]!.length} gamma=${batch.gamma} alpha=${batch.alpha}`;
        assert.equal(got.none.length, core.length, where);
        got.none.forEach((value, n) => {
          const diff = relativeDifference(value, core[n]!);
          assert.ok(Number.isFinite(value) && diff <= 1e-12, `${where} row=${batch.logits[n]} target=${batch.labels[n]}: python ${value}, core ${core[n]}`);
        });
        const sum = core.reduce((s, x) => s + x, 0);
        assert.ok(relativeDifference(got.sum, sum) <= 1e-12, `${where} sum: ${got.sum} vs ${sum}`);
        assert.ok(relativeDifference(got.mean, sum / core.length) <= 1e-12, `${where} mean: ${got.mean} vs ${sum / core.length}`);
        const defaults = batch.logits.map((row, n) => softmaxLoss('focal', row, batch.labels[n]!, { gamma: 2 })).reduce((s, x) => s + x, 0) / core.length;
        assert.ok(relativeDifference(got.defaults, defaults) <= 1e-12, `${where} defaults (alpha None, gamma 2, mean): ${got.defaults} vs ${defaults}`);
      });
    }
  });

  it('is valid Python that Python itself parses', function () {
    if (!pythonWithNumpy()) this.skip();
    for (const implementation of SOFTMAX_FOCAL_IMPLEMENTATIONS) {
      assert.equal(pythonParseError(implementationAsPlainCode(implementation)), null, implementation.id);
    }
  });
});
