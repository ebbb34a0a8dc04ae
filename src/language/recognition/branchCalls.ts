import type { LossCall, ParamValue, ValueOrigin } from './lossCall';
import { UNRESOLVED } from './lossCallBuilder';

/*
 * One call of a name that may hold one of several losses of the same API: `self.loss_func =
 * nn.CrossEntropyLoss()` in one branch of an if / else and `nn.CrossEntropyLoss(weight=w)` in the
 * other (AICPS/hw2vec hw2vec/graph2vec/trainers.py), or a constructor parameter's default and what a
 * construction passes. The API is certain; a value the candidates agree on is shown as it is, values
 * that differ as the several values the call may get (ParamValue.values, via 'branches'), and a
 * value one candidate leaves unknown stays unknown.
 */

/**
 * The call the candidates `calls` (built at `builtAt`, in the file's order) make together; undefined when they
 * are not one API. `via` says what the candidates are: branches that build the loss, calls of a function
 * that pass it (functionParameterLosses.ts), or the losses of a list a loop takes in turn (loopLosses.ts).
 */
export function mergeBranchCalls(calls: readonly LossCall[], builtAt: readonly ValueOrigin[], via: 'branches' | 'calls' | 'list' = 'branches'): LossCall | undefined {
  const first = calls[0]!;
  if (calls.some((c) => c.api !== first.api || c.kind !== first.kind)) return undefined;
  const line = builtAt.find((o): o is Extract<ValueOrigin, { kind: 'resolved' }> => o.kind === 'resolved');
  const origin: ValueOrigin = line ? { ...line, via } : UNRESOLVED;
  const merge = <T>(values: readonly ParamValue<T>[]): ParamValue<T> => mergeValues(values, origin);
  const optional = <T>(values: readonly (ParamValue<T> | undefined)[]): ParamValue<T> | undefined =>
    values.every((v) => v === undefined) ? undefined : values.every((v) => v !== undefined) ? merge(values as ParamValue<T>[]) : { value: undefined, origin: UNRESOLVED, text: '' };
  const extraNames = [...new Set(calls.flatMap((c) => c.extra.map((e) => e.name)))];
  const caveats = [...new Set(calls.flatMap((c) => c.caveats))];
  const inputs = merge(calls.map((c) => c.inputs));
  const beta = optional(calls.map((c) => c.beta));
  const classes = optional(calls.map((c) => c.classes));
  const meanDivisors = new Set(calls.map((c) => c.meanDivisor));
  const notModeled = calls.find((c) => c.notModeled)?.notModeled;
  return {
    ...first,
    alpha: merge(calls.map((c) => c.alpha)),
    gamma: merge(calls.map((c) => c.gamma)),
    reduction: merge(calls.map((c) => c.reduction)),
    inputs,
    classModel: calls.every((c) => c.classModel === first.classModel) ? first.classModel : undefined,
    caveats,
    extra: extraNames.map((name) => ({ name, value: optional(calls.map((c) => c.extra.find((e) => e.name === name)?.value))! })),
    ...(beta ? { beta } : {}),
    ...(classes ? { classes } : { classes: undefined }),
    // What 'mean' divides by is the API's, unless the candidates say different things.
    meanDivisor: meanDivisors.size === 1 ? first.meanDivisor : undefined,
    ...(notModeled ? { notModeled } : {}),
  };
}

/** Whether two values say the same: the same value (or values, or list) and text. */
function same<T>(a: ParamValue<T>, b: ParamValue<T>): boolean {
  return a.origin.kind === b.origin.kind && a.text === b.text && JSON.stringify([a.value, a.values, a.list]) === JSON.stringify([b.value, b.values, b.list]);
}

function mergeValues<T>(values: readonly ParamValue<T>[], origin: ValueOrigin): ParamValue<T> {
  const first = values[0]!;
  if (values.every((v) => same(v, first))) return first;
  const texts = [...new Set(values.map((v) => v.text))].join(' | ');
  // Every candidate known, one number (or null, or a string) each: the several values the call may get.
  if (values.every((v) => v.value !== undefined && v.values === undefined && v.list === undefined && (v.value === null || typeof v.value !== 'object'))) {
    const distinct = [...new Map(values.map((v) => [JSON.stringify(v.value), v.value as T])).values()];
    if (distinct.length === 1) return { value: distinct[0], origin, text: texts };
    return { value: undefined, origin, text: texts, values: distinct };
  }
  return { value: undefined, origin: UNRESOLVED, text: texts };
}
