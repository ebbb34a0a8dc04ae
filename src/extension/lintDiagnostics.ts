import * as vscode from 'vscode';
import { fixAllEdits, ignoreRuleOnLine, lintPython, ruleAnchor, type LintEdit, type LintFinding } from '../language/lint';
import type { DocumentRead } from '../language/recognition';
import { describeError } from './describeError';
import { localize } from './l10n';
import { earlierCellsOf, notebookContextOf, notebookOf, sourceLanguageOf } from './documentSource';
import { levelOf, lintSettingsOf, type LintSettings } from './lintSettings';

/*
 * The loss lint in VS Code: a DiagnosticCollection kept up to date for open Python documents and
 * notebook cells (on open, after typing pauses, on close, when the settings change), and a
 * CodeActionProvider offering each finding's quick fixes. The rules are in src/language/lint.
 * Documents on screen are linted at once; the others (a window restored with many files, documents
 * other extensions open) wait until they show or the host is idle, one per task, so activation and
 * the first hover do not wait for them.
 */

/** How long typing must pause before a document is linted again. */
const LINT_AFTER_MS = 250;
/** How long after the last document was put aside the lint of those not on screen begins. */
const LINT_HIDDEN_AFTER_MS = 500;
const SOURCE = 'Loss Lens';

interface Linted {
  readonly version: number;
  /** The key of the imported workspace files the lint read (DocumentRead.imported), when any. */
  readonly imports?: string;
  readonly entries: readonly { readonly diagnostic: vscode.Diagnostic; readonly finding: LintFinding }[];
}

