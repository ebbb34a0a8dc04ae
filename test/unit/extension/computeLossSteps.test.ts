// How many input boxes Compute Loss opens for its arguments, and how they are numbered: "(k/n)"
// counts only the boxes that will open, so a hover link that asks one question shows no "(1/4)".
import * as assert from 'node:assert/strict';
import { acceptsClassScores, binaryQuestionCount, isSoftmaxSample, softmaxQuestionCount, StepTitles } from '../../../src/extension/computeLossSteps';
import type { SoftmaxSpec } from '../../../src/extension/softmaxSpec';

const SPEC: SoftmaxSpec = { kind: 'ce', gamma: 0, alpha: null, alphaOn: 'foreground', weight: [1, 3], labelSmoothing: 0.1, omitted: [] };

/** Every title a run of `count` boxes shows. */
function titles(count: number, title = 'Compute Loss'): string[] {
  const steps = new StepTitles(title, count);
  return Array.from({ length: count }, () => steps.next());
}

describe('Compute Loss steps', () => {
  it('the palette with no arguments asks four questions, numbered 1/4 to 4/4', () => {
    assert.equal(binaryQuestionCount({}), 4);
    assert.ok(acceptsClassScores({}));
    assert.deepEqual(titles(4), ['Loss Lens: Compute Loss (1/4)', 'Loss Lens: Compute Loss (2/4)', 'Loss Lens: Compute Loss (3/4)', 'Loss Lens: Compute Loss (4/4)']);
  });

  it('one question is not numbered', () => {
    assert.equal(binaryQuestionCount({ y: 1, alpha: 0.25, gamma: 2 }), 1);
    assert.deepEqual(titles(1), ['Loss Lens: Compute Loss']);
  });

  it('arguments that give values leave only the rest to ask, null alpha (no weighting) included', () => {
    assert.equal(binaryQuestionCount({ p: 0.9 }), 3);
    assert.equal(binaryQuestionCount({ alpha: null, gamma: 2 }), 2);
    assert.equal(binaryQuestionCount({ prediction: 'logit=2', y: 0, alpha: 0.25, gamma: 2 }), 0);
  });

  it('a sigmoid sample with its target or alpha fixed takes no class scores (they would drop them)', () => {
    assert.equal(acceptsClassScores({ alpha: 0.25, gamma: 2 }), false);
    assert.equal(acceptsClassScores({ y: 1 }), false);
    assert.equal(acceptsClassScores({ gamma: 2 }), true);
  });

  it("a softmax call's link asks for the scores and the target, and no gamma (the spec has it)", () => {
    const args = { softmax: SPEC, api: 'torch.nn.CrossEntropyLoss' };
    assert.ok(isSoftmaxSample(args));
    assert.equal(softmaxQuestionCount(args), 2);
    assert.deepEqual(titles(2), ['Loss Lens: Compute Loss (1/2)', 'Loss Lens: Compute Loss (2/2)']);
  });

  it('class scores passed as text ask the target and the focal gamma only', () => {
    assert.equal(softmaxQuestionCount({ scores: '2, 1, 0' }), 2);
    assert.equal(softmaxQuestionCount({ scores: '2, 1, 0', gamma: 2 }), 1);
    assert.equal(softmaxQuestionCount({ scores: [2, 1, 0], target: 0, gamma: 2 }), 0);
  });

  it('class scores typed at the first of four boxes renumber the rest: 1/4, then 2/3 and 3/3', () => {
    const steps = new StepTitles('Compute Loss', binaryQuestionCount({}));
    const first = steps.next();
    // The scores are answered: the target class and gamma remain.
    steps.setRemaining(softmaxQuestionCount({}, true));
    assert.deepEqual([first, steps.next(), steps.next()], ['Loss Lens: Compute Loss (1/4)', 'Loss Lens: Compute Loss (2/3)', 'Loss Lens: Compute Loss (3/3)']);
  });
});
