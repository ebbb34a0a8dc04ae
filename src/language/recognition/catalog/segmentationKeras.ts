import { msg } from '../../../core';
import { mayBeSet, p } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/*
 * qubvel/segmentation_models (Keras; `import segmentation_models as sm`, `sm.losses.BinaryFocalLoss()`),
 * checked at its tags v1.0.0 (the losses' file as 1.0.0 shipped) and 1.0.1 (3a86bd4 losses.py, d71189c
 * base/functional.py, "Fix FocalLoss (#259)"):
 * - base/functional.py, both versions: categorical_crossentropy(gt, pr, class_weights=1., class_indexes=None)
 *   normalises pr over the channel axis, clips to [eps, 1 - eps], returns -mean(gt * log(pr) * class_weights)
 *   (the mean over every element, the class axis included); binary_crossentropy(gt, pr) =
 *   mean(K.binary_crossentropy(gt, pr)); categorical_focal_loss(gt, pr, gamma=2.0, alpha=0.25,
 *   class_indexes=None) = mean(-gt * alpha * (1 - pr)^gamma * log(pr)) on clipped probabilities (alpha on
 *   every class). binary_focal_loss(gt, pr, gamma=2.0, alpha=0.25) weights the negatives' term by alpha in
 *   1.0.0 and by 1 - alpha in 1.0.1.
 * - losses.py: BinaryCELoss() and CategoricalCELoss(class_weights=None, class_indexes=None) call those;
 *   BinaryFocalLoss(alpha=0.25, gamma=2.) and CategoricalFocalLoss(alpha=0.25, gamma=2., class_indexes=None)
 *   pass (self.alpha, self.gamma) by position into (gamma, alpha) in 1.0.0 (issue #258) and by keyword in
 *   1.0.1. Which version is installed is not in the file: those values are shown without a table.
 * The combinations (bce_jaccard_loss = binary_crossentropy + jaccard_loss, ...) add a Jaccard / Dice term
 * the core does not model: not in the catalog.
 */

const VERSIONS = msg('segmentation_models 1.0.0 and 1.0.1 compute this differently (1.0.0 swaps alpha and gamma and weights the negatives by alpha, fixed by #259), and the installed version is not in the file: no values are shown.');
const CLASS_WEIGHTS = (c: CallFacts) =>
  mayBeSet(c, 'class_weights') ? msg('Class weights are not in the core\'s values, so none are shown.') : undefined;

const losses = (name: string) => [`segmentation_models.losses.${name}`];
const functional = (name: string) => [`segmentation_models.base.functional.${name}`];

export const SEGMENTATION_KERAS: readonly CatalogEntry[] = [
  {
    api: 'segmentation_models.losses.BinaryCELoss', library: 'segmentation_models', kind: 'ce', paths: losses('BinaryCELoss'),
    params: [], gamma: 0, inputs: 'probabilities', reduction: { fixed: 'mean over every element' }, extras: [],
  },
  {
    api: 'segmentation_models.losses.CategoricalCELoss', library: 'segmentation_models', kind: 'ce', paths: losses('CategoricalCELoss'),
    params: [p('class_weights', null), p('class_indexes', null)], gamma: 0, inputs: 'probabilities', classModel: 'softmax',
    reduction: { fixed: 'mean over every element (the class axis included)' }, extras: ['class_weights', 'class_indexes'], notModeled: CLASS_WEIGHTS,
  },
  ...(['BinaryFocalLoss', 'CategoricalFocalLoss'] as const).map((name): CatalogEntry => ({
    api: `segmentation_models.losses.${name}`, library: 'segmentation_models', kind: 'focal', paths: losses(name),
    params: [p('alpha', 0.25), p('gamma', 2.0), ...(name === 'CategoricalFocalLoss' ? [p('class_indexes', null)] : [])],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'probabilities', ...(name === 'CategoricalFocalLoss' ? { classModel: 'softmax' as const } : {}),
    reduction: { fixed: 'mean over every element' }, extras: [], notModeled: () => VERSIONS,
  })),
  {
    api: 'segmentation_models.base.functional.categorical_focal_loss', library: 'segmentation_models', kind: 'focal', paths: functional('categorical_focal_loss'),
    params: [p('gt'), p('pr'), p('gamma', 2.0), p('alpha', 0.25), p('class_indexes', null)],
    alpha: { param: 'alpha', off: 'none' }, alphaWeighting: 'every', gamma: 'gamma', inputs: 'probabilities', classModel: 'softmax', predictionParam: 'pr',
    reduction: { fixed: 'mean over every element' }, extras: [],
  },
  {
    api: 'segmentation_models.base.functional.binary_focal_loss', library: 'segmentation_models', kind: 'focal', paths: functional('binary_focal_loss'),
    params: [p('gt'), p('pr'), p('gamma', 2.0), p('alpha', 0.25)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'probabilities', predictionParam: 'pr',
    reduction: { fixed: 'mean over every element' }, extras: [], notModeled: () => VERSIONS,
  },
];
