import { msg } from '../../core';
import { baseStoredAttribute, END, enclosingClass, expOf, firstAtLeast, isName, isOp, NAME, NEWLINE, parametersOf, PER_SAMPLE_CE_APIS, splitTopLevel, STRING, type LossCall, type PythonTokens } from '../recognition';
import { assignedBy } from './bindings';
import type { LintContext } from './lintContext';
import type { LintEdit, LintFinding, LintFix } from './findings';
import { setKeyword } from './fixes';
import { isLossClass, LEGACY_REDUCTION_KEYWORDS, shortName } from './losses';
import { argumentsOf, attributeTokens, type Argument, headOfToken, isPostfixChain, nameTokens, statementLine, stringContent, text, tokenAtOffset } from './syntax';

/*
 * focal-on-reduced-loss: `bce = F.binary_cross_entropy(x, y, reduction='mean')` (or a loss with its
 * default 'mean'), then `exp(-bce)` for the focal factor: p_t and (1 - p_t)^gamma are computed once
 * from the batch's mean loss, so every sample gets the same factor and nothing is focused. Which CE
 * losses give p_t as exp(-loss), and the exp(-name) form, are recognition's (reducedLoss.ts), which also
 * reads the pattern in the body of a user's focal loss for the hover.
 */

/**
 * `call` is the loss invocation whose '(' is `invocation`; `construction` the '(' of the class's
 * construction when known in the file (-1 for a function, or a construction not found).
 */
export function checkReducedFocal(cx: LintContext, call: LossCall, invocation: number, construction: number, out: LintFinding[]): void {
  if (!PER_SAMPLE_CE_APIS.has(call.api) || invocation < 0) return;
  const t = cx.tokens;
  const isClass = isLossClass(call.api);
  if (isClass && construction < 0) return;
  // The invocation is the whole value of `name = ...` (looked at first: it rules out most calls, and cheaply).
  const close = t.match[invocation]!;
  const head = headOfToken(t, invocation);
  const first = t.heads[head]!;
  // `ce = F.cross_entropy(x, y)`, or `logpt = -F.cross_entropy(x, y)` (then exp(logpt), not exp(-logpt)).
  const negated = isOp(t, first + 2, '-');
  if (t.kind[first] !== NAME || !isOp(t, first + 1, '=') || tokenAtOffset(t, call.start) !== first + (negated ? 3 : 2)) return;
  let last = (head + 1 < t.headCount ? t.heads[head + 1]! : t.count) - 1;
  while (last > close && (t.kind[last] === NEWLINE || t.kind[last] === END)) last--;
  if (last !== close) return;
  const settings = argumentsOf(t, isClass ? construction : invocation);
  const settled = settledReduction(cx, settings, isClass, head, shortName(call.api));
  if (!settled) return;
  const { reduction, byAttribute } = settled;
  const name = text(t, first);
  const scope = cx.module.headScope[head]!;
  const uses = expUses(cx, name, scope, head, negated);
  // `logpt = -bce_loss`, then `pt = torch.exp(logpt)`: the negation held by a name of its own.
  if (!negated) for (const alias of negations(cx, name, scope, head)) uses.push(...expUses(cx, alias.name, scope, alias.head, true).map((u) => ({ ...u, alias })));
  for (const { k, span, alias } of uses) {
    const start = t.start[span.from]!;
    const end = t.end[span.to]!;
    if (start < cx.base) continue;
    const held = alias ? alias.name : name;
    const fixes = reducedFocalFixes(cx, { name: held, scope, head: alias ? alias.head : head, reduction, exp: k, settingsOpen: isClass ? construction : invocation, invocation, setting: settled.setting, api: call.api, negationOf: alias ? { name, head } : undefined });
    if (byAttribute) {
      out.push({
        rule: 'focal-on-reduced-loss', start, end,
        message: negated || alias
          ? msg("`{0}` is one number for the whole batch (minus {1}): exp({0}) and the focal factor are the same for every sample, so nothing is focused; compute the loss with reduction='none' and reduce the focal loss", held, byAttribute.how)
          : msg("`{0}` is one number for the whole batch ({1}): exp(-{0}) and the focal factor are the same for every sample, so nothing is focused; compute the loss with reduction='none' and reduce the focal loss", held, byAttribute.how),
        related: byAttribute.related,
        fixes,
      });
      continue;
    }
    out.push({
      rule: 'focal-on-reduced-loss', start, end,
      message: negated || alias
        ? msg("`{0}` is one number for the whole batch (minus {1} with reduction='{2}'): exp({0}) and the focal factor are the same for every sample, so nothing is focused; compute the loss with reduction='none' and reduce the focal loss", held, shortName(call.api), reduction)
        : msg("`{0}` is one number for the whole batch ({1} with reduction='{2}'): exp(-{0}) and the focal factor are the same for every sample, so nothing is focused; compute the loss with reduction='none' and reduce the focal loss", held, shortName(call.api), reduction),
      related: { start: call.start, end: call.end, message: msg("reduced with reduction='{0}' here", reduction) },
      fixes,
    });
  }
}

