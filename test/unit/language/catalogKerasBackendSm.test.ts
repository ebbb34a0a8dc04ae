import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { checkCase, type Case } from './recognitionExpect';

/*
 * Keras's backend cross-entropies and qubvel/segmentation_models (Keras), the eval corpus's gap 3. The facts
 * each case relies on, as read in the libraries' own source:
 * - keras-team/keras: keras/backend/tensorflow_backend.py binary_crossentropy(output, target, from_logits=False)
 *   at 1.2.2 (4fa7e5d), 2.0.0 (f78d417) and 2.0.6; (target, output, from_logits=False) from 2.0.7, at 2.1.5
 *   (2fae461) and 2.3.1 (f295e8e, which forwards to tf.keras's); categorical_ / sparse_categorical_crossentropy
 *   (target, output, from_logits=False, axis=-1) from 2.2.4 (1931e21); keras/backend.py at v2.15.0 (601488f) the
 *   same, binary element-wise (sigmoid_cross_entropy_with_logits when from_logits, else -(t log(o+eps) + (1-t)
 *   log(1-o+eps)) on clipped o), categorical one value per sample. keras/src/ops/nn.py (3422977, Keras 3)
 *   binary_crossentropy(target, output, from_logits=False), categorical / sparse (target, output,
 *   from_logits=False, axis=-1); Keras 3's keras.backend has no cross-entropy.
 * - qubvel/segmentation_models at v1.0.0 and 1.0.1: see src/language/recognition/catalog/segmentationKeras.ts.
 *   The snippets are short patterns written here; the public code that showed them: qqwweee/keras-yolo3
 *   yolo3/model.py (`K.binary_crossentropy(..., from_logits=True)` on YOLO's raw outputs) and
 *   segmentation_models' README (`sm.losses.BinaryFocalLoss()`, `sm.losses.CategoricalFocalLoss()`).
 */

const BACKEND: Case[] = [
  {
    name: 'keras-yolo3: K.binary_crossentropy(..., from_logits=True), element-wise on logits',
    src: 'from keras import backend as K\nxy = mask * K.binary_crossentropy(true_xy, pred[..., 0:2], from_logits=True)\n',
    calls: [{ api: 'keras.backend.binary_crossentropy', kind: 'ce', inputs: ['logits', 'explicit'], classModel: 'sigmoid', reduction: 'none (element-wise)', alpha: [null, 'default'], gamma: [0, 'default'] }],
  },
  {
    name: 'tf.keras.backend.categorical_crossentropy with the default from_logits=False: probabilities, one value per sample',
    src: 'import tensorflow as tf\nl = tf.keras.backend.categorical_crossentropy(y_true, y_pred)\n',
    calls: [{ api: 'keras.backend.categorical_crossentropy', inputs: ['probabilities', 'default'], classModel: 'softmax', reduction: 'none (one value per sample)' }],
  },
  {
    name: 'K.sparse_categorical_crossentropy(y, logits, True): from_logits is third in every Keras version',
    src: 'import keras.backend as K\nl = K.sparse_categorical_crossentropy(y, logits, True)\n',
    calls: [{ api: 'keras.backend.sparse_categorical_crossentropy', inputs: ['logits', 'explicit'], classModel: 'softmax', caveats: [/Integer class targets/] }],
  },
  {
    // Which argument is the prediction is not claimed for the backend (Keras <= 2.0.6 took (output, target)) ...
    name: 'a sigmoid in one argument of K.binary_crossentropy(from_logits=True) is not called applied twice',
    src: 'from keras import backend as K\nl = K.binary_crossentropy(K.sigmoid(x), y, from_logits=True)\n',
    calls: [{ api: 'keras.backend.binary_crossentropy', inputs: ['logits', 'explicit'], noCaveat: [/applied twice/] }],
  },
  {
    // ... but Keras 3's keras.ops is (target, output).
    name: 'keras.ops.binary_crossentropy(y, sigmoid(z), from_logits=True): the sigmoid applied twice',
    src: 'import keras\nl = keras.ops.binary_crossentropy(y, keras.ops.sigmoid(z), from_logits=True)\n',
    calls: [{ api: 'keras.ops.binary_crossentropy', inputs: ['logits', 'explicit'], caveats: [/applied twice/] }],
  },
];

