/*
 * The losses the lint checks, by recognition's api name: what they do to their prediction (apply a
 * softmax / sigmoid themselves, or take probabilities or log-probabilities) and where the prediction
 * is in the call (position and keyword names). Keras losses take (y_true, y_pred) when called.
 */

/** PyTorch's deprecated reduction keywords, which its losses still take and which override `reduction=` (torch/nn/_reduction.py). */
export const LEGACY_REDUCTION_KEYWORDS: ReadonlySet<string> = new Set(['size_average', 'reduce']);

export type LossFamily =
  /** Applies log_softmax itself: wants logits. */
  | 'softmax-logits'
  /** Applies a sigmoid itself: wants logits. */
  | 'sigmoid-logits'
  /** Wants log-probabilities. */
  | 'nll'
  /** Wants probabilities (torch BCE). */
  | 'torch-probabilities'
  /** Keras, decided by from_logits. */
  | 'keras-softmax'
  | 'keras-sigmoid';

export interface LossSpec {
  readonly family: LossFamily;
  readonly position: number;
  readonly keywords: readonly string[];
}

const TORCH_INPUT = { position: 0, keywords: ['input'] } as const;
const TF_LOGITS = { position: 1, keywords: ['logits'] } as const;
const OPTAX_LOGITS = { position: 0, keywords: ['logits'] } as const;
const KERAS_PRED = { position: 1, keywords: ['y_pred'] } as const;

const SPECS: ReadonlyMap<string, LossSpec> = new Map<string, LossSpec>([
  ['torch.nn.CrossEntropyLoss', { family: 'softmax-logits', ...TORCH_INPUT }],
  ['torch.nn.functional.cross_entropy', { family: 'softmax-logits', ...TORCH_INPUT }],
  ...['tf.nn.softmax_cross_entropy_with_logits', 'tf.nn.softmax_cross_entropy_with_logits_v2', 'tf.nn.sparse_softmax_cross_entropy_with_logits',
    'tf.compat.v1.nn.softmax_cross_entropy_with_logits', 'tf.compat.v1.nn.softmax_cross_entropy_with_logits_v2', 'tf.compat.v1.nn.sparse_softmax_cross_entropy_with_logits']
    .map((api) => [api, { family: 'softmax-logits', ...TF_LOGITS }] as const),
  ...['optax.softmax_cross_entropy', 'optax.softmax_cross_entropy_with_integer_labels', 'optax.safe_softmax_cross_entropy'].map((api) => [api, { family: 'softmax-logits', ...OPTAX_LOGITS }] as const),
  ['torch.nn.BCEWithLogitsLoss', { family: 'sigmoid-logits', ...TORCH_INPUT }],
  ['torch.nn.functional.binary_cross_entropy_with_logits', { family: 'sigmoid-logits', ...TORCH_INPUT }],
  ['torchvision.ops.sigmoid_focal_loss', { family: 'sigmoid-logits', position: 0, keywords: ['inputs'] }],
  ...['fvcore.nn.sigmoid_focal_loss', 'fvcore.nn.sigmoid_focal_loss_jit', 'fvcore.nn.sigmoid_focal_loss_star', 'fvcore.nn.sigmoid_focal_loss_star_jit'].map((api) => [api, { family: 'sigmoid-logits', position: 0, keywords: ['inputs'] }] as const),
  ['tf.nn.sigmoid_cross_entropy_with_logits', { family: 'sigmoid-logits', ...TF_LOGITS }],
  // TF 1's tf.losses (tf.compat.v1.losses): (labels, logits, weights, ...), the logits second.
  ...['tf.losses.sigmoid_cross_entropy', 'tf.compat.v1.losses.sigmoid_cross_entropy'].map((api) => [api, { family: 'sigmoid-logits', ...TF_LOGITS }] as const),
  ...['tf.losses.softmax_cross_entropy', 'tf.compat.v1.losses.softmax_cross_entropy', 'tf.losses.sparse_softmax_cross_entropy', 'tf.compat.v1.losses.sparse_softmax_cross_entropy']
    .map((api) => [api, { family: 'softmax-logits', ...TF_LOGITS }] as const),
  ['tf.nn.weighted_cross_entropy_with_logits', { family: 'sigmoid-logits', ...TF_LOGITS }],
  ['optax.sigmoid_binary_cross_entropy', { family: 'sigmoid-logits', ...OPTAX_LOGITS }],
  ['optax.sigmoid_focal_loss', { family: 'sigmoid-logits', ...OPTAX_LOGITS }],
  ['torch.nn.NLLLoss', { family: 'nll', ...TORCH_INPUT }],
  ['torch.nn.functional.nll_loss', { family: 'nll', ...TORCH_INPUT }],
  ['torch.nn.BCELoss', { family: 'torch-probabilities', ...TORCH_INPUT }],
  ['torch.nn.functional.binary_cross_entropy', { family: 'torch-probabilities', ...TORCH_INPUT }],
  ...['CategoricalCrossentropy', 'SparseCategoricalCrossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'CategoricalFocalCrossentropy', 'categorical_focal_crossentropy']
    .map((name) => [`keras.losses.${name}`, { family: 'keras-softmax', ...KERAS_PRED }] as const),
  ...['BinaryCrossentropy', 'binary_crossentropy', 'BinaryFocalCrossentropy', 'binary_focal_crossentropy'].map((name) => [`keras.losses.${name}`, { family: 'keras-sigmoid', ...KERAS_PRED }] as const),
]);

export function lossSpec(api: string): LossSpec | undefined {
  return SPECS.get(api);
}

/** Keras losses given as strings to `compile(loss=...)`: probabilities (from_logits=False), and the class that takes from_logits. */
export const KERAS_LOSS_STRINGS: ReadonlyMap<string, { readonly family: 'keras-softmax' | 'keras-sigmoid'; readonly className: string }> = new Map([
  ['binary_crossentropy', { family: 'keras-sigmoid', className: 'BinaryCrossentropy' }],
  ['bce', { family: 'keras-sigmoid', className: 'BinaryCrossentropy' }],
  ['binary_focal_crossentropy', { family: 'keras-sigmoid', className: 'BinaryFocalCrossentropy' }],
  ['categorical_crossentropy', { family: 'keras-softmax', className: 'CategoricalCrossentropy' }],
  ['sparse_categorical_crossentropy', { family: 'keras-softmax', className: 'SparseCategoricalCrossentropy' }],
] as const);

/** The API's short name for messages: 'CrossEntropyLoss', 'F.cross_entropy' as written, ... */
export function shortName(api: string): string {
  return api.slice(api.lastIndexOf('.') + 1);
}

/** Whether the API is a class (calling it builds the loss; calling the instance computes it). */
export function isLossClass(api: string): boolean {
  return /^[A-Z]/.test(shortName(api));
}
