import { msg } from '../../core';
import { CATALOG, isOp, type LossCall } from '../recognition';
import type { LintContext } from './lintContext';
import type { LintFinding } from './findings';
import { shortName } from './losses';
import { argumentsOf, type Argument } from './syntax';

/*
 * unknown-loss-keyword: a keyword the loss's signature does not have (`nn.CrossEntropyLoss(alpha=...)`,
 * `nn.BCEWithLogitsLoss(ignore_index=-100)`), which raises TypeError only when the line runs. Only
 * for losses whose whole signature is listed here (PyTorch's, deprecated keywords included, and TF 1's tf.losses).
 */

const REDUCTION = ['weight', 'size_average', 'reduce', 'reduction'];
/** Keywords of the construction (classes) or of the call (functions), by api. */
const SIGNATURES: ReadonlyMap<string, readonly string[]> = new Map<string, readonly string[]>([
  ['torch.nn.CrossEntropyLoss', [...REDUCTION, 'ignore_index', 'label_smoothing']],
  ['torch.nn.NLLLoss', [...REDUCTION, 'ignore_index']],
  ['torch.nn.BCELoss', REDUCTION],
  ['torch.nn.BCEWithLogitsLoss', [...REDUCTION, 'pos_weight']],
  ['torch.nn.functional.cross_entropy', ['input', 'target', ...REDUCTION, 'ignore_index', 'label_smoothing']],
  ['torch.nn.functional.nll_loss', ['input', 'target', ...REDUCTION, 'ignore_index']],
  ['torch.nn.functional.binary_cross_entropy', ['input', 'target', ...REDUCTION]],
  ['torch.nn.functional.binary_cross_entropy_with_logits', ['input', 'target', ...REDUCTION, 'pos_weight']],
  ['torchvision.ops.sigmoid_focal_loss', ['inputs', 'targets', 'alpha', 'gamma', 'reduction']],
  // TF 1's tf.losses, whose catalog signature is the whole signature (losses_impl.py has no **kwargs): `labels=`
  // (tf.nn's name) is not sigmoid_cross_entropy's or softmax_cross_entropy's.
  ...CATALOG.filter((entry) => /^tf\.(?:compat\.v1\.)?losses\./.test(entry.api)).map((entry) => [entry.api, entry.params.map((param) => param.name)] as const),
]);

/** `open` is the '(' of the construction (classes) or of the call (functions). */
export function checkUnknownKeyword(cx: LintContext, call: LossCall, open: number, constructing: boolean, out: LintFinding[]): void {
  const known = SIGNATURES.get(call.api);
  if (!known || (!constructing && /^[A-Z]/.test(shortName(call.api)))) return;
  const t = cx.tokens;
  const args = argumentsOf(t, open);
  if (args.some((a) => isOp(t, a.from, '**'))) return;
  for (const a of args) {
    if (a.keyword === undefined || known.includes(a.keyword)) continue;
    const start = t.start[a.from]!;
    if (start < cx.base) continue;
    const name = shortName(call.api);
    const own = known.filter((k) => !['input', 'target', 'inputs', 'targets', 'size_average', 'reduce'].includes(k)).join(', ');
    const message = a.keyword === 'ignore_index'
      ? msg('{0} has no ignore_index (only the cross-entropy and NLL losses do): this raises TypeError when the line runs; mask the ignored targets out, or weight them 0 with weight=', name)
      : msg('{0} has no keyword `{1}` (its keywords: {2}): this raises TypeError when the line runs', name, a.keyword, own);
    const rename = renamedKeyword(call.api, known, a.keyword, args, constructing);
    const fixes = rename === undefined ? [] : [{ title: msg('Rename `{0}=` to `{1}=`', a.keyword, rename), edits: [{ start, end: t.end[a.from]!, newText: rename }], preferred: true, safety: 'safe' as const }];
    out.push({ rule: 'unknown-loss-keyword', start, end: t.end[a.to - 1]!, message, fixes });
  }
}

/** A keyword spelt as people do: case, underscores and a plural 's' aside (`weights` for `weight`, `posWeight`). */
const spelling = (keyword: string) => keyword.toLowerCase().replace(/_/g, '').replace(/s$/, '');

/** The arguments torch's functional losses take by position before their keywords. */
const LEADING = ['input', 'target', 'inputs', 'targets'];

/**
 * The signature's keyword the unknown one is a misspelling of, when exactly one is (`weights=` ->
 * `weight=`, vandit15/Class-balanced-loss-pytorch's binary_cross_entropy_with_logits call) and the call
 * does not give that one already, by keyword or by position: the rename then makes the line run with
 * the value where the author meant it. Undefined otherwise (`alpha=` for CrossEntropyLoss, `labels=`
 * against `onehot_labels` / `multi_class_labels`: which one is meant is for the author to say).
 */
function renamedKeyword(api: string, known: readonly string[], keyword: string, args: readonly Argument[], constructing: boolean): string | undefined {
  const candidates = known.filter((k) => spelling(k) === spelling(keyword));
  if (candidates.length !== 1) return undefined;
  const candidate = candidates[0]!;
  if (args.some((a) => a.keyword === candidate)) return undefined;
  const positional = args.filter((a) => a.keyword === undefined).length;
  // Classes take their settings by keyword here (a positional weight may be the candidate); torch's
  // functions take input and target first; TF 1's tf.losses list their parameters in order.
  const at = /^tf\./.test(api) ? known.indexOf(candidate) : LEADING.includes(candidate) ? LEADING.indexOf(candidate) % 2 : constructing ? 0 : 2;
  return positional <= at ? candidate : undefined;
}
