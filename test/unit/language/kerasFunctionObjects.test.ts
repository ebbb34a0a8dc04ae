// Keras loss functions given to compile() as they are, not as a string or an instance (issue 24; eval set 5's
// attendance_softmax and machunak_softmax_sparse): `loss=keras.losses.categorical_crossentropy`.
//
// The facts, read in Keras's own source: Keras 3 keras/src/trainers/compile_utils.py (keras-team/keras 012e336)
// get_loss passes a non-string identifier to losses.get, which returns a callable as it is, then wraps anything
// that is not a Loss in LossFunctionWrapper (reduction "sum_over_batch_size"); tf.keras 2.x's
// LossesContainer._get_loss_object (tensorflow/python/keras/engine/compile_utils.py) does the same. So the
// function runs with every default (from_logits=False), exactly as the string of its name does
// (kerasCompileLoss.ts). A class given uninstantiated is not a loss Keras can call, and the backend's
// K.categorical_crossentropy took (output, target) up to Keras 2.0.6: neither is claimed.
//
// The shapes are those of public code: keras-team/keras examples/mnist_cnn.py @ ac52716
// (`model.compile(loss=keras.losses.categorical_crossentropy, optimizer=keras.optimizers.Adadelta(), ...)`),
// lingjin/ai DeepLearningPython/Listing3_6.py @ 29c7011 (`from keras import losses`, then
// `loss=losses.binary_crossentropy`, `metrics=[metrics.binary_accuracy]`), srr0bot/PGR
// red-neuronal/EntrenamientoImagenes.py @ 4213412 (`from tensorflow.keras.losses import categorical_crossentropy`,
// `loss=categorical_crossentropy`), vitorkrasniqi/Implementing_ML src/compile_model.py @ 816bc3b.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { findLossCalls } from '../../../src/language/recognition';
import { applyFix } from '../lint/applyEdits';
import { checkCase, type Case } from './recognitionExpect';

const POSITIVES: Case[] = [
  {
    name: "keras' mnist_cnn: compile(loss=keras.losses.categorical_crossentropy, ...)",
    src: `import keras\nmodel.compile(loss=keras.losses.categorical_crossentropy,\n              optimizer=keras.optimizers.Adadelta(),\n              metrics=['accuracy'])\n`,
    calls: [{
      api: 'keras.losses.categorical_crossentropy', callee: 'loss=keras.losses.categorical_crossentropy', kind: 'ce', inputs: ['probabilities', 'default'], classModel: 'softmax',
      reduction: 'sum_over_batch_size', alpha: [null, 'default'], gamma: [0, 'default'], caveats: [/^compile\(\) calls keras\.losses\.categorical_crossentropy as it is, with every default: from_logits=False\.$/],
    }],
  },
  {
    name: 'Deep Learning with Python listing 3.6: from keras import losses; loss=losses.binary_crossentropy (the metric beside it is not a loss)',
    src: `from keras import losses\nfrom keras import metrics\nmodel.compile(optimizer=optimizers.RMSprop(lr=0.001),\n    loss=losses.binary_crossentropy,\n    metrics=[metrics.binary_accuracy])\n`,
    calls: [{ api: 'keras.losses.binary_crossentropy', inputs: 'probabilities', classModel: 'sigmoid', reduction: 'sum_over_batch_size' }],
  },
  {
    name: 'a name imported from tensorflow.keras.losses (also renamed), tf.keras and tf.losses paths',
    src: `import tensorflow as tf\nfrom tensorflow.keras.losses import categorical_crossentropy\nfrom keras.losses import binary_crossentropy as bce\nm.compile(optimizer=Adam(), loss=categorical_crossentropy, metrics=['accuracy'])\nm.compile(optimizer='sgd', loss=tf.keras.losses.sparse_categorical_crossentropy)\nm.compile(loss=bce)\nm.compile(loss=tf.losses.binary_crossentropy)\n`,
    calls: [
      { api: 'keras.losses.categorical_crossentropy', callee: 'loss=categorical_crossentropy' },
      { api: 'keras.losses.sparse_categorical_crossentropy', classModel: 'softmax', inputs: 'probabilities' },
      { api: 'keras.losses.binary_crossentropy', callee: 'loss=bce' },
      { api: 'keras.losses.binary_crossentropy' },
    ],
  },
  {
    name: 'per-output lists and dicts of functions, beside strings',
    src: `import tensorflow as tf\nm.compile(loss=[tf.keras.losses.binary_crossentropy, 'mse'], loss_weights=[1.0, 0.2])\nm.compile(loss={'cls': tf.keras.losses.categorical_crossentropy, 'box': 'mae'})\n`,
    calls: [{ api: 'keras.losses.binary_crossentropy' }, { api: 'keras.losses.categorical_crossentropy' }],
  },
  {
    name: 'the focal function: its defaults (alpha off without apply_class_balancing, gamma 2)',
    src: `import keras\nm.compile(optimizer='adam', loss=keras.losses.binary_focal_crossentropy)\n`,
    calls: [{ api: 'keras.losses.binary_focal_crossentropy', kind: 'focal', alpha: [null, 'default'], gamma: [2, 'default'], inputs: ['probabilities', 'default'], reduction: 'sum_over_batch_size' }],
  },
];

