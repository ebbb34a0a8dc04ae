// unknown-loss-keyword's rename: a keyword misspelt from exactly one of the signature's (case,
// underscores and a plural 's' aside) becomes that one, when the call does not give it already.
// Snippets of our own, in the shape of the public code named.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix } from './applyEdits';
import { py } from '../../fixtures/pySource';
import { pythonWithTorch, runTorch } from './torchPython';

const keywordFindings = (code: string) => lintPython(code).filter((f) => f.rule === 'unknown-loss-keyword');

// vandit15/Class-balanced-loss-pytorch class_balanced_loss.py @ 921ccb8, CB_loss's "sigmoid" branch.
const CB_LOSS = py`
  import torch
  import torch.nn.functional as F

  def cb_sigmoid(logits, labels_one_hot, weights):
      cb_loss = F.binary_cross_entropy_with_logits(input = logits,target = labels_one_hot, weights = weights)
      return cb_loss
`;

describe('loss lint: unknown-loss-keyword renames a misspelt keyword', () => {
  it('weights= to weight= in binary_cross_entropy_with_logits (safe, preferred); the fixed line is not reported', () => {
    const [f, ...rest] = keywordFindings(CB_LOSS);
    assert.equal(rest.length, 0);
    assert.deepEqual(f!.fixes.map((x) => [x.title, x.safety, x.preferred]), [['Rename `weights=` to `weight=`', 'safe', true]]);
    const fixed = applyFix(CB_LOSS, f!.fixes[0]!);
    assert.match(fixed, /target = labels_one_hot, weight = weights\)/);
    assert.deepEqual(keywordFindings(fixed), []);
  });

  it('classes and TF 1 losses too: CrossEntropyLoss(weights=w), BCEWithLogitsLoss(posWeight=...), tf.losses.softmax_cross_entropy(weight=w)', () => {
    const code = py`
      import torch.nn as nn
      import tensorflow as tf

      criterion = nn.CrossEntropyLoss(weights=class_weights)
      bce = nn.BCEWithLogitsLoss(posWeight=pw)
      loss = tf.losses.softmax_cross_entropy(onehot_labels=y, logits=x, weight=w)
    `;
    assert.deepEqual(keywordFindings(code).map((f) => f.fixes.map((x) => x.title)), [['Rename `weights=` to `weight=`'], ['Rename `posWeight=` to `pos_weight=`'], ['Rename `weight=` to `weights=`']]);
  });

  it('no rename when no keyword or two are near, or the right one is given already (by keyword or by position)', () => {
    const code = py`
      import torch.nn as nn
      import torch.nn.functional as F
      import tensorflow as tf

      a = nn.CrossEntropyLoss(alpha=0.25)
      b = F.binary_cross_entropy_with_logits(x, y, w, weights=w2)
      c = F.binary_cross_entropy_with_logits(x, y, weight=w, weights=w2)
      d = nn.BCELoss(w, weights=w2)
      e = tf.losses.sigmoid_cross_entropy(labels=y, logits=x)
      f = nn.BCEWithLogitsLoss(ignore_index=-100)
    `;
    const found = keywordFindings(code);
    assert.equal(found.length, 6);
    for (const f of found) assert.deepEqual(f.fixes, [], code.slice(f.start, f.end));
  });

  it('the renamed call runs and weights each element (PyTorch); the original raises TypeError', function () {
    if (!pythonWithTorch()) this.skip(); // python3 with torch (Debian's python3-torch) is not installed here
    this.timeout(120000);
    const fixed = applyFix(CB_LOSS, keywordFindings(CB_LOSS)[0]!.fixes[0]!);
    const driver = `
x = torch.randn(6, 3); t = torch.randint(0, 2, (6, 3)).double(); w = torch.rand(6, 3)
out = {}
for name, code in request:
    ns = {}
    exec(code, ns)
    try:
        got = ns['cb_sigmoid'](x, t, w)
        out[name] = float((got - (w * F.binary_cross_entropy_with_logits(x, t, reduction='none')).mean()).abs())
    except TypeError:
        out[name] = 'TypeError'
print(json.dumps(out))
`;
    const result = runTorch(driver, [['fixed', fixed], ['original', CB_LOSS]]) as Record<string, number | string>;
    assert.equal(result.original, 'TypeError');
    assert.ok(typeof result.fixed === 'number' && result.fixed < 1e-12, JSON.stringify(result));
  });
});
