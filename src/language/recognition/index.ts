/**
 * Loss Lens recognition: finds loss calls in Python source, notebook cells and YAML configs, and
 * resolves their parameters with where each value came from. Pure TypeScript (no vscode, no DOM,
 * no Node APIs); the hover adapter in src/extension is built on this API.
 *
 *   findLossCalls(text, 'python' | 'yaml', context?)  every loss call, sorted by start offset
 *   lossCallAt(text, offset, language, context?)      the call at an offset (name first, else innermost range)
 *   new LossCallIndex().callAt(uri, version, text | () => text, offset, language, context?)
 *                                                      the same through a per-document cache keyed by (uri, version)
 *   new LossCallIndex().calls(uri, version, text, language, context?)
 *                                                      every call of the document, through the same cache
 *   mayBeLossCallWord(word, text?)                     cheap pre-check for the hover's word (text: see below)
 *
 * `context` is extra Python text read for imports and constants only (e.g. the earlier cells of a
 * notebook joined with newlines); calls inside it are not reported, and a value resolved from it has
 * origin { kind: 'resolved', line, inContext: true } with `line` counted in the context.
 *
 * Recognized: the APIs in catalog.ts (reached through the file's imports, fully qualified, or with a
 * conventional head such as `F.`/`nn.`/`tf.` the file does not bind), the file's own functions and
 * classes whose parameters include alpha/gamma, mmdet config dicts, detectron2 FOCAL_LOSS_* config
 * assignments and YAML keys, and ultralytics' fl_gamma in YAML. Values: 'explicit' when written as a
 * literal in the call, 'resolved' (with a 0-based line) when reached through a name, `self.x` or a
 * parameter default in the same file, 'default' when the library's default applies, 'unresolved'
 * (value undefined, source text kept) otherwise. `alpha` is the effective alpha: null when the call
 * has no alpha weighting (fvcore -1, optax None, Keras without apply_class_balancing=True, ...).
 */
import type { LazyLossCall, LossCall } from './lossCall';
import { KNOWN_NAMES, SKORCH_NET_NAMES } from './catalog';
import { LossCallIndex as CachingIndex, SortedCalls, type FoundCalls, type SourceLanguage } from './lossCallIndex';
import { findPythonLossCalls, type ImportedSources } from './pythonCalls';
import { rescanPython, type TokenEdit } from './pythonRescan';
import { linesBeforeEdit, readModule, readModuleAfterEdit, type LinesBeforeEdit, type PythonModule } from './pythonModule';
import { searchConfigMentions } from './configCalls';
import { indexNames } from './spelledTokens';
import { findYamlLossCalls } from './yaml';
import { linkIfUnchanged, movedCalls, tokensBeforeEdit, tracked, unchangedTokensSince, type TokensBeforeEdit, type TrackedCall, type UnchangedTokens } from './unchangedTokens';

export type { InputsKind, LossCall, ParamValue, ValueOrigin } from './lossCall';
export { originsOf, withOrigins } from './callOrigins';
export type { DocumentRead, ImportedModules, SourceLanguage } from './lossCallIndex';
export type { ImportedSources } from './userLosses';
export type { ImporterSource } from './importerLosses';
export { CATALOG, type CatalogEntry } from './catalog';
export { isNumberArray, scalarOf } from './arrayValues';
/** The Python reader the lint (src/language/lint) builds its data flow on: tokens and module scopes. */
export { END, NAME, NEWLINE, NUMBER, OP, STRING, isName, isOp, lineOf, lineStarts, scanPython, tokenAtOffset, type PythonTokens } from './pythonScanner';
export { firstAtLeast, lineStartsOf } from './tokenLines';
export { nameTokensSpelled } from './spelledTokens';
export { movedOffset, touchesEdit, unchangedTokensSince, type UnchangedTokens } from './unchangedTokens';
export { MODULE_SELF_METHODS, moduleSelfReceiverEnd } from './moduleSelfCalls';
export { PER_SAMPLE_CE_APIS, expOf } from './reducedLoss';
export { baseStoredAttribute } from './lossBaseAttributes';
export { classBases } from './decorators';
export { alphaWeightingOf, bodyRange, logFocalBaseOf } from './userLossBody';
export { registeredLossNames } from './registeredLosses';
export { importedModuleNames, isLibraryModule, moduleSeenFrom, reexportedModuleNames } from './moduleNames';
export { importedModule } from './importedModules';
export { enclosingClass, findTopLevel, parametersOf, readModule, splitTopLevel, type PythonModule } from './pythonModule';

