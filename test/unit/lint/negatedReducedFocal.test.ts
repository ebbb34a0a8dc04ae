// focal-on-reduced-loss through a name that holds minus the reduced loss (issue 23, set 7's hand-written
// focal variants): `bce_loss = self.bce_loss(input, target)` with the default 'mean', then
// `logpt = -bce_loss`, `pt = torch.exp(logpt)` and `-((1 - pt) ** gamma) * logpt`.
//
// Real code:
//   ZingyKizz/YandexCup2023-ML-RecSys lib/training/criterion.py @f08c85d (FocalLoss(gamma=2, alpha=0.25),
//     `self.bce_loss = nn.BCEWithLogitsLoss()`, the shape in the first test); the repository's next version
//     of the class (27ed245 "add focal loss", still so at 7313938) computes p_t per element from
//     `torch.sigmoid(input)` and takes the mean at the end: the fixed version, silent; the same class with
//     `focus_param` / `balance_param` in code-index hit 19474360957 (repository not named by the index).
//   The one-step form it comes from, c0nn3r/RetinaNet focal_loss.py (`logpt = -F.cross_entropy(...)`),
//     was already found; kept here as a control.
// Checked against torch 2.x: BCEWithLogitsLoss() and F.binary_cross_entropy_with_logits default to
// reduction='mean', so `bce_loss` is one number for the batch and exp(-bce_loss) is no sample's p_t.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { lossCallAt } from '../../../src/language/recognition';
import { applyFix } from './applyEdits';
import { py } from '../../fixtures/pySource';

const rules = (code: string) => lintPython(code).filter((f) => f.rule === 'focal-on-reduced-loss');

const YANDEX = py`
  from torch.nn import BCEWithLogitsLoss
  from torch import nn
  import torch


  class FocalLoss(nn.Module):
      def __init__(self, gamma=2, alpha=0.25):
          super().__init__()
          self.bce_loss = nn.BCEWithLogitsLoss()
          self.focus_param = gamma
          self.balance_param = alpha

      def forward(self, input, target):
          bce_loss = self.bce_loss(input, target)
          logpt = -bce_loss
          pt = torch.exp(logpt)
          focal_loss = -((1 - pt) ** self.focus_param) * logpt * self.balance_param
          return focal_loss
`;