const SM: Case[] = [
  {
    name: 'sm.losses.BinaryCELoss(): probabilities, the mean over every element',
    src: 'import segmentation_models as sm\nloss = sm.losses.BinaryCELoss()\n',
    calls: [{ api: 'segmentation_models.losses.BinaryCELoss', kind: 'ce', inputs: ['probabilities', 'default'], classModel: 'sigmoid', reduction: 'mean over every element' }],
  },
  {
    name: 'sm.losses.CategoricalCELoss(class_weights=...): the weights are shown, no values',
    src: 'import segmentation_models as sm\nloss = sm.losses.CategoricalCELoss(class_weights=np.array([1, 2, 2]))\n',
    calls: [{ api: 'segmentation_models.losses.CategoricalCELoss', kind: 'ce', classModel: 'softmax', reduction: 'mean over every element (the class axis included)' }],
  },
  {
    name: 'from segmentation_models.base import functional as F: categorical_focal_loss(gt, pr, gamma, alpha), alpha on every class',
    src: 'from segmentation_models.base import functional as F\nl = F.categorical_focal_loss(gt, pr, 3.0, 0.1)\n',
    calls: [{ api: 'segmentation_models.base.functional.categorical_focal_loss', kind: 'focal', gamma: [3, 'explicit'], alpha: [0.1, 'explicit'], inputs: ['probabilities', 'default'], classModel: 'softmax', noCaveat: [/weights the foreground/] }],
  },
];

describe('catalog: Keras backend cross-entropies and segmentation_models (Keras)', () => {
  for (const c of [...BACKEND, ...SM]) it(c.name, () => checkCase(c));

  it('the focal classes and binary_focal_loss are recognised with their parameters but no values: 1.0.0 and 1.0.1 differ', () => {
    const src = 'import segmentation_models as sm\nfrom segmentation_models.base import functional as SF\na = sm.losses.BinaryFocalLoss(alpha=0.5)\nb = sm.losses.CategoricalFocalLoss()\nc = SF.binary_focal_loss(gt, pr)\n';
    const calls = findLossCalls(src, 'python');
    assert.deepEqual(calls.map((c) => c.api), ['segmentation_models.losses.BinaryFocalLoss', 'segmentation_models.losses.CategoricalFocalLoss', 'segmentation_models.base.functional.binary_focal_loss']);
    for (const call of calls) assert.match(call.notModeled ?? '', /1\.0\.0 and 1\.0\.1/);
    assert.equal(calls[0]!.alpha.value, 0.5);
    assert.equal(calls[1]!.gamma.value, 2);
  });

  it('the categorical functional focal loss weights every element by alpha (not alpha_t)', () => {
    const [call] = findLossCalls('from segmentation_models.base import functional as F\nl = F.categorical_focal_loss(gt, pr)\n', 'python');
    assert.equal(call?.alphaWeighting, 'every');
  });

  it('says nothing for TF 1.2 contrib Keras (output, target), the Jaccard / Dice combinations, a bare name without import, or own functions', () => {
    const sources = [
      'from tensorflow.contrib.keras import backend as K\nl = K.binary_crossentropy(out, y)\n',
      'import segmentation_models as sm\nl = sm.losses.bce_jaccard_loss(gt, pr)\nm = sm.losses.binary_focal_dice_loss(gt, pr)\n',
      'l = BinaryCELoss()\nm = CategoricalFocalLoss(0.25, 2.0)\n',
      'def binary_crossentropy(target, output, from_logits=False):\n    return -target * log(output)\nl = binary_crossentropy(y, p)\n',
    ];
    for (const src of sources) assert.deepEqual(findLossCalls(src, 'python').map((c) => c.api), [], src);
  });
});
