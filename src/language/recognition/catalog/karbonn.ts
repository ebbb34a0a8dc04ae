import { msg } from '../../../core';
import { p } from './helpers';
import type { CatalogEntry } from './types';

/*
 * karbonn's binary focal losses (durandtibo/karbonn d0d6d0e, 0.0.4a0; the focal files last changed in 0db844c):
 * - src/karbonn/functional/loss/focal.py: binary_focal_loss(prediction, target, alpha=0.25, gamma=2.0,
 *   reduction="mean") on probabilities (F.binary_cross_entropy) and binary_focal_loss_with_logits(<the same>) on
 *   logits (a sigmoid, F.binary_cross_entropy_with_logits); both weight (1 - p_t)^gamma and, when alpha >= 0,
 *   alpha_t = alpha * target + (1 - alpha) * (1 - target) (torchvision's form), then reduce_loss
 *   (functional/reduction.py: "mean" over every element, "sum", "none", "batchmean" = the sum over the size of
 *   the first dimension). Exported by karbonn.functional and karbonn.functional.loss.
 * - src/karbonn/modules/loss/focal.py: BinaryFocalLoss(alpha=0.25, gamma=2.0, reduction="mean") and
 *   BinaryFocalLossWithLogits(<the same>) call those functions; gamma < 0 raises ValueError. Exported by
 *   karbonn.modules and karbonn.modules.loss (not by the root package).
 */

const FORMS = [
  { name: 'binary_focal_loss', module: 'functional', logits: false },
  { name: 'binary_focal_loss_with_logits', module: 'functional', logits: true },
  { name: 'BinaryFocalLoss', module: 'modules', logits: false },
  { name: 'BinaryFocalLossWithLogits', module: 'modules', logits: true },
] as const;

export const KARBONN: readonly CatalogEntry[] = FORMS.map(({ name, module, logits }): CatalogEntry => ({
  api: `karbonn.${module}.${name}`, library: 'karbonn', kind: 'focal',
  paths: [`karbonn.${module}.${name}`, `karbonn.${module}.loss.${name}`, `karbonn.${module}.loss.focal.${name}`],
  params: [...(module === 'functional' ? [p('prediction'), p('target')] : []), p('alpha', 0.25), p('gamma', 2.0), p('reduction', 'mean')],
  alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: logits ? 'logits' : 'probabilities',
  ...(module === 'functional' ? { predictionParam: 'prediction' } : {}),
  reduction: { param: 'reduction' }, extras: [],
  caveats: (c) => (c.value('reduction') === 'batchmean' ? [msg("reduction='batchmean' divides the sum by the size of the first dimension (not by every element).")] : []),
}));
