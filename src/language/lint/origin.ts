import { msg } from '../../core';
import { isName, isOp, lineOf, NAME, type PythonModule, type PythonTokens } from '../recognition';
import type { LintEdit } from './findings';
import { removeProducer } from './fixes';
import type { Val } from './flow';
import { dottedName, dottedTokens, headOfToken, nameTokens, rangeText, text, tokenAtOffset } from './syntax';

/*
 * Values that come out of a model or a function of the file (flow.ts's Origin): the phrase a finding
 * uses to say where the activation is ("`Net.forward` returns `F.log_softmax(...)` (line 61)"), the
 * edit that removes that activation there, and whether anything else in the file sees the output
 * (which decides whether that removal is a safe fix).
 */

/** Producers longer than this are shortened to their callee: `F.log_softmax(...)`. */
const SHOWN_LENGTH = 40;

export function wherePhrase(tokens: PythonTokens, lines: Int32Array, base: number, val: Val): string | undefined {
  const origin = val.origin;
  const holder = val.holder;
  if (!origin && !holder) return undefined;
  // A model of another file: its file and line there ("model.py, line 41").
  const home = origin?.home;
  const place = home ? msg('{0}, line {1}', home.file, home.start.line + 1) : val.producerStart < base ? msg('in an earlier cell') : msg('line {0}', lineOf(lines, val.producerStart) - lineOf(lines, base) + 1);
  const shown = shortProducer(tokens, val);
  if (!origin) {
    if (holder!.kind === 'attribute') return msg('`{0}` is `{1}` ({2})', holder!.name, shown, place);
    if (holder!.kind === 'row') return msg('`{0}` takes the rows of `{1}` ({2})', holder!.name, shown, place);
    return msg('every call of `{0}` passes `{1}` as `{2}` ({3})', holder!.owner, shown, holder!.name, place);
  }
  if (origin.verb === 'ends') return msg('`{0}` ends in `{1}` ({2})', origin.owner, shown, place);
  if (origin.count !== undefined && origin.index !== undefined) return msg('`{0}` returns `{1}` as output {2} of {3} ({4})', origin.owner, shown, origin.index + 1, origin.count, place);
  return msg('`{0}` returns `{1}` ({2})', origin.owner, shown, place);
}

export function shortProducer(tokens: PythonTokens, val: Val): string {
  if (val.origin?.home) return val.origin.home.shown;
  const written = tokens.text.slice(val.producerStart, val.producerEnd);
  if (written.length <= SHOWN_LENGTH && !written.includes('\n')) return written;
  const inner = val.origin?.inner ?? val;
  if (inner.nameToken !== undefined && inner.callFrom !== undefined && isOp(tokens, inner.nameToken - 1, '.') && dottedName(tokens, inner.callFrom, inner.nameToken + 1) === undefined) {
    return `.${text(tokens, inner.nameToken)}(...)`;
  }
  const open = written.indexOf('(');
  return open > 0 ? `${written.slice(0, open)}(...)` : written.slice(0, SHOWN_LENGTH);
}

/**
 * The edit that removes the activation where the model or function produces it: the Sequential's
 * last layer, `return F.softmax(x, dim=1)` -> `return x`, or `out = torch.sigmoid(h)` -> `out = h`
 * when `out` is read only by the return after it.
 */
export function removalAtOrigin(tokens: PythonTokens, module: PythonModule, val: Val): LintEdit | undefined {
  const origin = val.origin;
  // In another file: this document's fixes do not edit it.
  if (!origin || origin.home) return undefined;
  const inner = origin.inner;
  if (origin.verb === 'ends') return inner.removal ? { ...inner.removal, newText: '' } : undefined;
  if (inner.via === 'call' || inner.via === 'layer') return removeProducer(tokens, inner);
  if (inner.via !== 'name' || inner.assignOffset === undefined || inner.callFrom === undefined || inner.assignScope !== origin.scope) return undefined;
  const target = tokenAtOffset(tokens, inner.assignOffset);
  if (tokens.kind[target] !== NAME || !isOp(tokens, target + 1, '=')) return undefined;
  if (readsAfter(tokens, module, origin.scope, text(tokens, target), inner.callTo!) !== 1) return undefined;
  return removeProducer(tokens, { ...inner, via: 'call' });
}

