import { msg } from '../../core';
import { ArgumentMapper } from './argumentMapping';
import { mergeBranchCalls } from './branchCalls';
import type { LossCall, ValueOrigin } from './lossCall';
import { originsOf, withOrigins } from './callOrigins';
import { PythonFile } from './pythonFile';
import { closeOf, lookUpName, MODULE_SCOPE, readDotted, readModule, type PythonModule } from './pythonModule';
import { headOfToken, isKeywordArgumentName, isName, isOp, NAME, scanPython, tokenText } from './pythonScanner';
import { nameTokensSpelled } from './spelledTokens';

/*
 * A loss handed to a function of this file by another file: `training.py` defines
 * `def train_epoch(epoch, data_loader, model, criterion, ...)` and calls `criterion(outputs, targets)`;
 * `main.py` builds `criterion = CrossEntropyLoss().to(device)` and calls `train_epoch(i, loader, model,
 * criterion, ...)` (kenshohara/3D-ResNets-PyTorch main.py / training.py at 540a0ea; the same split of a
 * training loop from the script that builds the loss is facebookresearch/mae's engine_finetune.py and
 * main_finetune.py at efb2a80). The file alone cannot say what the parameter holds; the files beside it
 * that import the function can.
 *
 * What the parameter holds is read in the importing file by its own recognition: a call of the argument
 * is placed right after the statement that passes it (same indentation, so the same scope and the same
 * bindings), and that file's loss call there is this call's loss. Only plain statements passing a
 * name or a construction count, the names bound in that file (not its own parameters, loop variables or
 * branches), and every call of the function in every importing file must give one API: otherwise, or
 * when any call is not certain, nothing is said. Calls in files not read (other folders, a notebook)
 * may pass another loss: the hover says so.
 */

/** A file beside the document that imports it, as the editor or the CLI reads it. */
export interface ImporterSource {
  readonly text: string;
  /** A short name for where a value came from ('main.py'). */
  readonly file: string;
  /** The importing file's module names (as written in its imports: 'training', '.training') that are this document. */
  readonly modules: readonly string[];
  /** What finds the file again (the editor's URI string, the CLI's path). */
  readonly uri?: string;
}

/** Importing files read per parameter: a project has a few entry scripts, not hundreds. */
const MAX_IMPORTERS = 24;
/** An importing file is read this far. */
const MAX_IMPORTER_LENGTH = 500_000;
/** The names the probe call is given: never a name real code binds. */
const PROBE_ARGS = '(__loss_lens_prediction__, __loss_lens_target__)';
/** Statements whose body follows on the same line or that choose between branches: no probe after them. */
const COMPOUND = new Set(['if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally', 'def', 'class', 'async', 'match', 'case', 'return', 'yield', 'lambda', 'del', 'global', 'nonlocal', 'raise', 'assert', 'import', 'from']);

/** The loss call another file's loss gives the parameter: one call, with where the loss was built there. */
export interface ImportedArgumentCall {
  readonly call: LossCall;
  readonly importer: string;
}

/**
 * The loss the parameter `parameter` (its index among the function's parameters `index`) of the module-level
 * function `name` of this file holds, from the importing files' calls of it; undefined when no importing file
 * calls it or any call is not certain. `findCalls` is recognition's own finder (file alone).
 */
export function importedArgumentCall(
  name: string, parameter: string, index: number, keywordOnly: boolean, importers: readonly ImporterSource[], findCalls: (text: string) => readonly LossCall[],
): ImportedArgumentCall | undefined {
  // Every edit of the document reads it again, and its importing files have not changed: their reading is kept,
  // keyed by everything it depends on (the function's name and parameter, and each importing file's name, module
  // names and text).
  const key = [name, parameter, index, keywordOnly, ...importers.slice(0, MAX_IMPORTERS).flatMap((i) => [i.file, i.modules.join(','), i.text])].join('\u0000');
  if (READ.has(key)) {
    const known = READ.get(key);
    READ.delete(key);
    READ.set(key, known);
    return known;
  }
  const found = readImporters(name, parameter, index, keywordOnly, importers, findCalls);
  if (READ.size >= MAX_READ) READ.delete(READ.keys().next().value!);
  READ.set(key, found);
  return found;
}

