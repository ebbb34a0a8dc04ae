// The lint engine beyond the corpus: notebook context, suppression comments, severities, the
// settings reader, and robustness on half-typed code.
import * as assert from 'node:assert/strict';
import { LINT_RULES, lintPython } from '../../../src/language/lint';
import { LossCallIndex } from '../../../src/language/recognition';
import { LINT_CASES } from '../../fixtures/lintCases';
import { levelOf, lintSettingsOf } from '../../../src/extension/lintSettings';

const NESTED = 'import torch\nimport torch.nn.functional as F\n\ndef f(x, y):\n    return F.cross_entropy(torch.softmax(x, dim=1), y)\n';

describe('loss lint engine', () => {
  it('counts a producer in an earlier notebook cell, and reports it in the context', () => {
    const context = 'import torch\nimport torch.nn.functional as F\nprobs = torch.softmax(logits, dim=1)';
    const cell = 'loss = F.cross_entropy(probs, y)\n';
    const [finding, ...rest] = lintPython(cell, { context });
    assert.deepEqual(rest, []);
    assert.equal(finding?.rule, 'double-softmax');
    assert.equal(cell.slice(finding!.start, finding!.end), 'probs');
    assert.equal(finding!.related?.inContext, true);
    assert.equal(context.slice(finding!.related!.start, finding!.related!.end), 'torch.softmax(logits, dim=1)');
    // Nothing is reported inside the context itself.
    assert.deepEqual(lintPython('x = 1\n', { context: NESTED }), []);
  });

  it('finds the same given what the hover index read (its calls and module) as reading the text itself', () => {
    const index = new LossCallIndex();
    for (const [i, c] of LINT_CASES.entries()) {
      const read = index.read(`file:///case${i}.py`, 1, c.code, 'python');
      assert.ok(read.module, c.code);
      assert.deepEqual(lintPython(c.code, read), lintPython(c.code), c.code);
    }
    // A module read from another text is not used.
    const other = index.read('file:///other.py', 1, 'x = 1\n', 'python');
    assert.equal(lintPython(NESTED, { module: other.module }).length, 1);
  });

  it('is silenced by # noqa: loss-lens and # loss-lens: ignore[rule]', () => {
    assert.equal(lintPython(NESTED).length, 1);
    assert.deepEqual(lintPython(NESTED.replace('y)\n', 'y)  # noqa: loss-lens\n')), []);
    assert.deepEqual(lintPython(NESTED.replace('y)\n', 'y)  # loss-lens: ignore[double-softmax]\n')), []);
    assert.deepEqual(lintPython(NESTED.replace('y)\n', 'y)  # loss-lens: ignore[unstable-bce]\n')).map((f) => f.rule), ['double-softmax', 'unused-suppression']);
    assert.equal(lintPython(NESTED.replace('y)\n', 'y)  # noqa: E501\n')).length, 1);
  });

  it('keeps log_softmax into CrossEntropyLoss at information level (redundant, not wrong)', () => {
    const text = 'import torch.nn.functional as F\n\ndef f(x, y):\n    return F.cross_entropy(F.log_softmax(x, dim=1), y)\n';
    const [finding] = lintPython(text);
    assert.equal(finding?.rule, 'double-softmax');
    assert.equal(finding!.severity, 'information');
    assert.match(finding!.message, /redundant/);
  });

  it('says what Keras does without claiming a number', () => {
    const text = 'import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(10, activation="softmax")])\nmodel.compile(loss=tf.keras.losses.CategoricalCrossentropy(from_logits=True))\n';
    assert.match(lintPython(text)[0]!.message, /Keras warns/);
  });

  it('never throws on half-typed code', () => {
    const pieces = NESTED.split('');
    for (let cut = 0; cut <= pieces.length; cut += 3) assert.doesNotThrow(() => lintPython(NESTED.slice(0, cut)));
    assert.doesNotThrow(() => lintPython('model.compile(loss=\nF.cross_entropy(F.softmax(\n'));
  });

  it('reads the settings: enabled, per-rule levels, and ignores what makes no sense', () => {
    const warnings: string[] = [];
    const settings = lintSettingsOf(undefined, { 'unstable-bce': 'off', 'double-softmax': 'error', 'no-such-rule': 'hint', 'double-sigmoid': 'loud' }, (m) => warnings.push(m));
    assert.equal(settings.enabled, true);
    assert.equal(levelOf(settings, 'unstable-bce', undefined), 'off');
    assert.equal(levelOf(settings, 'double-softmax', 'information'), 'error');
    assert.equal(levelOf(settings, 'double-sigmoid', undefined), 'warning');
    assert.equal(levelOf(lintSettingsOf(true, {}), 'double-softmax', 'information'), 'information');
    assert.equal(warnings.length, 2);
    assert.equal(lintSettingsOf(false, undefined).enabled, false);
    for (const rule of LINT_RULES) assert.ok(['error', 'warning', 'information', 'hint'].includes(levelOf(lintSettingsOf(true, null), rule.id, undefined)));
  });
});
