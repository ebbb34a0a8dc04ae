import * as assert from 'node:assert/strict';
import { findLossCalls, lossCallAt, mayBeLossCallWord } from '../../../src/language/recognition';

/*
 * A loss used as a value and called later (issue 11, pattern 1), in the forms real training code
 * uses: an nn.Module criterion built in __init__ and called in forward, a module-level criterion in
 * a script, a loss function stored in a variable, and functools.partial.
 */

function callAtText(src: string, needle: string, nth = 1) {
  const offset = src.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return lossCallAt(src, offset + nth, 'python');
}

describe('language: a loss used as a value and called later', () => {
  it('self.criterion built in __init__ and called in forward: the values from __init__, the line they come from', () => {
    const src = [
      'import torch',
      'import torch.nn as nn',
      'class Model(nn.Module):',
      '    def __init__(self, weights):',
      '        super().__init__()',
      '        self.criterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 3.0]), label_smoothing=0.1)',
      '',
      '    def forward(self, x, y):',
      '        out = self.head(x)',
      '        return self.criterion(out, y)',
    ].join('\n');
    const call = callAtText(src, 'self.criterion(out', 6);
    assert.ok(call);
    assert.equal(call.api, 'torch.nn.CrossEntropyLoss');
    assert.equal(call.callee, 'self.criterion');
    assert.deepEqual(call.builtAt, { line: { kind: 'resolved', line: 5 }, how: 'instance' });
    const smoothing = call.extra.find((e) => e.name === 'label_smoothing')!.value;
    assert.equal(smoothing.value, 0.1);
    assert.deepEqual(smoothing.origin, { kind: 'resolved', line: 5 });
    assert.deepEqual(call.extra.find((e) => e.name === 'weight')!.value.value, [1, 3]);
    assert.equal(call.classes?.value, 2);
    // The construction is a call of its own.
    assert.deepEqual(findLossCalls(src, 'python').map((c) => c.callee), ['nn.CrossEntropyLoss', 'self.criterion']);
  });

  it("a self attribute a subclass of the file sets again: the subclass's loss is a candidate too", () => {
    // khornlund/severstal-steel-defect-detection sever/model/loss.py (ea62aa7): BCEDiceLoss.__init__ sets
    // self.bce_loss = nn.BCEWithLogitsLoss() and forward calls it; FocalBCEDiceLoss(BCEDiceLoss) sets
    // self.bce_loss = BinaryFocalLoss(...) after super().__init__(), so forward may run either.
    const base = [
      'import torch.nn as nn',
      'from torchvision.ops import sigmoid_focal_loss',
      'class BCEDiceLoss(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.bce_loss = nn.BCEWithLogitsLoss()',
      '    def forward(self, outputs, targets):',
      '        return self.bce_loss(outputs, targets)',
    ];
    const apis = (lines: string[]) => findLossCalls([...lines, ''].join('\n'), 'python').filter((c) => c.callee === 'self.bce_loss').map((c) => c.api);
    assert.deepEqual(apis(base), ['torch.nn.BCEWithLogitsLoss']);
    // Another loss in the subclass: which one runs is not known from the method, so nothing is said.
    const focal = [...base, 'class FocalBCEDiceLoss(BCEDiceLoss):', '    def __init__(self, alpha=0.5, gamma=2):', '        super().__init__()', '        self.bce_loss = nn.BCELoss()'];
    assert.deepEqual(apis(focal), []);
    // The same API with other values: both constructions are named.
    const weighted = [...base, 'class WeightedBCEDiceLoss(BCEDiceLoss):', '    def __init__(self, w):', '        super().__init__()', "        self.bce_loss = nn.BCEWithLogitsLoss(reduction='sum')"];
    const call = findLossCalls([...weighted, ''].join('\n'), 'python').find((c) => c.callee === 'self.bce_loss')!;
    assert.equal(call.api, 'torch.nn.BCEWithLogitsLoss');
    assert.equal(call.reduction.value, undefined);
    // A class that is not a subclass setting the same name changes nothing.
    const unrelated = [...base, 'class Other(nn.Module):', '    def __init__(self):', '        super().__init__()', '        self.bce_loss = nn.BCELoss()'];
    assert.deepEqual(apis(unrelated), ['torch.nn.BCEWithLogitsLoss']);
  });

  it('subclasses of subclasses count wherever the file defines them, listed in the order they are reached', () => {
    // The severstal shape above one level deeper, the deeper class written first (a file of losses sorted
    // by name: mmocr's textdet losses define MaskedBalancedBCELoss after the class it extends).
    const base = [
      'import torch.nn as nn',
      'class BCEDiceLoss(nn.Module):',
      '    def __init__(self):',
      '        super().__init__()',
      '        self.bce_loss = nn.BCEWithLogitsLoss()',
      '    def forward(self, outputs, targets):',
      '        return self.bce_loss(outputs, targets)',
    ];
    const deeper = (loss: string) => [
      'class Deeper(losses.Middle):',
      '    def __init__(self):',
      '        super().__init__()',
      `        self.bce_loss = ${loss}`,
    ];
    const middle = ['class Middle(BCEDiceLoss):', '    def __init__(self):', '        super().__init__()', "        self.bce_loss = nn.BCEWithLogitsLoss(reduction='sum')"];
    const callOf = (lines: string[]) => findLossCalls([...lines, ''].join('\n'), 'python').find((c) => c.callee === 'self.bce_loss');
    // Another API two levels down, written before the class between: nothing is said.
    assert.equal(callOf([...base.slice(0, 1), ...deeper('nn.BCELoss()'), ...base.slice(1), ...middle]), undefined);
    // The same API: the class's own construction, then the one level down, then the one two levels down.
    const lines = [...base.slice(0, 1), ...deeper("nn.BCEWithLogitsLoss(reduction='mean')"), ...base.slice(1), ...middle];
    const call = callOf(lines)!;
    assert.equal(call.api, 'torch.nn.BCEWithLogitsLoss');
    const lineOf = (needle: string) => lines.findIndex((l) => l.includes(needle)); // (0-based, as ValueOrigin's)
    const at = (origin: { kind: string; line?: number }) => (origin.kind === 'resolved' ? origin.line : undefined);
    assert.equal(at(call.builtAt!.line), lineOf('self.bce_loss = nn.BCEWithLogitsLoss()'));
    assert.deepEqual(call.builtAt!.alsoAt?.map(at), [lineOf("reduction='sum'"), lineOf("reduction='mean'")]);
  });

  it('a script-level criterion, and a softmax passed to it is flagged at the call', () => {
    const src = 'import torch\nimport torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0]))\nloss = criterion(torch.sigmoid(logits), y)\n';
    const call = callAtText(src, 'criterion(torch', 2);
    assert.equal(call?.api, 'torch.nn.BCEWithLogitsLoss');
    assert.deepEqual(call?.extra.find((e) => e.name === 'pos_weight')?.value.value, [3]);
    assert.ok(call?.caveats.some((c) => /applied twice/.test(c)), JSON.stringify(call?.caveats));
  });

  it('loss_fn = F.cross_entropy, then loss_fn(logits, y, label_smoothing=0.2)', () => {
    const src = 'import torch.nn.functional as F\nloss_fn = F.cross_entropy\nloss = loss_fn(logits, y, label_smoothing=0.2)\n';
    const call = callAtText(src, 'loss_fn(logits');
    assert.equal(call?.api, 'torch.nn.functional.cross_entropy');
    assert.equal(call?.builtAt?.how, 'reference');
    assert.equal(call?.extra.find((e) => e.name === 'label_smoothing')?.value.value, 0.2);
  });

  it('functools.partial(sigmoid_focal_loss, alpha=..., gamma=...) stored and called', () => {
    const src = [
      'import functools',
      'from functools import partial',
      'from torchvision.ops import sigmoid_focal_loss',
      'ALPHA = 0.5',
      'fl = functools.partial(sigmoid_focal_loss, alpha=ALPHA, gamma=3.0)',
      'g = partial(sigmoid_focal_loss, reduction="sum")',
      'a = fl(x, t)',
      'b = g(x, t, gamma=1.0)',
    ].join('\n');
    const a = callAtText(src, 'fl(x, t)', 0);
    assert.equal(a?.api, 'torchvision.ops.sigmoid_focal_loss');
    assert.equal(a?.builtAt?.how, 'partial');
    assert.deepEqual([a?.alpha.value, a?.alpha.origin], [0.5, { kind: 'resolved', line: 3 }]);
    assert.deepEqual([a?.gamma.value, a?.gamma.origin], [3, { kind: 'resolved', line: 4 }]);
    const b = callAtText(src, 'g(x, t', 0);
    assert.equal(b?.reduction.value, 'sum');
    assert.deepEqual([b?.gamma.value, b?.gamma.origin.kind], [1, 'explicit']);
  });

  it("the user's own loss class built once and called later", () => {
    const src = [
      'import torch.nn.functional as F',
      'class FocalLoss:',
      '    def __init__(self, alpha=0.25, gamma=2.0):',
      '        self.gamma = gamma',
      '    def __call__(self, x, y):',
      '        return F.binary_cross_entropy_with_logits(x, y)',
      'crit = FocalLoss(gamma=1.5)',
      'l = crit(x, y)',
    ].join('\n');
    const call = callAtText(src, 'crit(x', 1);
    assert.equal(call?.api, 'user:FocalLoss');
    assert.deepEqual([call?.gamma.value, call?.gamma.origin], [1.5, { kind: 'resolved', line: 6 }]);
  });

  it('says nothing when the name is a parameter, may hold two different APIs, or is not a loss (branches of one API: branchAndInitLosses.test.ts)', () => {
    const sources = [
      'import torch.nn as nn\ndef train(model, criterion):\n    return criterion(model(x), y)\ncriterion = nn.CrossEntropyLoss()\n',
      'import torch.nn as nn\nif big:\n    crit = nn.CrossEntropyLoss()\nelse:\n    crit = nn.MSELoss()\nl = crit(a, b)\n',
      'import torch.nn as nn\ncrit = nn.CrossEntropyLoss()\nif big:\n    crit = nn.MSELoss()\nl = crit(a, b)\n',
      'import torch.nn as nn\nact = nn.Sigmoid()\ny = act(x)\n',
      'import torch.nn.functional as F\nout = F.cross_entropy(a, b)\nv = out(3)\n',
      'from functools import partial\nimport torch\nf = partial(torch.sigmoid)\ny = f(x)\n',
    ];
    for (const src of sources) {
      const names = findLossCalls(src, 'python').filter((c) => c.builtAt).map((c) => c.callee);
      assert.deepEqual(names, [], src);
    }
  });

  it('jax.jit(optax.sigmoid_focal_loss)(...), jax.vmap(partial(..., gamma=2.0), in_axes=...)(...) and self.variant(...)(...)', () => {
    const src = [
      'import jax',
      'import optax',
      'from functools import partial',
      'from optax.losses import _classification',
      'a = jax.jit(optax.sigmoid_focal_loss)(logits, labels, alpha=0.25)',
      'b = jax.vmap(partial(optax.sigmoid_focal_loss, gamma=3.0), in_axes=(0, 0))(logits, labels)',
      'c = self.variant(_classification.sigmoid_focal_loss)(logits, labels, gamma=1.0)',
      'loss_fn = jax.jit(partial(optax.softmax_cross_entropy_with_integer_labels))',
      'd = loss_fn(logits, labels)',
    ].join('\n');
    const a = callAtText(src, 'sigmoid_focal_loss)(logits, labels, alpha', 2);
    assert.deepEqual([a?.api, a?.alpha.value, a?.alpha.origin.kind], ['optax.sigmoid_focal_loss', 0.25, 'explicit']);
    const b = callAtText(src, 'sigmoid_focal_loss, gamma', 2);
    assert.deepEqual([b?.api, b?.gamma.value], ['optax.sigmoid_focal_loss', 3]);
    const c = callAtText(src, '_classification.sigmoid', 2);
    assert.deepEqual([c?.api, c?.gamma.value], ['optax.sigmoid_focal_loss', 1]);
    const d = callAtText(src, 'loss_fn(logits', 2);
    assert.equal(d?.api, 'optax.softmax_cross_entropy_with_integer_labels');
    assert.equal(d?.builtAt?.how, 'partial');
  });

  it("a transform of something that is not a loss, or one that is not called, says nothing", () => {
    const src = 'import jax\nimport torch\nf = jax.jit(model.apply)(params, x)\ng = torch.compile(net)\nh = jax.jit(optax.sigmoid_focal_loss)\n';
    assert.deepEqual(findLossCalls(src, 'python').map((c) => c.api), []);
  });

  it('the hover pre-check accepts a variable a loss is stored in', () => {
    assert.equal(mayBeLossCallWord('crit', 'crit = nn.CrossEntropyLoss()\n'), true);
    assert.equal(mayBeLossCallWord('crit', 'self.crit: nn.Module = nn.CrossEntropyLoss()\n'), true);
    assert.equal(mayBeLossCallWord('crit', 'if crit == 3:\n    pass\n'), false);
  });
});