/** Importing files' readings kept across the document's versions (least recently used dropped first). */
const READ = new Map<string, ImportedArgumentCall | undefined>();
const MAX_READ = 64;

function readImporters(
  name: string, parameter: string, index: number, keywordOnly: boolean, importers: readonly ImporterSource[], findCalls: (text: string) => readonly LossCall[],
): ImportedArgumentCall | undefined {
  const calls: LossCall[] = [];
  const places: ValueOrigin[] = [];
  let importerFile: string | undefined;
  for (const importer of importers.slice(0, MAX_IMPORTERS)) {
    if (importer.text.length > MAX_IMPORTER_LENGTH || !importer.text.includes(name)) continue;
    const found = argumentCalls(importer, name, parameter, index, keywordOnly, findCalls);
    if (found === undefined) return undefined;
    for (const { call, line } of found) {
      calls.push(call);
      places.push({ kind: 'resolved', line, file: importer.file });
      importerFile ??= importer.file;
    }
  }
  if (calls.length === 0 || importerFile === undefined) return undefined;
  // Where each loss was built (the statement passing it, for a construction written in the call), each place once.
  const built = calls.map((call, i) => call.builtAt?.line ?? places[i]!);
  const lines = built.filter((origin, i) => built.findIndex((other) => JSON.stringify(other) === JSON.stringify(origin)) === i);
  const merged = calls.length === 1 ? calls[0]! : mergeBranchCalls(calls, lines, 'calls');
  if (!merged) return undefined;
  const how = calls[0]!.builtAt?.how ?? 'instance';
  const caveats = [...merged.caveats, msg('The loss {0}\'s calls of {1} pass as {2}: a file not read here may pass another.', importerFile, name, parameter)];
  return { call: { ...merged, caveats, builtAt: lines.length === 1 ? { line: lines[0]!, how } : { line: lines[0]!, how, alsoAt: lines.slice(1) } }, importer: importerFile };
}

/** The loss call each call of the function in one importing file passes; [] when it does not call it; undefined when one is not certain. */
function argumentCalls(importer: ImporterSource, name: string, parameter: string, index: number, keywordOnly: boolean, findCalls: (text: string) => readonly LossCall[]): { call: LossCall; line: number }[] | undefined {
  const module = readModule(scanPython(importer.text));
  const { tokens } = module;
  // The names a call of the function is spelled by: `from training import train_epoch [as te]`, `import training as t` (then `t.train_epoch`).
  const direct = new Set<string>();
  const through = new Set<string>();
  for (const [local, full] of module.imports) {
    for (const m of importer.modules) {
      if (full === `${m}.${name}` || (/^\.+$/.test(m) && full === `${m}${name}`)) direct.add(local);
      else if (full === m && !m.startsWith('.')) through.add(local);
    }
  }
  if (direct.size === 0 && through.size === 0) return [];
  const mapper = new ArgumentMapper(new PythonFile(module, 0));
  const found: { call: LossCall; line: number }[] = [];
  for (const k of nameTokensSpelled(tokens, [...direct, name])) {
    const spelled = tokenText(tokens, k);
    const afterDot = isOp(tokens, k - 1, '.');
    const reaches = direct.has(spelled) ? !afterDot : afterDot && tokens.kind[k - 2] === NAME && through.has(tokenText(tokens, k - 2)) && !isOp(tokens, k - 3, '.');
    if (!reaches || isImportLine(module, k)) continue;
    // A keyword argument's name (`run(train_epoch=...)`) is not the function.
    if (isKeywordArgumentName(tokens, k)) continue;
    // Rebound (`def train_epoch`, `train_epoch = ...`) or used as a value (`pool.map(train_epoch, ...)`): its calls are not all seen.
    if (!isOp(tokens, k + 1, '(') || isName(tokens, k - 1, 'def') || isName(tokens, k - 1, 'class')) return undefined;
    const close = closeOf(tokens, k + 1);
    const args = mapper.read(k + 2, close);
    if (args.some((arg) => arg.star !== '')) return undefined;
    const given = args.find((arg) => arg.keyword === parameter) ?? (keywordOnly ? undefined : args.filter((arg) => arg.keyword === '')[index]);
    if (!given) return undefined;
    const probe = probeCall(module, importer.text, k, close, given.from, given.to, findCalls);
    if (!probe) return undefined;
    found.push({ call: withFile(probe.call, importer.file, probe.line), line: probe.line });
  }
  return found;
}

