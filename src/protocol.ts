/*
 * The messages between the extension host and the Loss Explorer webview: the only module both
 * sides import. Types plus small validators, because a message is untrusted data until checked
 * (the webview's messages on the host, and the host's on the webview after a reload mix-up).
 * Imports types only from core, so it stays free of code either side does not need.
 */
import type { LossKind } from './core/params';
import type { SoftmaxKind } from './core/softmaxParams';
import type { BatchSpec, BatchSummary } from './core/batchSummary';
import { batchSummaryOf, isBatchSpec } from './core/batchSummary';

/** A loss call found in the editor, as the panel shows it. */
export interface ExplorerCall {
  /** What the panel names it, e.g. 'torchvision.ops.sigmoid_focal_loss (line 12)'. */
  readonly label: string;
  readonly api: string;
  readonly kind: LossKind;
  /** alpha in [0, 1], or null for no alpha weighting. */
  readonly alpha: number | null;
  readonly gamma: number;
  readonly beta?: number;
}

/** One prediction to plot: a probability p or a logit, and its target y. */
export interface ExplorerPoint {
  readonly p?: number;
  readonly logit?: number;
  readonly y: number;
}

/** The most classes the multi-class view shows (and the host may post). */
export const MAX_CLASSES = 1000;
/** The most multi-class rows one `multiclassPoints` message may carry. */
export const MAX_CLASS_POINTS = 1000;

/**
 * How a call's alpha weights the classes: one alpha per class, or one alpha that the panel spreads
 * over however many classes it shows, as kornia ('foreground': [1 - alpha, alpha, ..., alpha]) or
 * Keras ('every': alpha for every class) do.
 */
export type ClassAlpha =
  | { readonly perClass: readonly number[] }
  | { readonly value: number; readonly appliesTo: 'foreground' | 'every' };

/**
 * A softmax (multi-class) loss call found in the editor: nn.CrossEntropyLoss(weight=,
 * label_smoothing=), kornia's focal_loss, Keras's CategoricalFocalCrossentropy. The class weights
 * and alpha multiply: w_c = weight_c alpha_c, as the core's SoftmaxLossParams.classWeights.
 */
export interface ExplorerMulticlassCall {
  readonly label: string;
  readonly api: string;
  readonly kind: SoftmaxKind;
  /** The number of classes when the file says it (2 to MAX_CLASSES); otherwise the panel keeps its own. */
  readonly classes?: number;
  readonly gamma: number;
  /** PyTorch's weight=, one number >= 0 per class, or null for none. */
  readonly classWeights: readonly number[] | null;
  readonly alpha: ClassAlpha | null;
  /** Label smoothing e in [0, 1]. */
  readonly labelSmoothing: number;
}

/** One multi-class sample to plot: its C logits and its target class index. */
export interface ExplorerClassPoint {
  readonly logits: readonly number[];
  readonly target: number;
}

export type LogBaseName = 'e' | '2' | '10';

/** The panel's folding sections: the binary view's four, then the multi-class view's three. */
export type ExplorerSection = 'curves' | 'values' | 'imbalance' | 'examples' | 'mc-sample' | 'mc-classes' | 'mc-curve';
export const EXPLORER_SECTIONS: readonly ExplorerSection[] = ['curves', 'values', 'imbalance', 'examples', 'mc-sample', 'mc-classes', 'mc-curve'];

/**
 * A state to open the panel in (a walkthrough step's command link): the page switches to the view
 * that has `section`, unfolds it, scrolls it into view and sets the parameters given; a parameter
 * left out keeps its value.
 */
export interface ExplorerFocus {
  readonly section: ExplorerSection;
  /** alpha in [0, 1], or null to turn alpha weighting off. */
  readonly alpha?: number | null;
  /** gamma >= 0. */
  readonly gamma?: number;
  /** The paper's Figure 1 preset (FL without alpha at gamma 0, 0.5, 1, 2, 5) on or off. */
  readonly figure1?: boolean;
  /** Where the curves' readout reads: p_t in [0, 0.999]. */
  readonly readPt?: number;
  /** The imbalance view's counts: 100 : 100,000, or the paper's 100,000 : 10,000,000. */
  readonly imbalanceScale?: 'default' | 'paper';
}

/** The largest p_t the curves' readout reads at (its slider's end). */
export const MAX_READ_PT = 0.999;