/** A name holding minus the loss: `logpt = -bce_loss` (the whole statement), and its logical line. */
interface Negation { readonly name: string; readonly head: number }

/**
 * The exp of `name` (assigned by logical line `head`) in the statements after it, up to the name's
 * next assignment in its scope: `exp(-name)`, or `exp(name)` when the name holds minus the loss. The
 * focal factor follows the loss within a few lines, so at most LOOK_AHEAD statements are read.
 */
function expUses(cx: LintContext, name: string, scope: number, head: number, negated: boolean): { k: number; span: { from: number; to: number }; alias?: Negation }[] {
  const t = cx.tokens;
  const first = t.heads[head]!;
  const found: { k: number; span: { from: number; to: number } }[] = [];
  for (const k of readsAfter(cx, name, scope, head)) {
    const span = expOf(t, k, negated);
    if (!span || cx.module.headScope[headOfToken(t, k)] !== scope) continue;
    const assigned = cx.flow.assignmentOf(name, scope, t.start[k]!);
    if (assigned && assigned.offset === t.start[first]) found.push({ k, span });
  }
  return found;
}

/** The statements `other = -name` after logical line `head` that read the value `head` assigned. */
function negations(cx: LintContext, name: string, scope: number, head: number): Negation[] {
  const t = cx.tokens;
  const found: Negation[] = [];
  for (const k of readsAfter(cx, name, scope, head)) {
    const h = headOfToken(t, k);
    const [start, end] = statementTokens(cx, h);
    if (cx.module.headScope[h] !== scope || end !== start + 4 || k !== start + 3 || t.kind[start] !== NAME || !isOp(t, start + 1, '=') || !isOp(t, start + 2, '-')) continue;
    const assigned = cx.flow.assignmentOf(name, scope, t.start[k]!);
    if (assigned && assigned.offset === t.start[t.heads[head]!]) found.push({ name: text(t, start), head: h });
  }
  return found;
}

/** The tokens of `name` in the statements after logical line `head`, up to its next assignment in `scope` (at most LOOK_AHEAD statements). */
function readsAfter(cx: LintContext, name: string, scope: number, head: number): number[] {
  const t = cx.tokens;
  const first = t.heads[head]!;
  const assigned = cx.table.names.get(scope)?.get(name);
  const later = assigned?.[assignedBy(assigned, 'offset', t.start[first]!)];
  const until = later ? later.offset : Infinity;
  let stop = head + 1;
  while (stop < t.headCount && stop <= head + LOOK_AHEAD && t.start[t.heads[stop]!]! < until && within(cx, cx.module.headScope[stop]!, scope)) stop++;
  if (stop === head + 1) return [];
  const from = t.heads[head + 1]!;
  const to = stop < t.headCount ? t.heads[stop]! : t.count;
  // The name's own tokens in those statements (found once per text), not every token of them.
  const uses = nameTokens(t, name);
  const found: number[] = [];
  for (let i = firstAtLeast(uses, from); i < uses.length && uses[i]! < to; i++) found.push(uses[i]!);
  return found;
}

/** What a reduced loss's reduction is, and, when a `self` attribute decides it, how (for the message, no fix). */
interface SettledReduction {
  readonly reduction: 'mean' | 'sum';
  readonly byAttribute?: { readonly how: string; readonly related: NonNullable<LintFinding['related']> };
  /** How the fix sets the loss per sample and reduces the focal loss: see ReductionSetting. */
  readonly setting: ReductionSetting;
}

/**
 * Where the reduction comes from: written or left to the loss's default ('written'), `reduction=self.x`
 * ('attribute': the class's own setting, which constructions in other files may give as 'none' or
 * 'sum'), or a legacy `size_average=self.x` ('legacy').
 */
type ReductionSetting =
  | { readonly kind: 'written' }
  | { readonly kind: 'attribute'; readonly attribute: string; readonly arg: Argument }
  | { readonly kind: 'legacy'; readonly keyword: string; readonly attribute: string; readonly arg: Argument };


/**
 * The reduction the loss's settings give when it is certainly over the batch ('mean' or 'sum'):
 * `reduction=` a literal, left to its default, or `self.x` the class settles (attributeDefault); or
 * one legacy keyword (`size_average=self.size_average` with `size_average=True` by default: 'mean';
 * False: 'sum') as torch's `_Reduction.legacy_get_string` reads it. Undefined when 'none' or not certain.
 */
