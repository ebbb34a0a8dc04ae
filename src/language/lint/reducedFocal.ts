import { msg } from '../../core';
import { baseStoredAttribute, END, enclosingClass, expOfName, expOfNegative, firstAtLeast, isName, isOp, NAME, NEWLINE, parametersOf, PER_SAMPLE_CE_APIS, splitTopLevel, STRING, type LossCall, type PythonTokens } from '../recognition';
import { assignedBy } from './bindings';
import type { LintContext } from './lintContext';
import type { LintEdit, LintFinding, LintFix } from './findings';
import { setKeyword } from './fixes';
import { isLossClass, shortName } from './losses';
import { argumentsOf, attributeTokens, type Argument, headOfToken, isPostfixChain, nameTokens, stringContent, text, tokenAtOffset } from './syntax';

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
  // The invocation is the whole value of `name = ...`.
  const close = t.match[invocation]!;
  const head = headOfToken(t, invocation);
  const first = t.heads[head]!;
  // `ce = F.cross_entropy(x, y)`, or `logpt = -F.cross_entropy(x, y)` (then exp(logpt), not exp(-logpt)).
  const negated = isOp(t, first + 2, '-');
  if (t.kind[first] !== NAME || !isOp(t, first + 1, '=') || tokenAtOffset(t, call.start) !== first + (negated ? 3 : 2)) return;
  let last = (head + 1 < t.headCount ? t.heads[head + 1]! : t.count) - 1;
  while (last > close && (t.kind[last] === NEWLINE || t.kind[last] === END)) last--;
  if (last !== close) return;
  const name = text(t, first);
  const scope = cx.module.headScope[head]!;
  // The uses in the statements after it, up to the name's next assignment in this scope (the
  // focal factor follows the loss within a few lines; at most LOOK_AHEAD statements are read).
  const assigned = cx.table.names.get(scope)?.get(name);
  const later = assigned?.[assignedBy(assigned, 'offset', t.start[first]!)];
  const until = later ? later.offset : Infinity;
  let stop = head + 1;
  while (stop < t.headCount && stop <= head + LOOK_AHEAD && t.start[t.heads[stop]!]! < until && within(cx, cx.module.headScope[stop]!, scope)) stop++;
  if (stop === head + 1) return;
  const from = t.heads[head + 1]!;
  const to = stop < t.headCount ? t.heads[stop]! : t.count;
  // The name's own tokens in those statements (found once per text), not every token of them.
  const uses = nameTokens(t, name);
  let settled: SettledReduction | null | undefined;
  for (let i = firstAtLeast(uses, from); i < uses.length && uses[i]! < to; i++) {
    const k = uses[i]!;
    const callee = negated ? expOfName(t, k) : expOfNegative(t, k);
    if (callee < 0) continue;
    if (cx.module.headScope[headOfToken(t, k)] !== scope) continue;
    const assigned = cx.flow.assignmentOf(name, scope, t.start[k]!);
    if (!assigned || assigned.offset !== t.start[first]) continue;
    const start = t.start[callee]!;
    if (start < cx.base) continue;
    // The reduction is read only for a call whose value meets an exp in the statements after it (most
    // CE calls do not): the finding needs both, and reading the settings first found the same.
    settled ??= settledReduction(cx, argumentsOf(t, isClass ? construction : invocation), isClass, head, shortName(call.api)) ?? null;
    if (!settled) return;
    const { reduction, byAttribute } = settled;
    if (byAttribute) {
      // The fix would change what the class's default or its base gives, which other files constructing it rely on: none offered.
      out.push({
        rule: 'focal-on-reduced-loss', start, end: t.end[k + 1]!,
        message: negated
          ? msg("`{0}` is one number for the whole batch (minus {1}): exp({0}) and the focal factor are the same for every sample, so nothing is focused; compute the loss with reduction='none' and reduce the focal loss", name, byAttribute.how)
          : msg("`{0}` is one number for the whole batch ({1}): exp(-{0}) and the focal factor are the same for every sample, so nothing is focused; compute the loss with reduction='none' and reduce the focal loss", name, byAttribute.how),
        related: byAttribute.related,
        fixes: [],
      });
      continue;
    }
    if (negated) {
      // The fixes rewrite the exp(-name) form; this one says what is wrong and leaves the edit to the user.
      out.push({
        rule: 'focal-on-reduced-loss', start, end: t.end[k + 1]!,
        message: msg("`{0}` is one number for the whole batch (minus {1} with reduction='{2}'): exp({0}) and the focal factor are the same for every sample, so nothing is focused; compute the loss with reduction='none' and reduce the focal loss", name, shortName(call.api), reduction),
        related: { start: call.start, end: call.end, message: msg("reduced with reduction='{0}' here", reduction) },
        fixes: [],
      });
      continue;
    }
    out.push({
      rule: 'focal-on-reduced-loss', start, end: t.end[k + 1]!,
      message: msg("`{0}` is one number for the whole batch ({1} with reduction='{2}'): exp(-{0}) and the focal factor are the same for every sample, so nothing is focused; compute the loss with reduction='none' and reduce the focal loss", name, shortName(call.api), reduction),
      related: { start: call.start, end: call.end, message: msg("reduced with reduction='{0}' here", reduction) },
      fixes: reducedFocalFixes(cx, { name, scope, head, stop, reduction, exp: k, settingsOpen: isClass ? construction : invocation, invocation }),
    });
  }
}

