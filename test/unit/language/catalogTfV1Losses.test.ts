import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { BY_PATH } from '../../../src/language/recognition/catalog';
import { HOVER_PT_VALUES, hoverTable } from '../../../src/extension/hoverTable';
import { hoverMarkdown } from '../../../src/extension/hoverMarkdown';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';
import { checkCase, type Case } from './recognitionExpect';

/*
 * TensorFlow 1's tf.losses cross-entropies (issue 24, libraries), also as tf.compat.v1.losses. The facts, as read in
 * tensorflow/tensorflow 35dcdd967ec15956145d7be7835da12ae74fc568 tensorflow/python/ops/losses/losses_impl.py (the
 * older 00a2ca76aead997d4276f0329d18c49b2bf89034 has the same signatures and formulas):
 * - @tf_export(v1=["losses.sigmoid_cross_entropy"]) sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0,
 *   label_smoothing=0, scope=None, loss_collection=ops.GraphKeys.LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
 *   when label_smoothing > 0, labels * (1 - s) + 0.5 * s; then nn.sigmoid_cross_entropy_with_logits per element.
 * - softmax_cross_entropy(onehot_labels, logits, <the same>): when s > 0, labels * (1 - s) + s / num_classes
 *   (num_classes = the labels' dimension 1); then softmax_cross_entropy_with_logits_v2, one loss per sample.
 * - sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None, loss_collection=..., reduction=...): no
 *   smoothing; nn.sparse_softmax_cross_entropy_with_logits.
 * - compute_weighted_loss: losses * weights, then SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights" (also
 *   SUM_OVER_NONZERO_WEIGHTS) divides the sum by _num_present (the nonzero weights broadcast to the losses' shape; for a
 *   nonzero scalar weight, every element), MEAN = "weighted_mean" by the sum of the weights, SUM_OVER_BATCH_SIZE =
 *   "weighted_sum_over_batch_size" by the number of elements of the losses; NONE = "none", SUM = "weighted_sum".
 * - Only v1 exports: TensorFlow 2's tf.losses has none of them (tf.compat.v1.losses does).
 * - tf.contrib.losses.sigmoid_cross_entropy(logits, multi_class_labels, weight=1.0, ...) takes the logits first
 *   (tensorflow/tensorflow tensorflow/g3doc/api_docs/python/functions_and_classes/shard5/
 *   tf.contrib.losses.sigmoid_cross_entropy.md): not claimed.
 * The API pages (tensorflow.org r1.15 tf/losses/sigmoid_cross_entropy, r2.9 tf/compat/v1/losses/sigmoid_cross_entropy)
 * show the same signatures. The call forms below are short patterns of what public TF 1 code writes, seen with the
 * exact-string search for `tf.losses.softmax_cross_entropy(` / `tf.losses.sigmoid_cross_entropy(` (positional
 * (labels, logits), keywords, `reduction=tf.losses.Reduction.MEAN`, `weights=` a mask, an entropy term whose labels
 * are a softmax).
 */

const TF1_NOTE = /TensorFlow 1 API: TensorFlow 2 has it only as tf\.compat\.v1\.losses\./;

