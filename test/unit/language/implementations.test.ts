import * as assert from 'node:assert/strict';
import { gradFromLogit, lossFromLogit } from '../../../src/core';
import { evaluateFocalStepsWith } from '../../../src/language/implementations/focalExpr';
import type { FocalAlgebra } from '../../../src/language/implementations/focalExpr';
import { renderFocalImplementation } from '../../../src/language/implementations/focalRender';
import { SIGMOID_FOCAL_IMPLEMENTATIONS, implementationAsPlainCode, snippetToPlainCode } from '../../../src/language/implementations';
import { SIGMOID_FOCAL_STEPS, applyFocalFunction, evaluateSigmoidFocalSteps } from '../../../src/language/implementations/sigmoidFocalFormula';
import { sigmoidFocalText } from '../../../src/language/implementations/sigmoidFocalText';
import { escapeSnippetText, piecesToPlainCode, piecesToSnippet } from '../../../src/language/implementations/snippetText';
import { pythonParseError, pythonWithNumpy, runWithShims } from './pythonShims';
import { relativeDifference, tabStopsOf } from './snippetSyntax';

const LOGITS = [-30, -12, -3, -1, -0.1, 0, 0.3, 2, 7, 30];
const TARGETS = [0, 1, 0.3, 0.5, 0.85];
const GAMMAS = [0, 0.5, 1, 1.5, 2, 5];
/** -1: alpha weighting off (torchvision's alpha < 0). */
const ALPHAS = [-1, 0, 0.25, 0.75, 1];

describe('sigmoid focal formula (the steps every sigmoid snippet is rendered from)', () => {
  it('agrees with lossFromLogit("focal") to 1e-12 relative, |x| up to 30, soft targets, gamma 0 to 5, alpha off', () => {
    let cases = 0;
    let worst = 0;
    for (const x of LOGITS) {
      for (const y of TARGETS) {
        for (const gamma of GAMMAS) {
          for (const alpha of ALPHAS) {
            const steps = evaluateSigmoidFocalSteps(x, y, alpha, gamma);
            const core = lossFromLogit('focal', x, y, { alpha: alpha < 0 ? null : alpha, gamma });
            const diff = relativeDifference(steps, core);
            worst = Math.max(worst, diff);
            assert.ok(diff <= 1e-12, `x=${x} y=${y} gamma=${gamma} alpha=${alpha}: steps ${steps}, core ${core} (relative ${diff})`);
            cases++;
          }
        }
      }
    }
    assert.equal(cases, LOGITS.length * TARGETS.length * GAMMAS.length * ALPHAS.length);
  });

  it('is finite where 1 - p_t underflows (x = -800 with y = 0, x = 800 with y = 1), gamma 0 and 0.5 included', () => {
    for (const [x, y] of [[800, 1], [-800, 0], [800, 0], [-800, 1]] as const) {
      for (const gamma of [0, 0.5, 2]) {
        const loss = evaluateSigmoidFocalSteps(x, y, 0.25, gamma);
        assert.ok(Number.isFinite(loss) && loss >= 0, `x=${x} y=${y} gamma=${gamma}: ${loss}`);
        assert.ok(relativeDifference(loss, lossFromLogit('focal', x, y, { alpha: 0.25, gamma })) <= 1e-12);
      }
    }
  });

  it('does not raise 1 - p_t to a power: the modulation is exp(gamma * log(1 - p_t))', () => {
    const text = JSON.stringify(SIGMOID_FOCAL_STEPS);
    assert.match(text, /"fn":"exp"/);
    assert.doesNotMatch(text, /pow/);
  });
});

