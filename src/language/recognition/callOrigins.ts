import type { LossCall, ParamValue, ValueOrigin } from './lossCall';

/*
 * Every place a LossCall says a value came from: its parameters' origins and, for a name called as a loss,
 * where the name got it. Moving a call to another file, to an importing script's line or to a notebook cell
 * changes them all alike; one walk serves each.
 */

/** The origins of the call's parameter values, and (unless `values` only) where a name called as a loss was built. */
export function originsOf(call: LossCall, values = false): ValueOrigin[] {
  const params: ParamValue<unknown>[] = [call.alpha, call.gamma, call.reduction, call.inputs, ...(call.beta ? [call.beta] : []), ...(call.classes ? [call.classes] : []), ...call.extra.map((e) => e.value)];
  const built = values || !call.builtAt ? [] : [call.builtAt.line, ...(call.builtAt.alsoAt ?? []), ...(call.builtAt.loop ? [call.builtAt.loop] : [])];
  return [...params.map((v) => v.origin), ...built];
}

/** The call with `at` applied to each of those origins (`values`: the parameters' only, the rest as they are). */
export function withOrigins(call: LossCall, at: (origin: ValueOrigin) => ValueOrigin, values = false): LossCall {
  const value = <T>(v: ParamValue<T>): ParamValue<T> => ({ ...v, origin: at(v.origin) });
  const builtAt = call.builtAt;
  return {
    ...call,
    alpha: value(call.alpha), gamma: value(call.gamma), reduction: value(call.reduction), inputs: value(call.inputs),
    ...(call.beta ? { beta: value(call.beta) } : {}),
    ...(call.classes ? { classes: value(call.classes) } : {}),
    extra: call.extra.map((e) => ({ ...e, value: value(e.value) })),
    ...(builtAt && !values ? { builtAt: { ...builtAt, line: at(builtAt.line), ...(builtAt.alsoAt ? { alsoAt: builtAt.alsoAt.map(at) } : {}), ...(builtAt.loop ? { loop: at(builtAt.loop) } : {}) } } : {}),
  };
}