/** How many times `name` is read in def scope `scope` (and scopes inside it) after token `from`. */
function readsAfter(tokens: PythonTokens, module: PythonModule, scope: number, name: string, from: number): number {
  let reads = 0;
  for (let h = headOfToken(tokens, from) + 1; h < tokens.headCount && within(module, module.headScope[h]!, scope); h++) {
    const next = h + 1 < tokens.headCount ? tokens.heads[h + 1]! : tokens.count;
    for (let k = tokens.heads[h]!; k < next; k++) if (isName(tokens, k, name) && !isOp(tokens, k - 1, '.')) reads++;
  }
  return reads;
}

function within(module: PythonModule, scope: number, outer: number): boolean {
  for (let s = scope; s >= 0; s = module.scopes[s]!.parent) if (s === outer) return true;
  return false;
}

/** Methods through which a model's output is read. */
const OUTPUT_METHODS = new Set(['forward', 'call', '__call__', 'predict', 'predict_on_batch']);

/**
 * Whether the model's or function's output reaches nothing in the file but the loss argument
 * [argFrom, argTo): the model (or function) is called once, and that call is written in the
 * argument or assigned to a name read only there. Anything else (the model passed on, an
 * instance made twice, `self(...)` elsewhere) is "not only here".
 */
export function outputOnlyHere(tokens: PythonTokens, module: PythonModule, val: Val, argFrom: number, argTo: number, argScope: number): boolean {
  const origin = val.origin;
  // Through a parameter, other call sites hand the output on too; what they do with it is not followed.
  if (!origin || origin.home || val.holder?.kind === 'parameter') return false;
  if (modelCalls(tokens, module, val) !== 1) return false;
  // The call is in the argument itself, or the argument is a name read only here.
  if (argTo - argFrom !== 1 || tokens.kind[argFrom] !== NAME) return true;
  const name = text(tokens, argFrom);
  let reads = 0;
  for (const k of nameTokens(tokens, name)) {
    if (!isOp(tokens, k + 1, '=') && module.headScope[headOfToken(tokens, k)] === argScope) reads++;
  }
  return reads === 1;
}

/** How many times the file calls the model or function that makes `val` (Infinity when it is used any other way or not known). */
function modelCalls(tokens: PythonTokens, module: PythonModule, val: Val): number {
  const origin = val.origin!;
  if (origin.verb === 'ends') return callsOf(tokens, origin.owner);
  if (origin.scope >= 0 && module.scopes[module.scopes[origin.scope]!.parent]?.kind === 'class') {
    const owner = module.scopes[module.scopes[origin.scope]!.parent]!;
    if (callsSelf(tokens)) return Infinity;
    const instance = onlyInstance(tokens, owner.name);
    return instance === undefined ? Infinity : callsOf(tokens, instance);
  }
  return callsOf(tokens, origin.owner);
}

/**
 * Whether the file shows a reader of the model's or function's output other than the loss argument
 * [argFrom, argTo): the model called more than once, or the argument a name (of the loss's scope) or a
 * `self` attribute that is read again. False where the file does not tell (a parameter, a model passed
 * on, a model of another file): an activation's removal is then unsafe for what may read it, not
 * known to be wrong.
 */
export function outputReadElsewhere(tokens: PythonTokens, module: PythonModule, val: Val, argFrom: number, argTo: number, argScope: number): boolean {
  const origin = val.origin;
  if (!origin || origin.home || val.holder?.kind === 'parameter') return false;
  const calls = modelCalls(tokens, module, val);
  if (Number.isFinite(calls) && calls > 1) return true;
  if (argTo === argFrom + 1 && tokens.kind[argFrom] === NAME) {
    const name = text(tokens, argFrom);
    let reads = 0;
    for (const k of nameTokens(tokens, name)) if (!isOp(tokens, k - 1, '.') && !isOp(tokens, k + 1, '=') && module.headScope[headOfToken(tokens, k)] === argScope) reads++;
    return reads > 1;
  }
  if (argTo === argFrom + 3 && isName(tokens, argFrom, 'self') && isOp(tokens, argFrom + 1, '.') && tokens.kind[argFrom + 2] === NAME) {
    let reads = 0;
    for (const k of dottedTokens(tokens, text(tokens, argFrom + 2))) if (!isOp(tokens, k + 1, '=')) reads++;
    return reads > 1;
  }
  return false;
}

const CALLS_SELF = new WeakMap<PythonTokens, boolean>();

