import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { batchExpression, batchRequestOf } from '../../../src/live/batchRequest';
import { callArguments } from '../../../src/live/callArguments';
import { safeExpression } from '../../../src/live/safeExpression';
import { KAGOZI_FOCAL_LOSS } from '../../fixtures/classWeightFocalLosses';

// What Loss Lens evaluates in a paused debuggee: only argument expressions that read (names,
// attributes, subscripts), taken from the call as written, with the loss as the file gives it.

describe('safe expressions for a debuggee', () => {
  for (const ok of ['logits', 'outputs.logits', 'logits[valid]', "batch['labels']", 'x[:, 0]', 'x[..., 1:]', 'cls_logits[pos_inds, :]', 'y[-1]', 'self.criterion.weight', 'out[0][1]', 'x[::2]', 'preds[mask, None]']) {
    it(`evaluates ${ok}`, () => assert.deepEqual(safeExpression(ok), { ok: true, text: ok }));
  }
  for (const [bad, why] of [
    ['next(it)', /calls/],
    ['model(x)', /calls/],
    ['x.sigmoid()', /calls/],
    ['x = 1', /assigns/],
    ['lambda: 0', /keyword `lambda`/],
    ['a + b', /`\+`/],
    ['x[i] if ok else y', /keyword `if`/],
    ['[v for v in xs]', /keyword `for`/],
    ['a\nb', /more than one/],
    ['None', /only names/],
    ['x.', /only names/],
    ['x[', /only names/],
    ['__import__', /./], // a name alone is allowed: evaluating it reads a builtin; the call is what is refused
  ] as const) {
    if (bad === '__import__') continue;
    it(`refuses ${JSON.stringify(bad)}`, () => {
      const result = safeExpression(bad);
      assert.ok(!result.ok && why.test(result.reason.toString()), JSON.stringify(result));
    });
  }
});

describe('the arguments of a call as written', () => {
  it('splits at top-level commas, keywords apart, strings and brackets whole', () => {
    assert.deepEqual(callArguments("criterion(logits[valid, :], targets, reduction='sum, mean')"), [{ text: 'logits[valid, :]' }, { text: 'targets' }, { name: 'reduction', text: "'sum, mean'" }]);
    assert.deepEqual(callArguments('f(\n  a,\n  b=c[1],  # comment, with comma\n)'), [{ text: 'a' }, { name: 'b', text: 'c[1]' }]);
    assert.equal(callArguments('f(a, (b'), undefined);
  });
});

