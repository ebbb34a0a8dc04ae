import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { checkCase, type Case } from './recognitionExpect';

/*
 * The cross-entropy family as real training code writes it (forms from the libraries' docs and
 * public code): softmax CE / NLL with class weights as tensors, pos_weight as a one-element tensor,
 * Keras categorical losses, tf.nn and optax softmax CE, and the number of classes the file states.
 */

const CASES: Case[] = [
  {
    name: "the paper's alpha 0.25 is not a warning; another alpha below 0.5 is said once, in the model's terms",
    src: `import torchvision\nimport kornia\na = torchvision.ops.sigmoid_focal_loss(x, y)\nb = torchvision.ops.sigmoid_focal_loss(x, y, alpha=0.1)\nc = kornia.losses.focal_loss(x, y, alpha=0.1)\n`,
    calls: [
      { api: 'torchvision.ops.sigmoid_focal_loss', noCaveat: [/weights positives/] },
      { api: 'torchvision.ops.sigmoid_focal_loss', caveats: [/weights positives by 0\.1/] },
      { api: 'kornia.losses.focal_loss', caveats: [/foreground classes by 0\.1 and class 0/] },
    ],
  },
  {
    name: 'nn.CrossEntropyLoss with a weight tensor moved to the GPU and label smoothing',
    src: `import torch\nimport torch.nn as nn\ncriterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 5.0]).cuda(), label_smoothing=0.1)\n`,
    calls: [{ api: 'torch.nn.CrossEntropyLoss', classModel: 'softmax', inputs: 'logits', reduction: 'mean', extra: { weight: [1, 2, 5], label_smoothing: 0.1 }, classes: [3, 'explicit'] }],
  },
  {
    name: 'class weights through a module constant, FloatTensor and .to(device)',
    src: `import torch\nfrom torch import nn\nCLASS_WEIGHTS = [0.5, 1.0, 1.0, 4.0]\nw = torch.FloatTensor(CLASS_WEIGHTS).to(device)\nloss_fn = nn.CrossEntropyLoss(weight=w, ignore_index=255)\n`,
    calls: [{ api: 'torch.nn.CrossEntropyLoss', extra: { weight: [0.5, 1, 1, 4], ignore_index: 255 }, classes: [4, 2] }],
  },
  {
    name: 'BCEWithLogitsLoss(pos_weight=torch.tensor([3.0])) relates pos_weight to alpha',
    src: `import torch\ncriterion = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0], device=device))\n`,
    calls: [{ api: 'torch.nn.BCEWithLogitsLoss', classModel: 'sigmoid', extra: { pos_weight: [3] }, caveats: [/alpha = 0\.75, scaled by 4/] }],
  },
  {
    name: 'pos_weight = torch.ones([num_classes]) * 2',
    src: `import torch\nnum_classes = 4\npos_weight = torch.ones([num_classes]) * 2\nloss = torch.nn.functional.binary_cross_entropy_with_logits(x, y, pos_weight=pos_weight)\n`,
    calls: [{ api: 'torch.nn.functional.binary_cross_entropy_with_logits', extra: { pos_weight: [2, 2, 2, 2] }, caveats: [/alpha = 0\.667/] }],
  },
  {
    name: 'np.full and tuple shapes',
    src: `import numpy as np\nimport torch\nloss = torch.nn.BCEWithLogitsLoss(pos_weight=torch.from_numpy(np.full((1,), 5.0)))\n`,
    calls: [{ api: 'torch.nn.BCEWithLogitsLoss', extra: { pos_weight: [5] } }],
  },
  {
    name: 'F.nll_loss on log_softmax expects log-probabilities, no caveat',
    src: `import torch.nn.functional as F\nloss = F.nll_loss(F.log_softmax(out, dim=1), target)\n`,
    calls: [{ api: 'torch.nn.functional.nll_loss', inputs: 'log-probabilities', classModel: 'softmax', noCaveat: [/softmax/] }],
  },
  {
    name: 'F.nll_loss on softmax probabilities is flagged',
    src: `import torch.nn.functional as F\nloss = F.nll_loss(F.softmax(out, dim=1), target, weight=w)\n`,
    calls: [{ api: 'torch.nn.functional.nll_loss', caveats: [/needs log_softmax/] }],
  },
  {
    name: 'nn.NLLLoss and the deprecated NLLLoss2d',
    src: `import torch.nn as nn\na = nn.NLLLoss(ignore_index=0)\nb = nn.NLLLoss2d()\n`,
    calls: [
      { api: 'torch.nn.NLLLoss', extra: { ignore_index: 0 }, inputs: 'log-probabilities' },
      { api: 'torch.nn.NLLLoss2d', caveats: [/deprecated/] },
    ],
  },
  {
    name: 'F.cross_entropy on a softmax output: the softmax is applied twice',
    src: `import torch\nimport torch.nn.functional as F\nprobs = None\nloss = F.cross_entropy(torch.softmax(logits, dim=-1), labels)\nok = F.cross_entropy(F.log_softmax(logits, 1), labels)\n`,
    calls: [
      { api: 'torch.nn.functional.cross_entropy', caveats: [/softmax is applied twice/] },
      { api: 'torch.nn.functional.cross_entropy', noCaveat: [/twice/] },
    ],
  },
  {
    name: 'Keras SparseCategoricalCrossentropy(from_logits=True) and CategoricalCrossentropy(label_smoothing=0.1)',
    src: `import tensorflow as tf\nfrom tensorflow import keras\na = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)\nb = keras.losses.CategoricalCrossentropy(label_smoothing=0.1)\n`,
    calls: [
      { api: 'keras.losses.SparseCategoricalCrossentropy', inputs: ['logits', 'explicit'], classModel: 'softmax', reduction: 'sum_over_batch_size' },
      { api: 'keras.losses.CategoricalCrossentropy', inputs: ['probabilities', 'default'], extra: { label_smoothing: 0.1 }, caveats: [/clips/] },
    ],
  },
  {
    name: 'Keras functional categorical losses with positional y_true, y_pred',
    src: `from keras.losses import categorical_crossentropy, sparse_categorical_crossentropy\nl1 = categorical_crossentropy(y, p, True, 0.2)\nl2 = sparse_categorical_crossentropy(y, p, from_logits=True, ignore_class=-1)\n`,
    calls: [
      { api: 'keras.losses.categorical_crossentropy', inputs: ['logits', 'explicit'], extra: { label_smoothing: 0.2 } },
      { api: 'keras.losses.sparse_categorical_crossentropy', inputs: ['logits', 'explicit'], extra: { ignore_class: -1 } },
    ],
  },
  {
    name: 'tf.nn softmax CE: v2, sparse and compat.v1',
    src: [
      'import tensorflow as tf',
      'a = tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=out)',
      'b = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)',
      'c = tf.compat.v1.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=tf.nn.softmax(out))',
      'd = tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=out)',
      'e = tf.nn.weighted_cross_entropy_with_logits(y, out, pos_weight=3.0)',
    ].join('\n'),
    calls: [
      { api: 'tf.nn.softmax_cross_entropy_with_logits', classModel: 'softmax', inputs: 'logits' },
      { api: 'tf.nn.sparse_softmax_cross_entropy_with_logits', classModel: 'softmax', caveats: [/Integer class labels/] },
      { api: 'tf.nn.softmax_cross_entropy_with_logits_v2', caveats: [/applied twice/] },
      { api: 'tf.nn.sigmoid_cross_entropy_with_logits', classModel: 'sigmoid' },
      { api: 'tf.nn.weighted_cross_entropy_with_logits', extra: { pos_weight: 3 }, caveats: [/alpha = 0\.75/] },
    ],
  },
  {
    name: 'optax softmax CE in module and from-import forms',
    src: `import optax\nfrom optax import softmax_cross_entropy\nl = optax.softmax_cross_entropy_with_integer_labels(logits, labels).mean()\nm = softmax_cross_entropy(logits=logits, labels=onehot)\nn = optax.losses.softmax_cross_entropy(logits, onehot)\n`,
    calls: [
      { api: 'optax.softmax_cross_entropy_with_integer_labels', classModel: 'softmax' },
      { api: 'optax.softmax_cross_entropy' },
      { api: 'optax.softmax_cross_entropy' },
    ],
  },
  {
    name: 'NUM_CLASSES = 80 at module level gives the number of classes',
    src: `import torch.nn.functional as F\nNUM_CLASSES = 80\n\ndef loss(x, y):\n    return F.cross_entropy(x, y, label_smoothing=0.1)\n`,
    calls: [{ api: 'torch.nn.functional.cross_entropy', classes: [80, 1] }],
  },
  {
    name: 'num_classes=100 passed to the model is the number of classes',
    src: `import torch.nn as nn\nmodel = resnet50(num_classes=100)\ncriterion = nn.CrossEntropyLoss(label_smoothing=0.1)\n`,
    calls: [{ api: 'torch.nn.CrossEntropyLoss', classes: [100, 1] }],
  },
  {
    name: 'num_classes keyword arguments that disagree state nothing',
    src: `import torch.nn as nn\na = Head(num_classes=10)\nb = Head(num_classes=100)\ncriterion = nn.CrossEntropyLoss(label_smoothing=0.1)\n`,
    calls: [{ api: 'torch.nn.CrossEntropyLoss', classes: null }],
  },
  {
    name: 'self.num_classes from __init__',
    src: `import torch.nn as nn\nclass Head(nn.Module):\n    def __init__(self, num_classes=21):\n        self.num_classes = num_classes\n        self.loss = nn.CrossEntropyLoss(label_smoothing=0.05)\n`,
    calls: [{ api: 'torch.nn.CrossEntropyLoss', classes: [21, 2] }],
  },
];

