import type { FocalFunction } from './focalExpr';

/*
 * How each framework spells the expression language of focalExpr.ts: argument names, primitives
 * and reductions. Both focal models (sigmoid and softmax) print with the same vocabulary, so a
 * primitive is chosen once per framework.
 */

export type FocalFramework = 'pytorch' | 'tensorflow' | 'jax';

export const FOCAL_FRAMEWORKS: readonly FocalFramework[] = ['pytorch', 'tensorflow', 'jax'];

/**
 * How a framework spells a primitive. A call is `open` + arguments + `close` (a long statement puts
 * its arguments one per line); a template is anything else, such as a method call. Arguments passed
 * to `args` and `template` are parenthesised unless they are names, numbers or calls, so `x.dtype`
 * or `x[i]` stays right whatever x is.
 */
export type Primitive =
  | { readonly open: string; readonly close: string; readonly args?: (args: string[]) => string[] }
  | { readonly template: (args: string[]) => string };

export interface FocalVocabulary {
  readonly tensorType: string;
  /** Argument names for logits and targets, as the framework's own focal loss names them. */
  readonly inputs: string;
  readonly targets: string;
  readonly primitives: Readonly<Record<FocalFunction, Primitive>>;
  readonly mean: string;
  readonly sum: string;
}

export const FOCAL_VOCABULARIES: Readonly<Record<FocalFramework, FocalVocabulary>> = {
  pytorch: {
    tensorType: 'torch.Tensor',
    inputs: 'inputs',
    targets: 'targets',
    primitives: {
      bceWithLogits: { open: 'F.binary_cross_entropy_with_logits(', close: ')', args: (a) => [...a, 'reduction="none"'] },
      logSigmoid: { open: 'F.logsigmoid(', close: ')' },
      logAddExp: { open: 'torch.logaddexp(', close: ')' },
      log: { open: 'torch.log(', close: ')' },
      log1p: { open: 'torch.log1p(', close: ')' },
      exp: { open: 'torch.exp(', close: ')' },
      takeClass: { template: ([x, i]) => `${x}.gather(1, ${i}.unsqueeze(1)).squeeze(1)` },
      maskClass: { template: ([x, i]) => `${x}.scatter(1, ${i}.unsqueeze(1), float("-inf"))` },
      logSumExpOverClasses: { open: 'torch.logsumexp(', close: ', dim=1)' },
      lookUp: { template: ([w, i]) => `${w}[${i}]` },
    },
    mean: 'loss.mean()',
    sum: 'loss.sum()',
  },
  tensorflow: {
    tensorType: 'tf.Tensor',
    inputs: 'logits',
    targets: 'labels',
    primitives: {
      bceWithLogits: { open: 'tf.nn.sigmoid_cross_entropy_with_logits(', close: ')', args: ([x, y]) => [`labels=${y}`, `logits=${x}`] },
      logSigmoid: { open: 'tf.math.log_sigmoid(', close: ')' },
      logAddExp: { open: 'tf.reduce_logsumexp(tf.stack([', close: ']), axis=0)' },
      log: { open: 'tf.math.log(', close: ')' },
      log1p: { open: 'tf.math.log1p(', close: ')' },
      exp: { open: 'tf.math.exp(', close: ')' },
      takeClass: { open: 'tf.gather(', close: ', batch_dims=1)' },
      // A boolean one-hot and a -inf of the logits' dtype: tf.where converts neither side for the other.
      maskClass: {
        open: 'tf.where(',
        close: ')',
        args: ([x, i]) => [`tf.one_hot(${i}, tf.shape(${x})[1], on_value=True, off_value=False)`, `tf.constant(float("-inf"), ${x}.dtype)`, x!],
      },
      logSumExpOverClasses: { open: 'tf.reduce_logsumexp(', close: ', axis=1)' },
      lookUp: { open: 'tf.gather(', close: ')' },
    },
    mean: 'tf.reduce_mean(loss)',
    sum: 'tf.reduce_sum(loss)',
  },
  jax: {
    tensorType: 'jax.Array',
    inputs: 'logits',
    targets: 'labels',
    primitives: {
      bceWithLogits: { open: 'optax.sigmoid_binary_cross_entropy(', close: ')' },
      logSigmoid: { open: 'jax.nn.log_sigmoid(', close: ')' },
      logAddExp: { open: 'jnp.logaddexp(', close: ')' },
      log: { open: 'jnp.log(', close: ')' },
      log1p: { open: 'jnp.log1p(', close: ')' },
      exp: { open: 'jnp.exp(', close: ')' },
      takeClass: { template: ([x, i]) => `jnp.take_along_axis(${x}, ${i}[:, None], axis=1)[:, 0]` },
      maskClass: { open: 'jnp.where(', close: ')', args: ([x, i]) => [`jax.nn.one_hot(${i}, ${x}.shape[1], dtype=bool)`, '-jnp.inf', x!] },
      logSumExpOverClasses: { open: 'jax.nn.logsumexp(', close: ', axis=1)' },
      lookUp: { template: ([w, i]) => `${w}[${i}]` },
    },
    mean: 'jnp.mean(loss)',
    sum: 'jnp.sum(loss)',
  },
};
