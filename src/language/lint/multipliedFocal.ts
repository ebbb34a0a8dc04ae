import { msg } from '../../core';
import { NAME, NUMBER, OP, isName, isOp, type PythonTokens } from '../recognition';
import type { LintContext } from './lintContext';
import type { LintFinding } from './findings';
import { focalStatements } from './focalStatements';
import { rangeText } from './syntax';

/*
 * focal-factor-multiplied: `(1 - p) * gamma` in a hand-written focal loss whose own body raises another
 * factor to gamma (`p ** gamma`, `tf.pow(p, gamma)`): the power is what the author meant there, so the
 * product is the typo fudannlp16/focal-loss shipped (`((1-y_pred)*gamma)` next to `(y_pred**gamma)`,
 * its issues #2 and #8). Only in a def whose name, or whose class's name, says focal; only for a
 * parenthesised `(1 - ...)` times a bare `gamma` or `self.gamma`.
 */

/** The end (exclusive) of a reference to gamma at token k (`gamma` or `self.gamma`, not called or indexed), or -1. */
function gammaRefEnd(t: PythonTokens, k: number): number {
  let end = -1;
  if (isName(t, k, 'gamma') && !isOp(t, k - 1, '.')) end = k + 1;
  else if (isName(t, k, 'self') && isOp(t, k + 1, '.') && isName(t, k + 2, 'gamma') && !isOp(t, k - 1, '.')) end = k + 3;
  if (end < 0 || isOp(t, end, '(') || isOp(t, end, '[') || isOp(t, end, '.') || isOp(t, end, '**')) return -1;
  return end;
}

/** Whether tokens [open, close] are a grouping `(1 - ...)`, not a call's parentheses. */
function isOneMinus(t: PythonTokens, open: number, close: number): boolean {
  if (!isOp(t, open, '(') || t.match[open] !== close || t.kind[open + 1] !== NUMBER || !isOp(t, open + 2, '-')) return false;
  if (Number(rangeText(t, open + 1, open + 2)) !== 1) return false;
  // `(1 - alpha) * gamma` is not a modulating factor.
  const x = open + 3;
  if ((isName(t, x, 'alpha') && isOp(t, x + 1, ')')) || (isName(t, x, 'self') && isName(t, x + 2, 'alpha') && isOp(t, x + 3, ')'))) return false;
  return !(t.kind[open - 1] === NAME && !['and', 'or', 'not', 'in', 'return', 'is'].includes(rangeText(t, open - 1, open))) && !isOp(t, open - 1, ')') && !isOp(t, open - 1, ']');
}

const CANDIDATE = /\)\s*\*\s*(?:self\s*\.\s*)?gamma\b|\bgamma\s*\*\s*\(/;

export function checkMultipliedFocal(cx: LintContext, out: LintFinding[]): void {
  const { module, tokens: t } = cx;
  // The statements of every def named focal (or a method of a class named focal), by def.
  const bodies = new Map<number, [number, number][]>();
  for (const { scope, from, to } of focalStatements(module)) {
    const body = bodies.get(scope) ?? [];
    body.push([from, to]);
    bodies.set(scope, body);
  }
  for (const [index, body] of bodies) {
    const scope = module.scope(index);
    // Only a body whose text has a candidate product (`) * gamma`, `gamma * (`) is read token by token.
    if (!CANDIDATE.test(t.text.slice(t.start[body[0]![0]]!, t.end[body[body.length - 1]![1] - 1]!))) continue;
    let power = -1;
    const products: { start: number; end: number; factor: [number, number]; gamma: [number, number]; star: number }[] = [];
    for (const [from, to] of body) {
      for (let k = from; k < to; k++) {
        // Only `*`, `**`, `pow` and `power` matter: their first character tells (most tokens are skipped here).
        const first = t.text.charCodeAt(t.start[k]!);
        const length = t.end[k]! - t.start[k]!;
        if (t.kind[k] === NAME && first === 112 /* p */ && (length === 3 || length === 5)) {
          // tf.pow(p, gamma), torch.pow(p, gamma), np.power(p, gamma)
          if ((isName(t, k, 'pow') || isName(t, k, 'power')) && isOp(t, k + 1, '(') && power < 0) {
            const close = t.match[k + 1]!;
            for (let g = k + 2; g < close; g++) if (isOp(t, g - 1, ',') && gammaRefEnd(t, g) === close) power = k;
          }
          continue;
        }
        if (t.kind[k] !== OP || first !== 42 /* * */) continue;
        if (length === 2) {
          if (power < 0 && gammaRefEnd(t, k + 1) > 0) power = k;
          continue;
        }
        if (length !== 1) continue;
        // (1 - p) * gamma
        if (isOp(t, k - 1, ')')) {
          const open = t.match[k - 1]!;
          const end = gammaRefEnd(t, k + 1);
          if (open >= 0 && end > 0 && isOneMinus(t, open, k - 1) && !isOp(t, open - 1, '**')) products.push({ start: open, end, factor: [open, k], gamma: [k + 1, end], star: k });
        }
        // gamma * (1 - p)
        if (isOp(t, k + 1, '(')) {
          const close = t.match[k + 1]!;
          const start = isOp(t, k - 3, '.') ? -1 : isName(t, k - 1, 'gamma') && isOp(t, k - 2, '.') && isName(t, k - 3, 'self') ? k - 3 : isName(t, k - 1, 'gamma') && !isOp(t, k - 2, '.') ? k - 1 : -1;
          if (start >= 0 && close > k && isOneMinus(t, k + 1, close) && !isOp(t, start - 1, '**') && !isOp(t, close + 1, '**')) products.push({ start, end: close + 1, factor: [k + 1, close + 1], gamma: [start, k], star: k });
        }
      }
    }
    if (power < 0) continue;
    for (const p of products) {
      if (t.start[p.start]! < cx.base) continue;
      const start = t.start[p.start]!;
      const end = t.end[p.end - 1]!;
      const factor = rangeText(t, p.factor[0], p.factor[1]);
      const gamma = rangeText(t, p.gamma[0], p.gamma[1]);
      const fixed = `${factor} ** ${gamma}`;
      const powerEnd = isOp(t, power, '**') ? t.end[gammaRefEnd(t, power + 1) - 1]! : t.end[t.match[power + 1]!]!;
      const base = isOp(t, power - 1, ')') ? t.match[power - 1]! : power - 1;
      const powerStart = isOp(t, power, '**') ? t.start[base]! : t.start[power]!;
      out.push({
        rule: 'focal-factor-multiplied', start, end,
        message: msg('{0} multiplies the modulating factor by {1}: the focal loss raises it to the power {1}, as {2} does elsewhere in {3}', t.text.slice(start, end), gamma, t.text.slice(powerStart, powerEnd), scope.name),
        related: { start: powerStart, end: powerEnd, message: msg('{0} is raised to the power here', gamma) },
        fixes: [{ title: msg('Raise it to the power: {0}', fixed), edits: [{ start, end, newText: fixed }], preferred: true, safety: 'safe' }],
      });
    }
  }
}
