import * as vscode from 'vscode';
import { sanitiseSettings } from './settingsValues';
import type { LossLensSettings } from './settingsValues';

export const SETTINGS_SECTION = 'lossLens';

/** Reads the current settings; values that make no sense fall back to defaults and are reported once. */
export function readSettings(output?: vscode.OutputChannel): LossLensSettings {
  const configuration = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const { settings, problems } = sanitiseSettings((key) => {
    const inspected = configuration.inspect(key);
    // Only values someone set: the contributed defaults are ours and already valid.
    return inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue;
  });
  for (const problem of problems) output?.appendLine(vscode.l10n.t('Settings: {0}', problem));
  return settings;
}

/** Calls `listener` with fresh settings whenever a Loss Lens setting changes. */
export function onSettingsChanged(listener: (settings: LossLensSettings) => void, output?: vscode.OutputChannel): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SETTINGS_SECTION)) listener(readSettings(output));
  });
}

/** The current settings, re-read when they change, with listeners for whoever shows values. */
export class SettingsStore implements vscode.Disposable {
  private value: LossLensSettings;
  private readonly listeners = new Set<(settings: LossLensSettings) => void>();
  private readonly subscription: vscode.Disposable;

  constructor(output?: vscode.OutputChannel) {
    this.value = readSettings(output);
    this.subscription = onSettingsChanged((settings) => {
      this.value = settings;
      for (const listener of this.listeners) listener(settings);
    }, output);
  }

  get current(): LossLensSettings {
    return this.value;
  }

  onDidChange(listener: (settings: LossLensSettings) => void): vscode.Disposable {
    this.listeners.add(listener);
    return new vscode.Disposable(() => this.listeners.delete(listener));
  }

  dispose(): void {
    this.subscription.dispose();
    this.listeners.clear();
  }
}