function settledReduction(cx: LintContext, settings: readonly Argument[], isClass: boolean, head: number, loss: string): SettledReduction | undefined {
  const t = cx.tokens;
  // Positional settings: a construction's (weight, size_average, ...) or a function's fourth on (size_average, reduce, ...).
  if (settings.some((a) => isOp(t, a.from, '**') || isOp(t, a.from, '*'))) return undefined;
  if (settings.filter((a) => a.keyword === undefined).length > (isClass ? 0 : 3)) return undefined;
  const scope = cx.module.headScope[head]!;
  const legacy = settings.filter((a) => a.keyword !== undefined && LEGACY_REDUCTION_KEYWORDS.has(a.keyword));
  const reductionArg = settings.find((a) => a.keyword === 'reduction');
  if (legacy.length > 1 || (legacy.length === 1 && reductionArg)) return undefined;
  if (legacy.length === 1) {
    const arg = legacy[0]!;
    const keyword = arg.keyword!;
    const attribute = selfAttributeName(t, arg.valueFrom, arg.to);
    const found = attribute === undefined ? undefined : attributeDefault(cx, scope, attribute);
    const value = found ? found.value : literalValue(t, arg.valueFrom, arg.to);
    if (typeof value !== 'boolean' && value !== null) return undefined;
    // legacy_get_string: None is True; size_average and reduce -> 'mean', reduce alone -> 'sum', else 'none'.
    const reduce = keyword === 'reduce' ? value !== false : true;
    const sizeAverage = keyword === 'size_average' ? value !== false : true;
    if (!reduce) return undefined;
    const reduction = sizeAverage ? 'mean' : 'sum';
    if (!found) return value === null ? { reduction: 'mean', setting: { kind: 'written' } } : undefined;
    if (found.via.kind !== 'parameter') return undefined;
    return {
      reduction,
      setting: { kind: 'legacy', keyword, attribute: attribute!, arg },
      byAttribute: {
        how: msg("{0} with {1}=self.{2}, which is {3} by the default of `{4}` and set nowhere else in the file, so reduction='{5}'", loss, keyword, attribute!, text(t, found.via.token), found.via.parameter, reduction),
        related: { start: t.start[found.via.token]!, end: t.end[found.via.token]!, message: msg('{0}={1} by default here', keyword, text(t, found.via.token)) },
      },
    };
  }
  if (!reductionArg) return { reduction: 'mean', setting: { kind: 'written' } };
  const attribute = selfAttributeName(t, reductionArg.valueFrom, reductionArg.to);
  if (attribute === undefined) {
    if (reductionArg.to !== reductionArg.valueFrom + 1 || t.kind[reductionArg.valueFrom] !== STRING) return undefined;
    const value = stringContent(t, reductionArg.valueFrom);
    return value === 'mean' || value === 'sum' ? { reduction: value, setting: { kind: 'written' } } : undefined;
  }
  // `reduction=self.reduction`, set once from `__init__(self, reduction='mean')` and left at that default.
  const found = attributeDefault(cx, scope, attribute);
  if (!found || (found.value !== 'mean' && found.value !== 'sum')) return undefined;
  const reduction = found.value;
  const setting: ReductionSetting = { kind: 'attribute', attribute, arg: reductionArg };
  const at = (token: number) => ({ start: t.start[token]!, end: t.end[token]! });
  if (found.via.kind === 'parameter') {
    return { reduction, setting, byAttribute: { how: msg("{0} with reduction=self.{1}, which is '{2}' by the default of `{3}` and set nowhere else in the file", loss, attribute, reduction, found.via.parameter), related: { ...at(found.via.token), message: msg("reduction='{0}' by default here", reduction) } } };
  }
  if (found.via.kind === 'base') {
    return { reduction, setting, byAttribute: { how: msg("{0} with reduction=self.{1}, which torch's `{2}` stores from `{3}`: '{4}' by its default, set nowhere else in the file", loss, attribute, found.via.base, found.via.parameter, reduction), related: { ...at(found.via.token), message: msg("reduction='{0}' by default here", reduction) } } };
  }
  const [callFrom, callTo] = statementTokens(cx, headOfToken(t, found.via.token));
  return { reduction, setting, byAttribute: { how: msg("{0} with reduction=self.{1}, which torch's `{2}` sets to its own default '{3}': the class's `__init__` passes it none", loss, attribute, found.via.base, reduction), related: { start: t.start[callFrom]!, end: t.end[callTo - 1]!, message: msg("`{0}` stores reduction='{1}' here", found.via.base, reduction) } } };
}

/** `x` when tokens [from, to) are exactly `self.x`. */
function selfAttributeName(t: PythonTokens, from: number, to: number): string | undefined {
  return to === from + 3 && isName(t, from, 'self') && isOp(t, from + 1, '.') && t.kind[from + 2] === NAME ? text(t, from + 2) : undefined;
}

