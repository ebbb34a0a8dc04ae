import { msg } from '../../../core';
import { CE_LABEL_SMOOTHING, p } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/*
 * TensorFlow 1's tf.losses cross-entropies, which TensorFlow 2 keeps only as tf.compat.v1.losses (tf_export(v1=[...])).
 * Checked in tensorflow/tensorflow 35dcdd9 tensorflow/python/ops/losses/losses_impl.py (also 00a2ca7, same
 * signatures): sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0, scope=None,
 * loss_collection=ops.GraphKeys.LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS) smooths y to
 * y (1 - s) + 0.5 s when s > 0, then tf.nn.sigmoid_cross_entropy_with_logits per element;
 * softmax_cross_entropy(onehot_labels, logits, <the same>) smooths to y (1 - s) + s / C (C = the labels' second
 * dimension), then softmax_cross_entropy_with_logits_v2 per sample; sparse_softmax_cross_entropy(labels, logits,
 * weights=1.0, scope=None, loss_collection=..., reduction=...) has no smoothing. All then compute_weighted_loss:
 * losses * weights, reduced by `reduction`; SUM_BY_NONZERO_WEIGHTS divides the weighted sum by the number of
 * nonzero weights broadcast to the losses' shape (every element for a nonzero scalar weight), MEAN by the sum of the
 * weights, SUM_OVER_BATCH_SIZE by the number of elements of the losses (div_no_nan: 0 when it is 0).
 * GraphKeys.LOSSES is the string "losses" (tensorflow/python/framework/ops.py, 00236b0).
 */

/** Reduction's constants (losses_impl.py), by the name a call writes after `Reduction.`. */
const REDUCTION_NAMES: ReadonlyMap<string, string> = new Map([
  ['NONE', 'none'],
  ['SUM', 'weighted_sum'],
  ['MEAN', 'weighted_mean'],
  ['SUM_OVER_BATCH_SIZE', 'weighted_sum_over_batch_size'],
  ['SUM_BY_NONZERO_WEIGHTS', 'weighted_sum_by_nonzero_weights'],
  ['SUM_OVER_NONZERO_WEIGHTS', 'weighted_sum_by_nonzero_weights'],
]);

type Shape = 'element' | 'sample';

function reductionCaveats(c: CallFacts, shape: Shape): string[] {
  switch (c.value('reduction')) {
    case 'weighted_sum_by_nonzero_weights':
      return [
        shape === 'element'
          ? msg('SUM_BY_NONZERO_WEIGHTS divides the weighted sum by the number of nonzero weights over every element: with weights=1.0, the mean over samples and classes; a zero weight drops an element from the count, other weights only scale the sum.')
          : msg('SUM_BY_NONZERO_WEIGHTS divides the weighted sum by the number of nonzero weights over the samples: with weights=1.0, the mean over samples; a zero weight drops a sample from the count, other weights only scale the sum.'),
      ];
    case 'weighted_mean':
      return [msg('Reduction.MEAN divides the weighted sum by the sum of the weights.')];
    case 'weighted_sum_over_batch_size':
      return [shape === 'element' ? msg('SUM_OVER_BATCH_SIZE divides the weighted sum by the number of elements (samples times classes), whatever the weights.') : msg('SUM_OVER_BATCH_SIZE divides the weighted sum by the number of samples, whatever the weights.')];
    case 'weighted_sum':
      return [msg('Reduction.SUM: the weighted sum, not divided.')];
    default:
      return [];
  }
}

const WEIGHTS = (c: CallFacts) => (c.explicit('weights') && c.value('weights') !== 1 ? [msg('weights={0} multiplies each loss before the reduction; the values are for weight 1.', c.argText('weights'))] : []);

const SIGMOID_LABEL_SMOOTHING = (c: CallFacts) => {
  const s = c.value('label_smoothing');
  return typeof s === 'number' && s > 0 && s <= 1 ? [msg('label_smoothing={0} moves every target toward 1/2 before the loss: y (1 - {0}) + {0} / 2.', s)] : [];
};

/** TensorFlow smooths only when label_smoothing > 0 and never checks it; the core takes [0, 1]. */
const SMOOTHING_OUT_OF_RANGE = (c: CallFacts) => {
  const s = c.value('label_smoothing');
  return typeof s === 'number' && (s < 0 || s > 1) ? msg('label_smoothing={0} is outside [0, 1]: TensorFlow smooths only when it is above 0 and does not check it, so no values are shown.', s) : undefined;
};

const FUNCTIONS = [
  { name: 'sigmoid_cross_entropy', labels: 'multi_class_labels', shape: 'element', smoothing: true },
  { name: 'softmax_cross_entropy', labels: 'onehot_labels', shape: 'sample', smoothing: true },
  { name: 'sparse_softmax_cross_entropy', labels: 'labels', shape: 'sample', smoothing: false },
] as const;

export const TENSORFLOW_V1_LOSSES: readonly CatalogEntry[] = FUNCTIONS.flatMap(({ name, labels, shape, smoothing }) =>
  ([false, true] as const).map((compat): CatalogEntry => ({
    api: `tf.${compat ? 'compat.v1.' : ''}losses.${name}`, library: 'tensorflow', kind: 'ce',
    paths: [`tensorflow.${compat ? 'compat.v1.' : ''}losses.${name}`],
    params: [p(labels), p('logits'), p('weights', 1.0), ...(smoothing ? [p('label_smoothing', 0)] : []), p('scope', null), p('loss_collection', 'losses'), p('reduction', 'weighted_sum_by_nonzero_weights')],
    gamma: 0, inputs: 'logits', ...(shape === 'sample' ? { classModel: 'softmax' as const } : {}), predictionParam: 'logits',
    reduction: { param: 'reduction' }, reductionNames: REDUCTION_NAMES,
    extras: smoothing ? ['weights', 'label_smoothing'] : ['weights'],
    caveats: (c) => [
      ...(compat ? [] : [msg('TensorFlow 1 API: TensorFlow 2 has it only as tf.compat.v1.losses.{0}.', name)]),
      ...(name === 'sparse_softmax_cross_entropy' ? [msg('Integer class labels.')] : name === 'softmax_cross_entropy' ? [msg('One-hot (or soft) targets over the last axis.')] : []),
      ...reductionCaveats(c, shape), ...WEIGHTS(c),
      ...(!smoothing ? [] : shape === 'element' ? SIGMOID_LABEL_SMOOTHING(c) : CE_LABEL_SMOOTHING(c)),
    ],
    ...(smoothing ? { notModeled: SMOOTHING_OUT_OF_RANGE } : {}),
  })),
);
