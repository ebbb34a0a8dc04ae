// The quick fixes: each applied to the snippet gives code that computes the intended loss.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';
import { applyFix as apply } from './applyEdits';


/** The preferred fix of the only finding, applied. */
function fixed(text: string, rule: string): string {
  const findings = lintPython(text);
  assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.rule)));
  assert.equal(findings[0]!.rule, rule);
  const preferred = findings[0]!.fixes.filter((f) => f.preferred);
  assert.equal(preferred.length, 1, 'one preferred fix');
  const out = apply(text, preferred[0]!);
  assert.deepEqual(lintPython(out).filter((f) => f.rule === rule), [], `still fires after the fix:\n${out}`);
  return out;
}

describe('loss lint quick fixes', () => {
  it('double-softmax: removes a softmax written at the call', () => {
    const text = 'import torch.nn.functional as F\n\ndef f(x, y):\n    return F.cross_entropy(F.softmax(x, dim=1), y)\n';
    assert.equal(fixed(text, 'double-softmax'), 'import torch.nn.functional as F\n\ndef f(x, y):\n    return F.cross_entropy(x, y)\n');
  });

  it('double-softmax: replaces an assigned softmax by its input when that name is still the logits', () => {
    const text = 'import torch\nimport torch.nn.functional as F\n\ndef f(h, y):\n    p = torch.softmax(h, dim=-1)\n    return F.cross_entropy(p.view(-1, 10), y)\n';
    assert.match(fixed(text, 'double-softmax'), /F\.cross_entropy\(h\.view\(-1, 10\), y\)/);
  });

  it('double-softmax: the input rebound by the producer (out = F.softmax(out)): the loss cannot be handed the logits by name, so the fix removes that line (the loss its only reader)', () => {
    const text = 'import torch.nn as nn\nimport torch.nn.functional as F\ncriterion = nn.CrossEntropyLoss()\n\ndef f(model, x, y):\n    out = model(x)\n    out = F.softmax(out, dim=1)\n    return criterion(out, y)\n';
    const [finding] = lintPython(text);
    assert.equal(finding?.rule, 'double-softmax');
    assert.deepEqual(finding!.fixes.map((x) => [x.title, x.safety]), [['Remove the line `out = F.softmax(out, dim=1)` (only the loss reads `out` after it)', 'safe']]);
    assert.equal(fixed(text, 'double-softmax'), text.replace('    out = F.softmax(out, dim=1)\n', ''));
  });

  it('double-sigmoid: nn.BCEWithLogitsLoss()(torch.sigmoid(x), y) -> on x', () => {
    const text = 'import torch\nimport torch.nn as nn\n\ndef f(x, y):\n    return nn.BCEWithLogitsLoss()(torch.sigmoid(x), y)\n';
    assert.match(fixed(text, 'double-sigmoid'), /nn\.BCEWithLogitsLoss\(\)\(x, y\)/);
  });

  it('unstable-bce: nn.BCELoss()(torch.sigmoid(x), y) -> nn.BCEWithLogitsLoss()(x, y)', () => {
    const text = 'import torch\nimport torch.nn as nn\n\ndef f(x, y):\n    return nn.BCELoss()(torch.sigmoid(x), y)\n';
    assert.match(fixed(text, 'unstable-bce'), /return nn\.BCEWithLogitsLoss\(\)\(x, y\)/);
  });

  it('unstable-bce: keeps a shape step after the sigmoid, parenthesising an expression input', () => {
    const text = 'import torch\nimport torch.nn.functional as F\n\ndef f(a, b, y):\n    return F.binary_cross_entropy(torch.sigmoid(a - b).float(), y)\n';
    assert.match(fixed(text, 'unstable-bce'), /F\.binary_cross_entropy_with_logits\(\(a - b\)\.float\(\), y\)/);
  });

  it('nll-without-log-softmax: F.softmax -> F.log_softmax, and logits get log_softmax', () => {
    assert.match(fixed('import torch.nn.functional as F\n\ndef f(x, y):\n    return F.nll_loss(F.softmax(x, dim=1), y)\n', 'nll-without-log-softmax'), /F\.nll_loss\(F\.log_softmax\(x, dim=1\), y\)/);
    const logits = 'import torch.nn as nn\nimport torch.nn.functional as F\nhead = nn.Linear(8, 3)\n\ndef f(h, y):\n    out = head(h)\n    return F.nll_loss(out, y)\n';
    assert.match(fixed(logits, 'nll-without-log-softmax'), /F\.nll_loss\(F\.log_softmax\(out, dim=1\), y\)/);
  });

  it('keras-alpha-ignored: adds apply_class_balancing=True', () => {
    const text = 'import keras\nloss = keras.losses.BinaryFocalCrossentropy(alpha=0.25, gamma=2.0)\n';
    assert.equal(fixed(text, 'keras-alpha-ignored'), 'import keras\nloss = keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25, gamma=2.0)\n');
  });

  it('logits-into-probability-loss: from_logits=True for a Keras string loss and a loss object', () => {
    const model = 'import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(8, activation="relu"), tf.keras.layers.Dense(1)])\n';
    assert.match(fixed(`${model}model.compile(optimizer="adam", loss="binary_crossentropy")\n`, 'logits-into-probability-loss'), /loss=tf\.keras\.losses\.BinaryCrossentropy\(from_logits=True\)/);
    assert.match(fixed(`${model}model.compile(loss=tf.keras.losses.BinaryCrossentropy())\n`, 'logits-into-probability-loss'), /BinaryCrossentropy\(from_logits=True\)/);
  });

  it('logits-into-probability-loss: BCELoss -> BCEWithLogitsLoss where the criterion is built, when used once', () => {
    const text = 'import torch.nn as nn\nhead = nn.Linear(8, 1)\ncriterion = nn.BCELoss()\nloss = criterion(head(x), y)\n';
    assert.match(fixed(text, 'logits-into-probability-loss'), /criterion = nn\.BCEWithLogitsLoss\(\)/);
  });

  it('double-softmax in Keras: from_logits=True -> False when the model ends in a softmax', () => {
    const text = 'import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])\nmodel.compile(loss=tf.keras.losses.CategoricalCrossentropy(from_logits=True))\n';
    assert.match(fixed(text, 'double-softmax'), /CategoricalCrossentropy\(from_logits=False\)/);
  });
});
