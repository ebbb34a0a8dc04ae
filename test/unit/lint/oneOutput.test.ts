// categorical-on-one-output (issue 23, third pass; corpus in test/fixtures/lintOneOutputCases.ts): what
// the finding says, where its related information points, and that it offers no fix (binary CE is
// meant for 0/1 labels, n units for n classes: the file does not say which).
import * as assert from 'node:assert/strict';
import { LINT_RULES, lintPython } from '../../../src/language/lint';
import { py } from '../../fixtures/pySource';

describe('categorical-on-one-output', () => {
  const code = py`
    from keras.models import Sequential
    from keras.layers import Dense
    model = Sequential()
    model.add(Dense(8, input_dim=4, activation='relu'))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(loss='categorical_crossentropy', optimizer='adam')
  `;

  it('names the loss and the one-unit layer, points there, is an error by default and has no fix', () => {
    const [f, ...rest] = lintPython(code);
    assert.deepEqual(rest, []);
    assert.equal(f?.rule, 'categorical-on-one-output');
    assert.match(f!.message, /^'categorical_crossentropy' on a model whose last layer Dense\(1, activation='sigmoid'\) has one output: .* the loss is 0 whatever the model predicts/);
    assert.equal(code.slice(f!.related!.start, f!.related!.end), "Dense(1, activation='sigmoid')");
    assert.deepEqual(f!.fixes, []);
    assert.equal(LINT_RULES.find((r) => r.id === 'categorical-on-one-output')?.severity, 'error');
  });

  it('the sparse form says labels other than 0 are out of range; a softmax Dense(1) gets this finding, not a double softmax', () => {
    const sparse = code.replace("'categorical_crossentropy'", "'sparse_categorical_crossentropy'");
    assert.match(lintPython(sparse)[0]!.message, /there is one class, so any label but 0 is out of range/);
    const softmax = py`
      from tensorflow import keras
      model = keras.Sequential([keras.layers.Dense(1, activation='softmax')])
      model.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True), optimizer='adam')
    `;
    assert.deepEqual(lintPython(softmax).map((f) => f.rule), ['categorical-on-one-output']);
  });
});
