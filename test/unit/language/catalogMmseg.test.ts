// mmsegmentation's CrossEntropyLoss and FocalLoss in configs. Facts read in open-mmlab/mmsegmentation's own source:
// - mmseg/models/losses/cross_entropy_loss.py @ 1502eec (before 0.23): CrossEntropyLoss(use_sigmoid=False,
//   use_mask=False, reduction='mean', class_weight=None, loss_weight=1.0, loss_name='loss_ce'), no avg_non_ignore;
//   @ 021e797 (0.x, LOSSES registry): avg_non_ignore=False added ("New in version 0.23.0", PR #1409); 'mean'
//   without avg_non_ignore is loss.mean() over every pixel. The 1.x line divides a class-weighted mean by the
//   summed class weights of the targets (quoted in mmsegmentation issue #3492).
// - mmseg/models/losses/focal_loss.py @ 07cd6c9 (0.x) and @ b732fae (1.x, MODELS registry): FocalLoss(use_sigmoid=True,
//   gamma=2.0, alpha=0.5, reduction='mean', class_weight=None, loss_weight=1.0, loss_name='loss_focal'); asserts
//   use_sigmoid is True and isinstance(gamma, float), isinstance(loss_weight, float), alpha a float or a list.
// - mmdetection3d mmdet3d/models/builder.py @ 0f5f96a: its 0.x build_loss builds from mmdet's LOSSES.
// - mmseg/models/decode_heads/enc_head.py (0.x): EncHead builds loss_se_decode with build_loss and calls it on
//   _convert_to_onehot_labels(seg_label, num_classes), an (N, num_classes) per-image class-presence target.
// The snippets are short patterns written here; where each shape was seen is named in its test.
import * as assert from 'node:assert/strict';
import { findLossCalls, type ImportedSources } from '../../../src/language/recognition';
import { BY_PATH } from '../../../src/language/recognition/catalog';
import { checkCase } from './recognitionExpect';

const apis = (src: string) => findLossCalls(src, 'python').map((c) => c.api);

