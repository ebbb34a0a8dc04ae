import { msg } from '../../../core';
import { p } from './helpers';
import type { CatalogEntry, ParamSpec } from './types';

/*
 * tflearn's cross-entropy objectives, called directly (tflearn.objectives.categorical_crossentropy(y_pred, y_true))
 * or named by the `loss` string of the regression layer. As read in tflearn/tflearn:
 * - 0f44f97 tflearn/objectives.py: categorical_crossentropy(y_pred, y_true) divides y_pred by its sum over the last
 *   axis, clips it to [_EPSILON, 1 - _EPSILON], takes -sum(y_true * log(y_pred)) over the last axis and the mean
 *   over samples (probabilities in); softmax_categorical_crossentropy(y_pred, y_true) is the mean of
 *   tf.nn.softmax_cross_entropy_with_logits(logits=y_pred, labels=y_true) (logits in, one value per sample);
 *   binary_crossentropy(y_pred, y_true) is the mean of tf.nn.sigmoid_cross_entropy_with_logits(logits=y_pred,
 *   labels=y_true) over every element (logits in).
 * - 2868b0b tflearn/config.py: _EPSILON = 1e-10.
 * - 15d3573 tflearn/layers/estimator.py: regression(incoming, placeholder=None, optimizer='adam',
 *   loss='categorical_crossentropy', metric='default', learning_rate=0.001, ...): a string loss is
 *   objectives.get(loss)(incoming, placeholder), so `incoming` is y_pred. tflearn/__init__.py and
 *   tflearn/layers/__init__.py export regression. Other loss strings (mean_square, hinge_loss, roc_auc_score,
 *   weighted_crossentropy, ...) and a function passed as loss are not claimed.
 */

type Objective = 'categorical_crossentropy' | 'softmax_categorical_crossentropy' | 'binary_crossentropy';

const REGRESSION_PATHS = ['tflearn.regression', 'tflearn.layers.regression', 'tflearn.layers.estimator.regression'];
const REGRESSION_PARAMS: readonly ParamSpec[] = [p('incoming'), p('placeholder', null), p('optimizer', 'adam'), p('loss', 'categorical_crossentropy'), p('metric', 'default'), p('learning_rate', 0.001)];

const WHAT: Record<Objective, () => string> = {
  categorical_crossentropy: () => msg("tflearn's 'categorical_crossentropy' takes probabilities: it divides the predictions by their sum over the last axis, clips them to [1e-10, 1 - 1e-10], and averages -sum(y log p) over samples."),
  softmax_categorical_crossentropy: () => msg("tflearn's 'softmax_categorical_crossentropy' takes logits: the mean over samples of tf.nn.softmax_cross_entropy_with_logits."),
  binary_crossentropy: () => msg("tflearn's 'binary_crossentropy' takes logits: the mean over every element of tf.nn.sigmoid_cross_entropy_with_logits."),
};

/** The objective computed on `y_pred`, reached as `api` with `params` (predictions in `prediction`). */
function objective(name: Objective, api: string, paths: readonly string[], params: readonly ParamSpec[], prediction: string, regressionDefault: boolean): CatalogEntry {
  const binary = name === 'binary_crossentropy';
  return {
    api, library: 'tflearn', kind: 'ce', paths, params,
    gamma: 0, inputs: name === 'categorical_crossentropy' ? 'probabilities' : 'logits', ...(binary ? {} : { classModel: 'softmax' as const }),
    predictionParam: prediction,
    reduction: { fixed: binary ? 'mean over every element' : 'mean over samples' }, extras: [],
    caveats: (c) => [
      ...(regressionDefault && !c.explicit('loss') ? [msg("regression's default loss is 'categorical_crossentropy'.")] : []),
      WHAT[name](),
    ],
  };
}

const OBJECTIVES: readonly Objective[] = ['categorical_crossentropy', 'softmax_categorical_crossentropy', 'binary_crossentropy'];

const REGRESSION_VARIANTS = new Map(
  OBJECTIVES.filter((name) => name !== 'categorical_crossentropy').map((name) => [name, objective(name, `tflearn.regression (loss='${name}')`, [], REGRESSION_PARAMS, 'incoming', false)] as const),
);

export const TFLEARN: readonly CatalogEntry[] = [
  ...OBJECTIVES.map((name) => objective(name, `tflearn.objectives.${name}`, [`tflearn.objectives.${name}`], [p('y_pred'), p('y_true')], 'y_pred', false)),
  { ...objective('categorical_crossentropy', 'tflearn.regression', REGRESSION_PATHS, REGRESSION_PARAMS, 'incoming', true), variant: { param: 'loss', others: REGRESSION_VARIANTS } },
];