/** A value and its derivative with respect to the logit. */
interface Dual {
  readonly v: number;
  readonly d: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Forward-mode differentiation with the frameworks' rules: a constant (the targets) has a symbolic
 * zero derivative, so log(0) of a hard target never meets 0 / 0; logaddexp weighs each side by
 * exp(side - result), 0 for a -inf side (JAX's custom JVP; PyTorch's grad / (1 + exp(other - self))).
 */
const DUALS: FocalAlgebra<Dual> = {
  constant: (v) => ({ v, d: 0 }),
  neg: (a) => ({ v: -a.v, d: -a.d }),
  add: (a, b) => ({ v: a.v + b.v, d: a.d + b.d }),
  sub: (a, b) => ({ v: a.v - b.v, d: a.d - b.d }),
  mul: (a, b) => ({ v: a.v * b.v, d: (a.d === 0 ? 0 : a.d * b.v) + (b.d === 0 ? 0 : a.v * b.d) }),
  apply: (fn, args) => {
    const v = applyFocalFunction(fn, args.map((arg) => arg.v));
    const [a, b] = args as [Dual, Dual];
    let d: number;
    switch (fn) {
      case 'bceWithLogits':
        d = (sigmoid(a.v) - b.v) * a.d; // the targets are constants
        break;
      case 'logSigmoid':
        d = sigmoid(-a.v) * a.d;
        break;
      case 'logAddExp':
        d = (a.d === 0 ? 0 : a.d * Math.exp(a.v - v)) + (b.d === 0 ? 0 : b.d * Math.exp(b.v - v));
        break;
      case 'log':
        d = a.d === 0 ? 0 : a.d / a.v;
        break;
      case 'log1p':
        d = a.d === 0 ? 0 : a.d / (1 + a.v);
        break;
      case 'exp':
        d = a.d === 0 ? 0 : v * a.d;
        break;
      default:
        throw new Error(`${fn} is not a sigmoid step`);
    }
    return { v, d };
  },
};

describe('sigmoid focal formula gradients (autograd through the same steps)', () => {
  it('are finite and agree with gradFromLogit("focal") to 1e-9, gamma 0 and 0.5 at |x| = 30 and 800 included', () => {
    for (const x of [...LOGITS, -800, 800]) {
      for (const y of TARGETS) {
        for (const gamma of GAMMAS) {
          for (const alpha of ALPHAS) {
            const c = (value: number) => ({ v: value, d: 0 });
            const { d } = evaluateFocalStepsWith(DUALS, { inputs: { v: x, d: 1 }, targets: c(y), alpha: c(alpha), gamma: c(gamma) }, alpha >= 0, SIGMOID_FOCAL_STEPS);
            const core = gradFromLogit('focal', x, y, { alpha: alpha < 0 ? null : alpha, gamma });
            const what = `x=${x} y=${y} gamma=${gamma} alpha=${alpha}: autograd ${d}, core ${core}`;
            assert.ok(Number.isFinite(d), what);
            // Soft targets have a zero of the gradient, where both sides cancel: an absolute floor.
            assert.ok(Math.abs(d - core) <= 1e-9 * Math.max(Math.abs(core), 1e-6), what);
          }
        }
      }
    }
  });
});

describe('snippet text', () => {
  it('escapes $, } and backslash and reads them back', () => {
    const code = 'a = f"{x!r}" + "$HOME" + "\\\\n"';
    const snippet = piecesToSnippet([code, { tabStop: 1, placeholder: '0.25' }, '}']);
    assert.equal(snippet, 'a = f"{x!r\\}" + "\\$HOME" + "\\\\\\\\n"${1:0.25}\\}');
    assert.equal(snippetToPlainCode(snippet), `${code}0.25}`);
    assert.equal(escapeSnippetText('${1}'), '\\${1\\}');
  });

  it('reads tab stops: ${1:default}, nested placeholders, $0, ${2} and choices', () => {
    assert.equal(snippetToPlainCode('x = ${1:0.25} + ${2:a ${3:b}} $0${4}${5|one,two|}'), 'x = 0.25 + a b one');
  });
});

describe('SIGMOID_FOCAL_IMPLEMENTATIONS', () => {
  it('offers PyTorch, TensorFlow and JAX, under their framework names as ids', () => {
    assert.deepEqual(
      SIGMOID_FOCAL_IMPLEMENTATIONS.map((i) => i.id),
      ['pytorch', 'tensorflow', 'jax'],
    );
    for (const implementation of SIGMOID_FOCAL_IMPLEMENTATIONS) {
      assert.equal(implementation.model, 'sigmoid');
      assert.equal(implementation.framework, implementation.id);
      assert.match(implementation.label, / · sigmoid \(binary \/ multi-label\)$/);
      assert.ok(implementation.detail.length > 0);
    }
  });

  const PRIMITIVES: Record<string, string[]> = {
    pytorch: ['import torch.nn.functional as F', 'F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")', 'F.logsigmoid(', 'torch.logaddexp(', 'torch.exp(gamma * log_q)', 'loss.mean()', 'loss.sum()'],
    tensorflow: ['import tensorflow as tf', 'tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits)', 'tf.math.log_sigmoid(', 'tf.reduce_logsumexp(tf.stack([', 'tf.math.exp(gamma * log_q)', 'tf.reduce_mean(loss)', 'tf.reduce_sum(loss)'],
    jax: ['import optax', 'optax.sigmoid_binary_cross_entropy(logits, labels)', 'jax.nn.log_sigmoid(', 'jnp.logaddexp(', 'jnp.exp(gamma * log_q)', 'jnp.mean(loss)', 'jnp.sum(loss)'],
  };

  for (const implementation of SIGMOID_FOCAL_IMPLEMENTATIONS) {
    describe(implementation.label, () => {
      const code = implementationAsPlainCode(implementation);

      it('has tab stops ${1:0.25} for alpha, ${2:2.0} for gamma and a final $0, and nothing else unescaped', () => {
        const { stops, finalStops } = tabStopsOf(implementation.snippet);
        assert.deepEqual(stops, ['1:0.25', '2:2.0']);
        assert.equal(finalStops, 1);
        assert.match(implementation.snippet, /alpha: float = \$\{1:0\.25\}/);
        assert.match(implementation.snippet, /gamma: float = \$\{2:2\.0\}/);
      });

      it('reads back to exactly the rendered code (escaping round-trips)', () => {
        assert.equal(code, piecesToPlainCode(renderFocalImplementation(implementation.framework, sigmoidFocalText(implementation.framework))));
        assert.match(code, /alpha: float = 0\.25,\n {4}gamma: float = 2\.0,/);
        assert.match(code, /\{reduction!r\}/, 'the f-string braces survive');
      });

      it('cites the paper and states torchvision semantics and the paper normalisation', () => {
        assert.match(code, /Lin et al\., "Focal Loss for Dense Object Detection", ICCV 2017, arXiv:1708\.02002/);
        assert.match(code, /torchvision\.ops\.sigmoid_focal_loss/);
        assert.match(code, /soft targets allowed/);
        assert.match(code, /alpha < 0 turns it off/);
        assert.match(code, /if alpha >= 0:/);
        assert.match(code, /max\(1, num_positives\)/);
        assert.match(code, /reduction: str = "none"/);
        assert.match(code, /raise ValueError/);
      });

      it(`uses the framework's stable primitives`, () => {
        for (const primitive of PRIMITIVES[implementation.framework]!) assert.ok(code.includes(primitive), `${primitive} in\n${code}`);
      });

      it('never computes 1 - p_t by subtraction or raises it to gamma (NaN gradients at gamma < 1, optax#1267)', () => {
        assert.doesNotMatch(code, /\*\*|pow\(/);
        assert.doesNotMatch(code, /^\s*(p|p_t|q) = /m, 'no p = sigmoid(x) or p_t: everything comes from log-sigmoids');
      });

      it('prints every step of the formula, in order', () => {
        let from = 0;
        for (const step of SIGMOID_FOCAL_STEPS) {
          const at = code.indexOf(`${step.assign} = `, from);
          assert.ok(at >= 0, `step ${step.assign} after offset ${from}`);
          from = at + 1;
        }
      });
    });
  }
});

/** Calls each printed sigmoid_focal_loss on one-element arrays, reduction="sum". */
const SIGMOID_DRIVER = String.raw`
def run(code, framework, grid):
    with np.errstate(divide='ignore'):
        fn = define(code, 'sigmoid_focal_loss')
        out = []
        for x, y, alpha, gamma in grid:
            xs = np.array([x], dtype=np.float64)
            ys = np.array([y], dtype=np.float64)
            if framework == 'pytorch':
                ys = ys.view(Tensor)
            out.append(float(fn(xs, ys, alpha=alpha, gamma=gamma, reduction="sum")))
    return out

print(json.dumps({f: run(code, f, request['grid']) for f, code in request['code'].items()}))
`;

describe('SIGMOID_FOCAL_IMPLEMENTATIONS run as Python (NumPy stand-ins for the primitives)', function () {
  this.timeout(30_000);

  it('every framework agrees with lossFromLogit("focal") to 1e-12 relative', function () {
    if (!pythonWithNumpy()) this.skip();
    const grid: [number, number, number, number][] = [];
    for (const x of LOGITS) for (const y of TARGETS) for (const gamma of GAMMAS) for (const alpha of ALPHAS) grid.push([x, y, alpha, gamma]);
    const code = Object.fromEntries(SIGMOID_FOCAL_IMPLEMENTATIONS.map((i) => [i.framework, implementationAsPlainCode(i)]));
    const results = runWithShims(SIGMOID_DRIVER, { grid, code }) as Record<string, number[]>;
    for (const implementation of SIGMOID_FOCAL_IMPLEMENTATIONS) {
      const values = results[implementation.framework]!;
      assert.equal(values.length, grid.length);
      grid.forEach(([x, y, alpha, gamma], k) => {
        const core = lossFromLogit('focal', x, y, { alpha: alpha < 0 ? null : alpha, gamma });
        const diff = relativeDifference(values[k]!, core);
        assert.ok(diff <= 1e-12, `${implementation.id} x=${x} y=${y} gamma=${gamma} alpha=${alpha}: python ${values[k]}, core ${core}`);
      });
    }
  });

  it('is valid Python that Python itself parses', function () {
    if (!pythonWithNumpy()) this.skip();
    for (const implementation of SIGMOID_FOCAL_IMPLEMENTATIONS) {
      assert.equal(pythonParseError(implementationAsPlainCode(implementation)), null, implementation.id);
    }
  });
});