const CASES: Case[] = [
  {
    name: 'tf.losses.sigmoid_cross_entropy(labels, logits): positional, labels first; sigmoid per element; default reduction',
    src: `import tensorflow as tf\n\ndef tagging_loss(scores, tags):\n    return tf.losses.sigmoid_cross_entropy(tags, scores)\n`,
    calls: [{
      api: 'tf.losses.sigmoid_cross_entropy', kind: 'ce', inputs: ['logits', 'default'], classModel: 'sigmoid', alpha: [null, 'default'], gamma: [0, 'default'],
      reduction: 'weighted_sum_by_nonzero_weights', extra: { weights: 1, label_smoothing: 0 },
      caveats: [TF1_NOTE, /SUM_BY_NONZERO_WEIGHTS divides the weighted sum by the number of nonzero weights over every element: with weights=1\.0, the mean over samples and classes/],
      noCaveat: [/weights=.* multiplies/, /label_smoothing/],
    }],
  },
  {
    name: 'tf.losses.softmax_cross_entropy with keywords and label smoothing: softmax over classes, the uniform mix',
    src: `import tensorflow as tf\nloss = tf.losses.softmax_cross_entropy(onehot_labels=y_onehot, logits=head_out, label_smoothing=0.1)\n`,
    calls: [{ api: 'tf.losses.softmax_cross_entropy', inputs: 'logits', classModel: 'softmax', extra: { label_smoothing: 0.1 }, caveats: [/One-hot \(or soft\) targets/, /label_smoothing=0\.1 mixes the targets with a uniform distribution/, /over the samples: with weights=1\.0, the mean over samples/] }],
  },
  {
    name: 'positional weights and label_smoothing follow the signature (weights third, label_smoothing fourth)',
    src: `import tensorflow as tf\nl = tf.losses.sigmoid_cross_entropy(y, x, 0.5, 0.2)\n`,
    calls: [{ api: 'tf.losses.sigmoid_cross_entropy', extra: { weights: 0.5, label_smoothing: 0.2 }, caveats: [/weights=0\.5 multiplies each loss before the reduction; the values are for weight 1/, /label_smoothing=0\.2 moves every target toward 1\/2 before the loss: y \(1 - 0\.2\) \+ 0\.2 \/ 2/] }],
  },
  {
    name: 'tf.compat.v1.losses.sparse_softmax_cross_entropy: no TF 1 note, no label_smoothing, Reduction.NONE read as "none"',
    src: `import tensorflow as tf\nce = tf.compat.v1.losses.sparse_softmax_cross_entropy(labels=y, logits=out, weights=mask, reduction=tf.compat.v1.losses.Reduction.NONE)\n`,
    calls: [{ api: 'tf.compat.v1.losses.sparse_softmax_cross_entropy', classModel: 'softmax', inputs: 'logits', reduction: 'none', extra: { label_smoothing: undefined }, caveats: [/Integer class labels/, /weights=mask multiplies each loss/], noCaveat: [TF1_NOTE, /SUM_BY/] }],
  },
  {
    name: '`import tensorflow.compat.v1 as tf` makes tf.losses the compat.v1 function; Reduction.MEAN divides by the sum of weights',
    src: `import tensorflow.compat.v1 as tf\ntf.disable_v2_behavior()\ncls_loss = tf.losses.softmax_cross_entropy(onehot, pooled, reduction=tf.losses.Reduction.MEAN)\n`,
    calls: [{ api: 'tf.compat.v1.losses.softmax_cross_entropy', reduction: 'weighted_mean', caveats: [/Reduction\.MEAN divides the weighted sum by the sum of the weights/], noCaveat: [TF1_NOTE] }],
  },
  {
    name: 'from tensorflow.compat import v1 as tf, and the other Reduction constants',
    src: `from tensorflow.compat import v1 as tf\na = tf.losses.sigmoid_cross_entropy(y, x, reduction=tf.losses.Reduction.SUM_OVER_BATCH_SIZE)\nb = tf.losses.sparse_softmax_cross_entropy(y, x, reduction=tf.losses.Reduction.SUM)\nc = tf.losses.softmax_cross_entropy(y, x, reduction=tf.losses.Reduction.SUM_OVER_NONZERO_WEIGHTS)\n`,
    calls: [
      { api: 'tf.compat.v1.losses.sigmoid_cross_entropy', reduction: 'weighted_sum_over_batch_size', caveats: [/number of elements \(samples times classes\), whatever the weights/] },
      { api: 'tf.compat.v1.losses.sparse_softmax_cross_entropy', reduction: 'weighted_sum', caveats: [/the weighted sum, not divided/] },
      { api: 'tf.compat.v1.losses.softmax_cross_entropy', reduction: 'weighted_sum_by_nonzero_weights', caveats: [/SUM_BY_NONZERO_WEIGHTS divides/] },
    ],
  },
  {
    name: 'a softmax written as the logits gets the double-softmax caveat; a softmax as the labels (an entropy term) does not',
    src: `import tensorflow as tf\nbad = tf.losses.softmax_cross_entropy(onehot_labels=y, logits=tf.nn.softmax(scores))\nentropy = tf.losses.softmax_cross_entropy(tf.nn.softmax(u_logits), u_logits)\n`,
    calls: [
      { api: 'tf.losses.softmax_cross_entropy', caveats: [/softmax is applied twice/] },
      { api: 'tf.losses.softmax_cross_entropy', noCaveat: [/applied twice/] },
    ],
  },
];

