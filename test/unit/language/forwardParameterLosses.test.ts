import * as assert from 'node:assert/strict';
import { findLossCalls, type ImportedSources } from '../../../src/language/recognition';

/*
 * A loss class whose forward, not its __init__, takes alpha and gamma: the "Loss Function Library - Keras &
 * PyTorch" Kaggle notebook's FocalLoss, copied as luca-medeiros/lightning-sam lightning_sam/losses.py (eval set 8),
 * herolava259/gr_project, Koul-wen-dey/computer_vision hw2/Focal_Loss.py and code-index hits 3766626406,
 * 55499695427. `criterion = FocalLoss()` builds it; `criterion(inputs, targets)` runs forward with alpha=ALPHA,
 * gamma=GAMMA unless the call passes others (lightning-sam's train.py passes num_masks third: into alpha).
 */

const KAGGLE = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  'ALPHA = 0.8',
  'GAMMA = 2',
  '',
  'class FocalLoss(nn.Module):',
  '    def __init__(self, weight=None, size_average=True):',
  '        super().__init__()',
  '',
  '    def forward(self, inputs, targets, alpha=ALPHA, gamma=GAMMA, smooth=1):',
  '        inputs = F.sigmoid(inputs)',
  '        inputs = inputs.view(-1)',
  '        targets = targets.view(-1)',
  "        BCE = F.binary_cross_entropy(inputs, targets, reduction='mean')",
  '        BCE_EXP = torch.exp(-BCE)',
  '        focal_loss = alpha * (1 - BCE_EXP)**gamma * BCE',
  '        return focal_loss',
  '',
].join('\n');

const userCalls = (src: string, imported?: ImportedSources) => findLossCalls(src, 'python', undefined, imported).filter((call) => call.api === 'user:FocalLoss');

describe("language: a loss class whose forward takes alpha and gamma", () => {
  it("an instance's call gets forward's defaults from the module constants, and its batch-mean focal factor is said", () => {
    const src = `${KAGGLE}criterion = FocalLoss()\nloss = criterion(pred, gt)\n`;
    const calls = userCalls(src);
    assert.equal(calls.length, 1, 'the construction is no loss call; the instance call is');
    const [call] = calls;
    assert.equal(src.slice(call!.nameStart, call!.nameEnd), 'criterion');
    assert.equal(call!.kind, 'focal');
    assert.deepEqual([call!.alpha.value, call!.alpha.origin], [0.8, { kind: 'resolved', line: 4 }]);
    assert.deepEqual([call!.gamma.value, call!.gamma.origin], [2, { kind: 'resolved', line: 5 }]);
    assert.equal(call!.builtAt?.how, 'instance');
    // Its focal factor comes from a batch-mean BCE: no paper formula, the reason said.
    assert.match(call!.notModeled ?? '', /batch's mean cross-entropy/);
  });

  it('the values the call passes, by position after (inputs, targets) or by keyword', () => {
    const src = `${KAGGLE}criterion = FocalLoss()\na = criterion(pred, gt, 0.25, 1)\nb = criterion(pred, gt, gamma=3)\nc = criterion(pred, gt, num_masks)\n`;
    const [a, b, c] = userCalls(src);
    assert.deepEqual([a!.alpha.value, a!.alpha.origin.kind, a!.gamma.value], [0.25, 'explicit', 1]);
    assert.deepEqual([b!.alpha.value, b!.gamma.value, b!.gamma.origin.kind], [0.8, 3, 'explicit']);
    // lightning-sam's train.py: a count passed where forward takes alpha is shown as what it is.
    assert.deepEqual([c!.alpha.value, c!.alpha.origin.kind, c!.alpha.text], [undefined, 'unresolved', 'num_masks']);
  });

  it('imported from another file: the values and where they are come from there', () => {
    const imported: ImportedSources = { get: (module) => (module === 'losses' ? { text: KAGGLE, file: 'losses.py' } : undefined) };
    const [call] = userCalls('from losses import FocalLoss\ncrit = FocalLoss()\nloss = crit(pred, gt)\n', imported);
    assert.deepEqual([call!.alpha.value, call!.alpha.origin], [0.8, { kind: 'resolved', line: 4, file: 'losses.py' }]);
  });

  it('silent: an __init__ that keeps its own alpha, a forward without alpha or gamma, a name that says no loss', () => {
    const kept = KAGGLE.replace('        super().__init__()', '        super().__init__()\n        self.alpha = 0.5');
    assert.deepEqual(userCalls(`${kept}criterion = FocalLoss()\nloss = criterion(pred, gt)\n`), []);
    const noParams = KAGGLE.replace('alpha=ALPHA, gamma=GAMMA, ', '');
    assert.deepEqual(userCalls(`${noParams}criterion = FocalLoss()\nloss = criterion(pred, gt)\n`), []);
    const discount = [
      'import torch.nn as nn',
      'class Returns(nn.Module):',
      '    def forward(self, rewards, values, gamma=0.99):',
      '        return rewards + gamma * values',
      'r = Returns()',
      'out = r(rew, val)',
    ].join('\n');
    assert.deepEqual(findLossCalls(discount, 'python'), []);
  });
});
