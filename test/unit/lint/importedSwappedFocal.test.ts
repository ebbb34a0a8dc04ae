import * as assert from 'node:assert/strict';
import { findLossCalls, type ImportedSources } from '../../../src/language/recognition';
import { lintPython } from '../../../src/language/lint';

/*
 * focal-args-swapped against the signature of the user's own focal loss in a sibling module (issue 24's
 * `from focal_loss import FocalLoss` next to the script): recognition reads the module for the hover
 * (ImportedSources, src/extension/importedFiles.ts in the editor) and hands its signature to the lint
 * with the call. Without the module, nothing is said.
 */

const FOCAL_LOSS_PY = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  'class FocalLoss(nn.Module):',
  '    def __init__(self, alpha=0.25, gamma=2.0, reduction="mean"):',
  '        super().__init__()',
  '        self.alpha = alpha',
  '        self.gamma = gamma',
  '        self.reduction = reduction',
  '',
  '    def forward(self, inputs, targets):',
  '        ce = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")',
  '        p_t = torch.exp(-ce)',
  '        return (self.alpha * (1 - p_t) ** self.gamma * ce).mean()',
].join('\n');

const imported: ImportedSources = { get: (name) => (name === 'focal_loss' ? { text: FOCAL_LOSS_PY, file: 'focal_loss.py' } : undefined) };
const lint = (text: string, sources?: ImportedSources) => lintPython(text, { calls: findLossCalls(text, 'python', undefined, sources) })
  .filter((f) => f.rule === 'focal-args-swapped')
  .map((f) => ({ argument: text.slice(f.start, f.end), related: f.related && text.slice(f.related.start, f.related.end), message: f.message, fix: f.fixes[0]?.edits[0]?.newText }));

describe('lint: focal-args-swapped against a sibling module\'s signature', () => {
  it('FocalLoss(2, 0.25) and FocalLoss(cfg.gamma, cfg.alpha) against focal_loss.py\'s (alpha=0.25, gamma=2.0)', () => {
    const script = 'from focal_loss import FocalLoss\na = FocalLoss(2, 0.25)\nb = FocalLoss(cfg.gamma, cfg.alpha)\n';
    const found = lint(script, imported);
    assert.deepEqual(found.map((f) => [f.argument, f.related, f.fix]), [['2, 0.25', 'FocalLoss', '0.25, 2'], ['cfg.gamma, cfg.alpha', 'FocalLoss', 'cfg.alpha, cfg.gamma']]);
    assert.match(found[0]!.message, /alpha = 2 and gamma = 0\.25/);
  });

  it('silent without the module, in the right order, by keyword, or when the module is not a loss with alpha and gamma', () => {
    assert.deepEqual(lint('from focal_loss import FocalLoss\na = FocalLoss(2, 0.25)\n'), []);
    assert.deepEqual(lint('from focal_loss import FocalLoss\na = FocalLoss(0.25, 2)\nb = FocalLoss(gamma=0.25, alpha=2)\nc = FocalLoss(cfg.alpha, cfg.gamma)\n', imported), []);
    const other: ImportedSources = { get: (name) => (name === 'focal_loss' ? { text: 'class FocalLoss:\n    def __init__(self, gamma=2.0, alpha=0.25):\n        pass\n', file: 'focal_loss.py' } : undefined) };
    assert.deepEqual(lint('from focal_loss import FocalLoss\na = FocalLoss(2, 0.25)\n', other), []);
  });
});
