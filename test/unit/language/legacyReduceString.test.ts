// PyTorch's deprecated reduce / size_average given a string (`reduce='none'`, the copied segmentation
// structure_loss): torch/nn/_reduction.py legacy_get_string takes them as truth values, so the loss is the mean.
// Checked with torch 1.13: F.binary_cross_entropy_with_logits(x, y, reduce='none') is a 0-d tensor equal to the mean.
import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';

describe("the hover's reduction for a string given to reduce / size_average", () => {
  it("reduce='none' is 'mean', and the hover says why", () => {
    const [call] = findLossCalls(`import torch.nn.functional as F\nwbce = F.binary_cross_entropy_with_logits(pred, mask, reduce='none')\n`, 'python');
    assert.equal(call!.reduction.value, 'mean');
    assert.ok(call!.caveats.some((c) => c === "reduce='none' is a string, and any non-empty string counts as True for the deprecated reduce: the reduction is 'mean' (reduction='none' was meant)."), call!.caveats.join(' | '));
  });

  it("size_average=False with reduce='none' is 'sum'; booleans keep the deprecated note", () => {
    const [both, plain] = findLossCalls(`import torch.nn as nn\na = nn.BCELoss(size_average=False, reduce='none')\nb = nn.BCELoss(size_average=False)\n`, 'python');
    assert.equal(both!.reduction.value, 'sum');
    assert.equal(plain!.reduction.value, 'sum');
    assert.ok(plain!.caveats.some((c) => /^size_average=False \(deprecated\) makes the reduction 'sum'/.test(c)), plain!.caveats.join(' | '));
  });
});
