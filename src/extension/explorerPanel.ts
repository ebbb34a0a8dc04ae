import * as vscode from 'vscode';
import {
  isExplorerBatch,
  isExplorerCall,
  isExplorerClassPoint,
  isExplorerClassPoints,
  isExplorerFocus,
  isExplorerMulticlassCall,
  isExplorerPoint,
  isWebviewMessage,
  MAX_CLASS_POINTS,
} from '../protocol';
import type {
  ExplorerBatch,
  ExplorerCall,
  ExplorerClassPoint,
  ExplorerFocus,
  ExplorerMulticlassCall,
  ExplorerPoint,
  ExplorerSettings,
  ExportFormat,
  HostMessage,
  WebviewMessage,
} from '../protocol';
import { EXTENSION_ID, OPEN_EXPLORER_COMMAND } from './commandIds';
import { explorerHtml, makeNonce } from './explorerHtml';

export const EXPLORER_VIEW_TYPE = 'lossLens.explorer';
/** Context key for `when` clauses: true while the Loss Explorer is open. */
export const EXPLORER_OPEN_CONTEXT = 'lossLens.explorerOpen';

/** What `lossLens.openExplorer` accepts, e.g. from a hover's command link. */
export interface OpenExplorerArgs {
  readonly call?: ExplorerCall;
  readonly points?: readonly ExplorerPoint[];
  /** A softmax call for the multi-class view (see explorerMulticlassCallOf). */
  readonly multiclassCall?: ExplorerMulticlassCall;
  /** Rows of class logits with their target class, for the multi-class view. */
  readonly multiclassPoints?: readonly ExplorerClassPoint[];
  readonly source?: string;
  /** A section to open in a given state (a walkthrough step), applied after the rest. */
  readonly focus?: ExplorerFocus;
}

/** Where a call to show came from: the editor's cursor (skipped while the panel is locked) or a person's action. */
export type CallOrigin = 'editor' | 'user';

/**
 * Where the panel goes: beside whatever the person is reading (a text editor, a walkthrough, a
 * notebook: any active tab, not only a text editor), never as a tab on top of it; where it already
 * is when it stands in another group or is itself the active tab; the first column when nothing is open.
 */
export function explorerColumn(existing: vscode.WebviewPanel | undefined): vscode.ViewColumn {
  const group = vscode.window.tabGroups.activeTabGroup;
  if (existing && (existing.active || existing.viewColumn !== group.viewColumn)) return existing.viewColumn ?? vscode.ViewColumn.Beside;
  return group.activeTab ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
}

/**
 * The one Loss Explorer panel (after the webview-sample's CatCodingPanel): created beside the
 * editor, revealed when opened again, restored by the serializer after a reload.
 */
export class ExplorerPanel {
  /** The open panel, if any. */
  static current: ExplorerPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  /** Messages posted before the webview said `ready`; its listener does not exist until then. */
  private pending: HostMessage[] = [];
  private ready = false;
  private followEditor = true;
  private lastSettings: ExplorerSettings | undefined;
  /** Waiting for the page's table after a `copy` request from the host (Copy Values as Markdown Table). */
  private copyWaiter: ((text: string | undefined) => void) | undefined;
  /** The format of that request, asked again of a page that reloads before it answers. */
  private copyFormat: ExportFormat | undefined;

  /** Settings every new or restored panel starts with (set once at activation). */
  static settingsSource: (() => ExplorerSettings) | undefined;
  /** Reads the batch view's call again at the current stop (set by the Show Batch command). */
  static batchRefresher: (() => void) | undefined;

  /** Opens the panel beside the editor, or reveals it; then shows what `args` carries. */
  static createOrShow(extensionUri: vscode.Uri, args?: OpenExplorerArgs): ExplorerPanel {
    let explorer = ExplorerPanel.current;
    const column = explorerColumn(explorer?.panel);
    if (explorer) {
      explorer.panel.reveal(column, true);
    } else {
      const panel = vscode.window.createWebviewPanel(
        EXPLORER_VIEW_TYPE,
        vscode.l10n.t('Loss Explorer'),
        { viewColumn: column, preserveFocus: true },
        webviewOptions(extensionUri),
      );
      explorer = new ExplorerPanel(panel, extensionUri);
    }
    if (args?.call) explorer.showCall(args.call, 'user');
    if (args?.points) explorer.showPoints(args.points, args.source ?? vscode.l10n.t('command'));
    if (args?.multiclassCall) explorer.showMulticlassCall(args.multiclassCall, 'user');
    if (args?.multiclassPoints) explorer.showMulticlassPoints(args.multiclassPoints, args.source ?? vscode.l10n.t('command'));
    if (args?.focus) explorer.showFocus(args.focus);
    return explorer;
  }

