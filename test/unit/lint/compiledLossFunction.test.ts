// A loss function of the file given to Keras `model.compile(loss=fn)` (issue 23, set 7's "Keras model
// given to a loss through a variable / probability evidence inside a Keras loss function"): Keras calls
// fn(y_true, y_pred) with the model's output as y_pred (keras/src/trainers/compile_utils.py, Keras 3.x;
// tf.keras 2.x engine/compile_utils.py LossesContainer), so a body that hands y_pred to
// `tf.nn.softmax_cross_entropy_with_logits(logits=y_pred)` gets the probabilities of a model ending in
// `Dense(n, activation='softmax')`: a second softmax.
// The shape of public code: `def softmax_cross_entropy_with_logits(y_true, y_pred): return
// tf.nn.softmax_cross_entropy_with_logits(labels=y_true, logits=y_pred)` (CogitoNTNU/AlphaZero loss.py,
// and code-index hits 22686726144, 1236633687, 6846348315 that compile with it); the right form beside it
// compiles such a function on a model whose last Dense has no activation (6846348315:
// `build_model(output_layers=1792, output_activation="linear")`; 15365044064: `Dense(num_classes,
// activation=None)`), which must stay silent.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';

const file = (activation: string, lines: string[] = []) => [
  'import tensorflow as tf',
  'from tensorflow import keras',
  '',
  'def softmax_cross_entropy_with_logits(y_true, y_pred):',
  '    return tf.nn.softmax_cross_entropy_with_logits(labels=y_true, logits=y_pred)',
  '',
  'model = keras.Sequential([',
  "    keras.layers.Dense(128, activation='relu'),",
  `    keras.layers.Dense(10, activation=${activation}),`,
  '])',
  "model.compile(optimizer='adam', loss=softmax_cross_entropy_with_logits, metrics=['accuracy'])",
  ...lines,
  '',
].join('\n');

/** The imports and a loss function named softmax_ce, as a file's first lines. */
const SOFTMAX_CE = ['import tensorflow as tf', 'from tensorflow import keras', '', 'def softmax_ce(y_true, y_pred):', '    return tf.nn.softmax_cross_entropy_with_logits(labels=y_true, logits=y_pred)', ''];

const rules = (code: string) => lintPython(code).map((f) => f.rule);

describe('loss lint: a loss function of the file compiled on a Keras model', () => {
  it("the model ends in softmax: the function's logits=y_pred gets probabilities (double-softmax, in the function, naming the model's layer)", () => {
    const code = file("'softmax'");
    const found = lintPython(code);
    assert.deepEqual(found.map((f) => f.rule), ['double-softmax'], JSON.stringify(found));
    assert.equal(code.slice(found[0]!.start, found[0]!.end), 'y_pred');
    assert.match(found[0]!.message, /`model` ends in `keras\.layers\.Dense\(\.\.\.\)` \(line 9\)/);
  });

  it('a sigmoid model and a sigmoid loss: double-sigmoid; self.model.compile in a class too', () => {
    const sigmoid = file("'sigmoid'").replace('tf.nn.softmax_cross_entropy_with_logits(labels=y_true, logits=y_pred)', 'tf.nn.sigmoid_cross_entropy_with_logits(labels=y_true, logits=y_pred)');
    assert.deepEqual(rules(sigmoid), ['double-sigmoid']);
    const inClass = [
      ...SOFTMAX_CE,
      'class Agent:',
      '    def build(self):',
      "        self.model = keras.Sequential([keras.layers.Dense(64, activation='relu'), keras.layers.Dense(4, activation='softmax')])",
      "        self.model.compile(optimizer='adam', loss=softmax_ce)",
      '',
    ].join('\n');
    assert.deepEqual(rules(inClass), ['double-softmax']);
  });

  it('silent: a last layer without activation (the right form), or linear', () => {
    assert.deepEqual(rules(file('None')), []);
    assert.deepEqual(rules(file("'linear'")), []);
  });

  it('silent: the function also called with other values, also a metric, of three parameters, or y_pred changed first', () => {
    const silent = [
      file("'softmax'", ['loss = softmax_cross_entropy_with_logits(y_correct, y_predict)']),
      file("'softmax'").replace("metrics=['accuracy']", 'metrics=[softmax_cross_entropy_with_logits]'),
      file("'softmax'").replace('(y_true, y_pred):', '(y_true, y_pred, scale=1.0):'),
      file("'softmax'").replace('    return tf.nn', '    y_pred = tf.math.log(y_pred)\n    return tf.nn'),
    ];
    for (const code of silent) assert.deepEqual(rules(code), [], code);
  });

  it('silent: a model of two outputs (Keras applies the loss to each; which one is not followed)', () => {
    const code = [
      ...SOFTMAX_CE,
      'inputs = keras.Input(shape=(8,))',
      "a = keras.layers.Dense(4, activation='softmax')(inputs)",
      'b = keras.layers.Dense(4)(inputs)',
      'model = keras.Model(inputs, [a, b])',
      "model.compile(optimizer='adam', loss=softmax_ce)",
      '',
    ].join('\n');
    assert.deepEqual(rules(code), []);
  });

  // Code-index hit 42524765033 (a Shakespeare text generator; the index names no repository): the wrapper
  // `sparse_cat_loss(y_true, y_pred)` with from_logits=True compiled on a model ending in `Dense(vocab_size)`,
  // the right form ("this had to be wrapped"); with a softmax last layer it would read probabilities as logits.
  it('a Keras loss function wrapped by the file: silent on the real linear last layer, found on a softmax one', () => {
    const code = [
      'from tensorflow.keras.models import Sequential',
      'from tensorflow.keras.layers import Dense, Embedding, GRU',
      'from tensorflow.keras.losses import sparse_categorical_crossentropy',
      '',
      'def sparse_cat_loss(y_true, y_pred):',
      '    return sparse_categorical_crossentropy(y_true, y_pred, from_logits=True)',
      '',
      'def create_model(vocab_size, embed_dim, rnn_neurons, batch_size):',
      '    model = Sequential()',
      '    model.add(Embedding(vocab_size, embed_dim, batch_input_shape=[batch_size, None]))',
      "    model.add(GRU(rnn_neurons, stateful=True, return_sequences=True, recurrent_initializer='glorot_uniform'))",
      '    model.add(Dense(vocab_size))',
      "    model.compile(optimizer='adam', loss=sparse_cat_loss)",
      '    return model',
      '',
    ].join('\n');
    assert.deepEqual(rules(code), []);
    assert.deepEqual(rules(code.replace('Dense(vocab_size))', "Dense(vocab_size, activation='softmax'))")), ['double-softmax']);
  });
});