/** A one-token literal: a string's content, True / False, None; undefined otherwise. */
function literalValue(t: PythonTokens, from: number, to: number): string | boolean | null | undefined {
  if (to !== from + 1) return undefined;
  if (t.kind[from] === STRING) return stringContent(t, from);
  if (isName(t, from, 'True')) return true;
  if (isName(t, from, 'False')) return false;
  if (isName(t, from, 'None')) return null;
  return undefined;
}

interface AttributeDefault {
  readonly value: string | boolean | null;
  /**
   * How the class gets it: its own `self.x = parameter` in `__init__` ('parameter'), torch's `_Loss` /
   * `_WeightedLoss` storing the parameter its `__init__` call passes ('base'), or that base's own default
   * when the call passes none ('baseDefault', `token` the call's first token). `token`: the default's.
   */
  readonly via:
    | { readonly kind: 'parameter'; readonly parameter: string; readonly token: number }
    | { readonly kind: 'base'; readonly base: string; readonly parameter: string; readonly token: number }
    | { readonly kind: 'baseDefault'; readonly base: string; readonly token: number };
}

/**
 * `self.attribute` in a method of a class, when it is certainly a one-token literal default of an
 * `__init__` parameter (a string, True / False, None): the class sets the attribute once, as
 * `self.attribute = parameter` in its `__init__`, or leaves it to torch's loss base, whose `__init__`
 * call passes the parameter (or nothing: the base's 'mean'); see recognition's lossBaseAttributes.ts.
 */
function attributeDefault(cx: LintContext, scope: number, attribute: string): AttributeDefault | undefined {
  const t = cx.tokens;
  const owner = enclosingClass(cx.module, scope);
  if (owner < 0) return undefined;
  const init = cx.module.scopes[owner]!.methods.get('__init__');
  if (init === undefined) return undefined;
  const set = cx.table.selfAttributes.get(owner)?.get(attribute);
  if (set) {
    if (set.length !== 1) return undefined;
    const a = set[0]!;
    if (a.scope !== init || a.index >= 0 || a.to !== a.from + 1 || t.kind[a.from] !== NAME) return undefined;
    const parameter = parameterDefault(cx, owner, init, text(t, a.from));
    return parameter && { value: parameter.value, via: { kind: 'parameter', parameter: text(t, a.from), token: parameter.token } };
  }
  const stored = baseStoredAttribute(cx.module, owner, attribute);
  if (!stored) return undefined;
  // size_average / reduce passed to the base: each None (written, or a parameter's None default).
  for (const [from, to] of stored.legacy) {
    const value = to === from + 1 && t.kind[from] === NAME && !isName(t, from, 'None') ? parameterDefault(cx, owner, init, text(t, from))?.value : literalValue(t, from, to);
    if (value !== null) return undefined;
  }
  if (stored.from < 0) return stored.baseDefault === null ? undefined : { value: stored.baseDefault, via: { kind: 'baseDefault', base: stored.base, token: stored.call } };
  if (stored.to !== stored.from + 1 || t.kind[stored.from] !== NAME) return undefined;
  const parameter = parameterDefault(cx, owner, init, text(t, stored.from));
  return parameter && { value: parameter.value, via: { kind: 'base', base: stored.base, parameter: text(t, stored.from), token: parameter.token } };
}

/**
 * The literal default of `__init__`'s parameter `name` when it is what runs: not rebound in `__init__`,
 * and every construction of the class in the file leaves it out (by keyword and by position, no `*` /
 * `**`), with the class named nowhere else (a subclass or the class passed on may set it otherwise).
 * Constructions in other files are not seen: the default is what the class gives unless told otherwise, as written.
 */
function parameterDefault(cx: LintContext, owner: number, init: number, name: string): { token: number; value: string | boolean | null } | undefined {
  const t = cx.tokens;
  const params = parametersOf(t, cx.module.scopes[init]!);
  const param = params.find((p) => p.name === name && p.star === '');
  if (!param || param.from < 0) return undefined;
  const value = literalValue(t, param.from, param.to);
  if (value === undefined) return undefined;
  // Not rebound in __init__ before the attribute takes it.
  if (cx.table.names.get(init)?.has(name)) return undefined;
  const position = param.keywordOnly ? -1 : params.filter((p) => !p.keywordOnly && p.star === '').indexOf(param) - 1;
  const className = cx.module.scopes[owner]!.name;
  for (const k of nameTokens(t, className)) {
    if (isOp(t, k - 1, '.') || isName(t, k - 1, 'class') || (isOp(t, k - 1, '(') && isName(t, k - 2, 'super') && isOp(t, k + 1, ','))) continue;
    if (!isOp(t, k + 1, '(')) return undefined;
    const args = argumentsOf(t, k + 1);
    if (args.some((x) => x.keyword === name || isOp(t, x.from, '*') || isOp(t, x.from, '**'))) return undefined;
    if (position >= 0 && args.filter((x) => x.keyword === undefined).length > position) return undefined;
  }
  return { token: param.from, value };
}

