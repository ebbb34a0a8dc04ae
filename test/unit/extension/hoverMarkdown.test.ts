import * as assert from 'node:assert/strict';
import { formatNumber, formatRatio, lossFromProb } from '../../../src/core';
import { findLossCalls } from '../../../src/language';
import { HOVER_PT_VALUES, hoverMarkdown } from '../../../src/extension/hoverMarkdown';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';
import { escapeMarkdown, inlineCode } from '../../../src/extension/markdownText';

function hoverOf(source: string, settings = DEFAULT_SETTINGS): string {
  const calls = findLossCalls(source, 'python');
  assert.equal(calls.length, 1, `expected one call in:\n${source}`);
  return hoverMarkdown(calls[0]!, 0, settings);
}

/** The arguments of every command link, decoded. */
function linkArgs(markdown: string): Record<string, unknown>[] {
  return [...markdown.matchAll(/\(command:[\w.]+\?([^ )]+)/g)].map((m) => JSON.parse(decodeURIComponent(m[1]!))[0]);
}

describe('hover markdown', () => {
  const torchvision = `from torchvision.ops import sigmoid_focal_loss
loss = sigmoid_focal_loss(logits, targets, alpha=0.25, reduction="sum")
`;

  it('names the API, fills the formula and says where each value came from', () => {
    const md = hoverOf(torchvision);
    assert.match(md, /\*\*torchvision\\\.ops\\\.sigmoid\\_focal\\_loss\*\* · focal loss/);
    assert.match(md, /`FL = −α_t·\(1 − p_t\)\^2·log\(p_t\)` · α_t = 0\.25 for positives/);
    assert.match(md, /\| alpha \| 0\.25 \| written here \|/);
    assert.match(md, /\| gamma \| 2 \| library default \|/);
    assert.match(md, /\| reduction \| `"sum"` \| written here \|/);
    assert.match(md, /\*\*Inputs:\*\* logits/);
    assert.match(md, /\*\*Reduction:\*\* "sum": one total; the paper divides it by the number of positive anchors/);
  });

  it('tabulates CE, this loss and their ratio with the core at p_t = 0.1, 0.5, 0.9, 0.99', () => {
    const md = hoverOf(torchvision);
    for (const pt of HOVER_PT_VALUES) {
      const ce = lossFromProb('ce', pt, 1);
      const fl = lossFromProb('focal', pt, 1, { alpha: 0.25, gamma: 2 });
      const row = `| ${pt} | ${formatNumber(ce)} | ${formatNumber(fl)} | ${formatRatio(ce / fl)} |`;
      assert.ok(md.includes(row), `missing row ${row} in\n${md}`);
    }
  });

  it('follows the base and precision settings', () => {
    const md = hoverOf(torchvision, { ...DEFAULT_SETTINGS, logBase: '10', precision: 6 });
    const ce = lossFromProb('ce', 0.5, 1, { base: 10 });
    assert.ok(md.includes(`| 0.5 | ${formatNumber(ce, 6)} |`));
    assert.match(md, /log10\(p_t\)/);
    assert.match(md, /\*log10\*/);
  });

  it('links to the Loss Explorer and Compute Loss with this call\'s parameters', () => {
    const [explorer, compute] = linkArgs(hoverOf(torchvision));
    assert.deepEqual(explorer, { call: { label: 'torchvision.ops.sigmoid_focal_loss (line 1)', api: 'torchvision.ops.sigmoid_focal_loss', kind: 'focal', alpha: 0.25, gamma: 2 } });
    assert.deepEqual(compute, { y: 1, alpha: 0.25, gamma: 2 });
  });

  it('shows no values it cannot know, and never invents the unresolved one', () => {
    const md = hoverOf(`import torchvision
def f(cfg, x, t):
    return torchvision.ops.sigmoid_focal_loss(x, t, gamma=cfg.gamma)
`);
    assert.match(md, /\| gamma \| `cfg\.gamma` \| unresolved \|/);
    assert.match(md, /No values: gamma could not be worked out/);
    assert.doesNotMatch(md, /\| 0\.9 \|/);
    const [explorer] = linkArgs(md);
    assert.match((explorer as { call: { label: string } }).call.label, /gamma unresolved, using the default/);
  });

  it('tells the caveat of the library when it applies', () => {
    const md = hoverOf(`import keras
loss_fn = keras.losses.BinaryFocalCrossentropy(alpha=0.5, gamma=2.0)
`);
    assert.match(md, /⚠ .*apply\\_class\\_balancing/);
  });

  it('escapes text from the document', () => {
    assert.equal(escapeMarkdown('[x](command:evil)'), '\\[x\\]\\(command:evil\\)');
    assert.equal(inlineCode('a`b'), '``a`b``');
    assert.equal(inlineCode('`x'), '`` `x ``');
    const md = hoverOf(`import torchvision
def f(x, t):
    return torchvision.ops.sigmoid_focal_loss(x, t, gamma=g["[a](command:workbench.action.quit)"])
`);
    assert.equal(linkArgs(md).length, 2, 'only the two links of Loss Lens');
    // The hostile text stands inside a code span, where Markdown makes no links.
    assert.ok(md.includes('| `g["[a](command:workbench.action.quit)"]` | unresolved |'));
    const outsideCode = md.replace(/`[^`]*`/g, '');
    assert.doesNotMatch(outsideCode, /command:workbench/);
  });
});
