import { msg } from '../../core';
import { UNRESOLVED, type ParamValue } from './lossCall';

/*
 * PyTorch's losses still take the deprecated `size_average` and `reduce` (torch/nn/_reduction.py,
 * legacy_get_string, checked in torch 1.13 and main): when either is not None it decides the reduction
 * and `reduction=` is ignored. None counts as True; both true: 'mean'; `reduce` true: 'sum'; else 'none'.
 * Old training code writes `F.binary_cross_entropy_with_logits(x, t, w, size_average=False)` for a sum.
 */

/** The reduction a PyTorch call computes, given its `size_average`, `reduce` and `reduction` values. */
export function legacyReduction(sizeAverage: ParamValue<unknown>, reduce: ParamValue<unknown>, reduction: ParamValue<string>): { reduction: ParamValue<string>; caveat?: string } {
  // Only reached through `*args` / `**kwargs` (a wrapper passing its own on): whether they hold the
  // deprecated arguments is unknown, and the reduction the call writes is what the hover shows (a
  // wrapper's `reduction=reduction` stays unresolved as itself, not "size_average=**kwargs").
  const splat = (pv: ParamValue<unknown>) => pv.origin.kind === 'unresolved' && pv.text.startsWith('*');
  const given = (pv: ParamValue<unknown>) => !(pv.value === null && pv.origin.kind !== 'unresolved') && !splat(pv);
  const written = [sizeAverage, reduce].filter(given);
  if (written.length === 0) return { reduction };
  const named = [['size_average', sizeAverage], ['reduce', reduce]] as const;
  const text = named.filter(([, pv]) => given(pv)).map(([name, pv]) => `${name}=${pv.text}`).join(', ');
  const flags = [sizeAverage, reduce].map((pv) => truth(pv));
  if (flags.some((flag) => flag === undefined)) return { reduction: { value: undefined, origin: UNRESOLVED, text } };
  const [average, summed] = flags as [boolean, boolean];
  const value = average && summed ? 'mean' : summed ? 'sum' : 'none';
  // Where the value came from: the one legacy argument written, or the call itself for both.
  const origin = written.length === 1 ? written[0]!.origin : { kind: 'explicit' as const };
  // `reduce='none'` (the new keyword's value given to the old one: segmentation code's copied structure_loss):
  // a non-empty string is true, so the loss is still reduced.
  const string = named.find(([, pv]) => typeof pv.value === 'string' && pv.value !== '');
  return {
    reduction: { value, origin, text },
    caveat: string
      ? msg("{0}={1} is a string, and any non-empty string counts as True for the deprecated {0}: the reduction is '{2}' (reduction={1} was meant).", string[0], string[1].text, value)
      : msg("{0} (deprecated) makes the reduction '{1}'; PyTorch then ignores reduction=.", text, value),
  };
}

/** Python truthiness of a None / bool / number / string value; undefined when the value is not known. */
function truth(pv: ParamValue<unknown>): boolean | undefined {
  if (pv.value === null) return true; // None counts as True here
  if (typeof pv.value === 'boolean') return pv.value;
  if (typeof pv.value === 'number') return pv.value !== 0;
  if (typeof pv.value === 'string') return pv.value !== '';
  return undefined;
}
