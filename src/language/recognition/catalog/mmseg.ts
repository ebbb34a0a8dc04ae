import { msg } from '../../../core';
import { mayBeSet, p } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/*
 * mmsegmentation's own CrossEntropyLoss and FocalLoss: what `loss_decode=dict(type=...)` of an mmseg decode or
 * auxiliary head, a bare type under `default_scope = 'mmseg'`, and `type='mmseg.CrossEntropyLoss'` build.
 * Read in open-mmlab/mmsegmentation's mmseg/models/losses (0.x registers them in mmseg.models.builder.LOSSES,
 * 1.x in mmseg.registry.MODELS):
 * - cross_entropy_loss.py before 0.23 (1502eec): CrossEntropyLoss(use_sigmoid=False, use_mask=False,
 *   reduction='mean', class_weight=None, loss_weight=1.0, loss_name='loss_ce'); 0.23.0 added avg_non_ignore=False
 *   (021e797, "New in version 0.23.0"; PR #1409). Softmax form: F.cross_entropy(weight=class_weight,
 *   reduction='none', ignore_index) then weight_reduce_loss: 'mean' is loss.mean() over every pixel (an ignored
 *   pixel's loss is 0 but it counts) unless avg_non_ignore=True, which divides by the pixels not ignored. With a
 *   class_weight, 0.x divides by that count; the 1.x line divides by the summed class weights of the targets
 *   (the code quoted in issue #3492, Dec 2023). use_sigmoid: BCE with logits on one-hot targets over the
 *   classes, ignored pixels masked; use_mask: mask_cross_entropy, which asserts ignore_index is None.
 * - focal_loss.py (0.x 07cd6c9, 1.x b732fae): FocalLoss(use_sigmoid=True, gamma=2.0, alpha=0.5, reduction='mean',
 *   class_weight=None, loss_weight=1.0, loss_name='loss_focal'); asserts use_sigmoid is True, alpha a float or a
 *   list, gamma and loss_weight floats. Scores (B, C, H, W) become (N, C), targets one-hot over the C classes
 *   (ignored pixels zeroed by a valid mask), then the sigmoid focal loss BCE * (alpha y + (1 - alpha)(1 - y)) *
 *   (1 - p_t)^gamma per element; 'mean' is the mean over all N * C elements.
 * Both multiply the loss by loss_weight. The decode heads (decode_head.py) call the loss with the head's
 * ignore_index (255 by default) and no avg_factor.
 */

const IGNORED_COUNT = msg("the sum divided by every element (each pixel; each pixel × class with use_sigmoid=True): pixels labelled with the head's ignore_index (255 by default) give 0 but still count, unless avg_non_ignore=True (mmseg 0.23.0 and later), which counts only the pixels not ignored");

const classWeightNotModeled = (c: CallFacts): string | undefined => {
  if (!mayBeSet(c, 'class_weight')) return undefined;
  const text = c.argText('class_weight') || msg('(not worked out)');
  return msg("class_weight={0}: mmseg's weighted mean divides by the pixel count in 0.x but by the summed class weights of the targets in 1.x, and the core's values leave class weights out, so none are shown.", text);
};

const ceCaveats = (c: CallFacts): string[] => [
  ...(c.value('use_sigmoid') === true && c.value('use_mask') === true ? [msg('use_sigmoid=True with use_mask=True: mmseg asserts that at most one is True.')] : []),
  ...(c.value('use_sigmoid') === true ? [msg('use_sigmoid=True: BCE with logits on one-hot targets over the classes (a single-channel head: one binary target per pixel); ignored pixels are masked out.')] : []),
  ...(c.explicit('avg_non_ignore') ? [msg('avg_non_ignore is new in mmseg 0.23.0: earlier versions reject the keyword.')] : []),
];

/** A literal integer where mmseg's FocalLoss asserts a float (`gamma=2`): building the loss fails. */
const intWhereFloat = (c: CallFacts, name: string): boolean => /^[+-]?\d+$/.test(c.argText(name).trim());

