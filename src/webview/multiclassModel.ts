import { LossInputError, softmaxLoss, softmaxProbabilities } from '../core';
import type { SoftmaxLossParams } from '../core';
import { softmaxContributions } from '../core/softmaxContributions';
import { logBaseValue } from '../protocol';
import type { ClassAlpha } from '../protocol';
import type { MulticlassState } from './multiclassState';
import type { ExplorerState } from './state';

/*
 * Everything the multi-class view shows for its one sample, computed by the core: the softmax, CE
 * and focal loss, each class's contribution to both and the gradient per logit. A sample or a
 * parameter the core refuses gives the core's message instead.
 */

export type MulticlassResult =
  | {
      readonly ok: true;
      readonly classes: number;
      /** The class whose p_t the headline and the curve use: the target, or the soft target's largest class. */
      readonly trueClass: number;
      readonly probabilities: Float64Array;
      /** w_c: class weights times alpha, all 1 without either. */
      readonly weights: Float64Array;
      readonly ce: number;
      readonly focal: number;
      readonly ceContributions: Float64Array;
      readonly focalContributions: Float64Array;
      readonly ceGrad: Float64Array;
      readonly focalGrad: Float64Array;
    }
  | { readonly ok: false; readonly message: string };

/** alpha as one number per class for C classes: kornia's [1 - alpha, alpha, ...], Keras's alpha for all, or as given. */
export function alphaPerClass(alpha: ClassAlpha | null, classes: number): number[] | null {
  if (alpha === null) return null;
  if ('perClass' in alpha) return [...alpha.perClass];
  return Array.from({ length: classes }, (_, c) => (alpha.appliesTo === 'every' || c > 0 ? alpha.value : 1 - alpha.value));
}

/** The core's class weights: PyTorch's weight= times alpha per class, or null when neither is set. */
export function classWeightsOf(mc: MulticlassState): number[] | null {
  const alpha = alphaPerClass(mc.alpha, mc.classes);
  if (!alpha && !mc.classWeights) return null;
  return Array.from({ length: mc.classes }, (_, c) => (mc.classWeights?.[c] ?? 1) * (alpha?.[c] ?? 1));
}

/** The softmax parameters of the view (gamma left to each kind), as the core takes them. */
export function multiclassParams(state: ExplorerState): SoftmaxLossParams {
  const mc = state.multiclass;
  return { classWeights: classWeightsOf(mc), labelSmoothing: mc.labelSmoothing, base: logBaseValue(state.base) };
}

export function targetOf(mc: MulticlassState): number | number[] {
  return mc.targetMode === 'soft' && mc.softTarget ? mc.softTarget : mc.target;
}

/** The class a soft target puts most mass on (the first of equals). */
export function trueClassOf(mc: MulticlassState): number {
  if (mc.targetMode !== 'soft' || !mc.softTarget) return mc.target;
  let best = 0;
  mc.softTarget.forEach((t, c) => {
    if (t > mc.softTarget![best]!) best = c;
  });
  return best;
}

export function computeMulticlass(state: ExplorerState): MulticlassResult {
  const mc = state.multiclass;
  const params = multiclassParams(state);
  const target = targetOf(mc);
  const classes = mc.logits.length;
  try {
    const ceGrad = new Float64Array(classes);
    const focalGrad = new Float64Array(classes);
    const focalParams = { ...params, gamma: state.gamma };
    const ce = softmaxLoss('ce', mc.logits, target, params, ceGrad);
    const focal = softmaxLoss('focal', mc.logits, target, focalParams, focalGrad);
    return {
      ok: true,
      classes,
      trueClass: trueClassOf(mc),
      probabilities: softmaxProbabilities(mc.logits),
      weights: Float64Array.from(params.classWeights ?? new Array<number>(classes).fill(1)),
      ce,
      focal,
      ceContributions: softmaxContributions('ce', mc.logits, target, params),
      focalContributions: softmaxContributions('focal', mc.logits, target, focalParams),
      ceGrad,
      focalGrad,
    };
  } catch (e) {
    if (e instanceof LossInputError) return { ok: false, message: e.message };
    throw e;
  }
}

/** The host's rows under the view's parameters: each row's p_t, CE and FL, or the core's message. */
export interface ClassRowLosses {
  readonly pt: number[];
  readonly ce: number[];
  readonly fl: number[];
  readonly message: string | null;
}

export function classRowLosses(state: ExplorerState): ClassRowLosses {
  const params = multiclassParams(state);
  const rows: ClassRowLosses = { pt: [], ce: [], fl: [], message: null };
  try {
    for (const point of state.multiclass.points) {
      rows.pt.push(softmaxProbabilities(point.logits)[point.target]!);
      rows.ce.push(softmaxLoss('ce', point.logits, point.target, params));
      rows.fl.push(softmaxLoss('focal', point.logits, point.target, { ...params, gamma: state.gamma }));
    }
  } catch (e) {
    if (!(e instanceof LossInputError)) throw e;
    return { pt: [], ce: [], fl: [], message: e.message };
  }
  return rows;
}