interface ReducedFocal {
  /** The loss's name, its def scope and statement (logical line). */
  readonly name: string;
  readonly scope: number;
  readonly head: number;
  readonly reduction: string;
  /** The name token in `exp(-name)` (or `exp(name)` for `name = -loss(...)`). */
  readonly exp: number;
  /** The '(' whose arguments set the reduction (the class's construction or the function call), and the call's '('. */
  readonly settingsOpen: number;
  readonly invocation: number;
  readonly setting: ReductionSetting;
  readonly api: string;
  /** When `name` holds minus the loss (`logpt = -bce_loss`): the loss's own name and its logical line. */
  readonly negationOf?: Negation;
}

const REDUCERS = new Set(['mean', 'sum']);

/** nn.Module methods that return the module itself: `criterion = criterion.cuda()` rebinds the same instance. */
const SAME_MODULE = new Set(['cuda', 'cpu', 'to', 'float', 'double', 'half', 'train', 'eval']);

/**
 * reduction='none' where the loss is set, and the focal loss reduced as the loss was: a product
 * already reduced by the code (`((1 - pt) ** gamma * ce).mean()`, `torch.mean(F_loss)`, `F_loss.sum()`)
 * is left as it is (only the loss's reduction changes); otherwise the product gets `.mean()` (`.sum()`
 * for 'sum') where it is returned or assigned, so everything after it sees one number as before. When
 * the class's own `self.reduction` (or legacy `self.size_average`) set the loss's reduction, the
 * product is reduced by that attribute, so a construction elsewhere with 'none' or 'sum' gets what it
 * asked for. Safe when the result has the shape it had (the loss, p_t and the loss instance read
 * nowhere else, the product read as described); otherwise the reduction alone is offered as unsafe.
 */
function reducedFocalFixes(cx: LintContext, r: ReducedFocal): LintFix[] {
  const t = cx.tokens;
  const none = quoted(cx, r.settingsOpen, 'none');
  const setting = r.setting;
  // `size_average=self.size_average` gives way to `reduction='none'` (torch reads the legacy keywords first).
  const reduction = setting.kind === 'legacy'
    ? (setting.keyword === 'size_average' ? { start: t.start[setting.arg.from]!, end: t.end[setting.arg.to - 1]!, newText: `reduction=${none}` } : undefined)
    : setKeyword(t, r.settingsOpen, 'reduction', none);
  if (!reduction) return [];
  const reducer = r.reduction === 'sum' ? 'sum' : 'mean';
  // The loss built where it is called (`nn.CrossEntropyLoss()(x, y)`), or an instance called only here.
  // The loss's own name read only by its negation (else the per-sample value reaches other code).
  const negationOnly = !r.negationOf || readsIn(cx, r.negationOf.name, r.scope, t.heads[r.negationOf.head + 1]!, scopeEnd(cx, r.scope, r.negationOf.head + 1)).every((k) => headOfToken(t, k) === r.head);
  const single = negationOnly && (r.settingsOpen === r.invocation || t.match[r.settingsOpen]! + 1 === r.invocation || instanceUsedOnce(cx, r.settingsOpen, r.scope));
  const final = single ? focalReduction(cx, r, reducer) : undefined;
  if (final) {
    const title = final.edit && setting.kind !== 'written'
      ? msg("Compute `{0}` per sample (reduction='none') and reduce the focal loss as `self.{1}` says", r.name, setting.attribute)
      : msg("Compute `{0}` per sample (reduction='none') and take the {1} of the focal loss", r.name, reducer);
    return [{ title: final.edit ? title + maskedMeanNote(cx, r) : title, edits: final.edit ? [reduction, final.edit] : [reduction], preferred: true, safety: 'safe' }];
  }
  return [{ title: msg("Compute `{0}` per sample (reduction='none'): the focal loss is then per sample too, reduce it where it is used", r.name), edits: [reduction], preferred: false, safety: 'unsafe' }];
}

/**
 * A cross-entropy's (or NLL's) own 'mean' divides by the summed class weight of the targets it does not
 * ignore; a plain mean of the focal loss divides by the number of elements. Said in the title when the
 * loss's settings give a weight (by keyword or in its place) or an ignore_index. (A BCE's weight
 * rescales each element and its mean is plain.)
 */
const CLASS_WEIGHTED = new Set(['torch.nn.functional.cross_entropy', 'torch.nn.functional.nll_loss', 'torch.nn.CrossEntropyLoss', 'torch.nn.NLLLoss']);

