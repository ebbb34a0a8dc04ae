import * as assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, baseName, sanitiseSettings } from '../../../src/extension/settingsValues';
import { logBaseValue } from '../../../src/protocol';

describe('settings values', () => {
  it('gives the defaults when nothing is set', () => {
    const { settings, problems } = sanitiseSettings(() => undefined);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.deepEqual(problems, []);
  });

  it('takes valid values', () => {
    const raw: Record<string, unknown> = { defaultAlpha: null, defaultGamma: 0.5, logBase: '10', precision: 6, 'hover.enabled': false, 'panel.followCursor': false };
    const { settings, problems } = sanitiseSettings((key) => raw[key]);
    assert.deepEqual(settings, { defaultAlpha: null, defaultGamma: 0.5, logBase: '10', precision: 6, hoverEnabled: false, followCursor: false });
    assert.deepEqual(problems, []);
  });

  it('falls back, naming the setting, for values that make no sense', () => {
    const raw: Record<string, unknown> = { defaultAlpha: 1.5, defaultGamma: -1, logBase: 'ten', precision: 0.5, 'hover.enabled': 'yes' };
    const { settings, problems } = sanitiseSettings((key) => raw[key]);
    assert.deepEqual(settings, DEFAULT_SETTINGS);
    assert.equal(problems.length, 5);
    assert.match(problems[0]!, /^lossLens\.defaultAlpha must be a number in \[0, 1\] or null \(got 1\.5\); using 0\.25\.$/);
    assert.match(problems[2]!, /lossLens\.logBase must be "e", "2" or "10"/);
  });

  it('alphaWeighting off (the Settings UI cannot write null) starts without alpha, whatever defaultAlpha says (issue 20, item 14)', () => {
    for (const defaultAlpha of [undefined, 0.5, null]) {
      const raw: Record<string, unknown> = { alphaWeighting: false, defaultAlpha };
      const { settings, problems } = sanitiseSettings((key) => raw[key]);
      assert.equal(settings.defaultAlpha, null, `defaultAlpha ${defaultAlpha}`);
      assert.deepEqual(problems, []);
    }
    const onRaw: Record<string, unknown> = { alphaWeighting: true, defaultAlpha: 0.5 };
    const on = sanitiseSettings((key) => onRaw[key]);
    assert.equal(on.settings.defaultAlpha, 0.5);
    const odd = sanitiseSettings((key) => (key === 'alphaWeighting' ? 'no' : undefined));
    assert.equal(odd.settings.defaultAlpha, 0.25);
    assert.match(odd.problems[0]!, /^lossLens\.alphaWeighting must be true or false \(got "no"\)/);
  });

  it('names and converts bases', () => {
    assert.equal(logBaseValue('e'), Math.E);
    assert.equal(logBaseValue('2'), 2);
    assert.equal(logBaseValue('10'), 10);
    assert.equal(baseName('e'), 'natural log');
    assert.equal(baseName('10'), 'log10');
  });
});
