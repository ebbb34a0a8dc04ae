// mmsegmentation's losses through VS Code's own hover machinery (vscode.executeHoverProvider): a 0.x config's
// loss_decode list (CrossEntropyLoss and FocalLoss, mmseg's, alpha 0.5 by default), an mmdet head beside it that
// stays mmdet's, and a 1.x config under default_scope = 'mmseg'. The shapes follow open-mmlab/mmsegmentation's
// configs (see test/unit/language/catalogMmseg.test.ts for the facts and their sources).
import * as assert from './assert';
import * as vscode from 'vscode';
import { lossHoverAt } from './fixtures';

const CONFIG_0X = [
  'model = dict(',
  "    type='EncoderDecoder',",
  '    decode_head=dict(',
  "        type='UPerHead',",
  '        num_classes=4,',
  '        loss_decode=[',
  "            dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0),",
  "            dict(type='FocalLoss', gamma=2.0, loss_weight=0.5),",
  '        ]),',
  "    auxiliary_head=dict(type='FCNHead', loss_decode=dict(type='CrossEntropyLoss', class_weight=[1.0, 2.0, 2.0, 4.0])))",
  "det = dict(bbox_head=dict(loss_cls=dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25)))",
  '',
].join('\n');

const CONFIG_1X = ["default_scope = 'mmseg'", 'SIGMOID = False', "loss = dict(type='FocalLoss', use_sigmoid=SIGMOID)", "fork = dict(type='FocalLoss', use_sigmoid=False)", ''].join('\n');

describe("mmsegmentation's losses in the hover", () => {
  let config0x: vscode.TextDocument;
  let config1x: vscode.TextDocument;

  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
    config0x = await vscode.workspace.openTextDocument({ language: 'python', content: CONFIG_0X });
    config1x = await vscode.workspace.openTextDocument({ language: 'python', content: CONFIG_1X });
  });

  it("loss_decode's CrossEntropyLoss is mmseg's: softmax on logits, 'mean' counting ignored pixels unless avg_non_ignore", async () => {
    const hover = await lossHoverAt(config0x, "CrossEntropyLoss', use_sigmoid=False");
    assert.ok(hover, 'no hover on the loss_decode CrossEntropyLoss');
    assert.match(hover, /^\*\*mmseg\\\.models\\\.losses\\\.CrossEntropyLoss\*\*/);
    assert.match(hover, /\*\*Logits\*\* in/);
    assert.match(hover, /\*\*"mean"\*\*: the sum divided by every element \\\(each pixel; each pixel × class with use\\_sigmoid=True\\\)/);
    assert.match(hover, /avg\\_non\\_ignore=True \\\(mmseg 0\\\.23\\\.0 and later\\\)/);
  });

  it("loss_decode's FocalLoss is mmseg's with alpha 0.5 by default; the mmdet head's FocalLoss stays mmdet's", async () => {
    const focal = await lossHoverAt(config0x, "FocalLoss', gamma=2.0, loss_weight");
    assert.ok(focal, 'no hover on the loss_decode FocalLoss');
    assert.match(focal, /^\*\*mmseg\\\.models\\\.losses\\\.FocalLoss\*\* · focal loss/);
    assert.match(focal, /library defaults: alpha 0\.5,/);
    assert.match(focal, /not mmdet's 0\\\.25/);
    const det = await lossHoverAt(config0x, "FocalLoss', use_sigmoid=True");
    assert.ok(det, 'no hover on the mmdet FocalLoss');
    assert.match(det, /^\*\*mmdet\\\.models\\\.losses\\\.FocalLoss\*\*/);
  });

  it('a class_weight and a FocalLoss mmseg refuses to build are named, with no values', async () => {
    const weighted = await lossHoverAt(config0x, "CrossEntropyLoss', class_weight");
    assert.ok(weighted, 'no hover on the class-weighted CrossEntropyLoss');
    assert.match(weighted, /No values: class\\_weight=\\\[1\\\.0, 2\\\.0, 2\\\.0, 4\\\.0\\\]: mmseg's weighted mean/);
    const refused = await lossHoverAt(config1x, "FocalLoss', use_sigmoid=SIGMOID");
    assert.ok(refused, "no hover under default_scope = 'mmseg'");
    assert.match(refused, /^\*\*mmseg\\\.models\\\.losses\\\.FocalLoss\*\*/);
    assert.match(refused, /No values: use\\_sigmoid=False: mmseg's own FocalLoss asserts use\\_sigmoid is True/);
    // Written as a literal, False is a fork's FocalLoss (the library's own cannot be built): no hover at all.
    assert.equal(await lossHoverAt(config1x, "FocalLoss', use_sigmoid=False"), undefined);
  });
});