function maskedMeanNote(cx: LintContext, r: ReducedFocal): string {
  if (r.reduction !== 'mean' || !CLASS_WEIGHTED.has(r.api)) return '';
  const t = cx.tokens;
  const args = argumentsOf(t, r.settingsOpen);
  const weightAt = isLossClass(r.api) ? 0 : 2;
  const positionalWeight = args.filter((a) => a.keyword === undefined).length > weightAt;
  const written = positionalWeight || args.some((a) => (a.keyword === 'weight' || a.keyword === 'ignore_index') && !(a.to === a.valueFrom + 1 && isName(t, a.valueFrom, 'None')));
  return written ? msg(' (a plain mean over the elements: an ignored target counts as 0, and class weights are not divided out as the loss\'s own mean did)') : '';
}

/** 'none' in the quotes the call's existing reduction uses (single quotes when it has none). */
function quoted(cx: LintContext, open: number, value: string): string {
  const t = cx.tokens;
  const existing = argumentsOf(t, open).find((a) => a.keyword === 'reduction');
  const quote = existing && t.kind[existing.valueFrom] === STRING && text(t, existing.valueFrom).startsWith('"') ? '"' : "'";
  return `${quote}${value}${quote}`;
}

/**
 * The edit that reduces the focal loss (undefined edit: the code already reduces it), when the loss
 * name is read only by the exp, by scalings of itself (`logpt *= alpha`) and by one product statement,
 * p_t only by that product, and the product is returned or held by a name.
 */
function focalReduction(cx: LintContext, r: ReducedFocal, reducer: string): { edit?: LintEdit } | undefined {
  const t = cx.tokens;
  const from = t.heads[r.head + 1]!;
  const functionEnd = scopeEnd(cx, r.scope, r.head + 1);
  const until = Math.min(functionEnd, nextPlainAssignment(cx, r.name, r.scope, from));
  let product = -1;
  for (const k of readsIn(cx, r.name, r.scope, from, until)) {
    if (k === r.exp) continue;
    const h = headOfToken(t, k);
    if (h !== product && isScaling(cx, r.name, h)) continue;
    if (product >= 0 && h !== product) return undefined;
    product = h;
  }
  if (product < 0) return undefined;
  // `pt = exp(-BCE)`: p_t becomes per sample too, so it may be read only by the product.
  const [eStart] = statementTokens(cx, headOfToken(t, r.exp));
  if (headOfToken(t, r.exp) !== product && t.kind[eStart] === NAME && isOp(t, eStart + 1, '=')) {
    const pt = text(t, eStart);
    if (readsIn(cx, pt, r.scope, r.exp, Math.min(functionEnd, nextPlainAssignment(cx, pt, r.scope, r.exp))).some((k) => headOfToken(t, k) !== product)) return undefined;
  }
  const [start, end] = statementTokens(cx, product);
  if (isName(t, start, 'return')) {
    if (isWholeReduction(t, start + 1, end)) return {};
    return r.setting.kind === 'written' ? reducedReturn(cx, start + 1, end, reducer, undefined) : undefined;
  }
  // `F_loss = <product>`.
  if (t.kind[start] !== NAME || !isOp(t, start + 1, '=')) return undefined;
  if (isWholeReduction(t, start + 2, end)) return {};
  const held = text(t, start);
  const reads = readsIn(cx, held, r.scope, end, Math.min(functionEnd, nextPlainAssignment(cx, held, r.scope, end)));
  if (reads.length === 0) return undefined;
  const reduced = reads.filter((k) => reductionOf(t, k));
  // Every later read reduces it (`return torch.mean(F_loss)`): the code's own reduction stays.
  if (reduced.length === reads.length) return {};
  if (reduced.length > 0) return undefined;
  // Read once by `return F_loss`: reduced there, as written code would.
  if (r.setting.kind === 'written' && reads.length === 1) {
    const [rStart, rEnd] = statementTokens(cx, headOfToken(t, reads[0]!));
    if (isName(t, rStart, 'return') && rEnd === rStart + 2) return reducedReturn(cx, rStart + 1, rEnd, reducer, reads[0]!);
  }
  // Otherwise reduced where it is made, when what follows only scales it and returns it (`loss /= n`,
  // `alpha * F_loss`): it then sees one number, as before, and that number is the per-sample loss's
  // mean. A later use with per-sample values (`(F_loss * mask).sum()`) would mean another reduction.
  if (!scaledAndReturned(cx, held, r.scope, end, functionEnd, 0)) return undefined;
  if (r.setting.kind === 'written') {
    const rhs = t.text.slice(t.start[start + 2]!, t.end[end - 1]!);
    return { edit: { start: t.start[start + 2]!, end: t.end[end - 1]!, newText: isPostfixChain(t, start + 2, end) ? `${rhs}.${reducer}()` : `(${rhs}).${reducer}()` } };
  }
  // By the class's attribute: lines after the product, at its indentation.
  const line = statementLine(t, product);
  if (!line) return undefined;
  const indent = t.text.slice(line.start, t.start[start]!);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const step = indent.includes('\t') ? '\t' : '    ';
  const eol = t.text.slice(line.end - 2, line.end) === '\r\n' ? '\r\n' : '\n';
  const setting = r.setting;
  const lines = setting.kind === 'attribute'
    ? [`if self.${setting.attribute} == 'mean':`, `${step}${held} = ${held}.mean()`, `elif self.${setting.attribute} == 'sum':`, `${step}${held} = ${held}.sum()`]
    : [`${held} = ${held}.sum() if self.${setting.attribute} is False else ${held}.mean()`];
  const after = t.text[line.end - 1] === '\n' ? '' : eol;
  return { edit: { start: line.end, end: line.end, newText: after + lines.map((l) => indent + l + eol).join('') } };
}

