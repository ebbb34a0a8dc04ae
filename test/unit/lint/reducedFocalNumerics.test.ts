// focal-on-reduced-loss's quick fix, run: for each form the rule finds, the fixed code (the lint's own
// preferred fix applied) is executed with PyTorch on random inputs and compared with the per-sample
// focal loss reduced as the loss was (issue 23: "a quick fix for 90% of the fixable ones"). The
// classes are our own, in the shape of the public code each names. Skips without python3 + torch.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix } from './applyEdits';
import { py } from '../../fixtures/pySource';
import { pythonWithTorch, runTorch } from './torchPython';
import { FIX_SHAPE_CASES } from '../../fixtures/lintFixShapeCases';

interface NumericCase {
  readonly name: string;
  readonly source: string;
  readonly code: string;
  /** Python: `O` and `N` are the namespaces of the original and the fixed code; sets `rows` to [label, got, want] triples. */
  readonly check: string;
}

const CASES: readonly NumericCase[] = [
  {
    name: 'logpt = -F.cross_entropy(...) (the default mean), the product scaled then returned',
    source: 'c0nn3r/RetinaNet focal_loss.py @ c953ab7 (logpt = - F.cross_entropy(output, target); issue #8)',
    code: py`
      import torch
      import torch.nn as nn
      import torch.nn.functional as F

      class FocalLoss(nn.Module):
          def __init__(self, focusing_param=2, balance_param=0.25):
              super().__init__()
              self.focusing_param = focusing_param
              self.balance_param = balance_param

          def forward(self, output, target):
              logpt = -F.cross_entropy(output, target)
              pt = torch.exp(logpt)
              focal_loss = -((1 - pt) ** self.focusing_param) * logpt
              balanced_focal_loss = self.balance_param * focal_loss
              return balanced_focal_loss
    `,
    check: `
x = torch.randn(16, 5); y = torch.randint(0, 5, (16,))
ce = F.cross_entropy(x, y, reduction='none'); pt = torch.exp(-ce)
rows = [['default', N['FocalLoss']()(x, y), 0.25 * ((1 - pt) ** 2 * ce).mean()],
        ['gamma 3', N['FocalLoss'](3, 0.5)(x, y), 0.5 * ((1 - pt) ** 3 * ce).mean()]]
`,
  },
  {
    name: "torch's _WeightedLoss stores reduction='mean'; logpt = -binary_cross_entropy_with_logits(..., reduction=self.reduction); the product returned unreduced",
    source: 'andrijdavid/FocalLoss focalloss.py @ ba1e576 (FocalLoss2d(nn.modules.loss._WeightedLoss); issues #1, #2)',
    code: py`
      import torch
      import torch.nn as nn
      import torch.nn.functional as F

      class FocalLoss2d(nn.modules.loss._WeightedLoss):
          def __init__(self, gamma=2, weight=None, size_average=None, reduce=None, reduction='mean', balance_param=0.25):
              super(FocalLoss2d, self).__init__(weight, size_average, reduce, reduction)
              self.gamma = gamma
              self.balance_param = balance_param

          def forward(self, input, target):
              logpt = -F.binary_cross_entropy_with_logits(input, target, pos_weight=self.weight, reduction=self.reduction)
              pt = torch.exp(logpt)
              focal_loss = -((1 - pt) ** self.gamma) * logpt
              balanced_focal_loss = self.balance_param * focal_loss
              return balanced_focal_loss
    `,
    check: `
x = torch.randn(8, 4); t = torch.randint(0, 2, (8, 4)).double()
bce = F.binary_cross_entropy_with_logits(x, t, reduction='none'); pt = torch.exp(-bce)
fl = 0.25 * (1 - pt) ** 2 * bce
rows = [['mean (the default)', N['FocalLoss2d']()(x, t), fl.mean()],
        ['sum', N['FocalLoss2d'](reduction='sum')(x, t), fl.sum()],
        ['none', N['FocalLoss2d'](reduction='none')(x, t), fl],
        ['none, as the original gave it', N['FocalLoss2d'](reduction='none')(x, t), O['FocalLoss2d'](reduction='none')(x, t)]]
`,
  },
  {
    name: "_WeightedLoss with super().__init__(weight, reduction=reduction); the code's own .mean() on the product",
    source: 'gokulprasadthekkel/pytorch-multi-class-focal-loss focal_loss.py @ 22a5989 (issue #1)',
    code: py`
      import torch
      import torch.nn as nn
      import torch.nn.functional as F

      class FocalLoss(nn.modules.loss._WeightedLoss):
          def __init__(self, weight=None, gamma=2, reduction='mean'):
              super(FocalLoss, self).__init__(weight, reduction=reduction)
              self.gamma = gamma
              self.weight = weight

          def forward(self, input, target):
              ce_loss = F.cross_entropy(input, target, reduction=self.reduction, weight=self.weight)
              pt = torch.exp(-ce_loss)
              focal_loss = ((1 - pt) ** self.gamma * ce_loss).mean()
              return focal_loss
    `,
    check: `
x = torch.randn(32, 6); y = torch.randint(0, 6, (32,))
ce = F.cross_entropy(x, y, reduction='none'); pt = torch.exp(-ce)
rows = [['mean (the default)', N['FocalLoss']()(x, y), ((1 - pt) ** 2 * ce).mean()],
        ['none, as the original gave it', N['FocalLoss'](reduction='none')(x, y), O['FocalLoss'](reduction='none')(x, y)]]
`,
  },
  {
    name: 'legacy size_average=self.size_average (True by default), logpt scaled by alpha in place, the product divided by the batch',
    source: 'jfzhang95/pytorch-deeplab-xception utils/loss.py @ 9135e10 (SegmentationLosses.FocalLoss; issue #133)',
    code: py`
      import torch
      import torch.nn as nn

      class SegmentationLosses(object):
          def __init__(self, weight=None, size_average=True, batch_average=True, ignore_index=255):
              self.ignore_index = ignore_index
              self.weight = weight
              self.size_average = size_average
              self.batch_average = batch_average

          def FocalLoss(self, logit, target, gamma=2, alpha=0.5):
              n, c, h, w = logit.size()
              criterion = nn.CrossEntropyLoss(weight=self.weight, ignore_index=self.ignore_index,
                                              size_average=self.size_average)
              logpt = -criterion(logit, target.long())
              pt = torch.exp(logpt)
              if alpha is not None:
                  logpt *= alpha
              loss = -((1 - pt) ** gamma) * logpt
              if self.batch_average:
                  loss /= n
              return loss
    `,
    check: `
x = torch.randn(2, 3, 4, 4); y = torch.randint(0, 3, (2, 4, 4))
ce = F.cross_entropy(x, y, reduction='none'); pt = torch.exp(-ce)
fl = 0.5 * (1 - pt) ** 2 * ce
rows = [['size_average True (the default)', N['SegmentationLosses']().FocalLoss(x, y), fl.mean() / 2],
        ['size_average False', N['SegmentationLosses'](size_average=False).FocalLoss(x, y), fl.sum() / 2],
        ['gamma 0, no alpha: the CE as before', N['SegmentationLosses']().FocalLoss(x, y, gamma=0, alpha=None), O['SegmentationLosses']().FocalLoss(x, y, gamma=0, alpha=None)]]
`,
  },
  {
    // The lint corpus's own case of this shape (FIX_SHAPE_CASES), run.
    name: "self.reduction = reduction ('mean' by default) in an nn.Module; the code's own .mean()",
    source: FIX_SHAPE_CASES[0]!.source,
    code: FIX_SHAPE_CASES[0]!.code,
    check: `
x = torch.randn(20, 4); y = torch.randint(0, 4, (20,))
ce = F.cross_entropy(x, y, reduction='none'); pt = torch.exp(-ce)
rows = [['mean (the default)', N['FocalLoss']()(x, y), ((1 - pt) ** 2 * ce).mean()],
        ['gamma 1', N['FocalLoss'](gamma=1)(x, y), ((1 - pt) * ce).mean()]]
`,
  },
  {
    name: "reduction='sum' written, the product held by a name and returned",
    source: "the BCE-with-logits focal loss of Kaggle segmentation kernels (BCE = F.binary_cross_entropy_with_logits(inputs, targets, reduction='mean'); BCE_EXP = torch.exp(-BCE)), copied across many repositories; written with 'sum'",
    code: py`
      import torch
      import torch.nn as nn
      import torch.nn.functional as F

      class FocalLoss(nn.Module):
          def __init__(self, alpha=0.8, gamma=2):
              super().__init__()
              self.alpha = alpha
              self.gamma = gamma

          def forward(self, inputs, targets):
              BCE = F.binary_cross_entropy_with_logits(inputs, targets, reduction='sum')
              BCE_EXP = torch.exp(-BCE)
              focal_loss = self.alpha * (1 - BCE_EXP) ** self.gamma * BCE
              return focal_loss
    `,
    check: `
x = torch.randn(10, 3); t = torch.randint(0, 2, (10, 3)).double()
bce = F.binary_cross_entropy_with_logits(x, t, reduction='none'); pt = torch.exp(-bce)
rows = [['sum', N['FocalLoss']()(x, t), (0.8 * (1 - pt) ** 2 * bce).sum()]]
`,
  },
];

