import type { FocalModelText } from './focalRender';
import { FOCAL_VOCABULARIES } from './focalVocabulary';
import type { FocalFramework } from './focalVocabulary';
import { SOFTMAX_FOCAL_STEPS } from './softmaxFocalFormula';

/*
 * The text around the softmax focal loss steps: logits (N, C), integer class targets (N,), alpha
 * None or one weight per class (kornia.losses.focal_loss's weight=, F.cross_entropy's weight=), and
 * reduction "mean" by default, as a multi-class classification loss is usually used.
 */

/** The snippet's tab stop 1 for the softmax loss: no class weighting. */
export const SOFTMAX_DEFAULT_ALPHA_TEXT = 'None';

interface FrameworkSpecifics {
  readonly imports: readonly string[];
  /** The framework's own per-sample cross-entropy for integer labels: what gamma = 0 without alpha gives. */
  readonly crossEntropy: string;
  readonly prologue: readonly string[];
  /** Makes alpha a tensor of the logits' dtype (a list of Python floats must not pass through float32). */
  readonly castAlpha: string;
  /** An extra docstring paragraph. */
  readonly note: readonly string[];
}

const TYPING = 'from typing import Optional, Sequence, Union';

const SPECIFICS: Readonly<Record<FocalFramework, FrameworkSpecifics>> = {
  pytorch: {
    imports: [TYPING, '', 'import torch', 'import torch.nn.functional as F'],
    crossEntropy: 'F.cross_entropy(inputs, targets, reduction="none")',
    prologue: ['targets = targets.long()  # gather and scatter take int64 indices'],
    castAlpha: 'alpha = torch.as_tensor(alpha, dtype=inputs.dtype, device=inputs.device)',
    note: ['"mean" divides by N; F.cross_entropy(weight=alpha) divides by the summed weights of the targets.'],
  },
  tensorflow: {
    imports: [TYPING, '', 'import tensorflow as tf'],
    crossEntropy: 'tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)',
    prologue: [],
    castAlpha: 'alpha = tf.cast(tf.convert_to_tensor(alpha, dtype_hint=logits.dtype), logits.dtype)',
    note: ['One-hot labels: pass tf.argmax(labels, axis=1).'],
  },
  jax: {
    imports: [TYPING, '', 'import jax', 'import jax.numpy as jnp'],
    crossEntropy: 'optax.softmax_cross_entropy_with_integer_labels(logits, labels)',
    prologue: [],
    castAlpha: 'alpha = jnp.asarray(alpha, dtype=logits.dtype)',
    note: ['reduction is a Python string: mark it static under jax.jit (alpha may be None or an array).'],
  },
};

export function softmaxFocalText(framework: FocalFramework): FocalModelText {
  const { inputs, targets, tensorType } = FOCAL_VOCABULARIES[framework];
  const s = SPECIFICS[framework];
  return {
    functionName: 'softmax_focal_loss',
    imports: s.imports,
    alphaType: `Optional[Union[Sequence[float], ${tensorType}]]`,
    alphaDefault: SOFTMAX_DEFAULT_ALPHA_TEXT,
    reductionDefault: 'mean',
    docstring: [
      'Softmax (multi-class) focal loss from logits, for integer class targets.',
      '',
      'Lin et al., "Focal Loss for Dense Object Detection", ICCV 2017, arXiv:1708.02002, eq. 5 over a',
      'softmax, as kornia.losses.focal_loss(alpha=None, weight=alpha):',
      `FL = -alpha[y] (1 - p_t)^gamma log(p_t), p = softmax(${inputs}) over the classes, p_t = p[y].`,
      '',
      'Args:',
      `    ${inputs}: logits, shape (N, C).`,
      `    ${targets}: class indices in [0, C), shape (N,).`,
      '    alpha: None (no weighting) or C class weights: a sample of class c is weighted by alpha[c].',
      '    gamma: focusing parameter >= 0; gamma = 0 gives (class-weighted) cross-entropy.',
      '    reduction: "mean" (over the N samples), "sum" or "none" (per sample).',
      '',
      'With gamma = 0, alpha = None and reduction="none" this is',
      `${s.crossEntropy}.`,
      ...s.note,
    ],
    prologue: s.prologue,
    alphaOn: 'alpha is not None',
    alphaPrologue: [s.castAlpha],
    steps: SOFTMAX_FOCAL_STEPS,
  };
}
