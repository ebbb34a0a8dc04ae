// keras.backend's softmax and sigmoid (`from keras import backend as K`, then `K.softmax(x)`): the same
// activations as tf.nn's (keras/backend.py at v2.15.0: `def softmax(x, axis=-1): return tf.nn.softmax(x,
// axis=axis)`, `def sigmoid(x): return tf.math.sigmoid(x)`), written inside Keras loss functions
// (`y_pred = K.softmax(y_pred)` before a loss that applies it again, set 7's Keras-loss-function miss).
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';

const rules = (code: string) => lintPython(code).map((f) => f.rule);

describe('loss lint: keras.backend activations', () => {
  it('K.softmax into softmax_cross_entropy_with_logits: double-softmax; K.sigmoid into sigmoid_cross_entropy_with_logits: double-sigmoid', () => {
    const softmax = [
      'import tensorflow as tf',
      'from tensorflow.keras import backend as K',
      '',
      'def loss(y_true, y_pred):',
      '    y_pred = K.softmax(y_pred)',
      '    return tf.nn.softmax_cross_entropy_with_logits(labels=y_true, logits=y_pred)',
      '',
    ].join('\n');
    assert.deepEqual(rules(softmax), ['double-softmax']);
    const sigmoid = softmax.replace('K.softmax(y_pred)', 'K.sigmoid(y_pred)').replace('tf.nn.softmax_cross_entropy_with_logits', 'tf.nn.sigmoid_cross_entropy_with_logits');
    assert.deepEqual(rules(sigmoid), ['double-sigmoid']);
    // Keras 2's own `import keras.backend as K`.
    assert.deepEqual(rules(softmax.replace('from tensorflow.keras import backend as K', 'import keras.backend as K')), ['double-softmax']);
  });

  it('silent: another backend function (K.relu), or a K that is not the backend', () => {
    const relu = ['import tensorflow as tf', 'from tensorflow.keras import backend as K', 'x = K.relu(z)', 'l = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=x)', ''].join('\n');
    assert.deepEqual(rules(relu), []);
    const other = ['import tensorflow as tf', 'import mylib as K', 'x = K.softmax(z)', 'l = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=x)', ''].join('\n');
    assert.deepEqual(rules(other), []);
  });
});
