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
      // The product read twice.
      'ce = F.cross_entropy(inputs, targets)\n        pt = torch.exp(-ce)\n        loss = (1 - pt) ** 2 * ce\n        self.history.append(loss)\n        return loss',
    ];
    for (const body of cases) {
      const f = only(focal('pass', body), 'focal-on-reduced-loss');
      assert.deepEqual(f.fixes.map((x) => [x.safety, x.preferred]), [['unsafe', false]], body);
      assert.match(f.fixes[0]!.title, /reduce it where it is used/);
    }
    // The instance is called elsewhere too: reduction='none' there changes that call.
    const shared = focal('self.ce = nn.CrossEntropyLoss()', 'ce = self.ce(inputs, targets)\n        pt = torch.exp(-ce)\n        return ((1 - pt) ** 2 * ce).mean()\n\n    def plain(self, x, y):\n        return self.ce(x, y)');
    assert.deepEqual(only(shared, 'focal-on-reduced-loss').fixes.map((x) => x.safety), ['unsafe']);
  });

  it("focal-on-reduced-loss through an __init__ default: the message says where the default is, and no fix (other files may construct it with 'none')", () => {
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
    assert.deepEqual(f.fixes, []);
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