/** Whether token `k` is in an import statement. */
function isImportLine(module: PythonModule, k: number): boolean {
  const head = module.tokens.heads[Math.max(0, headOfToken(module.tokens, k))]!;
  return isName(module.tokens, head, 'import') || isName(module.tokens, head, 'from');
}

/**
 * The importing file's own reading of the argument [from, to) of the call at token `k` (closing at `close`):
 * a call of it placed right after the statement, read by recognition. Undefined when the statement is not a
 * plain one, the argument is not a name bound in that file or a construction, or no loss call is found there.
 */
function probeCall(module: PythonModule, text: string, k: number, close: number, from: number, to: number, findCalls: (text: string) => readonly LossCall[]): { call: LossCall; line: number } | undefined {
  const { tokens } = module;
  const headIndex = Math.max(0, headOfToken(tokens, k));
  const head = tokens.heads[headIndex]!;
  if (tokens.kind[head] === NAME && COMPOUND.has(tokenText(tokens, head))) return undefined;
  const headStart = tokens.startAt(head);
  const lineStart = text.lastIndexOf('\n', headStart - 1) + 1;
  const indent = text.slice(lineStart, headStart);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const [dotted, after] = readDotted(tokens, from, to);
  if (dotted === '') return undefined;
  if (after === to) {
    // A name bound in that file (its own parameter or loop variable is a question for its callers).
    if (dotted.includes('.')) return undefined;
    const bound = lookUpName(module, dotted, module.headScope[headIndex] ?? MODULE_SCOPE);
    if (!bound || !('bindings' in bound) || bound.bindings.some((b) => b.from < 0)) return undefined;
  } else if (!isOp(tokens, after, '(') || closeOf(tokens, after) + 1 !== to) {
    // A construction (`nn.CrossEntropyLoss(...)`) is passed as written; anything else is not read.
    return undefined;
  }
  // After the statement's last line: before the line of the next statement (comments and blank lines between do not matter).
  const nextStart = headIndex + 1 < tokens.headCount ? tokens.startAt(tokens.heads[headIndex + 1]!) : text.length;
  let insertAt = text.lastIndexOf('\n', nextStart - 1) + 1;
  if (nextStart === text.length) insertAt = text.length;
  // `train(...); other()` on one line: no line of its own to follow.
  if (insertAt <= tokens.endAt(close) && insertAt !== text.length) return undefined;
  const gap = insertAt > 0 && text[insertAt - 1] !== '\n' ? '\n' : '';
  const argument = text.slice(tokens.startAt(from), tokens.endAt(to - 1)).replace(/\s*\n\s*/g, ' ');
  const probeStart = insertAt + gap.length + indent.length;
  const probeText = `${text.slice(0, insertAt)}${gap}${indent}${argument}${PROBE_ARGS}\n${text.slice(insertAt)}`;
  const call = findCalls(probeText).find((c) => c.start === probeStart);
  if (!call || !sameOrigins(call)) return undefined;
  return { call, line: text.slice(0, headStart).split('\n').length - 1 };
}

/** Whether every origin of the call is a line of the importing file (not a context, nor a third file). */
function sameOrigins(call: LossCall): boolean {
  const ok = (origin: ValueOrigin) => origin.kind !== 'resolved' || (!origin.inContext && origin.file === undefined);
  return !call.through && !call.signature && originsOf(call).every(ok);
}

/**
 * The call with every line it names marked as the importing file's, and a value written in the construction passed
 * there (`Evaluator(model, nn.NLLLoss(ignore_index=0))`) as that statement's (`line`), not "written here".
 */
export function withFile(call: LossCall, file: string, line: number): LossCall {
  return withOrigins(call, (origin) => (origin.kind === 'resolved' ? { ...origin, file } : origin.kind === 'explicit' ? { kind: 'resolved', line, file } : origin));
}