/** Every loss call in `text`, sorted by start offset. Never throws on malformed input. */
export function findLossCalls(text: string, language: SourceLanguage, context?: string, imported?: ImportedSources): LossCall[] {
  return findLazyLossCalls(text, language, context, undefined, imported).all().map((call) => call.call());
}

/** The loss call at `offset`: one whose callee name contains it, else the innermost call whose range contains it. */
export function lossCallAt(text: string, offset: number, language: SourceLanguage, context?: string): LossCall | undefined {
  return new SortedCalls(findLazyLossCalls(text, language, context, undefined).all()).at(offset);
}

/** A per-document cache so repeated hovers are cheap: keyed by (uri, version) (and language and context). */
export class LossCallIndex extends CachingIndex {
  constructor(capacity = 64) {
    super((text, language, context, previous, imported) => findLazyLossCalls(text, language, context, previous, imported, true), capacity);
  }
}

/**
 * Calls located and identified, with parameters resolved on demand: the hover needs only one. For
 * Python, `previous` (the state returned for the document's last version) holds that version's
 * module and tokens, so an edit re-tokenizes only the lines around it (rescanPython; same tokens as a
 * full scan), the block structure is moved rather than read again when the edit leaves it alone
 * (readModuleAfterEdit), and a lookup searches only its own line until every call is asked for.
 * `document`: the versions of a document (LossCallIndex), whose names are indexed (see below).
 */
function findLazyLossCalls(text: string, language: SourceLanguage, context: string | undefined, previous: unknown, imported?: ImportedSources, document = false): FoundCalls {
  if (language !== 'yaml') {
    const lastRead = previous instanceof PreviousRead ? previous : undefined;
    const last = lastRead?.module;
    const calls = findPythonLossCalls(text, context, (source) => {
      let edit: TokenEdit | undefined;
      let before: LinesBeforeEdit | undefined;
      let kept: TokensBeforeEdit | undefined;
      const tokens = rescanPython(last?.tokens, source, (changed) => {
        edit = changed;
        if (last) {
          before = linesBeforeEdit(last, changed);
          kept = tokensBeforeEdit(last.tokens, changed);
        }
      });
      // A document's versions: its names indexed and its text searched for mmdet when read from
      // scratch (passes beside the read), so that no later version searches its whole text for a
      // name (spelledTokens.ts) or a config's library (textMentions.ts): they carry the answers.
      if (document) {
        indexNames(tokens);
        searchConfigMentions(tokens);
      }
      if (last && tokens === last.tokens) return last;
      const module = last && edit && before ? readModuleAfterEdit(tokens, last, edit, before) : readModule(tokens);
      if (last && edit && kept) linkIfUnchanged(last, module, edit, kept);
      return module;
    }, imported);
    // Every call of a version whose tokens equal the last one's (unchangedTokens.ts) is the last one's, moved.
    const link = unchangedTokensSince(calls.module);
    const lastCalls = lastRead && link?.previous === last && context === undefined && lastRead.context === undefined && sameImports(lastRead.imported, imported) ? lastRead.every.searched() : undefined;
    return pythonCalls(calls, new EveryCall(calls, lastCalls && link ? { calls: lastCalls, link } : undefined), context, imported);
  }
  const calls = findYamlLossCalls(text).map((call) => ({ start: call.start, end: call.end, nameStart: call.nameStart, nameEnd: call.nameEnd, call: () => call }));
  return { all: () => calls };
}

/** Made apart from findLazyLossCalls: a closure there would keep the last version's read, and through it every earlier one. */
function pythonCalls(calls: { near(offset: number): LazyLossCall[]; module: PythonModule }, every: EveryCall, context: string | undefined, imported: ImportedSources | undefined): FoundCalls {
  return { all: () => every.all(), near: calls.near, module: calls.module, state: new PreviousRead(calls.module, every, context, imported) };
}

