/*
 * The messages between the extension host and the Loss Explorer webview: the only module both
 * sides import. Types plus small validators, because a message is untrusted data until checked
 * (the webview's messages on the host, and the host's on the webview after a reload mix-up).
 * Imports types only from core, so it stays free of code either side does not need.
 */
import type { LossKind } from './core/params';

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

export type LogBaseName = 'e' | '2' | '10';

export interface ExplorerSettings {
  readonly logBase: LogBaseName;
  readonly precision: number;
  readonly defaultAlpha: number | null;
  readonly defaultGamma: number;
}

/** Host -> webview. */
export type HostMessage =
  | { readonly type: 'call'; readonly call: ExplorerCall }
  | { readonly type: 'points'; readonly points: readonly ExplorerPoint[]; readonly source: string }
  | { readonly type: 'settings'; readonly settings: ExplorerSettings }
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
  | { readonly type: 'nothingToExport'; readonly format: ExportFormat };

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

export function isHostMessage(value: unknown): value is HostMessage {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'call':
      return isExplorerCall(value.call);
    case 'points':
      return Array.isArray(value.points) && value.points.every(isExplorerPoint) && typeof value.source === 'string';
    case 'settings':
      return isExplorerSettings(value.settings);
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