describe('catalog: TensorFlow 1 tf.losses cross-entropies', () => {
  for (const c of CASES) it(c.name, () => checkCase(c));

  it('a reduction that is not a Reduction constant stays unresolved, as written', () => {
    const [call] = findLossCalls(`import tensorflow as tf\nl = tf.losses.sigmoid_cross_entropy(y, x, reduction=cfg.reduction)\nm = tf.losses.sigmoid_cross_entropy(y, x, reduction=Reduction.BOGUS)\n`, 'python');
    assert.equal(call!.reduction.value, undefined);
    assert.equal(call!.reduction.origin.kind, 'unresolved');
    assert.equal(call!.reduction.text, 'cfg.reduction');
    const bogus = findLossCalls(`import tensorflow as tf\nm = tf.losses.sigmoid_cross_entropy(y, x, reduction=Reduction.BOGUS)\n`, 'python')[0]!;
    assert.equal(bogus.reduction.value, undefined);
  });

  it('label_smoothing outside [0, 1] shows no values (TensorFlow smooths only above 0 and never checks it)', () => {
    for (const s of ['-0.1', '1.5']) {
      const [call] = findLossCalls(`import tensorflow as tf\nl = tf.losses.softmax_cross_entropy(y, x, label_smoothing=${s})\n`, 'python');
      assert.match(call!.notModeled ?? '', /outside \[0, 1\]/, s);
      assert.ok('notModeled' in hoverTable(call!, Math.E), s);
    }
    assert.equal(findLossCalls(`import tensorflow as tf\nl = tf.losses.softmax_cross_entropy(y, x, label_smoothing=1.0)\n`, 'python')[0]!.notModeled, undefined);
  });

  it("the table is TensorFlow's sigmoid formula with y' = y (1 - s) + s / 2, computed here in closed form", () => {
    const [call] = findLossCalls(`import tensorflow as tf\nl = tf.losses.sigmoid_cross_entropy(y, x, label_smoothing=0.2)\n`, 'python');
    const table = hoverTable(call!, Math.E);
    assert.ok('loss' in table);
    const target = 1 * (1 - 0.2) + 0.5 * 0.2;
    HOVER_PT_VALUES.forEach((p, i) => {
      const expected = -(target * Math.log(p) + (1 - target) * Math.log(1 - p));
      assert.ok(Math.abs(table.loss[i]! - expected) < 1e-12, `p=${p}: ${table.loss[i]} vs ${expected}`);
    });
  });

  it("the table is TensorFlow's softmax formula with t' = t (1 - s) + s / C, for the classes the file states", () => {
    const [call] = findLossCalls(`import tensorflow as tf\nNUM_CLASSES = 5\nl = tf.losses.softmax_cross_entropy(y, x, label_smoothing=0.1)\n`, 'python');
    const table = hoverTable(call!, Math.E);
    assert.ok('loss' in table);
    const C = 5;
    const s = 0.1;
    HOVER_PT_VALUES.forEach((pt, i) => {
      // Probability pt on the target, the rest spread evenly, as the table's column says.
      const rest = (1 - pt) / (C - 1);
      const expected = -((1 - s + s / C) * Math.log(pt) + (C - 1) * (s / C) * Math.log(rest));
      assert.ok(Math.abs(table.loss[i]! - expected) < 1e-12, `p_t=${pt}: ${table.loss[i]} vs ${expected}`);
    });
  });

  it('the hover names the default reduction and the logits; weights written are not in the numbers', () => {
    const [call] = findLossCalls(`import tensorflow as tf\nloss = tf.losses.sigmoid_cross_entropy(multi_class_labels=y, logits=scores, weights=mask)\n`, 'python');
    const md = hoverMarkdown(call!, 1, DEFAULT_SETTINGS);
    assert.match(md, /^\*\*tf\\\.losses\\\.sigmoid\\_cross\\_entropy\*\* · cross-entropy/);
    assert.match(md, /\*\*Logits\*\* in: the sigmoid is applied inside/);
    assert.match(md, /weights=mask multiplies each loss before the reduction/);
    assert.match(md, /weights `mask` \*\(unresolved\)\*/);
    assert.match(md, /weighted\\?_sum\\?_by\\?_nonzero\\?_weights/);
  });

  it('look-alikes stay silent: other tf.losses functions, tf.contrib.losses (logits first), a module named losses', () => {
    for (const src of [
      `import tensorflow as tf\nmse = tf.losses.mean_squared_error(target, pred)\nh = tf.losses.hinge_loss(labels, logits)\n`,
      `import tensorflow as tf\nl = tf.contrib.losses.sigmoid_cross_entropy(logits, multi_class_labels)\nm = tf.contrib.losses.softmax_cross_entropy(logits, onehot_labels)\n`,
      `import losses\nl = losses.sigmoid_cross_entropy(y, x)\n`,
      `from my_project import losses\nl = losses.softmax_cross_entropy(y, x)\n`,
    ]) assert.deepEqual(findLossCalls(src, 'python').map((c) => c.api), [], src);
  });

  it('Keras (tf.keras.losses) and tf.nn calls are unchanged', () => {
    checkCase({
      name: 'keras and tf.nn',
      src: `import tensorflow as tf\na = tf.keras.losses.BinaryCrossentropy(from_logits=True)\nb = tf.keras.losses.categorical_crossentropy(y, p)\nc = tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=x)\nd = tf.compat.v1.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=x)\n`,
      calls: [
        { api: 'keras.losses.BinaryCrossentropy', inputs: 'logits', reduction: 'sum_over_batch_size' },
        { api: 'keras.losses.categorical_crossentropy', inputs: 'probabilities' },
        { api: 'tf.nn.sigmoid_cross_entropy_with_logits', reduction: 'none (element-wise)' },
        { api: 'tf.nn.softmax_cross_entropy_with_logits_v2', reduction: 'none (one value per sample)' },
      ],
    });
  });

  it('every path is in the catalog', () => {
    for (const name of ['sigmoid_cross_entropy', 'softmax_cross_entropy', 'sparse_softmax_cross_entropy']) {
      assert.equal(BY_PATH.get(`tensorflow.losses.${name}`)?.api, `tf.losses.${name}`);
      assert.equal(BY_PATH.get(`tensorflow.compat.v1.losses.${name}`)?.api, `tf.compat.v1.losses.${name}`);
    }
  });
});