describe('catalog: mmsegmentation losses in configs', () => {
  it('the catalog holds the signatures read in mmseg (defaults and order)', () => {
    const ce = BY_PATH.get('mmseg.models.losses.CrossEntropyLoss')!;
    assert.deepEqual(ce.params.map((param) => [param.name, param.default]), [
      ['use_sigmoid', false], ['use_mask', false], ['reduction', 'mean'], ['class_weight', null], ['loss_weight', 1.0], ['loss_name', 'loss_ce'], ['avg_non_ignore', false],
    ]);
    const focal = BY_PATH.get('mmseg.models.losses.FocalLoss')!;
    assert.deepEqual(focal.params.map((param) => [param.name, param.default]), [
      ['use_sigmoid', true], ['gamma', 2.0], ['alpha', 0.5], ['reduction', 'mean'], ['class_weight', null], ['loss_weight', 1.0], ['loss_name', 'loss_focal'],
    ]);
  });

  it("a loss_decode dict of a 0.x config is mmseg's CrossEntropyLoss: softmax over logits, 'mean' counting ignored pixels (open-mmlab/mmsegmentation configs/_base_/models/*.py)", () => {
    checkCase({
      name: 'decode CE',
      src: "model = dict(\n    decode_head=dict(\n        type='PSPHead',\n        loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)))\n",
      calls: [{ api: 'mmseg.models.losses.CrossEntropyLoss', kind: 'ce', alpha: [null, 'default'], gamma: [0, 'default'], inputs: 'logits', classModel: 'softmax', reduction: 'mean', extra: { loss_weight: 1.0, avg_non_ignore: false } }],
    });
    const [call] = findLossCalls("decode_head = dict(loss_decode=dict(type='CrossEntropyLoss'))\n", 'python');
    assert.match(call!.meanDivisor!, /every element \(each pixel; each pixel × class with use_sigmoid=True\).*ignore_index.*still count.*avg_non_ignore=True \(mmseg 0\.23\.0 and later\)/);
    assert.equal(call!.notModeled, undefined);
  });

  it('in a list of losses, FocalLoss is mmseg\'s with alpha 0.5 and the sigmoid over one-hot classes (zbl929/WDA-Net configs/resnet/resnet101_seghead.py @ 66fdee1 shows the list form)', () => {
    checkCase({
      name: 'decode list',
      src: "model = dict(decode_head=dict(loss_decode=[\n    dict(type='CrossEntropyLoss', loss_name='loss_ce', loss_weight=1.0),\n    dict(type='FocalLoss', loss_name='loss_focal', loss_weight=1.0),\n    dict(type='DiceLoss', loss_weight=3.0)]))\n",
      calls: [
        { api: 'mmseg.models.losses.CrossEntropyLoss', classModel: 'softmax' },
        { api: 'mmseg.models.losses.FocalLoss', kind: 'focal', alpha: [0.5, 'default'], gamma: [2, 'default'], inputs: 'logits', classModel: 'sigmoid', caveats: [/one-hot label/, /not mmdet's 0\.25/] },
      ],
    });
    const focal = findLossCalls("x = dict(loss_decode=[dict(type='FocalLoss', gamma=1.5, alpha=0.25)])\n", 'python')[0]!;
    assert.match(focal.meanDivisor!, /pixels × classes/);
    assert.equal(focal.notModeled, undefined);
  });

  it("auxiliary_head's loss_decode in the brace form, and avg_non_ignore named as new in 0.23.0 (open-mmlab/mmsegmentation PR #1409 shows avg_non_ignore=True in loss_decode)", () => {
    checkCase({
      name: 'aux brace',
      src: "model = dict(auxiliary_head={'loss_decode': {'type': 'CrossEntropyLoss', 'use_sigmoid': False, 'loss_weight': 0.4, 'avg_non_ignore': True}})\n",
      calls: [{ api: 'mmseg.models.losses.CrossEntropyLoss', extra: { loss_weight: 0.4, avg_non_ignore: true }, caveats: [/new in mmseg 0\.23\.0/] }],
    });
  });

  it("use_sigmoid=True is BCE on one-hot classes; class_weight and use_mask show no values (open-mmlab/mmsegmentation configs/_base_/models/cgnet.py: class_weight in loss_decode)", () => {
    checkCase({
      name: 'sigmoid',
      src: "decode_head = dict(loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=True, loss_weight=1.0))\n",
      calls: [{ api: 'mmseg.models.losses.CrossEntropyLoss', classModel: 'sigmoid', caveats: [/one-hot targets over the classes/] }],
    });
    const [weighted, mask] = findLossCalls("a = dict(loss_decode=dict(type='CrossEntropyLoss', class_weight=[2.6, 6.7, 3.5]))\nb = dict(loss_decode=dict(type='CrossEntropyLoss', use_mask=True))\n", 'python');
    assert.match(weighted!.notModeled!, /class_weight=\[2\.6, 6\.7, 3\.5\].*0\.x.*1\.x/);
    assert.match(mask!.notModeled!, /mask_cross_entropy.*ignore_index is None/);
  });

  it("FocalLoss that mmseg would refuse to build: an int gamma or loss_weight; a per-class alpha list is named as such (kevin20012/Improving-Segmentation-Using-Augmentation-Data-Made-by-SDXL configs/upernet @ 0e4d73f)", () => {
    const src = [
      "b = dict(loss_decode=dict(type='FocalLoss', gamma=2))",
      "c = dict(loss_decode=dict(type='FocalLoss', loss_weight=1))",
      "d = dict(loss_decode=dict(type='FocalLoss', alpha=[0.1, 0.3, 0.6]))",
      'flag = False',
      "e = dict(loss_decode=dict(type='FocalLoss', use_sigmoid=flag))",
      '',
    ].join('\n');
    const calls = findLossCalls(src, 'python');
    assert.deepEqual(calls.map((c) => c.api), Array(4).fill('mmseg.models.losses.FocalLoss'));
    assert.match(calls[0]!.notModeled!, /gamma=2 is an int/);
    assert.match(calls[1]!.notModeled!, /loss_weight=1 is an int/);
    assert.ok(calls[2]!.caveats.some((c) => /one alpha per class/.test(c)), JSON.stringify(calls[2]!.caveats));
    assert.match(calls[3]!.notModeled!, /use_sigmoid=False.*asserts use_sigmoid is True.*its own version/);
  });

  it("FocalLoss with use_sigmoid=False written is a fork's loss (mmseg asserts True): claimed by no one, in every config form and as a call (the same UperNet configs: their repository's own focal_loss.py @ f233d59 comments the assert out and adds a softmax branch)", () => {
    const src = [
      'from mmseg.models.losses import FocalLoss',
      "a = dict(loss_decode=dict(type='FocalLoss', use_sigmoid=False, gamma=2.0, alpha=[0.1, 0.3, 0.6]))",
      "b = dict(loss_decode={'type': 'FocalLoss', 'use_sigmoid': False})",
      "c = dict(loss_decode=dict(type='mmseg.FocalLoss', use_sigmoid=False))",
      'd = FocalLoss(use_sigmoid=False, gamma=2.0)',
      "e = dict(loss_decode=dict(type='FocalLoss', use_sigmoid=True))",
      "f = dict(loss_decode={'type': 'FocalLoss', 'use_sigmoid': True})",
      'g = FocalLoss(gamma=2.0)',
      '',
    ].join('\n');
    const calls = findLossCalls(src, 'python');
    assert.deepEqual(calls.map((c) => [src.slice(0, c.start).split('\n').length, c.api]), [
      [6, 'mmseg.models.losses.FocalLoss'],
      [7, 'mmseg.models.losses.FocalLoss'],
      [8, 'mmseg.models.losses.FocalLoss'],
    ]);
  });

  it("mmseg 1.x: default_scope = 'mmseg' makes bare types mmseg's anywhere, and mmdet. prefixed ones stay mmdet's (open-mmlab/mmsegmentation configs/mask2former/mask2former_r50_8xb2-160k_ade20k-512x512.py @ 6fa3c67 writes loss_cls=dict(type='mmdet.CrossEntropyLoss', ...))", () => {
    const src = [
      "default_scope = 'mmseg'",
      'model = dict(',
      "    decode_head=dict(type='UPerHead', loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)),",
      "    auxiliary_head=dict(type='FCNHead', loss_decode=dict(type='FocalLoss', loss_weight=0.4)))",
      "head = dict(loss_cls=dict(type='mmdet.CrossEntropyLoss', use_sigmoid=False, loss_weight=2.0))",
      "other = dict(loss_cls=dict(type='CrossEntropyLoss'))",
      '',
    ].join('\n');
    assert.deepEqual(apis(src), ['mmseg.models.losses.CrossEntropyLoss', 'mmseg.models.losses.FocalLoss', 'mmdet.models.losses.CrossEntropyLoss', 'mmseg.models.losses.CrossEntropyLoss']);
  });

  it("type='mmseg.CrossEntropyLoss' is mmseg's in any scope (change-detection configs found by code search write it in loss_decode, with type='mmseg.UPerHead')", () => {
    const src = "default_scope = 'opencd'\nmodel = dict(decode_head=dict(type='mmseg.UPerHead', loss_decode=dict(type='mmseg.CrossEntropyLoss', use_sigmoid=False, loss_weight=1.0)))\nf = {'type': 'mmseg.FocalLoss', 'gamma': 1.0}\n";
    assert.deepEqual(apis(src), ['mmseg.models.losses.CrossEntropyLoss', 'mmseg.models.losses.FocalLoss']);
  });

  it("look-alikes: mmdet heads' loss_cls stay mmdet's; other mmseg losses, other scopes, mmdet scopes' loss_decode and mmdet3d configs are claimed by no one", () => {
    assert.deepEqual(apis("model = dict(bbox_head=dict(loss_cls=dict(type='FocalLoss', use_sigmoid=True, gamma=2.0, alpha=0.25), loss_bbox=dict(type='L1Loss')))\n"), ['mmdet.models.losses.FocalLoss']);
    assert.deepEqual(apis("decode_head = dict(loss_decode=[dict(type='DiceLoss', loss_weight=1.0), dict(type='LovaszLoss', reduction='none'), dict(type='mmseg.DiceLoss')])\n"), []);
    assert.deepEqual(apis("default_scope = 'mmpretrain'\nhead = dict(loss=dict(type='CrossEntropyLoss', loss_weight=1.0))\nd = dict(loss_decode=dict(type='FocalLoss'))\n"), []);
    assert.deepEqual(apis("default_scope = 'mmdet'\nd = dict(loss_decode=dict(type='FocalLoss'))\n"), []);
    // EncHead's loss_se_decode (open-mmlab/mmsegmentation configs/fastfcn/fastfcn_r50-d32_jpu_enc_512x512_80k_ade20k.py):
    // mmseg's loss on per-image class presence, neither mmdet's nor a pixel loss.
    assert.deepEqual(apis("decode_head = dict(type='EncHead', loss_se_decode=dict(type='CrossEntropyLoss', use_sigmoid=True, loss_weight=0.2))\n"), []);
    // mmdet3d 0.x (configs/_base_/models/pointnet2_ssg.py shape): loss_decode is built from mmdet's registry.
    assert.deepEqual(apis("model = dict(\n    type='EncoderDecoder3D',\n    decode_head=dict(type='PointNet2Head', loss_decode=dict(type='CrossEntropyLoss', use_sigmoid=False, class_weight=None, loss_weight=1.0)))\n"), []);
    assert.deepEqual(apis("_base_ = ['../_base_/datasets/scannet_seg-3d-20class.py', '../_base_/models/pointnet2_ssg.py']\nmodel = dict(decode_head=dict(loss_decode=dict(type='CrossEntropyLoss', loss_weight=1.0)))\n"), []);
  });

  it("a child config overriding an inherited loss_decode gets mmseg's entry; an mmdet3d base keeps it silent (mmseg configs override loss_decode keys of configs/_base_/models/*.py)", () => {
    const base = (head: string) => `model = dict(\n    type='${head}',\n    decode_head=dict(\n        loss_decode=dict(type='FocalLoss', gamma=2.0, loss_weight=1.0)))\n`;
    const files = (text: string): ImportedSources => ({ get: (module) => (module === '../_base_/models/base.py' ? { text, file: module } : undefined) });
    const child = "_base_ = '../_base_/models/base.py'\nmodel = dict(decode_head=dict(loss_decode=dict(loss_weight=0.4)))\n";
    const [call] = findLossCalls(child, 'python', undefined, files(base('EncoderDecoder')));
    assert.equal(call?.api, 'mmseg.models.losses.FocalLoss');
    assert.deepEqual([call!.alpha.value, call!.gamma.value], [0.5, 2]);
    assert.deepEqual(findLossCalls(child, 'python', undefined, files(base('EncoderDecoder3D'))).map((c) => c.api), []);
  });

  it("the Python class imported from mmseg is the same entry", () => {
    checkCase({
      name: 'python mmseg',
      src: 'from mmseg.models.losses import FocalLoss\ncriterion = FocalLoss(gamma=2.0, alpha=0.25)\n',
      calls: [{ api: 'mmseg.models.losses.FocalLoss', alpha: [0.25, 'explicit'], gamma: [2, 'explicit'] }],
    });
  });
});
