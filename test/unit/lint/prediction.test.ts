// The hover's input line (issue 23: "the whole-file model analysis is cached per document version and
// reused by the hover"; issue 24: "say logits or probabilities for every call where the file shows
// it"): what a loss call's prediction argument is and where the file makes it so, from the lint's
// own analysis, and nothing where that analysis is not certain.
import * as assert from 'node:assert/strict';
import { lintPython, predictionSourceOf, type PredictionSource } from '../../../src/language/lint';
import { LossCallIndex, type LossCall } from '../../../src/language/recognition';
import { hoverMarkdown } from '../../../src/extension/hoverMarkdown';
import { predictionLine } from '../../../src/extension/hoverPrediction';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';
import { LINT_CASES } from '../../fixtures/lintCases';
import { py } from '../../fixtures/pySource';

/** Every recognised call of `code` with what the analysis says its prediction argument is. */
function sourcesOf(code: string, version = 1): { call: LossCall; source: PredictionSource | undefined }[] {
  const read = new LossCallIndex().read('file:///prediction.py', version, code, 'python');
  return read.calls.map((call) => ({ call, source: predictionSourceOf(read.module!, call) }));
}

/** The source of the file's last loss call (where the prediction is passed; earlier ones construct the loss). */
function onlySource(code: string): PredictionSource | undefined {
  const found = sourcesOf(code).filter((s) => s.call.library !== 'user').sort((a, b) => a.call.start - b.call.start);
  assert.ok(found.length > 0, `expected a loss call in:\n${code}`);
  assert.ok(found.slice(0, -1).every((s) => s.source === undefined), 'only the last call passes a prediction');
  return found[found.length - 1]!.source;
}

// pytorch/examples mnist/main.py's Net (forward ends in F.log_softmax), trained with cross_entropy
// instead of its nll_loss: the lint corpus's "forward returns log_softmax" shape.
const MNIST_FORWARD = py`
  import torch.nn as nn
  import torch.nn.functional as F

  class Net(nn.Module):
      def __init__(self):
          super(Net, self).__init__()
          self.fc1 = nn.Linear(9216, 128)
          self.fc2 = nn.Linear(128, 10)

      def forward(self, x):
          x = F.relu(self.fc1(x))
          x = self.fc2(x)
          output = F.log_softmax(x, dim=1)
          return output

  model = Net()
  criterion = nn.CrossEntropyLoss()

  def train(data, target):
      loss = criterion(model(data), target)
      return loss
`;

