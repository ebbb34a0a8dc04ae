import { msg } from '../../../core';
import { kw, p } from './helpers';
import type { CatalogEntry } from './types';

/*
 * keras-cv (keras-team/keras-cv 94b0a55, version 0.10.0), keras_cv/src/losses/focal.py, exported as
 * keras_cv.losses.FocalLoss: FocalLoss(alpha=0.25, gamma=2, from_logits=False, label_smoothing=0, **kwargs),
 * **kwargs going to keras.losses.Loss (name=None, reduction="sum_over_batch_size", dtype=None in Keras 3's
 * keras/src/losses/loss.py). call(): labels smoothed first (y * (1 - s) + 0.5 * s), sigmoid when from_logits,
 * binary cross-entropy, alpha where y_true == 1 else 1 - alpha (compared after the smoothing), times
 * (1 - p_t)^gamma, summed over the last axis. RetinaNet / FasterRCNN / MaskRCNN .compile(classification_loss="focal")
 * (case-insensitive) builds FocalLoss(from_logits=True, reduction="sum") (retinanet.py _parse_classification_loss).
 */

export const KERAS_CV_FOCAL: CatalogEntry = {
  api: 'keras_cv.losses.FocalLoss', library: 'keras_cv', kind: 'focal',
  paths: ['keras_cv.losses.FocalLoss', 'keras_cv.losses.focal.FocalLoss', 'keras_cv.src.losses.focal.FocalLoss'],
  params: [p('alpha', 0.25), p('gamma', 2), p('from_logits', false), p('label_smoothing', 0), kw('reduction', 'sum_over_batch_size')],
  alpha: { param: 'alpha', off: 'never' }, gamma: 'gamma', inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' },
  reduction: { param: 'reduction' }, extras: ['label_smoothing'],
  caveats: (c) => [
    msg('One sigmoid per element; the loss is summed over the last axis before the reduction.'),
    ...(typeof c.value('label_smoothing') === 'number' && (c.value('label_smoothing') as number) > 0
      ? [msg('label_smoothing={0}: alpha is chosen where the smoothed label equals 1, which no label does any more, so every element is weighted 1 - alpha.', c.value('label_smoothing') as number)]
      : []),
  ],
  notModeled: (c) => (c.value('label_smoothing') === 0 ? undefined : msg("keras-cv's label smoothing (and the alpha it changes) is not in the core's values, so none are shown.")),
};

export const KERAS_CV: readonly CatalogEntry[] = [KERAS_CV_FOCAL];
