import * as vscode from 'vscode';
import { LossCallIndex, mayBeLossCallWord } from '../language/recognition';
import { assignedCallStart, isKeywordName } from '../language/recognition/hoverPlaces';
import type { DocumentRead, LossCall } from '../language/recognition';
import { HOVER_LINK_COMMANDS } from './commandIds';
import { describeError } from './describeError';
import { ImportedFiles } from './importedFiles';
import { WorkspaceRegistrations } from './workspaceRegistrations';
import * as l10n from './l10n';
import { notebookContextOf, sourceLanguageOf } from './documentSource';
import { cellsOfContext, withCellOrigins } from './hoverCells';
import { hoverMarkdown } from './hoverMarkdown';
import { predictionSourceOf, type PredictionSource } from '../language/lint';
import type { LossLensSettings } from './settingsValues';

/** Documents the hover (and the cursor-following panel) look at. */
export const LOSS_DOCUMENTS: vscode.DocumentSelector = [
  { language: 'python' },
  { language: 'yaml' },
];

/** How long typing must pause before an edited document is read again in the background. */
const REINDEX_AFTER_MS = 250;
/** Larger documents are read only when a hover asks (a 200,000-line file takes most of a second). */
const REINDEX_MAX_LINES = 50_000;

/**
 * One shared index of recognised calls per document version, used by the hover, the commands and
 * the panel. After an edit to a visible document it re-reads the text once typing pauses, so the
 * next hover finds the calls ready instead of parsing the whole file first.
 */
export class RecognisedCalls implements vscode.Disposable {
  private readonly index = new LossCallIndex();
  private readonly imported = new ImportedFiles();
  private readonly registrations = new WorkspaceRegistrations();
  private readonly subscriptions: vscode.Disposable[];
  private reindexTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly reread = new vscode.EventEmitter<vscode.TextDocument>();
  /** Fires after an edited document was read again in the background (tests wait on it, not on time). */
  readonly onDidReread = this.reread.event;
  /** Fires with the documents whose imported workspace files may read differently now (ImportedFiles.onDidChangeImports). */
  readonly onDidChangeImports = this.imported.onDidChangeImports;

  constructor(private readonly output?: vscode.OutputChannel) {
    this.subscriptions = [
      vscode.workspace.onDidCloseTextDocument((document) => this.index.forget(this.keyOf(document))),
      vscode.workspace.onDidChangeTextDocument((event) => this.scheduleReindex(event.document)),
    ];
  }

  /**
   * The index's key for a document: its URI and which document it is. A closed untitled file's
   * name and version come back for the next one ("Untitled-1", version 1), and its close event may
   * arrive after that one opened, so the URI and version alone could hand out the old text's calls.
   */
  private keyOf(document: vscode.TextDocument): string {
    let key = this.keys.get(document);
    if (key === undefined) this.keys.set(document, (key = `${document.uri.toString()}#${++this.opened}`));
    return key;
  }

  private readonly keys = new WeakMap<vscode.TextDocument, string>();
  private opened = 0;

  private scheduleReindex(document: vscode.TextDocument): void {
    const language = sourceLanguageOf(document);
    if (!language || document.lineCount > REINDEX_MAX_LINES || !this.mayHoldLoss(document)) return;
    if (!vscode.window.visibleTextEditors.some((editor) => editor.document === document)) return;
    clearTimeout(this.reindexTimer);
    this.reindexTimer = setTimeout(() => {
      if (document.isClosed) return;
      try {
        this.index.calls(this.keyOf(document), document.version, () => document.getText(), language, notebookContextOf(document), this.imported.modulesFor(document));
        this.reread.fire(document);
      } catch (error) {
        // A timer has no caller to report to: log, never throw into the extension host.
        this.output?.appendLine(vscode.l10n.t('Reading {0} failed: {1}', document.uri.toString(), describeError(error)));
      }
    }, REINDEX_AFTER_MS);
  }

