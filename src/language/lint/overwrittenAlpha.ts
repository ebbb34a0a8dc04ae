import { msg } from '../../core';
import { NAME, NEWLINE, bodyRange, isName, isOp, parametersOf, type PythonModule, type PythonTokens } from '../recognition';
import type { LintContext } from './lintContext';
import type { LintFinding } from './findings';
import { rangeText } from './syntax';

/*
 * alpha-overwritten-per-batch: a loss class's per-class weights (`self.alpha`, `self.weight`) replaced, in
 * forward, by their own per-sample selection: `self.alpha = self.alpha.gather(0, labels.view(-1))`. The first
 * call leaves one weight per sample of that batch in the attribute; every later call gathers class weights
 * out of those sample weights: wrong weights, or an index error once a label reaches the first batch's size.
 * yatengLG/Focal-Loss-Pytorch's focal loss (its issue #9 and pull request #16), copied through many
 * repositories (index hits 37768733389, 7837782726, 48581579810, 2057505770, 5522172320, 33321027847).
 * Only in forward / __call__ / call of a class whose name says focal or loss, only for an attribute
 * named alpha, weight(s) or class_weight(s), and only for a selection by gather(0, ...),
 * index_select(0, ...) or a subscript that reads a parameter of the method (`self.alpha[targets]`); a
 * move (`self.alpha = self.alpha.to(device)`) is not one. The fix (safe) keeps the selection in a local
 * name and reads that name where the method reads the attribute afterwards, as the pull request does.
 */

const ATTRIBUTES = /^(?:alpha|weights?|class_weights?)$/;
const METHODS = new Set(['forward', '__call__', 'call']);

interface Overwrite {
  /** Token of `self` on the left and the statement's token range. */
  readonly target: number;
  readonly from: number;
  readonly to: number;
  readonly name: string;
}

/** `self.A = self.A.gather(0, ...)` / `.index_select(0, ...)` / `self.A[<reads a parameter>]` at statement start k. */
function overwriteAt(t: PythonTokens, k: number, end: number, parameters: ReadonlySet<string>): Overwrite | undefined {
  if (!isName(t, k, 'self') || !isOp(t, k + 1, '.') || t.kind[k + 2] !== NAME || !isOp(t, k + 3, '=')) return undefined;
  const name = rangeText(t, k + 2, k + 3);
  if (!ATTRIBUTES.test(name) || !isName(t, k + 4, 'self') || !isOp(t, k + 5, '.') || !isName(t, k + 6, name)) return undefined;
  let close = -1;
  if (isOp(t, k + 7, '.') && (isName(t, k + 8, 'gather') || isName(t, k + 8, 'index_select')) && isOp(t, k + 9, '(')) {
    // The first argument is dimension 0 (positional or dim=0).
    const first = isName(t, k + 10, 'dim') && isOp(t, k + 11, '=') ? k + 12 : k + 10;
    if (rangeText(t, first, first + 1) !== '0' || !isOp(t, first + 1, ',')) return undefined;
    close = t.match[k + 9]!;
  } else if (isOp(t, k + 7, '[')) {
    close = t.match[k + 7]!;
    let reads = false;
    for (let i = k + 8; i < close; i++) if (t.kind[i] === NAME && !isOp(t, i - 1, '.') && parameters.has(rangeText(t, i, i + 1))) reads = true;
    if (!reads) return undefined;
  } else return undefined;
  // The selection is the whole right-hand side.
  if (close < 0 || close + 1 !== end) return undefined;
  return { target: k, from: k, to: end, name };
}

/** The statements [from, to) of a method body, by NEWLINE tokens. */
function statements(t: PythonTokens, from: number, to: number): [number, number][] {
  const found: [number, number][] = [];
  let start = from;
  for (let k = from; k < to; k++) {
    if (t.kind[k] !== NEWLINE) continue;
    if (k > start) found.push([start, k]);
    start = k + 1;
  }
  if (to > start) found.push([start, to]);
  return found;
}

