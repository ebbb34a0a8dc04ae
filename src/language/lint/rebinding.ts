import { END, findTopLevel, isOp, NAME, NEWLINE, OP } from '../recognition';
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

/** Statements a loss line may not be moved as: compound headers and flow. */
const NOT_SIMPLE = new Set(['if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally', 'def', 'class', 'async', 'return', 'yield', 'raise', 'del', 'global', 'nonlocal', 'import', 'from', 'assert', 'lambda', 'await', 'match', 'case']);

/**
 * The loss computed before the rebinding (`y_hat = torch.softmax(y_hat, dim=1)` then `loss =
 * self.criterion(y_hat, y)`, the loss line moved above): the loss reads the name while it still holds
 * the logits, and every later reader still gets the activation's output, as ariecattan/SciCo's fcd3cee
 * did. Only when the loss's statement is the very next line, a simple statement at the same
 * indentation whose only reads of the name are inside the loss's argument, and which binds nothing
 * the rebinding line reads.
 */
export function lossFirst(cx: LintContext, val: Val, arg: Argument, scope: number, invocation: number, rebinding: Rebinding): LintEdit | undefined {
  const t = cx.tokens;
  // An edit in an earlier notebook cell is not this cell's to make.
  if (rebinding.removal.start < cx.base) return undefined;
  const rebindHead = headOfToken(t, tokenAtOffset(t, val.assignOffset!));
  const head = headOfToken(t, invocation);
  if (head !== rebindHead + 1 || cx.module.headScope[head] !== scope || t.headIndent[head] !== t.headIndent[rebindHead]) return undefined;
  const first = t.heads[head]!;
  const next = head + 1 < t.headCount ? t.heads[head + 1]! : t.count;
  let last = next - 1;
  while (last > first && (t.kind[last] === NEWLINE || t.kind[last] === END)) last--;
  if (t.kind[first] !== NAME || NOT_SIMPLE.has(text(t, first))) return undefined;
  // After the rebinding's line (blank and comment lines between), and alone on its own lines.
  const start = t.text.lastIndexOf('\n', t.start[first]! - 1) + 1;
  const gap = t.text.slice(rebinding.removal.end, start);
  if (start < rebinding.removal.end || !/^(?:[ \t]*(?:#[^\n]*)?\r?\n)*$/.test(gap) || t.text.slice(start, t.start[first]!).trim() !== '') return undefined;
  let end = t.text.indexOf('\n', t.end[last]!);
  end = end < 0 ? t.text.length : end + 1;
  if (next < t.count && t.start[next]! < end && t.kind[next] !== END) return undefined;
  // The name read only inside the loss's argument, and not bound by the statement.
  for (let k = first; k <= last; k++) {
    if (t.kind[k] !== NAME || text(t, k) !== rebinding.name || isOp(t, k - 1, '.')) continue;
    if (k < arg.valueFrom || k >= arg.to) return undefined;
  }
  // What the statement binds (before its top-level `=`, or an augmented operator) the rebinding line does not read.
  const eq = findTopLevel(t, first, last + 1, '=');
  const targetsEnd = eq >= 0 ? eq : t.kind[first + 1] === OP && /^[-+*/@%&|^<>]{1,3}=$/.test(text(t, first + 1)) ? first + 1 : first;
  const read = new Set<string>();
  for (let k = t.heads[rebindHead]!; k < t.count && t.start[k]! < rebinding.removal.end; k++) if (t.kind[k] === NAME) read.add(text(t, k));
  for (let k = first; k < targetsEnd; k++) if (t.kind[k] === NAME && !isOp(t, k - 1, '.') && (read.has(text(t, k)) || text(t, k) === rebinding.name)) return undefined;
  // The loss's comment lines go with it; blank lines stay between the two.
  const comments = gap.trim() !== '';
  const lossText = (comments ? gap : '') + t.text.slice(start, end);
  const rebindText = (comments ? '' : gap) + t.text.slice(rebinding.removal.start, rebinding.removal.end);
  return { start: rebinding.removal.start, end, newText: lossText.endsWith('\n') ? lossText + rebindText : `${lossText}\n${rebindText.replace(/\n$/, '')}` };
}
