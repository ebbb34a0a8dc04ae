import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';

/*
 * A loss object's parameter assigned after it is built. ultralytics/yolov5 utils/loss.py (master, 2024):
 * FocalLoss.__init__ does `self.loss_fcn = loss_fcn` then `self.loss_fcn.reduction = "none"` on the
 * BCEWithLogitsLoss it is given, and forward calls `self.loss_fcn(pred, true)`; the same in
 * ultralytics/yolov3 and the many YOLO copies. PyTorch losses read self.reduction at every call, so
 * the call through the object is not the construction's 'mean': say nothing rather than "mean".
 */

const callees = (src: string) => findLossCalls(src, 'python').map((call) => call.callee);

describe('language: a loss parameter assigned on the object after its construction', () => {
  it("yolov5's FocalLoss: self.loss_fcn.reduction = 'none' leaves the wrapped call unclaimed", () => {
    const src = [
      'import torch.nn as nn',
      'class FocalLoss(nn.Module):',
      '    def __init__(self, loss_fcn, gamma=1.5, alpha=0.25):',
      '        super().__init__()',
      '        self.loss_fcn = loss_fcn',
      '        self.reduction = loss_fcn.reduction',
      "        self.loss_fcn.reduction = 'none'",
      '    def forward(self, pred, true):',
      '        loss = self.loss_fcn(pred, true)',
      '        return loss.mean()',
      'BCEcls = nn.BCEWithLogitsLoss()',
      'BCEcls = FocalLoss(BCEcls, 2.0)',
    ].join('\n');
    assert.ok(!callees(src).includes('self.loss_fcn'), callees(src).join(', '));
  });

  it('a name: crit.reduction = "none" leaves crit(x, y) unclaimed; the construction is still hovered', () => {
    const src = "import torch.nn as nn\ncrit = nn.BCEWithLogitsLoss()\ncrit.reduction = 'none'\nloss = crit(x, y)\n";
    assert.deepEqual(callees(src), ['nn.BCEWithLogitsLoss']);
  });

  it('look-alikes: another object\'s attribute, a comparison, a non-parameter attribute', () => {
    for (const store of ["other.crit.reduction = 'none'", "ok = crit.reduction == 'none'", 'crit.training = False', "my_crit.reduction = 'none'"]) {
      const src = `import torch.nn as nn\ncrit = nn.BCEWithLogitsLoss()\n${store}\nloss = crit(x, y)\n`;
      assert.deepEqual(callees(src), ['nn.BCEWithLogitsLoss', 'crit'], store);
    }
  });

  it("stores on several objects: each call sees its own object's only, also an augmented one (crit_b.weight *= 2)", () => {
    // The stores are found once per version and grouped by the name before the '.': this checks the grouping keeps them apart.
    const src = "import torch.nn as nn\ncrit_a = nn.BCEWithLogitsLoss()\ncrit_b = nn.BCEWithLogitsLoss()\ncrit_b.weight *= 2\nloss_a = crit_a(x, y)\nloss_b = crit_b(x, y)\nself_a = crit_a.reduction\n";
    assert.deepEqual(callees(src), ['nn.BCEWithLogitsLoss', 'nn.BCEWithLogitsLoss', 'crit_a']);
  });

  it("another class's self attribute of the same name does not count (yolov5's BCEBlurWithLogitsLoss beside FocalLoss)", () => {
    const src = [
      'import torch.nn as nn',
      'class BCEBlurWithLogitsLoss(nn.Module):',
      '    def __init__(self, alpha=0.05):',
      '        super().__init__()',
      "        self.loss_fcn = nn.BCEWithLogitsLoss(reduction='none')",
      '    def forward(self, pred, true):',
      '        return self.loss_fcn(pred, true)',
      'class FocalLoss(nn.Module):',
      '    def __init__(self, loss_fcn):',
      '        super().__init__()',
      '        self.loss_fcn = loss_fcn',
      "        self.loss_fcn.reduction = 'none'",
      '    def forward(self, pred, true):',
      '        return self.loss_fcn(pred, true)',
    ].join('\n');
    const first = findLossCalls(src, 'python').filter((call) => call.callee === 'self.loss_fcn');
    assert.equal(first.length, 1, 'BCEBlurWithLogitsLoss.forward is claimed, FocalLoss.forward is not');
    assert.equal(first[0]!.reduction.value, 'none');
  });
});
