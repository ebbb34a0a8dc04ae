import { END, isOp, NAME, NEWLINE } from '../recognition';
import type { LintEdit } from './findings';
import type { Val } from './flow';
import type { LintContext } from './lintContext';
import type { Argument } from './syntax';
import { headOfToken, nameTokens, statementLine, text, tokenAtOffset } from './syntax';

/*
 * A producer that rebinds the name it reads (`output = F.log_softmax(output, dim=1)`, then
 * `F.cross_entropy(output, y)`): the logits are gone by name once that line runs, so the loss cannot
 * be handed them. Removing the line gives the loss the logits again; that is the loss's own change
 * only when nothing but the loss reads the name afterwards.
 */

export interface Rebinding {
  /** The edit that deletes the producer's line. */
  readonly removal: LintEdit;
  /** Whether the loss's argument is the name's only read after the line (otherwise a return or a later read sees it too). */
  readonly only: boolean;
  /** The rebound name. */
  readonly name: string;
}

/**
 * When `val` reaches the loss argument through `name = producer(name)` in the loss's own scope, on a
 * line of its own, with nothing rebinding the name between: the line's removal, and whether the loss
 * is its only reader.
 */
export function rebindingOf(cx: LintContext, val: Val, arg: Argument, scope: number): Rebinding | undefined {
  const t = cx.tokens;
  if (val.via !== 'name' || val.holder || val.assignScope !== scope || val.assignOffset === undefined || val.callFrom === undefined || val.callTo === undefined) return undefined;
  if (val.inputFrom === undefined || val.inputTo !== val.inputFrom + 1 || t.kind[val.inputFrom] !== NAME) return undefined;
  const target = tokenAtOffset(t, val.assignOffset);
  const name = text(t, target);
  // `name = producer(name, ...)`: the whole statement, the producer's input the same name.
  if (t.kind[target] !== NAME || !isOp(t, target + 1, '=') || t.heads[headOfToken(t, target)] !== target || val.callFrom !== target + 2) return undefined;
  if (text(t, val.inputFrom) !== name) return undefined;
  const head = headOfToken(t, target);
  const next = head + 1 < t.headCount ? t.heads[head + 1]! : t.count;
  for (let k = val.callTo; k < next; k++) if (t.kind[k] !== NEWLINE && t.kind[k] !== END) return undefined;
  const removal = statementLine(t, head);
  if (!removal) return undefined;
  const argStart = t.start[arg.valueFrom]!;
  // Nothing else binds the name between the line and the loss.
  if (cx.table.names.get(scope)?.get(name)?.some((a) => a.offset > val.assignOffset! && a.offset < argStart)) return undefined;
  let reads = 0;
  let inArgument = false;
  for (const k of nameTokens(t, name)) {
    if (k <= val.callTo || isOp(t, k - 1, '.') || (isOp(t, k + 1, '=') && t.heads[headOfToken(t, k)] === k)) continue;
    if (!within(cx, cx.module.headScope[headOfToken(t, k)]!, scope)) continue;
    reads++;
    if (k >= arg.valueFrom && k < arg.to) inArgument = true;
  }
  return { removal: { ...removal, newText: '' }, only: reads === 1 && inArgument, name };
}

function within(cx: LintContext, scope: number, outer: number): boolean {
  for (let s = scope; s >= 0; s = cx.module.scopes[s]!.parent) if (s === outer) return true;
  return false;
}
