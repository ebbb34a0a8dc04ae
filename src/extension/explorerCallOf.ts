import type { LossCall } from '../language/recognition';
import { MAX_CLASSES } from '../protocol';
import type { ExplorerCall, ExplorerMulticlassCall } from '../protocol';
import type { OpenExplorerArgs } from './explorerPanel';
import type { LossLensSettings } from './settingsValues';
import * as l10n from './l10n';
import { softmaxSpecOf } from './softmaxSpec';

/**
 * Where a call stands, for the panel's header: "retinanet_train.py, line 12". The file is named
 * because a locked panel keeps showing the call while the editor moves to other files.
 */
function placeText(line: number, file: string | undefined): string {
  return file ? l10n.t('{0}, line {1}', file, line + 1) : l10n.t('line {0}', line + 1);
}

/**
 * The Loss Explorer's view of a recognised call. A value the recogniser could not work out takes
 * the user's default from settings, and the label says so: the panel never pretends to know it.
 */
export function explorerCallOf(call: LossCall, line: number, settings: LossLensSettings, file?: string): ExplorerCall {
  const unresolved: string[] = [];
  // A parametrized test's several values: the panel shows the first, and says so.
  const several: string[] = [];
  const first = <T>(name: string, values: readonly T[] | undefined): T | undefined => (values?.length ? (several.push(`${name} (the first of ${values.length} values the call receives)`), values[0]) : undefined);
  const alpha = call.alpha.value !== undefined ? call.alpha.value : call.alpha.values ? first('alpha', call.alpha.values)! : (unresolved.push('alpha'), settings.defaultAlpha);
  const gamma = call.gamma.value !== undefined ? call.gamma.value : call.gamma.values ? first('gamma', call.gamma.values)! : (unresolved.push('gamma'), settings.defaultGamma);
  const beta = call.beta?.value;
  // A per-class alpha list has no one value the binary view could draw.
  const listed = call.alpha.list ? `; alpha is a list of ${call.alpha.list.length} numbers, using the default alpha` : '';
  const unknown = unresolved.filter((name) => !(name === 'alpha' && call.alpha.list));
  const assumed = (several.length ? `; ${several.join(' and ')}` : '') + listed + (unknown.length ? `; ${unknown.join(' and ')} unresolved, using the default` : '');
  // The panel's alpha is alpha_t: an alpha that scales every element alike is left out and said.
  const scales = call.alphaWeighting === 'every' && typeof alpha === 'number';
  const scaled = scales ? `; alpha ${alpha} scales every element alike, not drawn` : '';
  return {
    label: `${call.api} (${placeText(line, file)}${assumed}${scaled})`,
    api: call.api,
    kind: call.kind,
    alpha: scales ? null : alpha,
    gamma,
    ...(beta !== undefined ? { beta } : {}),
  };
}

/**
 * The multi-class view's view of a recognised softmax call (nn.CrossEntropyLoss(weight=,
 * label_smoothing=), kornia's focal_loss, Keras's CategoricalFocalCrossentropy), from the same
 * SoftmaxSpec the hover computes with; undefined when the call is not a softmax loss whose alpha and
 * gamma the file gives. `classes` is the number of classes when the file states it; a weight= list
 * that disagrees with it is left out rather than posted as a message the page would refuse.
 */
export function explorerMulticlassCallOf(call: LossCall, line: number, classes?: number, file?: string): ExplorerMulticlassCall | undefined {
  const spec = softmaxSpecOf(call);
  if (!spec) return undefined;
  const count = classes ?? spec.weight?.length;
  const weights = spec.weight && (count === undefined || spec.weight.length === count) ? spec.weight : null;
  const omitted = [...spec.omitted, ...(spec.weight && !weights ? ['weight= (its length is not the number of classes)'] : [])];
  const left = omitted.length ? `; left out: ${omitted.join(', ')}` : '';
  return {
    label: `${call.api} (${placeText(line, file)}${left})`,
    api: call.api,
    kind: spec.kind,
    ...(count !== undefined && count >= 2 && count <= MAX_CLASSES ? { classes: count } : {}),
    gamma: spec.gamma,
    classWeights: weights ? [...weights] : null,
    alpha: spec.alpha === null ? null : { value: spec.alpha, appliesTo: spec.alphaOn },
    labelSmoothing: spec.labelSmoothing,
  };
}

/**
 * What the Loss Explorer opens for a call: the multi-class view for a softmax loss it can show,
 * the binary view otherwise. The hover's link, Explain and following the cursor all use this;
 * `file` is the document's name, which the panel's header shows with the line.
 */
export function explorerArgsOf(call: LossCall, line: number, settings: LossLensSettings, file?: string): OpenExplorerArgs {
  const multiclassCall = explorerMulticlassCallOf(call, line, call.classes?.value, file);
  return multiclassCall ? { multiclassCall } : { call: explorerCallOf(call, line, settings, file) };
}
