import { batchFromLogits } from '../../src/core';
import { interleavedRounds, report } from './measure';

/**
 * Throughput of batchFromLogits('focal') on 1e7 float64 logits with about 1% positives, the shape of
 * a RetinaNet batch. Targets: <= 25 ns/element forward, <= 35 ns/element with gradients.
 *
 * The floor, one Math.exp and one Math.log1p per element, is measured in the same rounds: this
 * machine is a shared VM whose speed drifts by 2x within a minute, so each round times the floor and
 * the kernels back to back, and the ratio to the floor is the steadier figure. Best and median of
 * the rounds are both printed.
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
  const work = {
    floor: () => (sink += expLog1pFloor(logits)),
    forward: () => (sink += batchFromLogits('focal', logits, targets, params)),
    gradients: () => (sink += batchFromLogits('focal', logits, targets, params, grad)),
    pow: () => (sink += batchFromLogits('focal', logits, targets, { alpha: 0.25, gamma: 1.5 })),
    star: () => (sink += batchFromLogits('focal-star', logits, targets, { gamma: 2, beta: 1 }, grad)),
  };
  const { median, figures } = interleavedRounds(work, 7, n, 'floor');
  report('core: batchFromLogits on 1e7 logits, 1% positives (7 rounds)', [
    ...figures('floor', 'floor (Math.exp + Math.log1p)', 'ns/element'),
    ...figures('forward', 'focal, forward (alpha 0.25, gamma 2)', 'ns/element', 25),
    ...figures('gradients', 'focal, gradients (alpha 0.25, gamma 2)', 'ns/element', 35),
    ['focal (gamma 1.5, exp/log), forward, median', median('pow'), 'ns/element', undefined],
    ['focal-star (gamma 2, beta 1), with gradients, median', median('star'), 'ns/element', undefined],
  ]);
  if (!Number.isFinite(sink)) throw new Error('benchmark produced a non-finite sum');
}

function expLog1pFloor(logits: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.log1p(Math.exp(-Math.abs(logits[i]!)));
  return sum;
}