/** Words after which '(' groups rather than calls. */
const GROUPING = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'return', 'lambda']);

/** Whether tokens [from, to) hold no call and no subscript: arithmetic on names, attributes and numbers. */
function plainArithmetic(t: PythonTokens, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (isOp(t, k, '[') || isOp(t, k, ',')) return false;
    if (isOp(t, k, '(') && k > from && (isOp(t, k - 1, ')') || isOp(t, k - 1, ']') || (t.kind[k - 1] === NAME && !GROUPING.has(text(t, k - 1))))) return false;
  }
  return to > from;
}

/**
 * Whether every read of `name` after token `from` (to the function's end or its next assignment) only
 * scales it and hands it on to a return: `return 0.25 * name`, `name /= n`, `other = alpha * name`
 * with `other` itself so used (a few steps deep).
 */
function scaledAndReturned(cx: LintContext, name: string, scope: number, from: number, functionEnd: number, depth: number): boolean {
  const t = cx.tokens;
  if (depth > 3) return false;
  const reads = readsIn(cx, name, scope, from, Math.min(functionEnd, nextPlainAssignment(cx, name, scope, from)));
  if (reads.length === 0) return false;
  for (const k of reads) {
    const h = headOfToken(t, k);
    const [start, end] = statementTokens(cx, h);
    if (isName(t, start, 'return')) { if (!plainArithmetic(t, start + 1, end)) return false; continue; }
    if (isScaling(cx, name, h)) continue;
    if (t.kind[start] !== NAME || !isOp(t, start + 1, '=') || text(t, start) === name || !plainArithmetic(t, start + 2, end)) return false;
    if (!scaledAndReturned(cx, text(t, start), scope, end, functionEnd, depth + 1)) return false;
  }
  return true;
}

/** Whether tokens [from, to) are a reduction of the whole: `x.mean()`, `(...).sum()`, `torch.mean(x)`. */
function isWholeReduction(t: PythonTokens, from: number, to: number): boolean {
  if (!isOp(t, to - 1, ')')) return false;
  const open = t.match[to - 1]!;
  return open > from && isPostfixChain(t, from, to) && REDUCERS.has(text(t, open - 1)) && isOp(t, open - 2, '.') && (open + 1 === to - 1 || (isName(t, open - 3, 'torch') && open - 3 === from));
}

/** Whether the name token `k` is reduced whole right there: `k.mean()`, `k.sum()`, `torch.mean(k)`, `torch.sum(k)`. */
function reductionOf(t: PythonTokens, k: number): boolean {
  if (isOp(t, k + 1, '.') && REDUCERS.has(text(t, k + 2)) && isOp(t, k + 3, '(') && isOp(t, k + 4, ')')) return true;
  return isOp(t, k - 1, '(') && isOp(t, k + 1, ')') && REDUCERS.has(text(t, k - 2)) && isOp(t, k - 3, '.') && isName(t, k - 4, 'torch') && !isOp(t, k - 5, '.');
}

/** `name *= x` / `name /= x` with no call and no other read of the name: a per-element scaling that keeps it per sample. */
function isScaling(cx: LintContext, name: string, head: number): boolean {
  const t = cx.tokens;
  const [start, end] = statementTokens(cx, head);
  if (!isName(t, start, name) || !(isOp(t, start + 1, '*=') || isOp(t, start + 1, '/='))) return false;
  for (let k = start + 2; k < end; k++) if (isOp(t, k, '(') || isName(t, k, name)) return false;
  return end > start + 2;
}

/** The offset of the first plain `name = ...` in def scope `scope` after `offset` (Infinity if none): a new value, the reads after it are another's. */
function nextPlainAssignment(cx: LintContext, name: string, scope: number, offset: number): number {
  const t = cx.tokens;
  const list = cx.table.names.get(scope)?.get(name) ?? [];
  for (const a of list) {
    if (a.offset <= t.start[offset]! ) continue;
    const k = tokenAtOffset(t, a.offset);
    if (!isOp(t, k + 1, '*=') && !isOp(t, k + 1, '/=')) return k;
  }
  return Infinity;
}

