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
 */
import { findLossCalls, type LossCall } from '../recognition';
import { lineStarts, scanPython } from '../recognition/pythonScanner';
import { readModule, type PythonModule } from '../recognition/pythonModule';
import { readBindings } from './bindings';
import { checkCalls } from './checks';
import type { LintFinding } from './findings';
import { Flow } from './flow';
import { isSuppressed } from './suppress';

export type { LintEdit, LintFinding, LintFix } from './findings';
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
}

export function lintPython(text: string, options: LintOptions = {}): LintFinding[] {
  const context = options.context;
  const full = context !== undefined ? `${context}\n${text}` : text;
  const base = context !== undefined ? context.length + 1 : 0;
  const module = options.module?.tokens.text === full ? options.module : readModule(scanPython(full));
  const tokens = module.tokens;
  const table = readBindings(module);
  const flow = new Flow(module, table);
  const calls = options.calls ?? findLossCalls(full, 'python');
  const lines = lineStarts(full);
  const found: LintFinding[] = [];
  checkCalls({ tokens, module, table, flow, calls, lines, base }, found);
  const seen = new Set<string>();
  const result: LintFinding[] = [];
  for (const f of found.sort((a, b) => a.start - b.start || a.end - b.end)) {
    const key = `${f.rule}:${f.start}:${f.end}`;
    if (seen.has(key) || f.start < base) continue;
    seen.add(key);
    if (isSuppressed(lineAround(full, f.start), f.rule)) continue;
    result.push(base === 0 ? f : shift(f, base));
  }
  return result;
}

function lineAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

function shift(f: LintFinding, base: number): LintFinding {
  const related = f.related && (f.related.inContext ? f.related : { ...f.related, start: f.related.start - base, end: f.related.end - base });
  return {
    ...f, start: f.start - base, end: f.end - base, related,
    fixes: f.fixes.filter((fix) => fix.edits.every((e) => e.start >= base)).map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: e.start - base, end: e.end - base })) })),
  };
}
