import { msg } from '../../core';
import { CATALOG, NAME, NUMBER, isOp, parametersOf, type LossCall, type PythonTokens } from '../recognition';
import type { LintContext } from './lintContext';
import type { LintFinding } from './findings';
import { argumentsOf, text, tokenAtOffset, type Argument } from './syntax';
import { topLevelDefinitions } from './topLevel';

/*
 * focal-args-swapped: alpha and gamma given by position in each other's slots, against a signature that
 * is certain: the file's own `def __init__(self, alpha=0.25, gamma=2)`, or a catalog API's (qubvel/
 * segmentation_models' base/functional.py `binary_focal_loss(gt, pr, gamma=2.0, alpha=0.25)`, which
 * its own 1.0.0 losses.py called as `F.binary_focal_loss(gt, pr, self.alpha, self.gamma)`, issue #258).
 * Swapped when the alpha slot holds a gamma-like number (> 1) and the gamma slot an alpha-like one (in
 * (0, 1)), with defaults that follow the paper's convention (alpha in [0, 1], gamma >= 1), or when the
 * alpha slot holds a name called gamma (`gamma`, `self.gamma`, `cfg.gamma`) and the gamma slot one
 * called alpha.
 */

/** A number literal's value (`2`, `0.25`, `2.`), or undefined. */
function literal(cx: LintContext, from: number, to: number): number | undefined {
  if (to !== from + 1 || cx.tokens.kind[from] !== NUMBER) return undefined;
  const value = Number(text(cx.tokens, from).replace(/_/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/** The last name of a plain name or attribute chain (`gamma`, `self.gamma` -> 'gamma'), or undefined. */
function lastName(cx: LintContext, arg: Argument): string | undefined {
  const t = cx.tokens;
  for (let k = arg.from; k < arg.to; k += 2) {
    if (t.kind[k] !== NAME || (k + 1 < arg.to && !isOp(t, k + 1, '.'))) return undefined;
  }
  return (arg.to - arg.from) % 2 === 1 ? text(t, arg.to - 1) : undefined;
}

/** A signature's positional slots for alpha and gamma, their defaults, and where the file shows them. */
interface Slots {
  readonly alphaAt: number;
  readonly gammaAt: number;
  readonly alphaDefault: number | undefined;
  readonly gammaDefault: number | undefined;
  /** The parameters in the file (its own definition), or the import of the library, for the related information: read only for a finding. */
  readonly related: () => { readonly start: number; readonly end: number } | undefined;
  /** A library API's signature, as its related information says it. */
  readonly library?: string;
}

export function checkSwappedFocal(cx: LintContext, call: LossCall, open: number, out: LintFinding[]): void {
  if (call.builtAt) return;
  // A library call that leaves alpha or gamma at the library's default passes not both: nothing to swap.
  if (call.library !== 'user' && (call.alpha.origin.kind === 'default' || call.gamma.origin.kind === 'default')) return;
  const t = cx.tokens;
  const callee = call.callee;
  const slots = call.library !== 'user' ? catalogSlots(cx, call.api, callee) : call.signature ? importedSlots(cx, call, callee) : /^\w+$/.test(callee) ? ownSlots(cx, callee) : undefined;
  if (!slots) return;
  const { alphaAt, gammaAt, alphaDefault, gammaDefault } = slots;
  const args = argumentsOf(t, open);
  // `*args` moves the positions; `**kwargs` cannot (it would raise if it held alpha or gamma too).
  if (args.some((a) => isOp(t, a.from, '*'))) return;
  const positional = args.filter((a) => a.keyword === undefined && !isOp(t, a.from, '**'));
  const alphaArg = positional[alphaAt];
  const gammaArg = positional[gammaAt];
  if (!alphaArg || !gammaArg || args.some((a) => a.keyword === 'alpha' || a.keyword === 'gamma')) return;
  if (t.start[open]! < cx.base || t.kind[open - 1] !== NAME) return;
  const alpha = literal(cx, alphaArg.from, alphaArg.to);
  const gamma = literal(cx, gammaArg.from, gammaArg.to);
  const numbersSwapped = alpha !== undefined && gamma !== undefined && alpha > 1 && gamma > 0 && gamma < 1
    && alphaDefault !== undefined && gammaDefault !== undefined && alphaDefault >= 0 && alphaDefault <= 1 && gammaDefault >= 1;
  const namesSwapped = lastName(cx, alphaArg) === 'gamma' && lastName(cx, gammaArg) === 'alpha';
  if (!numbersSwapped && !namesSwapped) return;
  const related = slots.related();
  if (!related) return;
  const first = alphaAt < gammaAt ? alphaArg : gammaArg;
  const second = alphaAt < gammaAt ? gammaArg : alphaArg;
  const start = t.start[first.from]!;
  const end = t.end[second.to - 1]!;
  const between = t.text.slice(t.end[first.to - 1]!, t.start[second.from]!);
  const firstText = t.text.slice(t.start[first.from]!, t.end[first.to - 1]!);
  const secondText = t.text.slice(t.start[second.from]!, t.end[second.to - 1]!);
  const swapped = `${secondText}${between}${firstText}`;
  const order = alphaAt < gammaAt ? '(alpha, gamma)' : '(gamma, alpha)';
  const name = callee.replace(/\s+/g, '');
  const message = numbersSwapped
    ? msg('{0}({1}) passes alpha = {2} and gamma = {3} by position, but {0} takes {4} in that order with alpha = {5}, gamma = {6} by default: alpha and gamma look swapped', name, t.text.slice(start, end), alpha!, gamma!, order, alphaDefault!, gammaDefault!)
    : msg('{0} passes {1} as alpha and {2} as gamma by position, but {0} takes {3} in that order: alpha and gamma are swapped', name, t.text.slice(t.start[alphaArg.from]!, t.end[alphaArg.to - 1]!), t.text.slice(t.start[gammaArg.from]!, t.end[gammaArg.to - 1]!), order);
  out.push({
    rule: 'focal-args-swapped', start, end, message,
    related: { ...related, message: slots.library ? msg('The signature is {0}', slots.library) : msg('{0} takes alpha and gamma here', name) },
    fixes: [{ title: msg('Swap them: {0}', swapped), edits: [{ start, end, newText: swapped }], preferred: true, safety: 'safe' }],
  });
}

/** The slots of the file's own top-level function or class `callee` (its __init__), when it has one definition. */
function ownSlots(cx: LintContext, callee: string): Slots | undefined {
  const t = cx.tokens;
  const scopes = cx.module.scopes;
  const defined = topLevelDefinitions(cx.module).get(callee) ?? [];
  if (defined.length !== 1) return undefined;
  const owner = defined[0]!;
  const defScope = owner.kind === 'class' ? owner.methods.get('__init__') : scopes.indexOf(owner);
  if (defScope === undefined || defScope < 0 || scopes[defScope]!.kind !== 'def') return undefined;
  const params = parametersOf(t, scopes[defScope]!).filter((p) => p.star === '' && !p.keywordOnly && !(owner.kind === 'class' && p.name === 'self'));
  const alphaAt = params.findIndex((p) => p.name === 'alpha');
  const gammaAt = params.findIndex((p) => p.name === 'gamma');
  if (alphaAt < 0 || gammaAt < 0) return undefined;
  const alphaParam = params[alphaAt]!;
  const gammaParam = params[gammaAt]!;
  const [low, high] = alphaAt < gammaAt ? [alphaParam, gammaParam] : [gammaParam, alphaParam];
  return {
    alphaAt, gammaAt,
    alphaDefault: literal(cx, alphaParam.from, alphaParam.to),
    gammaDefault: literal(cx, gammaParam.from, gammaParam.to),
    related: () => ({ start: t.start[tokenAtOffset(t, low.offset)]!, end: high.to >= 0 ? t.end[high.to - 1]! : t.end[tokenAtOffset(t, high.offset)]! }),
  };
}

/**
 * The slots of the user's loss defined in another file of the workspace (`from focal_loss import
 * FocalLoss` next to the script), from the signature recognition read there; the related information
 * is the import that names it.
 */
function importedSlots(cx: LintContext, call: LossCall, callee: string): Slots | undefined {
  const signature = call.signature!;
  const alphaAt = signature.positional.indexOf('alpha');
  const gammaAt = signature.positional.indexOf('gamma');
  if (alphaAt < 0 || gammaAt < 0) return undefined;
  return { alphaAt, gammaAt, alphaDefault: signature.alphaDefault, gammaDefault: signature.gammaDefault, related: () => importOf(cx, callee), library: `${callee}(${signature.positional.join(', ')}) (${signature.file}, line ${signature.line + 1})` };
}

/** Where the file imports the first name of `callee`: the import statement's name, or undefined. */
function importOf(cx: LintContext, callee: string): { start: number; end: number } | undefined {
  const head = /^\w+/.exec(callee)?.[0];
  if (!head) return undefined;
  // A search of the whole text per name: kept per text, as many calls of one import may be findings.
  let known = IMPORTS.get(cx.tokens);
  if (!known) IMPORTS.set(cx.tokens, (known = new Map()));
  if (known.has(head)) return known.get(head);
  const imported = new RegExp(`^[ \\t]*(?:from[ \\t]+[\\w.]+[ \\t]+)?import\\b[^\\n]*\\b(${head})\\b`, 'm').exec(cx.tokens.text);
  const at = imported ? imported.index + imported[0].length - head.length : -1;
  const found = at < 0 ? undefined : { start: at, end: at + head.length };
  known.set(head, found);
  return found;
}

const IMPORTS = new WeakMap<PythonTokens, Map<string, { readonly start: number; readonly end: number } | undefined>>();

/**
 * The slots of a catalog API whose signature takes alpha and gamma by position; the related information
 * is the import that names the library (`from segmentation_models.base import functional as F`).
 */
function catalogSlots(cx: LintContext, api: string, callee: string): Slots | undefined {
  const slots = catalogSignature(api);
  return slots && { ...slots, related: () => importOf(cx, callee) };
}

const SIGNATURES = new Map<string, Omit<Slots, 'related'> | null>();

/** A catalog API's positional alpha and gamma slots and defaults, read once per API (every recognised call asks). */
function catalogSignature(api: string): Omit<Slots, 'related'> | undefined {
  let found = SIGNATURES.get(api);
  if (found === undefined) {
    found = null;
    const entry = CATALOG.find((e) => e.api === api);
    const params = entry ? entry.params.filter((p) => !p.keywordOnly) : [];
    const alphaAt = params.findIndex((p) => p.name === 'alpha');
    const gammaAt = params.findIndex((p) => p.name === 'gamma');
    const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
    if (entry && alphaAt >= 0 && gammaAt >= 0) found = { alphaAt, gammaAt, alphaDefault: number(params[alphaAt]!.default), gammaDefault: number(params[gammaAt]!.default), library: `${entry.api}(${params.map((p) => p.name).join(', ')})` };
    SIGNATURES.set(api, found);
  }
  return found ?? undefined;
}