  /**
   * Every call of a Python file and the module they were read from, through the same cache as the
   * hover (so the lint reads nothing again). Notebook cells are read with their earlier cells, whose
   * offsets the lint counts differently: none there.
   */
  readPython(document: vscode.TextDocument): DocumentRead | undefined {
    if (sourceLanguageOf(document) !== 'python' || notebookContextOf(document) !== undefined) return undefined;
    return this.index.read(this.keyOf(document), document.version, () => document.getText(), 'python', undefined, this.imported.modulesFor(document));
  }

  /** Whether the document's calls are known at its current version (a lookup is then a binary search). */
  isCurrent(document: vscode.TextDocument): boolean {
    return this.index.has(this.keyOf(document), document.version);
  }

  /**
   * Whether a document may hold a loss at all. Loss Lens activates for every YAML file (CI workflows,
   * docker-compose, Kubernetes manifests), and a YAML loss config names its loss (FOCAL_LOSS_*, loss_class,
   * fl_gamma): one search per version spares the others any reading. Python is always read.
   */
  private mayHoldLoss(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'yaml') return true;
    const known = this.yamlChecked.get(document);
    if (known?.version === document.version) return known.mayHold;
    const mayHold = /loss|focal|fl_gamma/i.test(document.getText());
    this.yamlChecked.set(document, { version: document.version, mayHold });
    return mayHold;
  }

  private readonly yamlChecked = new WeakMap<vscode.TextDocument, { version: number; mayHold: boolean }>();

  /** The recognised call at `position`, or undefined. Cheap when the document has not changed. */
  callAt(document: vscode.TextDocument, position: vscode.Position): LossCall | undefined {
    const language = sourceLanguageOf(document);
    if (!language || !this.mayHoldLoss(document)) return undefined;
    return this.index.callAt(this.keyOf(document), document.version, () => document.getText(), document.offsetAt(position), language, notebookContextOf(document), this.imported.modulesFor(document));
  }

  /** The call at `position` as the workspace builds it (asWorkspaceBuildsIt): what the panel and commands show. */
  async builtCallAt(document: vscode.TextDocument, position: vscode.Position): Promise<LossCall | undefined> {
    const call = this.callAt(document, position);
    return call && this.asWorkspaceBuildsIt(call);
  }

  /**
   * `call` as the workspace builds it: an OpenMMLab loss (`dict(type='FocalLoss')`, mmdet's classes) that
   * the workspace registers itself (a vendored or forked mmdet, its own `@LOSSES.register_module()`
   * class) is not upstream's, so its values are said to be upstream's and no numbers are shown.
   */
  async asWorkspaceBuildsIt(call: LossCall): Promise<LossCall> {
    const registered = /^(mmdet|mmseg|mmrotate)\.models\.losses\.(\w+)$/.exec(call.api);
    if (!registered) return call;
    const path = await this.registrations.registering(registered[2]!);
    if (!path) return call;
    return { ...call, notModeled: l10n.t("this workspace registers its own {0} ({1}), which may compute something else: the parameters here are upstream {2}'s", registered[2]!, path, registered[1]!) };
  }

  dispose(): void {
    clearTimeout(this.reindexTimer);
    this.reread.dispose();
    this.imported.dispose();
    this.registrations.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}

