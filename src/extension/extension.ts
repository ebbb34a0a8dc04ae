import * as vscode from 'vscode';
import { resolveKoreanParticles } from '../core';
import { registerCompare } from './compareCommand';
import { registerComputeLoss } from './computeLossCommand';
import { registerExplainAtCursor } from './explainCommand';
import { registerCopyMarkdownTable } from './copyTableCommand';
import { ExplorerPanel, registerExplorer } from './explorerPanel';
import { followCursor } from './followCursor';
import { LOSS_DOCUMENTS, LossHoverProvider, RecognisedCalls } from './hoverProvider';
import { registerInsertImplementation } from './insertImplementationCommand';
import { LiveBatchHoverProvider } from './liveHoverProvider';
import { PausedFrames } from './pausedFrame';
import { PausedStatusItem } from './pausedStatusItem';
import type { PausedBatchStatus } from './pausedStatusItem';
import { registerLossLint } from './lintDiagnostics';
import { setTranslator } from './l10n';
import { registerOpenSample } from './sampleCommand';
import { registerComputeSelection } from './selectionCommand';
import { registerShowBatch } from './showBatchCommand';
import { SettingsStore } from './settings';
import { explorerSettingsOf } from './settingsValues';

/** What the extension exports (`vscode.extensions.getExtension(...).exports`): events the tests wait on. */
export interface LossLensApi {
  /** Fires after an edited, visible document was read again in the background. */
  readonly onDidReread: vscode.Event<vscode.TextDocument>;
  /** What the paused-batch status bar entry shows now, and when that changes. */
  readonly pausedBatchStatus: () => PausedBatchStatus;
  readonly onDidChangePausedBatchStatus: vscode.Event<PausedBatchStatus>;
}

/** Activation (on a command, a Python or YAML file, or a restored panel) only registers, so it stays cheap. */
export function activate(context: vscode.ExtensionContext): LossLensApi {
  const started = Date.now();
  // The pure modules (hover, reports) and the core's and language layer's messages translate through this.
  // Korean sentences write both particle forms, 은(는), where a word is filled in: keep the right one.
  setTranslator((template, args) => resolveKoreanParticles(vscode.l10n.t(template, ...args)));
  const output = vscode.window.createOutputChannel('Loss Lens');
  const settings = new SettingsStore(output);
  // Read at each use, so a changed setting shows in the next hover, command or panel update.
  const currentSettings = () => settings.current;
  const calls = new RecognisedCalls(output);
  const frames = new PausedFrames();
  // While a session is paused on a call, the live hover's batch section stands in for the static p_t table;
  // while the Loss Explorer is visible (beside the editor: a panel and an editor never share one group's view), the panel does.
  const hover: LossHoverProvider = new LossHoverProvider(calls, currentSettings, (document, call) => liveHover.showsBatch(document, call), () => ExplorerPanel.current?.panel.visible === true);
  const liveHover: LiveBatchHoverProvider = new LiveBatchHoverProvider(hover, frames, currentSettings);
  const pausedStatus = new PausedStatusItem(frames, calls);
  // The panel takes the same settings, when it opens and whenever they change.
  ExplorerPanel.settingsSource = () => explorerSettingsOf(settings.current);
  const uri = context.extensionUri;
  context.subscriptions.push(
    output,
    settings,
    calls,
    registerComputeLoss(output, currentSettings),
    registerExplorer(context),
    frames,
    pausedStatus,
    vscode.languages.registerHoverProvider(LOSS_DOCUMENTS, hover),
    vscode.languages.registerHoverProvider({ language: 'python' }, liveHover),
    registerComputeSelection(output, currentSettings, uri, frames),
    registerShowBatch(uri, hover, frames, currentSettings, output),
    registerExplainAtCursor(output, calls, currentSettings, uri),
    registerCompare(output, currentSettings, uri),
    registerInsertImplementation(output),
    followCursor(calls, currentSettings, output),
    registerCopyMarkdownTable(output),
    registerLossLint(uri, output, (document) => calls.readPython(document), calls.onDidChangeImports),
    registerOpenSample(),
    settings.onDidChange((changed) => ExplorerPanel.current?.applySettings(explorerSettingsOf(changed))),
  );
  output.appendLine(vscode.l10n.t('Loss Lens activated in {0} ms', Date.now() - started));
  return { onDidReread: calls.onDidReread, pausedBatchStatus: () => pausedStatus.status, onDidChangePausedBatchStatus: pausedStatus.onDidChange };
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
