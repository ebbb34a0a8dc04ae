import { formatNumber } from '../core';
import type { ClassAlpha } from '../protocol';
import { trueClassOf } from './multiclassModel';
import type { ExplorerState } from './state';
import { s as str } from './strings';

/*
 * The parameters line of the multi-class view's exported chart PNGs: what the sample and the
 * losses were, so an exported picture can be read on its own (the binary view's is
 * curveParameters in curvesView.ts). Long lists (1,000 class weights) are summarised.
 */

/** Numbers listed in full up to this many; beyond, their range. */
const LISTED_NUMBERS = 10;

function numbers(values: readonly number[]): string {
  if (values.length <= LISTED_NUMBERS) return `[${values.map((v) => formatNumber(v)).join(', ')}]`;
  return str('mc.captionRange', values.length, formatNumber(Math.min(...values)), formatNumber(Math.max(...values)));
}

function alphaText(alpha: ClassAlpha | null): string {
  if (alpha === null) return str('mc.captionNoAlpha');
  if ('perClass' in alpha) return str('mc.captionAlphaPerClass', numbers(alpha.perClass));
  return str(alpha.appliesTo === 'every' ? 'mc.captionAlphaEvery' : 'mc.captionAlphaForeground', formatNumber(alpha.value));
}

/** "5 classes, target class 0; gamma 2; class weights [1, 2, 3, 1, 1]; no alpha; label smoothing 0.1; log base e". */
export function multiclassParameters(s: ExplorerState, withYAxis = false): string {
  const mc = s.multiclass;
  const target = mc.targetMode === 'soft' && mc.softTarget ? str('mc.captionSoftTarget', mc.classes, numbers(mc.softTarget), trueClassOf(mc)) : str('mc.captionTarget', mc.classes, mc.target);
  const weights = mc.classWeights ? str('mc.captionWeights', numbers(mc.classWeights)) : str('mc.captionNoWeights');
  const parts = [target, str('mc.captionGamma', formatNumber(s.gamma)), weights, alphaText(mc.alpha), str('mc.captionSmoothing', formatNumber(mc.labelSmoothing)), str('mc.captionBase', s.base)];
  if (withYAxis) parts.push(str('mc.captionYAxis', s.yScale));
  return str('mc.captionJoin', parts.join('; '));
}
