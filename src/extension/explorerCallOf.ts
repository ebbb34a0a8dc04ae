import type { LossCall } from '../language/recognition';
import type { ExplorerCall } from '../protocol';
import type { LossLensSettings } from './settingsValues';

/**
 * The Loss Explorer's view of a recognised call. A value the recogniser could not work out takes
 * the user's default from settings, and the label says so: the panel never pretends to know it.
 */
export function explorerCallOf(call: LossCall, line: number, settings: LossLensSettings): ExplorerCall {
  const unresolved: string[] = [];
  const alpha = call.alpha.value === undefined ? (unresolved.push('alpha'), settings.defaultAlpha) : call.alpha.value;
  const gamma = call.gamma.value === undefined ? (unresolved.push('gamma'), settings.defaultGamma) : call.gamma.value;
  const beta = call.beta?.value;
  const assumed = unresolved.length ? `; ${unresolved.join(' and ')} unresolved, using the default` : '';
  return {
    label: `${call.api} (line ${line + 1}${assumed})`,
    api: call.api,
    kind: call.kind,
    alpha,
    gamma,
    ...(beta !== undefined ? { beta } : {}),
  };
}
