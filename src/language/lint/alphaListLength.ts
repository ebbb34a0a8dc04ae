import { msg } from '../../core';
import { isName, isOp, NAME, NUMBER, parametersOf, type LossCall, type PythonModule, type PythonTokens } from '../recognition';
import type { LintContext } from './lintContext';
import type { LintFinding } from './findings';
import { argumentAt, argumentsOf, headOfToken, rangeText, text } from './syntax';
import { topLevelDefinitions } from './topLevel';

/*
 * alpha-list-length: a per-class alpha list whose length is not the number of classes the loss is
 * built for, where the loss itself says they must agree. The widely copied focal loss
 *   def __init__(self, alpha=0.25, gamma=2, num_classes=3, size_average=True):
 *       if isinstance(alpha, list):
 *           assert len(alpha) == num_classes
 * called as `focal_loss(alpha=[0.25, 0.75])` (two classes, num_classes left at its default 3) raises
 * AssertionError when the line runs. Only when every piece is certain: the definition is in the
 * file, its __init__ (or the function) asserts `len(alpha) == <parameter>` on a path a list
 * reaches, neither name is reassigned before it, the call writes alpha as a list literal of numbers,
 * and the parameter's value (written or its default) is an integer.
 */

export function checkAlphaListLength(cx: LintContext, call: LossCall, open: number, out: LintFinding[]): void {
  if (call.library !== 'user' || call.builtAt || !call.alpha.list || !/^\w+$/.test(call.callee)) return;
  const t = cx.tokens;
  if (t.start[open]! < cx.base || t.kind[open - 1] !== NAME) return;
  const scopes = cx.module.scopes;
  const owners = topLevelDefinitions(cx.module).get(call.callee) ?? [];
  if (owners.length !== 1) return;
  const owner = owners[0]!;
  const defScope = owner.kind === 'class' ? owner.methods.get('__init__') : scopes.indexOf(owner);
  if (defScope === undefined || defScope < 0 || scopes[defScope]!.kind !== 'def') return;
  const assertion = lengthAssertion(cx.module, defScope);
  // (A definition in an earlier notebook cell is left alone: its line is not this document's.)
  if (!assertion || assertion.start < cx.base) return;
  const params = parametersOf(t, scopes[defScope]!).filter((p) => !(owner.kind === 'class' && p.name === 'self'));
  const alphaAt = params.findIndex((p) => p.name === 'alpha');
  if (alphaAt < 0 || params.slice(0, alphaAt + 1).some((p) => p.star !== '' || p.keywordOnly)) return;
  const args = argumentsOf(t, open);
  if (args.some((a) => isOp(t, a.from, '*') || isOp(t, a.from, '**'))) return;
  const alphaArg = argumentAt(args, alphaAt, ['alpha']);
  if (!alphaArg || !isNumberList(t, alphaArg.valueFrom, alphaArg.to)) return;
  const count = call.extra.find((e) => e.name === assertion.countName)?.value;
  const classes = count?.value;
  if (typeof classes !== 'number' || !Number.isInteger(classes) || classes === call.alpha.list.length) return;
  const written = count!.origin.kind === 'explicit' ? `${assertion.countName}=${count!.text}` : `${assertion.countName} = ${classes}`;
  const where = count!.origin.kind === 'explicit' ? msg('written here') : count!.origin.kind === 'resolved' && !count!.origin.file ? msg('line {0}', count!.origin.line + 1) : msg('its default');
  out.push({
    rule: 'alpha-list-length',
    start: t.start[alphaArg.valueFrom]!,
    end: t.end[alphaArg.to - 1]!,
    message: msg('alpha has {0} values but {1} ({2}): {3} asserts len(alpha) == {4} (line {5}), so this call raises AssertionError; give one alpha per class', call.alpha.list.length, written, where, call.callee, assertion.countName, lineOfOffset(cx, assertion.start) - lineOfOffset(cx, cx.base) + 1),
    related: { start: assertion.start, end: assertion.end, message: msg('{0} requires one alpha per class here', call.callee) },
    fixes: [],
  });
}

/** `[0.25, 0.75]`: a list literal whose elements are number literals (a leading minus allowed). */
function isNumberList(t: PythonTokens, from: number, to: number): boolean {
  if (!isOp(t, from, '[') || t.match[from] !== to - 1 || to - from < 3) return false;
  for (let k = from + 1; k < to - 1; k++) {
    if (t.kind[k] === NUMBER || isOp(t, k, ',') || (isOp(t, k, '-') && t.kind[k + 1] === NUMBER)) continue;
    return false;
  }
  return true;
}

interface LengthAssertion {
  readonly countName: string;
  readonly start: number;
  readonly end: number;
}