/** Whether the file calls `self(...)` or `self.forward(...)` anywhere: one walk of its `self`s per version, not one per finding. */
function callsSelf(tokens: PythonTokens): boolean {
  let calls = CALLS_SELF.get(tokens);
  if (calls === undefined) CALLS_SELF.set(tokens, (calls = nameTokens(tokens, 'self').some((k) => isOp(tokens, k + 1, '(') || (isOp(tokens, k + 1, '.') && isName(tokens, k + 2, 'forward')))));
  return calls;
}

const CALLS = new WeakMap<PythonTokens, Map<string, number>>();

/** Calls of `name` (`name(`, `name.forward(`, `self.x(` for 'self.x') in the file; Infinity when it is used any other way. */
function callsOf(tokens: PythonTokens, name: string): number {
  let byName = CALLS.get(tokens);
  if (!byName) CALLS.set(tokens, (byName = new Map()));
  let calls = byName.get(name);
  if (calls === undefined) byName.set(name, (calls = countCalls(tokens, name)));
  return calls;
}

function countCalls(tokens: PythonTokens, name: string): number {
  const dotted = name.split('.');
  const head = dotted[0]!;
  let calls = 0;
  for (const k of nameTokens(tokens, head)) {
    if (isOp(tokens, k - 1, '.') || isName(tokens, k - 1, 'def') || isName(tokens, k - 1, 'class')) continue;
    let after = k + 1;
    let matches = true;
    for (let i = 1; i < dotted.length; i++, after += 2) if (!isOp(tokens, after, '.') || !isName(tokens, after + 1, dotted[i]!)) matches = false;
    if (!matches) continue;
    if (isOp(tokens, after, '(')) calls++;
    else if (isOp(tokens, after, '.') && isOp(tokens, after + 2, '(')) {
      if (OUTPUT_METHODS.has(text(tokens, after + 1))) calls++;
    } else if (isOp(tokens, after, '=') || isOp(tokens, after, '.')) continue;
    else return Infinity;
  }
  return calls;
}

/** The name the file's only instance of class `className` is bound to (`model = Net()` / `self.model = Net()`). */
function onlyInstance(tokens: PythonTokens, className: string): string | undefined {
  let found: string | undefined;
  for (const k of nameTokens(tokens, className)) {
    if (isOp(tokens, k - 1, '.') || isName(tokens, k - 1, 'class')) continue;
    if (isOp(tokens, k - 1, '(') && isName(tokens, k - 2, 'super')) continue;
    if (!isOp(tokens, k + 1, '(') || found !== undefined || !isOp(tokens, k - 1, '=')) return undefined;
    const head = tokens.heads[headOfToken(tokens, k)]!;
    if (k - 1 === head + 1 && tokens.kind[head] === NAME) found = text(tokens, head);
    else if (k - 1 === head + 3 && isName(tokens, head, 'self') && isOp(tokens, head + 1, '.')) found = rangeText(tokens, head, head + 3);
    else return undefined;
  }
  return found;
}

/**
 * The edit that makes the model or function give log-probabilities instead of probabilities, where it
 * applies the softmax: `F.softmax` -> `F.log_softmax`, `x.softmax(1)` -> `x.log_softmax(1)`, a last
 * layer `nn.Softmax(dim=1)` -> `nn.LogSoftmax(dim=1)`.
 */
export function logSoftmaxAtOrigin(tokens: PythonTokens, val: Val): LintEdit | undefined {
  const origin = val.origin;
  if (!origin || origin.home || val.nature !== 'softmax') return undefined;
  const inner = origin.inner;
  if (origin.verb === 'ends') {
    const k = tokenAtOffset(tokens, inner.producerStart);
    const open = k + 2;
    if (!isName(tokens, open - 1, 'Softmax') || !isOp(tokens, open - 2, '.') || !isOp(tokens, open, '(') || tokens.end[tokens.match[open]!] !== inner.producerEnd) return undefined;
    return { start: tokens.start[open - 1]!, end: tokens.end[open - 1]!, newText: 'LogSoftmax' };
  }
  if (inner.nameToken === undefined || !isName(tokens, inner.nameToken, 'softmax') || !isOp(tokens, inner.nameToken - 1, '.')) return undefined;
  return { start: tokens.start[inner.nameToken]!, end: tokens.end[inner.nameToken]!, newText: 'log_softmax' };
}
