// Quick fixes whose shape follows the code (issue 23, third pass; corpus in
// test/fixtures/lintFixShapeCases.ts): focal-on-reduced-loss's reduction='none' with the focal loss
// reduced where it is returned, and a producer that rebinds the name it reads.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix as apply } from './applyEdits';
import { py } from '../../fixtures/pySource';

const only = (code: string, rule: string) => {
  const found = lintPython(code).filter((f) => f.rule === rule);
  assert.equal(found.length, 1, JSON.stringify(found.map((f) => f.message)));
  return found[0]!;
};

/** A FocalLoss class with `setup` in __init__ and `body` as forward (its later lines indented as in the class, 8 spaces). */
const focal = (setup: string, forward: string) => focalClass(setup, forward.replace(/\n(?=.)/g, '\n  '));
const focalClass = (setup: string, body: string) => py`
  import torch
  import torch.nn as nn
  import torch.nn.functional as F

  class FocalLoss(nn.Module):
      def __init__(self, alpha=0.8, gamma=2):
          super().__init__()
          self.alpha = alpha
          self.gamma = gamma
          ${setup}

      def forward(self, inputs, targets):
          ${body}
`;

describe('loss lint: fixes shaped by the code', () => {
  it("focal-on-reduced-loss: the product returned as it is gets .mean(), with reduction='none' where the loss is set (safe)", () => {
    const code = focal('pass', [
      "BCE = F.binary_cross_entropy(inputs, targets, reduction='mean')",
      '        BCE_EXP = torch.exp(-BCE)',
      '        focal_loss = self.alpha * (1 - BCE_EXP) ** self.gamma * BCE',
      '        return focal_loss',
    ].join('\n'));
    const f = only(code, 'focal-on-reduced-loss');
    assert.deepEqual(f.fixes.map((x) => [x.title, x.safety, x.preferred]), [["Compute `BCE` per sample (reduction='none') and take the mean of the focal loss", 'safe', true]]);
    const fixed = apply(code, f.fixes[0]!);
    assert.match(fixed, /reduction='none'\)$/m);
    assert.match(fixed, /^ {8}return focal_loss\.mean\(\)$/m);
    // What is left is this binary focal loss's alpha (0.8 for every element): focal-alpha-unbalanced, another mistake.
    assert.deepEqual(lintPython(fixed).map((x) => x.rule), ['focal-alpha-unbalanced']);
  });

  it("focal-on-reduced-loss: 'sum' gives .sum(); a product written in the return is parenthesised; an already reduced return is left", () => {
    const sum = focal('pass', 'ce = F.cross_entropy(inputs, targets, reduction="sum")\n        pt = torch.exp(-ce)\n        return self.alpha * (1 - pt) ** self.gamma * ce');
    const fixedSum = apply(sum, only(sum, 'focal-on-reduced-loss').fixes[0]!);
    assert.match(fixedSum, /reduction="none"\)/);
    assert.match(fixedSum, /return \(self\.alpha \* \(1 - pt\) \*\* self\.gamma \* ce\)\.sum\(\)$/m);

    const reduced = focal('self.ce = nn.CrossEntropyLoss()', 'ce = self.ce(inputs, targets)\n        pt = torch.exp(-ce)\n        F_loss = self.alpha * (1 - pt) ** self.gamma * ce\n        return torch.mean(F_loss)');
    const f = only(reduced, 'focal-on-reduced-loss');
    assert.equal(f.fixes[0]!.safety, 'safe');
    assert.deepEqual(f.fixes[0]!.edits.map((e) => e.newText), ["reduction='none'"]);
    assert.match(apply(reduced, f.fixes[0]!), /self\.ce = nn\.CrossEntropyLoss\(reduction='none'\)/);
  });

  it('focal-on-reduced-loss: unsafe (the reduction alone) when the loss, p_t or the instance is read elsewhere, or a tuple is returned', () => {
    const cases = [
      // The batch loss logged: per sample, .item() fails.
      "ce = F.cross_entropy(inputs, targets)\n        pt = torch.exp(-ce)\n        self.last = ce.item()\n        return ((1 - pt) ** 2 * ce).mean()",
      // p_t returned beside the loss.
      'ce = F.cross_entropy(inputs, targets)\n        pt = torch.exp(-ce)\n        return (1 - pt) ** 2 * ce, pt',
      // The product reduced by one reader and kept whole by another: per sample, the history's entries change shape.
      'ce = F.cross_entropy(inputs, targets)\n        pt = torch.exp(-ce)\n        loss = (1 - pt) ** 2 * ce\n        self.history.append(loss)\n        return loss.mean()',
      // The product read twice: by a history and by the return.
      'ce = F.cross_entropy(inputs, targets)\n        pt = torch.exp(-ce)\n        loss = (1 - pt) ** 2 * ce\n        self.history.append(loss)\n        return loss',
      // Masked after it: the mean the author meant is over the mask, not every sample.
      'ce = F.cross_entropy(inputs, targets)\n        pt = torch.exp(-ce)\n        loss = (1 - pt) ** 2 * ce\n        return (loss * self.mask).sum() / self.mask.sum()',
    ];
    for (const body of cases) {
      const f = only(focal('pass', body), 'focal-on-reduced-loss');
      assert.deepEqual(f.fixes.map((x) => [x.safety, x.preferred]), [['unsafe', false]], body);
      assert.match(f.fixes[0]!.title, /reduce it where it is used/);
    }
    // The product reduced where it is made when what follows only scales it and returns it: that sees one number, as before.
    const scaled = focal('pass', 'ce = F.cross_entropy(inputs, targets)\n        pt = torch.exp(-ce)\n        loss = (1 - pt) ** 2 * ce\n        loss /= 2\n        weighted = self.alpha * loss\n        return weighted');
    const g = only(scaled, 'focal-on-reduced-loss');
    assert.deepEqual(g.fixes.map((x) => [x.safety, x.preferred]), [['safe', true]]);
    assert.match(apply(scaled, g.fixes[0]!), /^ {8}loss = \(\(1 - pt\) \*\* 2 \* ce\)\.mean\(\)$/m);
    // The instance is called elsewhere too: reduction='none' there changes that call.
    const shared = focal('self.ce = nn.CrossEntropyLoss()', 'ce = self.ce(inputs, targets)\n        pt = torch.exp(-ce)\n        return ((1 - pt) ** 2 * ce).mean()\n\n    def plain(self, x, y):\n        return self.ce(x, y)');
    assert.deepEqual(only(shared, 'focal-on-reduced-loss').fixes.map((x) => x.safety), ['unsafe']);
  });

  it("focal-on-reduced-loss through an __init__ default: the message says where the default is; the fix sets the loss per sample and keeps the code's own .mean()", () => {
    const code = py`
      import torch
      import torch.nn as nn
      import torch.nn.functional as F

      class FocalLoss(nn.Module):
          def __init__(self, gamma=2, reduction='mean'):
              super().__init__()
              self.gamma = gamma
              self.reduction = reduction

          def forward(self, inputs, targets):
              ce_loss = F.cross_entropy(inputs, targets, reduction=self.reduction)
              pt = torch.exp(-ce_loss)
              return ((1 - pt) ** self.gamma * ce_loss).mean()
    `;
    const f = only(code, 'focal-on-reduced-loss');
    assert.match(f.message, /cross_entropy with reduction=self\.reduction, which is 'mean' by the default of `reduction`/);
    assert.equal(code.slice(f.related!.start, f.related!.end), "'mean'");
    // A construction elsewhere with reduction='none' got per-sample CE and the mean of its focal loss: it still does.
    assert.deepEqual(f.fixes.map((x) => [x.title, x.safety, x.preferred]), [["Compute `ce_loss` per sample (reduction='none') and take the mean of the focal loss", 'safe', true]]);
    assert.match(apply(code, f.fixes[0]!), /F\.cross_entropy\(inputs, targets, reduction='none'\)/);
  });

  it("focal-on-reduced-loss: the title says the added mean is plain where a cross-entropy's own mean was weighted (ignore_index, class weights), not for a BCE's element weights", () => {
    const note = /a plain mean over the elements/;
    const ce = focal('pass', "ce = F.cross_entropy(inputs, targets, ignore_index=255)\n        pt = torch.exp(-ce)\n        return self.alpha * (1 - pt) ** self.gamma * ce");
    assert.match(only(ce, 'focal-on-reduced-loss').fixes[0]!.title, note);
    const weighted = focal('pass', 'ce = F.cross_entropy(inputs, targets, self.class_weights)\n        pt = torch.exp(-ce)\n        return self.alpha * (1 - pt) ** self.gamma * ce');
    assert.match(only(weighted, 'focal-on-reduced-loss').fixes[0]!.title, note);
    const bce = focal('pass', 'bce = F.binary_cross_entropy(inputs, targets, self.pixel_weights)\n        pt = torch.exp(-bce)\n        return self.alpha * (1 - pt) ** self.gamma * bce');
    assert.doesNotMatch(only(bce, 'focal-on-reduced-loss').fixes[0]!.title, note);
    const plain = focal('pass', 'ce = F.cross_entropy(inputs, targets)\n        pt = torch.exp(-ce)\n        return self.alpha * (1 - pt) ** self.gamma * ce');
    assert.doesNotMatch(only(plain, 'focal-on-reduced-loss').fixes[0]!.title, note);
  });

  it("focal-on-reduced-loss by the class's self.reduction: unsafe when the product is returned unreduced (no place for the class's reduction), none for a legacy reduce=self.reduce", () => {
    const returned = py`
      import torch
      import torch.nn as nn
      import torch.nn.functional as F

      class FocalLoss(nn.Module):
          def __init__(self, gamma=2, reduction='mean'):
              super().__init__()
              self.gamma = gamma
              self.reduction = reduction

          def forward(self, inputs, targets):
              ce_loss = F.cross_entropy(inputs, targets, reduction=self.reduction)
              pt = torch.exp(-ce_loss)
              return (1 - pt) ** self.gamma * ce_loss
    `;
    assert.deepEqual(only(returned, 'focal-on-reduced-loss').fixes.map((x) => [x.safety, x.preferred]), [['unsafe', false]]);
    // jfzhang95/pytorch-deeplab-xception's shape with the other legacy keyword: which reduction a construction with reduce=False wants is not a mean or a sum.
    const reduce = py`
      import torch
      import torch.nn as nn

      class SegmentationLosses(object):
          def __init__(self, weight=None, reduce=True):
              self.weight = weight
              self.reduce = reduce

          def FocalLoss(self, logit, target, gamma=2):
              criterion = nn.CrossEntropyLoss(weight=self.weight, reduce=self.reduce)
              logpt = -criterion(logit, target.long())
              pt = torch.exp(logpt)
              return -((1 - pt) ** gamma) * logpt
    `;
    assert.deepEqual(only(reduce, 'focal-on-reduced-loss').fixes, []);
  });

  it('a rebinding producer: the line removed when only the loss reads the name after it, else the loss form and the removal, both unsafe', () => {
    const code = py`
      import torch
      import torch.nn.functional as F

      def step(model, x, y):
          logits = model(x)
          logits = torch.sigmoid(logits)
          return F.binary_cross_entropy_with_logits(logits, y)
    `;
    const f = only(code, 'double-sigmoid');
    assert.deepEqual(f.fixes.map((x) => [x.title, x.safety, x.preferred]), [['Remove the line `logits = torch.sigmoid(logits)` (only the loss reads `logits` after it)', 'safe', true]]);
    assert.equal(apply(code, f.fixes[0]!), code.replace('    logits = torch.sigmoid(logits)\n', ''));

    const returned = code.replace('    return F.binary_cross_entropy_with_logits(logits, y)', '    return F.binary_cross_entropy_with_logits(logits, y), logits');
    const g = only(returned, 'double-sigmoid');
    assert.deepEqual(g.fixes.map((x) => [x.title, x.safety, x.preferred]), [
      ['Use binary_cross_entropy, which takes the sigmoid output as it is', 'unsafe', false],
      ['Remove the line `logits = torch.sigmoid(logits)` (what else reads `logits` gets logits too)', 'unsafe', false],
    ]);
    assert.match(apply(returned, g.fixes[0]!), /return F\.binary_cross_entropy\(logits, y\), logits/);
  });

  it('a rebinding producer: no line removal when the name is bound again between the line and the loss', () => {
    const rebound = py`
      import torch.nn.functional as F

      def step(out, y, flat):
          out = F.softmax(out, dim=1)
          if flat:
              out = out.view(-1, 3)
          return F.cross_entropy(out, y)
    `;
    const f = only(rebound, 'double-softmax');
    assert.ok(f.fixes.every((x) => !x.title.startsWith('Remove the line')), JSON.stringify(f.fixes.map((x) => x.title)));
  });
});
