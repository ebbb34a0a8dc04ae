import type { SelectionClassValues } from '../language/selection';
import { MAX_CLASSES } from '../protocol';
import type { ExplorerCall, ExplorerClassPoint, ExplorerMulticlassCall, ExplorerPoint } from '../protocol';
import type { OpenExplorerArgs } from './explorerPanel';
import * as l10n from './l10n';

/*
 * What Compute Loss for Selection opens the Loss Explorer with: the selection's values and every
 * parameter the notification computed them with. A view driven by a selection takes all of its
 * parameters from it, so class weights, alpha or label smoothing of a call the panel showed before
 * never carry over to the selection's numbers. Pure (no vscode import), unit-tested in Node.
 */

/** Binary predictions, with the alpha and gamma the notification used. */
export function binarySelectionArgs(points: readonly ExplorerPoint[], alpha: number | null, gamma: number): OpenExplorerArgs {
  const call: ExplorerCall = {
    label: l10n.t('Selection ({0}, gamma {1}, from the settings)', alpha === null ? l10n.t('no alpha') : l10n.t('alpha {0}', alpha), gamma),
    api: 'selection',
    kind: 'focal',
    alpha,
    gamma,
  };
  return { call, points, source: 'selection' };
}

/**
 * Rows of class logits, with the notification's parameters: gamma from the settings, no alpha, no
 * class weights, no label smoothing (see selectionClassLosses).
 */
export function classSelectionArgs(values: SelectionClassValues, gamma: number): OpenExplorerArgs {
  const width = values.classes;
  const multiclassPoints: ExplorerClassPoint[] = Array.from({ length: values.rows }, (_, r) => ({ logits: values.logits.slice(r * width, (r + 1) * width), target: values.targets[r]! }));
  const multiclassCall: ExplorerMulticlassCall = {
    label: l10n.t('Selection (gamma {0} from the settings; no alpha, no class weights, no label smoothing)', gamma),
    api: 'selection',
    kind: 'focal',
    ...(width >= 2 && width <= MAX_CLASSES ? { classes: width } : {}),
    gamma,
    classWeights: null,
    alpha: null,
    labelSmoothing: 0,
  };
  return { multiclassCall, multiclassPoints, source: 'selection' };
}
