import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';

/*
 * Keras losses built with one of Keras's reduction constants rather than its string. TensorFlow's own
 * distributed-training tutorial and d2l-ai/d2l-en (chapter_appendix-mathematics-for-deep-learning/
 * information-theory.md, tensorflow tab: `CategoricalCrossentropy(from_logits=True,
 * reduction=tf.keras.losses.Reduction.NONE)`) write them so. keras ReductionV2 (TF 2.x,
 * keras/utils/losses_utils.py) and Keras 3's legacy Reduction hold AUTO = "auto", NONE = "none", SUM = "sum",
 * SUM_OVER_BATCH_SIZE = "sum_over_batch_size"; TF1's tf.compat.v1.losses.Reduction spells SUM
 * "weighted_sum", so only the Keras paths are read.
 */

function reductionOf(lines: readonly string[]) {
  const calls = findLossCalls([...lines, ''].join('\n'), 'python');
  assert.equal(calls.length, 1, JSON.stringify(calls.map((c) => c.api)));
  return calls[0]!.reduction;
}

describe('language: Keras reduction constants', () => {
  it('reads tf.keras.losses.Reduction.X, keras.losses.Reduction.X and an imported Reduction', () => {
    const cases: [readonly string[], string][] = [
      [['import tensorflow as tf', 'loss = tf.keras.losses.CategoricalCrossentropy(from_logits=True, reduction=tf.keras.losses.Reduction.NONE)'], 'none'],
      [['from tensorflow import keras', 'loss = keras.losses.BinaryCrossentropy(reduction=keras.losses.Reduction.SUM)'], 'sum'],
      [['import keras', 'loss = keras.losses.SparseCategoricalCrossentropy(reduction=keras.losses.Reduction.SUM_OVER_BATCH_SIZE)'], 'sum_over_batch_size'],
      [['from tensorflow.keras.losses import Reduction, BinaryCrossentropy', 'loss = BinaryCrossentropy(reduction=Reduction.AUTO)'], 'auto'],
      [['import tensorflow as tf', 'from tensorflow.python.keras.utils import losses_utils', 'loss = tf.keras.losses.BinaryCrossentropy(reduction=losses_utils.ReductionV2.NONE)'], 'none'],
    ];
    for (const [lines, value] of cases) {
      const reduction = reductionOf(lines);
      assert.equal(reduction.value, value, lines.join(' / '));
      assert.equal(reduction.origin.kind, 'explicit');
    }
  });

  it('leaves TF1 constants, unknown members and lookalikes unresolved', () => {
    for (const lines of [
      ['import tensorflow as tf', 'loss = tf.keras.losses.BinaryCrossentropy(reduction=tf.compat.v1.losses.Reduction.SUM)'],
      ['import tensorflow as tf', 'loss = tf.keras.losses.BinaryCrossentropy(reduction=tf.keras.losses.Reduction.MEAN)'],
      ['import tensorflow as tf', 'import mylib as keras', 'loss = tf.keras.losses.BinaryCrossentropy(reduction=keras.losses.Reduction.SUM)'],
      ['import tensorflow as tf', 'loss = tf.keras.losses.BinaryCrossentropy(reduction=tf.keras.losses.Reduction.NONE.value)'],
    ]) {
      assert.equal(reductionOf(lines).origin.kind, 'unresolved', lines.join(' / '));
    }
  });
});