export interface ExplorerSettings {
  readonly logBase: LogBaseName;
  readonly precision: number;
  readonly defaultAlpha: number | null;
  readonly defaultGamma: number;
}

/** Where a batch was read: the paused frame's file (as the workspace names it), 1-based line, function, and the stop's time. */
export interface ExplorerBatchStop {
  readonly file: string;
  readonly line: number;
  readonly frame: string;
  /** HH:MM:SS, as the hover says it. */
  readonly time: string;
}

/**
 * A paused debuggee's batch for the Explorer's "This batch" view: the loss call it was read for, its
 * two argument expressions, the spec the debuggee summarised it with (the call's loss and
 * parameters) and the summary with its view (core/batchView.ts). Every text here comes from a
 * document or a debuggee: the page shows it as text only.
 */
export interface ExplorerBatch {
  readonly stop: ExplorerBatchStop;
  /** The call, e.g. 'torchvision.ops.sigmoid_focal_loss (line 12)'. */
  readonly label: string;
  readonly pred: string;
  readonly target: string;
  readonly spec: BatchSpec;
  readonly summary: BatchSummary;
}

/** Host -> webview. */
export type HostMessage =
  /** A batch for the "This batch" view (which the page switches to). */
  | { readonly type: 'batch'; readonly batch: ExplorerBatch }
  /** The host is reading a batch at the user's request (refresh), or could not: the view says so and keeps its batch. */
  | { readonly type: 'batchStatus'; readonly status: 'reading' | 'failed'; readonly detail: string }
  | { readonly type: 'call'; readonly call: ExplorerCall }
  | { readonly type: 'points'; readonly points: readonly ExplorerPoint[]; readonly source: string }
  /** Shows a softmax call in the multi-class view (and switches to it). */
  | { readonly type: 'multiclassCall'; readonly call: ExplorerMulticlassCall }
  /** Rows of logits with class indices, shown in the multi-class view (which it switches to). */
  | { readonly type: 'multiclassPoints'; readonly points: readonly ExplorerClassPoint[]; readonly source: string }
  | { readonly type: 'settings'; readonly settings: ExplorerSettings }
  /** Opens a section in a given state (see ExplorerFocus). */
  | { readonly type: 'focus'; readonly focus: ExplorerFocus }
  | { readonly type: 'exported'; readonly what: string; readonly ok: boolean; readonly detail: string }
  /** Asks the page for its values table, as the export buttons would (the "Copy Values as Markdown Table" command). */
  | { readonly type: 'export'; readonly format: ExportFormat; readonly action: 'copy' | 'save' };

export type ExportFormat = 'csv' | 'markdown';

/** Webview -> host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  /** Whether the panel follows the editor; the host checks it before posting a call. */
  | { readonly type: 'follow'; readonly follow: boolean }
  | { readonly type: 'copyText'; readonly format: ExportFormat; readonly text: string }
  | { readonly type: 'saveText'; readonly format: ExportFormat; readonly text: string }
  | { readonly type: 'savePng'; readonly dataUrl: string }
  /** The answer to the host's `export` when the table is empty, so the host never waits for nothing. */
  | { readonly type: 'nothingToExport'; readonly format: ExportFormat }
  /** The header's settings link: the host opens the Settings editor at Loss Lens's settings. */
  | { readonly type: 'openSettings' }
  /** The batch view's refresh: read the same call's batch again at the current stop. */
  | { readonly type: 'refreshBatch' };

const LOSS_KIND_NAMES: readonly string[] = ['ce', 'balanced', 'focal', 'focal-star'];
const LOG_BASE_NAMES: readonly string[] = ['e', '2', '10'];

/** Longest text the host accepts from the webview for an export (a table of a few hundred rows fits). */
export const MAX_EXPORT_TEXT = 1_000_000;
/** Longest PNG data URL accepted (a 4k chart is a few MB). */
export const MAX_PNG_DATA_URL = 20_000_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** alpha in [0, 1], or null for no alpha weighting. */
export function isAlpha(value: unknown): value is number | null {
  return value === null || (isFiniteNumber(value) && value >= 0 && value <= 1);
}

export function isLogBaseName(value: unknown): value is LogBaseName {
  return typeof value === 'string' && LOG_BASE_NAMES.includes(value);
}

/** The base as a number for the core's `base` parameter. */
export function logBaseValue(name: LogBaseName): number {
  return name === 'e' ? Math.E : Number(name);
}

