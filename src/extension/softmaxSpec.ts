import { LossInputError } from '../core';
import type { SoftmaxKind, SoftmaxLossParams } from '../core';
import { isNumberArray, scalarOf, type LossCall } from '../language/recognition';

/*
 * What a softmax loss call computes, independent of the number of classes: CE or focal loss, gamma,
 * how its alpha becomes class weights, its own class weights and label smoothing. The hover's table
 * and "Compute at a value..." both turn it into the core's SoftmaxLossParams for C classes, so the
 * two never disagree about a call. Plain JSON: it travels in a command link's arguments.
 */
export interface SoftmaxSpec {
  readonly kind: SoftmaxKind;
  readonly gamma: number;
  /** null: no alpha. 'foreground' (kornia): [1 - alpha, alpha, ..., alpha]; 'every' (Keras): alpha for every class. */
  readonly alpha: number | null;
  readonly alphaOn: 'foreground' | 'every';
  /** The call's class weights (PyTorch's weight=), when the file gives them. */
  readonly weight: readonly number[] | null;
  readonly labelSmoothing: number;
  /** Parameters of the call left out because the file does not give their values ("weight=w"). */
  readonly omitted: readonly string[];
}

/** The spec of a softmax call, or undefined when alpha or gamma is not known from the file. */
export function softmaxSpecOf(call: LossCall): SoftmaxSpec | undefined {
  if (call.notModeled || call.classModel !== 'softmax' || call.alpha.value === undefined || call.gamma.value === undefined) return undefined;
  const omitted: string[] = [];
  const known = (name: string): unknown => {
    const value = call.extra.find((e) => e.name === name)?.value;
    if (value && value.value === undefined) omitted.push(`${name}=${value.text}`);
    return value?.value ?? null;
  };
  const smoothing = known('label_smoothing');
  const weight = known('weight');
  return {
    kind: call.kind === 'ce' ? 'ce' : 'focal',
    gamma: call.kind === 'ce' ? 0 : call.gamma.value,
    alpha: call.kind === 'ce' ? null : call.alpha.value,
    alphaOn: call.library === 'keras' || call.alphaWeighting === 'every' ? 'every' : 'foreground',
    weight: isNumberArray(weight) ? weight : null,
    labelSmoothing: scalarOf(smoothing) ?? 0,
    omitted,
  };
}

/** The core's parameters for `classes` classes; `withWeight: false` leaves the call's class weights out. */
export function softmaxParamsOf(spec: SoftmaxSpec, classes: number, base: number, withWeight = true): SoftmaxLossParams {
  const weight = withWeight ? spec.weight : null;
  if (weight && weight.length !== classes) {
    throw new LossInputError(`the call's weight (${weight.length} classes)`, classes, `one score per class: ${weight.length} scores`);
  }
  const alphaWeights = spec.alpha === null ? null : Array.from({ length: classes }, (_, c) => (spec.alphaOn === 'every' || c > 0 ? spec.alpha! : 1 - spec.alpha!));
  const classWeights = alphaWeights && weight ? alphaWeights.map((a, c) => a * weight[c]!) : (alphaWeights ?? weight);
  return { gamma: spec.gamma, labelSmoothing: spec.labelSmoothing, base, classWeights };
}
