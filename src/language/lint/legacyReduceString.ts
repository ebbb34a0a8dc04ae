import { msg } from '../../core';
import { tokenAtOffset, isOp } from '../recognition';
import type { LintContext } from './lintContext';
import type { LintFinding, LintFix } from './findings';
import { LEGACY_REDUCTION_KEYWORDS } from './losses';
import { argumentsOf, stringContent, text } from './syntax';

/*
 * legacy-reduce-string: a PyTorch loss given `reduce='none'` (or `size_average='mean'`): the new keyword's value
 * written to the deprecated one. torch/nn/_reduction.py legacy_get_string takes reduce and size_average as
 * truth values (None counts as True), so any non-empty string is True and the loss is averaged: 'mean', not
 * the per-element losses the code goes on to weight (the salient-object / polyp segmentation `structure_loss`:
 * `wbce = F.binary_cross_entropy_with_logits(pred, mask, reduce='none')` then `(weit * wbce).sum(dim=(2, 3))`, five of
 * the code index's twelve hits for that function; checked with torch 1.13: a 0-d tensor equal to the mean).
 * The fix (safe: only what the loss computes changes, to what the code asked for) writes `reduction=`.
 */

export function checkLegacyReduceString(cx: LintContext, out: LintFinding[]): void {
  const t = cx.tokens;
  for (const call of cx.calls) {
    if (call.start < cx.base || call.library !== 'torch' || !call.api.startsWith('torch.nn.')) continue;
    const close = tokenAtOffset(t, call.end) - 1;
    if (!isOp(t, close, ')')) continue;
    const open = t.match[close]!;
    const args = argumentsOf(t, open);
    for (const arg of args) {
      if (arg.keyword === undefined || !LEGACY_REDUCTION_KEYWORDS.has(arg.keyword) || arg.to !== arg.valueFrom + 1) continue;
      const value = stringContent(t, arg.valueFrom);
      if (value === undefined || value === '') continue;
      const other = args.find((a) => a !== arg && a.keyword !== undefined && LEGACY_REDUCTION_KEYWORDS.has(a.keyword));
      // With the other legacy keyword absent (None, so True) the string makes 'mean'.
      const effective = other ? undefined : 'mean';
      const fixes: LintFix[] = [];
      // One legacy keyword and no reduction= beside it: the keyword the value was written for.
      if (!other && !args.some((a) => a.keyword === 'reduction') && ['none', 'mean', 'sum'].includes(value)) {
        fixes.push({ title: msg("Write reduction={0} (the loss then is what {0} asks for)", text(t, arg.valueFrom)), edits: [{ start: t.start[arg.from]!, end: t.end[arg.from]!, newText: 'reduction' }], preferred: true, safety: 'safe' });
      }
      out.push({
        rule: 'legacy-reduce-string',
        start: t.start[arg.from]!,
        end: t.end[arg.to - 1]!,
        message: effective
          ? msg("{0}={1} is a string, and the deprecated {0} takes it as True (any non-empty string is): PyTorch computes the '{2}' reduction here, not {1}", arg.keyword, text(t, arg.valueFrom), effective)
          : msg('{0}={1} is a string, and the deprecated {0} takes it as True (any non-empty string is): the reduction is not {1}', arg.keyword, text(t, arg.valueFrom)),
        fixes,
      });
    }
  }
}
