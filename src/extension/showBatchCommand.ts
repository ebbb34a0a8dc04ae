import * as vscode from 'vscode';
import { batchRequestOf, VIEW_SAMPLE } from '../live/batchRequest';
import type { ExplorerBatch } from '../protocol';
import { SHOW_BATCH_COMMAND } from './commandIds';
import { explorerArgsOf } from './explorerCallOf';
import { ExplorerPanel } from './explorerPanel';
import type { LossHoverProvider } from './hoverProvider';
import { localize } from './l10n';
import { notReadMarkdown, liveHoverMarkdown } from './liveHoverMarkdown';
import { plainTextOf } from './markdownText';
import { isFrameDocument, stopLabelOf } from './pausedFrame';
import type { PausedFrames } from './pausedFrame';
import { argsObject, registerSafeCommand } from './safeCommand';
import type { LossLensSettings } from './settingsValues';

/*
 * "Loss Lens: Show Batch in Loss Explorer": the loss call at the cursor (or the one a hover's link
 * names; or the only loss call of the cursor's line), read from the paused frame with the Explorer's batch view (a bounded sample and the exact
 * curves, core/batchView.ts), and posted to the panel's "This batch" view. The view keeps that stop's
 * values; its Refresh reads the same call again at the current stop.
 */

/** Where the call is: a hover link's arguments (0-based line and character); else the active editor's cursor. */
export interface ShowBatchArgs {
  readonly uri?: string;
  readonly line?: number;
  readonly character?: number;
}

/** The arguments that show the batch of the call starting at offset `start` of `document` (the hover's link, the status entry). */
export function showBatchArgsOf(document: vscode.TextDocument, start: number): ShowBatchArgs {
  const at = document.positionAt(start);
  return { uri: document.uri.toString(), line: at.line, character: at.character };
}

export type ShowBatchResult = { readonly ok: true; readonly batch: ExplorerBatch } | { readonly ok: false; readonly reason: string };

interface CallPlace {
  readonly uri: vscode.Uri;
  readonly position: vscode.Position;
}

export function registerShowBatch(
  extensionUri: vscode.Uri,
  hover: LossHoverProvider,
  frames: PausedFrames,
  settings: () => LossLensSettings,
  output: vscode.OutputChannel,
): vscode.Disposable {
  /** The call the view shows, read again on Refresh. */
  let shown: CallPlace | undefined;

  const read = async (place: CallPlace): Promise<ShowBatchResult> => {
    const frame = await frames.current();
    if (!frame) return { ok: false, reason: vscode.l10n.t('Loss Lens reads a batch while a Python debug session is paused: stop at a breakpoint on the loss call (or in its function), then run this again.') };
    const document = await vscode.workspace.openTextDocument(place.uri);
    if (!isFrameDocument(frame, document.uri)) {
      return { ok: false, reason: vscode.l10n.t('The program is paused in another file: the names in {0} mean nothing in the selected frame. Select a frame of this file in the Call Stack.', vscode.workspace.asRelativePath(document.uri)) };
    }
    // The cursor on the call's line but not on the call (Go to Line, a click in the margin) means that call when it is the line's only one.
    const call = hover.callFor(document, place.position) ?? hover.callOnLine(document, place.position.line);
    if (!call) return { ok: false, reason: vscode.l10n.t('No loss call at the cursor: put the cursor on a loss call in the paused function.') };
    const request = batchRequestOf(call, document.getText().slice(call.start, call.end), { view: VIEW_SAMPLE });
    const stop = stopLabelOf(frame);
    if (!request.ok) return { ok: false, reason: plainTextOf(notReadMarkdown(stop, localize(request.reason))) };
    const summary = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Loss Lens: reading {0} and {1} from the paused program…', request.request.pred, request.request.target) },
      () => frames.read(frame, request.request),
    );
    if (summary.ok !== true || !summary.summary.view) {
      const why = liveHoverMarkdown(summary, request.request, stop, settings());
      return { ok: false, reason: why ? plainTextOf(why) : vscode.l10n.t('The batch could not be read.') };
    }
    const line = document.positionAt(call.start).line;
    const file = vscode.workspace.asRelativePath(document.uri);
    const args = explorerArgsOf(call, line, settings(), file);
    const label = args.multiclassCall?.label ?? args.call?.label ?? call.api;
    const batch: ExplorerBatch = {
      stop: { file, line: stop.line, frame: frame.name, time: stop.time },
      label,
      pred: request.request.pred,
      target: request.request.target,
      // Parameters the file left to the program (`alpha=self.alpha`) as the debuggee read them.
      spec: { ...request.request.spec, ...summary.summary.params },
      summary: summary.summary,
    };
    return { ok: true, batch };
  };

  const show = async (args?: ShowBatchArgs): Promise<ShowBatchResult> => {
    const place = placeOf(args);
    if (!place) return fail(vscode.l10n.t('Open the file the program is paused in and put the cursor on a loss call.'));
    const result = await read(place);
    if (!result.ok) return fail(result.reason);
    shown = place;
    const panel = ExplorerPanel.createOrShow(extensionUri);
    panel.showBatch(result.batch);
    output.appendLine(vscode.l10n.t('Batch of {0} ({1}, line {2}) shown in the Loss Explorer.', result.batch.label, result.batch.stop.file, result.batch.stop.line));
    return result;
  };

  const refresh = async (): Promise<void> => {
    const panel = ExplorerPanel.current;
    if (!panel) return;
    if (!shown) {
      panel.showBatchStatus('failed', vscode.l10n.t('Open a batch from the hover of a loss call while paused.'));
      return;
    }
    panel.showBatchStatus('reading', vscode.l10n.t('Reading the batch at the current stop…'));
    const result = await read(shown);
    if (result.ok) panel.showBatch(result.batch);
    else panel.showBatchStatus('failed', result.reason);
  };

  ExplorerPanel.batchRefresher = () => void refresh();
  return vscode.Disposable.from(
    registerSafeCommand(SHOW_BATCH_COMMAND, output, (...args) => show(argsObject<ShowBatchArgs>(args))),
    { dispose: () => (ExplorerPanel.batchRefresher = undefined) },
  );
}

function fail(reason: string): ShowBatchResult {
  void vscode.window.showInformationMessage(reason);
  return { ok: false, reason };
}

/** The call's place from a hover link's arguments (checked: they come from a URI), else the cursor. */
function placeOf(args: ShowBatchArgs | undefined): CallPlace | undefined {
  if (args && typeof args.uri === 'string' && Number.isInteger(args.line) && Number.isInteger(args.character)) {
    try {
      return { uri: vscode.Uri.parse(args.uri, true), position: new vscode.Position(Math.max(0, args.line!), Math.max(0, args.character!)) };
    } catch {
      return undefined;
    }
  }
  const editor = vscode.window.activeTextEditor;
  return editor ? { uri: editor.document.uri, position: editor.selection.active } : undefined;
}
