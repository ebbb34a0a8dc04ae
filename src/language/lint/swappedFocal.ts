import { msg } from '../../core';
import { NAME, NUMBER, isOp, parametersOf, type LossCall, type PythonModule } from '../recognition';
import type { LintContext } from './lintContext';
import type { LintFinding } from './findings';
import { argumentsOf, text, tokenAtOffset } from './syntax';

/*
 * focal-args-swapped: `FocalLoss(2, 0.25)` against the file's own `def __init__(self, alpha=0.25,
 * gamma=2)`: both given by position, the alpha slot holds a gamma-like number (> 1) and the gamma
 * slot an alpha-like one (in (0, 1)). Only when the signature is in the file and its defaults follow
 * the paper's convention (alpha in [0, 1], gamma >= 1), so what each slot means is certain.
 */

/** A number literal's value (`2`, `0.25`, `2.`), or undefined. */
function literal(cx: LintContext, from: number, to: number): number | undefined {
  if (to !== from + 1 || cx.tokens.kind[from] !== NUMBER) return undefined;
  const value = Number(text(cx.tokens, from).replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

export function checkSwappedFocal(cx: LintContext, call: LossCall, open: number, out: LintFinding[]): void {
  if (call.library !== 'user' || call.builtAt) return;
  const t = cx.tokens;
  const callee = call.callee;
  if (!/^\w+$/.test(callee)) return;
  const scopes = cx.module.scopes;
  const defined = topLevelDefinitions(cx.module).get(callee) ?? [];
  if (defined.length !== 1) return;
  const owner = defined[0]!;
  const defScope = owner.kind === 'class' ? owner.methods.get('__init__') : scopes.indexOf(owner);
  if (defScope === undefined || defScope < 0 || scopes[defScope]!.kind !== 'def') return;
  const params = parametersOf(t, scopes[defScope]!).filter((p) => p.star === '' && !p.keywordOnly && !(owner.kind === 'class' && p.name === 'self'));
  const alphaAt = params.findIndex((p) => p.name === 'alpha');
  const gammaAt = params.findIndex((p) => p.name === 'gamma');
  if (alphaAt < 0 || gammaAt < 0) return;
  const alphaDefault = literal(cx, params[alphaAt]!.from, params[alphaAt]!.to);
  const gammaDefault = literal(cx, params[gammaAt]!.from, params[gammaAt]!.to);
  if (alphaDefault === undefined || gammaDefault === undefined || alphaDefault < 0 || alphaDefault > 1 || gammaDefault < 1) return;
  const args = argumentsOf(t, open);
  if (args.some((a) => isOp(t, a.from, '*') || isOp(t, a.from, '**'))) return;
  const positional = args.filter((a) => a.keyword === undefined);
  const alphaArg = positional[alphaAt];
  const gammaArg = positional[gammaAt];
  if (!alphaArg || !gammaArg || args.some((a) => a.keyword === 'alpha' || a.keyword === 'gamma')) return;
  const alpha = literal(cx, alphaArg.from, alphaArg.to);
  const gamma = literal(cx, gammaArg.from, gammaArg.to);
  if (alpha === undefined || gamma === undefined || !(alpha > 1) || !(gamma > 0 && gamma < 1)) return;
  if (t.start[open]! < cx.base || t.kind[open - 1] !== NAME) return;
  const first = alphaAt < gammaAt ? alphaArg : gammaArg;
  const second = alphaAt < gammaAt ? gammaArg : alphaArg;
  const start = t.start[first.from]!;
  const end = t.end[second.to - 1]!;
  const between = t.text.slice(t.end[first.to - 1]!, t.start[second.from]!);
  const swapped = `${text(t, second.from)}${between}${text(t, first.from)}`;
  out.push({
    rule: 'focal-args-swapped', start, end,
    message: msg('{0}({1}) passes alpha = {2} and gamma = {3} by position, but {0} takes {4} in that order with alpha = {5}, gamma = {6} by default: alpha and gamma look swapped', callee, t.text.slice(start, end), alpha, gamma, alphaAt < gammaAt ? '(alpha, gamma)' : '(gamma, alpha)', alphaDefault, gammaDefault),
    related: { start: t.start[tokenAtOffset(t, params[Math.min(alphaAt, gammaAt)]!.offset)]!, end: t.end[params[Math.max(alphaAt, gammaAt)]!.to - 1]!, message: msg('{0} takes alpha and gamma here', callee) },
    fixes: [{ title: msg('Swap them: {0}', swapped), edits: [{ start, end, newText: swapped }], preferred: true, safety: 'safe' }],
  });
}

const TOP_LEVEL = new WeakMap<PythonModule, Map<string, PythonModule['scopes']>>();

/** The module's top-level classes and functions by name, read once per module. */
function topLevelDefinitions(module: PythonModule): Map<string, PythonModule['scopes']> {
  let byName = TOP_LEVEL.get(module);
  if (!byName) {
    byName = new Map();
    for (const s of module.scopes) if (s.parent === 0 && s.kind !== 'module') byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    TOP_LEVEL.set(module, byName);
  }
  return byName;
}
