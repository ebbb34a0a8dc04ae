import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fixAllEdits, LINT_RULES, lintPython, type Elsewhere, type LintEdit, type LintFinding } from '../language/lint';
import type { ImportedSources } from '../language/recognition';
import { DiskImports } from './diskImports';

/*
 * `loss-lens-lint [paths] [--format text|sarif] [--fix]`: the editor's loss lint on files and folders
 * (every .py under a folder, hidden folders and node_modules skipped), without VS Code. Prints
 * `path:line:col: rule message` (or SARIF 2.1.0 with --format sarif), exits 1 when anything is
 * found, 2 on a usage error; messages in English. --fix applies the safe preferred fixes first (as "Fix all" does).
 * A model a file imports from a file beside it (`from model import Net`) is read there (diskImports.ts).
 */

export interface CliIo {
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const USAGE = 'usage: loss-lens-lint [paths...] [--format text|sarif] [--fix]';
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'site-packages']);

interface Located {
  readonly path: string;
  readonly text: string;
  readonly finding: LintFinding;
}

export function runLintCli(args: readonly string[], io: CliIo): number {
  let format = 'text';
  let fix = false;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--fix') fix = true;
    else if (arg === '--format') format = args[++i] ?? '';
    else if (arg.startsWith('--format=')) format = arg.slice(9);
    else if (arg === '--help' || arg === '-h') { io.out(USAGE); return 0; }
    else if (arg.startsWith('-')) { io.err(`loss-lens-lint: unknown option ${arg}\n${USAGE}`); return 2; }
    else paths.push(arg);
  }
  if (format !== 'text' && format !== 'sarif') { io.err(`loss-lens-lint: --format takes text or sarif, not "${format}"`); return 2; }
  const files: string[] = [];
  for (const path of paths.length ? paths : ['.']) {
    const full = resolve(io.cwd, path);
    let stat;
    try { stat = statSync(full); } catch { io.err(`loss-lens-lint: ${path}: no such file or folder`); return 2; }
    if (stat.isDirectory()) collect(full, files);
    else files.push(full);
  }
  const found: Located[] = [];
  const disk = new DiskImports(io.cwd);
  for (const file of files.sort()) {
    let text = readFileSync(file, 'utf8');
    const imported = disk.sourcesFor(file);
    if (fix) {
      const fixed = withSafeFixes(text, imported);
      if (fixed !== text) { writeFileSync(file, fixed); disk.forget(file); text = fixed; }
    }
    for (const finding of lintPython(text, { imported })) found.push({ path: relative(io.cwd, file) || file, text, finding });
  }
  if (format === 'sarif') io.out(JSON.stringify(sarif(found), null, 2));
  else {
    for (const f of found) {
      const { line, column } = position(f.text, f.finding.start);
      io.out(`${f.path}:${line}:${column}: ${f.finding.rule} ${f.finding.message}`);
    }
  }
  return found.length > 0 ? 1 : 0;
}

/** The text with every safe preferred fix applied, again until nothing changes (a fix can uncover another). */
function withSafeFixes(text: string, imported: ImportedSources): string {
  let current = text;
  for (let pass = 0; pass < 5; pass++) {
    const edits = fixAllEdits(lintPython(current, { imported }));
    if (edits.length === 0) break;
    current = apply(current, edits);
  }
  return current;
}

function apply(text: string, edits: readonly LintEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function collect(folder: string, files: string[]): void {
  for (const name of readdirSync(folder)) {
    if (name.startsWith('.')) continue;
    const path = join(folder, name);
    // A link whose target is gone (a package's include/TH -> a removed folder) is no file to lint.
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) { if (!SKIPPED_FOLDERS.has(name)) collect(path, files); }
    else if (name.endsWith('.py')) files.push(path);
  }
}

/** 1-based line and column (in UTF-16 code units, as SARIF's default and editors count). */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; start = i + 1; }
  return { line, column: offset - start + 1 };
}

/** A place in another file (a model's activation), 1-based as SARIF counts. */
function elsewhereRegion(place: Elsewhere) {
  return { startLine: place.start.line + 1, startColumn: place.start.character + 1, endLine: place.end.line + 1, endColumn: place.end.character + 1 };
}

const LEVEL: Record<string, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function sarif(found: readonly Located[]) {
  const region = (text: string, start: number, end: number) => {
    const a = position(text, start);
    const b = position(text, end);
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  };
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'loss-lens-lint',
          rules: LINT_RULES.map((rule) => ({
            id: rule.id,
            shortDescription: { text: rule.title },
            fullDescription: { text: `${rule.catches} ${rule.why}` },
            defaultConfiguration: { level: LEVEL[rule.severity] },
          })),
        },
      },
      results: found.map(({ path, text, finding }) => ({
        ruleId: finding.rule,
        ruleIndex: LINT_RULES.findIndex((rule) => rule.id === finding.rule),
        level: LEVEL[finding.severity ?? LINT_RULES.find((rule) => rule.id === finding.rule)!.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: path.split('\\').join('/') }, region: region(text, finding.start, finding.end) } }],
        relatedLocations: finding.related?.elsewhere
          ? [{ id: 0, message: { text: finding.related.message }, physicalLocation: { artifactLocation: { uri: finding.related.elsewhere.file.split('\\').join('/') }, region: elsewhereRegion(finding.related.elsewhere) } }]
          : finding.related && !finding.related.inContext
          ? [{ id: 0, message: { text: finding.related.message }, physicalLocation: { artifactLocation: { uri: path.split('\\').join('/') }, region: region(text, finding.related.start, finding.related.end) } }]
          : undefined,
      })),
    }],
  };
}
