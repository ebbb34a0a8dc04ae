// classifyPrinted (src/webview/printedFigure.ts), the worked examples' check, as a unit in Node.
import * as assert from 'node:assert/strict';
import { loadSourceModule } from './explorerPage.mjs';

describe('classifyPrinted: a printed figure against its true value', function () {
  this.timeout(60_000);
  let classifyPrinted;
  let core;
  before(async () => {
    ({ classifyPrinted } = await loadSourceModule('webview/printedFigure'));
    core = await loadSourceModule('core/index');
  });

  it('tells agreeing, truncated, rounded and wrong figures apart', () => {
    assert.equal(classifyPrinted(0.0513, '0.05'), 'agrees');
    assert.equal(classifyPrinted(0.0753, '0.07'), 'truncated');
    assert.equal(classifyPrinted(0.00388, '0.003'), 'truncated');
    assert.equal(classifyPrinted(0.0753, '0.08'), 'rounded');
    assert.equal(classifyPrinted(0.0753, '0.09'), 'wrong');
    assert.equal(classifyPrinted(0.0753, '0.0753'), 'agrees');
    assert.equal(classifyPrinted(3.50956972e-6, '3.50956972e-7'), 'wrong');
    assert.equal(classifyPrinted(3.50956972e-6, '3.50956972e-6'), 'agrees');
    assert.equal(classifyPrinted(0.025, '0.025'), 'agrees', 'a decimal that binary cannot hold exactly');
    assert.equal(classifyPrinted(-0.0753, '-0.07'), 'truncated');
    assert.equal(classifyPrinted(-0.0753, '-0.08'), 'rounded');
    assert.equal(classifyPrinted(12.7, '12'), 'truncated');
    assert.equal(classifyPrinted(0.05, 'abc'), 'wrong');
    assert.equal(classifyPrinted(0.05, ''), 'wrong');
    assert.equal(classifyPrinted(NaN, '0.05'), 'wrong');
  });

  it('classifies the walk-through as the panel shows it', () => {
    const verdicts = Object.fromEntries(core.seedExampleValues().map(({ example, valueInSeedBase }) => [example.id, classifyPrinted(valueInSeedBase, example.printed)]));
    assert.deepEqual(verdicts, {
      'ce-foreground': 'agrees',
      'ce-background': 'agrees',
      'balanced-positive-0.5': 'truncated',
      'balanced-negative-0.5': 'truncated',
      'balanced-positive-0.98': 'wrong',
      'balanced-negative-0.2': 'agrees',
      'focal-positive-0.98': 'wrong',
      'focal-negative-0.2': 'truncated',
    });
  });
});
