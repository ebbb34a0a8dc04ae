import type { FocalModelText } from './focalRender';
import { FOCAL_VOCABULARIES } from './focalVocabulary';
import type { FocalFramework } from './focalVocabulary';
import { SIGMOID_FOCAL_STEPS } from './sigmoidFocalFormula';

/*
 * The text around the sigmoid focal loss steps: torchvision.ops.sigmoid_focal_loss's contract
 * (logits and targets of any shape, a scalar alpha with alpha < 0 for "off", reduction "none" by
 * default), with the paper's normalisation spelled out since torchvision leaves it to the caller.
 */

/** The snippet's tab stop 1 for the sigmoid loss: the paper's alpha. */
export const SIGMOID_DEFAULT_ALPHA_TEXT = '0.25';

interface FrameworkSpecifics {
  readonly imports: readonly string[];
  readonly whose: string;
  readonly castTargets: string;
  /** An extra docstring paragraph. */
  readonly note?: string;
}

const SPECIFICS: Readonly<Record<FocalFramework, FrameworkSpecifics>> = {
  pytorch: {
    imports: ['import torch', 'import torch.nn.functional as F'],
    whose: 'torchvision.ops.sigmoid_focal_loss',
    castTargets: 'targets = targets.to(inputs.dtype)',
  },
  tensorflow: {
    imports: ['import tensorflow as tf'],
    whose: 'torchvision.ops.sigmoid_focal_loss',
    castTargets: 'labels = tf.cast(labels, logits.dtype)',
  },
  jax: {
    imports: ['import jax', 'import jax.numpy as jnp', 'import optax'],
    whose: 'torchvision.ops.sigmoid_focal_loss (optax.sigmoid_focal_loss has alpha=None for "off")',
    castTargets: 'labels = jnp.asarray(labels, dtype=logits.dtype)',
    note: 'alpha, gamma and reduction are Python values: mark them static under jax.jit.',
  },
};

export function sigmoidFocalText(framework: FocalFramework): FocalModelText {
  const { inputs, targets } = FOCAL_VOCABULARIES[framework];
  const s = SPECIFICS[framework];
  return {
    functionName: 'sigmoid_focal_loss',
    imports: s.imports,
    alphaType: 'float',
    alphaDefault: SIGMOID_DEFAULT_ALPHA_TEXT,
    reductionDefault: 'none',
    docstring: [
      `Sigmoid focal loss from logits, with the semantics of ${s.whose}.`,
      '',
      'Lin et al., "Focal Loss for Dense Object Detection", ICCV 2017, arXiv:1708.02002, eq. 5:',
      `FL(p_t) = -alpha_t (1 - p_t)^gamma log(p_t), p = sigmoid(${inputs}), p_t = p y + (1 - p)(1 - y).`,
      '',
      'Args:',
      `    ${inputs}: logits, any shape.`,
      `    ${targets}: same shape, in [0, 1] (soft targets allowed).`,
      '    alpha: weight of the positives in [0, 1], 1 - alpha for the negatives; alpha < 0 turns it off.',
      '    gamma: focusing parameter >= 0; gamma = 0 gives (alpha-balanced) cross-entropy.',
      '    reduction: "none" (per element), "mean" or "sum".',
      '',
      'The paper normalises by the number of anchors assigned to a ground-truth box, not by all',
      `anchors: sigmoid_focal_loss(${inputs}, ${targets}, reduction="sum") / max(1, num_positives).`,
      ...(s.note === undefined ? [] : ['', s.note]),
    ],
    prologue: [s.castTargets],
    alphaOn: 'alpha >= 0',
    alphaPrologue: [],
    steps: SIGMOID_FOCAL_STEPS,
  };
}