export class LossLint implements vscode.Disposable, vscode.CodeActionProvider {
  /** "Fix all loss-lint problems in this file": also run on save with `"source.fixAll.lossLens": "explicit"`. */
  static readonly fixAllKind = vscode.CodeActionKind.SourceFixAll.append('lossLens');
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, LossLint.fixAllKind];

  private readonly collection = vscode.languages.createDiagnosticCollection('loss-lens');
  private readonly linted = new Map<string, Linted>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Open documents not on screen, linted when they show or when the host is idle. */
  private readonly hidden = new Set<vscode.TextDocument>();
  private hiddenTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];
  private settings: LintSettings;

  constructor(
    private readonly readme: vscode.Uri,
    private readonly output?: vscode.OutputChannel,
    /** What the hover's index read of a document, so the lint does not read it again (RecognisedCalls.readPython). */
    private readonly recognised?: (document: vscode.TextDocument) => DocumentRead | undefined,
    /** Fires with the documents whose imported workspace files may read differently now (a model file read, edited, created). */
    importsChanged?: vscode.Event<readonly vscode.Uri[]>,
  ) {
    this.settings = this.readSettings();
    this.subscriptions = [
      // A document's imported model file was read in the background, edited or created: lint it again
      // once that settles (lint() does nothing when the imported files' key did not change).
      ...(importsChanged ? [importsChanged((uris) => {
        for (const uri of uris) {
          const key = uri.toString();
          const document = vscode.workspace.textDocuments.find((d) => !d.isClosed && d.uri.toString() === key);
          if (document) this.schedule(document);
        }
      })] : []),
      vscode.workspace.onDidOpenTextDocument((document) => {
        // A new document may reuse a closed one's URI and version (untitled files): lint it afresh.
        this.linted.delete(document.uri.toString());
        this.lintSoon(document);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((editor) => this.lint(editor.document))),
      vscode.window.onDidChangeVisibleNotebookEditors((editors) => editors.forEach((editor) => editor.notebook.getCells().forEach((cell) => this.lint(cell.document)))),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length === 0) return;
        this.schedule(event.document);
        // A changed cell changes what the cells after it see.
        const notebook = notebookOf(event.document);
        if (notebook) for (const cell of notebook.getCells()) if (cell.document !== event.document) this.schedule(cell.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidOpenNotebookDocument((notebook) => notebook.getCells().forEach((cell) => this.lintSoon(cell.document))),
      vscode.workspace.onDidChangeNotebookDocument((event) => event.notebook.getCells().forEach((cell) => this.schedule(cell.document))),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration('lossLens.lint')) return;
        this.settings = this.readSettings();
        this.linted.clear();
        this.lintAll();
      }),
    ];
    this.lintAll();
  }

  private readSettings(): LintSettings {
    const configuration = vscode.workspace.getConfiguration('lossLens');
    return lintSettingsOf(configuration.get('lint.enabled'), configuration.get('lint.rules'), (message) => this.output?.appendLine(message));
  }

  private lintAll(): void {
    for (const document of vscode.workspace.textDocuments) this.lintSoon(document);
  }

  /** Lints `document` now if it is on screen, otherwise when it shows or the host is idle. */
  private lintSoon(document: vscode.TextDocument): void {
    if (sourceLanguageOf(document) !== 'python') return;
    if (isVisible(document)) {
      this.lint(document);
      return;
    }
    this.hidden.add(document);
    clearTimeout(this.hiddenTimer);
    this.hiddenTimer = setTimeout(() => this.lintHidden(), LINT_HIDDEN_AFTER_MS);
  }

  /** Lints one document put aside, then yields to the host before the next. */
  private lintHidden(): void {
    this.hiddenTimer = undefined;
    const [document] = this.hidden;
    if (!document) return;
    this.hidden.delete(document);
    try {
      if (!document.isClosed) this.lint(document);
    } finally {
      // One document that cannot be linted leaves the others to be linted.
      if (this.hidden.size) this.hiddenTimer = setTimeout(() => this.lintHidden(), 0);
    }
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!document.isClosed) this.lint(document);
    }, LINT_AFTER_MS));
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    // The close of an old document that arrives after a new one with its URI opened: keep the new one's.
    if (vscode.workspace.textDocuments.some((document) => !document.isClosed && document.uri.toString() === key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.linted.delete(key);
    this.collection.delete(uri);
  }

  /** Lints `document` at its current version (nothing to do when that version is linted already). */
  lint(document: vscode.TextDocument): void {
    if (sourceLanguageOf(document) !== 'python') return;
    this.hidden.delete(document);
    const key = document.uri.toString();
    if (!this.settings.enabled) {
      this.linted.delete(key);
      this.collection.delete(document.uri);
      return;
    }
    const context = notebookContextOf(document);
    const previous = this.linted.get(key);
    try {
      // (The hover's index keeps this read per version and imported files' key: asking again is a lookup.)
      const read = context === undefined ? this.recognised?.(document) : undefined;
      const imports = read?.imported?.key;
      if (previous && previous.version === document.version && previous.imports === imports && context === undefined) return;
      const findings = lintPython(document.getText(), { context, calls: read?.calls, module: read?.module, imported: read?.imported });
      const entries = findings.flatMap((finding) => {
        const diagnostic = this.diagnosticOf(document, finding);
        return diagnostic ? [{ diagnostic, finding }] : [];
      });
      this.linted.set(key, { version: document.version, ...(imports !== undefined ? { imports } : {}), entries });
      this.collection.set(document.uri, entries.map((entry) => entry.diagnostic));
    } catch (error) {
      this.output?.appendLine(vscode.l10n.t('Linting {0} failed: {1}', key, describeError(error)));
    }
  }

  private diagnosticOf(document: vscode.TextDocument, finding: LintFinding): vscode.Diagnostic | undefined {
    const level = levelOf(this.settings, finding.rule, finding.severity);
    if (level === 'off') return undefined;
    const range = new vscode.Range(document.positionAt(finding.start), document.positionAt(finding.end));
    const diagnostic = new vscode.Diagnostic(range, localize(finding.message), SEVERITY[level]);
    diagnostic.source = SOURCE;
    diagnostic.code = { value: finding.rule, target: this.readme.with({ fragment: ruleAnchor(finding.rule) }) };
    const related = finding.related && relatedLocation(document, finding.related);
    if (related) diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(related, localize(finding.related!.message))];
    if (finding.rule === 'unused-suppression') diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
    return diagnostic;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const key = document.uri.toString();
    // A document put aside (opened again while its editor stayed, so no editor change brought it
    // forward) is linted now that someone asks about it.
    if (this.linted.get(key)?.version !== document.version) this.lint(document);
    const linted = this.linted.get(key);
    if (!linted || linted.version !== document.version) return [];
    const actions: vscode.CodeAction[] = [];
    if (!context.only || context.only.contains(vscode.CodeActionKind.QuickFix)) {
      for (const wanted of context.diagnostics) {
        if (wanted.source !== SOURCE) continue;
        const code = typeof wanted.code === 'object' ? wanted.code.value : wanted.code;
        const entry = linted.entries.find((e) => e.diagnostic.range.isEqual(wanted.range) && (e.diagnostic.code as { value: string }).value === code);
        if (!entry) continue;
        for (const fix of entry.finding.fixes) {
          // Ruff's safe fixes first; an unsafe one says in its title what else it changes.
          const action = new vscode.CodeAction(localize(fix.title), vscode.CodeActionKind.QuickFix);
          action.diagnostics = [entry.diagnostic];
          action.isPreferred = fix.preferred;
          action.edit = this.editOf(document, fix.edits);
          actions.push(action);
        }
        const ignore = entry.finding.rule === 'unused-suppression' ? undefined : ignoreRuleOnLine(document.getText(), entry.finding.start, entry.finding.rule);
        if (ignore) {
          const action = new vscode.CodeAction(vscode.l10n.t('Ignore {0} on this line', entry.finding.rule), vscode.CodeActionKind.QuickFix);
          action.diagnostics = [entry.diagnostic];
          action.edit = this.editOf(document, [ignore]);
          actions.push(action);
        }
      }
    }
    if (!context.only || context.only.contains(LossLint.fixAllKind) || LossLint.fixAllKind.contains(context.only)) {
      const edits = fixAllEdits(linted.entries.map((e) => e.finding));
      if (edits.length > 0) {
        const action = new vscode.CodeAction(vscode.l10n.t('Fix all loss-lint problems in this file'), LossLint.fixAllKind);
        action.edit = this.editOf(document, edits);
        action.diagnostics = linted.entries.filter((e) => e.finding.fixes.some((f) => f.preferred && f.safety === 'safe')).map((e) => e.diagnostic);
        actions.push(action);
      }
    }
    return actions;
  }

  private editOf(document: vscode.TextDocument, edits: readonly LintEdit[]): vscode.WorkspaceEdit {
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
    return edit;
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    clearTimeout(this.hiddenTimer);
    this.hidden.clear();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.collection.dispose();
  }
}

