// The Loss Explorer's header names where the call it shows stands, file and line (issue 20, item
// 11): a locked panel keeps showing it while the editor moves on to other files.
import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { explorerArgsOf } from '../../../src/extension/explorerCallOf';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';

const callIn = (source: string) => {
  const calls = findLossCalls(source, 'python');
  assert.equal(calls.length, 1);
  return calls[0]!;
};

describe('explorerArgsOf: the label the panel shows', () => {
  it('names the file and the line, for the binary and the multi-class view', () => {
    const focal = callIn('from torchvision.ops import sigmoid_focal_loss\nloss = sigmoid_focal_loss(x, y, alpha=0.25, gamma=2)\n');
    assert.equal(explorerArgsOf(focal, 11, DEFAULT_SETTINGS, 'retinanet_train.py').call?.label, 'torchvision.ops.sigmoid_focal_loss (retinanet_train.py, line 12)');
    const ce = callIn('import torch.nn as nn\ncriterion = nn.CrossEntropyLoss(weight=torch.tensor([0.2, 0.8]))\n');
    assert.equal(explorerArgsOf(ce, 4, DEFAULT_SETTINGS, 'train.py').multiclassCall?.label, 'torch.nn.CrossEntropyLoss (train.py, line 5)');
    // Without a file (a caller that has none), the line alone, as before.
    assert.equal(explorerArgsOf(focal, 0, DEFAULT_SETTINGS).call?.label, 'torchvision.ops.sigmoid_focal_loss (line 1)');
  });
});
