import { msg } from '../../core';
import { batchReductionOf, END, expOfNegative, firstAtLeast, isOp, NAME, NEWLINE, PER_SAMPLE_CE_APIS, type LossCall } from '../recognition';
import { assignedBy } from './bindings';
import type { LintContext } from './lintContext';
import type { LintFinding } from './findings';
import { isLossClass, shortName } from './losses';
import { argumentsOf, headOfToken, nameTokens, text, tokenAtOffset } from './syntax';

/*
 * focal-on-reduced-loss: `bce = F.binary_cross_entropy(x, y, reduction='mean')` (or a loss with its
 * default 'mean'), then `exp(-bce)` for the focal factor: p_t and (1 - p_t)^gamma are computed once
 * from the batch's mean loss, so every sample gets the same factor and nothing is focused. What counts
 * as a per-sample CE, its batch reduction and the exp(-name) form are recognition's (reducedLoss.ts),
 * which also reads the pattern in the body of a user's focal loss for the hover.
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
  const settings = argumentsOf(t, isClass ? construction : invocation).map((a) => ({ keyword: a.keyword, valueFrom: a.valueFrom, to: a.to, starred: isOp(t, a.from, '**') }));
  const reduction = batchReductionOf(t, settings, isClass);
  if (!reduction) return;
  // The invocation is the whole value of `name = ...`.
  const close = t.match[invocation]!;
  const head = headOfToken(t, invocation);
  const first = t.heads[head]!;
  if (t.kind[first] !== NAME || !isOp(t, first + 1, '=') || tokenAtOffset(t, call.start) !== first + 2) return;
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
  for (let i = firstAtLeast(uses, from); i < uses.length && uses[i]! < to; i++) {
    const k = uses[i]!;
    const callee = expOfNegative(t, k);
    if (callee < 0) continue;
    if (cx.module.headScope[headOfToken(t, k)] !== scope) continue;
    const assigned = cx.flow.assignmentOf(name, scope, t.start[k]!);
    if (!assigned || assigned.offset !== t.start[first]) continue;
    const start = t.start[callee]!;
    if (start < cx.base) continue;
    out.push({
      rule: 'focal-on-reduced-loss', start, end: t.end[k + 1]!,
      message: msg("`{0}` is one number for the whole batch ({1} with reduction='{2}'): exp(-{0}) and the focal factor are the same for every sample, so nothing is focused; compute the loss with reduction='none' and reduce the focal loss", name, shortName(call.api), reduction),
      related: { start: call.start, end: call.end, message: msg("reduced with reduction='{0}' here", reduction) },
      fixes: [],
    });
  }
}

const LOOK_AHEAD = 50;

function within(cx: LintContext, scope: number, outer: number): boolean {
  for (let s = scope; s >= 0; s = cx.module.scopes[s]!.parent) if (s === outer) return true;
  return false;
}
