import { msg } from '../../../core';
import { mayBeSet, p } from './helpers';
import type { CallFacts, CatalogEntry, ParamSpec } from './types';

/*
 * Losses people load with torch.hub instead of importing them. Read in the repositories' own source:
 * - AdeelH/pytorch-multi-class-focal-loss (focal_loss.py 13ad580, hubconf.py 628c4ae): hubconf exposes
 *   `FocalLoss` (and the module's `focal_loss` factory) to torch.hub.load('adeelh/pytorch-multi-class-focal-loss',
 *   model=..., ...). FocalLoss(alpha=None, gamma=0., reduction='mean', ignore_index=-100): log_softmax over dim -1,
 *   ce = NLLLoss(weight=alpha, reduction='none', ignore_index)(log_p, y), loss = (1 - p_t)^gamma * ce, then a plain
 *   .mean() / .sum(). focal_loss(alpha=None, gamma=0., reduction='mean', ignore_index=-100, device='cpu',
 *   dtype=torch.float32) makes a tensor of a list alpha and returns FocalLoss(...).
 * - torch.hub.load(repo_or_dir, model, *args, source='github', trust_repo=None, force_reload=False, verbose=True,
 *   skip_validation=False, **kwargs) (pytorch/pytorch torch/hub.py): *args and **kwargs go to the entry point.
 */

/** torch.hub.load's own keywords; every other keyword goes to the model's entry point. */
export const HUB_LOAD_KEYWORDS: ReadonlySet<string> = new Set(['repo_or_dir', 'model', 'source', 'trust_repo', 'force_reload', 'verbose', 'skip_validation']);

// gamma's default 0 needs no caveat of its own: every focal loss at gamma 0 is said to be cross-entropy.
const ADEELH_CAVEATS = (c: CallFacts): string[] =>
  mayBeSet(c, 'alpha')
    ? [msg("alpha here is a weight per class (NLLLoss's weight): alpha[target] multiplies each sample's loss, and 'mean' is then a plain mean over samples, not divided by the summed weights as in CrossEntropyLoss.")]
    : [];

/** With class weights the loss depends on each target's class, which a table over p_t cannot show. */
const ADEELH_NOT_MODELED = (c: CallFacts): string | undefined =>
  mayBeSet(c, 'alpha') ? msg('alpha weights each class, so the values depend on the target class and no table is shown.') : undefined;

function adeelhFocal(model: string, extraParams: readonly ParamSpec[]): CatalogEntry {
  return {
    api: `adeelh/pytorch-multi-class-focal-loss: ${model}`, library: 'torch.hub', kind: 'focal', paths: [],
    params: [p('alpha', null), p('gamma', 0.0), p('reduction', 'mean'), p('ignore_index', -100), ...extraParams],
    gamma: 'gamma', inputs: 'logits', classModel: 'softmax', reduction: { param: 'reduction' },
    extras: ['alpha', 'ignore_index'], caveats: ADEELH_CAVEATS, notModeled: ADEELH_NOT_MODELED,
  };
}

/** Entry points by repository (owner/name, lower-cased: GitHub's names are case-insensitive), then by model name. */
export const HUB_LOSSES: ReadonlyMap<string, ReadonlyMap<string, CatalogEntry>> = new Map([
  ['adeelh/pytorch-multi-class-focal-loss', new Map([
    ['FocalLoss', adeelhFocal('FocalLoss', [])],
    // dtype's default is torch.float32, which no literal writes; neither parameter changes the loss.
    ['focal_loss', adeelhFocal('focal_loss', [p('device', 'cpu'), p('dtype', null)])],
  ])],
]);