/** Conditions a Python list passes (so the block runs for `alpha=[...]`). */
const TRUE_FOR_A_LIST = /^(?:isinstance\(alpha,(?:list|\((?:\w+,)*list(?:,\w+)*,?\))\)|alphaisnotNone)$/;
/** Conditions a Python list fails (so the next elif / else runs for it). */
const FALSE_FOR_A_LIST = /^(?:alphaisNone|isinstance\(alpha,(?:(?:float|int|bool|Number|numbers\.Number)|\((?:(?:float|int|bool|Number|numbers\.Number),?)+\))\))$/;

/**
 * `assert len(alpha) == n` (or `n == len(alpha)`) in the def scope, on a path a list reaches, where
 * `n` is a parameter and neither `alpha` nor `n` is assigned in the function before it.
 */
function lengthAssertion(module: PythonModule, defScope: number): LengthAssertion | undefined {
  const t = module.tokens;
  const scope = module.scopes[defScope]!;
  const header = headOfToken(t, scope.paramsOpen);
  const bodyIndent = header + 1 < t.headCount ? t.headIndent[header + 1]! : 0;
  if (bodyIndent <= t.headIndent[header]!) return undefined;
  const params = new Set(parametersOf(t, scope).map((p) => p.name));
  for (let h = header + 1; h < t.headCount && t.headIndent[h]! >= bodyIndent; h++) {
    if (module.headScope[h] !== defScope || !isName(t, t.heads[h]!, 'assert')) continue;
    const first = t.heads[h]!;
    const last = (h + 1 < t.headCount ? t.heads[h + 1]! : t.count) - 1;
    const compact = rangeText(t, first + 1, last).replace(/\s+/g, '').replace(/,.*$/, '');
    const match = /^len\(alpha\)==(\w+)$/.exec(compact) ?? /^(\w+)==len\(alpha\)$/.exec(compact);
    const countName = match?.[1];
    if (!countName || countName === 'alpha' || !params.has(countName)) continue;
    const start = t.start[first]!;
    const assignedBefore = (name: string) => (scope.names.get(name) ?? []).some((b) => b.offset < start);
    if (assignedBefore('alpha') || assignedBefore(countName)) continue;
    if (!reachedByAList(module, header, h)) continue;
    return { countName, start, end: t.end[last - 1]! };
  }
  return undefined;
}

/** Whether the blocks around logical line `h` (inside the def at `header`) all run for a list alpha. */
function reachedByAList(module: PythonModule, header: number, h: number): boolean {
  const t = module.tokens;
  let indent = t.headIndent[h]!;
  for (let k = h - 1; k > header; k--) {
    if (t.headIndent[k]! >= indent) continue;
    // The block that holds line h: an if / elif / else whose chain a list goes down.
    indent = t.headIndent[k]!;
    if (!chainRunsForAList(module, header, k)) return false;
  }
  return true;
}

/** The if / elif / else opener at head `k` runs for a list alpha: its condition holds and the chain before it fails. */
function chainRunsForAList(module: PythonModule, header: number, k: number): boolean {
  const t = module.tokens;
  const opener = condition(t, k);
  if (!opener || (opener.word !== 'else' && !TRUE_FOR_A_LIST.test(opener.test))) return false;
  if (opener.word === 'if') return true;
  // elif / else: every earlier branch of the chain, back to its if, must fail for a list.
  for (let j = k - 1; j > header; j--) {
    if (t.headIndent[j]! > t.headIndent[k]!) continue;
    if (t.headIndent[j]! < t.headIndent[k]!) return false;
    const earlier = condition(t, j);
    if (!earlier || earlier.word === 'else' || !FALSE_FOR_A_LIST.test(earlier.test)) return false;
    if (earlier.word === 'if') return true;
  }
  return false;
}

/** `if cond:` / `elif cond:` / `else:` at head `k`: the word and the condition without spaces. */
function condition(t: PythonTokens, k: number): { word: 'if' | 'elif' | 'else'; test: string } | undefined {
  const first = t.heads[k]!;
  const word = text(t, first);
  if (word !== 'if' && word !== 'elif' && word !== 'else') return undefined;
  // The block opener ends at its ':' (a one-line `if x: stmt` is no block of ours).
  let colon = first + 1;
  while (colon < t.count && !(isOp(t, colon, ':') && t.match[colon]! < 0)) {
    if (t.match[colon]! > colon) colon = t.match[colon]!;
    colon++;
  }
  return { word, test: rangeText(t, first + 1, colon).replace(/\s+/g, '') };
}

function lineOfOffset(cx: LintContext, offset: number): number {
  let lo = 0;
  let hi = cx.lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cx.lines[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
