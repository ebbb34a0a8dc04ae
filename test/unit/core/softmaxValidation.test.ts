import { softmaxBatch, softmaxLoss, softmaxMeanDivisor } from '../../../src/core';
import type { SoftmaxKind } from '../../../src/core';
import { refuses } from './refuses';

describe('bad softmax input is refused with a message that names it', () => {
  it('a class index outside [0, C) or not a whole number', () => {
    for (const target of [-1, 3, 1.5, NaN, Infinity]) refuses(() => softmaxLoss('ce', [0, 1, 2], target), 'target', /target must be a class index, a whole number in \[0, 3\)/);
    refuses(() => softmaxBatch('ce', Float64Array.of(0, 1, 2, 3), 2, [1, 2]), 'targets[1]', /class index/);
    refuses(() => softmaxMeanDivisor(2, [0, 0.5]), 'targets[1]', /class index/);
    refuses(() => softmaxLoss('ce', [0, 1], null as unknown as number), 'target', /a class index or 2 probabilities/);
  });

  it('a probability target of the wrong length, negative, or not summing to 1', () => {
    refuses(() => softmaxLoss('ce', [0, 1, 2], [0.5, 0.5]), 'target', /3 probabilities, one per class \(got "2 numbers"\)/);
    refuses(() => softmaxLoss('focal', [0, 1, 2], [1.5, -0.5, 0]), 'target[1]', /probability >= 0 \(got -0.5\)/);
    refuses(() => softmaxLoss('focal', [0, 1, 2], [0.5, NaN, 0.5]), 'target[1]', /got NaN/);
    refuses(() => softmaxLoss('ce', [0, 1, 2], [0.5, 0.4, 0.09]), 'target', /summing to 1 \(within 0.000001\) \(got "probabilities summing to 0.99/);
  });

  it('class weights of the wrong length, negative or NaN', () => {
    refuses(() => softmaxLoss('ce', [0, 1, 2], 0, { classWeights: [1, 1] }), 'classWeights', /3 numbers, one per class/);
    refuses(() => softmaxLoss('ce', [0, 1, 2], 0, { classWeights: [1, -1, 1] }), 'classWeights[1]', /finite number >= 0 \(got -1\)/);
    refuses(() => softmaxBatch('focal', Float64Array.of(0, 1), 2, [0], { classWeights: [NaN, 1] }), 'classWeights[0]', /got NaN/);
  });

  it('label smoothing outside [0, 1] or NaN', () => {
    for (const labelSmoothing of [-0.1, 1.1, NaN]) refuses(() => softmaxLoss('ce', [0, 1], 0, { labelSmoothing }), 'labelSmoothing', /labelSmoothing must be a number in \[0, 1\]/);
  });

  it('a NaN logit, fewer than 2 classes, rows that do not fit', () => {
    refuses(() => softmaxLoss('ce', [0, NaN, 1], 0), 'logits[1]', /a number \(infinities allowed\) \(got NaN\)/);
    refuses(() => softmaxBatch('ce', Float64Array.of(0, 1, 2, NaN), 2, [0, 1]), 'logits[3]', /got NaN/);
    refuses(() => softmaxLoss('ce', [0], 0), 'logits', /at least 2 logits, one per class/);
    for (const classes of [1, 0, 2.5, NaN]) refuses(() => softmaxBatch('ce', Float64Array.of(0, 1), classes, [0]), 'classes', /whole number of classes >= 2/);
    refuses(() => softmaxBatch('ce', Float64Array.of(0, 1, 2), 2, [0]), 'logits', /whole rows of 2 classes/);
    refuses(() => softmaxBatch('ce', Float64Array.of(0, 1, 2, 3), 2, [0]), 'targets', /one per row of logits \(2 rows\)/);
    refuses(() => softmaxBatch('ce', Float64Array.of(0, 1), 2, [0], {}, new Float64Array(3)), 'grad', /as long as logits \(2 elements\)/);
    refuses(() => softmaxLoss('ce', [0, 1], 0, {}, new Float64Array(1)), 'grad', /as long as logits/);
  });

  it('gamma < 0 or NaN, a bad base, a bad ignoreIndex, an unknown kind', () => {
    for (const gamma of [-1, NaN, Infinity]) refuses(() => softmaxLoss('focal', [0, 1], 0, { gamma }), 'gamma', /gamma must be a finite number >= 0/);
    refuses(() => softmaxLoss('ce', [0, 1], 0, { gamma: -1 }), 'gamma', /finite number >= 0/);
    for (const base of [0, 1, -2, NaN]) refuses(() => softmaxBatch('ce', Float64Array.of(0, 1), 2, [0], { base }), 'base', /base must be a finite number > 0 other than 1/);
    refuses(() => softmaxLoss('ce', [0, 1], 0, { ignoreIndex: 0.5 }), 'ignoreIndex', /whole number/);
    refuses(() => softmaxLoss('hinge' as SoftmaxKind, [0, 1], 0), 'kind', /one of 'ce', 'focal'/);
    refuses(() => softmaxLoss('balanced' as SoftmaxKind, [0, 1], 0), 'kind', /one of 'ce', 'focal'/);
  });
});
