// Values held between the activation and the loss (issue 23, the measurement's misses): a self
// attribute set in another method, a parameter every call site fills alike, one class's column of a
// softmax. The message says where the activation is, the related information points there, and a fix
// at the producer is safe only when the loss is the one reader.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix as apply } from './applyEdits';
import { py } from '../../fixtures/pySource';


const ATTRIBUTE = py`
  import tensorflow as tf

  class PolicyNet:
      def __init__(self, board):
          self.policy_logits = tf.layers.dense(board, 9)
          self.probs = tf.nn.softmax(self.policy_logits)

      def build_loss(self):
          self.loss = tf.losses.softmax_cross_entropy(self.targets, self.probs)
`;

describe('loss lint: values held by an attribute or a parameter', () => {
  it('a self attribute set in __init__: the message names the attribute and its producer, the related information points there', () => {
    const [f, ...rest] = lintPython(ATTRIBUTE);
    assert.deepEqual(rest, []);
    assert.equal(f?.rule, 'double-softmax');
    assert.match(f!.message, /^`self\.probs` is `tf\.nn\.softmax\(self\.policy_logits\)` \(line 6\): /);
    assert.equal(ATTRIBUTE.slice(f!.related!.start, f!.related!.end), 'tf.nn.softmax(self.policy_logits)');
  });

  it('the safe fix passes the logits attribute the softmax reads; removing the softmax where the attribute is set is unsafe, since other files may read it', () => {
    // An attribute is the object's interface: a predict() in another file may fetch `net.probs`
    // (suragnair/alpha-zero-general's NNet.predict runs self.nnet.prob), so even with no other
    // reader in this file the removal changes what they get.
    const [only] = lintPython(ATTRIBUTE);
    assert.deepEqual(only!.fixes.map((x) => [x.title, x.safety, x.preferred]), [
      ['Pass `self.policy_logits` (the input of the softmax) to softmax_cross_entropy instead of `self.probs`', 'safe', true],
      ['Remove the softmax where `self.probs` is set (code in other files may read it and get logits too)', 'unsafe', false],
    ]);
    assert.match(apply(ATTRIBUTE, only!.fixes[0]!), /tf\.losses\.softmax_cross_entropy\(self\.targets, self\.policy_logits\)$/m);
    assert.match(apply(ATTRIBUTE, only!.fixes[0]!), /^ {8}self\.probs = tf\.nn\.softmax\(self\.policy_logits\)$/m);
    assert.match(apply(ATTRIBUTE, only!.fixes[1]!), /^ {8}self\.probs = self\.policy_logits$/m);

    const read = `${ATTRIBUTE}\n    def predict(self, board):\n        return self.sess.run(self.probs)\n`;
    const [shared] = lintPython(read);
    assert.deepEqual(shared!.fixes.map((x) => [x.safety, x.preferred]), [['safe', true], ['unsafe', false]]);
    assert.match(shared!.fixes[1]!.title, /other code reading it gets logits too/);
    // An instance's `net.probs` elsewhere in the file is a reader too.
    const outside = `${ATTRIBUTE}\nnet = PolicyNet(board)\nprint(net.probs)\n`;
    assert.match(lintPython(outside)[0]!.fixes[1]!.title, /other code reading it gets logits too/);
  });

  it('no logits fix when the input is not an attribute set once in the class (a local name, an attribute set twice)', () => {
    const local = ATTRIBUTE.replace('self.policy_logits = tf.layers.dense(board, 9)\n        self.probs = tf.nn.softmax(self.policy_logits)', 'logits = tf.layers.dense(board, 9)\n        self.probs = tf.nn.softmax(logits)');
    assert.deepEqual(lintPython(local)[0]!.fixes.map((x) => x.safety), ['unsafe']);
    const twice = `${ATTRIBUTE}\n    def reset(self, board):\n        self.policy_logits = tf.zeros([1, 9])\n`;
    assert.deepEqual(lintPython(twice)[0]!.fixes.map((x) => x.safety), ['unsafe']);
  });

  const GAN = py`
    import torch
    import torch.nn as nn
    import torch.nn.functional as F

    class Critic(nn.Module):
        def __init__(self):
            super().__init__()
            self.adv_head = nn.Sequential(nn.Linear(256, 1), nn.Sigmoid())
            self.cls_head = nn.Sequential(nn.Linear(256, 10), nn.Softmax(dim=1))

        def forward(self, features):
            return self.adv_head(features), self.cls_head(features)

    class Gan(nn.Module):
        def __init__(self):
            super().__init__()
            self.critic = Critic()

        def auxiliary_loss(self, y_hat, y):
            return F.cross_entropy(y_hat, y)

        def training_step(self, batch):
            validity, label = self.critic(batch[0])
            return self.auxiliary_loss(label, batch[1])
  `;

  it("a tuple output through a method's parameter: the message names the head, the loss switch is the safe fix and removing the softmax is unsafe", () => {
    const [f, ...rest] = lintPython(GAN);
    assert.deepEqual(rest, []);
    assert.equal(f?.rule, 'double-softmax');
    assert.equal(GAN.slice(f!.start, f!.end), 'y_hat');
    assert.match(f!.message, /^`self\.cls_head` ends in `nn\.Softmax\(dim=1\)` \(line 9\): /);
    assert.equal(GAN.slice(f!.related!.start, f!.related!.end), 'nn.Softmax(dim=1)');
    // Other call sites may hand the output on: the removal is not claimed to be the only reader's.
    assert.deepEqual(f!.fixes.map((x) => [x.title, x.safety, x.preferred]), [
      ['Use nll_loss on torch.log(y_hat)', 'safe', true],
      ['Remove the softmax from `self.cls_head` (other code reading its output gets logits too)', 'unsafe', false],
    ]);
  });

  /** A helper method whose calls are the step's `body` (a return expression). */
  const trainer = (body: string) => [
    'import torch.nn.functional as F', '', 'class Trainer:', '    def class_loss(self, y_hat, y):', '        return F.cross_entropy(y_hat, y)', '',
    '    def step(self, x, y):', `        return ${body}`, '',
  ].join('\n');

  it('a parameter every call site fills with a softmax written there: the message names the method and the producer, and no fix edits one call site only', () => {
    const code = trainer('self.class_loss(F.softmax(self.head(x), dim=1), y) + self.class_loss(F.softmax(self.aux(x), dim=1), y)');
    const [f, ...rest] = lintPython(code);
    assert.deepEqual(rest, []);
    assert.equal(f?.rule, 'double-softmax');
    assert.match(f!.message, /^every call of `Trainer\.class_loss` passes `F\.softmax\(self\.head\(x\), dim=1\)` as `y_hat` \(line 8\): /);
    assert.deepEqual(f!.fixes, []);
  });

  it('a static method (no self) and keyword calls: positions are read after self, keywords by name', () => {
    const code = trainer('self.class_loss(y=y, y_hat=F.softmax(self.head(x), dim=1))');
    assert.deepEqual(lintPython(code).map((f) => f.rule), ['double-softmax']);
    const staticLike = code.replace('def class_loss(self, y_hat, y)', 'def class_loss(y_hat, y)');
    assert.deepEqual(lintPython(staticLike), []);
  });

  it("one class's softmax column into a logits BCE: the probability BCE is the safe fix", () => {
    const code = py`
      import torch.nn.functional as F

      def scores(x):
          return F.softmax(x, dim=1)

      p = scores(logits)
      loss = F.binary_cross_entropy_with_logits(p[:, 1], y)
    `;
    const [f, ...rest] = lintPython(code);
    assert.deepEqual(rest, []);
    assert.equal(f?.rule, 'softmax-into-bce');
    assert.match(f!.message, /^`scores` returns `F\.softmax\(x, dim=1\)` \(line 4\): binary_cross_entropy_with_logits applies a sigmoid itself, but this is one class's softmax probability/);
    assert.deepEqual(f!.fixes.map((x) => [x.safety, x.preferred]), [['safe', true]]);
    assert.match(apply(code, f!.fixes[0]!), /F\.binary_cross_entropy\(p\[:, 1\], y\)/);
    // The same column into the probability BCE is right; into CrossEntropyLoss the shape is not a class dimension: silent.
    assert.deepEqual(lintPython(code.replace('binary_cross_entropy_with_logits', 'binary_cross_entropy')), []);
    assert.deepEqual(lintPython(code.replace('binary_cross_entropy_with_logits', 'cross_entropy')), []);
  });

  it('rows a for loop takes: a softmax over the last axis as a function, method or layer counts; another axis or an implicit torch dim says nothing', () => {
    const loop = (producer: string) => lintPython(py`
      import torch
      import torch.nn as nn
      import torch.nn.functional as F
      import tensorflow as tf

      for row in ${producer}:
          loss = F.cross_entropy(row, target)
    `).map((f) => f.rule);
    for (const producer of ['x.softmax(-1)', 'torch.softmax(x, dim=-1)', 'F.softmax(x, -1)', 'nn.Softmax(dim=-1)(x)', 'tf.nn.softmax(x)']) assert.deepEqual(loop(producer), ['double-softmax'], producer);
    for (const producer of ['x.softmax(1)', 'torch.softmax(x, 0)', 'F.softmax(x)', 'nn.Softmax(dim=1)(x)', 'tf.nn.softmax(x, axis=1)']) assert.deepEqual(loop(producer), [], producer);
  });
});
