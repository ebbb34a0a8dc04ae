import * as assert from 'node:assert/strict';
import { lossCallAt } from '../../../src/language/recognition';
import { BY_PATH } from '../../../src/language/recognition/catalog';

/*
 * TensorFlow 2's `tf.losses` is Keras's losses module (issue 24, kind 2). The fact, as read in
 * tensorflow/tensorflow 010f3edcdc25a44755a4fc439a31be2282e9e9db tensorflow/api_template.__init__.py (the
 * template of TensorFlow 2's `tensorflow/__init__.py`): under "# Add module aliases", `losses = keras.losses`
 * then `setattr(_current_module, "losses", losses)` (with _PREFER_OSS_KERAS, a lazy loader of
 * "keras.api._v2.keras.losses": the same module). TensorFlow 1's template (tensorflow/tensorflow
 * 0aa069c7491438d070d2318140c885a41eb26225 tensorflow/api_template_v1.__init__.py) aliases only `layers` and
 * `nn.rnn_cell` from Keras, so there `tf.losses` stays losses_impl's module (tf.losses.sigmoid_cross_entropy,
 * softmax_cross_entropy, sparse_softmax_cross_entropy: catalogTfV1Losses.test.ts), whose names Keras's module
 * does not have. So `tf.losses.BinaryCrossentropy` / `binary_crossentropy` / `SparseCategoricalCrossentropy` / ...
 * are Keras's, the same entries as `tf.keras.losses.X`, and `tf.compat.v1.losses.BinaryCrossentropy` is nothing.
 * Call forms: short patterns of what public TF 2 code writes, seen with the exact-string search for
 * `tf.losses.SparseCategoricalCrossentropy(` (model.compile(loss=tf.losses.SparseCategoricalCrossentropy(from_logits=True)),
 * a `loss = tf.losses.SparseCategoricalCrossentropy()` object called in a training step, a get_loss_object() method).
 */

function apiAt(src: string, needle: string) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + 1, 'python');
}

describe("catalog: TensorFlow 2's tf.losses is Keras's losses", () => {
  it('every Keras loss entry is reached as tensorflow.losses.X too, and the TF 1 names are not Keras entries', () => {
    for (const name of ['BinaryCrossentropy', 'binary_crossentropy', 'CategoricalCrossentropy', 'categorical_crossentropy', 'SparseCategoricalCrossentropy', 'sparse_categorical_crossentropy', 'BinaryFocalCrossentropy', 'binary_focal_crossentropy', 'CategoricalFocalCrossentropy', 'categorical_focal_crossentropy']) {
      assert.equal(BY_PATH.get(`tensorflow.losses.${name}`)?.api, `keras.losses.${name}`, name);
      assert.equal(BY_PATH.get(`tensorflow.losses.${name}`), BY_PATH.get(`tensorflow.keras.losses.${name}`), name);
    }
    for (const name of ['sigmoid_cross_entropy', 'softmax_cross_entropy', 'sparse_softmax_cross_entropy']) assert.equal(BY_PATH.get(`tensorflow.losses.${name}`)?.api, `tf.losses.${name}`);
  });

  it('model.compile(loss=tf.losses.SparseCategoricalCrossentropy(from_logits=True)): Keras\'s, logits in', () => {
    const src = 'import tensorflow as tf\nmodel.compile(optimizer="adam", loss=tf.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])\n';
    const call = apiAt(src, 'SparseCategoricalCrossentropy(');
    assert.equal(call?.api, 'keras.losses.SparseCategoricalCrossentropy');
    assert.equal(call?.inputs.value, 'logits');
  });

  it('a tf.losses.BinaryCrossentropy() object called in a training step, and tf.losses.binary_crossentropy(y, p): probabilities by default', () => {
    const src = ['import tensorflow as tf', 'bce = tf.losses.BinaryCrossentropy(label_smoothing=0.1)', 'def step(x, y):', '    p = model(x)', '    return bce(y, p) + tf.losses.binary_crossentropy(y, p)', ''].join('\n');
    const bound = apiAt(src, 'bce(y, p)');
    assert.equal(bound?.api, 'keras.losses.BinaryCrossentropy');
    assert.equal(bound?.inputs.value, 'probabilities');
    assert.equal(bound?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.1);
    const fn = apiAt(src, 'binary_crossentropy(y');
    assert.equal(fn?.api, 'keras.losses.binary_crossentropy');
  });

  it('the other spellings: from tensorflow import losses, from tensorflow.keras import losses, import tensorflow.keras as keras, from tensorflow import keras', () => {
    for (const head of ['from tensorflow import losses', 'from tensorflow.keras import losses', 'import tensorflow.keras.losses as losses']) {
      assert.equal(apiAt(`${head}\nl = losses.CategoricalCrossentropy(from_logits=True)\n`, 'CategoricalCrossentropy(')?.api, 'keras.losses.CategoricalCrossentropy', head);
    }
    for (const head of ['import tensorflow.keras as keras', 'from tensorflow import keras']) {
      assert.equal(apiAt(`${head}\nl = keras.losses.SparseCategoricalCrossentropy()\n`, 'SparseCategoricalCrossentropy(')?.api, 'keras.losses.SparseCategoricalCrossentropy', head);
    }
  });

  it('TF 1 code keeps its losses: tf.losses.sigmoid_cross_entropy, and tf.compat.v1\'s tf.losses', () => {
    assert.equal(apiAt('import tensorflow as tf\nl = tf.losses.sigmoid_cross_entropy(tags, scores)\n', 'sigmoid_cross_entropy(')?.api, 'tf.losses.sigmoid_cross_entropy');
    assert.equal(apiAt('import tensorflow.compat.v1 as tf\nl = tf.losses.softmax_cross_entropy(onehot, logits)\n', 'softmax_cross_entropy(')?.api, 'tf.compat.v1.losses.softmax_cross_entropy');
  });

  it('look-alikes stay silent: tf.compat.v1.losses has no Keras classes, a tf the file binds to something else, a losses module of the user\'s', () => {
    assert.equal(apiAt('import tensorflow.compat.v1 as tf\nl = tf.losses.BinaryCrossentropy()\n', 'BinaryCrossentropy('), undefined);
    assert.equal(apiAt('import mylib as tf\nl = tf.losses.BinaryCrossentropy()\n', 'BinaryCrossentropy('), undefined);
    assert.equal(apiAt('import losses\nl = losses.CategoricalCrossentropy()\n', 'CategoricalCrossentropy('), undefined);
  });
});
