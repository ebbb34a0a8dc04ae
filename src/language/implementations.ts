import { renderFocalImplementation } from './focalRender';
import type { FocalFramework } from './focalRender';
import { piecesToSnippet, snippetToPlainCode } from './snippetText';

/*
 * What "Insert Focal Loss Implementation" offers: a numerically stable sigmoid focal loss from
 * logits for PyTorch, TensorFlow and JAX, as VS Code snippets with tab stops for alpha (1) and
 * gamma (2). The code is rendered from focalFormula.ts, whose steps the tests also evaluate against
 * the numeric core.
 */

export type { FocalFramework } from './focalRender';

export interface FocalImplementation {
  readonly id: FocalFramework;
  /** Quick pick label. */
  readonly label: string;
  /** Quick pick detail: the primitives it is built on. */
  readonly detail: string;
  /** VS Code snippet text (SnippetString value). */
  readonly snippet: string;
}

function implementation(id: FocalFramework, label: string, detail: string): FocalImplementation {
  return { id, label, detail, snippet: piecesToSnippet(renderFocalImplementation(id)) };
}

export const FOCAL_IMPLEMENTATIONS: readonly FocalImplementation[] = [
  implementation('pytorch', 'PyTorch', 'F.binary_cross_entropy_with_logits and F.logsigmoid; torchvision semantics'),
  implementation('tensorflow', 'TensorFlow', 'tf.nn.sigmoid_cross_entropy_with_logits and tf.math.log_sigmoid; torchvision semantics'),
  implementation('jax', 'JAX', 'optax.sigmoid_binary_cross_entropy and jax.nn.log_sigmoid; torchvision semantics'),
];

/** The code of `implementation` with alpha and gamma at their defaults (0.25 and 2.0): for previews and tests. */
export function implementationAsPlainCode(implementation: FocalImplementation): string {
  return snippetToPlainCode(implementation.snippet);
}

export { snippetToPlainCode } from './snippetText';
