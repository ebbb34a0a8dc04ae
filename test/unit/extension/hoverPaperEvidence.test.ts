import * as assert from 'node:assert/strict';
import { paperTable1Line } from '../../../src/core';
import { findLossCalls } from '../../../src/language/recognition';
import { hoverMarkdown } from '../../../src/extension/hoverMarkdown';
import { escapeMarkdown } from '../../../src/extension/markdownText';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';

/* The paper's Table 1 line in the hover (issue 24): where a sigmoid focal loss leaves the paper's alpha 0.25 and gamma 2. */

function hoverOf(source: string): string {
  const calls = findLossCalls(source, 'python');
  assert.equal(calls.length, 1, source);
  return hoverMarkdown(calls[0]!, 0, DEFAULT_SETTINGS);
}

const TABLE_LINE = /Table 1 \\\(COCO AP\\\)/;

describe("hover: the paper's Table 1 where alpha or gamma differ", () => {
  it('torchvision with gamma 1: the gamma-1 row (33.7 AP) and the choice (34.0), as one italic line', () => {
    const md = hoverOf(`from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y, alpha=0.25, gamma=1)\n`);
    const line = `*${escapeMarkdown(paperTable1Line(0.25, 1)!)}*`;
    // One line of the head block (lines end in a hard break).
    assert.ok(md.includes(`\n${line}  \n`), md);
    assert.match(md, /γ 1, α 0\\\.25: 33\\\.7/);
  });

  it("alpha-balanced CE at alpha 0.25 (gamma=0) says 10.8 AP", () => {
    assert.match(hoverOf(`from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y, gamma=0)\n`), /CE α 0\\\.25: 10\\\.8/);
  });

  it('detectron2 config and mmdet dicts get it too; the YOLO gamma 1.5 sits between two rows', () => {
    assert.match(hoverOf(`cfg.MODEL.RETINANET.FOCAL_LOSS_GAMMA = 5.0\n`), /γ 5, α 0\\\.25: 32\\\.2/);
    assert.match(hoverOf(`loss_cls = dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.5)\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n`), /at γ 2 the table has only α 0\\\.25/);
    assert.match(hoverOf(`from ultralytics.utils.loss import FocalLoss\nfl = FocalLoss()\n`), /no γ 1\\\.5: γ 1: 33\\\.7/);
  });

  it("no line at the paper's setting, for plain CE, softmax focal losses, unknown gamma, or an unknown alpha at gamma 2", () => {
    for (const src of [
      `from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y)\n`,
      `import torch.nn as nn\nc = nn.BCEWithLogitsLoss()\n`,
      `import kornia\nl = kornia.losses.focal_loss(p, t, alpha=0.5, gamma=3.0)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y, gamma=cfg.gamma)\n`,
      `from torchvision.ops import sigmoid_focal_loss\nl = sigmoid_focal_loss(x, y, alpha=cfg.alpha)\n`,
      `loss_cls = dict(type='VarifocalLoss', alpha=0.5, gamma=3.0)\nmodel = dict(bbox_head=dict(loss_cls=loss_cls))\n`,
    ]) assert.doesNotMatch(hoverOf(src), TABLE_LINE, src);
  });
});
