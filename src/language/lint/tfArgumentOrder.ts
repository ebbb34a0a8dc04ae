import { isOp, NAME, type PythonModule } from '../recognition';
import { argumentsOf, dottedTokens, text, type Argument } from './syntax';

/*
 * TensorFlow's tf.nn cross-entropies changed their positional order twice, so `f(a, b)` written
 * without keywords says nothing by itself about which argument is the logits:
 * - TF 0.x: (logits, labels, ...) (TF 0.12's nn_ops.py: `softmax_cross_entropy_with_logits(logits,
 *   labels, dim=-1, name=None)`, `sparse_softmax_cross_entropy_with_logits(logits, labels, name=None)`,
 *   `sigmoid_cross_entropy_with_logits(logits, targets, name=None)`), as tflearn's objectives and
 *   examples of that time call them;
 * - TF 1.x: `(_sentinel=None, labels=None, logits=None, ...)`: a positional call raises ValueError
 *   ("Only call `softmax_cross_entropy_with_logits` with named arguments");
 * - TF 2.x: (labels, logits, ...).
 * So a positional pair is read by the era the file is written for: TF 1-style graph code (`tf.placeholder`,
 * `tf.Session`, ...; gone from TF 2's `tf`) can only have run these calls on TF 0.x, so the logits come
 * first; TF 2-only code (`tf.GradientTape`, `tf.function`) puts them second. Anything else, or both
 * kinds of evidence, or `tensorflow.compat.v1` (the sentinel again): the order is not settled.
 */

const REORDERED = new Set(['tf.nn.softmax_cross_entropy_with_logits', 'tf.nn.sparse_softmax_cross_entropy_with_logits', 'tf.nn.sigmoid_cross_entropy_with_logits']);
/** Names TF 1-style code reads from `tf` that TF 2's `tf` no longer has. */
const GRAPH_ERA = ['placeholder', 'Session', 'InteractiveSession', 'initialize_all_variables', 'global_variables_initializer', 'scalar_summary', 'histogram_summary', 'merge_all_summaries', 'get_variable', 'variable_scope'];
/** Names only TF 2 has. */
const EAGER_ERA = ['GradientTape', 'function'];

/**
 * The logits argument of a reordered tf.nn loss called with its first two arguments positional: the
 * first (TF 0.x), the second (TF 2), or undefined when the file does not settle the era. Null when
 * the call is not written that way (the catalog's position and keywords decide).
 */
export function positionalLogits(module: PythonModule, api: string, open: number): Argument | undefined | null {
  if (!REORDERED.has(api)) return null;
  const t = module.tokens;
  const args = argumentsOf(t, open);
  if (args.length < 2 || args[0]!.keyword !== undefined || args[1]!.keyword !== undefined || isOp(t, args[0]!.from, '*') || isOp(t, args[1]!.from, '*')) return null;
  // The callee as written: `tf.nn.x(` (not `tf.compat.v1.nn.x(`) under a plain `import tensorflow as tf`.
  const head = open - 5;
  if (!(t.kind[head] === NAME && isOp(t, head + 1, '.') && isOp(t, head + 3, '.') && !isOp(t, head - 1, '.'))) return undefined;
  const alias = text(t, head);
  if (module.imports.get(alias) !== 'tensorflow') return undefined;
  const isAlias = (k: number) => t.kind[k] === NAME && !isOp(t, k - 1, '.') && text(t, k) === alias;
  const reads = (names: readonly string[]) => names.some((n) => dottedTokens(t, n).some((k) => isAlias(k - 2)));
  const graph = reads(GRAPH_ERA);
  const eager = reads(EAGER_ERA);
  if (graph === eager) return undefined;
  return graph ? args[0] : args[1];
}