  /** Takes over a panel VS Code restored after a reload. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): ExplorerPanel {
    ExplorerPanel.current?.dispose();
    // Restored panels keep no options: set them again so scripts run and local roots stay narrow.
    panel.webview.options = webviewOptions(extensionUri);
    return new ExplorerPanel(panel, extensionUri);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
  ) {
    ExplorerPanel.current = this;
    void vscode.commands.executeCommand('setContext', EXPLORER_OPEN_CONTEXT, true);
    const settings = ExplorerPanel.settingsSource?.();
    if (settings) this.applySettings(settings);
    this.render();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message)),
      // Without retainContextWhenHidden the page is rebuilt when shown again; it says `ready` again.
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
    );
  }

  /** Whether the panel follows the editor (its lock is open). */
  get following(): boolean {
    return this.followEditor;
  }

  /** Shows a loss call; one from the editor is skipped while the panel is locked. Returns whether it was sent. */
  showCall(call: ExplorerCall, origin: CallOrigin = 'user'): boolean {
    if (!isExplorerCall(call)) throw new TypeError('showCall: not an ExplorerCall');
    if (origin === 'editor' && !this.followEditor) return false;
    this.post({ type: 'call', call });
    return true;
  }

  /** Plots predictions (p or logit, y) as points; `source` says where they came from. */
  showPoints(points: readonly ExplorerPoint[], source: string): void {
    const valid = points.filter(isExplorerPoint);
    this.post({ type: 'points', points: valid, source: String(source) });
  }

  /**
   * Shows a softmax loss call in the multi-class view (the page switches to it); one from the editor
   * is skipped while the panel is locked. Returns whether it was sent.
   */
  showMulticlassCall(call: ExplorerMulticlassCall, origin: CallOrigin = 'user'): boolean {
    if (!isExplorerMulticlassCall(call)) throw new TypeError('showMulticlassCall: not an ExplorerMulticlassCall');
    if (origin === 'editor' && !this.followEditor) return false;
    this.post({ type: 'multiclassCall', call });
    return true;
  }

  /**
   * Plots rows of class logits with their target class in the multi-class view. Rows that are not
   * class points, or not as wide as the first good row, are left out; at most MAX_CLASS_POINTS go.
   */
  showMulticlassPoints(points: readonly ExplorerClassPoint[], source: string): void {
    const wellFormed = points.filter(isExplorerClassPoint);
    const width = wellFormed[0]?.logits.length;
    const valid = wellFormed.filter((p) => p.logits.length === width).slice(0, MAX_CLASS_POINTS);
    this.post({ type: 'multiclassPoints', points: valid, source: String(source) });
  }

  /** Shows a paused program's batch in the "This batch" view (which the page switches to). */
  showBatch(batch: ExplorerBatch): void {
    if (!isExplorerBatch(batch)) return;
    this.post({ type: 'batch', batch });
  }

  /** Says that the batch view's refresh is reading, or why it could not (the view keeps its batch). */
  showBatchStatus(status: 'reading' | 'failed', detail: string): void {
    this.post({ type: 'batchStatus', status, detail: String(detail) });
  }

  /** Opens a section in the state `focus` describes (after any call or points posted before it). */
  showFocus(focus: ExplorerFocus): void {
    if (!isExplorerFocus(focus)) throw new TypeError('showFocus: not an ExplorerFocus');
    this.post({ type: 'focus', focus });
  }

  applySettings(settings: ExplorerSettings): void {
    this.lastSettings = settings;
    this.post({ type: 'settings', settings });
  }

  /**
   * The page's values table in `format`, copied to the clipboard as its Copy button would; undefined
   * when the page has no values (it then says so itself) or is closed before it answers. The request
   * waits in the queue while the page loads, and the page answers every request, so no clock decides.
   */
  copyTable(format: ExportFormat): Promise<string | undefined> {
    this.copyWaiter?.(undefined);
    return new Promise((resolve) => {
      this.copyFormat = format;
      this.copyWaiter = (text) => {
        this.copyWaiter = undefined;
        this.copyFormat = undefined;
        resolve(text);
      };
      // A hidden page is unloaded (no retainContextWhenHidden) and answers only once shown again.
      if (!this.panel.visible) this.panel.reveal(undefined, true);
      this.post({ type: 'export', format, action: 'copy' });
    });
  }

  dispose(): void {
    this.copyWaiter?.(undefined);
    if (ExplorerPanel.current === this) {
      ExplorerPanel.current = undefined;
      void vscode.commands.executeCommand('setContext', EXPLORER_OPEN_CONTEXT, false);
    }
    this.panel.dispose();
    while (this.disposables.length > 0) this.disposables.pop()?.dispose();
  }