describe('prediction source: what a loss call is given, from the lint\'s analysis', () => {
  it('follows criterion(model(x), y) into the forward that returns log_softmax, with its line', () => {
    const source = onlySource(MNIST_FORWARD);
    assert.deepEqual(source, {
      argument: 'model(data)', nature: 'log_softmax', producer: 'F.log_softmax(x, dim=1)', line: 12,
      origin: { owner: 'Net.forward', verb: 'returns', index: undefined, count: undefined },
    });
    assert.equal(
      predictionLine(source!),
      '**Input** `model(data)` is log-probabilities (log_softmax): `Net.forward` returns `F.log_softmax(x, dim=1)` (line 13).',
    );
  });

  it('follows a name assigned from the model (out = model(x); F.cross_entropy(out, y))', () => {
    const code = MNIST_FORWARD.replace('loss = criterion(model(data), target)', 'out = model(data)\n    loss = F.cross_entropy(out, target)').replace('criterion = nn.CrossEntropyLoss()\n', '');
    const source = onlySource(code);
    assert.equal(source?.argument, 'out');
    assert.equal(source?.nature, 'log_softmax');
    assert.equal(source?.origin?.owner, 'Net.forward');
  });

  it('says where an nn.Sequential ends, and that its last Linear gives logits', () => {
    const sequential = py`
      import torch.nn as nn

      model = nn.Sequential(
          nn.Linear(784, 128),
          nn.ReLU(),
          nn.Linear(128, 10),
          nn.Softmax(dim=1),
      )
      loss_fn = nn.CrossEntropyLoss()
      loss = loss_fn(model(images), labels)
    `;
    const source = onlySource(sequential);
    assert.deepEqual(source?.origin, { owner: 'model', verb: 'ends', index: undefined, count: undefined });
    assert.equal(source?.nature, 'softmax');
    assert.equal(source?.producer, 'nn.Softmax(dim=1)');
    assert.equal(predictionLine(source!), '**Input** `model(images)` is probabilities (softmax): `model` ends in `nn.Softmax(dim=1)` (line 7).');
    const logits = onlySource(sequential.replace('    nn.Softmax(dim=1),\n', ''));
    assert.equal(logits?.nature, 'logits');
    assert.equal(logits?.producer, 'nn.Linear(128, 10)');
  });

  it('names the element of a tuple output (a, b = D(x))', () => {
    const code = py`
      import torch
      import torch.nn as nn

      class Discriminator(nn.Module):
          def forward(self, x):
              h = self.main(x)
              return self.adv(h), torch.softmax(self.aux(h), dim=1)

      D = Discriminator()
      validity, label = D(images)
      aux_loss = nn.CrossEntropyLoss()(label, labels)
    `;
    const source = onlySource(code);
    assert.equal(source?.nature, 'softmax');
    assert.deepEqual(source?.origin, { owner: 'Discriminator.forward', verb: 'returns', index: 1, count: 2 });
    assert.match(predictionLine(source!), /returns `torch\.softmax\(self\.aux\(h\), dim=1\)` as output 2 of 2 \(line 7\)\.$/);
  });

  it('says nothing where the file does not settle it: a flag, another file, a parameter with disagreeing calls', () => {
    const flagged = py`
      import torch.nn as nn
      import torch.nn.functional as F

      class Net(nn.Module):
          def forward(self, x):
              logits = self.fc(x)
              if self.training:
                  return logits
              return F.softmax(logits, dim=1)

      model = Net()
      loss = F.cross_entropy(model(x), y)
    `;
    assert.equal(onlySource(flagged), undefined);
    const imported = py`
      import torch.nn.functional as F
      from models import Net

      model = Net()
      loss = F.cross_entropy(model(x), y)
    `;
    assert.equal(onlySource(imported), undefined);
    const disagreeing = py`
      import torch
      import torch.nn.functional as F

      def step(scores, y):
          return F.binary_cross_entropy(scores, y)

      step(torch.sigmoid(a), y)
      step(b, y)
    `;
    assert.equal(onlySource(disagreeing), undefined);
  });

  it('says nothing of a value written at the argument itself: the argument shows it', () => {
    assert.equal(onlySource('import torch.nn.functional as F\nloss = F.nll_loss(F.softmax(x, dim=1), y)\n'), undefined);
    const named = onlySource('import torch\nimport torch.nn.functional as F\nprobs = torch.sigmoid(h)\nloss = F.binary_cross_entropy_with_logits(probs, y)\n');
    assert.equal(named && predictionLine(named), '**Input** `probs` is probabilities (sigmoid): `torch.sigmoid(h)` (line 3).');
  });

  it('agrees with the lint on every finding of the corpus that names where its activation is', () => {
    const rules = new Set(['double-softmax', 'double-sigmoid', 'nll-without-log-softmax', 'logits-into-probability-loss', 'unstable-bce']);
    let compared = 0;
    for (const c of LINT_CASES) {
      const sources = sourcesOf(c.code).filter((s) => s.source?.origin);
      for (const f of lintPython(c.code)) {
        if (!rules.has(f.rule) || !f.message.startsWith('`')) continue;
        const matches = sources.filter(({ call, source }) => call.start <= f.start && f.end <= call.end + 1_000_000 && c.code.slice(f.start, f.end).startsWith(source!.argument.replace(/\(\.\.\.\)$/, '')));
        // Two calls may take an argument of the same name (`y_hat` in two helper methods): the one around the finding.
        const at = matches.find(({ call }) => f.end <= call.end) ?? matches[0];
        if (!at) continue; // a Keras compile(loss=...) finding: the model is not a loss call's argument
        const s = at.source!;
        const verb = s.origin!.verb === 'ends' ? 'ends in' : 'returns';
        assert.ok(f.message.startsWith(`\`${s.origin!.owner}\` ${verb} \`${s.producer}\``), `${c.name}: ${f.message} vs ${JSON.stringify(s)}`);
        assert.ok(f.message.includes(`(line ${s.line + 1})`), `${c.name}: ${f.message}`);
        compared++;
      }
    }
    assert.ok(compared >= 15, `only ${compared} findings compared`);
  });

  it('is said in the hover under the inputs line, and not at all without a source', () => {
    const read = new LossCallIndex().read('file:///hover.py', 1, MNIST_FORWARD, 'python');
    const call = [...read.calls].sort((a, b) => b.start - a.start)[0]!;
    const source = predictionSourceOf(read.module!, call);
    const md = hoverMarkdown(call, 19, DEFAULT_SETTINGS, { prediction: source });
    assert.ok(md.includes('\n**Input** `model(data)` is log-probabilities (log_softmax): `Net.forward` returns `F.log_softmax(x, dim=1)` (line 13).'), md);
    assert.ok(!hoverMarkdown(call, 19, DEFAULT_SETTINGS).includes('**Input** '));
  });

  it('shows code as inline code, never as Markdown', () => {
    const line = predictionLine({ argument: 'f(`*x*`)', nature: 'sigmoid', producer: 'torch.sigmoid(h)', line: 0 });
    assert.equal(line, '**Input** ``f(`*x*`)`` is probabilities (sigmoid): `torch.sigmoid(h)` (line 1).');
  });
});
