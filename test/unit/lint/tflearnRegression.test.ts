// tflearn's layer chain into regression(loss=...) (issue 23): messages and fixes. What each objective
// takes is from tflearn/tflearn tflearn/objectives.py (0f44f97); see test/fixtures/lintTflearnCases.ts.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';

const apply = (src: string, edits: readonly { start: number; end: number; newText: string }[]) =>
  [...edits].sort((a, b) => b.start - a.start).reduce((s, e) => s.slice(0, e.start) + e.newText + s.slice(e.end), src);

describe('tflearn regression', () => {
  it('double softmax: the safe fix is the probability objective, the unsafe one the linear layer', () => {
    const src = "import tflearn\nnet = tflearn.fully_connected(net, 10, activation='softmax')\nnet = tflearn.regression(net, optimizer='adam', loss='softmax_categorical_crossentropy')\n";
    const [f] = lintPython(src);
    assert.equal(f!.rule, 'double-softmax');
    assert.match(f!.message, /^`tflearn.fully_connected\(net, 10, activation='softmax'\)` \(line 2\): tflearn's 'softmax_categorical_crossentropy' applies a softmax itself/);
    assert.deepEqual(f!.fixes.map((x) => [x.safety, x.preferred]), [['safe', true], ['unsafe', false]]);
    const fixed = apply(src, f!.fixes[0]!.edits);
    assert.match(fixed, /loss='categorical_crossentropy'/);
    assert.deepEqual(lintPython(fixed), []);
    assert.deepEqual(lintPython(apply(src, f!.fixes[1]!.edits)), []);
  });

  it('double sigmoid: only the unsafe linear-layer fix (tflearn has no binary objective on probabilities)', () => {
    const src = "import tflearn as tfl\nnet = tfl.fully_connected(net, 1, activation='sigmoid')\nnet = tfl.regression(net, optimizer='adam', loss='binary_crossentropy')\n";
    const [f] = lintPython(src);
    assert.equal(f!.rule, 'double-sigmoid');
    assert.deepEqual(f!.fixes.map((x) => [x.safety, x.preferred]), [['unsafe', false]]);
    assert.match(f!.fixes[0]!.title, /predictions become logits/);
    assert.deepEqual(lintPython(apply(src, f!.fixes[0]!.edits)), []);
  });

  it('logits into the default categorical_crossentropy: the fix adds the logits objective', () => {
    const src = 'from tflearn.layers.core import fully_connected\nfrom tflearn.layers.estimator import regression\nnet = fully_connected(net, 10)\nnet = regression(net, optimizer=\'adam\')\n';
    const [f] = lintPython(src);
    assert.equal(f!.rule, 'logits-into-probability-loss');
    assert.match(f!.message, /its default loss 'categorical_crossentropy'/);
    const fixed = apply(src, f!.fixes[0]!.edits);
    assert.match(fixed, /regression\(net, optimizer='adam', loss='softmax_categorical_crossentropy'\)/);
    assert.deepEqual(lintPython(fixed), []);
  });

  it('a tflearn layer as a producer into a TensorFlow loss: the finding, and activation=\'linear\' as its unsafe fix', () => {
    const src = "import tensorflow as tf\nimport tflearn\nnet = tflearn.fully_connected(net, 10, activation='softmax')\nloss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=net))\n";
    const [f, ...rest] = lintPython(src);
    assert.equal(rest.length, 0);
    assert.equal(f!.rule, 'double-softmax');
    assert.equal(src.slice(f!.related!.start, f!.related!.end), "tflearn.fully_connected(net, 10, activation='softmax')");
    assert.deepEqual(f!.fixes.map((x) => [x.safety, x.preferred]), [['unsafe', false]]);
    assert.deepEqual(lintPython(apply(src, f!.fixes[0]!.edits)), []);
    // The default activation is linear: logits, which this loss wants.
    assert.deepEqual(lintPython("import tensorflow as tf\nimport tflearn\nnet = tflearn.fully_connected(net, 10)\nloss = tf.nn.softmax_cross_entropy_with_logits(labels=Y, logits=net)\n"), []);
  });

  it('silent without a tflearn import, with a loss function, and with an activation the chain does not decide', () => {
    for (const src of [
      "net = fully_connected(net, 10, activation='softmax')\nnet = regression(net, loss='softmax_categorical_crossentropy')\n",
      "import tflearn\nnet = tflearn.fully_connected(net, 10, activation='softmax')\nnet = tflearn.regression(net, loss=my_loss)\n",
      "import tflearn\nnet = tflearn.fully_connected(net, 10, activation=act)\nnet = tflearn.regression(net, loss='softmax_categorical_crossentropy')\n",
      "import tflearn\nif big:\n    net = tflearn.fully_connected(net, 10, activation='softmax')\nelse:\n    net = tflearn.fully_connected(net, 10)\nnet = tflearn.regression(net, loss='softmax_categorical_crossentropy')\n",
    ]) assert.deepEqual(lintPython(src), [], src);
  });
});
