import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DiskImports } from '../../src/cli/diskImports';
import { lintPython } from '../../src/language/lint';
import { findLossCalls, type LossCall, type ParamValue } from '../../src/language/recognition';

/*
 * The evaluation's reader: every loss call the hover recognizes and every lint finding, one line
 * each, for the .py files and notebooks (.ipynb code cells, each read with the cells above it as
 * the editor does) under the given paths. A person then reads each line against the code: this is
 * how the hover and the lint are measured on public training code nobody on the team has seen.
 *   node out/test/eval/dumpCalls.js [--alone] PATH...
 * --alone reads each file by itself (no imported or importing files), as the editor does for an
 * untitled file; by default imported files are read from disk as the CLI reads them.
 * Output lines: `path:line: hover API kind alpha=.. gamma=.. inputs=.. reduction=.. [extra] {caveats}`
 * and `path:line: lint RULE message`.
 */

const SKIPPED = new Set(['node_modules', '__pycache__', 'site-packages', '.git']);

function filesUnder(path: string, out: string[]): void {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    for (const name of readdirSync(path).sort()) if (!name.startsWith('.') && !SKIPPED.has(name)) filesUnder(join(path, name), out);
  } else if (path.endsWith('.py') || path.endsWith('.ipynb')) out.push(path);
}

function shown<T>(param: ParamValue<T> | undefined): string {
  if (!param) return '-';
  const value = param.values ? `[${param.values.join('|')}]` : param.list ? `list(${param.list.join(',')})` : param.origin.kind === 'unresolved' ? `?${param.text}` : String(param.value);
  const origin = param.origin.kind === 'resolved' ? `@${param.origin.line + 1}${param.origin.via ? `/${param.origin.via}` : ''}${param.origin.file ? `/${param.origin.file}` : ''}` : param.origin.kind === 'default' ? '(d)' : '';
  return value + origin;
}

function describe(call: LossCall): string {
  const parts = [call.api, call.kind, `alpha=${shown(call.alpha)}`, `gamma=${shown(call.gamma)}`, `inputs=${shown(call.inputs)}`, `reduction=${shown(call.reduction)}`];
  if (call.classModel) parts.push(call.classModel);
  for (const extra of call.extra) parts.push(`${extra.name}=${shown(extra.value)}`);
  if (call.builtAt) parts.push(`built=${call.builtAt.how}`);
  if (call.through) parts.push(`through=${call.through.method}`);
  if (call.notModeled) parts.push(`NOT-MODELED{${call.notModeled}}`);
  // Notes first: the order the caveats had when they held them too, so dumps of older commits compare line by line.
  const said = [...(call.notes ?? []), ...call.caveats];
  if (said.length) parts.push(`{${said.join(' | ')}}`);
  return parts.join(' ');
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** A notebook's code cells, in order (sources joined as Jupyter stores them). */
function notebookCells(text: string): string[] {
  try {
    const notebook = JSON.parse(text) as { cells?: { cell_type?: string; source?: string | string[] }[] };
    return (notebook.cells ?? []).filter((cell) => cell.cell_type === 'code').map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source ?? ''));
  } catch {
    return [];
  }
}

function main(args: readonly string[]): void {
  const alone = args.includes('--alone');
  const files: string[] = [];
  for (const arg of args) if (!arg.startsWith('--')) filesUnder(resolve(arg), files);
  const disk = new DiskImports(process.cwd());
  const out: string[] = [];
  for (const file of files) {
    const name = relative(process.cwd(), file) || file;
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.ipynb')) {
      const cells = notebookCells(text);
      cells.forEach((cell, index) => {
        const context = index > 0 ? cells.slice(0, index).join('\n') : undefined;
        for (const call of findLossCalls(cell, 'python', context)) out.push(`${name}#cell${index + 1}:${lineOf(cell, call.nameStart)}: hover ${describe(call)}`);
        for (const finding of lintPython(cell, { context })) out.push(`${name}#cell${index + 1}:${lineOf(cell, finding.start)}: lint ${finding.rule} ${finding.message}`);
      });
      continue;
    }
    const imported = alone ? undefined : disk.sourcesFor(file);
    for (const call of findLossCalls(text, 'python', undefined, imported)) out.push(`${name}:${lineOf(text, call.nameStart)}: hover ${describe(call)}`);
    for (const finding of lintPython(text, imported ? { imported } : {})) out.push(`${name}:${lineOf(text, finding.start)}: lint ${finding.rule} ${finding.message}`);
  }
  process.stdout.write(out.length ? `${out.join('\n')}\n` : '');
}

main(process.argv.slice(2));
