// The loss shapes of the eval's remaining hover misses, through VS Code's own hover machinery
// (vscode.executeHoverProvider). The patterns, the library facts and the public code that showed each
// are in the unit tests: test/unit/language/lossBaseAttributes.test.ts (a reduction stored by torch's
// _WeightedLoss).
import * as assert from './assert';
import { describeHovers, lossHoverAt } from './fixtures';

const WEIGHTED_LOSS = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'class FocalLoss(nn.modules.loss._WeightedLoss):',
  "    def __init__(self, weight=None, gamma=2, reduction='mean'):",
  '        super(FocalLoss, self).__init__(weight, reduction=reduction)',
  '        self.gamma = gamma',
  '    def forward(self, input, target):',
  '        ce_loss = F.cross_entropy(input, target, reduction=self.reduction, weight=self.weight)',
  '        pt = torch.exp(-ce_loss)',
  '        return ((1 - pt) ** self.gamma * ce_loss).mean()',
  'criterion = FocalLoss(gamma=2)',
  '',
].join('\n');

describeHovers("Hover on a CE whose reduction and weight torch's _WeightedLoss stores", WEIGHTED_LOSS, (opened) => {

  it("F.cross_entropy(..., reduction=self.reduction, weight=self.weight): 'mean' and no weight, from __init__'s defaults (line 5)", async () => {
    const hover = await lossHoverAt(opened(), 'cross_entropy(input', 2);
    assert.ok(hover, 'no hover on F.cross_entropy');
    assert.match(hover, /^\*\*torch\\\.nn\\\.functional\\\.cross\\_entropy\*\*/);
    assert.match(hover, /reduction `"mean"` \*\(line 5\)\* · weight \*\*none\*\* \*\(line 5\)\*/);
    assert.doesNotMatch(hover, /self\.reduction|unresolved/);
  });
});
