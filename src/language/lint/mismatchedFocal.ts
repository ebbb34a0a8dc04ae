import { msg } from '../../core';
import { NAME, NEWLINE, NUMBER, OP, STRING, isName, isOp, type PythonTokens } from '../recognition';
import type { LintContext } from './lintContext';
import type { LintFinding } from './findings';
import { focalStatements, type FocalStatement } from './focalStatements';
import { isPostfixChain, rangeText } from './syntax';

/*
 * focal-factor-mismatched: in a hand-written binary focal loss, the term of log(1 - p) (the negatives)
 * weighted by (1 - p) ** gamma, or the term of log(p) (the positives) by p ** gamma. The modulating
 * factor is (1 - p_t) ** gamma with p_t the probability of the term's own class: p ** gamma for the
 * negatives, (1 - p) ** gamma for the positives (Lin et al., eq. 5). The other factor up-weights the
 * easy examples instead. yqyao/SSD_Pytorch's sigmoid focal loss (issue #32, confirmed) and its copies
 * weight both terms by (1 - P) ** gamma; other copies swap the two factors. Only in a def whose name,
 * or whose class's name, says focal; only when the factor and the log are multiplied in one term and
 * name the same p as written (CornerNet's `torch.log(1 - pred) * torch.pow(pred, 2)` is right).
 */

/** A log call's name: torch.log, np.log, tf.math.log, K.log, math.log. */
const LOG_NAMES = new Set(['log']);
const POW_NAMES = new Set(['pow', 'power']);

/** Whether token k ends an operand (so a following '+' / '-' is binary). */
function endsOperand(t: PythonTokens, k: number): boolean {
  return t.kind[k] === NAME || t.kind[k] === NUMBER || t.kind[k] === STRING || isOp(t, k, ')') || isOp(t, k, ']');
}

/**
 * The term around token k: the tokens between the nearest binary '+' / '-' (or ',' / the group's
 * bracket / '=') on each side, at k's nesting level.
 */
function termAround(t: PythonTokens, k: number, from: number, to: number): [number, number] {
  let start = k;
  for (let i = k - 1; i >= from; i--) {
    if (isOp(t, i, ')') || isOp(t, i, ']')) { i = t.match[i]!; start = i; continue; }
    if (isOp(t, i, '(') || isOp(t, i, '[') || isOp(t, i, ',') || isOp(t, i, '=') || isOp(t, i, ':')) break;
    if ((isOp(t, i, '+') || isOp(t, i, '-')) && endsOperand(t, i - 1)) break;
    start = i;
  }
  let end = k + 1;
  for (let i = k; i < to; i++) {
    if (isOp(t, i, '(') || isOp(t, i, '[')) { i = t.match[i]!; end = i + 1; continue; }
    if (isOp(t, i, ')') || isOp(t, i, ']') || isOp(t, i, ',') || t.kind[i] !== OP && t.kind[i] !== NAME && t.kind[i] !== NUMBER && t.kind[i] !== STRING) break;
    if ((isOp(t, i, '+') || isOp(t, i, '-')) && i > k && endsOperand(t, i - 1)) break;
    end = i + 1;
  }
  return [start, end];
}

/** `1 - X` written at [from, to): X's text without spaces (and a trailing `+ eps` / `+ 1e-12` dropped), else undefined. */
function oneMinus(t: PythonTokens, from: number, to: number): { x: string; xFrom: number; xTo: number } | undefined {
  if (to - from < 3 || t.kind[from] !== NUMBER || Number(rangeText(t, from, from + 1)) !== 1 || !isOp(t, from + 1, '-')) return undefined;
  let xTo = to;
  if (xTo - from >= 5 && isOp(t, xTo - 2, '+') && (t.kind[xTo - 1] === NUMBER || /eps|epsilon|smooth/i.test(rangeText(t, xTo - 1, xTo)))) xTo -= 2;
  if (!isPostfixChain(t, from + 2, xTo)) return undefined;
  return { x: rangeText(t, from + 2, xTo).replace(/\s+/g, ''), xFrom: from + 2, xTo };
}

