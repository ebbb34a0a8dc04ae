import { BY_PATH, KERAS_CV_FOCAL, type CatalogEntry } from './catalog';
import type { CatalogLookup } from './catalogLookup';
import { msg } from '../../core';
import type { ArgumentMapper } from './argumentMapping';
import type { LazyLossCall, LossCall, ParamValue } from './lossCall';
import { buildCatalogCall, DEFAULT } from './lossCallBuilder';
import { lazy, type PythonFile } from './pythonFile';
import { isName, isOp, NAME, STRING } from './pythonScanner';
import { bindingOfName } from './lossBindings';
import { pythonString } from './values';

/*
 * Losses named by a string in a Keras compile(): `model.compile(loss='binary_crossentropy')` (also in a
 * list or dict of per-output losses), and keras-cv detectors' `compile(classification_loss='focal')`.
 * Keras 3 (keras/src/losses/__init__.py, keras-team/keras 0bd7bf0) resolves the string in ALL_OBJECTS_DICT:
 * the loss functions and classes by their own names, and 'bce' / 'BCE' for binary_crossentropy; a class
 * is instantiated with no arguments, so every parameter has its default (from_logits=False). 'crossentropy'
 * and 'ce' are picked from the shapes at training time (keras/src/trainers/compile_utils.py get_loss):
 * no claim. keras-cv's 'focal' (any case) is FocalLoss(from_logits=True, reduction="sum").
 * A loss function given as it is (`loss=keras.losses.categorical_crossentropy`, `loss=losses.binary_crossentropy`)
 * is what get() returns for a callable (the object itself), wrapped in LossFunctionWrapper like a string's
 * function (compile_utils.py 012e336 get_loss; tf.keras 2.x LossesContainer._get_loss_object): every
 * parameter has its default there too.
 */

