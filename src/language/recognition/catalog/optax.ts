import { msg } from '../../../core';
import { kw, p } from './helpers';
import type { CatalogEntry } from './types';

/*
 * optax (optax/losses/_classification.py at google-deepmind/optax 2edbcbe, Aug 2026): every loss is
 * defined in optax.losses._classification, re-exported by optax.losses and aliased in optax's
 * top-level namespace (optax/__init__.py: `sigmoid_binary_cross_entropy = losses.sigmoid_binary_cross_entropy`).
 * Signatures read there: sigmoid_binary_cross_entropy(logits, labels), safe_softmax_cross_entropy(logits, labels),
 * softmax_cross_entropy(logits, labels, axis=-1, where=None), sigmoid_focal_loss(logits, labels, *, alpha=None, gamma=2.0).
 */

const paths = (name: string) => [`optax.${name}`, `optax.losses.${name}`, `optax.losses._classification.${name}`];

export const OPTAX: readonly CatalogEntry[] = [
  {
    api: 'optax.sigmoid_focal_loss', library: 'optax', kind: 'focal',
    paths: paths('sigmoid_focal_loss'),
    params: [p('logits'), p('labels'), kw('alpha', null), kw('gamma', 2.0)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'logits',
    reduction: { fixed: 'none (element-wise)' }, extras: [],
    caveats: (c) => [
      ...(!c.explicit('alpha') ? [msg("optax's alpha defaults to None: no alpha weighting.")] : []),
      ...(c.value('gamma') === 0 ? [msg('gamma=0.0 gave NaN gradients through pow(0, 0) in older optax (optax#1267).')] : []),
    ],
  },
  {
    api: 'optax.sigmoid_binary_cross_entropy', library: 'optax', kind: 'ce',
    paths: paths('sigmoid_binary_cross_entropy'),
    params: [p('logits'), p('labels')],
    gamma: 0, inputs: 'logits', predictionParam: 'logits', reduction: { fixed: 'none (element-wise)' }, extras: [],
  },
  ...(['softmax_cross_entropy', 'softmax_cross_entropy_with_integer_labels'] as const).map((name): CatalogEntry => ({
    api: `optax.${name}`, library: 'optax', kind: 'ce',
    paths: paths(name),
    params: [p('logits'), p('labels'), p('axis', -1), p('where', null)],
    gamma: 0, inputs: 'logits', classModel: 'softmax', predictionParam: 'logits', reduction: { fixed: 'none (one value per sample)' }, extras: [],
    caveats: () => [name.endsWith('integer_labels') ? msg('Integer class labels.') : msg('Each row of labels is a probability distribution (one-hot or soft).')],
  })),
  {
    api: 'optax.safe_softmax_cross_entropy', library: 'optax', kind: 'ce',
    paths: paths('safe_softmax_cross_entropy'),
    params: [p('logits'), p('labels')],
    gamma: 0, inputs: 'logits', classModel: 'softmax', predictionParam: 'logits', reduction: { fixed: 'none (one value per sample)' }, extras: [],
    caveats: () => [msg('Each row of labels is a probability distribution; logits of -inf give 0, not NaN, where their label is 0.')],
  },
];