describe('loss lint: focal-on-reduced-loss through `logpt = -loss`', () => {
  it('YandexCup2023 criterion.py: exp(logpt) of minus a reduced BCEWithLogitsLoss is found, with a safe fix', () => {
    const found = rules(YANDEX);
    assert.equal(found.length, 1, JSON.stringify(found));
    const f = found[0]!;
    assert.equal(YANDEX.slice(f.start, f.end), 'torch.exp(logpt)');
    assert.match(f.message, /`logpt` is one number for the whole batch \(minus BCEWithLogitsLoss with reduction='mean'\)/);
    assert.equal(YANDEX.slice(f.related!.start, f.related!.end), 'self.bce_loss(input, target)');
    assert.deepEqual(f.fixes.map((x) => [x.safety, x.preferred]), [['safe', true]]);
    const fixed = applyFix(YANDEX, f.fixes[0]!);
    assert.match(fixed, /self\.bce_loss = nn\.BCEWithLogitsLoss\(reduction='none'\)/);
    assert.match(fixed, /^ {8}return focal_loss\.mean\(\)$/m);
    assert.deepEqual(rules(fixed), []);
  });

  it('the functional form, F.binary_cross_entropy_with_logits left at its default', () => {
    const code = py`
      import torch
      import torch.nn.functional as F

      def focal(inputs, targets, gamma=2):
          bce_loss = F.binary_cross_entropy_with_logits(inputs, targets)
          logpt = -bce_loss
          pt = torch.exp(logpt)
          return -((1 - pt) ** gamma) * logpt
    `;
    const found = rules(code);
    assert.equal(found.length, 1);
    const fixed = applyFix(code, found[0]!.fixes[0]!);
    assert.match(fixed, /binary_cross_entropy_with_logits\(inputs, targets, reduction='none'\)/);
    assert.match(fixed, /return \(-\(\(1 - pt\) \*\* gamma\) \* logpt\)\.mean\(\)$/m);
  });

  it('the loss read elsewhere too (logged): found, and the fix is the reduction alone (unsafe)', () => {
    const code = YANDEX.replace('        logpt = -bce_loss\n', '        self.last = bce_loss.item()\n        logpt = -bce_loss\n');
    const found = rules(code);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.fixes.map((x) => x.safety), ['unsafe']);
  });

  it('silent: per-sample loss, a negation that is not the whole statement, the name rebound before the exp', () => {
    const silent = [
      YANDEX.replace('nn.BCEWithLogitsLoss()', "nn.BCEWithLogitsLoss(reduction='none')"),
      // minus the loss times a weight: not the negated loss alone.
      YANDEX.replace('logpt = -bce_loss', 'logpt = -bce_loss * self.w'),
      // logpt rebound to a per-sample value before exp.
      YANDEX.replace('        pt = torch.exp(logpt)', '        logpt = -F.binary_cross_entropy_with_logits(input, target, reduction="none")\n        pt = torch.exp(logpt)'),
      // bce_loss rebound to a per-sample value before the negation.
      YANDEX.replace('        logpt = -bce_loss', '        bce_loss = F.binary_cross_entropy_with_logits(input, target, reduction="none")\n        logpt = -bce_loss'),
    ];
    for (const code of silent) assert.deepEqual(rules(code), [], code);
  });

  it("YandexCup2023's own fixed version (p_t per element from the sigmoid, the mean at the end) is silent", () => {
    const fixed = py`
      import torch
      from torch import nn

      class FocalLoss(nn.Module):
          def __init__(self, gamma=2):
              super().__init__()
              self.gamma = gamma

          def forward(self, input, target):
              p = torch.sigmoid(input)
              p = torch.where(target >= 0.5, p, 1 - p)
              logp = -torch.log(torch.clamp(p, 1e-4, 1 - 1e-4))
              loss = logp * ((1 - p) ** self.gamma)
              return loss.mean()
    `;
    assert.deepEqual(lintPython(fixed).map((f) => f.rule), []);
  });

  it("the hover reads the same body: YandexCup2023's FocalLoss shows no paper formula, and says why", () => {
    const code = YANDEX + 'criterion = FocalLoss(gamma=2, alpha=0.25)\n';
    const call = lossCallAt(code, code.indexOf('FocalLoss(gamma=2, alpha') + 1, 'python');
    assert.equal(call?.api, 'user:FocalLoss');
    assert.match(call?.notModeled ?? '', /FocalLoss takes its focal factor from the batch's mean cross-entropy \(nn\.BCEWithLogitsLoss, reduction='mean', line 14\)/);
    const perSample = code.replace('nn.BCEWithLogitsLoss()', "nn.BCEWithLogitsLoss(reduction='none')");
    assert.doesNotMatch(lossCallAt(perSample, perSample.indexOf('FocalLoss(gamma=2, alpha') + 1, 'python')?.notModeled ?? '', /batch's mean/);
  });
});

// The other ways p_t = exp(-CE) is written. Per-sample look-alikes from public code (code-index hits, the
// index names no repository): `pt = torch.exp(-1 * ce_loss)` after `F.cross_entropy(..., reduction='none')`
// (hits 6749178000, 21480675925) and after `binary_cross_entropy_with_logits(..., reduction="none")`
// (25282036874); `pt = (-ce_loss).exp()` after `reduction="none"` (58582860822, 56975115478, 29399717191).
describe('loss lint: focal-on-reduced-loss, exp(-1 * ce), (-ce).exp() and logpt.exp()', () => {
  const focal = (lines: string) => ['import torch', 'import torch.nn.functional as F', '', 'def focal_loss(inputs, targets, gamma=2.0):', `    ${lines}`, ''].join('\n');
  const forms = [
    ['ce_loss = F.cross_entropy(inputs, targets)\n    pt = torch.exp(-1 * ce_loss)\n    return ((1 - pt) ** gamma * ce_loss).mean()', 'torch.exp(-1 * ce_loss)'],
    ['ce_loss = F.cross_entropy(inputs, targets)\n    pt = (-ce_loss).exp()\n    return ((1 - pt) ** gamma * ce_loss).mean()', '(-ce_loss).exp()'],
    ['logpt = -F.cross_entropy(inputs, targets)\n    pt = logpt.exp()\n    return (-((1 - pt) ** gamma) * logpt).mean()', 'logpt.exp()'],
  ] as const;

  it('found on the batch mean, the exp underlined; silent per sample', () => {
    for (const [body, exp] of forms) {
      const code = focal(body);
      const found = rules(code);
      assert.equal(found.length, 1, code);
      assert.equal(code.slice(found[0]!.start, found[0]!.end), exp);
      const fixed = applyFix(code, found[0]!.fixes[0]!);
      assert.match(fixed, /F\.cross_entropy\(inputs, targets, reduction='none'\)/);
      assert.deepEqual(rules(fixed), []);
    }
  });

  it('silent: exp(-2 * ce), f(-ce).exp() (a call of its own), x.exp() of a name not holding the loss', () => {
    const silent = [
      'ce_loss = F.cross_entropy(inputs, targets)\n    pt = torch.exp(-2 * ce_loss)\n    return ((1 - pt) ** gamma * ce_loss).mean()',
      'ce_loss = F.cross_entropy(inputs, targets)\n    pt = scale(-ce_loss).exp()\n    return ((1 - pt) ** gamma * ce_loss).mean()',
      'ce_loss = F.cross_entropy(inputs, targets)\n    logpt = F.log_softmax(inputs, dim=1)\n    pt = logpt.exp()\n    return ((1 - pt) ** gamma * ce_loss).mean()',
    ];
    for (const body of silent) assert.deepEqual(rules(focal(body)), [], body);
  });
});
