// Findings whose activation is inside a model or function of the file (issue 23): the message and
// the related information say where, and the fixes match the shape, safe or unsafe as Ruff marks them.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix as apply } from './applyEdits';


const FORWARD_LOG_SOFTMAX = [
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  '',
  'class Net(nn.Module):',
  '    def __init__(self):',
  '        super(Net, self).__init__()',
  '        self.fc = nn.Linear(10, 3)',
  '',
  '    def forward(self, x):',
  '        x = self.fc(x)',
  '        return F.log_softmax(x, dim=1)',
  '',
  'model = Net()',
  'output = model(data)',
  'loss = F.cross_entropy(output, target)',
  '',
].join('\n');

describe('loss lint: activations inside models and functions', () => {
  it('names the forward, the producer and its line in the message, and points the related information there', () => {
    const [finding, ...rest] = lintPython(FORWARD_LOG_SOFTMAX);
    assert.deepEqual(rest, []);
    assert.equal(finding?.rule, 'double-softmax');
    assert.match(finding!.message, /^`Net\.forward` returns `F\.log_softmax\(x, dim=1\)` \(line 11\): /);
    assert.equal(FORWARD_LOG_SOFTMAX.slice(finding!.related!.start, finding!.related!.end), 'F.log_softmax(x, dim=1)');
    assert.match(finding!.related!.message, /`Net\.forward` returns/);
  });

  it('shortens a long producer to its callee and names a tuple element', () => {
    const text = [
      'import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', '',
      'class D(nn.Module):', '    def forward(self, x):', '        h = self.body(x)',
      '        return torch.sigmoid(self.adversarial_head(h)), F.softmax(self.auxiliary_classifier_head(h), dim=1)', '',
      'd = D()', 'aux = nn.NLLLoss()', 'validity, classes = d(img)', 'loss = aux(classes, labels)', '',
    ].join('\n');
    const [finding] = lintPython(text);
    assert.equal(finding?.rule, 'nll-without-log-softmax');
    assert.match(finding!.message, /^`D\.forward` returns `F\.softmax\(\.\.\.\)` as output 2 of 2 \(line 8\): /);
  });

  it('removing the log_softmax in forward is the safe, preferred fix when nothing else reads the output; switching to nll_loss is also safe', () => {
    const [finding] = lintPython(FORWARD_LOG_SOFTMAX);
    const [remove, nll] = finding!.fixes;
    assert.equal(remove?.safety, 'safe');
    assert.equal(remove?.preferred, true);
    assert.match(remove!.title, /Remove the log_softmax from `Net\.forward`/);
    const removed = apply(FORWARD_LOG_SOFTMAX, remove!);
    assert.match(removed, /^ {8}return x$/m);
    assert.deepEqual(lintPython(removed), []);
    assert.equal(nll?.safety, 'safe');
    assert.equal(nll?.preferred, false);
    const switched = apply(FORWARD_LOG_SOFTMAX, nll!);
    assert.match(switched, /loss = F\.nll_loss\(output, target\)/);
    assert.deepEqual(lintPython(switched), []);
  });

  it('when other code reads the model output, removing the activation is unsafe and not preferred; the loss switch is', () => {
    const text = FORWARD_LOG_SOFTMAX + 'accuracy = (output.argmax(1) == target).float().mean()\n';
    const [finding] = lintPython(text);
    const titles = finding!.fixes.map((f) => `${f.safety}${f.preferred ? '*' : ''}: ${f.title}`);
    assert.deepEqual(titles, [
      'safe*: Use nll_loss, which takes the log_softmax output as it is',
      'unsafe: Remove the log_softmax from `Net.forward` (other code reading its output gets logits too)',
    ]);
  });

  it('a Sequential ending in nn.Softmax: removes the last layer, or uses NLLLoss on torch.log of the output', () => {
    const text = [
      'import torch', 'import torch.nn as nn', '',
      'model = nn.Sequential(nn.Linear(784, 10), nn.Softmax(dim=1))',
      'criterion = nn.CrossEntropyLoss()',
      'loss = criterion(model(x), y)', '',
    ].join('\n');
    const [finding] = lintPython(text);
    assert.match(finding!.message, /^`model` ends in `nn\.Softmax\(dim=1\)` \(line 4\): /);
    const [remove, nll] = finding!.fixes;
    assert.equal(apply(text, remove!).split('\n')[3], 'model = nn.Sequential(nn.Linear(784, 10))');
    const switched = apply(text, nll!);
    assert.match(switched, /criterion = nn\.NLLLoss\(\)/);
    assert.match(switched, /loss = criterion\(torch\.log\(model\(x\)\), y\)/);
    assert.deepEqual(lintPython(switched), []);
  });

  it('NLLLoss on a model softmax: log_softmax in the model, or the log at the loss', () => {
    const text = [
      'import torch', 'import torch.nn as nn', 'import torch.nn.functional as F', '',
      'def predict(x, w):', '    return F.softmax(x @ w, dim=1)', '',
      'loss = F.nll_loss(predict(x, w), y)', '',
    ].join('\n');
    const [finding] = lintPython(text);
    assert.equal(finding?.rule, 'nll-without-log-softmax');
    const [toLog, wrap] = finding!.fixes;
    assert.equal(toLog?.safety, 'safe');
    const fixed = apply(text, toLog!);
    assert.match(fixed, /return F\.log_softmax\(x @ w, dim=1\)/);
    assert.deepEqual(lintPython(fixed), []);
    assert.match(apply(text, wrap!), /F\.nll_loss\(torch\.log\(predict\(x, w\)\), y\)/);
  });

  it('BCEWithLogitsLoss on a sigmoid model keeps pos_weight: no BCELoss switch offered then, and no removal of the sigmoid the predictions read', () => {
    const text = [
      'import torch', 'import torch.nn as nn', '',
      'model = nn.Sequential(nn.Linear(20, 1), nn.Sigmoid())',
      'criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))',
      'loss = criterion(model(x), y)', 'preds = model(x_val) > 0.5', '',
    ].join('\n');
    const [finding] = lintPython(text);
    assert.equal(finding?.rule, 'double-sigmoid');
    assert.deepEqual(finding!.fixes, []);
  });
});
