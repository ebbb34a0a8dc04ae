// TF 1's tf.layers.dense as a producer (issue 23, recall6; corpus in test/fixtures/lintTfLayerCases.ts): the
// finding names the layer, and the fix is exelban/tensorflow-cifar-10's pull request #7 (activation=None),
// unsafe because the layer's other readers (the predictions) get logits too.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix as apply } from './applyEdits';
import { py } from '../../fixtures/pySource';

describe('tf.layers.dense as a producer', () => {
  it('activation=tf.nn.softmax into softmax_cross_entropy_with_logits_v2: double-softmax with the activation=None fix (unsafe), after which the lint is silent', () => {
    const code = py`
      import tensorflow as tf

      def model(x, num_classes=10):
          h = tf.layers.dense(inputs=x, units=1500, activation=tf.nn.relu)
          softmax = tf.layers.dense(inputs=h, units=num_classes, activation=tf.nn.softmax, name='out')
          y_pred_cls = tf.argmax(softmax, axis=1)
          return softmax, y_pred_cls

      output, y_pred_cls = model(features)
      loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=output, labels=labels))
    `;
    const found = lintPython(code);
    assert.deepEqual(found.map((f) => [f.rule, code.slice(f.start, f.end)]), [['double-softmax', 'output']]);
    const f = found[0]!;
    assert.match(f.message, /^`model` returns `tf\.layers\.dense\(\.\.\.\)` as output 1 of 2 \(line 5\)/);
    assert.deepEqual(f.fixes.map((x) => [x.title, x.safety]), [["Use activation=None (the model's predictions become logits too)", 'unsafe']]);
    const fixed = apply(code, f.fixes[0]!);
    assert.match(fixed, /softmax = tf\.layers\.dense\(inputs=h, units=num_classes, activation=None, name='out'\)/);
    assert.deepEqual(lintPython(fixed), []);
  });

  it('a string activation gets the tflearn-style linear fix; a relu layer says nothing', () => {
    const code = py`
      import tensorflow as tf

      probs = tf.compat.v1.layers.dense(hidden, 10, 'softmax')
      loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=probs)
      relu = tf.layers.dense(hidden, 10, tf.nn.relu)
      loss2 = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=relu)
    `;
    const found = lintPython(code);
    assert.deepEqual(found.map((f) => [f.rule, code.slice(f.start, f.end), f.fixes.map((x) => x.title)]), [['double-softmax', 'probs', ["Use activation='linear' (the model's predictions become logits too)"]]]);
  });
});
