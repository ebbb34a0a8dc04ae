import * as vscode from 'vscode';
import type { LossCall } from '../language/recognition';
import { batchRequestOf } from '../live/batchRequest';
import { HOVER_LINK_COMMANDS, SHOW_BATCH_COMMAND } from './commandIds';
import type { LossHoverProvider } from './hoverProvider';
import { liveHoverMarkdown, notReadMarkdown } from './liveHoverMarkdown';
import { commandUri } from './markdownText';
import { isFrameDocument, stopLabelOf } from './pausedFrame';
import type { PausedFrame, PausedFrames } from './pausedFrame';
import { showBatchArgsOf } from './showBatchCommand';
import type { LossLensSettings } from './settingsValues';

/*
 * The hover's second part while a Python debug session is paused in this file: the loss call's batch,
 * read from the selected frame (pausedFrame.ts) and summarised by the shipped snippet. A hover of its
 * own, so the static hover never waits for the debuggee; VS Code shows both in one box.
 */
export class LiveBatchHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly hover: LossHoverProvider,
    private readonly frames: PausedFrames,
    private readonly settings: () => LossLensSettings,
  ) {}

  /**
   * Whether the hover on `call` shows its batch now: paused in this file, its arguments may be read
   * and were (the read is cached per stop: the hover's own read is this one).
   */
  async showsBatch(document: vscode.TextDocument, call: LossCall): Promise<boolean> {
    const frame = await this.pausedIn(document);
    if (!frame) return false;
    const request = batchRequestOf(call, document.getText().slice(call.start, call.end));
    return request.ok && (await this.frames.read(frame, request.request)).ok === true;
  }

  /** The paused frame when it is in `document`: the call's names mean something only there. */
  private async pausedIn(document: vscode.TextDocument): Promise<PausedFrame | undefined> {
    const frame = await this.frames.current();
    return frame && isFrameDocument(frame, document.uri) ? frame : undefined;
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const settings = this.settings();
    if (!settings.hoverEnabled) return undefined;
    const frame = await this.pausedIn(document);
    if (!frame) return undefined;
    const call = this.hover.callFor(document, position);
    if (!call || token.isCancellationRequested) return undefined;
    const stop = stopLabelOf(frame);
    const request = batchRequestOf(call, document.getText().slice(call.start, call.end));
    let text: string | undefined;
    if (!request.ok) {
      text = notReadMarkdown(stop, request.reason);
    } else {
      const read = await this.frames.read(frame, request.request);
      if (token.isCancellationRequested) return undefined;
      text = liveHoverMarkdown(read, request.request, stop, settings);
      if (text && read.ok === true) {
        const args = showBatchArgsOf(document, call.start);
        const link = `[${vscode.l10n.t('Open this batch in the Loss Explorer')}](${commandUri(SHOW_BATCH_COMMAND, args)} "${vscode.l10n.t('Histograms, Figure 4 curves and the hardest samples of this batch')}")`;
        text = `${text}  \n${link}`;
      }
    }
    if (!text) return undefined;
    const markdown = new vscode.MarkdownString(text);
    markdown.isTrusted = { enabledCommands: HOVER_LINK_COMMANDS };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(call.start), document.positionAt(call.end)));
  }
}