/** What a reduced loss's reduction is, and, when a `self` attribute decides it, how (for the message, no fix). */
interface SettledReduction {
  readonly reduction: 'mean' | 'sum';
  readonly byAttribute?: { readonly how: string; readonly related: NonNullable<LintFinding['related']> };
}

/** The legacy keywords (`size_average`, `reduce`) torch's functions and losses still take, after `input, target, weight`. */
const LEGACY = new Set(['size_average', 'reduce']);

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
  const legacy = settings.filter((a) => a.keyword !== undefined && LEGACY.has(a.keyword));
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
    if (!found) return value === null ? { reduction: 'mean' } : undefined;
    if (found.via.kind !== 'parameter') return undefined;
    return {
      reduction,
      byAttribute: {
        how: msg("{0} with {1}=self.{2}, which is {3} by the default of `{4}` and set nowhere else in the file, so reduction='{5}'", loss, keyword, attribute!, text(t, found.via.token), found.via.parameter, reduction),
        related: { start: t.start[found.via.token]!, end: t.end[found.via.token]!, message: msg('{0}={1} by default here', keyword, text(t, found.via.token)) },
      },
    };
  }
  if (!reductionArg) return { reduction: 'mean' };
  const attribute = selfAttributeName(t, reductionArg.valueFrom, reductionArg.to);
  if (attribute === undefined) {
    if (reductionArg.to !== reductionArg.valueFrom + 1 || t.kind[reductionArg.valueFrom] !== STRING) return undefined;
    const value = stringContent(t, reductionArg.valueFrom);
    return value === 'mean' || value === 'sum' ? { reduction: value } : undefined;
  }
  // `reduction=self.reduction`, set once from `__init__(self, reduction='mean')` and left at that default.
  const found = attributeDefault(cx, scope, attribute);
  if (!found || (found.value !== 'mean' && found.value !== 'sum')) return undefined;
  const reduction = found.value;
  const at = (token: number) => ({ start: t.start[token]!, end: t.end[token]! });
  if (found.via.kind === 'parameter') {
    return { reduction, byAttribute: { how: msg("{0} with reduction=self.{1}, which is '{2}' by the default of `{3}` and set nowhere else in the file", loss, attribute, reduction, found.via.parameter), related: { ...at(found.via.token), message: msg("reduction='{0}' by default here", reduction) } } };
  }
  if (found.via.kind === 'base') {
    return { reduction, byAttribute: { how: msg("{0} with reduction=self.{1}, which torch's `{2}` stores from `{3}`: '{4}' by its default, set nowhere else in the file", loss, attribute, found.via.base, found.via.parameter, reduction), related: { ...at(found.via.token), message: msg("reduction='{0}' by default here", reduction) } } };
  }
  const [callFrom, callTo] = statementTokens(cx, headOfToken(t, found.via.token));
  return { reduction, byAttribute: { how: msg("{0} with reduction=self.{1}, which torch's `{2}` sets to its own default '{3}': the class's `__init__` passes it none", loss, attribute, found.via.base, reduction), related: { start: t.start[callFrom]!, end: t.end[callTo - 1]!, message: msg("`{0}` stores reduction='{1}' here", found.via.base, reduction) } } };
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
  /** The loss's name, its def scope and statement (logical line), and the end of the statements read. */
  readonly name: string;
  readonly scope: number;
  readonly head: number;
  readonly stop: number;
  readonly reduction: string;
  /** The name token in `exp(-name)`. */
  readonly exp: number;
  /** The '(' whose arguments set the reduction (the class's construction or the function call), and the call's '('. */
  readonly settingsOpen: number;
  readonly invocation: number;
}

const REDUCERS = new Set(['mean', 'sum']);

/**
 * reduction='none' where the loss is set, and the focal loss reduced where the code reduced it: the
 * product (`alpha * (1 - pt) ** gamma * BCE`) returned as it is gets `.mean()` (`.sum()` for 'sum'),
 * one already reduced (`torch.mean(F_loss)`, `F_loss.mean()`) is left. Safe when the loss then returns
 * a number as before: the loss name read only by the exp and the product, the product returned (or
 * held by a name read only by the return), and the loss instance used only here. Otherwise the
 * reduction alone is offered as unsafe (what is returned becomes per sample).
 */
