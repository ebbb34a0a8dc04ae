import { isLibraryModule, type PythonModule } from '../recognition';

/*
 * What produces probabilities, log-probabilities or raw logits: activation functions, tensor methods,
 * activation and linear layers, and the containers whose last layer decides (nn.Sequential, Keras
 * Sequential / Model). Names are compared fully qualified and normalised (see qualify).
 */

export type Nature = 'softmax' | 'log_softmax' | 'sigmoid' | 'logits';

const FUNCTIONS: ReadonlyMap<string, Nature> = new Map([
  ...['torch.softmax', 'torch.nn.functional.softmax', 'torch.special.softmax', 'tf.nn.softmax', 'tf.math.softmax', 'jax.nn.softmax', 'keras.ops.softmax', 'keras.activations.softmax', 'keras.backend.softmax', 'flax.linen.softmax'].map((n) => [n, 'softmax'] as const),
  ...['torch.log_softmax', 'torch.nn.functional.log_softmax', 'torch.special.log_softmax', 'tf.nn.log_softmax', 'tf.math.log_softmax', 'jax.nn.log_softmax', 'keras.ops.log_softmax', 'flax.linen.log_softmax'].map((n) => [n, 'log_softmax'] as const),
  ...['torch.sigmoid', 'torch.nn.functional.sigmoid', 'torch.special.expit', 'tf.sigmoid', 'tf.nn.sigmoid', 'tf.math.sigmoid', 'jax.nn.sigmoid', 'keras.ops.sigmoid', 'keras.activations.sigmoid', 'keras.backend.sigmoid', 'flax.linen.sigmoid'].map((n) => [n, 'sigmoid'] as const),
]);

/** Tensor methods: `x.softmax(dim=1)`, `x.log_softmax(1)`, `x.sigmoid()`. */
const METHODS: ReadonlyMap<string, Nature> = new Map([['softmax', 'softmax'], ['log_softmax', 'log_softmax'], ['sigmoid', 'sigmoid']]);

/** Layers whose output is one nature whatever their arguments. */
const LAYERS: ReadonlyMap<string, Nature> = new Map([
  ['torch.nn.Softmax', 'softmax'], ['torch.nn.Softmax2d', 'softmax'], ['keras.layers.Softmax', 'softmax'],
  ['torch.nn.LogSoftmax', 'log_softmax'],
  ['torch.nn.Sigmoid', 'sigmoid'],
  ...['torch.nn.Linear', 'torch.nn.LazyLinear', 'torch.nn.Bilinear', 'torch.nn.Conv1d', 'torch.nn.Conv2d', 'torch.nn.Conv3d'].map((n) => [n, 'logits'] as const),
]);

/**
 * Functions that reshape or reorder a tensor given first, keeping its values: what goes in is what
 * comes out (`torch.flatten(probs, 1)`, `tf.transpose(Z)`, `tf.reshape(p, [-1, n])`).
 */
export const SHAPE_FUNCTIONS: ReadonlySet<string> = new Set([
  ...['flatten', 'reshape', 'squeeze', 'unsqueeze', 'transpose', 'permute', 'movedim', 'swapaxes', 't'].map((n) => `torch.${n}`),
  ...['transpose', 'reshape', 'squeeze', 'expand_dims', 'identity'].map((n) => `tf.${n}`),
  'tf.linalg.matrix_transpose',
]);

/** Layers whose `activation` argument decides (absent or linear: logits). */
export const ACTIVATION_LAYERS: ReadonlySet<string> = new Set(['keras.layers.Dense']);
/**
 * tflearn's layer functions, which return the layer's output tensor: their `activation` (third
 * argument, 'linear' by default; tflearn/tflearn tflearn/layers/core.py) decides what it is.
 */
export const TFLEARN_LAYERS: ReadonlySet<string> = new Set(['tflearn.fully_connected', 'tflearn.layers.fully_connected', 'tflearn.layers.core.fully_connected']);
/**
 * TensorFlow 1's layer functions of the same shape, `tf.layers.dense(inputs, units, activation=None)`
 * (tensorflow/python/layers/core.py; `tf.compat.v1.layers.dense` folds to it): activation third, None
 * (linear) by default. exelban/tensorflow-cifar-10 wrote `activation=tf.nn.softmax` there and passed the
 * output to softmax_cross_entropy_with_logits_v2 (its issue #6, pull request #7).
 */
export const TF_LAYER_FUNCTIONS: ReadonlySet<string> = new Set(['tf.layers.dense']);
/** `Activation('softmax')`. */
export const ACTIVATION_ONLY: ReadonlySet<string> = new Set(['keras.layers.Activation']);
/**
 * Modules that wrap a model or layer given first and give its output unchanged: data-parallel
 * wrappers (torch/nn/parallel/data_parallel.py and distributed.py: forward returns the module's
 * outputs, gathered), `torch.compile`, and Keras' TimeDistributed (the layer applied to every step).
 */
