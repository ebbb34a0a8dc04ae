import { BY_PATH, KERAS_CV_FOCAL, type CatalogEntry } from './catalog';
import { msg } from '../../core';
import type { ArgumentMapper } from './argumentMapping';
import type { LazyLossCall, LossCall, ParamValue } from './lossCall';
import { buildCatalogCall, DEFAULT } from './lossCallBuilder';
import { lazy, type PythonFile } from './pythonFile';
import { isName, isOp, NAME } from './pythonScanner';
import { pythonString } from './values';

/*
 * Losses named by a string in a Keras compile(): `model.compile(loss='binary_crossentropy')` (also in a
 * list or dict of per-output losses), and keras-cv detectors' `compile(classification_loss='focal')`.
 * Keras 3 (keras/src/losses/__init__.py, keras-team/keras 0bd7bf0) resolves the string in ALL_OBJECTS_DICT:
 * the loss functions and classes by their own names, and 'bce' / 'BCE' for binary_crossentropy; a class
 * is instantiated with no arguments, so every parameter has its default (from_logits=False). 'crossentropy'
 * and 'ce' are picked from the shapes at training time (keras/src/trainers/compile_utils.py get_loss):
 * no claim. keras-cv's 'focal' (any case) is FocalLoss(from_logits=True, reduction="sum").
 */

/** The Keras loss each compile() string names. */
const KERAS_STRINGS: ReadonlyMap<string, string> = new Map([
  ...['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'binary_focal_crossentropy', 'categorical_focal_crossentropy',
    'BinaryCrossentropy', 'CategoricalCrossentropy', 'SparseCategoricalCrossentropy', 'BinaryFocalCrossentropy', 'CategoricalFocalCrossentropy'].map((name) => [name, name] as [string, string]),
  ['bce', 'binary_crossentropy'], ['BCE', 'binary_crossentropy'],
]);

/** Keyword arguments of compile() a loss string is given in. */
const LOSS_KEYWORDS = new Set(['loss', 'classification_loss']);

export class KerasCompileLosses {
  constructor(private readonly file: PythonFile, private readonly mapper: ArgumentMapper) {}

  /** The loss the string token `k` names, when it is (an element of) compile()'s loss= or classification_loss=. */
  stringLossAt(k: number, scope: number): LazyLossCall | undefined {
    const { file } = this;
    const { tokens } = file;
    const value = pythonString(file.text(k));
    if (value === undefined || !(KERAS_STRINGS.has(value) || value.toLowerCase() === 'focal')) return undefined;
    const keyword = this.compileKeyword(k);
    if (keyword === undefined) return undefined;
    const entry = keyword.name === 'classification_loss' ? (value.toLowerCase() === 'focal' ? KERAS_CV_FOCAL : undefined) : keyword.name === 'loss' ? kerasEntry(value) : undefined;
    if (!entry) return undefined;
    const [nameStart, nameEnd] = file.stringContent(k);
    const start = tokens.startAt(keyword.token) - file.base;
    const end = tokens.endAt(k) - file.base;
    return lazy(start, end, nameStart, nameEnd, () => this.stringCall(entry, value, keyword.name, file.source(keyword.token, k + 1), { start, end, nameStart, nameEnd }, scope, tokens.startAt(k)));
  }

  /**
   * The keyword (`loss=` / `classification_loss=`) of a `.compile(` call that the string token `k` is
   * the value of, directly or as an element of a list, tuple or dict value.
   */
  private compileKeyword(k: number): { readonly name: string; readonly token: number } | undefined {
    const { tokens } = this.file;
    let valueStart = k;
    if (!isOp(tokens, k - 1, '=')) {
      // An element: `loss=['bce', ...]` or `loss={'out': 'bce'}`.
      const open = this.file.enclosingOpen(k);
      if (open < 0 || !(isOp(tokens, open, '[') || isOp(tokens, open, '{') || isOp(tokens, open, '('))) return undefined;
      if (!(isOp(tokens, k - 1, ',') || isOp(tokens, k - 1, ':') || k - 1 === open)) return undefined;
      if (!(isOp(tokens, k + 1, ',') || tokens.match[open] === k + 1)) return undefined;
      valueStart = open;
    } else if (!(isOp(tokens, k + 1, ',') || isOp(tokens, k + 1, ')'))) {
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

  private stringCall(entry: CatalogEntry, value: string, keyword: string, callee: string, range: { start: number; end: number; nameStart: number; nameEnd: number }, scope: number, offset: number): LossCall {
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
    const said = entry === KERAS_CV_FOCAL
      ? msg("keras-cv builds {0}='{1}' as FocalLoss(from_logits=True, reduction='sum'): the class outputs must be logits.", keyword, value)
      : msg("Keras resolves loss='{0}' to {1} with every default: from_logits=False, so the model must output probabilities (a sigmoid or softmax last layer).", value, entry.api);
    return { ...call, caveats: [said, ...call.caveats] };
  }
}

function kerasEntry(value: string): CatalogEntry | undefined {
  const name = KERAS_STRINGS.get(value);
  return name === undefined ? undefined : BY_PATH.get(`keras.losses.${name}`);
}
