import { msg } from '../../../core';
import { p } from './helpers';
import type { CatalogEntry } from './types';

/*
 * fizyr/keras-retinanet (7ac91df, version 1.0.0 in setup.py), keras_retinanet/losses.py: focal(alpha=0.25, gamma=2.0,
 * cutoff=0.5) returns the function compile() applies to the classification output (`model.compile(loss={'regression':
 * losses.smooth_l1(), 'classification': losses.focal()})` in keras_retinanet/bin/train.py and the scripts built on
 * it). That function drops the anchors whose state is -1, takes alpha where the label is above cutoff and 1 - alpha
 * elsewhere, (1 - p) for those labels and p elsewhere to the power gamma, times keras.backend.binary_crossentropy(labels,
 * classification) on the model's sigmoid outputs (probabilities, from_logits False), sums everything and divides by
 * the number of positive anchors (at least 1): the paper's sigmoid focal loss and its normalisation. The history of
 * that file: alpha 0.25 and gamma 2.0 are the defaults in every version; the division by the positive anchors came in
 * 9b70cbf (March 2018, first released in 0.3), before which each image's loss was divided by its own positive anchors
 * and the batch's sum by the batch size (08421ca, in 0.2), or not divided at all (37d8d41, in 0.1); cutoff came in 1564060 (May 2020; `labels == 1` before it, the same for 0 / 1 labels).
 */

export const KERAS_RETINANET: readonly CatalogEntry[] = [
  {
    api: 'keras_retinanet.losses.focal', library: 'keras_retinanet', kind: 'focal',
    paths: ['keras_retinanet.losses.focal'],
    params: [p('alpha', 0.25), p('gamma', 2.0), p('cutoff', 0.5)],
    alpha: { param: 'alpha', off: 'never' }, gamma: 'gamma', inputs: 'probabilities',
    reduction: { fixed: 'sum, divided by the number of positive anchors (at least 1)' }, extras: ['cutoff'],
    caveats: () => [
      msg("keras-retinanet's focal() returns the loss compile() applies to the classification output (its sigmoid probabilities); anchors whose state is -1 are left out, and a label above cutoff counts as positive."),
      msg("Dividing the sum by the batch's positive anchors is keras-retinanet 0.3 and later: earlier versions normalised otherwise (per image, or not at all)."),
    ],
  },
];