/** The Keras loss functions (not classes: a class given uninstantiated is not a loss) compile() may be given as objects. */
const KERAS_FUNCTIONS: ReadonlySet<string> = new Set(['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'binary_focal_crossentropy', 'categorical_focal_crossentropy']);

/** The Keras loss each compile() string names. */
const KERAS_STRINGS: ReadonlyMap<string, string> = new Map([
  ...['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'binary_focal_crossentropy', 'categorical_focal_crossentropy',
    'BinaryCrossentropy', 'CategoricalCrossentropy', 'SparseCategoricalCrossentropy', 'BinaryFocalCrossentropy', 'CategoricalFocalCrossentropy'].map((name) => [name, name] as [string, string]),
  ['bce', 'binary_crossentropy'], ['BCE', 'binary_crossentropy'],
]);

/** Keyword arguments of compile() a loss string is given in. */
const LOSS_KEYWORDS = new Set(['loss', 'classification_loss']);

export class KerasCompileLosses {
  /** Which name lengths may be a Keras loss function's name, or a local name imported from a catalog API (most names are rejected by length). */
  private readonly functionLengths = new Uint8Array(256);

  constructor(private readonly file: PythonFile, private readonly mapper: ArgumentMapper, private readonly catalog: CatalogLookup) {
    for (const name of [...KERAS_FUNCTIONS, ...catalog.importedApis]) this.functionLengths[Math.min(name.length, 255)] = 1;
  }

  /**
   * The Keras loss a name given to compile() holds (`cce = 'categorical_crossentropy'` then
   * `network.compile(optimizer=adam, loss=cce)`, or `lf = keras.losses.binary_crossentropy` then `loss=lf`):
   * token `k` is the name, right after `loss=`; the name is bound once, certainly (lossBindings.ts), to the
   * string or the function. Anything else it may hold (an if / else of two strings, a parameter) is not claimed.
   */
  boundLossAt(k: number, scope: number): LazyLossCall | undefined {
    const { file } = this;
    const { tokens } = file;
    if (!isOp(tokens, k - 1, '=') || !isName(tokens, k - 2, 'loss') || isOp(tokens, k - 3, '.') || !(isOp(tokens, k + 1, ',') || isOp(tokens, k + 1, ')'))) return undefined;
    const keyword = this.compileKeyword(k, k);
    if (keyword?.name !== 'loss') return undefined;
    const name = file.text(k);
    const binding = bindingOfName(file.module, name, scope, tokens.startAt(k));
    if (!binding || binding.from < 0) return undefined;
    let entry: CatalogEntry | undefined;
    let written: string;
    let value: string | undefined;
    if (binding.to === binding.from + 1 && tokens.kind[binding.from] === STRING) {
      value = pythonString(file.text(binding.from));
      entry = value === undefined ? undefined : kerasEntry(value);
      written = file.text(binding.from);
    } else {
      const segments: string[] = [];
      for (let s = binding.from; s < binding.to; s += 2) {
        if (tokens.kind[s] !== NAME || (s + 1 < binding.to && !isOp(tokens, s + 1, '.'))) return undefined;
        segments.push(file.text(s));
      }
      entry = this.functionEntry(segments);
      written = segments.join('.');
    }
    if (!entry) return undefined;
    const nameStart = tokens.startAt(k) - file.base;
    const nameEnd = tokens.endAt(k) - file.base;
    const start = tokens.startAt(keyword.token) - file.base;
    const line = file.documentLine(binding.offset) + 1;
    const resolved = entry;
    return lazy(start, nameEnd, nameStart, nameEnd, () => {
      const said = value !== undefined
        ? msg('{0} holds {1} (line {2}): Keras resolves it to {3} with every default, from_logits=False.', name, written, line, resolved.api)
        : msg('{0} holds {1} (line {2}): compile() calls it with every default, from_logits=False.', name, written, line);
      return this.compiledCall(resolved, file.source(keyword.token, k + 1), { start, end: nameEnd, nameStart, nameEnd }, scope, tokens.startAt(k), said);
    });
  }

  /**
   * The Keras loss function the NAME token `k` (the last segment of a dotted name, not called) names,
   * when that name is (an element of) compile()'s loss=: `loss=keras.losses.categorical_crossentropy`.
   */
  functionLossAt(k: number, scope: number): LazyLossCall | undefined {
    const { file } = this;
    const { tokens } = file;
    // Cheap rejections first: this is asked of every name followed by , ) ] or }.
    if (this.functionLengths[Math.min(tokens.endAt(k) - tokens.startAt(k), 255)] === 0) return undefined;
    const name = file.text(k);
    if (!KERAS_FUNCTIONS.has(name) && !this.catalog.importedApis.has(name)) return undefined;
    let first = k;
    while (first >= 2 && isOp(tokens, first - 1, '.') && tokens.kind[first - 2] === NAME) first -= 2;
    if (isOp(tokens, first - 1, '.')) return undefined;
    const keyword = this.compileKeyword(first, k);
    if (keyword?.name !== 'loss') return undefined;
    const segments: string[] = [];
    for (let s = first; s <= k; s += 2) segments.push(file.text(s));
    // A function of the file's own under the name (`def categorical_crossentropy(...)` beside a star import) is the file's.
    if (segments.length === 1 && file.module.definitions.has(name)) return undefined;
    const entry = this.functionEntry(segments);
    if (!entry) return undefined;
    const nameStart = tokens.startAt(first) - file.base;
    const nameEnd = tokens.endAt(k) - file.base;
    const start = tokens.startAt(keyword.token) - file.base;
    const written = file.source(first, k + 1);
    const said = () => msg('compile() calls {0} as it is, with every default: from_logits=False.', written);
    return lazy(start, nameEnd, nameStart, nameEnd, () => this.compiledCall(entry, file.source(keyword.token, k + 1), { start, end: nameEnd, nameStart, nameEnd }, scope, tokens.startAt(k), said()));
  }

  /** The loss the string token `k` names, when it is (an element of) compile()'s loss= or classification_loss=. */
  stringLossAt(k: number, scope: number): LazyLossCall | undefined {
    const { file } = this;
    const { tokens } = file;
    const value = pythonString(file.text(k));
    if (value === undefined || !(KERAS_STRINGS.has(value) || value.toLowerCase() === 'focal')) return undefined;
    const keyword = this.compileKeyword(k, k);
    if (keyword === undefined) return undefined;
    const entry = keyword.name === 'classification_loss' ? (value.toLowerCase() === 'focal' ? KERAS_CV_FOCAL : undefined) : keyword.name === 'loss' ? kerasEntry(value) : undefined;
    if (!entry) return undefined;
    const [nameStart, nameEnd] = file.stringContent(k);
    const start = tokens.startAt(keyword.token) - file.base;
    const end = tokens.endAt(k) - file.base;
    const said = () =>
      entry === KERAS_CV_FOCAL
        ? msg("keras-cv builds {0}='{1}' as FocalLoss(from_logits=True, reduction='sum'): the class outputs must be logits.", keyword.name, value)
        : msg("Keras resolves loss='{0}' to {1} with every default: from_logits=False, so the model must output probabilities (a sigmoid or softmax last layer).", value, entry.api);
    return lazy(start, end, nameStart, nameEnd, () => this.compiledCall(entry, file.source(keyword.token, k + 1), { start, end, nameStart, nameEnd }, scope, tokens.startAt(k), said(), value));
  }

  /** The Keras loss function (not a class, not the backend's) a dotted name names. */
  private functionEntry(segments: readonly string[]): CatalogEntry | undefined {
    const entry = this.catalog.entry(segments);
    return entry && entry.api.startsWith('keras.losses.') && KERAS_FUNCTIONS.has(entry.api.slice('keras.losses.'.length)) ? entry : undefined;
  }

  /**
   * The keyword (`loss=` / `classification_loss=`) of a `.compile(` call that the value of tokens
   * [first, last] (a string, or a dotted name) is, directly or as an element of a list, tuple or dict value.
   */
  private compileKeyword(first: number, last: number): { readonly name: string; readonly token: number } | undefined {
    const { tokens } = this.file;
    let valueStart = first;
    if (!isOp(tokens, first - 1, '=')) {
      // An element: `loss=['bce', ...]` or `loss={'out': 'bce'}`.
      const open = this.file.enclosingOpen(first);
      if (open < 0 || !(isOp(tokens, open, '[') || isOp(tokens, open, '{') || isOp(tokens, open, '('))) return undefined;
      if (!(isOp(tokens, first - 1, ',') || isOp(tokens, first - 1, ':') || first - 1 === open)) return undefined;
      if (!(isOp(tokens, last + 1, ',') || tokens.match[open] === last + 1)) return undefined;
      valueStart = open;
    } else if (!(isOp(tokens, last + 1, ',') || isOp(tokens, last + 1, ')'))) {
      return undefined;
    }
    if (!isOp(tokens, valueStart - 1, '=') || tokens.kind[valueStart - 2] !== NAME) return undefined;
    const keyword = valueStart - 2;
    const name = this.file.text(keyword);
    if (!LOSS_KEYWORDS.has(name)) return undefined;
    const call = this.file.enclosingOpen(keyword);
    if (call < 0 || !isOp(tokens, call, '(') || !isName(tokens, call - 1, 'compile') || !isOp(tokens, call - 2, '.')) return undefined;
    return { name, token: keyword };
  }

  /** What compile() computes with `entry` at its defaults (keras-cv's 'focal' given as `value`: as keras-cv builds it), with what `said` explains first. */
  private compiledCall(entry: CatalogEntry, callee: string, range: { start: number; end: number; nameStart: number; nameEnd: number }, scope: number, offset: number, said: string, value?: string): LossCall {
    const values = this.mapper.map(entry.params.filter((param) => !param.required), [], scope, offset);
    if (entry === KERAS_CV_FOCAL) {
      const set = (name: string, v: unknown, text: string): void => void values.set(name, { value: v, origin: DEFAULT, text } as ParamValue<unknown>);
      set('from_logits', true, `True (keras-cv's '${value}')`);
      set('reduction', 'sum', `'sum' (keras-cv's '${value}')`);
    }
    const built = buildCatalogCall(entry, { callee, ...range }, values);
    // compile() wraps a loss function in LossFunctionWrapper (Keras 3 keras/src/trainers/compile_utils.py
    // get_loss, 012e336; tf.keras get_loss_function), whose reduction defaults to "sum_over_batch_size": the
    // model trains on the batch mean, not on the function's one value per sample.
    const call = 'fixed' in entry.reduction ? { ...built, reduction: { value: 'sum_over_batch_size', origin: DEFAULT, text: "'sum_over_batch_size' (compile wraps the function in LossFunctionWrapper)" } } : built;
    return { ...call, caveats: [said, ...call.caveats] };
  }
}

function kerasEntry(value: string): CatalogEntry | undefined {
  const name = KERAS_STRINGS.get(value);
  return name === undefined ? undefined : BY_PATH.get(`keras.losses.${name}`);
}