export const WRAPPERS: ReadonlySet<string> = new Set(['torch.nn.DataParallel', 'torch.nn.parallel.DataParallel', 'torch.nn.parallel.DistributedDataParallel', 'torch.compile', 'keras.layers.TimeDistributed']);
export const SEQUENTIAL: ReadonlySet<string> = new Set(['torch.nn.Sequential', 'keras.Sequential', 'keras.models.Sequential']);
export const KERAS_MODEL: ReadonlySet<string> = new Set(['keras.Model', 'keras.models.Model']);

export function functionNature(qualified: string): Nature | undefined {
  return FUNCTIONS.get(qualified);
}

export function methodNature(method: string): Nature | undefined {
  return METHODS.get(method);
}

export function layerNature(qualified: string): Nature | undefined {
  return LAYERS.get(qualified);
}

/** A Keras activation given by name or by function: 'softmax', tf.nn.softmax, None / 'linear' (logits). */
export function activationNature(value: string, qualifiedFunction: string | undefined): Nature | 'other' {
  const name = qualifiedFunction ? FUNCTIONS.get(qualifiedFunction) : undefined;
  if (name) return name;
  const plain = value.replace(/^['"]|['"]$/g, '');
  if (plain === 'softmax') return 'softmax';
  if (plain === 'log_softmax') return 'log_softmax';
  if (plain === 'sigmoid') return 'sigmoid';
  if (plain === 'None' || plain === 'linear') return 'logits';
  return 'other';
}

const CONVENTIONAL: ReadonlyMap<string, string> = new Map([['torch', 'torch'], ['F', 'torch.nn.functional'], ['nn', 'torch.nn'], ['tf', 'tensorflow'], ['jax', 'jax'], ['keras', 'keras']]);

/**
 * The fully qualified, normalised name of a dotted name as written: the head through the file's
 * imports (or a conventional head the file does not bind), `tensorflow.` (and `tensorflow.compat.v1.`, the same
 * functions under TF 1's names) as `tf.`, `tf.keras.` as
 * `keras.`, Keras' `layers.core` / `engine` paths flattened. Undefined when the head is not a module.
 */
export function qualify(module: PythonModule, dotted: string, localNames?: (name: string) => boolean): string | undefined {
  const dot = dotted.indexOf('.');
  const head = dot < 0 ? dotted : dotted.slice(0, dot);
  let base = module.imports.get(head);
  if (base === undefined) {
    if (localNames?.(head)) return undefined;
    if (dot < 0 && module.starImports.length > 0) return starImported(module, dotted);
    base = CONVENTIONAL.get(head);
  }
  if (base === undefined) return undefined;
  return canonical(base + (dot < 0 ? '' : dotted.slice(dot)));
}

/** Every library name the tables above know: the only names a star import is taken to give. */
let KNOWN: ReadonlySet<string> | undefined;
function known(): ReadonlySet<string> {
  KNOWN ??= new Set([...FUNCTIONS.keys(), ...LAYERS.keys(), ...ACTIVATION_LAYERS, ...TFLEARN_LAYERS, ...TF_LAYER_FUNCTIONS, ...ACTIVATION_ONLY, ...WRAPPERS, ...SEQUENTIAL, ...KERAS_MODEL]);
  return KNOWN;
}

/**
 * A bare name given by the file's star imports (`from tensorflow.keras.layers import *` then
 * `Softmax()(x)`: PacktPublishing/Tensorflow-2.0-Computer-Vision-Cookbook ch2/recipe2/rps_classifier.py
 * at 427070f): the one star import whose module has it in the tables above. Undefined when the file
 * defines the name, when two star imports would give it, or when a star import of a module outside the
 * libraries (the project's own `from layers import *`) may define it.
 */
function starImported(module: PythonModule, name: string): string | undefined {
  if (module.definitions.has(name)) return undefined;
  let found: string | undefined;
  for (const star of module.starImports) {
    if (!isLibraryModule(star)) return undefined;
    const full = canonical(`${star}.${name}`);
    if (!known().has(full)) continue;
    if (found !== undefined && found !== full) return undefined;
    found = full;
  }
  return found;
}

/** Canonical names already computed: the lint qualifies the same few callees thousands of times per file. */
const CANONICAL = new Map<string, string>();
const CANONICAL_KEPT = 4096;

/** The name with the libraries' aliases folded (`tensorflow.keras.layers.core.Dense` -> `keras.layers.Dense`). */
function canonical(full: string): string {
  let name = CANONICAL.get(full);
  if (name !== undefined) return name;
  name = full.replace(/^tensorflow\./, 'tf.').replace(/^tensorflow$/, 'tf').replace(/^tf\.compat\.v1\./, 'tf.').replace(/^tf\.keras\./, 'keras.').replace(/^tf\.python\.keras\./, 'keras.');
  name = name.replace(/^keras\.src\./, 'keras.').replace(/^keras\.layers\.(?:core|activation|advanced_activations)\./, 'keras.layers.').replace(/^keras\.engine\.(?:sequential|training)\./, 'keras.models.');
  name = name.replace(/^torch\.nn\.modules\.\w+\./, 'torch.nn.');
  if (CANONICAL.size >= CANONICAL_KEPT) CANONICAL.clear();
  CANONICAL.set(full, name);
  return name;
}
