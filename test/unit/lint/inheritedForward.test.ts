// A model whose class adds only an `__init__` and runs its base's forward (issue 23, set 7's misses of
// kind "a model output reaching the loss through another class"): `class Net30Base(NetBaseForward)`
// whose base's forward ends in `self.softmax(x)` (`self.softmax = nn.Softmax(dim=-1)` in the base's
// __init__), the subclass setting only the layers the base's forward runs first (`self.seq = ...`).
// The shape is code-index hit 20175654825 (conv_nets/wesad_tries/models_v2, NetBaseForward and its
// subclasses Net30Base etc.; the index does not name its repository), written here as one file.
// torch's nn.Module.__call__ runs the instance's forward, which Python finds on the base when the class
// defines none (Python's method resolution order; torch 2.x torch/nn/modules/module.py _call_impl).
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { py } from '../../fixtures/pySource';

const BASE = py`
  import torch
  from torch import nn


  class NetBaseForward(nn.Module):
      def __init__(self):
          super(NetBaseForward, self).__init__()
          self.softmax = nn.Softmax(dim=-1)

      def forward(self, x):
          x = self.seq(x)
          x = torch.flatten(x, 1)
          return self.softmax(x)


  class Net30Base(NetBaseForward):
      def __init__(self, in_channels=1):
          super(Net30Base, self).__init__()
          self.seq = nn.Sequential(nn.Conv1d(in_channels, 4, 3), nn.ReLU(), nn.Conv1d(4, 3, 3))

`;

const TRAIN = `
model = Net30Base()
criterion = nn.CrossEntropyLoss()


def train_epoch(loader, optimizer):
    for x, y in loader:
        out = model(x)
        loss = criterion(out, y)
        loss.backward()
`;

const rules = (code: string) => lintPython(code).map((f) => f.rule);

describe('loss lint: a model class running its base class forward', () => {
  it("Net30Base(NetBaseForward): the base's forward returns a softmax, CrossEntropyLoss is given it (double-softmax, at the base's forward)", () => {
    const code = BASE + TRAIN;
    const found = lintPython(code).filter((f) => f.rule === 'double-softmax');
    assert.equal(found.length, 1, JSON.stringify(lintPython(code)));
    assert.match(found[0]!.message, /^`NetBaseForward\.forward` returns `self\.softmax\(x\)` \(line 13\)/);
    assert.equal(code.slice(found[0]!.start, found[0]!.end), 'out');
  });

  it('silent: the subclass replaces an attribute the base sets, defines its own forward, or shares another method with it', () => {
    const silent = [
      // self.softmax replaced: the base's forward would run the subclass's layer.
      BASE.replace('        self.seq = nn.Sequential(', '        self.softmax = nn.Identity()\n        self.seq = nn.Sequential(') + TRAIN,
      // Its own forward, returning logits.
      BASE + '    def forward(self, x):\n        return torch.flatten(self.seq(x), 1)\n' + TRAIN,
      // A method of the base's redefined (it may change what forward does).
      BASE.replace('class NetBaseForward(nn.Module):\n', 'class NetBaseForward(nn.Module):\n    def extra_repr(self):\n        return "base"\n\n') + '    def extra_repr(self):\n        return "30"\n' + TRAIN,
    ];
    for (const code of silent) assert.deepEqual(rules(code), [], code);
  });

  it('silent: a base of another module, a base named with a dot, two bases, or a base that inherits its own forward', () => {
    const library = BASE.replace('class Net30Base(NetBaseForward):', 'class Net30Base(nn.Module):') + TRAIN;
    const twoBases = BASE.replace('class Net30Base(NetBaseForward):', 'class Net30Base(NetBaseForward, Mixin):') + TRAIN;
    const dotted = BASE.replace('class Net30Base(NetBaseForward):', 'class Net30Base(models.NetBaseForward):') + TRAIN;
    const chain = BASE.replace('class Net30Base(NetBaseForward):', 'class Middle(NetBaseForward):\n    pass\n\n\nclass Net30Base(Middle):') + TRAIN;
    for (const code of [library, dotted, twoBases, chain]) assert.deepEqual(rules(code), [], code);
  });

  it("the base's forward returning logits: silent", () => {
    const code = BASE.replace('return self.softmax(x)', 'return x') + TRAIN;
    assert.deepEqual(rules(code), []);
  });
});
