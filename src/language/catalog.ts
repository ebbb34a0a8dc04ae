import type { LossKind } from '../core';
import type { ClassModel, InputsKind } from './lossCall';
import { scalarOf } from './arrayValues';

/*
 * The one catalog of loss APIs Loss Lens recognizes. Source of truth: each library's own signature
 * and defaults (torchvision/ops/focal_loss.py, fvcore/nn/focal_loss.py, mmdet/models/losses/
 * focal_loss.py, keras/src/losses/losses.py, optax/losses/_classification.py, ...). Parameters are
 * listed in positional order so positional arguments map by the library's signature; `keywordOnly`
 * marks parameters after a bare `*`.
 */

export type Literal = number | string | boolean | null;

export interface ParamSpec {
  readonly name: string;
  /** The library's default; absent with `required` for parameters the caller must pass. */
  readonly default?: Literal;
  readonly required?: boolean;
  readonly keywordOnly?: boolean;
}

/** A property of the API that is fixed, or decided by one of its boolean parameters (Keras from_logits). */
export type Flagged<T extends string> = T | { readonly flag: string; readonly whenTrue: T; readonly whenFalse: T };

/** How the API turns alpha off. */
export type AlphaOff =
  | 'negative' // torchvision / fvcore: alpha < 0 (conventionally -1)
  | 'none' // optax, MONAI, smp: alpha=None
  | 'zero-or-none' // TF Addons: 0 or None
  | 'needs-class-balancing'; // Keras: alpha ignored unless apply_class_balancing=True

/** What a caveat rule sees of one call: resolved values by parameter name, and argument source text. */
export interface CallFacts {
  value(name: string): unknown;
  /** Whether the value of `name` is known (explicit, default or resolved). */
  known(name: string): boolean;
  explicit(name: string): boolean;
  /** Source text of the argument, '' when not written. */
  argText(name: string): string;
}

export interface CatalogEntry {
  readonly api: string;
  readonly library: string;
  readonly kind: LossKind;
  /** Fully qualified names the API can be reached by. */
  readonly paths: readonly string[];
  readonly params: readonly ParamSpec[];
  /** Alpha parameter and how it is switched off; absent: the API has no alpha (null). */
  readonly alpha?: { readonly param: string; readonly off: AlphaOff };
  /** Gamma parameter name, or a fixed value (0 for the cross-entropy family). */
  readonly gamma: string | number;
  /** What the predictions must be: fixed, or decided by a boolean flag. */
  readonly inputs: Flagged<InputsKind>;
  /** Softmax over classes, or a flag that switches it on (MONAI use_softmax); absent: one sigmoid per element. */
  readonly classModel?: Flagged<ClassModel>;
  /** The parameter holding the prediction tensor (checked for a sigmoid applied before the call). */
  readonly predictionParam?: string;
  readonly reduction: { readonly param: string } | { readonly fixed: string };
  /** What reduction='mean' divides by, where that is not "every element" (PyTorch's weighted CE). */
  readonly meanDivisor?: string;
  readonly extras: readonly string[];
  readonly caveats?: (call: CallFacts) => string[];
}

const p = (name: string, defaultValue?: Literal): ParamSpec => (defaultValue === undefined ? { name, required: true } : { name, default: defaultValue });
const kw = (name: string, defaultValue: Literal): ParamSpec => ({ name, default: defaultValue, keywordOnly: true });

const kerasPaths = (name: string) => ['keras.losses', 'tensorflow.keras.losses', 'tf_keras.losses', 'keras.src.losses', 'keras.src.losses.losses', 'tensorflow.python.keras.losses'].map((m) => `${m}.${name}`);

/** What PyTorch's reduction='mean' of cross_entropy / nll_loss divides the summed loss by. */
const TORCH_CE_MEAN = "the sum divided by the summed weight of the targets' classes (the number of targets without weight=); targets equal to ignore_index count in neither";

