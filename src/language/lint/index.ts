/**
 * Loss Lens lint: the mistakes people make with classification losses, found in Python source (pure
 * TypeScript: no vscode, no DOM, no Node APIs; src/extension/lintDiagnostics.ts turns findings into
 * diagnostics and quick fixes).
 *
 *   lintPython(text, { context? })  every finding, sorted by offset
 *
 * `context` is the code of earlier notebook cells: producers and models there count, findings are
 * only reported in `text`, and a producer in the context has `related.inContext` with its offset
 * counted in the context. Rules: see rules.ts (LINT_RULES). The data flow is certain-only (flow.ts):
 * where the file does not settle what a value is, nothing is reported.
 *
 *   predictionSourceOf(module, call, imported?)  what a loss call's prediction argument is and where
 *                                     the file makes it so (the hover's input line), from the same analysis
 *
 * `imported`: the other files of the workspace the file imports; a model class or function defined
 * there counts (`from model import Net`, one level: importedModels.ts), and a finding's related
 * information then says where in that file (`related.elsewhere`).
 */
import { findLossCalls, lineStartsOf, type ImportedSources, type LossCall, type PythonModule, readModule, scanPython } from '../recognition';
import { ImportedModels } from './importedModels';
import { readBindings, type BindingTable } from './bindings';
import { checkCalls } from './checks';
import { checkMultipliedFocal } from './multipliedFocal';
import { checkMismatchedFocal } from './mismatchedFocal';
import { checkUnbalancedFocal } from './unbalancedFocal';
import { checkOverwrittenAlpha } from './overwrittenAlpha';
import { checkCeAsProbability } from './ceAsProbability';
import type { LintFinding } from './findings';
import { Flow } from './flow';
import { predictionSource, type PredictionSource } from './prediction';
import { covers, ignoreOnLineEdit, readSuppressions, removeSuppressionEdit, type Suppression } from './suppress';
import { msg } from '../../core';
import { movedFindings, rememberFindings } from './movedFindings';

import type { LintEdit } from './findings';
import type { LintRuleId } from './rules';
export type { Elsewhere, LintEdit, LintFinding, LintFix } from './findings';
export type { PredictionSource } from './prediction';
export type { Nature } from './producers';
export { LINT_RULES, LINT_RULE_IDS, isLintRuleId, ruleAnchor, type LintRule, type LintRuleId, type LintSeverity } from './rules';

export interface LintOptions {
  /** Earlier notebook cells, joined with newlines. */
  readonly context?: string;
  /** The recognised calls of exactly `context + '\n' + text` (or `text` without context), when already known. */
  readonly calls?: readonly LossCall[];
  /**
   * The module read from that same text, when already known (LossCallIndex.read gives both): the
   * lint then reads nothing again. A module of another text is ignored.
   */
  readonly module?: PythonModule;
  /**
   * Other files of the workspace this file imports (the hover's ImportedModules in the editor, files
   * on disk in the CLI): a model defined there counts (importedModels.ts). With a `key`, an analysis
   * is reused while the key stays the same; without one, while it is the same object.
   */
  readonly imported?: ImportedSources & { readonly key?: string };
}