const SEVERITY: Record<'error' | 'warning' | 'information' | 'hint', vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * Whether `document` is shown in an editor, or is a cell of a notebook shown in one. By URI: a
 * document opened again (its language changed, say) is a new object in an editor that stays.
 */
function isVisible(document: vscode.TextDocument): boolean {
  const uri = document.uri.toString();
  if (vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString() === uri)) return true;
  return document.uri.scheme === 'vscode-notebook-cell'
    && vscode.window.visibleNotebookEditors.some((editor) => editor.notebook.getCells().some((cell) => cell.document.uri.toString() === uri));
}

/**
 * Where a producer is: in the document, in another file it imports (a model defined there: the URI the
 * imported files gave), or (inContext) in the earlier cell that holds that offset of the joined context.
 */
function relatedLocation(document: vscode.TextDocument, related: NonNullable<LintFinding['related']>): vscode.Location | undefined {
  const elsewhere = related.elsewhere;
  if (elsewhere) {
    if (elsewhere.uri === undefined) return undefined;
    return new vscode.Location(vscode.Uri.parse(elsewhere.uri), new vscode.Range(elsewhere.start.line, elsewhere.start.character, elsewhere.end.line, elsewhere.end.character));
  }
  if (!related.inContext) return new vscode.Location(document.uri, new vscode.Range(document.positionAt(related.start), document.positionAt(related.end)));
  // The same cells, in the same order, as notebookContextOf joins.
  let start = 0;
  for (const cell of earlierCellsOf(document) ?? []) {
    const length = cell.document.getText().length;
    if (related.start >= start && related.start <= start + length) {
      const cellDocument = cell.document;
      return new vscode.Location(cellDocument.uri, new vscode.Range(cellDocument.positionAt(related.start - start), cellDocument.positionAt(Math.min(related.end - start, length))));
    }
    start += length + 1;
  }
  return undefined;
}

/** Registers the lint: diagnostics for open Python documents and the quick fixes. */
export function registerLossLint(extensionUri: vscode.Uri, output?: vscode.OutputChannel, recognised?: (document: vscode.TextDocument) => DocumentRead | undefined, importsChanged?: vscode.Event<readonly vscode.Uri[]>): vscode.Disposable {
  const lint = new LossLint(vscode.Uri.joinPath(extensionUri, 'README.md'), output, recognised, importsChanged);
  return vscode.Disposable.from(
    lint,
    vscode.languages.registerCodeActionsProvider({ language: 'python' }, lint, { providedCodeActionKinds: LossLint.providedCodeActionKinds }),
  );
}
