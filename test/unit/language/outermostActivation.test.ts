import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { outermostActivation } from '../../../src/language/recognition/outermostActivation';

describe('language: the activation that produces a prediction as written at the call', () => {
  it('the outermost call, through shape-only methods and indexing', () => {
    const cases: Array<[string, string | undefined]> = [
      ['F.softmax(x, dim=1)', 'softmax'],
      ['torch.softmax(logits, -1).view(-1, C)', 'softmax'],
      ['torch.nn.functional.softmax(out, dim=1)', 'softmax'],
      ['nn.Softmax(dim=1)(x)', 'softmax'],
      ['logits.softmax(dim=-1)', 'softmax'],
      ['torch.sigmoid(out)[:, 0]', 'sigmoid'],
      ['out.sigmoid().squeeze(1)', 'sigmoid'],
      ['tf.nn.sigmoid(z)', 'sigmoid'],
      ['nn.Sigmoid()(h)', 'sigmoid'],
      // A softmax or sigmoid inside another expression is not the value passed.
      ['shift_log(1. - F.softmax(y_adv, dim=1))', undefined],
      ['torch.log(F.softmax(x, dim=1))', undefined],
      ['F.log_softmax(x, dim=1)', undefined],
      ['1 - torch.sigmoid(x)', undefined],
      ['torch.sigmoid(x) * mask', undefined],
      ['model(x)', undefined],
      ['logits', undefined],
      ['', undefined],
    ];
    for (const [text, expected] of cases) assert.equal(outermostActivation(text), expected, text);
  });

  it("nll_loss of the log of 1 - softmax is not told it gets a softmax output (thuml/Transfer-Learning-Library's MDD)", () => {
    // thuml/Transfer-Learning-Library tllib/alignment/mdd.py and tllib/self_training/dst.py (c4aa59e):
    // `F.nll_loss(shift_log(1. - F.softmax(y_adv, dim=1)), prediction)`, where shift_log is a clamped log.
    const call = (prediction: string) =>
      findLossCalls(['import torch.nn.functional as F', '', 'def target_discrepancy(y, y_adv, prediction):', `    return F.nll_loss(${prediction}, prediction)`, ''].join('\n'), 'python')[0]!;
    assert.deepEqual(call('shift_log(1. - F.softmax(y_adv, dim=1))').caveats.filter((c) => /softmax output/.test(c)), []);
    assert.equal(call('F.softmax(y_adv, dim=1)').caveats.filter((c) => /softmax output, not log-probabilities/.test(c)).length, 1);
  });
});
