import { batchFromLogits } from '../../src/core';
import { measure, report } from './measure';

/**
 * Throughput of batchFromLogits('focal') on 1e7 float64 logits with about 1% positives, the shape of
 * a RetinaNet batch. Targets: <= 25 ns/element forward, <= 35 ns/element with gradients. The floor,
 * one Math.exp and one Math.log1p per element, is measured in the same run: a loaded machine moves
 * every figure, the ratio to the floor much less.
 */
export function benchCore(): void {
  const n = 10_000_000;
  const logits = new Float64Array(n);
  const targets = new Float64Array(n);
  let seed = 20171;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const positive = random() < 0.01;
    targets[i] = positive ? 1 : 0;
    // Positives centred at +1, negatives at -4.6 (the prior-probability initialisation), spread 2.
    logits[i] = (positive ? 1 : -4.6) + 2 * (random() + random() + random() - 1.5);
  }
  const grad = new Float64Array(n);
  const params = { alpha: 0.25, gamma: 2 };
  let sink = 0;
  const floor = measure(5, () => (sink += expLog1pFloor(logits)));
  const forward = measure(5, () => (sink += batchFromLogits('focal', logits, targets, params)));
  const backward = measure(5, () => (sink += batchFromLogits('focal', logits, targets, params, grad)));
  const odd = measure(3, () => (sink += batchFromLogits('focal', logits, targets, { alpha: 0.25, gamma: 1.5 })));
  const star = measure(3, () => (sink += batchFromLogits('focal-star', logits, targets, { gamma: 2, beta: 1 }, grad)));
  report('core: batchFromLogits on 1e7 logits, 1% positives', [
    ['floor: one Math.exp + one Math.log1p per element', floor / n, 'ns/element', undefined],
    ['focal (alpha 0.25, gamma 2), forward', forward / n, 'ns/element', 25],
    ['focal (alpha 0.25, gamma 2), with gradients', backward / n, 'ns/element', 35],
    ['focal (gamma 1.5, Math.pow), forward', odd / n, 'ns/element', undefined],
    ['focal-star (gamma 2, beta 1), with gradients', star / n, 'ns/element', undefined],
  ]);
  if (!Number.isFinite(sink)) throw new Error('benchmark produced a non-finite sum');
}

function expLog1pFloor(logits: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.log1p(Math.exp(-Math.abs(logits[i]!)));
  return sum;
}
