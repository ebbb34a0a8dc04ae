import { msg } from '../../../core';
import { p, POS_WEIGHT } from './helpers';
import type { CallFacts, CatalogEntry } from './types';

/* PyTorch's own cross-entropy family: torch.nn.functional and torch.nn (torch/nn/functional.py, torch/nn/modules/loss.py). */

/** What PyTorch's reduction='mean' of cross_entropy / nll_loss divides the summed loss by. */
const TORCH_CE_MEAN = msg("divided by the targets' summed class weights, ignore_index left out");

const BCE_ON_PROBS = (c: CallFacts) =>
  /sigmoid/.test(c.argText('input'))
    ? [msg('BCE on sigmoid outputs loses precision and clamps log at -100; binary_cross_entropy_with_logits on the logits is the stable form.')]
    : [msg('Expects probabilities; log is clamped at -100, so saturated predictions give at most 100 per element. The logits form is more stable.')];

export const TORCH: readonly CatalogEntry[] = [
  {
    api: 'torch.nn.functional.binary_cross_entropy', library: 'torch', kind: 'ce',
    paths: ['torch.nn.functional.binary_cross_entropy'],
    params: [p('input'), p('target'), p('weight', null), p('size_average', null), p('reduce', null), p('reduction', 'mean')],
    gamma: 0, inputs: 'probabilities', reduction: { param: 'reduction' }, extras: ['weight'], caveats: BCE_ON_PROBS,
  },
  {
    api: 'torch.nn.functional.binary_cross_entropy_with_logits', library: 'torch', kind: 'ce',
    paths: ['torch.nn.functional.binary_cross_entropy_with_logits'],
    params: [p('input'), p('target'), p('weight', null), p('size_average', null), p('reduce', null), p('reduction', 'mean'), p('pos_weight', null)],
    gamma: 0, inputs: 'logits', predictionParam: 'input', reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight'], caveats: POS_WEIGHT,
  },
  {
    api: 'torch.nn.functional.cross_entropy', library: 'torch', kind: 'ce',
    paths: ['torch.nn.functional.cross_entropy'],
    params: [p('input'), p('target'), p('weight', null), p('size_average', null), p('ignore_index', -100), p('reduce', null), p('reduction', 'mean'), p('label_smoothing', 0.0)],
    gamma: 0, inputs: 'logits', classModel: 'softmax', predictionParam: 'input', reduction: { param: 'reduction' }, meanDivisor: TORCH_CE_MEAN, extras: ['label_smoothing', 'weight', 'ignore_index'],
  },
  {
    api: 'torch.nn.BCELoss', library: 'torch', kind: 'ce',
    paths: ['torch.nn.BCELoss', 'torch.nn.modules.loss.BCELoss'],
    params: [p('weight', null), p('size_average', null), p('reduce', null), p('reduction', 'mean')],
    gamma: 0, inputs: 'probabilities', reduction: { param: 'reduction' }, extras: ['weight'],
    caveats: () => [msg('Expects probabilities; log is clamped at -100. BCEWithLogitsLoss on logits is the stable form.')],
  },
  {
    api: 'torch.nn.BCEWithLogitsLoss', library: 'torch', kind: 'ce',
    paths: ['torch.nn.BCEWithLogitsLoss', 'torch.nn.modules.loss.BCEWithLogitsLoss'],
    params: [p('weight', null), p('size_average', null), p('reduce', null), p('reduction', 'mean'), p('pos_weight', null)],
    gamma: 0, inputs: 'logits', reduction: { param: 'reduction' }, extras: ['pos_weight', 'weight'], caveats: POS_WEIGHT,
  },
  {
    api: 'torch.nn.CrossEntropyLoss', library: 'torch', kind: 'ce',
    paths: ['torch.nn.CrossEntropyLoss', 'torch.nn.modules.loss.CrossEntropyLoss'],
    params: [p('weight', null), p('size_average', null), p('ignore_index', -100), p('reduce', null), p('reduction', 'mean'), p('label_smoothing', 0.0)],
    gamma: 0, inputs: 'logits', classModel: 'softmax', reduction: { param: 'reduction' }, meanDivisor: TORCH_CE_MEAN, extras: ['label_smoothing', 'weight', 'ignore_index'],
  },
  {
    api: 'torch.nn.functional.nll_loss', library: 'torch', kind: 'ce',
    paths: ['torch.nn.functional.nll_loss'],
    params: [p('input'), p('target'), p('weight', null), p('size_average', null), p('ignore_index', -100), p('reduce', null), p('reduction', 'mean')],
    gamma: 0, inputs: 'log-probabilities', classModel: 'softmax', predictionParam: 'input', reduction: { param: 'reduction' }, meanDivisor: TORCH_CE_MEAN, extras: ['weight', 'ignore_index'],
  },
  ...(['NLLLoss', 'NLLLoss2d'] as const).map((name): CatalogEntry => ({
    api: `torch.nn.${name}`, library: 'torch', kind: 'ce',
    paths: [`torch.nn.${name}`, `torch.nn.modules.loss.${name}`],
    params: [p('weight', null), p('size_average', null), p('ignore_index', -100), p('reduce', null), p('reduction', 'mean')],
    gamma: 0, inputs: 'log-probabilities', classModel: 'softmax', reduction: { param: 'reduction' }, meanDivisor: TORCH_CE_MEAN, extras: ['weight', 'ignore_index'],
    caveats: () => (name === 'NLLLoss2d' ? [msg('NLLLoss2d is deprecated: NLLLoss takes (N, C, H, W) inputs directly.')] : []),
  })),];