const NEGATIVES: { name: string; src: string }[] = [
  { name: 'a Keras function given as a metric, not a loss', src: `import keras\nm.compile(loss=my_loss, metrics=[keras.losses.binary_crossentropy])\n` },
  { name: 'a loss class given uninstantiated', src: `import keras\nm.compile(loss=keras.losses.CategoricalCrossentropy)\n` },
  { name: "the backend's function (argument order changed across Keras versions)", src: `import keras\nfrom keras import backend as K\nm.compile(loss=keras.backend.categorical_crossentropy)\nm.compile(loss=K.binary_crossentropy)\n` },
  { name: 'outside compile(): fit(), a plain assignment, a dict of settings', src: `import keras\nm.fit(x, y, loss=keras.losses.categorical_crossentropy)\nf = keras.losses.categorical_crossentropy\ncfg = dict(loss=keras.losses.binary_crossentropy)\n` },
  { name: 'an attribute of the function', src: `import tensorflow as tf\nm.compile(loss=tf.keras.losses.categorical_crossentropy.__name__)\n` },
  { name: "a module of the user's own named losses", src: `import losses\nm.compile(loss=losses.binary_crossentropy)\n` },
  { name: "the file's own function under the name, beside a star import", src: `from keras.losses import *\ndef categorical_crossentropy(y_true, y_pred):\n    return weighted(y_true, y_pred)\nm.compile(loss=categorical_crossentropy)\n` },
  { name: 'a name the file does not import', src: `m.compile(loss=categorical_crossentropy)\nm.compile(loss=sm.losses.binary_focal_loss)\n` },
];

// A name holding the string or the function, given to compile(): the code index's `optimize_model(network, alpha,
// beta1, beta2)` exercises (`cce = 'categorical_crossentropy'`, then `network.compile(optimizer=adam, loss=cce,
// metrics=['accuracy'])`; several copies, repositories not named by the index). Held only when the name is bound
// once, certainly: a conditional expression choosing between two strings by a flag, a parameter, a non-loss string
// stay silent.
const BOUND: Case[] = [
  {
    name: "cce = 'categorical_crossentropy' then network.compile(optimizer=adam, loss=cce)",
    src: `from tensorflow import keras as K

def optimize_model(network, alpha, beta1, beta2):
    adam = K.optimizers.Adam(lr=alpha, beta_1=beta1, beta_2=beta2)
    cce = 'categorical_crossentropy'
    network.compile(optimizer=adam, loss=cce, metrics=['accuracy'])
`,
    calls: [{ api: 'keras.losses.categorical_crossentropy', callee: 'loss=cce', inputs: ['probabilities', 'default'], reduction: 'sum_over_batch_size', caveats: [/^cce holds 'categorical_crossentropy' \(line 5\): Keras resolves it to keras\.losses\.categorical_crossentropy with every default, from_logits=False\.$/] }],
  },
  {
    name: 'a module-level name holding the sparse string, and one holding the function, read in a function',
    src: `import tensorflow as tf
LOSS = 'sparse_categorical_crossentropy'
loss_fn = tf.keras.losses.binary_crossentropy
def build(m):
    m.compile(optimizer='adam', loss=LOSS)
    m.compile(loss=loss_fn, optimizer='sgd')
`,
    calls: [
      { api: 'keras.losses.sparse_categorical_crossentropy', caveats: [/^LOSS holds 'sparse_categorical_crossentropy' \(line 2\)/] },
      { api: 'keras.losses.binary_crossentropy', caveats: [/^loss_fn holds tf\.keras\.losses\.binary_crossentropy \(line 3\): compile\(\) calls it with every default, from_logits=False\.$/] },
    ],
  },
];