const REDUCTION_MEAN_NOT_PAPER = (c: CallFacts) => (c.value('reduction') === 'mean' ? ["reduction='mean' averages over every element, not the paper's sum divided by the number of positive anchors."] : []);
const KERAS_LABEL_SMOOTHING = (c: CallFacts) => {
  const s = c.value('label_smoothing');
  return typeof s === 'number' && s > 0 ? [`label_smoothing=${s} is applied to the targets before p_t, so the modulating factor never sees hard 0/1 targets.`] : [];
};
const KERAS_CLIP = (c: CallFacts) => (c.value('from_logits') === false ? ['Keras clips probabilities to [1e-7, 1 - 1e-7], so the loss of one element is at most about 16.1.'] : []);
const BCE_ON_PROBS = (c: CallFacts) =>
  /sigmoid/.test(c.argText('input'))
    ? ['BCE on sigmoid outputs loses precision and clamps log at -100; binary_cross_entropy_with_logits on the logits is the stable form.']
    : ['Expects probabilities; log is clamped at -100, so saturated predictions give at most 100 per element. The logits form is more stable.'];
const POS_WEIGHT = (c: CallFacts) => {
  const w = scalarOf(c.value('pos_weight'));
  return w !== undefined && w > 0
    ? [`pos_weight=${w} multiplies the positive term: the same shape as alpha-balanced CE with alpha = ${round(w / (1 + w))}, scaled by ${round(1 + w)}.`]
    : [];
};
const CE_LABEL_SMOOTHING = (c: CallFacts) => {
  const s = c.value('label_smoothing');
  return typeof s === 'number' && s > 0 ? [`label_smoothing=${s} mixes the targets with a uniform distribution before the loss.`] : [];
};

function round(x: number): string {
  return String(Math.round(x * 1000) / 1000);
}

