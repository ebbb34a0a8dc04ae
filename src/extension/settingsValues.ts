/*
 * The extension's settings as plain values, sanitised. Pure (no vscode import) so it is unit-tested
 * in Node; settings.ts reads the workspace configuration into it. A hand-edited settings.json can hold
 * anything, so every value falls back to its default, with a reason, instead of reaching the core.
 */

import { isAlpha, isLogBaseName } from '../protocol';
import type { ExplorerSettings, LogBaseName } from '../protocol';
import * as l10n from './l10n';

export type LogBaseSetting = LogBaseName;

export interface LossLensSettings {
  readonly defaultAlpha: number | null;
  readonly defaultGamma: number;
  readonly logBase: LogBaseSetting;
  readonly precision: number;
  readonly hoverEnabled: boolean;
  readonly followCursor: boolean;
}

export const DEFAULT_SETTINGS: LossLensSettings = {
  defaultAlpha: 0.25,
  defaultGamma: 2,
  logBase: 'e',
  precision: 4,
  hoverEnabled: true,
  followCursor: true,
};

/** What the Loss Explorer needs of the settings. */
export function explorerSettingsOf(settings: LossLensSettings): ExplorerSettings {
  return { logBase: settings.logBase, precision: settings.precision, defaultAlpha: settings.defaultAlpha, defaultGamma: settings.defaultGamma };
}

/** How a base is named next to values: "natural log", "log2", "log10". */
export function baseName(logBase: LogBaseSetting): string {
  return logBase === 'e' ? l10n.t('natural log') : `log${logBase}`;
}

export interface SanitisedSettings {
  readonly settings: LossLensSettings;
  /** One line per value that was ignored, naming the setting and why. */
  readonly problems: string[];
}

/** `get(key)` returns the raw configured value (undefined when unset). */
export function sanitiseSettings(get: (key: string) => unknown): SanitisedSettings {
  const problems: string[] = [];
  const pick = <T>(key: string, fallback: T, valid: (value: unknown) => boolean, allowed: string): T => {
    const value = get(key);
    if (value === undefined) return fallback;
    if (valid(value)) return value as T;
    problems.push(l10n.t('lossLens.{0} must be {1} (got {2}); using {3}.', key, allowed, JSON.stringify(value), JSON.stringify(fallback)));
    return fallback;
  };
  // alphaWeighting is the Settings UI's way to say "no alpha" (it cannot write null); null in a
  // hand-edited settings.json still means the same.
  const alphaWeighting = pick('alphaWeighting', true, (v) => typeof v === 'boolean', l10n.t('true or false'));
  const defaultAlpha = pick('defaultAlpha', DEFAULT_SETTINGS.defaultAlpha, isAlpha, l10n.t('a number in [0, 1] or null'));
  const settings: LossLensSettings = {
    defaultAlpha: alphaWeighting ? defaultAlpha : null,
    defaultGamma: pick('defaultGamma', DEFAULT_SETTINGS.defaultGamma, (v) => typeof v === 'number' && v >= 0 && v < Infinity, l10n.t('a number >= 0')),
    logBase: pick('logBase', DEFAULT_SETTINGS.logBase, isLogBaseName, l10n.t('"e", "2" or "10"')),
    precision: pick('precision', DEFAULT_SETTINGS.precision, (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 17, l10n.t('a whole number from 1 to 17')),
    hoverEnabled: pick('hover.enabled', DEFAULT_SETTINGS.hoverEnabled, (v) => typeof v === 'boolean', l10n.t('true or false')),
    followCursor: pick('panel.followCursor', DEFAULT_SETTINGS.followCursor, (v) => typeof v === 'boolean', l10n.t('true or false')),
  };
  return { settings, problems };
}
