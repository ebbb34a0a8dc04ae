// alpha-overwritten-per-batch (issue 23, recall6; corpus in test/fixtures/lintOverwrittenAlphaCases.ts): the
// message and related location, the safe fix (a local name, as yatengLG/Focal-Loss-Pytorch's pull request #16
// writes it), when no fix is offered, and, with Debian's torch, that the original fails on a second batch
// while the fixed class gives the per-class weighted focal loss on every batch.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix as apply } from './applyEdits';
import { py } from '../../fixtures/pySource';
import { pythonWithTorch, runTorch } from './torchPython';

const rule = (code: string) => lintPython(code).filter((f) => f.rule === 'alpha-overwritten-per-batch');

// The shape of yatengLG/Focal-Loss-Pytorch's focal_loss (per-class alpha, gathered by the labels in forward).
const yateng = py`
  import torch
  import torch.nn as nn
  import torch.nn.functional as F

  class focal_loss(nn.Module):
      def __init__(self, alpha=(0.2, 0.3, 0.5), gamma=2):
          super().__init__()
          self.alpha = torch.tensor(alpha)
          self.gamma = gamma

      def forward(self, preds, labels):
          self.alpha = self.alpha.to(preds.device)
          preds_softmax = F.softmax(preds, dim=1).gather(1, labels.view(-1, 1))
          preds_logsoft = torch.log(preds_softmax)
          self.alpha = self.alpha.gather(0, labels.view(-1))
          loss = -torch.mul(torch.pow((1 - preds_softmax), self.gamma), preds_logsoft)
          loss = torch.mul(self.alpha, loss.t())
          return loss.mean()
`;

describe('alpha-overwritten-per-batch', () => {
  it('the message, the related __init__ assignment, and the local-name fix, after which the lint is silent', () => {
    const [f, ...rest] = rule(yateng);
    assert.deepEqual(rest, []);
    assert.equal(yateng.slice(f!.start, f!.end), 'self.alpha');
    assert.match(f!.message, /^self\.alpha is replaced by its own per-sample selection, self\.alpha\.gather\(0, labels\.view\(-1\)\), on every call: from the second batch on/);
    assert.equal(yateng.slice(f!.related!.start, f!.related!.end), 'self.alpha = torch.tensor(alpha)');
    assert.deepEqual(f!.fixes.map((x) => [x.title, x.safety, x.preferred]), [['Keep the selection in a local name: alpha = self.alpha.gather(0, labels.view(-1))', 'safe', true]]);
    const fixed = apply(yateng, f!.fixes[0]!);
    assert.match(fixed, /\n {8}alpha = self\.alpha\.gather\(0, labels\.view\(-1\)\)\n/);
    assert.match(fixed, /loss = torch\.mul\(alpha, loss\.t\(\)\)/);
    assert.match(fixed, /self\.alpha = self\.alpha\.to\(preds\.device\)/);
    assert.deepEqual(lintPython(fixed), []);
  });

  it('no fix when the method already has a name alpha, or binds self.alpha again after the selection', () => {
    const local = yateng.replace('return loss.mean()', 'alpha = 2\n        return alpha * loss.mean()');
    assert.deepEqual(rule(local).map((f) => f.fixes), [[]]);
    const again = yateng.replace('return loss.mean()', 'self.alpha = torch.tensor((0.2, 0.3, 0.5))\n        return loss.mean()');
    assert.deepEqual(rule(again).map((f) => f.fixes), [[]]);
  });

  it('with torch: the original fails on a second, smaller batch; the fixed class matches the per-class weighted focal loss on each batch', function () {
    if (!pythonWithTorch()) this.skip(); // python3 with torch (Debian's python3-torch) is not installed here
    const fixed = apply(yateng, rule(yateng)[0]!.fixes[0]!);
    // Two runs of two batches each: 4 samples then 2 (the second batch's weights come from the first batch's
    // samples: wrong), and 2 then 2 with a label 2 (past the first batch's size: an index error).
    const driver = [
      'out = {}',
      'for key in ("original", "fixed"):',
      '    out[key] = []',
      '    for batches in (((4, [0, 1, 1, 0]), (2, [2, 1])), ((2, [0, 1]), (2, [2, 1]))):',
      '        ns = {}',
      '        exec(request[key], ns)',
      '        loss = ns["focal_loss"]()',
      '        rows = []',
      '        try:',
      '            for n, labels in batches:',
      '                x = torch.randn(n, 3)',
      '                y = torch.tensor(labels)',
      '                p = F.softmax(x, dim=1).gather(1, y.view(-1, 1)).view(-1)',
      '                want = (-torch.tensor((0.2, 0.3, 0.5))[y] * (1 - p) ** 2 * torch.log(p)).mean()',
      '                rows.append(abs(loss(x, y).item() - want.item()))',
      '        except Exception as e:',
      '            rows.append(type(e).__name__)',
      '        out[key].append(rows)',
      'print(json.dumps(out))',
    ].join('\n');
    const result = runTorch(driver, { original: yateng, fixed }) as { original: (number | string)[][]; fixed: (number | string)[][] };
    const [wrong, failing] = result.original;
    assert.ok((wrong![0] as number) < 1e-12 && (wrong![1] as number) > 1e-3, JSON.stringify(result));
    assert.deepEqual([typeof failing![0], failing![1]], ['number', 'RuntimeError']);
    assert.ok(result.fixed.flat().every((d) => typeof d === 'number' && d < 1e-12), JSON.stringify(result));
  });
});