export const MMSEG: readonly CatalogEntry[] = [
  {
    api: 'mmseg.models.losses.CrossEntropyLoss', library: 'mmseg', kind: 'ce',
    paths: ['mmseg.models.losses.CrossEntropyLoss', 'mmseg.models.CrossEntropyLoss', 'mmseg.models.losses.cross_entropy_loss.CrossEntropyLoss'],
    params: [p('use_sigmoid', false), p('use_mask', false), p('reduction', 'mean'), p('class_weight', null), p('loss_weight', 1.0), p('loss_name', 'loss_ce'), p('avg_non_ignore', false)],
    gamma: 0, inputs: 'logits', classModel: { flag: 'use_sigmoid', orFlag: 'use_mask', whenTrue: 'sigmoid', whenFalse: 'softmax' },
    reduction: { param: 'reduction' }, meanDivisor: IGNORED_COUNT,
    extras: ['use_sigmoid', 'use_mask', 'class_weight', 'avg_non_ignore', 'loss_weight'],
    caveats: ceCaveats,
    notModeled: (c) =>
      c.value('use_mask') === true
        ? msg("use_mask=True picks mmseg's mask_cross_entropy, which asserts ignore_index is None; a decode head passes its ignore_index (255 by default), so no values are shown.")
        : classWeightNotModeled(c),
  },
  {
    api: 'mmseg.models.losses.FocalLoss', library: 'mmseg', kind: 'focal',
    paths: ['mmseg.models.losses.FocalLoss', 'mmseg.models.FocalLoss', 'mmseg.models.losses.focal_loss.FocalLoss'],
    params: [p('use_sigmoid', true), p('gamma', 2.0), p('alpha', 0.5), p('reduction', 'mean'), p('class_weight', null), p('loss_weight', 1.0), p('loss_name', 'loss_focal')],
    alpha: { param: 'alpha', off: 'never' }, gamma: 'gamma', inputs: 'logits',
    reduction: { param: 'reduction' },
    meanDivisor: msg("the sum divided by every element of the pixels × classes array (targets are one-hot over the classes): pixels labelled with the head's ignore_index (255 by default) give 0 but still count"),
    extras: ['use_sigmoid', 'class_weight', 'loss_weight'],
    // Upstream asserts use_sigmoid; repositories that write False ship their own focal_loss.py with a
    // softmax branch (seen in a UperNet fork of mmseg), which computes something else.
    refuses: { param: 'use_sigmoid', literal: 'False' },
    caveats: (c) => [
      msg("mmseg's sigmoid focal loss: each pixel's C scores are C binary problems against its one-hot label; alpha weights a class's own pixels, 1 - alpha the others. Its default alpha is 0.5, not mmdet's 0.25."),
      ...(Array.isArray(c.value('alpha')) ? [msg('alpha as a list: one alpha per class (that class against the rest), not a class weight (that is class_weight).')] : []),
    ],
    notModeled: (c) => {
      // Written as a literal, False makes the call claimed by no one (refuses); here it comes through a name.
      if (c.value('use_sigmoid') === false) return msg("use_sigmoid=False: mmseg's own FocalLoss asserts use_sigmoid is True, so building it fails; a repository that sets it runs its own version, unknown here. No values are shown.");
      const integer = ['gamma', 'alpha', 'loss_weight'].find((name) => intWhereFloat(c, name));
      if (integer) return msg("{0}={1} is an int: mmseg's FocalLoss asserts it is a float, so building it fails; no values are shown.", integer, c.argText(integer).trim());
      if (!mayBeSet(c, 'class_weight')) return undefined;
      const text = c.argText('class_weight') || msg('(not worked out)');
      return msg("class_weight={0} multiplies each class's loss and is not included in the core's values, so none are shown.", text);
    },
  },
];

const byApi = (api: string): CatalogEntry => MMSEG.find((e) => e.api === api)!;

/**
 * mmseg config dicts by their `type`: the bare names (for a `loss_decode` dict or under default_scope 'mmseg')
 * and the `mmseg.` scoped ones. Other mmseg losses (DiceLoss, LovaszLoss, ...) are not here.
 */
export const MMSEG_CONFIG_ENTRIES: ReadonlyMap<string, CatalogEntry> = new Map(
  (['CrossEntropyLoss', 'FocalLoss'] as const).flatMap((name) => [name, `mmseg.${name}`].map((type) => [type, byApi(`mmseg.models.losses.${name}`)] as const)),
);
