import type { ExplorerCall, ExplorerMulticlassCall, ExplorerPoint, ExplorerSettings } from '../protocol';
import { applyClassPoints, applyMulticlassCall } from './multiclassState';
import type { ExplorerClassPoint } from '../protocol';
import { MAX_POINTS } from './state';
import type { ExplorerState, ViewMode } from './state';

/*
 * What the host's messages do to the panel's state, apart from drawing: pure, so the numbers a view
 * shows after a sequence of messages (a call, then a selection) are tested in Node against what the
 * host's notification said. Each returns the view to show.
 */

/** A binary call sets alpha, gamma (and beta) of the binary view. */
export function applyCallUpdate(state: ExplorerState, call: ExplorerCall): ViewMode {
  state.call = call;
  state.alphaOn = call.alpha !== null;
  if (call.alpha !== null) state.alpha = call.alpha;
  state.gamma = call.gamma;
  if (call.beta !== undefined) state.beta = call.beta;
  if (call.kind === 'focal-star') state.curves['focal-star'] = true;
  state.figure1 = false;
  state.paramsSet = true;
  return 'binary';
}

/** A softmax call sets the multi-class view's parameters; gamma is shared by both views. */
export function applyMulticlassCallUpdate(state: ExplorerState, call: ExplorerMulticlassCall): ViewMode {
  applyMulticlassCall(state.multiclass, call);
  // A CE call's gamma is 0, and FL is still drawn beside it at that gamma.
  state.gamma = call.gamma;
  state.paramsSet = true;
  return 'multiclass';
}

export function applyPointsUpdate(state: ExplorerState, points: readonly ExplorerPoint[], source: string): ViewMode {
  state.points = points.slice(0, MAX_POINTS).map((p) => ({ ...p }));
  state.source = source;
  return 'binary';
}

export function applyClassPointsUpdate(state: ExplorerState, points: readonly ExplorerClassPoint[], source: string): ViewMode {
  applyClassPoints(state.multiclass, points, source);
  return 'multiclass';
}

/** The log base and digits always; the default alpha and gamma until a person or a call has set them. */
export function applySettingsUpdate(state: ExplorerState, settings: ExplorerSettings): void {
  state.base = settings.logBase;
  state.digits = settings.precision;
  if (!state.paramsSet) {
    state.alphaOn = settings.defaultAlpha !== null;
    if (settings.defaultAlpha !== null) state.alpha = settings.defaultAlpha;
    state.gamma = settings.defaultGamma;
  }
}