export function isExplorerCall(value: unknown): value is ExplorerCall {
  if (!isRecord(value)) return false;
  return (
    typeof value.label === 'string' &&
    typeof value.api === 'string' &&
    typeof value.kind === 'string' &&
    LOSS_KIND_NAMES.includes(value.kind) &&
    isAlpha(value.alpha) &&
    isFiniteNumber(value.gamma) &&
    value.gamma >= 0 &&
    (value.beta === undefined || isFiniteNumber(value.beta))
  );
}

/** Shape only: the values themselves are checked by the core when computed, so errors read the same everywhere. */
export function isExplorerPoint(value: unknown): value is ExplorerPoint {
  if (!isRecord(value) || typeof value.y !== 'number') return false;
  const hasP = typeof value.p === 'number';
  const hasLogit = typeof value.logit === 'number';
  return hasP !== hasLogit && (value.p === undefined || hasP) && (value.logit === undefined || hasLogit);
}

function isNumberList(value: unknown, ok: (n: number) => boolean): value is readonly number[] {
  return Array.isArray(value) && value.length >= 2 && value.length <= MAX_CLASSES && value.every((n) => typeof n === 'number' && ok(n));
}

function isClassCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 2 && value <= MAX_CLASSES;
}

export function isClassAlpha(value: unknown): value is ClassAlpha {
  if (!isRecord(value)) return false;
  if ('perClass' in value) return isNumberList(value.perClass, (a) => a >= 0 && a <= 1);
  return isFiniteNumber(value.value) && value.value >= 0 && value.value <= 1 && (value.appliesTo === 'foreground' || value.appliesTo === 'every');
}

/** Shape and ranges; class weights and a per-class alpha must have as many entries as each other and as `classes`. */
export function isExplorerMulticlassCall(value: unknown): value is ExplorerMulticlassCall {
  if (!isRecord(value)) return false;
  if (
    !(
      typeof value.label === 'string' &&
      typeof value.api === 'string' &&
      (value.kind === 'ce' || value.kind === 'focal') &&
      (value.classes === undefined || isClassCount(value.classes)) &&
      isFiniteNumber(value.gamma) &&
      value.gamma >= 0 &&
      isFiniteNumber(value.labelSmoothing) &&
      value.labelSmoothing >= 0 &&
      value.labelSmoothing <= 1 &&
      (value.classWeights === null || isNumberList(value.classWeights, (w) => Number.isFinite(w) && w >= 0)) &&
      (value.alpha === null || isClassAlpha(value.alpha))
    )
  ) {
    return false;
  }
  const lengths = [value.classes, (value.classWeights as readonly number[] | null)?.length, (value.alpha as { perClass?: readonly number[] } | null)?.perClass?.length];
  const known = lengths.filter((n): n is number => n !== undefined);
  return known.every((n) => n === known[0]);
}

/** Logits are numbers (infinities allowed, NaN not); the target a class index of the row. */
export function isExplorerClassPoint(value: unknown): value is ExplorerClassPoint {
  if (!isRecord(value) || !isNumberList(value.logits, (x) => !Number.isNaN(x))) return false;
  const target = value.target;
  return typeof target === 'number' && Number.isInteger(target) && target >= 0 && target < value.logits.length;
}

/** Rows of one width, at most MAX_CLASS_POINTS of them. */
export function isExplorerClassPoints(value: unknown): value is readonly ExplorerClassPoint[] {
  if (!Array.isArray(value) || value.length > MAX_CLASS_POINTS || !value.every(isExplorerClassPoint)) return false;
  return value.every((point: ExplorerClassPoint) => point.logits.length === (value[0] as ExplorerClassPoint).logits.length);
}

export function isExplorerSettings(value: unknown): value is ExplorerSettings {
  if (!isRecord(value)) return false;
  return (
    isLogBaseName(value.logBase) &&
    isFiniteNumber(value.precision) &&
    Number.isInteger(value.precision) &&
    value.precision >= 1 &&
    value.precision <= 17 &&
    isAlpha(value.defaultAlpha) &&
    isFiniteNumber(value.defaultGamma) &&
    value.defaultGamma >= 0
  );
}

const FOCUS_KEYS: readonly string[] = ['section', 'alpha', 'gamma', 'figure1', 'readPt', 'imbalanceScale'];

