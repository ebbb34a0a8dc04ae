import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';

/*
 * fizyr/keras-retinanet's focal loss factory, a library the catalog missed (seen silent in
 * ZFTurbo/Keras-RetinaNet-for-Open-Images-Challenge-2018 @ its HEAD, retinanet_training_level_1/train_oid_level_1_resnet101.py:
 * `from keras_retinanet import losses` then `training_model.compile(loss={'regression': losses.smooth_l1(),
 * 'classification': losses.focal()}, ...)`). Checked in fizyr/keras-retinanet @ 7ac91df (setup.py version 1.0.0),
 * keras_retinanet/losses.py: `def focal(alpha=0.25, gamma=2.0, cutoff=0.5)` returns `_focal(y_true, y_pred)`, which
 * weights alpha where the label is above cutoff and 1 - alpha elsewhere, (1 - p) or p to the power gamma, times
 * keras.backend.binary_crossentropy(labels, classification) (probabilities), summed and divided by the number of
 * positive anchors (at least 1). Its history: the division by the batch's positive anchors is 9b70cbf (first in 0.3); 0.2
 * (08421ca) divided per image, 0.1 (37d8d41) not at all, so the hover says which versions it describes.
 */

describe('keras-retinanet: losses.focal()', () => {
  it("ZFTurbo's compile(loss={'classification': losses.focal()}): the paper's sigmoid focal loss on probabilities, its defaults", () => {
    const src = "import keras\nfrom keras_retinanet import losses\ntraining_model.compile(\n    loss={\n        'regression'    : losses.smooth_l1(),\n        'classification': losses.focal()\n    },\n    optimizer=keras.optimizers.adam(lr=1e-5, clipnorm=0.001)\n)\n";
    const calls = findLossCalls(src, 'python');
    assert.deepEqual(calls.map((c) => [c.api, c.kind, c.alpha.value, c.alpha.origin.kind, c.gamma.value, c.inputs.value, c.reduction.value]), [
      ['keras_retinanet.losses.focal', 'focal', 0.25, 'default', 2, 'probabilities', 'sum, divided by the number of positive anchors (at least 1)'],
    ]);
    assert.equal(calls[0]!.notModeled, undefined);
    assert.match(calls[0]!.caveats.join(' '), /keras-retinanet 0\.3 and later/);
  });

  it('alpha and gamma written, by position and keyword; the module imported whole', () => {
    const calls = findLossCalls('import keras_retinanet.losses\nfrom keras_retinanet.losses import focal\na = keras_retinanet.losses.focal(0.5, 1.0)\nb = focal(gamma=3.0)\n', 'python');
    assert.deepEqual(calls.map((c) => [c.api, c.alpha.value, c.gamma.value]), [['keras_retinanet.losses.focal', 0.5, 1], ['keras_retinanet.losses.focal', 0.25, 3]]);
  });

  it('silent: a focal() of another module (Keras has no losses.focal; a user module of the same name)', () => {
    assert.deepEqual(findLossCalls('from keras import losses\nl = losses.focal()\n', 'python'), []);
    assert.deepEqual(findLossCalls('from mylib import losses\nl = losses.focal()\n', 'python'), []);
    assert.deepEqual(findLossCalls('from keras_retinanet import losses\nl = losses.smooth_l1()\n', 'python'), []);
  });
});