/** X's text without spaces when [from, to) is a postfix chain (`p`, `P`, `probs[:, 1]`), else undefined. */
function plain(t: PythonTokens, from: number, to: number): string | undefined {
  let end = to;
  if (end - from >= 3 && isOp(t, end - 2, '+') && (t.kind[end - 1] === NUMBER || /eps|epsilon|smooth/i.test(rangeText(t, end - 1, end)))) end -= 2;
  return from < end && isPostfixChain(t, from, end) ? rangeText(t, from, end).replace(/\s+/g, '') : undefined;
}

interface Factor {
  /** Token range of the whole factor and of its base. */
  readonly from: number;
  readonly to: number;
  readonly baseFrom: number;
  readonly baseTo: number;
  readonly pow: boolean;
}

/** The factors raised to a power in [from, to): `(base) ** g`, `name ** g`, `pow(base, g)`. */
function powers(t: PythonTokens, from: number, to: number): Factor[] {
  const found: Factor[] = [];
  for (let k = from; k < to; k++) {
    if (isOp(t, k, '**')) {
      const gEnd = k + 2 <= to && (t.kind[k + 1] === NAME || t.kind[k + 1] === NUMBER) ? (isName(t, k + 1, 'self') && isOp(t, k + 2, '.') ? k + 4 : k + 2) : -1;
      if (gEnd < 0) continue;
      if (isOp(t, k - 1, ')')) {
        const open = t.match[k - 1]!;
        if (open >= from && !(t.kind[open - 1] === NAME) && !isOp(t, open - 1, ')') && !isOp(t, open - 1, ']')) found.push({ from: open, to: gEnd, baseFrom: open + 1, baseTo: k - 1, pow: false });
      } else if (t.kind[k - 1] === NAME && !isOp(t, k - 2, '.')) found.push({ from: k - 1, to: gEnd, baseFrom: k - 1, baseTo: k, pow: false });
    } else if (t.kind[k] === NAME && POW_NAMES.has(rangeText(t, k, k + 1)) && isOp(t, k + 1, '(')) {
      const close = t.match[k + 1]!;
      let comma = -1;
      for (let i = k + 2; i < close; i++) {
        if (isOp(t, i, '(') || isOp(t, i, '[')) { i = t.match[i]!; continue; }
        if (isOp(t, i, ',')) { comma = i; break; }
      }
      let callee = k;
      while (isOp(t, callee - 1, '.') && t.kind[callee - 2] === NAME) callee -= 2;
      if (comma > k + 2 && callee >= from) found.push({ from: callee, to: close + 1, baseFrom: k + 2, baseTo: comma, pow: true });
    }
  }
  return found;
}