export function lintPython(text: string, options: LintOptions = {}): LintFinding[] {
  const context = options.context;
  const full = context !== undefined ? `${context}\n${text}` : text;
  const base = context !== undefined ? context.length + 1 : 0;
  const module = options.module?.tokens.text === full ? options.module : readModule(scanPython(full));
  const tokens = module.tokens;
  const imported = options.imported;
  const found = (base === 0 ? movedFindings(module, importsKey(imported)) : undefined) ?? findingsOf(module, options.calls ?? findLossCalls(full, 'python', undefined, imported), base, imported);
  if (base === 0) rememberFindings(module, found, importsKey(imported));
  const result: LintFinding[] = [];
  const suppressions = readSuppressions(tokens);
  const onLine = new Map<number, Suppression>();
  for (const s of suppressions) if (!s.file) onLine.set(s.lineStart, s);
  const used = new Map<Suppression, Set<string>>();
  const use = (s: Suppression, rule: string) => {
    const rules = used.get(s) ?? new Set<string>();
    rules.add(rule);
    used.set(s, rules);
  };
  for (const f of found) {
    if (f.start < base) continue;
    const line = onLine.get(full.lastIndexOf('\n', f.start - 1) + 1);
    if (line && covers(line, f.rule)) { use(line, f.rule); continue; }
    const file = suppressions.find((s) => s.file && covers(s, f.rule));
    if (file) { use(file, f.rule); continue; }
    result.push(base === 0 ? f : shift(f, base));
  }
  for (const s of suppressions) {
    if (s.start < base) continue;
    const rules = used.get(s);
    const unused = s.names ? s.names.map((n) => n.name).filter((name) => !rules?.has(name)) : rules ? [] : ['*'];
    if (unused.length === 0) continue;
    const whole = !s.names || unused.length === s.names.length;
    const message = whole
      ? (s.file ? msg('This suppression matches no Loss Lens finding in the file') : msg('This suppression matches no Loss Lens finding on its line'))
      : (s.file ? msg('{0} in this suppression matches no finding in the file', unused.join(', ')) : msg('{0} in this suppression matches no finding on its line', unused.join(', ')));
    const edit = removeSuppressionEdit(full, s, s.names ? unused : []);
    const unusedFinding: LintFinding = { rule: 'unused-suppression', start: s.start, end: s.end, message, fixes: edit ? [{ title: msg('Remove the unused suppression'), edits: [edit], preferred: true, safety: 'safe' }] : [] };
    result.push(base === 0 ? unusedFinding : shift(unusedFinding, base));
  }
  return result.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Every rule's findings in `module` (of the context and the text), sorted by offset, each once. */
function findingsOf(module: PythonModule, recognised: readonly LossCall[], base: number, imported: LintOptions['imported']): LintFinding[] {
  const { table, flow, lines } = analysisOf(module, imported);
  const found: LintFinding[] = [];
  // A loss built in another file (what an importing script passes to this file's function): its construction is not
  // on a line of this file, where the rules look for it and place their fixes.
  const calls = recognised.filter((call) => call.builtAt?.line.kind !== 'resolved' || call.builtAt.line.file === undefined);
  const cx = { tokens: module.tokens, module, table, flow, calls, lines, base };
  checkCalls(cx, found);
  checkMultipliedFocal(cx, found);
  checkMismatchedFocal(cx, found);
  checkUnbalancedFocal(cx, found);
  checkCeAsProbability(cx, found);
  checkOverwrittenAlpha(cx, found);
  const seen = new Set<string>();
  return found.sort((a, b) => a.start - b.start || a.end - b.end).filter((f) => {
    const key = `${f.rule}:${f.start}:${f.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The whole-file analysis of one module: its bindings, the data flow over them (what models return) and its line starts. */
interface ModuleAnalysis {
  readonly table: BindingTable;
  readonly flow: Flow;
  readonly lines: Int32Array;
  /** The imported files the flow read (see importsKey). */
  readonly imports: unknown;
}

/**
 * Analyses by module. A module is read once per document version (LossCallIndex caches it by URI
 * and version), so a lint of a version already analysed (the editor's, the code actions', the CLI's
 * --fix pass on an unchanged text) reuses its analysis; a module no longer held is collected.
 */
const ANALYSES = new WeakMap<PythonModule, ModuleAnalysis>();

function analysisOf(module: PythonModule, imported?: LintOptions['imported']): ModuleAnalysis {
  let analysis = ANALYSES.get(module);
  const imports = importsKey(imported);
  if (!analysis || analysis.imports !== imports) {
    // The same text with other imported files (one was read, changed or removed): the flow again, the bindings kept.
    const table = analysis?.table ?? readBindings(module);
    analysis = { table, flow: new Flow(module, table, imported ? new ImportedModels(module, table, imported) : undefined), lines: analysis?.lines ?? lineStartsOf(module.tokens), imports };
    ANALYSES.set(module, analysis);
  }
  return analysis;
}

/** What identifies the imported files' texts: their key (versions and stamps), or the sources object itself. */
function importsKey(imported: LintOptions['imported']): unknown {
  return imported?.key ?? imported;
}

/**
 * What `call`'s prediction argument is (logits, probabilities, log-probabilities) and where the file
 * makes it so, when the data flow is certain; undefined otherwise. `module` is the one the call was
 * recognised in (LossCallIndex.read): its analysis is the lint's, computed once per version.
 */
export function predictionSourceOf(module: PythonModule, call: LossCall, imported?: LintOptions['imported']): PredictionSource | undefined {
  const { flow, lines } = analysisOf(module, imported);
  return predictionSource(module, flow, lines, call);
}

/**
 * The edit behind "Ignore this rule on this line": `# loss-lens: ignore[rule]` after the code of the
 * line at `offset` (or the rule added to the line's existing list). Undefined where a comment cannot go.
 */
export function ignoreRuleOnLine(text: string, offset: number, rule: LintRuleId): LintEdit | undefined {
  return ignoreOnLineEdit(scanPython(text), offset, rule);
}

/**
 * The edits of "Fix all": each finding's preferred fix when it is safe, in order, leaving out a fix
 * whose edits overlap one already taken (the next lint offers it again).
 */
export function fixAllEdits(findings: readonly LintFinding[]): LintEdit[] {
  const taken: LintEdit[] = [];
  for (const f of findings) {
    const fix = f.fixes.find((x) => x.preferred && x.safety === 'safe');
    if (!fix) continue;
    if (fix.edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end || (e.start === e.end && e.start === t.start)))) continue;
    taken.push(...fix.edits);
  }
  return taken.sort((a, b) => a.start - b.start);
}

function shift(f: LintFinding, base: number): LintFinding {
  const related = f.related && (f.related.inContext ? f.related : { ...f.related, start: f.related.start - base, end: f.related.end - base });
  return {
    ...f, start: f.start - base, end: f.end - base, related,
    fixes: f.fixes.filter((fix) => fix.edits.every((e) => e.start >= base)).map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start - base, end: e.end - base })) })),
  };
}