  private render(): void {
    const webview = this.panel.webview;
    const asUri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...parts)).toString();
    this.ready = false;
    webview.html = explorerHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asUri('dist', 'webview', 'main.js'),
      styleUri: asUri('media', 'explorer.css'),
      // The display language and the loaded translations: the page looks its own strings and the
      // core's messages up there (English: none, the page's own text).
      strings: { lang: vscode.env.language, messages: vscode.l10n.bundle ?? {} },
      title: vscode.l10n.t('Loss Explorer'),
    });
  }

  private post(message: HostMessage): void {
    if (this.ready) {
      void this.panel.webview.postMessage(message);
      return;
    }
    // While the page is loading or hidden only the latest of each kind matters (a cursor moving
    // through a file posts many calls), so the queue never grows beyond one message per type.
    this.pending = this.pending.filter((m) => m.type !== message.type);
    this.pending.push(message);
  }

  private receive(message: unknown): void {
    // The page is untrusted input: anything not in the protocol is dropped.
    if (!isWebviewMessage(message)) return;
    void this.handle(message);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const queued = this.pending;
        this.pending = [];
        if (this.lastSettings && !queued.some((m) => m.type === 'settings')) {
          void this.panel.webview.postMessage({ type: 'settings', settings: this.lastSettings } satisfies HostMessage);
        }
        for (const m of queued) void this.panel.webview.postMessage(m);
        // A page that said ready again has reloaded (hidden, moved to another group): a copy request
        // posted to the page it replaced was lost with it, and the command still waits for its answer.
        if (this.copyFormat !== undefined && !queued.some((m) => m.type === 'export')) {
          void this.panel.webview.postMessage({ type: 'export', format: this.copyFormat, action: 'copy' } satisfies HostMessage);
        }
        return;
      }
      case 'follow':
        this.followEditor = message.follow;
        return;
      case 'refreshBatch':
        ExplorerPanel.batchRefresher?.();
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${EXTENSION_ID}`);
        return;
      case 'nothingToExport':
        this.copyWaiter?.(undefined);
        return;
      case 'copyText':
        try {
          await vscode.env.clipboard.writeText(message.text);
        } catch (error) {
          // Never leave Copy Values as Markdown Table waiting: say why, and answer that nothing was copied.
          const detail = error instanceof Error ? error.message : String(error);
          this.post({ type: 'exported', what: formatName(message.format), ok: false, detail });
          void vscode.window.showErrorMessage(vscode.l10n.t('Loss Lens: copying the {0} failed: {1}', formatName(message.format), detail));
          this.copyWaiter?.(undefined);
          return;
        }
        this.post({ type: 'exported', what: formatName(message.format), ok: true, detail: vscode.l10n.t('copied to the clipboard') });
        this.copyWaiter?.(message.text);
        return;
      case 'saveText':
        await this.saveFile(formatName(message.format), extension(message.format), new TextEncoder().encode(message.text));
        return;
      case 'savePng': {
        const base64 = message.dataUrl.slice('data:image/png;base64,'.length);
        await this.saveFile('PNG', 'png', base64ToBytes(base64));
        return;
      }
    }
  }

  private async saveFile(what: string, ext: string, bytes: Uint8Array): Promise<void> {
    try {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const uri = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, `loss-explorer.${ext}`) : undefined,
        filters: { [what]: [ext] },
        saveLabel: vscode.l10n.t('Save {0}', what),
      });
      if (!uri) return;
      await vscode.workspace.fs.writeFile(uri, bytes);
      this.post({ type: 'exported', what, ok: true, detail: vscode.l10n.t('saved to {0}', uri.fsPath || uri.toString()) });
    } catch (error) {
      // In VS Code for the Web the file system may refuse a place the dialog offered: say so in the
      // panel and as a notification, since the panel's status line is easy to miss.
      const detail = error instanceof Error ? error.message : String(error);
      this.post({ type: 'exported', what, ok: false, detail });
      void vscode.window.showErrorMessage(vscode.l10n.t('Loss Lens: saving the {0} failed: {1}', what, detail));
    }
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

function formatName(format: ExportFormat): string {
  return format === 'csv' ? 'CSV' : 'Markdown';
}

function extension(format: ExportFormat): string {
  return format === 'csv' ? 'csv' : 'md';
}

/** atob exists in Node 16+ and in the web worker host alike; Buffer does not exist on the web. */
function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function isOpenArgs(value: unknown): value is OpenExplorerArgs {
  if (typeof value !== 'object' || value === null) return false;
  const args = value as Record<string, unknown>;
  return (
    (args.call === undefined || isExplorerCall(args.call)) &&
    (args.points === undefined || (Array.isArray(args.points) && args.points.every(isExplorerPoint))) &&
    (args.multiclassCall === undefined || isExplorerMulticlassCall(args.multiclassCall)) &&
    (args.multiclassPoints === undefined || isExplorerClassPoints(args.multiclassPoints)) &&
    (args.source === undefined || typeof args.source === 'string') &&
    (args.focus === undefined || isExplorerFocus(args.focus))
  );
}

/** The command and the serializer; one call from activate(). */
export function registerExplorer(context: vscode.ExtensionContext): vscode.Disposable {
  const uri = context.extensionUri;
  return vscode.Disposable.from(
    vscode.commands.registerCommand(OPEN_EXPLORER_COMMAND, (args?: unknown) => {
      // Command links and other extensions can pass anything; a malformed argument opens the panel plain.
      ExplorerPanel.createOrShow(uri, isOpenArgs(args) ? args : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(EXPLORER_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel) {
        ExplorerPanel.revive(panel, uri);
      },
    }),
    { dispose: () => ExplorerPanel.current?.dispose() },
  );
}