export function checkMismatchedFocal(cx: LintContext, out: LintFinding[]): void {
  const { module, tokens: t } = cx;
  const statements = focalStatements(module);
  checkThroughName(cx, statements, out);
  for (const { from, to } of statements) {
    if (!/log/.test(t.text.slice(t.start[from]!, t.end[to - 1]!))) continue;
    for (let k = from; k < to; k++) {
      if (t.kind[k] !== NAME || !LOG_NAMES.has(rangeText(t, k, k + 1)) || !isOp(t, k + 1, '(') || !isOp(t, k - 1, '.')) continue;
      const close = t.match[k + 1]!;
      if (close <= k + 2 || t.start[k]! < cx.base) continue;
      const negative = oneMinus(t, k + 2, close);
      const p = negative?.x ?? plain(t, k + 2, close);
      if (p === undefined) continue;
      const [termFrom, termTo] = termAround(t, k, from, to);
      for (const f of powers(t, termFrom, termTo)) {
        if (f.from <= k + 1 && f.to > k) continue;
        const base = oneMinus(t, f.baseFrom, f.baseTo);
        // The negatives' term (log(1 - p)) weighted by (1 - p)^gamma, or the positives' (log(p)) by p^gamma.
        const wrong = negative ? base?.x === p : base === undefined && plain(t, f.baseFrom, f.baseTo) === p;
        if (!wrong) continue;
        const baseText = rangeText(t, f.baseFrom, f.baseTo);
        const paren = isOp(t, f.from, '(');
        let editFrom: number;
        let editTo: number;
        let newText: string;
        if (f.pow) {
          // torch.pow(1 - p, gamma) -> torch.pow(p, gamma); torch.pow(p, gamma) -> torch.pow(1 - p, gamma)
          [editFrom, editTo] = [f.baseFrom, f.baseTo];
          newText = negative ? rangeText(t, base!.xFrom, f.baseTo) : `1 - ${baseText}`;
        } else {
          // (1 - p) ** gamma -> p ** gamma; p ** gamma -> (1 - p) ** gamma
          [editFrom, editTo] = [f.from, paren ? f.baseTo + 1 : f.baseTo];
          const x = negative ? rangeText(t, base!.xFrom, f.baseTo) : '';
          newText = negative ? (isPostfixChain(t, base!.xFrom, f.baseTo) ? x : `(${x})`) : `(1 - ${baseText})`;
        }
        const start = t.start[editFrom]!;
        const end = t.end[editTo - 1]!;
        const written = t.text.slice(t.start[f.from]!, t.end[f.to - 1]!);
        let logFrom = k;
        while (isOp(t, logFrom - 1, '.') && t.kind[logFrom - 2] === NAME) logFrom -= 2;
        const logText = t.text.slice(t.start[logFrom]!, t.end[close]!);
        const message = negative
          ? msg("{0} weights the negatives' term ({1}) by (1 - {2})^gamma: their focal factor is {2}^gamma ((1 - p_t)^gamma with p_t = 1 - {2}), so this one up-weights the easy negatives instead of the hard ones", written, logText, p)
          : msg("{0} weights the positives' term ({1}) by {2}^gamma: their focal factor is (1 - {2})^gamma ((1 - p_t)^gamma with p_t = {2}), so this one up-weights the easy positives instead of the hard ones", written, logText, p);
        out.push({
          rule: 'focal-factor-mismatched', start: t.start[f.from]!, end: t.end[f.to - 1]!, message,
          related: { start: t.start[logFrom]!, end: t.end[close]!, message: msg("the term's log-probability") },
          fixes: [{ title: msg('Use {0}', t.text.slice(t.start[f.from]!, start) + newText + t.text.slice(end, t.end[f.to - 1]!)), edits: [{ start, end, newText }], preferred: true, safety: 'safe' }],
        });
      }
    }
  }
}

/** A log call as written: torch.log, tf.math.log, K.log, np.log, log. */
const LOG = String.raw`(?:\w+\.)*log`;
const OPERAND = String.raw`\w+(?:\.\w+)*`;
const EPS = String.raw`(?:\+(?:\d*\.?\d+(?:e-?\d+)?|(?:\w+\.)*\w*eps(?:ilon)?\w*(?:\(\))?))?`;

/**
 * Both terms of a binary cross-entropy written out, spaces removed: `-y*log(p)-(1-y)*log(1-p)` or
 * `-(y*log(p)+(1-y)*log(1-p))` (the log's factor on either side, an `+ eps` inside the logs): y and p.
 */
function bothTerms(text: string): { y: string; p: string } | undefined {
  for (const form of BOTH_TERMS) {
    const m = form.exec(text);
    if (m) return { y: m.groups!.y!, p: m.groups!.p! };
  }
  return undefined;
}

/** bothTerms' eight forms in the order they are tried, compiled once (compiling them per call was most of this rule's time). */
const BOTH_TERMS: readonly RegExp[] = (() => {
  const term = (y: string, arg: string) => [String.raw`${y}\*${LOG}\(${arg}${EPS}\)`, String.raw`${LOG}\(${arg}${EPS}\)\*${y}`];
  const forms: RegExp[] = [];
  for (const positive of term(`(?<y>${OPERAND})`, `(?<p>${OPERAND})`)) {
    for (const negative of term(String.raw`\(1-\k<y>\)`, String.raw`1-\k<p>`)) {
      for (const form of [String.raw`^-${positive}-${negative}$`, String.raw`^-\(${positive}\+${negative}\)$`]) forms.push(new RegExp(form));
    }
  }
  return forms;
})();