export function checkOverwrittenAlpha(cx: LintContext, out: LintFinding[]): void {
  const { module, tokens: t } = cx;
  if (!/\bself\s*\.\s*(?:alpha|weights?|class_weights?)\s*=\s*self\s*\.\s*(?:alpha|weights?|class_weights?)\b/.test(t.text)) return;
  for (const scope of module.scopes) {
    if (scope.kind !== 'class' || !/focal|loss/i.test(scope.name)) continue;
    for (const [method, index] of scope.methods) {
      if (!METHODS.has(method)) continue;
      const def = module.scope(index);
      const parameters = new Set(parametersOf(t, def).map((p) => p.name).filter((n) => n !== 'self'));
      const [from, to] = bodyRange(module, index);
      const lines = statements(t, from, to);
      for (let s = 0; s < lines.length; s++) {
        const [a, b] = lines[s]!;
        if (t.start[a]! < cx.base) continue;
        const found = overwriteAt(t, a, b, parameters);
        if (!found) continue;
        const selection = t.text.slice(t.start[a + 4]!, t.end[b - 1]!);
        const set = initialAssignment(module, scope.methods.get('__init__'), found.name);
        out.push({
          rule: 'alpha-overwritten-per-batch', start: t.start[a]!, end: t.end[a + 2]!,
          message: msg('self.{0} is replaced by its own per-sample selection, {1}, on every call: from the second batch on, the class weights are looked up in the first batch\'s sample weights, which gives wrong weights, or an index error once a label reaches that batch\'s size. Keep the selection in a local name', found.name, selection),
          ...(set ? { related: { start: set[0], end: set[1], message: msg('self.{0}, one value per class, is set here', found.name) } } : {}),
          fixes: localFix(t, module, index, from, to, found, b),
        });
      }
    }
  }
}

/** The first `self.<name> = ...` statement of __init__, as offsets. */
function initialAssignment(module: PythonModule, init: number | undefined, name: string): [number, number] | undefined {
  if (init === undefined) return undefined;
  const t = module.tokens;
  const [from, to] = bodyRange(module, init);
  for (const [a, b] of statements(t, from, to)) if (isName(t, a, 'self') && isOp(t, a + 1, '.') && isName(t, a + 2, name) && isOp(t, a + 3, '=')) return [t.start[a]!, t.end[b - 1]!];
  return undefined;
}

/**
 * `alpha = self.alpha.gather(...)`, and `alpha` for each `self.alpha` the method reads after it: only when the
 * method has no name `alpha` of its own and binds `self.alpha` nowhere after the statement.
 */
function localFix(t: PythonTokens, module: PythonModule, method: number, from: number, to: number, found: Overwrite, after: number): LintFinding['fixes'] {
  for (let k = from; k < to; k++) if (isName(t, k, found.name) && !isOp(t, k - 1, '.')) return [];
  for (const p of parametersOf(t, module.scope(method))) if (p.name === found.name) return [];
  const edits = [{ start: t.start[found.target]!, end: t.end[found.target + 2]!, newText: found.name }];
  for (let k = after; k < to; k++) {
    if (!isName(t, k, 'self') || isOp(t, k - 1, '.') || !isOp(t, k + 1, '.') || !isName(t, k + 2, found.name)) continue;
    // Bound again (`self.alpha = ...`, `self.alpha += ...`), or changed in place: leave it.
    const next = t.kind[k + 3] === NAME ? '' : rangeText(t, k + 3, k + 4);
    if (/^(?:[-+*/@%&|^]|\*\*|\/\/)?=$/.test(next) || (isOp(t, k + 3, '.') && /_$/.test(rangeText(t, k + 4, k + 5)))) return [];
    edits.push({ start: t.start[k]!, end: t.end[k + 2]!, newText: found.name });
  }
  return [{ title: msg('Keep the selection in a local name: {0} = {1}', found.name, t.text.slice(t.start[found.target + 4]!, t.end[found.to - 1]!)), edits, preferred: true, safety: 'safe' }];
}