export function isExplorerSection(value: unknown): value is ExplorerSection {
  return typeof value === 'string' && (EXPLORER_SECTIONS as readonly string[]).includes(value);
}

/**
 * A known section and parameters in range; a key it does not know is refused, so a misspelt
 * parameter in a command link fails its test instead of being ignored.
 */
export function isExplorerFocus(value: unknown): value is ExplorerFocus {
  if (!isRecord(value) || !Object.keys(value).every((key) => FOCUS_KEYS.includes(key))) return false;
  return (
    isExplorerSection(value.section) &&
    (value.alpha === undefined || isAlpha(value.alpha)) &&
    (value.gamma === undefined || (isFiniteNumber(value.gamma) && value.gamma >= 0)) &&
    (value.figure1 === undefined || typeof value.figure1 === 'boolean') &&
    (value.readPt === undefined || (isFiniteNumber(value.readPt) && value.readPt >= 0 && value.readPt <= MAX_READ_PT)) &&
    (value.imbalanceScale === undefined || value.imbalanceScale === 'default' || value.imbalanceScale === 'paper')
  );
}

export function isExplorerBatch(value: unknown): value is ExplorerBatch {
  if (!isRecord(value) || !isRecord(value.stop)) return false;
  const stop = value.stop;
  const summary = batchSummaryOf(value.summary);
  return (
    typeof stop.file === 'string' && isFiniteNumber(stop.line) && typeof stop.frame === 'string' && typeof stop.time === 'string' &&
    typeof value.label === 'string' && typeof value.pred === 'string' && typeof value.target === 'string' &&
    isBatchSpec(value.spec) &&
    summary.ok === true && summary.summary.view !== undefined
  );
}

export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'batch':
      return isExplorerBatch(value.batch);
    case 'batchStatus':
      return (value.status === 'reading' || value.status === 'failed') && typeof value.detail === 'string';
    case 'call':
      return isExplorerCall(value.call);
    case 'points':
      return Array.isArray(value.points) && value.points.every(isExplorerPoint) && typeof value.source === 'string';
    case 'multiclassCall':
      return isExplorerMulticlassCall(value.call);
    case 'multiclassPoints':
      return isExplorerClassPoints(value.points) && typeof value.source === 'string';
    case 'settings':
      return isExplorerSettings(value.settings);
    case 'focus':
      return isExplorerFocus(value.focus);
    case 'exported':
      return typeof value.what === 'string' && typeof value.ok === 'boolean' && typeof value.detail === 'string';
    case 'export':
      return isExportFormat(value.format) && (value.action === 'copy' || value.action === 'save');
    default:
      return false;
  }
}

function isExportFormat(value: unknown): value is ExportFormat {
  return value === 'csv' || value === 'markdown';
}

export function isWebviewMessage(value: unknown): value is WebviewMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
    case 'openSettings':
    case 'refreshBatch':
      return true;
    case 'follow':
      return typeof value.follow === 'boolean';
    case 'copyText':
    case 'saveText':
      return isExportFormat(value.format) && typeof value.text === 'string' && value.text.length <= MAX_EXPORT_TEXT;
    case 'nothingToExport':
      return isExportFormat(value.format);
    case 'savePng':
      return (
        typeof value.dataUrl === 'string' &&
        value.dataUrl.length <= MAX_PNG_DATA_URL &&
        value.dataUrl.startsWith('data:image/png;base64,')
      );
    default:
      return false;
  }
}

/*
 * The page's text in the display language. The page never calls VS Code's l10n: the host hands it
 * the display language and the loaded translations (vscode.l10n.bundle: English text -> translation,
 * empty in English) as JSON in the app root's data-strings attribute, so they are there before the
 * first element is built and the CSP stays as strict as before. The page looks up its own English
 * strings (src/webview/englishStrings.ts, their one place) and the core's messages, which it makes
 * itself, in them, as the host's `localize` does.
 */
export interface WebviewStringsTable {
  readonly lang: string;
  readonly messages: Readonly<Record<string, string>>;
}

/** The largest table the page reads (the whole Korean bundle is about 100 KB). */
export const MAX_STRINGS_TABLE = 2_000_000;

function isStringRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((text) => typeof text === 'string');
}

/** A language and a record of strings. */
export function isWebviewStringsTable(value: unknown): value is WebviewStringsTable {
  return isRecord(value) && typeof value.lang === 'string' && isStringRecord(value.messages);
}