/**
 * A version's every call, searched once when first asked for, or moved from the last version's
 * (`last`, dropped once used: a version holds no earlier one's calls).
 */
class EveryCall {
  private found: TrackedCall[] | undefined;

  constructor(
    private readonly calls: { all(): LazyLossCall[]; near(offset: number): LazyLossCall[] },
    private last: { readonly calls: readonly TrackedCall[]; readonly link: UnchangedTokens } | undefined,
  ) {}

  all(): TrackedCall[] {
    if (this.found === undefined) {
      const last = this.last;
      this.last = undefined;
      this.found = (last && movedCalls(last.calls, last.link, this.calls.near)) || this.calls.all().map(tracked);
    }
    return this.found;
  }

  /** The calls when they were searched for, else undefined. */
  searched(): readonly TrackedCall[] | undefined {
    return this.found;
  }
}

/** The state kept per document for Python: the last version's module (with its tokens) and its calls, when every one was searched for. */
class PreviousRead {
  constructor(
    readonly module: PythonModule,
    readonly every: EveryCall,
    readonly context: string | undefined,
    readonly imported: ImportedSources | undefined,
  ) {}
}

/** Whether two reads saw the same imported files (the index's ImportedModules key says when their texts changed). */
function sameImports(a: ImportedSources | undefined, b: ImportedSources | undefined): boolean {
  if (a === b) return true;
  const keyA = (a as { key?: unknown } | undefined)?.key;
  return keyA !== undefined && keyA === (b as { key?: unknown } | undefined)?.key;
}

const TRANSFORM_WORDS = new Set(['jit', 'vmap', 'pmap', 'variant', 'jax', 'partial', 'functools']);
const WORD_HINT = /loss|focal|entropy|bce|fl_gamma|alpha|gamma|criterion/i;
/** Heads and middle segments of qualified callees (`F.`, `torch.nn.`, `tf.keras.losses.`), where the mouse may rest too. */
const PATH_WORDS = new Set(['F', 'nn', 'functional', 'torch', 'torchvision', 'ops', 'fvcore', 'mmcv', 'mmdet', 'models', 'losses', 'keras', 'tf', 'tensorflow', 'tfa', 'tensorflow_addons', 'optax', 'kornia', 'monai', 'smp', 'segmentation_models_pytorch', 'ultralytics', 'utils', 'paddle', 'ppdet', 'mmrotate', 'mmseg', 'yolov5', 'transformers', 'compat', 'v1', 'dict', 'type', 'cfg', 'MODEL', 'RETINANET', '_target_', 'timm', 'keras_cv', 'hub', 'load']);

/**
 * Cheap pre-check for the hover: false when the word at the offset cannot be part of a loss call's
 * name. Accepts catalog names, segments of qualified callees, config keys, and words that look like
 * a loss (loss, focal, entropy, bce, criterion, alpha, gamma), and the names of function transforms
 * (`jax.jit(f)(...)`). Any other word (an import alias such as `sfl`, the user's own `my_fl`, a
 * variable `crit` a loss is stored in, a function's parameter `crit` a loss is passed to) is accepted
 * only when `text` is given and binds it with `as word`, `def word`, `class word`, `word = ...`, as
 * a parameter in a `def` line or as a `for` loop's target (`for crit, out in zip(...)`; one regex
 * search over the text).
 */
export function mayBeLossCallWord(word: string, text?: string): boolean {
  if (KNOWN_NAMES.has(word) || SKORCH_NET_NAMES.has(word) || PATH_WORDS.has(word) || WORD_HINT.test(word) || TRANSFORM_WORDS.has(word)) return true;
  if (text === undefined || !/^[A-Za-z_]\w*$/.test(word)) return false;
  return new RegExp(`\\bimport\\b[^\\n]*[ \\t,(]${word}\\b|\\b(?:as|def|class)[ \\t]+${word}\\b|\\b${word}[ \\t]*(?::[^=\\n]*)?=(?!=)|\\bdef[ \\t]+\\w+[ \\t]*\\([^)]*[(,\\s]${word}\\b|\\bfor[ \\t(\\[][\\w \\t,()\\[\\]]*?\\b${word}\\b`).test(text);
}