export const CATALOG: readonly CatalogEntry[] = [
  {
    api: 'torchvision.ops.sigmoid_focal_loss', library: 'torchvision', kind: 'focal',
    paths: ['torchvision.ops.sigmoid_focal_loss', 'torchvision.ops.focal_loss.sigmoid_focal_loss'],
    params: [p('inputs'), p('targets'), p('alpha', 0.25), p('gamma', 2), p('reduction', 'none')],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'inputs',
    reduction: { param: 'reduction' }, extras: [],
    caveats: (c) => {
      const a = c.value('alpha');
      return [...(typeof a === 'number' && a > 1 ? [`alpha=${a} > 1: recent torchvision raises ValueError (alpha must be in [0, 1], or -1 for none).`] : []), ...REDUCTION_MEAN_NOT_PAPER(c)];
    },
  },
  ...(['sigmoid_focal_loss', 'sigmoid_focal_loss_jit'] as const).map((name): CatalogEntry => ({
    api: `fvcore.nn.${name}`, library: 'fvcore', kind: 'focal',
    paths: [`fvcore.nn.${name}`, `fvcore.nn.focal_loss.${name}`],
    params: [p('inputs'), p('targets'), p('alpha', -1), p('gamma', 2), p('reduction', 'none')],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'inputs',
    reduction: { param: 'reduction' }, extras: [],
    caveats: (c) => [...(!c.explicit('alpha') ? ["fvcore's alpha defaults to -1 (no alpha weighting), unlike torchvision's 0.25."] : []), ...REDUCTION_MEAN_NOT_PAPER(c)],
  })),
  ...(['sigmoid_focal_loss_star', 'sigmoid_focal_loss_star_jit'] as const).map((name): CatalogEntry => ({
    api: `fvcore.nn.${name}`, library: 'fvcore', kind: 'focal-star',
    paths: [`fvcore.nn.${name}`, `fvcore.nn.focal_loss.${name}`],
    params: [p('inputs'), p('targets'), p('alpha', -1), p('gamma', 1), p('reduction', 'none')],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'inputs',
    reduction: { param: 'reduction' }, extras: [],
    caveats: () => ['FL* here has no beta (beta = 0): loss = -log sigmoid(gamma * x_t) / gamma.'],
  })),
  {
    api: 'mmdet.models.losses.FocalLoss', library: 'mmdet', kind: 'focal',
    paths: ['mmdet.models.losses.FocalLoss', 'mmdet.models.FocalLoss', 'mmdet.models.losses.focal_loss.FocalLoss'],
    params: [p('use_sigmoid', true), p('gamma', 2.0), p('alpha', 0.25), p('reduction', 'mean'), p('loss_weight', 1.0), p('activated', false)],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: { flag: 'activated', whenTrue: 'probabilities', whenFalse: 'logits' },
    reduction: { param: 'reduction' }, extras: ['use_sigmoid', 'loss_weight'],
    caveats: (c) => [
      ...(c.value('use_sigmoid') === false ? ['use_sigmoid=False: mmdet FocalLoss only implements the sigmoid form and raises NotImplementedError.'] : []),
      ...(c.value('reduction') === 'mean' ? ["reduction='mean' with avg_factor divides the sum by avg_factor (usually the number of positives); without it, by every element."] : []),
    ],
  },
  {
    api: 'mmcv.ops.sigmoid_focal_loss', library: 'mmcv', kind: 'focal',
    paths: ['mmcv.ops.sigmoid_focal_loss', 'mmcv.ops.focal_loss.sigmoid_focal_loss'],
    params: [p('input'), p('target'), p('gamma', 2.0), p('alpha', 0.25), p('weight', null), p('reduction', 'mean')],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'input',
    reduction: { param: 'reduction' }, extras: ['weight'],
    caveats: () => ["Targets are class indices (N,), not one-hot; reduction='mean' divides the sum by the number of rows N."],
  },
  {
    api: 'mmcv.ops.SigmoidFocalLoss', library: 'mmcv', kind: 'focal',
    paths: ['mmcv.ops.SigmoidFocalLoss', 'mmcv.ops.focal_loss.SigmoidFocalLoss'],
    params: [p('gamma'), p('alpha'), p('weight', null), p('reduction', 'mean')],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits',
    reduction: { param: 'reduction' }, extras: ['weight'],
    caveats: () => ['Targets are class indices (N,), not one-hot.'],
  },
  {
    api: 'tensorflow_addons.losses.SigmoidFocalCrossEntropy', library: 'tensorflow_addons', kind: 'focal',
    paths: ['tensorflow_addons.losses.SigmoidFocalCrossEntropy', 'tensorflow_addons.losses.focal_loss.SigmoidFocalCrossEntropy'],
    params: [p('from_logits', false), p('alpha', 0.25), p('gamma', 2.0), p('reduction', 'none'), p('name', 'sigmoid_focal_crossentropy')],
    alpha: { param: 'alpha', off: 'zero-or-none' }, gamma: 'gamma', inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' },
    reduction: { param: 'reduction' }, extras: [],
    caveats: () => ['TensorFlow Addons is end-of-life; the loss sums over the last axis.'],
  },
  {
    api: 'tensorflow_addons.losses.sigmoid_focal_crossentropy', library: 'tensorflow_addons', kind: 'focal',
    paths: ['tensorflow_addons.losses.sigmoid_focal_crossentropy', 'tensorflow_addons.losses.focal_loss.sigmoid_focal_crossentropy'],
    params: [p('y_true'), p('y_pred'), p('alpha', 0.25), p('gamma', 2.0), p('from_logits', false)],
    alpha: { param: 'alpha', off: 'zero-or-none' }, gamma: 'gamma', inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' },
    predictionParam: 'y_pred', reduction: { fixed: 'sum over the last axis' }, extras: [],
    caveats: () => ['TensorFlow Addons is end-of-life.'],
  },
  ...(['BinaryFocalCrossentropy', 'binary_focal_crossentropy'] as const).map((name): CatalogEntry => ({
    api: `keras.losses.${name}`, library: 'keras', kind: 'focal', paths: kerasPaths(name),
    params: [
      ...(name === 'binary_focal_crossentropy' ? [p('y_true'), p('y_pred')] : []),
      p('apply_class_balancing', false), p('alpha', 0.25), p('gamma', 2.0), p('from_logits', false), p('label_smoothing', 0.0), p('axis', -1),
      ...(name === 'BinaryFocalCrossentropy' ? [p('reduction', 'sum_over_batch_size')] : []),
    ],
    alpha: { param: 'alpha', off: 'needs-class-balancing' }, gamma: 'gamma', inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' },
    predictionParam: name === 'binary_focal_crossentropy' ? 'y_pred' : undefined,
    reduction: name === 'BinaryFocalCrossentropy' ? { param: 'reduction' } : { fixed: 'mean over the last axis (per sample)' },
    extras: ['apply_class_balancing', 'label_smoothing'],
    caveats: (c) => [
      ...(c.value('apply_class_balancing') !== true ? [`alpha has no effect unless apply_class_balancing=True${c.explicit('alpha') ? ` (alpha=${c.argText('alpha')} is ignored here)` : ''}.`] : []),
      ...KERAS_LABEL_SMOOTHING(c), ...KERAS_CLIP(c),
    ],
  })),
  ...(['CategoricalFocalCrossentropy', 'categorical_focal_crossentropy'] as const).map((name): CatalogEntry => ({
    api: `keras.losses.${name}`, library: 'keras', kind: 'focal', paths: kerasPaths(name),
    params: [
      ...(name === 'categorical_focal_crossentropy' ? [p('y_true'), p('y_pred')] : []),
      p('alpha', 0.25), p('gamma', 2.0), p('from_logits', false), p('label_smoothing', 0.0), p('axis', -1),
      ...(name === 'CategoricalFocalCrossentropy' ? [p('reduction', 'sum_over_batch_size')] : []),
    ],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' }, classModel: 'softmax',
    reduction: name === 'CategoricalFocalCrossentropy' ? { param: 'reduction' } : { fixed: 'sum over classes (per sample)' },
    extras: ['label_smoothing'],
    caveats: (c) => ['Softmax over classes; alpha multiplies every class (it is not alpha_t).', ...KERAS_LABEL_SMOOTHING(c)],
  })),
  ...(['BinaryCrossentropy', 'binary_crossentropy'] as const).map((name): CatalogEntry => ({
    api: `keras.losses.${name}`, library: 'keras', kind: 'ce', paths: kerasPaths(name),
    params: [
      ...(name === 'binary_crossentropy' ? [p('y_true'), p('y_pred')] : []),
      p('from_logits', false), p('label_smoothing', 0.0), p('axis', -1),
      ...(name === 'BinaryCrossentropy' ? [p('reduction', 'sum_over_batch_size')] : []),
    ],
    gamma: 0, inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' },
    predictionParam: name === 'binary_crossentropy' ? 'y_pred' : undefined,
    reduction: name === 'BinaryCrossentropy' ? { param: 'reduction' } : { fixed: 'mean over the last axis (per sample)' },
    extras: ['label_smoothing'],
    caveats: (c) => [...KERAS_LABEL_SMOOTHING(c), ...KERAS_CLIP(c)],
  })),
  {
    api: 'optax.sigmoid_focal_loss', library: 'optax', kind: 'focal',
    paths: ['optax.sigmoid_focal_loss', 'optax.losses.sigmoid_focal_loss', 'optax.losses._classification.sigmoid_focal_loss'],
    params: [p('logits'), p('labels'), kw('alpha', null), kw('gamma', 2.0)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'logits',
    reduction: { fixed: 'none (element-wise)' }, extras: [],
    caveats: (c) => [
      ...(!c.explicit('alpha') ? ["optax's alpha defaults to None: no alpha weighting."] : []),
      ...(c.value('gamma') === 0 ? ['gamma=0.0 gave NaN gradients through pow(0, 0) in older optax (optax#1267).'] : []),
    ],
  },
  {
    api: 'optax.sigmoid_binary_cross_entropy', library: 'optax', kind: 'ce',
    paths: ['optax.sigmoid_binary_cross_entropy', 'optax.losses.sigmoid_binary_cross_entropy'],
    params: [p('logits'), p('labels')],
    gamma: 0, inputs: 'logits', predictionParam: 'logits', reduction: { fixed: 'none (element-wise)' }, extras: [],
  },
  {
    api: 'kornia.losses.focal_loss', library: 'kornia', kind: 'focal',
    paths: ['kornia.losses.focal_loss', 'kornia.losses.focal.focal_loss'],
    params: [p('pred'), p('target'), p('alpha'), p('gamma', 2.0), p('reduction', 'none'), p('weight', null), p('ignore_index', -100)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', classModel: 'softmax', predictionParam: 'pred',
    reduction: { param: 'reduction' }, extras: ['weight'],
    caveats: () => ['Multi-class softmax focal loss: alpha becomes the class weights [1 - alpha, alpha, ...].'],
  },
  {
    api: 'kornia.losses.FocalLoss', library: 'kornia', kind: 'focal',
    paths: ['kornia.losses.FocalLoss', 'kornia.losses.focal.FocalLoss'],
    params: [p('alpha'), p('gamma', 2.0), p('reduction', 'none'), p('weight', null), p('ignore_index', -100)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', classModel: 'softmax',
    reduction: { param: 'reduction' }, extras: ['weight'],
    caveats: () => ['Multi-class softmax focal loss: alpha becomes the class weights [1 - alpha, alpha, ...].'],
  },
  {
    api: 'kornia.losses.binary_focal_loss_with_logits', library: 'kornia', kind: 'focal',
    paths: ['kornia.losses.binary_focal_loss_with_logits', 'kornia.losses.focal.binary_focal_loss_with_logits'],
    params: [p('pred'), p('target'), p('alpha', 0.25), p('gamma', 2.0), p('reduction', 'none'), p('pos_weight', null), p('weight', null), p('ignore_index', -100)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'pred',
    reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight'],
  },
  {
    api: 'kornia.losses.BinaryFocalLossWithLogits', library: 'kornia', kind: 'focal',
    paths: ['kornia.losses.BinaryFocalLossWithLogits', 'kornia.losses.focal.BinaryFocalLossWithLogits'],
    params: [p('alpha'), p('gamma', 2.0), p('reduction', 'none'), p('pos_weight', null), p('weight', null), p('ignore_index', -100)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits',
    reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight'],
  },
  {
    api: 'monai.losses.FocalLoss', library: 'monai', kind: 'focal',
    paths: ['monai.losses.FocalLoss', 'monai.losses.focal_loss.FocalLoss'],
    params: [p('include_background', true), p('to_onehot_y', false), p('gamma', 2.0), p('alpha', null), p('weight', null), p('reduction', 'mean'), p('use_softmax', false)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits', classModel: { flag: 'use_softmax', whenTrue: 'softmax', whenFalse: 'sigmoid' },
    reduction: { param: 'reduction' }, extras: ['use_softmax', 'include_background', 'to_onehot_y', 'weight'],
    caveats: (c) => (c.value('use_softmax') === true ? ['use_softmax=True: softmax focal loss over channels, not per-channel sigmoid.'] : []),
  },
  {
    api: 'segmentation_models_pytorch.losses.FocalLoss', library: 'segmentation_models_pytorch', kind: 'focal',
    paths: ['segmentation_models_pytorch.losses.FocalLoss', 'segmentation_models_pytorch.losses.focal.FocalLoss'],
    params: [p('mode'), p('alpha', null), p('gamma', 2.0), p('ignore_index', null), p('reduction', 'mean'), p('normalized', false), p('reduced_threshold', null)],
    alpha: { param: 'alpha', off: 'none' }, gamma: 'gamma', inputs: 'logits',
    reduction: { param: 'reduction' }, extras: ['mode', 'normalized', 'reduced_threshold'],
    caveats: (c) => [
      ...(/multiclass/.test(c.argText('mode')) ? ["mode 'multiclass' is one-vs-rest: a sigmoid focal loss per class, not softmax."] : []),
      ...(c.known('reduced_threshold') && c.value('reduced_threshold') !== null ? ['reduced_threshold switches to the reduced focal loss variant.'] : []),
    ],
  },
  {
    api: 'ultralytics.utils.loss.FocalLoss', library: 'ultralytics', kind: 'focal',
    paths: ['ultralytics.utils.loss.FocalLoss', 'ultralytics.yolo.utils.loss.FocalLoss'],
    params: [p('gamma', 1.5), p('alpha', 0.25)],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits',
    reduction: { fixed: '.mean(1).sum()' }, extras: [],
  },
  {
    api: 'ultralytics.utils.loss.VarifocalLoss', library: 'ultralytics', kind: 'focal',
    paths: ['ultralytics.utils.loss.VarifocalLoss', 'ultralytics.yolo.utils.loss.VarifocalLoss'],
    params: [p('gamma', 2.0), p('alpha', 0.75)],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits',
    reduction: { fixed: '.mean(1).sum()' }, extras: [],
    caveats: () => ['Varifocal loss: negatives are weighted alpha * p^gamma, positives by the IoU-aware target score; not the symmetric focal loss.'],
  },
  {
    api: 'paddle.nn.functional.sigmoid_focal_loss', library: 'paddle', kind: 'focal',
    paths: ['paddle.nn.functional.sigmoid_focal_loss', 'paddle.nn.functional.loss.sigmoid_focal_loss'],
    params: [p('logit'), p('label'), p('normalizer', null), p('alpha', 0.25), p('gamma', 2.0), p('reduction', 'sum'), p('name', null)],
    alpha: { param: 'alpha', off: 'negative' }, gamma: 'gamma', inputs: 'logits', predictionParam: 'logit',
    reduction: { param: 'reduction' }, extras: ['normalizer'],
  },
  {
    api: 'torch.nn.functional.binary_cross_entropy', library: 'torch', kind: 'ce',
    paths: ['torch.nn.functional.binary_cross_entropy'],
    params: [p('input'), p('target'), p('weight', null), p('size_average', null), p('reduce', null), p('reduction', 'mean')],
    gamma: 0, inputs: 'probabilities', reduction: { param: 'reduction' }, extras: ['weight'], caveats: BCE_ON_PROBS,
  },
  {
    api: 'torch.nn.functional.binary_cross_entropy_with_logits', library: 'torch', kind: 'ce',
    paths: ['torch.nn.functional.binary_cross_entropy_with_logits'],
    params: [p('input'), p('target'), p('weight', null), p('size_average', null), p('reduce', null), p('reduction', 'mean'), p('pos_weight', null)],
    gamma: 0, inputs: 'logits', predictionParam: 'input', reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight'], caveats: POS_WEIGHT,
  },
  {
    api: 'torch.nn.functional.cross_entropy', library: 'torch', kind: 'ce',
    paths: ['torch.nn.functional.cross_entropy'],
    params: [p('input'), p('target'), p('weight', null), p('size_average', null), p('ignore_index', -100), p('reduce', null), p('reduction', 'mean'), p('label_smoothing', 0.0)],
    gamma: 0, inputs: 'logits', classModel: 'softmax', predictionParam: 'input', reduction: { param: 'reduction' }, meanDivisor: TORCH_CE_MEAN, extras: ['label_smoothing', 'weight', 'ignore_index'],
    caveats: (c) => ['Softmax cross-entropy over classes (dim 1).', ...CE_LABEL_SMOOTHING(c)],
  },
  {
    api: 'torch.nn.BCELoss', library: 'torch', kind: 'ce',
    paths: ['torch.nn.BCELoss', 'torch.nn.modules.loss.BCELoss'],
    params: [p('weight', null), p('size_average', null), p('reduce', null), p('reduction', 'mean')],
    gamma: 0, inputs: 'probabilities', reduction: { param: 'reduction' }, extras: ['weight'],
    caveats: () => ['Expects probabilities; log is clamped at -100. BCEWithLogitsLoss on logits is the stable form.'],
  },
  {
    api: 'torch.nn.BCEWithLogitsLoss', library: 'torch', kind: 'ce',
    paths: ['torch.nn.BCEWithLogitsLoss', 'torch.nn.modules.loss.BCEWithLogitsLoss'],
    params: [p('weight', null), p('size_average', null), p('reduce', null), p('reduction', 'mean'), p('pos_weight', null)],
    gamma: 0, inputs: 'logits', reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight'], caveats: POS_WEIGHT,
  },
  {
    api: 'torch.nn.CrossEntropyLoss', library: 'torch', kind: 'ce',
    paths: ['torch.nn.CrossEntropyLoss', 'torch.nn.modules.loss.CrossEntropyLoss'],
    params: [p('weight', null), p('size_average', null), p('ignore_index', -100), p('reduce', null), p('reduction', 'mean'), p('label_smoothing', 0.0)],
    gamma: 0, inputs: 'logits', classModel: 'softmax', reduction: { param: 'reduction' }, meanDivisor: TORCH_CE_MEAN, extras: ['label_smoothing', 'weight', 'ignore_index'],
    caveats: (c) => ['Softmax cross-entropy over classes (dim 1).', ...CE_LABEL_SMOOTHING(c)],
  },
  {
    api: 'torch.nn.functional.nll_loss', library: 'torch', kind: 'ce',
    paths: ['torch.nn.functional.nll_loss'],
    params: [p('input'), p('target'), p('weight', null), p('size_average', null), p('ignore_index', -100), p('reduce', null), p('reduction', 'mean')],
    gamma: 0, inputs: 'log-probabilities', classModel: 'softmax', predictionParam: 'input', reduction: { param: 'reduction' }, meanDivisor: TORCH_CE_MEAN, extras: ['weight', 'ignore_index'],
  },
  ...(['NLLLoss', 'NLLLoss2d'] as const).map((name): CatalogEntry => ({
    api: `torch.nn.${name}`, library: 'torch', kind: 'ce',
    paths: [`torch.nn.${name}`, `torch.nn.modules.loss.${name}`],
    params: [p('weight', null), p('size_average', null), p('ignore_index', -100), p('reduce', null), p('reduction', 'mean')],
    gamma: 0, inputs: 'log-probabilities', classModel: 'softmax', reduction: { param: 'reduction' }, meanDivisor: TORCH_CE_MEAN, extras: ['weight', 'ignore_index'],
    caveats: () => (name === 'NLLLoss2d' ? ['NLLLoss2d is deprecated: NLLLoss takes (N, C, H, W) inputs directly.'] : []),
  })),
  ...(['CategoricalCrossentropy', 'categorical_crossentropy'] as const).map((name): CatalogEntry => ({
    api: `keras.losses.${name}`, library: 'keras', kind: 'ce', paths: kerasPaths(name),
    params: [
      ...(name === 'categorical_crossentropy' ? [p('y_true'), p('y_pred')] : []),
      p('from_logits', false), p('label_smoothing', 0.0), p('axis', -1),
      ...(name === 'CategoricalCrossentropy' ? [p('reduction', 'sum_over_batch_size')] : []),
    ],
    gamma: 0, inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' }, classModel: 'softmax',
    predictionParam: name === 'categorical_crossentropy' ? 'y_pred' : undefined,
    reduction: name === 'CategoricalCrossentropy' ? { param: 'reduction' } : { fixed: 'none (one value per sample)' },
    extras: ['label_smoothing'],
    caveats: (c) => ['One-hot (or soft) targets over the last axis.', ...CE_LABEL_SMOOTHING(c), ...KERAS_CLIP(c)],
  })),
  ...(['SparseCategoricalCrossentropy', 'sparse_categorical_crossentropy'] as const).map((name): CatalogEntry => ({
    api: `keras.losses.${name}`, library: 'keras', kind: 'ce', paths: kerasPaths(name),
    params: [
      ...(name === 'sparse_categorical_crossentropy' ? [p('y_true'), p('y_pred')] : []),
      p('from_logits', false), p('ignore_class', null),
      ...(name === 'SparseCategoricalCrossentropy' ? [p('reduction', 'sum_over_batch_size')] : [p('axis', -1)]),
    ],
    gamma: 0, inputs: { flag: 'from_logits', whenTrue: 'logits', whenFalse: 'probabilities' }, classModel: 'softmax',
    predictionParam: name === 'sparse_categorical_crossentropy' ? 'y_pred' : undefined,
    reduction: name === 'SparseCategoricalCrossentropy' ? { param: 'reduction' } : { fixed: 'none (one value per sample)' },
    extras: ['ignore_class'],
    caveats: (c) => ['Integer class targets.', ...KERAS_CLIP(c)],
  })),
  ...([
    { name: 'softmax_cross_entropy_with_logits', params: [p('labels'), p('logits'), p('axis', -1), p('name', null)], v1: false },
    { name: 'softmax_cross_entropy_with_logits_v2', params: [p('labels'), p('logits'), p('axis', null), p('name', null), p('dim', null)], v1: false },
    { name: 'softmax_cross_entropy_with_logits', params: [p('_sentinel', null), p('labels', null), p('logits', null), p('dim', -1), p('name', null), p('axis', null)], v1: true },
    { name: 'sparse_softmax_cross_entropy_with_logits', params: [p('labels'), p('logits'), p('name', null)], v1: false },
    { name: 'sparse_softmax_cross_entropy_with_logits', params: [p('_sentinel', null), p('labels', null), p('logits', null), p('name', null)], v1: true },
  ] as const).map(({ name, params, v1 }): CatalogEntry => ({
    api: `tf.${v1 ? 'compat.v1.' : ''}nn.${name}`, library: 'tensorflow', kind: 'ce',
    paths: v1 ? [`tensorflow.compat.v1.nn.${name}`] : [`tensorflow.nn.${name}`, ...(name.endsWith('_v2') ? [`tensorflow.compat.v1.nn.${name}`] : [])],
    params, gamma: 0, inputs: 'logits', classModel: 'softmax', predictionParam: 'logits',
    reduction: { fixed: 'none (one value per sample)' }, extras: [],
    caveats: () => [name.startsWith('sparse') ? 'Integer class labels; the loss per sample, reduce it yourself.' : 'Each row of labels must be a probability distribution; the loss per sample, reduce it yourself.'],
  })),
  {
    api: 'tf.nn.sigmoid_cross_entropy_with_logits', library: 'tensorflow', kind: 'ce',
    paths: ['tensorflow.nn.sigmoid_cross_entropy_with_logits', 'tensorflow.compat.v1.nn.sigmoid_cross_entropy_with_logits'],
    params: [p('labels', null), p('logits', null), p('name', null)],
    gamma: 0, inputs: 'logits', predictionParam: 'logits', reduction: { fixed: 'none (element-wise)' }, extras: [],
  },
  {
    api: 'tf.nn.weighted_cross_entropy_with_logits', library: 'tensorflow', kind: 'ce',
    paths: ['tensorflow.nn.weighted_cross_entropy_with_logits'],
    params: [p('labels'), p('logits'), p('pos_weight'), p('name', null)],
    gamma: 0, inputs: 'logits', predictionParam: 'logits', reduction: { fixed: 'none (element-wise)' }, extras: ['pos_weight'], caveats: POS_WEIGHT,
  },
  ...(['softmax_cross_entropy', 'softmax_cross_entropy_with_integer_labels'] as const).map((name): CatalogEntry => ({
    api: `optax.${name}`, library: 'optax', kind: 'ce',
    paths: [`optax.${name}`, `optax.losses.${name}`, `optax.losses._classification.${name}`],
    params: [p('logits'), p('labels'), p('axis', -1), p('where', null)],
    gamma: 0, inputs: 'logits', classModel: 'softmax', predictionParam: 'logits', reduction: { fixed: 'none (one value per sample)' }, extras: [],
    caveats: () => [name.endsWith('integer_labels') ? 'Integer class labels.' : 'Each row of labels is a probability distribution (one-hot or soft).'],
  })),
];

/** mmdet config dicts: dict(type='FocalLoss', ...) and {'type': 'FocalLoss', ...}; every parameter is a keyword. */
export const MMDET_CONFIG_TYPES = new Set(['FocalLoss', 'mmdet.FocalLoss']);
export const MMDET_FOCAL_LOSS: CatalogEntry = CATALOG.find((e) => e.api === 'mmdet.models.losses.FocalLoss')!;

/** Catalog entries by fully qualified name. */
export const BY_PATH: ReadonlyMap<string, CatalogEntry> = new Map(CATALOG.flatMap((e) => e.paths.map((path) => [path, e] as const)));

/** Last segments of every known path: a call whose last name is not here (nor the user's own) is not a loss call. */
export const KNOWN_NAMES: ReadonlySet<string> = new Set(CATALOG.flatMap((e) => e.paths.map((path) => path.slice(path.lastIndexOf('.') + 1))));

/**
 * Heads a fully qualified call conventionally starts with, used only when the file binds that head
 * to nothing (a notebook cell without its import cell): `F.cross_entropy`, `nn.BCELoss`, `tf.keras...`.
 */
export const CONVENTIONAL_HEADS: ReadonlyMap<string, string> = new Map([
  ['F', 'torch.nn.functional'], ['nn', 'torch.nn'], ['tf', 'tensorflow'], ['tfa', 'tensorflow_addons'], ['smp', 'segmentation_models_pytorch'],
  ...['torch', 'torchvision', 'fvcore', 'mmcv', 'mmdet', 'keras', 'tensorflow', 'tensorflow_addons', 'optax', 'kornia', 'monai', 'segmentation_models_pytorch', 'ultralytics', 'paddle'].map((m) => [m, m] as [string, string]),
]);

/** detectron2 config keys (Python `cfg.MODEL.RETINANET.FOCAL_LOSS_GAMMA = 2.0` and YAML). */
export const DETECTRON2_DEFAULTS = { FOCAL_LOSS_ALPHA: 0.25, FOCAL_LOSS_GAMMA: 2.0 } as const;
/** ultralytics / YOLOv5 hyperparameter: focal loss gamma, 0 = focal loss off; alpha fixed at 0.25. */
export const ULTRALYTICS_FL_ALPHA = 0.25;