describe('language: the cross-entropy family and tensor-valued parameters', () => {
  for (const c of CASES) it(c.name, () => checkCase(c));

  it("PyTorch's CE and NLL say what 'mean' divides by", () => {
    const calls = findLossCalls('import torch.nn as nn\nimport torch.nn.functional as F\na = nn.CrossEntropyLoss()\nb = F.nll_loss(x, y)\nc = nn.BCEWithLogitsLoss()\n', 'python');
    assert.match(calls[0]!.meanDivisor ?? '', /targets' summed class weights/);
    assert.match(calls[1]!.meanDivisor ?? '', /ignore_index/);
    assert.equal(calls[2]!.meanDivisor, undefined);
  });

  it('a weight it cannot work out stays unresolved with its text, and states no number of classes', () => {
    const [call] = findLossCalls('import torch.nn as nn\ncriterion = nn.CrossEntropyLoss(weight=compute_weights(ds))\n', 'python');
    const weight = call!.extra.find((e) => e.name === 'weight')!.value;
    assert.equal(weight.value, undefined);
    assert.equal(weight.text, 'compute_weights(ds)');
    assert.equal(call!.classes, undefined);
  });

  it('does not read tensors of libraries it does not know, nor nested lists', () => {
    const calls = findLossCalls('import torch.nn as nn\nimport mylib\na = nn.CrossEntropyLoss(weight=mylib.tensor([1.0, 2.0]))\nb = nn.CrossEntropyLoss(weight=torch.tensor([[1.0], [2.0]]))\n', 'python');
    assert.deepEqual(calls.map((c) => c.extra.find((e) => e.name === 'weight')!.value.value), [undefined, undefined]);
  });
});

describe("language: the user's own definitions are losses only with evidence", () => {
  const user = (src: string) => findLossCalls(src, 'python').map((c) => c.api);

  it('names that say focal loss or cross-entropy count', () => {
    assert.deepEqual(user('def focal_loss(x, y, alpha=0.25, gamma=2.0):\n    ...\nl = focal_loss(a, b)\n'), ['user:focal_loss']);
    assert.deepEqual(user('class WeightedBCE:\n    def __init__(self, alpha=0.75):\n        self.alpha = alpha\nc = WeightedBCE(0.5)\n'), ['user:WeightedBCE']);
    assert.deepEqual(user('class BCEFocal:\n    def __init__(self, gamma=2):\n        pass\nc = BCEFocal()\n'), ['user:BCEFocal']);
  });

  it('a name that says "loss" counts when the body computes a log-likelihood', () => {
    const src = [
      'import torch',
      'import torch.nn.functional as F',
      'class MyLoss(torch.nn.Module):',
      '    def __init__(self, alpha=0.25, gamma=2.0):',
      '        super().__init__()',
      '        self.alpha = alpha',
      '        self.gamma = gamma',
      '    def forward(self, x, y):',
      '        ce = F.binary_cross_entropy_with_logits(x, y, reduction="none")',
      '        pt = torch.exp(-ce)',
      '        return (self.alpha * (1 - pt) ** self.gamma * ce).mean()',
      'crit = MyLoss(gamma=1.0)',
    ].join('\n');
    assert.deepEqual(user(src), ['torch.nn.functional.binary_cross_entropy_with_logits', 'user:MyLoss']);
    // ... but with a gamma it never raises to nor passes on, it is no focal loss (the gamma is not what it computes).
    assert.deepEqual(user(src.replace('(self.alpha * (1 - pt) ** self.gamma * ce).mean()', 'ce.mean()')), ['torch.nn.functional.binary_cross_entropy_with_logits']);
    // gamma passed on to a library focal loss, by keyword or to a function named focal, counts.
    const passedOn = ['import torch', 'from torchvision.ops import sigmoid_focal_loss', 'class MyLoss(torch.nn.Module):', '    def __init__(self, alpha=0.25, gamma=2.0):', '        super().__init__()', '        self.alpha, self.gamma = alpha, gamma', '    def forward(self, x, y):', '        return torch.log(sigmoid_focal_loss(x, y, alpha=self.alpha, gamma=self.gamma, reduction="mean"))', 'crit = MyLoss()'].join('\n');
    assert.ok(user(passedOn).includes('user:MyLoss'));
  });

  it('a gamma that is an RL discount in a loss named only "loss" is no focal loss', () => {
    // The REINFORCE / actor-critic shape (pytorch/examples reinforcement_learning/reinforce.py and many course
    // repositories): `R = r + gamma * R` over the rewards, then a log-probability loss.
    const sources = [
      'import torch\ndef policy_loss(log_probs, rewards, gamma=0.99):\n    R = 0\n    returns = []\n    for r in reversed(rewards):\n        R = r + gamma * R\n        returns.insert(0, R)\n    return -(torch.log(log_probs) * torch.tensor(returns)).sum()\nl = policy_loss(lp, rw)\n',
      'import torch\nclass ActorCriticLoss(torch.nn.Module):\n    def __init__(self, gamma=0.99, alpha=0.5):\n        super().__init__()\n        self.gamma = gamma\n        self.alpha = alpha\n    def forward(self, logp, values, rewards):\n        returns = rewards + self.gamma * values\n        return -(logp * returns).mean() + self.alpha * torch.log(values).mean()\ncrit = ActorCriticLoss()\nl = crit(a, b, c)\n',
    ];
    for (const src of sources) assert.deepEqual(user(src), [], src);
  });

  it("a box regression loss with alpha and gamma (mmdet's BalancedL1Loss, vendored) is no focal loss", () => {
    // open-mmlab/mmdetection mmdet/models/losses/balanced_l1_loss.py (v2.x): balanced_l1_loss(pred, target,
    // beta=1.0, alpha=0.5, gamma=1.5, ...) with `b = np.e**(gamma / alpha) - 1` and a torch.log term.
    const src = ['import numpy as np', 'import torch', 'def balanced_l1_loss(pred, target, beta=1.0, alpha=0.5, gamma=1.5):', '    diff = torch.abs(pred - target)', '    b = np.e**(gamma / alpha) - 1', '    return torch.where(diff < beta, alpha / b * (b * diff + 1) * torch.log(b * diff / beta + 1) - alpha * diff, gamma * diff + gamma / b - alpha * beta)', 'class BalancedL1Loss(torch.nn.Module):', '    def __init__(self, alpha=0.5, gamma=1.5, beta=1.0):', '        super().__init__()', '        self.alpha, self.gamma, self.beta = alpha, gamma, beta', '    def forward(self, pred, target):', '        return balanced_l1_loss(pred, target, self.beta, alpha=self.alpha, gamma=self.gamma)', 'l = BalancedL1Loss()(p, t)', 'm = balanced_l1_loss(p, t)'].join('\n');
    assert.deepEqual(user(src), []);
  });

  it('an EMA, a scheduler, an RL discount, a Tversky or focal Tversky loss and a bare "loss" without a log are not', () => {
    const sources = [
      'class EMA:\n    def __init__(self, model, alpha=0.999):\n        self.alpha = alpha\nema = EMA(net)\n',
      'def discount_rewards(rewards, gamma=0.99):\n    return rewards\nr = discount_rewards(x)\n',
      'class WarmupScheduler:\n    def __init__(self, opt, gamma=0.1):\n        pass\ns = WarmupScheduler(opt)\n',
      'class TverskyLoss:\n    def __init__(self, alpha=0.5, beta=0.5):\n        pass\nt = TverskyLoss()\n',
      'import torch\nclass FocalTverskyLoss:\n    def __init__(self, alpha=0.7, gamma=0.75):\n        pass\n    def forward(self, p, t):\n        return torch.log(p)\nt = FocalTverskyLoss()\n',
      'class ContrastiveLoss:\n    def __init__(self, alpha=1.0):\n        pass\n    def forward(self, a, b):\n        return (a - b).pow(2).mean()\nc = ContrastiveLoss()\n',
      'def smooth(x, alpha=0.9):\n    return x\ny = smooth(v)\n',
    ];
    for (const src of sources) assert.deepEqual(user(src), [], src);
  });

  it("a box regression loss with alpha and gamma (mmdet's BalancedL1Loss, vendored) is no focal loss", () => {
    // open-mmlab/mmdetection mmdet/models/losses/balanced_l1_loss.py (v2.x): balanced_l1_loss(pred, target,
    // beta=1.0, alpha=0.5, gamma=1.5, ...) with `b = np.e**(gamma / alpha) - 1` and a torch.log term.
    const src = ['import numpy as np', 'import torch', 'def balanced_l1_loss(pred, target, beta=1.0, alpha=0.5, gamma=1.5):', '    diff = torch.abs(pred - target)', '    b = np.e**(gamma / alpha) - 1', '    return torch.where(diff < beta, alpha / b * (b * diff + 1) * torch.log(b * diff / beta + 1) - alpha * diff, gamma * diff + gamma / b - alpha * beta)', 'class BalancedL1Loss(torch.nn.Module):', '    def __init__(self, alpha=0.5, gamma=1.5, beta=1.0):', '        super().__init__()', '        self.alpha, self.gamma, self.beta = alpha, gamma, beta', '    def forward(self, pred, target):', '        return balanced_l1_loss(pred, target, self.beta, alpha=self.alpha, gamma=self.gamma)', 'l = BalancedL1Loss()(p, t)', 'm = balanced_l1_loss(p, t)'].join('\n');
    assert.deepEqual(user(src), []);
  });

  it("the model of the user's loss comes from what its body computes, and says nothing when the body is mixed or silent", () => {
    const model = (src: string) => {
      const call = findLossCalls(src, 'python').find((c) => c.library === 'user')!;
      return [call.inputs.value, call.classModel];
    };
    const body = (lines: string[]) => ['import torch', 'import torch.nn.functional as F', 'def focal_loss(x, y, alpha=0.25, gamma=2.0):', ...lines.map((l) => `    ${l}`), 'l = focal_loss(a, b)'].join('\n');
    assert.deepEqual(model(body(['ce = F.binary_cross_entropy_with_logits(x, y, reduction="none")', 'p = torch.sigmoid(x)', 'return ce'])), ['logits', 'sigmoid']);
    assert.deepEqual(model(body(['logp = F.log_softmax(x, dim=1)', 'return -logp'])), ['logits', 'softmax']);
    assert.deepEqual(model(body(['return F.binary_cross_entropy(x, y)'])), ['probabilities', 'sigmoid']);
    assert.deepEqual(model(body(['a = torch.sigmoid(x)', 'b = F.softmax(x, 1)', 'return a + b'])), [undefined, undefined]);
    assert.deepEqual(model(body(['return x'])), [undefined, undefined]);
    const wrapped = 'import torch.nn as nn\nclass FocalLoss(nn.Module):\n    def __init__(self, alpha=0.25, gamma=2.0):\n        super().__init__()\n        self.bce = nn.BCEWithLogitsLoss(reduction="none")\n    def forward(self, x, y):\n        return self.bce(x, y)\nc = FocalLoss()\n';
    assert.deepEqual(model(wrapped), ['logits', 'sigmoid']);
  });
});