function reducedFocalFixes(cx: LintContext, r: ReducedFocal): LintFix[] {
  const t = cx.tokens;
  const reduction = setKeyword(t, r.settingsOpen, 'reduction', quoted(cx, r.settingsOpen, 'none'));
  if (!reduction) return [];
  const reducer = r.reduction === 'sum' ? 'sum' : 'mean';
  // The loss built where it is called (`nn.CrossEntropyLoss()(x, y)`), or an instance called only here.
  const single = r.settingsOpen === r.invocation || t.match[r.settingsOpen]! + 1 === r.invocation || instanceUsedOnce(cx, r.settingsOpen);
  const final = single ? focalReduction(cx, r, reducer) : undefined;
  if (final) {
    return [{ title: msg("Compute `{0}` per sample (reduction='none') and take the {1} of the focal loss", r.name, reducer), edits: final.edit ? [reduction, final.edit] : [reduction], preferred: true, safety: 'safe' }];
  }
  return [{ title: msg("Compute `{0}` per sample (reduction='none'): the focal loss is then per sample too, reduce it where it is used", r.name), edits: [reduction], preferred: false, safety: 'unsafe' }];
}

/** 'none' in the quotes the call's existing reduction uses (single quotes when it has none). */
function quoted(cx: LintContext, open: number, value: string): string {
  const t = cx.tokens;
  const existing = argumentsOf(t, open).find((a) => a.keyword === 'reduction');
  const quote = existing && t.kind[existing.valueFrom] === STRING && text(t, existing.valueFrom).startsWith('"') ? '"' : "'";
  return `${quote}${value}${quote}`;
}

/**
 * The edit that reduces the focal loss where it is returned (undefined edit: already reduced), when
 * the loss name is read only by the exp and one product statement, and that product is returned.
 */
function focalReduction(cx: LintContext, r: ReducedFocal, reducer: string): { edit?: LintEdit } | undefined {
  const t = cx.tokens;
  const from = t.heads[r.head + 1]!;
  const to = r.stop < t.headCount ? t.heads[r.stop]! : t.count;
  let product = -1;
  for (const k of readsIn(cx, r.name, r.scope, from, to)) {
    if (k === r.exp) continue;
    const h = headOfToken(t, k);
    if (product >= 0 && h !== product) return undefined;
    product = h;
  }
  if (product < 0) return undefined;
  const functionEnd = scopeEnd(cx, r.scope, product);
  // `pt = exp(-BCE)`: p_t becomes per sample too, so it may be read only by the product.
  const [eStart] = statementTokens(cx, headOfToken(t, r.exp));
  if (headOfToken(t, r.exp) !== product && t.kind[eStart] === NAME && isOp(t, eStart + 1, '=')) {
    if (readsIn(cx, text(t, eStart), r.scope, r.exp, functionEnd).some((k) => headOfToken(t, k) !== product)) return undefined;
  }
  const [start, end] = statementTokens(cx, product);
  if (isName(t, start, 'return')) return reducedReturn(cx, start + 1, end, reducer, undefined);
  // `F_loss = <product>`, then read once: by `return F_loss` or a reduction of it.
  if (t.kind[start] !== NAME || !isOp(t, start + 1, '=')) return undefined;
  const held = text(t, start);
  const reads = readsIn(cx, held, r.scope, end, functionEnd);
  if (reads.length !== 1) return undefined;
  const [rStart, rEnd] = statementTokens(cx, headOfToken(t, reads[0]!));
  if (!isName(t, rStart, 'return')) return undefined;
  return reducedReturn(cx, rStart + 1, rEnd, reducer, reads[0]!);
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
  if (isOp(t, to - 1, ')')) {
    const open = t.match[to - 1]!;
    // `torch.mean(x)`, `x.mean()`, `x.sum()`: already one number.
    if (open > from && isPostfixChain(t, from, to) && REDUCERS.has(text(t, open - 1)) && isOp(t, open - 2, '.') && (open + 1 === to - 1 || (t.kind[open - 3] === NAME && isName(t, open - 3, 'torch') && open - 3 === from))) return {};
  }
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
 * Whether the loss instance built at `open` (`self.ce = nn.CrossEntropyLoss()`) is called once in the
 * file: reduction='none' there changes no other call.
 */
function instanceUsedOnce(cx: LintContext, open: number): boolean {
  const t = cx.tokens;
  const [first] = statementTokens(cx, headOfToken(t, open));
  let target: string;
  if (t.kind[first] === NAME && isOp(t, first + 1, '=')) target = text(t, first);
  else if (isName(t, first, 'self') && isOp(t, first + 1, '.') && t.kind[first + 2] === NAME && isOp(t, first + 3, '=')) target = text(t, first + 2);
  else return false;
  let reads = 0;
  // An attribute is read as `.ce` anywhere in the file; a plain name as itself.
  const attribute = isName(t, first, 'self');
  for (const k of attribute ? attributeTokens(t, target) : nameTokens(t, target)) if (!isOp(t, k + 1, '=') && (!attribute || isOp(t, k - 1, '.'))) reads++;
  return reads === 1;
}

const LOOK_AHEAD = 50;

function within(cx: LintContext, scope: number, outer: number): boolean {
  for (let s = scope; s >= 0; s = cx.module.scopes[s]!.parent) if (s === outer) return true;
  return false;
}
