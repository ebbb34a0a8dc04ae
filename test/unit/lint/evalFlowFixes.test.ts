// What a measurement on unseen public code (kept outside the repository) found wrong or missing in the
// lint's data flow, each from the real snippet that showed it (trimmed; the source is named).
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { py } from '../../fixtures/pySource';

const found = (code: string) => lintPython(code).map((f) => ({ rule: f.rule, argument: code.slice(f.start, f.end), line: code.slice(0, f.start).split('\n').length, message: f.message, fixes: f.fixes.map((x) => x.title) }));

describe('loss lint: data flow found wrong or missing on unseen code', () => {
  it("a model moved with .to(device) is still the model; a keyword train=True is not a reference to def train (keon/3-min-pytorch 05 cnn.py @ 18756c1)", () => {
    const code = py`
      import torch.nn as nn
      import torch.nn.functional as F
      from torchvision import datasets

      train_loader = torch.utils.data.DataLoader(datasets.MNIST('./.data', train=True, download=True))

      class Net(nn.Module):
          def forward(self, x):
              x = self.fc2(x)
              return F.log_softmax(x, dim=1)

      model     = Net().to(DEVICE)

      def train(model, train_loader, optimizer, epoch):
          model.train()
          for batch_idx, (data, target) in enumerate(train_loader):
              output = model(data)
              loss = F.cross_entropy(output, target)

      for epoch in range(1, EPOCHS + 1):
          train(model, train_loader, optimizer, epoch)
    `;
    const [f, ...rest] = found(code);
    assert.deepEqual(rest, []);
    assert.deepEqual([f!.rule, f!.argument, f!.line], ['double-softmax', 'output', 18]);
    assert.match(f!.message, /^`Net\.forward` returns `F\.log_softmax\(x, dim=1\)` \(line 10\)/);
  });

  it('a module method that is not to/cuda/cpu/float/double/half/train/eval is not the model', () => {
    const code = py`
      import torch.nn as nn
      import torch.nn.functional as F

      class Net(nn.Module):
          def forward(self, x):
              return F.softmax(self.fc(x), dim=1)

      model = Net().features(DEVICE)
      output = model(data)
      loss = F.cross_entropy(output, target)
    `;
    assert.deepEqual(found(code), []);
  });

  it('model = Net(), then `if USE_CUDA: model = model.cuda()`: both bindings are the Net (DSKSD/DeepNLP-models-Pytorch 08 notebook @ 7fec64d)', () => {
    const code = py`
      import torch.nn as nn
      import torch.nn.functional as F

      class CNNClassifier(nn.Module):
          def forward(self, inputs, is_training=False):
              out = self.fc(inputs)
              return F.log_softmax(out,1)

      model = CNNClassifier(len(word2index), 300, len(target2index), KERNEL_DIM, KERNEL_SIZES)
      if USE_CUDA:
          model = model.cuda()
      loss_function = nn.CrossEntropyLoss()
      preds = model(inputs, True)
      loss = loss_function(preds, targets)
    `;
    assert.deepEqual(found(code).map((f) => [f.rule, f.argument, f.line]), [['double-softmax', 'preds', 14]]);
  });

  it('bindings that disagree stay silent: `if pretrained: model = Other()`', () => {
    const code = py`
      import torch.nn as nn
      import torch.nn.functional as F

      class Net(nn.Module):
          def forward(self, x):
              return F.log_softmax(self.fc(x), 1)

      class Other(nn.Module):
          def forward(self, x):
              return self.fc(x)

      model = Net()
      if pretrained:
          model = Other()
      loss = F.cross_entropy(model(x), y)
    `;
    assert.deepEqual(found(code), []);
  });

  it('self.softmax = nn.LogSoftmax(dim=1): `self.softmax(x)` is that layer, not Tensor.softmax (DSKSD/DeepNLP-models-Pytorch 04 notebook @ 7fec64d)', () => {
    const code = py`
      import torch.nn as nn

      class WindowClassifier(nn.Module):
          def __init__(self, vocab_size, embedding_size, window_size, hidden_size, output_size):
              super(WindowClassifier, self).__init__()
              self.o_layer = nn.Linear(hidden_size, output_size)
              self.softmax = nn.LogSoftmax(dim=1)

          def forward(self, inputs, is_training=False):
              out = self.softmax(self.o_layer(inputs))
              return out

      model = WindowClassifier(len(word2index), EMBEDDING_SIZE, WINDOW_SIZE, HIDDEN_SIZE, len(tag2index))
      loss_function = nn.CrossEntropyLoss()
      preds = model(inputs, is_training=True)
      loss = loss_function(preds, targets)
    `;
    const [f, ...rest] = found(code);
    assert.deepEqual(rest, []);
    assert.deepEqual([f!.rule, f!.argument, f!.line], ['double-softmax', 'preds', 16]);
    assert.match(f!.message, /this log_softmax is redundant/);
    assert.ok(!f!.fixes.some((t) => /torch\.log|Remove the softmax/.test(t)), f!.fixes.join(' | '));
  });
});
