import { renderFocalImplementation } from './focalRender';
import type { FocalModelText } from './focalRender';
import type { FocalFramework } from './focalVocabulary';
import { sigmoidFocalText } from './sigmoidFocalText';
import { softmaxFocalText } from './softmaxFocalText';
import { piecesToSnippet, snippetToPlainCode } from './snippetText';

/*
 * What "Insert Focal Loss Implementation" offers: numerically stable focal losses from logits for
 * PyTorch, TensorFlow and JAX, sigmoid (binary / multi-label, torchvision's semantics) and softmax
 * (multi-class, integer labels), as VS Code snippets with tab stops for alpha (1) and gamma (2).
 * The code is rendered from the steps of sigmoidFocalFormula.ts and softmaxFocalFormula.ts, which
 * the tests also evaluate against the numeric core.
 */

export type { FocalFramework } from './focalVocabulary';
export { FOCAL_FRAMEWORKS } from './focalVocabulary';

/** sigmoid: one probability per logit (binary, multi-label); softmax: one distribution over C classes per row. */
export type FocalModel = 'sigmoid' | 'softmax';

export const FOCAL_MODELS: readonly FocalModel[] = ['sigmoid', 'softmax'];

/** The sigmoid ones keep the bare framework name they had before the softmax ones came. */
export type FocalImplementationId = FocalFramework | `${FocalFramework}-softmax`;

export interface FocalImplementation {
  /** What the command returns for it. */
  readonly id: FocalImplementationId;
  readonly framework: FocalFramework;
  readonly model: FocalModel;
  /** Quick pick label: framework and model. */
  readonly label: string;
  /** Quick pick detail: the primitives it is built on and whose semantics it has. */
  readonly detail: string;
  /** VS Code snippet text (SnippetString value). */
  readonly snippet: string;
}

const FRAMEWORK_NAMES: Readonly<Record<FocalFramework, string>> = { pytorch: 'PyTorch', tensorflow: 'TensorFlow', jax: 'JAX' };
const MODEL_NAMES: Readonly<Record<FocalModel, string>> = { sigmoid: 'sigmoid (binary / multi-label)', softmax: 'softmax (multi-class)' };
const MODEL_TEXTS: Readonly<Record<FocalModel, (framework: FocalFramework) => FocalModelText>> = { sigmoid: sigmoidFocalText, softmax: softmaxFocalText };

function implementation(framework: FocalFramework, model: FocalModel, detail: string): FocalImplementation {
  return {
    id: model === 'sigmoid' ? framework : `${framework}-softmax`,
    framework,
    model,
    label: `${FRAMEWORK_NAMES[framework]} · ${MODEL_NAMES[model]}`,
    detail,
    snippet: piecesToSnippet(renderFocalImplementation(framework, MODEL_TEXTS[model](framework))),
  };
}

export const SIGMOID_FOCAL_IMPLEMENTATIONS: readonly FocalImplementation[] = [
  implementation('pytorch', 'sigmoid', 'F.binary_cross_entropy_with_logits and F.logsigmoid; torchvision semantics'),
  implementation('tensorflow', 'sigmoid', 'tf.nn.sigmoid_cross_entropy_with_logits and tf.math.log_sigmoid; torchvision semantics'),
  implementation('jax', 'sigmoid', 'optax.sigmoid_binary_cross_entropy and jax.nn.log_sigmoid; torchvision semantics'),
];

export const SOFTMAX_FOCAL_IMPLEMENTATIONS: readonly FocalImplementation[] = [
  implementation('pytorch', 'softmax', 'torch.logsumexp and F.logsigmoid; integer targets, alpha per class (kornia\'s weight=)'),
  implementation('tensorflow', 'softmax', 'tf.reduce_logsumexp and tf.math.log_sigmoid; sparse integer labels, alpha per class'),
  implementation('jax', 'softmax', 'jax.nn.logsumexp and jax.nn.log_sigmoid; integer labels, alpha per class'),
];

/** All six, as the quick pick lists them: each framework's sigmoid, then its softmax. */
export const ALL_FOCAL_IMPLEMENTATIONS: readonly FocalImplementation[] = SIGMOID_FOCAL_IMPLEMENTATIONS.flatMap((sigmoid) => [
  sigmoid,
  SOFTMAX_FOCAL_IMPLEMENTATIONS.find((softmax) => softmax.framework === sigmoid.framework)!,
]);

/**
 * The sigmoid implementations under the name they had before the softmax ones: what the command's
 * `{framework}` alone inserts. test/integration/commands.test.ts still iterates this name; prefer
 * SIGMOID_FOCAL_IMPLEMENTATIONS or ALL_FOCAL_IMPLEMENTATIONS in new code.
 */
export const FOCAL_IMPLEMENTATIONS: readonly FocalImplementation[] = SIGMOID_FOCAL_IMPLEMENTATIONS;

/** The code of `implementation` with its tab stops at their defaults: for previews and tests. */
export function implementationAsPlainCode(implementation: FocalImplementation): string {
  return snippetToPlainCode(implementation.snippet);
}

export { snippetToPlainCode } from './snippetText';