/**
 * What `return <expr>` [from, to) needs: nothing when it is already a mean or sum of the whole, else
 * `.mean()` after it. With `held`, the expression must be that name alone or its reduction; without,
 * one value (not a tuple).
 */
function reducedReturn(cx: LintContext, from: number, to: number, reducer: string, held: number | undefined): { edit?: LintEdit } | undefined {
  const t = cx.tokens;
  if (from >= to || splitTopLevel(t, from, to).length !== 1 || isOp(t, to - 1, ',')) return undefined;
  const whole = held === undefined || (to === from + 1 && held === from) || (isOp(t, to - 1, ')') && t.match[to - 1]! - 1 > from && (held === t.match[to - 1]! - 3 || held === t.match[to - 1]! + 1) && to - from <= 6);
  if (!whole) return undefined;
  if (isWholeReduction(t, from, to)) return {};
  const written = t.text.slice(t.start[from]!, t.end[to - 1]!);
  const chain = isPostfixChain(t, from, to);
  return { edit: { start: t.start[from]!, end: t.end[to - 1]!, newText: chain ? `${written}.${reducer}()` : `(${written}).${reducer}()` } };
}

/** The name tokens of `name` read (not assigned, not after '.') in def scope `scope` between tokens [from, to). */
function readsIn(cx: LintContext, name: string, scope: number, from: number, to: number): number[] {
  const t = cx.tokens;
  const uses = nameTokens(t, name);
  const found: number[] = [];
  for (let i = firstAtLeast(uses, from); i < uses.length && uses[i]! < to; i++) {
    const k = uses[i]!;
    if (isOp(t, k - 1, '.') || (isOp(t, k + 1, '=') && t.heads[headOfToken(t, k)] === k)) continue;
    if (!within(cx, cx.module.headScope[headOfToken(t, k)]!, scope)) continue;
    found.push(k);
  }
  return found;
}

/** The tokens of logical line `head` without its line break: [first, end). */
function statementTokens(cx: LintContext, head: number): [number, number] {
  const t = cx.tokens;
  const first = t.heads[head]!;
  let end = head + 1 < t.headCount ? t.heads[head + 1]! : t.count;
  while (end > first && (t.kind[end - 1] === NEWLINE || t.kind[end - 1] === END)) end--;
  return [first, end];
}

/** The first token after def scope `scope`'s body, from logical line `head` in it. */
function scopeEnd(cx: LintContext, scope: number, head: number): number {
  const t = cx.tokens;
  let h = head;
  while (h < t.headCount && within(cx, cx.module.headScope[h]!, scope)) h++;
  return h < t.headCount ? t.heads[h]! : t.count;
}

/**
 * Whether the loss instance built at `open` (`self.ce = nn.CrossEntropyLoss()`, `criterion =
 * nn.CrossEntropyLoss(...)` in the function) is called once: reduction='none' there changes no other
 * call. A local name is counted in its function (`criterion = criterion.cuda()` keeps the same
 * instance); an attribute anywhere in the file.
 */
function instanceUsedOnce(cx: LintContext, open: number, scope: number): boolean {
  const t = cx.tokens;
  const head = headOfToken(t, open);
  const [first] = statementTokens(cx, head);
  let reads = 0;
  if (isName(t, first, 'self') && isOp(t, first + 1, '.') && t.kind[first + 2] === NAME && isOp(t, first + 3, '=')) {
    // An attribute is read as `.ce` anywhere in the file.
    for (const k of attributeTokens(t, text(t, first + 2))) if (!isOp(t, k + 1, '=') && isOp(t, k - 1, '.')) reads++;
    return reads === 1;
  }
  if (t.kind[first] !== NAME || !isOp(t, first + 1, '=')) return false;
  const target = text(t, first);
  // A local of the loss's own function; a name of another scope may be read anywhere in the file.
  if (cx.module.headScope[head] !== scope || cx.module.scopes[scope]!.parent < 0) {
    for (const k of nameTokens(t, target)) if (!isOp(t, k + 1, '=')) reads++;
    return reads === 1;
  }
  const end = scopeEnd(cx, scope, head);
  for (const k of readsIn(cx, target, scope, first + 1, end)) {
    const [s] = statementTokens(cx, headOfToken(t, k));
    const rebind = isName(t, s, target) && isOp(t, s + 1, '=') && k === s + 2 && isOp(t, k + 1, '.') && SAME_MODULE.has(text(t, k + 2)) && isOp(t, k + 3, '(');
    if (!rebind) reads++;
  }
  return reads === 1;
}

const LOOK_AHEAD = 50;

function within(cx: LintContext, scope: number, outer: number): boolean {
  for (let s = scope; s >= 0; s = cx.module.scopes[s]!.parent) if (s === outer) return true;
  return false;
}
