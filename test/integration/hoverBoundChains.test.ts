// Issue 24's hover gaps through VS Code's own hover machinery (vscode.executeHoverProvider): a loss bound
// through `.cuda()` / `.to(device)`, passed to a class's constructor, returned by a method; a focal loss
// written as a method; a focal class that reduces the CE before its focal factor (no per-sample formula or
// table, and the hover says what it computes). The patterns and their public sources are in the unit tests
// (test/unit/language/moduleSelfChains.test.ts, constructedAndReturnedLosses.test.ts, methodAndReducedFocal.test.ts).
import * as assert from './assert';
import { describeHovers, lossHoverAt } from './fixtures';

const TRAINING = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'class Trainer:',
  '    def __init__(self, model, criterion, optimizer):',
  '        self.model = model',
  '        self.criterion = criterion',
  '    def step(self, x, y):',
  '        return self.criterion(self.model(x), y)',
  'class Handler:',
  '    def get_criterion(self):',
  '        return nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))',
  '    def train(self, loader):',
  '        criterion = self.get_criterion()',
  '        for x, y in loader:',
  '            loss = criterion(self.model(x), y)',
  'def main(args):',
  '    crit = nn.CrossEntropyLoss(label_smoothing=0.1).cuda(args.gpu)',
  '    trainer = Trainer(net, crit, opt)',
  '    loss = crit(net(x), y)',
  '',
].join('\n');

describeHovers('Hover on a loss bound through .cuda(), passed to a constructor, returned by a method', TRAINING, (opened) => {

  it('crit(...) after crit = nn.CrossEntropyLoss(label_smoothing=0.1).cuda(args.gpu) is that loss', async () => {
    const hover = await lossHoverAt(opened(), 'crit(net', 1);
    assert.ok(hover, 'no hover on crit(...)');
    assert.match(hover, /^\*\*torch\\\.nn\\\.CrossEntropyLoss\*\*/);
    assert.match(hover, /`crit`: the loss built at line 18/);
    assert.match(hover, /label\\_smoothing \*\*0\.1\*\*/);
  });

  it('self.criterion(...) is the loss the file passes to Trainer, with the caveat about other files', async () => {
    const hover = await lossHoverAt(opened(), 'criterion(self.model', 2);
    assert.ok(hover, 'no hover on self.criterion(...)');
    assert.match(hover, /^\*\*torch\\\.nn\\\.CrossEntropyLoss\*\*/);
    assert.match(hover, /Trainer's parameter criterion as this file constructs it: another file may pass another loss/);
  });

  it('criterion(...) after criterion = self.get_criterion() is the BCEWithLogitsLoss the method returns, built at its return', async () => {
    const hover = await lossHoverAt(opened(), '= criterion(self.model', 3);
    assert.ok(hover, 'no hover on criterion(...)');
    assert.match(hover, /^\*\*torch\\\.nn\\\.BCEWithLogitsLoss\*\*/);
    assert.match(hover, /the loss built at line 12/);
  });
});

const FOCAL = [
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'class BatchFocal(nn.Module):',
  '    def __init__(self, alpha=1.0, gamma=2.0):',
  '        super().__init__()',
  '        self.alpha = alpha',
  '        self.gamma = gamma',
  '    def forward(self, inputs, targets):',
  '        ce = F.cross_entropy(inputs, targets)',
  '        return self.alpha * (1 - torch.exp(-ce)) ** self.gamma * ce',
  'class Criterion(nn.Module):',
  '    def sigmoid_focal_loss(self, inputs, targets, alpha=0.25, gamma=2):',
  '        prob = inputs.sigmoid()',
  '        ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")',
  '        p_t = prob * targets + (1 - prob) * (1 - targets)',
  '        loss = ce_loss * ((1 - p_t) ** gamma)',
  '        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)',
  '        return (alpha_t * loss).mean()',
  '    def loss_labels(self, logits, targets):',
  '        return self.sigmoid_focal_loss(logits, targets, alpha=0.25, gamma=1.0)',
  'loss = BatchFocal(alpha=0.5, gamma=2)(logits, y)',
  '',
].join('\n');

describeHovers("Hover on users' focal losses: a method, and a class that reduces the CE first", FOCAL, (opened) => {

  it('BatchFocal(...) shows no per-sample formula or table, and says the factor comes from the batch mean', async () => {
    const hover = await lossHoverAt(opened(), 'BatchFocal(alpha', 2);
    assert.ok(hover, 'no hover on BatchFocal(...)');
    assert.match(hover, /^\*\*user:BatchFocal\*\* · focal loss/);
    assert.doesNotMatch(hover, /1 - p_t|1 − p_t|\| CE \|/);
    assert.match(hover, /No values: BatchFocal takes its focal factor from the batch's mean cross\\-entropy \\\(F\\\.cross\\_entropy, reduction='mean', line 10\\\)/);
  });

  it('self.sigmoid_focal_loss(..., gamma=1.0) is the method, with its alpha_t and a table', async () => {
    const hover = await lossHoverAt(opened(), 'sigmoid_focal_loss(logits', 2);
    assert.ok(hover, 'no hover on self.sigmoid_focal_loss(...)');
    assert.match(hover, /^\*\*user:sigmoid\\_focal\\_loss\*\* · focal loss/);
    assert.match(hover, /alpha\\_t/);
    assert.match(hover, /\| CE \|/);
  });
});