const BOUND_NEGATIVES: { name: string; src: string }[] = [
  { name: 'two strings chosen by a flag', src: `loss_function = "categorical_crossentropy" if label_mode == "multi" else "binary_crossentropy"
model.compile(loss=loss_function, optimizer='adam')
` },
  { name: 'two assignments in branches', src: `if multi:
    loss = 'categorical_crossentropy'
else:
    loss = 'binary_crossentropy'
model.compile(loss=loss)
` },
  { name: "a parameter (whatever the caller passes)", src: `def build(model, loss='binary_crossentropy'):
    model.compile(loss=loss)
` },
  { name: 'a string Keras does not resolve to a cross-entropy, and a name bound to a class', src: `import keras
l1 = 'mse'
model.compile(loss=l1)
l2 = keras.losses.CategoricalCrossentropy
model.compile(loss=l2)
` },
  { name: 'the name in metrics=, or given to fit()', src: `cce = 'categorical_crossentropy'
model.compile(loss='mse', metrics=[cce])
model.fit(x, y, loss=cce)
` },
];

describe('Keras loss functions given to compile() as they are', () => {
  for (const c of BOUND) it(`a name: ${c.name}`, () => checkCase(c));
  for (const c of BOUND_NEGATIVES) it(`a name, no call: ${c.name}`, () => assert.deepEqual(findLossCalls(c.src, 'python').map((call) => call.api), []));

  it('the lint names what the name holds: logits into a name holding the probability string', () => {
    const src = `from tensorflow import keras as K
model = K.Sequential([K.layers.Dense(10)])
cce = 'categorical_crossentropy'
model.compile(optimizer='adam', loss=cce)
`;
    const [f, ...rest] = lintPython(src);
    assert.deepEqual(rest, []);
    assert.equal(f!.rule, 'logits-into-probability-loss');
    assert.match(f!.message, /^cce \('categorical_crossentropy'\) expects probabilities/);
    assert.match(applyFix(src, f!.fixes[0]!), /loss=K\.losses\.CategoricalCrossentropy\(from_logits=True\)\)/);
  });

  for (const c of POSITIVES) it(c.name, () => checkCase(c));
  for (const c of NEGATIVES) it(`no call: ${c.name}`, () => assert.deepEqual(findLossCalls(c.src, 'python').map((call) => call.api), []));

  it('the hover ranges: the call spans its keyword and names the function as written', () => {
    const src = `import tensorflow as tf\nmodel.compile(optimizer='adam', loss=tf.keras.losses.sparse_categorical_crossentropy, metrics=['acc'])\n`;
    const [call] = findLossCalls(src, 'python');
    assert.equal(src.slice(call!.start, call!.end), 'loss=tf.keras.losses.sparse_categorical_crossentropy');
    assert.equal(src.slice(call!.nameStart, call!.nameEnd), 'tf.keras.losses.sparse_categorical_crossentropy');
  });

  it('the lint: logits into the function get the class with from_logits=True from the same module, or from the keras import', () => {
    const dotted = `import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(10)])\nmodel.compile(optimizer='adam', loss=tf.keras.losses.sparse_categorical_crossentropy)\n`;
    const [f, ...rest] = lintPython(dotted);
    assert.deepEqual(rest, []);
    assert.equal(f!.rule, 'logits-into-probability-loss');
    assert.match(f!.message, /^tf\.keras\.losses\.sparse_categorical_crossentropy expects probabilities, but the model's last layer tf\.keras\.layers\.Dense\(10\) has no activation/);
    assert.deepEqual(f!.fixes.map((x) => [x.title, x.safety]), [['Use from_logits=True', 'safe']]);
    assert.match(applyFix(dotted, f!.fixes[0]!), /loss=tf\.keras\.losses\.SparseCategoricalCrossentropy\(from_logits=True\)\)/);
    const bare = `from tensorflow import keras\nfrom tensorflow.keras.losses import categorical_crossentropy\nmodel = keras.Sequential([keras.layers.Dense(10)])\nmodel.compile(optimizer='adam', loss=categorical_crossentropy)\n`;
    const [g] = lintPython(bare);
    assert.match(applyFix(bare, g!.fixes[0]!), /loss=keras\.losses\.CategoricalCrossentropy\(from_logits=True\)\)/);
  });

  it('the lint: a tanh output, a model the file does not build, and a softmax into the categorical function stay silent', () => {
    const src = `from keras import layers, losses, models\nm = models.Sequential()\nm.add(layers.Dense(1))\nm.add(layers.Activation('tanh'))\nm.compile(loss=losses.binary_crossentropy, optimizer='adam')\nother.compile(loss=losses.categorical_crossentropy)\nok = models.Sequential([layers.Dense(10, activation='softmax')])\nok.compile(loss=losses.categorical_crossentropy)\n`;
    assert.deepEqual(lintPython(src), []);
  });
});
