import { msg } from '../../core';
import { NAME, isName, isOp, lineOf, logFocalBaseOf, type PythonTokens } from '../recognition';
import { callMaps } from './callMaps';
import type { LintContext } from './lintContext';
import type { LintFinding } from './findings';
import { focalStatements } from './focalStatements';

/*
 * focal-ce-as-probability: in a hand-written focal loss, the modulating factor taken from the
 * cross-entropy value itself, `(1 - ce) ** gamma` / `torch.pow(1 - ce, gamma)` with `ce =
 * F.cross_entropy(...)`: the CE is -log p_t, a loss in [0, inf), not the probability p_t = exp(-ce), so
 * 1 - ce is negative wherever the loss exceeds 1 and the factor means nothing the paper does.
 * c0nn3r/RetinaNet's focal_loss.py at 015b023 (its issue #8, changed in c953ab7) wrote
 * `-((1 - cross_entropy) ** gamma) * torch.log(cross_entropy)`. Only a name bound once in the def, to a
 * loss call recognition reads as a cross-entropy; a name merely called `bce` or `ce_loss` whose value is
 * a probability (a clamp of `targets * inputs`) is not one, and `torch.log(ce)` alone (left unused in
 * the copies of the fixed version) says nothing.
 */

/** `(1 - X) ** ...` or `pow(1 - X, ...)` at token k: X's token (a bare name) or -1. */
function factorName(t: PythonTokens, k: number): { name: number; from: number; to: number } | undefined {
  // (1 - X) ** g
  if (isOp(t, k, '(') && t.kind[k + 1] !== NAME && t.text.slice(t.start[k + 1]!, t.end[k + 1]!).replace(/\.0*$/, '') === '1' && isOp(t, k + 2, '-') && t.kind[k + 3] === NAME && isOp(t, k + 4, ')') && isOp(t, k + 5, '**') && !isOp(t, k + 4 + 0, '.')) {
    if (t.kind[k - 1] === NAME && !['and', 'or', 'not', 'in', 'return', 'is'].includes(t.text.slice(t.start[k - 1]!, t.end[k - 1]!))) return undefined;
    return { name: k + 3, from: k, to: k + 5 };
  }
  // pow(1 - X, g) / power(1 - X, g)
  if ((isName(t, k, 'pow') || isName(t, k, 'power')) && isOp(t, k + 1, '(') && t.kind[k + 2] !== NAME && t.text.slice(t.start[k + 2]!, t.end[k + 2]!).replace(/\.0*$/, '') === '1' && isOp(t, k + 3, '-') && t.kind[k + 4] === NAME && isOp(t, k + 5, ',')) {
    let from = k;
    while (isOp(t, from - 1, '.') && t.kind[from - 2] === NAME) from -= 2;
    return { name: k + 4, from, to: t.match[k + 1]! + 1 };
  }
  return undefined;
}

export function checkCeAsProbability(cx: LintContext, out: LintFinding[]): void {
  const { module, tokens: t, table, calls } = cx;
  checkLogAsProbability(cx, out);
  if (calls.length === 0) return;
  for (const { scope, from, to } of focalStatements(module)) {
    for (let k = from; k < to; k++) {
      if (!isOp(t, k, '(') && !(t.kind[k] === NAME && (isName(t, k, 'pow') || isName(t, k, 'power')))) continue;
      const factor = factorName(t, k);
      if (!factor || t.start[factor.from]! < cx.base) continue;
      const name = t.text.slice(t.start[factor.name]!, t.end[factor.name]!);
      const bound = table.names.get(scope)?.get(name);
      if (!bound || bound.length !== 1 || bound[0]!.from < 0 || bound[0]!.index >= 0 || bound[0]!.element) continue;
      const a = bound[0]!;
      if (a.offset > t.start[factor.name]!) continue;
      const valueStart = t.start[a.from]!;
      const valueEnd = t.end[a.to - 1]!;
      // `F.cross_entropy(...)`, or a loss module built and called at once (`nn.CrossEntropyLoss(reduction='none')(x, y)`).
      const invokedAt = isOp(t, a.to - 1, ')') ? t.match[a.to - 1]! : -1;
      // (Looked up by start offset: a search through every call of the file per factor cost ~10 ms a lint on the bench file.)
      const ce = callMaps(cx).all.get(valueStart)?.find((c) => c.kind === 'ce' && (c.end === valueEnd || (invokedAt > a.from && c.end === t.end[invokedAt - 1]! && isOp(t, invokedAt - 1, ')'))));
      if (!ce) continue;
      const start = t.start[factor.from]!;
      const end = t.end[factor.to - 1]!;
      out.push({
        rule: 'focal-ce-as-probability', start, end,
        message: msg('{0} takes {1} as the probability p_t, but {1} is a cross-entropy ({2}, line {3}): -log p_t, a loss from 0 upwards, so 1 - {1} is negative wherever the loss exceeds 1. The focal factor is (1 - p_t)^gamma with p_t = exp(-{1})', t.text.slice(start, end), name, ce.callee, lineOf(cx.lines, valueStart) - lineOf(cx.lines, cx.base) + 1),
        related: { start: valueStart, end: valueEnd, message: msg('{0} is a cross-entropy here', name) },
        fixes: [],
      });
    }
  }
}

/**
 * The same mistake with a log-probability: the focal factor `(1 - pt) ** gamma` (or `sub_pt = 1 - pt`, then
 * `sub_pt ** gamma`) whose pt the def makes only from log-probabilities (`log_p = F.log_softmax(logits)`, `pt =
 * label_onehot * log_p`, no exp on the way; recognition's logFocalBaseOf, which also keeps the hover from
 * showing the paper's formula there). log p_t <= 0, so 1 - pt = 1 + CE >= 1: 1 on the easy examples, unbounded on
 * the hard ones, a factor that down-weights nothing.
 * HeyLynne/FocalLoss_for_multiclass's loss_helper.py (its issue #3, acknowledged by the author), copied
 * through many repositories (index hits 38656554135, 44934394059, 39667038267, 59732830450, 7450933869);
 * a copy that picks exp(log_p) or log_p by a flag (3314193216) is not made only from logs and says nothing.
 * Reported at pt's assignment, with no fix (the copies also sum -log_p over every class, not only the target's).
 */
function checkLogAsProbability(cx: LintContext, out: LintFinding[]): void {
  const { module, tokens: t } = cx;
  if (!/\blog/.test(t.text)) return;
  const scopes = new Set(focalStatements(module).map((s) => s.scope));
  const seen = new Set<number>();
  for (const scope of scopes) {
    const base = logFocalBaseOf(module, scope);
    if (!base || seen.has(base.offset) || base.offset < cx.base) continue;
    seen.add(base.offset);
    const start = base.offset;
    const end = start + base.source.length;
    const line = lineOf(cx.lines, base.factor.offset) - lineOf(cx.lines, cx.base) + 1;
    out.push({
      rule: 'focal-ce-as-probability', start, end,
      message: msg('{0} is made from log-probabilities ({1}), yet the focal factor at line {2} takes it as the probability p_t: 1 - {0} is then 1 - log p_t = 1 + CE, at least 1, so the factor is 1 on the easy examples and grows without bound on the hard ones; it down-weights nothing. The focal factor is (1 - p_t)^gamma with p_t = exp(log p_t), the target class\'s probability', base.name, base.source, line),
      related: { start: base.factor.offset, end: base.factor.offset + base.factor.source.length, message: msg('the focal factor takes {0} as p_t here', base.name) },
      fixes: [],
    });
  }
}
