import * as vscode from 'vscode';
import { batchRequestOf } from '../live/batchRequest';
import { SHOW_BATCH_COMMAND } from './commandIds';
import type { RecognisedCalls } from './hoverProvider';
import { frameUri, isFrameDocument } from './pausedFrame';
import type { PausedFrame, PausedFrames } from './pausedFrame';
import { showBatchArgsOf } from './showBatchCommand';

/*
 * A status bar entry while a Python debug session is paused on a loss call: "$(graph) Loss Lens:
 * batch", which hands the call's prediction and target expressions to a command. Shown only when the
 * paused line holds a loss call whose two arguments Loss Lens may evaluate (the hover's batch section
 * reads the same ones), hidden on every other stop, on continue and when the session ends: it never
 * offers a call whose arguments Loss Lens would refuse to evaluate.
 */

/**
 * The command the entry runs: Show Batch in Loss Explorer, with the paused call's place
 * (`{ uri, line, character }`, as the hover's link gives it).
 */
export const PAUSED_BATCH_COMMAND = SHOW_BATCH_COMMAND;

/** What the entry shows now: the tests read it through the extension's API. */
export interface PausedBatchStatus {
  readonly visible: boolean;
  readonly command?: vscode.Command;
}

/**
 * The entry itself. In the web worker extension host it never shows: a Python debug adapter runs
 * beside a Node extension host, and the live values are read there.
 */
export class PausedStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lossLens.pausedBatch', vscode.StatusBarAlignment.Left, 10);
  private readonly changed = new vscode.EventEmitter<PausedBatchStatus>();
  private readonly subscriptions: vscode.Disposable[] = [this.changed];
  /** Fires after the entry was shown, changed or hidden. */
  readonly onDidChange = this.changed.event;
  private updates = 0;
  private shown: PausedBatchStatus = { visible: false };

  constructor(
    private readonly frames: PausedFrames,
    private readonly calls: RecognisedCalls,
  ) {
    this.item.name = vscode.l10n.t('Loss Lens: paused batch');
    if (inWebWorkerHost()) return;
    this.subscriptions.push(frames.onDidChange(() => void this.update()));
    void this.update();
  }

  get status(): PausedBatchStatus {
    return this.shown;
  }

  private async update(): Promise<void> {
    const update = ++this.updates;
    let next: PausedBatchStatus = { visible: false };
    try {
      const frame = await this.frames.current();
      const command = frame && (await this.commandFor(frame));
      if (command) next = { visible: true, command };
    } catch {
      // A document that cannot be opened or read: no entry.
    }
    // A newer stop (or the end of the session) came while this one was read: it decides.
    if (update !== this.updates) return;
    if (next.visible && next.command) {
      this.item.text = `$(graph) ${vscode.l10n.t('Loss Lens: batch')}`;
      this.item.tooltip = next.command.tooltip;
      this.item.command = next.command;
      this.item.show();
    } else {
      this.item.hide();
    }
    this.shown = next;
    this.changed.fire(next);
  }

  /** The command for the loss call on the frame's line whose arguments may be read, or undefined. */
  private async commandFor(frame: PausedFrame): Promise<vscode.Command | undefined> {
    const uri = frameUri(frame);
    if (!uri) return undefined;
    const document = vscode.workspace.textDocuments.find((d) => isFrameDocument(frame, d.uri)) ?? (await vscode.workspace.openTextDocument(uri));
    const read = this.calls.readPython(document);
    for (const call of read?.calls ?? []) {
      const first = document.positionAt(call.start).line;
      const last = document.positionAt(call.end).line;
      if (frame.line < first || frame.line > last) continue;
      const request = batchRequestOf(call, document.getText().slice(call.start, call.end));
      if (!request.ok) continue;
      const { pred, target } = request.request;
      const args = showBatchArgsOf(document, call.start);
      return {
        title: vscode.l10n.t('Loss Lens: batch'),
        command: PAUSED_BATCH_COMMAND,
        arguments: [args],
        tooltip: vscode.l10n.t('Loss Lens: show this batch ({0}, {1}) at line {2} in the Loss Explorer', pred, target, frame.line + 1),
      };
    }
    return undefined;
  }

  dispose(): void {
    this.updates++;
    this.item.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

/** Whether this is VS Code's web worker extension host (no Node `process` there). */
function inWebWorkerHost(): boolean {
  return typeof process === 'undefined' || typeof process.versions?.node !== 'string';
}