describe('the request for a loss call', () => {
  const call = (source: string) => {
    const calls = findLossCalls(source, 'python');
    const found = calls[calls.length - 1]!;
    return { call: found, text: source.slice(found.start, found.end) };
  };

  it('torchvision sigmoid_focal_loss: prediction and target by position, its alpha, gamma and reduction', () => {
    const { call: c, text } = call('from torchvision.ops import sigmoid_focal_loss\nloss = sigmoid_focal_loss(cls_logits[valid], gt_classes_target, reduction="sum")\n');
    const result = batchRequestOf(c, text);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.request.pred, 'cls_logits[valid]');
    assert.equal(result.request.target, 'gt_classes_target');
    assert.deepEqual({ ...result.request.spec }, { ...result.request.spec, model: 'sigmoid', inputs: 'logits', kind: 'focal', alpha: 0.25, gamma: 2, reduction: 'sum' });
  });

  it('a criterion built elsewhere: its class weights, label smoothing and the -100 ignore_index', () => {
    const { call: c, text } = call('import torch.nn as nn\ncriterion = nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 0.5]), label_smoothing=0.1)\nloss = criterion(outputs.logits, labels)\n');
    const result = batchRequestOf(c, text);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.request.pred, 'outputs.logits');
    assert.equal(result.request.spec.model, 'softmax');
    assert.deepEqual(result.request.spec.weight, [1, 2, 0.5]);
    assert.equal(result.request.spec.labelSmoothing, 0.1);
    assert.equal(result.request.spec.ignoreIndex, -100);
  });

  it('Keras losses take (y_true, y_pred)', () => {
    const { call: c, text } = call('import keras\nloss_fn = keras.losses.BinaryFocalCrossentropy(from_logits=True)\nl = loss_fn(y_batch, preds)\n');
    const result = batchRequestOf(c, text);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(result.request.pred, 'preds');
    assert.equal(result.request.target, 'y_batch');
  });

  it('an alpha the file does not resolve is read live when it is a name', () => {
    const { call: c, text } = call('from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y, alpha=self.alpha, gamma=cfg.gamma)\n');
    const result = batchRequestOf(c, text);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.request.live, { alpha: 'self.alpha', gamma: 'cfg.gamma' });
    const expression = batchExpression(result.request);
    assert.ok(expression.endsWith(`{"alpha": self.alpha, "gamma": cfg.gamma}, {})`), expression.slice(-80));
  });

  it("reads live a value the file has only as a default no call of it passes (another file may pass one): the frame knows", () => {
    // kagozi/gastrointestinal-challenge focal_loss.py: train_models.py builds FocalLoss(alpha=class_weights, gamma=2).
    // Paused in forward with class weights [0.4, 1.33, 2.67, 2.67], the live hover said the call's sum was the
    // unweighted CE's (94.49; PyTorch: 111.22), from `alpha=None`, the default of __init__ (qa8).
    const source = KAGOZI_FOCAL_LOSS;
    const calls = findLossCalls(source, 'python');
    const c = calls.find((found) => found.api === 'torch.nn.functional.cross_entropy')!;
    const result = batchRequestOf(c, source.slice(c.start, c.end));
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.request.live, { weight: 'self.alpha' });
    assert.equal(result.request.spec.weight, null, 'not the default None as if known');
  });

  it('reads a pos_weight per class and an element weight of BCE live (multi-label code), each broadcast as PyTorch does', () => {
    const { call: c, text } = call('import torch.nn.functional as F\nl = F.binary_cross_entropy_with_logits(logits, labels, weight=mask, pos_weight=self.pos_weight)\n');
    const result = batchRequestOf(c, text);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.request.live, { posWeight: 'self.pos_weight', elementWeight: 'mask' });
    const literal = call('import torch.nn as nn\ncriterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([1.0, 4.0, 2.5]))\nl = criterion(logits, labels)\n');
    const known = batchRequestOf(literal.call, literal.text);
    assert.ok(known.ok, JSON.stringify(known));
    assert.deepEqual(known.request.spec.posWeight, [1, 4, 2.5]);
  });

  it("reads an unresolved parameter of a loss module from the module itself: self.criterion.weight, wherever it was built", () => {
    const source = [
      'import torch.nn as nn',
      'class Model(nn.Module):',
      '    def __init__(self, class_weights):',
      '        self.criterion = nn.CrossEntropyLoss(weight=class_weights, label_smoothing=cfg.smoothing)',
      '    def training_step(self, batch):',
      '        loss = self.criterion(self(batch[0]), batch[1])',
      '        return self.criterion(logits, labels)',
      '',
    ].join('\n');
    const { call: c, text } = call(source);
    const result = batchRequestOf(c, text);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.request.live, { labelSmoothing: 'self.criterion.label_smoothing', weight: 'self.criterion.weight' });
  });

  it('reads an argument reshaped, retyped or activated on the way in: the value from the frame, the steps in the snippet', () => {
    const { call: c, text } = call('import torch.nn as nn\ncriterion = nn.CrossEntropyLoss()\nl = criterion(outputs.view(-1, self.num_classes), labels.view(-1).long())\n');
    const result = batchRequestOf(c, text);
    assert.ok(result.ok, JSON.stringify(result));
    assert.deepEqual(result.request.values, { pred: 'outputs', target: 'labels' });
    assert.deepEqual(result.request.refs, { r0: 'self.num_classes' });
    assert.deepEqual(result.request.spec.steps, { pred: [['view', -1, { ref: 'r0' }]], target: [['view', -1], ['cast', 'int']] });
    // The hover still names the arguments as written.
    assert.equal(result.request.pred, 'outputs.view(-1, self.num_classes)');
    const expression = batchExpression(result.request);
    assert.ok(expression.includes(')(outputs, labels, '), expression.slice(-200));
    assert.ok(expression.endsWith('{"r0": self.num_classes})'), expression.slice(-80));
    // The values the frame evaluates are names only: no call of the program's is in the expression.
    assert.doesNotMatch(expression.slice(expression.indexOf(')(outputs')), /\.view\(|\.long\(/);
  });

  it('refuses an argument with a call in it, and says which', () => {
    const { call: c, text } = call('import torch.nn.functional as F\nl = F.cross_entropy(model(x), next(it))\n');
    const result = batchRequestOf(c, text);
    assert.ok(!result.ok);
    assert.match(result.reason.toString(), /model\(x\)/);
  });

  it('the expression is the shipped snippet and the two arguments, nothing else from the document', () => {
    const { call: c, text } = call('import torch.nn.functional as F\nl = F.binary_cross_entropy_with_logits(logits, targets)\n');
    const result = batchRequestOf(c, text);
    assert.ok(result.ok);
    const expression = batchExpression(result.request);
    assert.match(expression, /^\(lambda __ll: \(exec\("/);
    assert.ok(expression.includes(')(logits, targets, "'), expression.slice(-300));
  });
});
