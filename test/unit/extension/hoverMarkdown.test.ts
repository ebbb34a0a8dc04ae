import * as assert from 'node:assert/strict';
import { formatNumber, formatScientific, formatRatio, lossFromProb } from '../../../src/core';
import { findLossCalls } from '../../../src/language/recognition';
import { HOVER_PT_VALUES, hoverMarkdown } from '../../../src/extension/hoverMarkdown';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';

/** A table number as the hover prints it: a negative exponent's sign is U+2212, which does not break a line. */
const unbroken = (number: string) => number.replace(/e-(\d)/, 'e\u2212$1');
import { escapeMarkdown, inlineCode } from '../../../src/extension/markdownText';
import { acceptsClassScores, binaryQuestionCount } from '../../../src/extension/computeLossSteps';
import type { ComputeLossArgs } from '../../../src/extension/computeLossArgs';

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

  it("a user's own loss: where it is defined and its alpha_t are said unmarked, a warning keeps its ⚠", () => {
    const body = (alpha: string) => `import torch
import torch.nn.functional as F
def focal_loss(logits, targets, alpha=0.25, gamma=2.0):
    p = torch.sigmoid(logits)
    ce = F.binary_cross_entropy_with_logits(logits, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    return (${alpha} * (1 - p_t) ** gamma * ce).mean()
l = focal_loss(x, y)
`;
    const balanced = hoverMarkdown(findLossCalls(body('(alpha * targets + (1 - alpha) * (1 - targets))'), 'python').find((c) => c.api === 'user:focal_loss')!, 7, DEFAULT_SETTINGS);
    assert.ok(balanced.includes('\nfocal\\_loss is defined in this file \\(line 3\\)\\.  \n'), balanced);
    assert.ok(balanced.includes('\nIts body weighs positives by alpha and negatives by 1 − alpha \\(alpha\\_t\\)\\.  \n'), balanced);
    assert.doesNotMatch(balanced, /⚠ focal|⚠ Its body weighs/);
    const scaled = hoverMarkdown(findLossCalls(body('alpha'), 'python').find((c) => c.api === 'user:focal_loss')!, 7, DEFAULT_SETTINGS);
    assert.match(scaled, /^⚠ Its body multiplies every element by alpha/m);
  });

  it('names the API, fills the formula and says where each value came from', () => {
    const md = hoverOf(torchvision);
    assert.match(md, /^\*\*torchvision\\\.ops\\\.sigmoid\\_focal\\_loss\*\* · focal loss · `FL = −α_t·\(1 − p_t\)\^2·log\(p_t\)`(  )?$/m);
    // The library's defaults are one list after the values the code gives (issue 20, item 4).
    assert.ok(md.includes('alpha **0.25** *(written here)* · reduction `"sum"` *(written here)* · *library defaults: gamma 2*'), md);
    assert.ok(md.includes('**Logits** in: the sigmoid is applied inside. **"sum"**: the paper then divides by the number of positives.'), md);
  });

  it('tabulates CE, this loss and their ratio with the core at p_t = 0.1, 0.5, 0.9, 0.99', () => {
    const md = hoverOf(torchvision);
    const ce = HOVER_PT_VALUES.map((pt) => lossFromProb('ce', pt, 1));
    const fl = HOVER_PT_VALUES.map((pt) => lossFromProb('focal', pt, 1, { alpha: 0.25, gamma: 2 }));
    // FL at p_t = 0.99 (2.5e-7) is below what reads as a decimal: the whole table is in e-notation,
    // its exponents' sign the minus (U+2212) that no narrow hover breaks a line after.
    const cells = formatScientific([...ce, ...fl]).map(unbroken);
    assert.equal(cells[0], formatNumber(ce[0]!).replace(/$/, 'e0'));
    const rows = [
      '| p_t of a positive (natural log) | 0.1 | 0.5 | 0.9 | 0.99 |',
      `| CE | ${cells.slice(0, 4).join(' | ')} |`,
      `| this loss | ${cells.slice(4).join(' | ')} |`,
      `| CE / this loss | ${fl.map((v, i) => formatRatio(ce[i]! / v)).join(' | ')} |`,
    ];
    for (const row of rows) assert.ok(md.includes(row), `missing row ${row} in\n${md}`);
    assert.ok(md.includes('| 400x | 40,000x |'), 'at gamma 2 and alpha 0.25: 100x / 0.25 = 400x at p_t = 0.9');
  });

  it('follows the base and precision settings', () => {
    const md = hoverOf(torchvision, { ...DEFAULT_SETTINGS, logBase: '10', precision: 6 });
    const ce = HOVER_PT_VALUES.map((pt) => lossFromProb('ce', pt, 1, { base: 10 }));
    const fl = HOVER_PT_VALUES.map((pt) => lossFromProb('focal', pt, 1, { alpha: 0.25, gamma: 2, base: 10 }));
    assert.ok(md.includes(`| CE | ${formatScientific([...ce, ...fl], 6).slice(0, 4).map(unbroken).join(' | ')} |`), md);
    assert.match(md, /log10\(p_t\)/);
    assert.match(md, /p_t of a positive \(log10\)/);
  });

  it('links to the Loss Explorer and Compute Loss with this call\'s parameters', () => {
    const [explorer, compute] = linkArgs(hoverOf(torchvision));
    assert.deepEqual(explorer, { call: { label: 'torchvision.ops.sigmoid_focal_loss (line 1)', api: 'torchvision.ops.sigmoid_focal_loss', kind: 'focal', alpha: 0.25, gamma: 2 } });
    // The call gives alpha and gamma; the sample (prediction and target) is the person's to type.
    assert.deepEqual(compute, { alpha: 0.25, gamma: 2 });
    assert.equal(binaryQuestionCount(compute as ComputeLossArgs), 2, 'Compute asks for the prediction and its target y');
    assert.equal(acceptsClassScores(compute as ComputeLossArgs), false, 'a sigmoid call is not computed as a softmax over typed class scores');
  });

  it('leaves the table to the Loss Explorer while it stands beside the editor, and keeps everything else', () => {
    // qa8, VS Code 1.100 at 1280 x 800 with the side bar and the Explorer beside: the hover is 468 px wide
    // and, with its table, 265-378 px tall in the 250 px box (43 of the sample workspace's 45 hovers scrolled).
    const calls = findLossCalls(torchvision, 'python');
    const full = hoverMarkdown(calls[0]!, 0, DEFAULT_SETTINGS);
    const beside = hoverMarkdown(calls[0]!, 0, DEFAULT_SETTINGS, { explorerBeside: true });
    assert.match(full, /\| CE \|/);
    assert.doesNotMatch(beside, /\|/, 'no table row');
    // What stands above the table is the same hover, links included: the Explorer link charts the call.
    assert.equal(beside, full.slice(0, full.indexOf('\n\n')));
    assert.deepEqual(linkArgs(beside), linkArgs(full));
    // Why there are no numbers is still said where the file does not give them.
    const unresolved = findLossCalls('import torchvision\ndef f(cfg, x, t):\n    return torchvision.ops.sigmoid_focal_loss(x, t, gamma=cfg.gamma)\n', 'python');
    assert.match(hoverMarkdown(unresolved[0]!, 0, DEFAULT_SETTINGS, { explorerBeside: true }), /No values: gamma could not be worked out/);
  });

  it('offers no Compute link on FL*, which Compute Loss does not compute', () => {
    const md = hoverOf('from fvcore.nn import sigmoid_focal_loss_star\nloss = sigmoid_focal_loss_star(x, y, gamma=4)\n');
    assert.match(md, /FL\*/);
    assert.ok(md.includes('Open in Loss Explorer'), md);
    assert.ok(!md.includes('Compute at a value'), md);
  });

  it('shows no values it cannot know, and never invents the unresolved one', () => {
    const md = hoverOf(`import torchvision
def f(cfg, x, t):
    return torchvision.ops.sigmoid_focal_loss(x, t, gamma=cfg.gamma)
`);
    assert.ok(md.includes('gamma `cfg.gamma` *(unresolved)*'), md);
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

  it('says where an inputs kind worked out from the file comes from, with its hedge', () => {
    // keras-team/keras-cv keras_cv/src/models/object_detection/yolox/binary_crossentropy.py (master, 2024): the
    // class's __init__(self, from_logits=False, ...) stores self.from_logits, read by call(); YOLOX builds it
    // with from_logits=True in another file, so "Probabilities in" alone would be a wrong claim.
    const lossClass = (construction: string) => hoverOf(`from tensorflow import keras

class BinaryCrossentropy(keras.losses.Loss):
    def __init__(self, from_logits=False, **kwargs):
        super().__init__(**kwargs)
        self.from_logits = from_logits

    def call(self, y_true, y_pred):
        return keras.backend.binary_crossentropy(y_true, y_pred, from_logits=self.from_logits)
${construction}`);
    assert.match(lossClass(''), /\*\*Probabilities\*\* in \(from\\_logits=self\\\.from\\_logits: the default at line 4, unless another file passes a value\)/);
    assert.match(lossClass('\nloss = BinaryCrossentropy()\n'), /\*\*Probabilities\*\* in \(from\\_logits=self\\\.from\\_logits: line 4\)/);
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
    assert.ok(md.includes('gamma `g["[a](command:workbench.action.quit)"]` *(unresolved)*'), md);
    const outsideCode = md.replace(/`[^`]*`/g, '');
    assert.doesNotMatch(outsideCode, /command:workbench/);
  });

  describe('fits the hover box and speaks one number format (issue 20, items 4 and 5)', () => {
    const tableRow = (md: string, label: string) => md.split('\n').find((line) => line.startsWith(`| ${label} |`));

    it('prints CE the same way in every hover, whatever the rest of its table', () => {
      const focal = hoverOf(torchvision);
      const posWeight = hoverOf('import torch\nimport torch.nn as nn\nloss_fn = nn.BCEWithLogitsLoss(pos_weight=torch.tensor([10.0]))\n');
      const crossEntropy = hoverOf('import torch.nn.functional as F\nloss = F.cross_entropy(logits, y, label_smoothing=0.1)\n');
      const ce = tableRow(focal, 'CE');
      // Negative exponents with U+2212: "6.931e-1" broke after its hyphen in a narrow hover.
      assert.equal(ce, '| CE | 2.303e0 | 6.931e\u22121 | 1.054e\u22121 | 1.005e\u22122 |');
      assert.equal(tableRow(posWeight, 'CE'), ce);
      assert.equal(tableRow(crossEntropy, 'CE'), ce);
    });

    it("says detectron2's reduction once, in the parameters, and its caveat before the table", () => {
      const md = hoverMarkdown(findLossCalls('MODEL:\n  RETINANET:\n    FOCAL_LOSS_ALPHA: 0.25\n    FOCAL_LOSS_GAMMA: 2.0\n', 'yaml')[0]!, 2, DEFAULT_SETTINGS);
      assert.equal(md.split('number of foreground anchors"').length - 1, 1, md);
      assert.ok(md.indexOf('⚠') < md.indexOf('| CE |'), md);
    });

    it("folds the other arguments' library defaults into one list and says what MONAI's to_onehot_y=False asks of the targets", () => {
      const md = hoverOf('from monai.losses import FocalLoss\nloss_fn = FocalLoss(gamma=2.0, to_onehot_y=False)\n');
      assert.ok(md.includes('to\\_onehot\\_y `False` *(written here)*'), md);
      assert.ok(md.includes('*library defaults: alpha none, reduction "mean", use\\_softmax False, include\\_background True, weight none*'), md);
      assert.equal(md.split('(library default)').length - 1, 0, md);
      assert.match(md, /⚠ to\\_onehot\\_y=False: the targets must already be one\\-hot/);
    });
  });
});

