import { msg } from '../../../core';
import { p } from './helpers';
import type { CatalogEntry } from './types';

/*
 * detrex (IDEA-Research/detrex e244e6c) detrex/modeling/criterion/criterion.py, exported by
 * detrex.modeling and detrex.modeling.criterion: SetCriterion(num_classes, matcher, weight_dict,
 * losses=["class", "boxes"], eos_coef=0.1, loss_class_type="focal_loss", alpha=0.25, gamma=2.0).
 * loss_labels: "focal_loss" calls its sigmoid_focal_loss(src_logits, one-hot targets without the
 * no-object column, num_boxes, alpha, gamma) (alpha_t applied when alpha >= 0; loss.mean(1).sum() / num_boxes)
 * times the number of queries, so the sum over queries and classes divided by the number of boxes;
 * "ce_loss" is F.cross_entropy over num_classes + 1 classes with the no-object class weighted eos_coef.
 * The configs build it lazily: criterion=L(SetCriterion)(num_classes=80, ..., loss_class_type="focal_loss",
 * alpha=0.25, gamma=2.0) (projects/dab_detr/configs/models/dab_detr_r50.py and others).
 */

const paths = ['detrex.modeling.SetCriterion', 'detrex.modeling.criterion.SetCriterion', 'detrex.modeling.criterion.criterion.SetCriterion'];
const params = [p('num_classes'), p('matcher'), p('weight_dict'), p('losses'), p('eos_coef', 0.1), p('loss_class_type', 'focal_loss'), p('alpha', 0.25), p('gamma', 2.0)];

/** loss_class_type="ce_loss": softmax cross-entropy with a no-object class. */
export const DETREX_SET_CRITERION_CE: CatalogEntry = {
  api: 'detrex.modeling.SetCriterion (ce_loss)', library: 'detrex', kind: 'ce', paths: [], params,
  gamma: 0, inputs: 'logits', classModel: 'softmax', reduction: { fixed: 'mean' }, extras: ['loss_class_type', 'eos_coef', 'num_classes'],
  caveats: (c) => [msg('loss_class_type="ce_loss": F.cross_entropy over num_classes + 1 classes, the no-object class weighted eos_coef={0}; alpha and gamma are not used.', c.known('eos_coef') ? String(c.value('eos_coef')) : c.argText('eos_coef') || '?')],
};

export const DETREX_SET_CRITERION: CatalogEntry = {
  api: 'detrex.modeling.SetCriterion', library: 'detrex', kind: 'focal', paths, params,
  alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits',
  reduction: { fixed: 'sum over queries and classes / number of boxes' }, extras: ['loss_class_type', 'num_classes'],
  caveats: () => [msg('loss_class_type="focal_loss": sigmoid focal loss on the class logits against one-hot targets (no-object queries are all-negative rows).')],
  variant: { param: 'loss_class_type', others: new Map([['ce_loss', DETREX_SET_CRITERION_CE]]) },
};

export const DETREX: readonly CatalogEntry[] = [DETREX_SET_CRITERION];
