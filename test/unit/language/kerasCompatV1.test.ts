// Keras's losses reached through TensorFlow 1's names: code migrated with `import tensorflow.compat.v1 as tf`
// keeps writing `tf.keras.losses.sparse_categorical_crossentropy(labels, predictions)`, which is
// tf.compat.v1.keras.losses's, the same Keras function (keras_export exports to v1 and v2; TF 2.0's API docs list
// tf.compat.v1.keras.losses, tf.compat.v2.keras.losses and tf.compat.v2.losses as aliases of
// tf.keras.losses.SparseCategoricalCrossentropy). The shapes are tensorflow/tpu's at 7dc921f:
// models/experimental/resnet50_keras/resnet50_ctl_tf1.py (train_step / test_step) and
// models/official/unet3d/unet_model.py (`categorical_crossentropy(labels, predictions, from_logits=False)` of a
// softmax), both `import tensorflow.compat.v1 as tf`. TF 1's own tf.compat.v1.losses names stay TF 1's.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { findLossCalls } from '../../../src/language/recognition';
import { checkCase, type Case } from './recognitionExpect';

const POSITIVES: Case[] = [
  {
    name: 'resnet50_ctl_tf1: tf.keras.losses.sparse_categorical_crossentropy(labels, predictions) under compat.v1',
    src: `import tensorflow.compat.v1 as tf

def train_step(inputs):
    images, labels = inputs
    with tf.GradientTape() as tape:
        predictions = model(images, training=True)
        prediction_loss = tf.keras.losses.sparse_categorical_crossentropy(
            labels, predictions)
        loss1 = tf.reduce_mean(prediction_loss)
`,
    calls: [{ api: 'keras.losses.sparse_categorical_crossentropy', inputs: ['probabilities', 'default'], classModel: 'softmax', reduction: 'none (one value per sample)' }],
  },
  {
    name: 'unet_model: categorical_crossentropy of a softmax, from_logits=False written',
    src: `import tensorflow.compat.v1 as tf

def metric_fn(labels, logits):
    predictions = tf.nn.softmax(logits)
    categorical_crossentropy = tf.keras.losses.categorical_crossentropy(
        labels, predictions, from_logits=False)
    return categorical_crossentropy
`,
    calls: [{ api: 'keras.losses.categorical_crossentropy', inputs: ['probabilities', 'explicit'], classModel: 'softmax' }],
  },
  {
    name: 'the class, compile(loss=...) and the backend under compat.v1 and compat.v2',
    src: `import tensorflow.compat.v1 as tf
import tensorflow.compat.v2 as tf2
model.compile(optimizer='adam', loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
bce = tf2.losses.BinaryCrossentropy()
k = tf.keras.backend.binary_crossentropy(y, p)
`,
    calls: [
      { api: 'keras.losses.SparseCategoricalCrossentropy', inputs: ['logits', 'explicit'] },
      { api: 'keras.losses.BinaryCrossentropy', inputs: ['probabilities', 'default'] },
      { api: 'keras.backend.binary_crossentropy' },
    ],
  },
];

describe('Keras losses under tensorflow.compat.v1 / v2', () => {
  for (const c of POSITIVES) it(c.name, () => checkCase(c));

  it("TF 1's own tf.losses names stay TF 1's, and Keras's class names are not TF 1's tf.losses", () => {
    const src = `import tensorflow.compat.v1 as tf
a = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=x)
b = tf.losses.SparseCategoricalCrossentropy()
`;
    assert.deepEqual(findLossCalls(src, 'python').map((call) => call.api), ['tf.compat.v1.losses.sparse_softmax_cross_entropy']);
  });

  it('the lint reads the compile under compat.v1: a softmax model given from_logits=True', () => {
    // tensorflow/tpu tools/colab notebooks build tf.keras models under TF 1's names the same way.
    const src = `import tensorflow.compat.v1 as tf
model = tf.keras.Sequential([tf.keras.layers.Dense(10, activation='softmax')])
model.compile(optimizer='adam', loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
`;
    const findings = lintPython(src);
    assert.deepEqual(findings.map((f) => f.rule), ['double-softmax']);
    assert.equal(findings[0]!.fixes[0]!.safety, 'safe');
    assert.match(findings[0]!.fixes[0]!.title, /from_logits=False/);
  });
});
