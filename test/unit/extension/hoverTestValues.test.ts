import * as assert from 'node:assert/strict';
import { findLossCalls } from '../../../src/language/recognition';
import { hoverMarkdown } from '../../../src/extension/hoverMarkdown';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';

/* The hover of a call in a parametrized test (issue 24, Values): every value it receives, and no table of one of them. */

function hoverOf(source: string): string {
  const calls = findLossCalls(source, 'python');
  assert.equal(calls.length, 1, source);
  return hoverMarkdown(calls[0]!, 0, DEFAULT_SETTINGS);
}

describe('hover: values from pytest parametrize', () => {
  it("kornia's parametrized alpha, gamma and reduction: each listed with the decorator's line, no table, no 'unresolved'", () => {
    const md = hoverOf(`import pytest\nimport kornia\n@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])\n@pytest.mark.parametrize("alpha", [None, 0.2, 0.5])\n@pytest.mark.parametrize("gamma", [0.0, 1.0, 2.0])\ndef test_shape_alpha_gamma(reduction, alpha, gamma):\n    kornia.losses.binary_focal_loss_with_logits(logits, labels, alpha=alpha, gamma=gamma, reduction=reduction)\n`);
    assert.match(md, /alpha \*\*none, 0\\?\.2 or 0\\?\.5\*\* \*\(pytest parametrize, line 4\)\*/);
    assert.match(md, /gamma \*\*0, 1 or 2\*\* \*\(pytest parametrize, line 5\)\*/);
    assert.match(md, /reduction \*\*"none", "mean" or "sum"\*\* \*\(pytest parametrize, line 3\)\*/);
    assert.match(md, /No values: the test runs this call with several alpha and gamma, one run each\./);
    assert.doesNotMatch(md, /unresolved/);
    assert.doesNotMatch(md, /Compute at a value/);
    assert.match(decodeURIComponent(md), /alpha \(the first of 3 values the test passes\) and gamma \(the first of 3 values the test passes\)/);
    assert.doesNotMatch(md, /\| CE \|/);
  });

  it('one parametrized value is shown and computed as any resolved value', () => {
    const md = hoverOf(`import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("gamma", [1.0])\ndef test_fl(gamma):\n    sigmoid_focal_loss(x, y, gamma=gamma)\n`);
    assert.match(md, /gamma \*\*1\*\* \*\(pytest parametrize, line 3\)\*/);
    assert.match(md, /\| CE \|/);
  });

  it('several gammas with an alpha the file does not give: says alpha is unknown, not that the values are several', () => {
    const md = hoverOf(`import pytest\nfrom torchvision.ops import sigmoid_focal_loss\n@pytest.mark.parametrize("gamma", [1.0, 2.0])\ndef test_fl(gamma, alpha):\n    sigmoid_focal_loss(x, y, alpha=alpha, gamma=gamma)\n`);
    assert.match(md, /No values: alpha could not be worked out from this file\./);
  });
});