export class LossHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly calls: RecognisedCalls,
    private readonly settings: () => LossLensSettings,
    /** Whether the live hover shows this call's batch now (a paused session): then the p_t table is left out. */
    private readonly showsBatch: (document: vscode.TextDocument, call: LossCall) => Promise<boolean> = async () => false,
    /** Whether the Loss Explorer is visible beside the editor: then the p_t table is left to it (hoverMarkdown's explorerBeside). */
    private readonly explorerBeside: () => boolean = () => false,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const settings = this.settings();
    if (!settings.hoverEnabled) return undefined;
    const found = this.callFor(document, position);
    if (!found || token.isCancellationRequested) return undefined;
    const call = await this.calls.asWorkspaceBuildsIt(found);
    if (token.isCancellationRequested) return undefined;
    const version = document.version;
    const table = !(await this.showsBatch(document, call));
    if (token.isCancellationRequested) return undefined;
    const start = document.positionAt(call.start);
    const prediction = document.version === version ? this.predictionOf(document, call) : undefined;
    const markdown = new vscode.MarkdownString(hoverMarkdown(withCellOrigins(call, cellsOfContext(document)), start.line, settings, { table, prediction, explorerBeside: this.explorerBeside() }));
    markdown.isTrusted = { enabledCommands: HOVER_LINK_COMMANDS };
    markdown.supportHtml = false;
    return new vscode.Hover(markdown, new vscode.Range(start, document.positionAt(call.end)));
  }

  /**
   * What the call's prediction argument is, from the lint's analysis of this document version (one
   * computation serves the hover and the diagnostics). Python files only: a notebook cell's call
   * offsets count its earlier cells, which the analysis of the cell alone does not hold.
   */
  private predictionOf(document: vscode.TextDocument, call: LossCall): PredictionSource | undefined {
    const read = this.calls.readPython(document);
    // The same call of the same version (a lookup may hand out its own object for it).
    const same = read?.calls.find((c) => c.start === call.start && c.end === call.end && c.api === call.api);
    if (!read?.module || !same) return undefined;
    try {
      return predictionSourceOf(read.module, same, read.imported);
    } catch {
      // The same analysis runs for the lint, which reports its failures in the output channel; the
      // rest of the hover does not depend on it.
      return undefined;
    }
  }

  /**
   * The one loss call of a Python document whose text spans `line`, or undefined when there is none or
   * more than one: where a command is run with the cursor on a call's line but not on the call (at the
   * start of the paused line, on `loss =`), that line names the call as the status bar's entry does.
   */
  callOnLine(document: vscode.TextDocument, line: number): LossCall | undefined {
    const starts = new Map<number, LossCall>();
    for (const call of this.calls.readPython(document)?.calls ?? []) {
      if (document.positionAt(call.start).line <= line && line <= document.positionAt(call.end).line) starts.set(call.start, call);
    }
    return starts.size === 1 ? [...starts.values()][0] : undefined;
  }

  /** The call a hover at `position` speaks for (see placedCall), or undefined. */
  callFor(document: vscode.TextDocument, position: vscode.Position): LossCall | undefined {
    // Most hovers are over words that cannot name a loss call: leave before parsing the document.
    // Once the document's calls are known, a lookup is cheaper than the check and also finds
    // aliases (`sfl`) and the user's own loss functions.
    const wordRange = document.getWordRangeAtPosition(position, /[A-Za-z_][A-Za-z0-9_]*/);
    if (!wordRange) return undefined;
    if (!this.calls.isCurrent(document) && !this.mayBeCall(document, wordRange)) return undefined;
    return this.placedCall(document, position, wordRange);
  }

  /**
   * The call the hover speaks for at this word: the one named there, the one whose argument keyword
   * it is, or the one assigned to it. YAML keys are names of their own: every place counts there.
   */
  private placedCall(document: vscode.TextDocument, position: vscode.Position, wordRange: vscode.Range): LossCall | undefined {
    const call = this.calls.callAt(document, position);
    if (sourceLanguageOf(document) === 'yaml') return call;
    const offset = document.offsetAt(position);
    const rest = document.lineAt(wordRange.end.line).text.slice(wordRange.end.character);
    if (call && ((offset >= call.nameStart && offset <= call.nameEnd) || isKeywordName(rest))) return call;
    const after = assignedCallStart(rest);
    if (after === undefined) return undefined;
    const start = document.offsetAt(wordRange.end) + after;
    const assigned = this.calls.callAt(document, document.positionAt(start));
    return assigned && assigned.start === start ? assigned : undefined;
  }

  /**
   * Whether the word can name a loss call. Aliases (`sfl`) and the user's own functions are found by
   * a search of the whole text, so that search runs only for a word that is being called: most
   * hovers over a document not read yet cost no more than a look at the word.
   */
  private mayBeCall(document: vscode.TextDocument, wordRange: vscode.Range): boolean {
    const word = document.getText(wordRange);
    if (mayBeLossCallWord(word)) return true;
    const rest = document.lineAt(wordRange.end.line).text.slice(wordRange.end.character);
    return /^\s*\(/.test(rest) && mayBeLossCallWord(word, document.getText());
  }
}