const DRIVER = `
out = []
for case in request:
    O, N = {}, {}
    exec(case['original'], O)
    exec(case['fixed'], N)
    scope = {'O': O, 'N': N, 'torch': torch, 'F': F}
    exec(case['check'], scope)
    for label, got, want in scope['rows']:
        got, want = torch.as_tensor(got), torch.as_tensor(want)
        same = tuple(got.shape) == tuple(want.shape)
        out.append({'case': case['name'], 'label': label, 'shape': same, 'diff': float((got - want).abs().max()) if same else None})
print(json.dumps(out))
`;

describe("focal-on-reduced-loss's fix, computed with PyTorch", function () {
  const fixed = CASES.map((c) => {
    const findings = lintPython(c.code).filter((f) => f.rule === 'focal-on-reduced-loss');
    assert.equal(findings.length, 1, `${c.name}: ${JSON.stringify(findings.map((f) => f.message))}`);
    const fix = findings[0]!.fixes[0];
    return { c, fix, text: fix ? applyFix(c.code, fix) : '' };
  });

  for (const { c, fix, text } of fixed) {
    it(`${c.name}: one safe preferred fix; the fixed code is not reported`, () => {
      assert.ok(fix, 'a fix');
      assert.deepEqual([fix.safety, fix.preferred], ['safe', true]);
      assert.deepEqual(lintPython(text).filter((f) => f.rule === 'focal-on-reduced-loss'), []);
    });
  }

  it('each fixed class computes the per-sample focal loss, reduced as the loss was (random inputs, float64)', function () {
    if (!pythonWithTorch()) this.skip(); // python3 with torch (Debian's python3-torch) is not installed here
    this.timeout(120000);
    const rows = runTorch(DRIVER, fixed.map(({ c, text }) => ({ name: c.name, original: c.code, fixed: text, check: c.check }))) as { case: string; label: string; shape: boolean; diff: number | null }[];
    assert.equal(rows.length, 14);
    for (const row of rows) {
      assert.ok(row.shape, `${row.case} / ${row.label}: the shape differs`);
      assert.ok(row.diff! < 1e-12, `${row.case} / ${row.label}: off by ${row.diff}`);
    }
  });

  it('the original code does not (the check can fail): the batch-mean focal factor differs from the per-sample one', function () {
    if (!pythonWithTorch()) this.skip(); // python3 with torch (Debian's python3-torch) is not installed here
    this.timeout(120000);
    const rows = runTorch(DRIVER, fixed.map(({ c }) => ({ name: c.name, original: c.code, fixed: c.code, check: c.check }))) as { label: string; shape: boolean; diff: number | null }[];
    const differs = rows.filter((r) => !r.shape || r.diff! > 1e-6).map((r) => r.label);
    // Everything but the rows that compare with the original itself, and the 'none' construction (per element already right).
    assert.deepEqual(differs, ['default', 'gamma 3', 'mean (the default)', 'sum', 'mean (the default)', 'size_average True (the default)', 'size_average False', 'mean (the default)', 'gamma 1', 'sum']);
  });
});