/**
 * focal-factor-mismatched through a name: the factor multiplies a name the def binds once to both terms of a
 * binary cross-entropy (`cross_entropy = -y * log(p) - (1 - y) * log(1 - p)`, then `alpha * pow(1 - p, gamma) *
 * cross_entropy`): the factor meant for one class weights the other class's term too (athcb/ISIC focal_loss.py
 * at b1c43ca; the same function at index hits 8840087372 and 8880740957). A name holding one term
 * (`cross_entropy = -y_true * log(y_pred)`, the categorical form) is right and says nothing. The fix writes
 * the paper's factor, (1 - p_t)^gamma with p_t = y·p + (1 - y)·(1 - p), exact for targets 0 and 1.
 */
function checkThroughName(cx: LintContext, statements: readonly FocalStatement[], out: LintFinding[]): void {
  const t = cx.tokens;
  const bound = new Map<string, { scope: number; from: number; to: number; count: number }>();
  for (const s of statements) {
    if (t.kind[s.from] !== NAME || !isOp(t, s.from + 1, '=')) continue;
    const key = `${s.scope}:${rangeText(t, s.from, s.from + 1)}`;
    const seen = bound.get(key);
    bound.set(key, { scope: s.scope, from: s.from + 2, to: s.to, count: (seen?.count ?? 0) + 1 });
  }
  for (const { scope, from, to } of statements) {
    if (t.start[from]! < cx.base) continue;
    for (const f of powers(t, from, to)) {
      const [termFrom, termTo] = termAround(t, f.from, from, to);
      for (let k = termFrom; k < termTo; k++) {
        if (t.kind[k] !== NAME || isOp(t, k - 1, '.') || isOp(t, k + 1, '(') || isOp(t, k + 1, '.') || isOp(t, k + 1, '[')) continue;
        if (k >= f.from && k < f.to) continue;
        const name = rangeText(t, k, k + 1);
        const binding = bound.get(`${scope}:${name}`);
        if (!binding || binding.count !== 1 || binding.from >= from) continue;
        let end = binding.to;
        while (end > binding.from && t.kind[end - 1] === NEWLINE) end--;
        const terms = bothTerms(rangeText(t, binding.from, end).replace(/\s+/g, ''));
        if (!terms) continue;
        const base = oneMinus(t, f.baseFrom, f.baseTo);
        const negatives = base?.x === terms.p;
        if (!negatives && !(base === undefined && plain(t, f.baseFrom, f.baseTo) === terms.p)) continue;
        const written = rangeText(t, f.from, f.to);
        const pt = `${terms.y} * ${terms.p} + (1 - ${terms.y}) * (1 - ${terms.p})`;
        const paren = isOp(t, f.from, '(');
        const [editFrom, editTo] = f.pow || paren ? [f.baseFrom, f.baseTo] : [f.baseFrom, f.baseTo];
        const newText = f.pow || paren ? `1 - (${pt})` : `(1 - (${pt}))`;
        const start = t.start[editFrom]!;
        const endOffset = t.end[editTo - 1]!;
        const definition = rangeText(t, binding.from, end);
        out.push({
          rule: 'focal-factor-mismatched', start: t.start[f.from]!, end: t.end[f.to - 1]!,
          message: negatives
            ? msg("{0} multiplies {1}, which holds both classes' terms ({2}): the negatives' term log(1 - {3}) is weighted by (1 - {3})^gamma too, which up-weights the easy negatives instead of the hard ones. The focal factor is (1 - p_t)^gamma with p_t = {4}", written, name, definition, terms.p, pt)
            : msg("{0} multiplies {1}, which holds both classes' terms ({2}): the positives' term log({3}) is weighted by {3}^gamma too, which up-weights the easy positives instead of the hard ones. The focal factor is (1 - p_t)^gamma with p_t = {4}", written, name, definition, terms.p, pt),
          related: { start: t.start[binding.from]!, end: t.end[end - 1]!, message: msg("both classes' terms of {0}", name) },
          fixes: [{ title: msg('Use {0}', t.text.slice(t.start[f.from]!, start) + newText + t.text.slice(endOffset, t.end[f.to - 1]!)), edits: [{ start, end: endOffset, newText }], preferred: true, safety: 'safe' }],
        });
      }
    }
  }
}
