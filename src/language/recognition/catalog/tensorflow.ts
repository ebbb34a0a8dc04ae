import { msg } from '../../../core';
import { CE_LABEL_SMOOTHING, p, POS_WEIGHT } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/* TensorFlow: TF Addons' focal losses, Keras's losses (keras/src/losses/losses.py) and tf.nn's cross-entropies. */

/**
 * Where Keras's losses are reached. TensorFlow 2 makes `tf.losses` the same module as `tf.keras.losses`
 * (tensorflow/api_template.__init__.py, "Add module aliases": `losses = keras.losses`), so
 * `tf.losses.BinaryCrossentropy` is Keras's; TensorFlow 1's `tf.losses` (api_template_v1, no such alias)
 * is losses_impl's, whose names (sigmoid_cross_entropy, ...) are tensorflowV1Losses.ts's and none of Keras's.
 * keras_export puts every Keras loss under TF 1's names too, so code written `import tensorflow.compat.v1 as tf`
 * (then `tf.keras.losses.sparse_categorical_crossentropy(labels, predictions)`, tensorflow/tpu
 * models/experimental/resnet50_keras/resnet50_ctl_tf1.py at 7dc921f) reaches the same functions through
 * `tf.compat.v1.keras.losses` (TF 2.0's API docs list tf.compat.v1.keras.losses, tf.compat.v2.keras.losses and
 * tf.compat.v2.losses as aliases of tf.keras.losses.SparseCategoricalCrossentropy).
 */
const KERAS_LOSS_MODULES = [
  'keras.losses', 'tensorflow.keras.losses', 'tensorflow.losses', 'tf_keras.losses', 'keras.src.losses', 'keras.src.losses.losses', 'tensorflow.python.keras.losses',
  'tensorflow.compat.v1.keras.losses', 'tensorflow.compat.v2.keras.losses', 'tensorflow.compat.v2.losses',
];
const kerasPaths = (name: string) => KERAS_LOSS_MODULES.map((m) => `${m}.${name}`);

const KERAS_LABEL_SMOOTHING = (c: CallFacts) => {
  const s = c.value('label_smoothing');
  return typeof s === 'number' && s > 0 ? [msg('label_smoothing={0} is applied to the targets before p_t, so the modulating factor never sees hard 0/1 targets.', s)] : [];
};
const KERAS_CLIP = (c: CallFacts) => (c.value('from_logits') === false ? [msg('Keras clips probabilities to [1e-7, 1 - 1e-7], so the loss of one element is at most about 16.1.')] : []);

