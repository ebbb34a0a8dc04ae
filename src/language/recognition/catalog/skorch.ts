import { msg } from '../../../core';
import { p } from './helpers';
import type { CatalogEntry } from './types';

/*
 * skorch's nets build their criterion themselves (skorch-dev/skorch 5db0ddc, skorch 1.4.0):
 * - skorch/net.py: NeuralNet(module, criterion, optimizer=torch.optim.SGD, lr=0.01, ...); initialize_criterion
 *   builds initialized_instance(self.criterion, self.get_params_for('criterion')): a class is called with the
 *   `criterion__x` keywords (utils.params_for strips the prefix); an nn.Module instance is used as it is when there
 *   are none, else rebuilt as type(instance)(**those keywords) (its own arguments dropped). get_loss calls
 *   criterion_(y_pred, y_true) on the module's output.
 * - skorch/classifier.py: NeuralNetClassifier(module, *args, criterion=torch.nn.NLLLoss, ...), whose get_loss
 *   first takes y_pred = torch.log(y_pred + eps) when criterion_ is an NLLLoss (eps = torch.finfo(dtype).eps): the
 *   module returns probabilities; NeuralNetBinaryClassifier(module, *args, criterion=torch.nn.BCEWithLogitsLoss,
 *   ..., threshold=0.5). NeuralNetRegressor's MSELoss is not a cross-entropy.
 * skorch/__init__.py exports NeuralNet, NeuralNetClassifier, NeuralNetBinaryClassifier.
 */

export type SkorchNet = 'net' | 'classifier' | 'binary';

/** The nets by fully qualified name. */
export const SKORCH_NETS: ReadonlyMap<string, SkorchNet> = new Map([
  ['skorch.NeuralNet', 'net'], ['skorch.net.NeuralNet', 'net'],
  ['skorch.NeuralNetClassifier', 'classifier'], ['skorch.classifier.NeuralNetClassifier', 'classifier'],
  ['skorch.NeuralNetBinaryClassifier', 'binary'], ['skorch.classifier.NeuralNetBinaryClassifier', 'binary'],
]);

/** NeuralNetClassifier with an NLLLoss criterion (its default): NLLLoss of log(p + eps), so cross-entropy on probabilities. */
export const SKORCH_CLASSIFIER_NLL: CatalogEntry = {
  api: 'torch.nn.NLLLoss (skorch NeuralNetClassifier)', library: 'skorch', kind: 'ce', paths: [],
  params: [p('weight', null), p('size_average', null), p('ignore_index', -100), p('reduce', null), p('reduction', 'mean')],
  gamma: 0, inputs: 'probabilities', classModel: 'softmax', reduction: { param: 'reduction' }, extras: ['weight', 'ignore_index'],
  caveats: () => [msg("NeuralNetClassifier takes the log of the module's output (log(p + eps)) before NLLLoss: the module must return probabilities (a softmax).")],
};