export const TENSORFLOW: readonly CatalogEntry[] = [
  {
    api: 'tensorflow_addons.losses.SigmoidFocalCrossEntropy', library: 'tensorflow_addons', kind: 'focal',
    paths: ['tensorflow_addons.losses.SigmoidFocalCrossEntropy', 'tensorflow_addons.losses.focal_loss.SigmoidFocalCrossEntropy'],
    params: [p('from_logits', false), p('alpha', 0.25), p('gamma', 2.0), p('reduction', 'none'), p('name', 'sigmoid_focal_crossentropy')],
    alpha: { param: 'alpha', off: 'zero-or-none' }, gamma: 'gamma', inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' },
    reduction: { param: 'reduction' }, extras: [],
    caveats: () => [msg('TensorFlow Addons is end-of-life; the loss sums over the last axis.')],
  },
  {
    api: 'tensorflow_addons.losses.sigmoid_focal_crossentropy', library: 'tensorflow_addons', kind: 'focal',
    paths: ['tensorflow_addons.losses.sigmoid_focal_crossentropy', 'tensorflow_addons.losses.focal_loss.sigmoid_focal_crossentropy'],
    params: [p('y_true'), p('y_pred'), p('alpha', 0.25), p('gamma', 2.0), p('from_logits', false)],
    alpha: { param: 'alpha', off: 'zero-or-none' }, gamma: 'gamma', inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' },
    predictionParam: 'y_pred', reduction: { fixed: 'sum over the last axis' }, extras: [],
    caveats: () => [msg('TensorFlow Addons is end-of-life.')],
  },
  ...(['BinaryFocalCrossentropy', 'binary_focal_crossentropy'] as const).map((name): CatalogEntry => ({
    api: `keras.losses.${name}`, library: 'keras', kind: 'focal', paths: kerasPaths(name),
    params: [
      ...(name === 'binary_focal_crossentropy' ? [p('y_true'), p('y_pred')] : []),
      p('apply_class_balancing', false), p('alpha', 0.25), p('gamma', 2.0), p('from_logits', false), p('label_smoothing', 0.0), p('axis', -1),
      ...(name === 'BinaryFocalCrossentropy' ? [p('reduction', 'sum_over_batch_size')] : []),
    ],
    alpha: { param: 'alpha', off: 'needs-class-balancing' }, gamma: 'gamma', inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' },
    predictionParam: name === 'binary_focal_crossentropy' ? 'y_pred' : undefined,
    reduction: name === 'BinaryFocalCrossentropy' ? { param: 'reduction' } : { fixed: 'mean over the last axis (per sample)' },
    extras: ['apply_class_balancing', 'label_smoothing'],
    caveats: (c) => [
      ...(c.value('apply_class_balancing') !== true ? [c.explicit('alpha') ? msg('alpha has no effect unless apply_class_balancing=True (alpha={0} is ignored here).', c.argText('alpha')) : msg('alpha has no effect unless apply_class_balancing=True.')] : []),
      ...KERAS_LABEL_SMOOTHING(c), ...KERAS_CLIP(c),
    ],
  })),
  ...(['CategoricalFocalCrossentropy', 'categorical_focal_crossentropy'] as const).map((name): CatalogEntry => ({
    api: `keras.losses.${name}`, library: 'keras', kind: 'focal', paths: kerasPaths(name),
    params: [
      ...(name === 'categorical_focal_crossentropy' ? [p('y_true'), p('y_pred')] : []),
      p('alpha', 0.25), p('gamma', 2.0), p('from_logits', false), p('label_smoothing', 0.0), p('axis', -1),
      ...(name === 'CategoricalFocalCrossentropy' ? [p('reduction', 'sum_over_batch_size')] : []),
    ],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' }, classModel: 'softmax',
    reduction: name === 'CategoricalFocalCrossentropy' ? { param: 'reduction' } : { fixed: 'sum over classes (per sample)' },
    extras: ['label_smoothing'],
    caveats: (c) => [msg('Softmax over classes; alpha multiplies every class (it is not alpha_t).'), ...KERAS_LABEL_SMOOTHING(c)],
  })),
  ...(['BinaryCrossentropy', 'binary_crossentropy'] as const).map((name): CatalogEntry => ({
    api: `keras.losses.${name}`, library: 'keras', kind: 'ce', paths: kerasPaths(name),
    params: [
      ...(name === 'binary_crossentropy' ? [p('y_true'), p('y_pred')] : []),
      p('from_logits', false), p('label_smoothing', 0.0), p('axis', -1),
      ...(name === 'BinaryCrossentropy' ? [p('reduction', 'sum_over_batch_size')] : []),
    ],
    gamma: 0, inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' },
    predictionParam: name === 'binary_crossentropy' ? 'y_pred' : undefined,
    reduction: name === 'BinaryCrossentropy' ? { param: 'reduction' } : { fixed: 'mean over the last axis (per sample)' },
    extras: ['label_smoothing'],
    caveats: (c) => [...KERAS_LABEL_SMOOTHING(c), ...KERAS_CLIP(c)],
  })),
  ...(['CategoricalCrossentropy', 'categorical_crossentropy'] as const).map((name): CatalogEntry => ({
    api: `keras.losses.${name}`, library: 'keras', kind: 'ce', paths: kerasPaths(name),
    params: [
      ...(name === 'categorical_crossentropy' ? [p('y_true'), p('y_pred')] : []),
      p('from_logits', false), p('label_smoothing', 0.0), p('axis', -1),
      ...(name === 'CategoricalCrossentropy' ? [p('reduction', 'sum_over_batch_size')] : []),
    ],
    gamma: 0, inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' }, classModel: 'softmax',
    predictionParam: name === 'categorical_crossentropy' ? 'y_pred' : undefined,
    reduction: name === 'CategoricalCrossentropy' ? { param: 'reduction' } : { fixed: 'none (one value per sample)' },
    extras: ['label_smoothing'],
    caveats: (c) => [msg('One-hot (or soft) targets over the last axis.'), ...CE_LABEL_SMOOTHING(c), ...KERAS_CLIP(c)],
  })),
  ...(['SparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'] as const).map((name): CatalogEntry => ({
    api: `keras.losses.${name}`, library: 'keras', kind: 'ce', paths: kerasPaths(name),
    params: [
      ...(name === 'sparse_categorical_crossentropy' ? [p('y_true'), p('y_pred')] : []),
      p('from_logits', false), p('ignore_class', null),
      ...(name === 'SparseCategoricalCrossentropy' ? [p('reduction', 'sum_over_batch_size')] : [p('axis', -1)]),
    ],
    gamma: 0, inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' }, classModel: 'softmax',
    predictionParam: name === 'sparse_categorical_crossentropy' ? 'y_pred' : undefined,
    reduction: name === 'SparseCategoricalCrossentropy' ? { param: 'reduction' } : { fixed: 'none (one value per sample)' },
    extras: ['ignore_class'],
    caveats: (c) => [msg('Integer class targets.'), ...KERAS_CLIP(c)],
  })),
  ...([
    { name: 'softmax_cross_entropy_with_logits', params: [p('labels'), p('logits'), p('axis', -1), p('name', null)], v1: false },
    { name: 'softmax_cross_entropy_with_logits_v2', params: [p('labels'), p('logits'), p('axis', null), p('name', null), p('dim', null)], v1: false },
    { name: 'softmax_cross_entropy_with_logits', params: [p('_sentinel', null), p('labels', null), p('logits', null), p('dim', -1), p('name', null), p('axis', null)], v1: true },
    { name: 'sparse_softmax_cross_entropy_with_logits', params: [p('labels'), p('logits'), p('name', null)], v1: false },
    { name: 'sparse_softmax_cross_entropy_with_logits', params: [p('_sentinel', null), p('labels', null), p('logits', null), p('name', null)], v1: true },
  ] as const).map(({ name, params, v1 }): CatalogEntry => ({
    api: `tf.${v1 ? 'compat.v1.' : ''}nn.${name}`, library: 'tensorflow', kind: 'ce',
    paths: v1 ? [`tensorflow.compat.v1.nn.${name}`] : [`tensorflow.nn.${name}`, ...(name.endsWith('_v2') ? [`tensorflow.compat.v1.nn.${name}`] : [])],
    params, gamma: 0, inputs: 'logits', classModel: 'softmax', predictionParam: 'logits',
    reduction: { fixed: 'none (one value per sample)' }, extras: [],
    caveats: () => [name.startsWith('sparse') ? msg('Integer class labels; the loss per sample, reduce it yourself.') : msg('Each row of labels must be a probability distribution; the loss per sample, reduce it yourself.')],
  })),
  {
    api: 'tf.nn.sigmoid_cross_entropy_with_logits', library: 'tensorflow', kind: 'ce',
    paths: ['tensorflow.nn.sigmoid_cross_entropy_with_logits', 'tensorflow.compat.v1.nn.sigmoid_cross_entropy_with_logits'],
    params: [p('labels', null), p('logits', null), p('name', null)],
    gamma: 0, inputs: 'logits', predictionParam: 'logits', reduction: { fixed: 'none (element-wise)' }, extras: [],
  },
  {
    api: 'tf.nn.weighted_cross_entropy_with_logits', library: 'tensorflow', kind: 'ce',
    paths: ['tensorflow.nn.weighted_cross_entropy_with_logits'],
    params: [p('labels'), p('logits'), p('pos_weight'), p('name', null)],
    gamma: 0, inputs: 'logits', predictionParam: 'logits', reduction: { fixed: 'none (element-wise)' }, extras: ['pos_weight'], caveats: POS_WEIGHT,
  },];
