/*
 * What the names people give predictions and targets mean: `logits=` makes values logits even when
 * they all lie in [0, 1], `p=` insists on probabilities, `preds=` leaves it to the values.
 */

export type NameRole =
  /** Predictions that must be probabilities. */
  | 'probability'
  /** Predictions that are logits whatever their values. */
  | 'logit'
  /** Predictions read as probabilities when all lie in [0, 1], as logits otherwise. */
  | 'prediction'
  | 'target'
  /** A loss parameter (alpha=, gamma=): read but not used, the command sets parameters itself. */
  | 'parameter';

/** The roles a name can give predictions: what it says about probabilities or logits ('prediction' = the values decide). */
export type PredictionRole = Exclude<NameRole, 'target' | 'parameter'>;

const ROLES: ReadonlyMap<string, NameRole> = new Map<string, NameRole>([
  ...['p', 'prob', 'probs', 'proba', 'probas', 'probability', 'probabilities', 'y_prob', 'y_proba', 'y_probs'].map(
    (name) => [name, 'probability'] as const,
  ),
  ...['x', 'z', 'logit', 'logits', 'y_logit', 'y_logits', 'pred_logits', 'cls_logits'].map((name) => [name, 'logit'] as const),
  ...['pred', 'preds', 'prediction', 'predictions', 'y_pred', 'y_hat', 'yhat', 'score', 'scores', 'output', 'outputs', 'out', 'input', 'inputs'].map(
    (name) => [name, 'prediction'] as const,
  ),
  ...['y', 't', 'target', 'targets', 'label', 'labels', 'y_true', 'gt', 'gts', 'gt_labels', 'truth', 'ground_truth', 'true'].map(
    (name) => [name, 'target'] as const,
  ),
  ...['alpha', 'gamma', 'beta'].map((name) => [name, 'parameter'] as const),
]);

/** The role of `name` ("self.logits" counts as "logits"), or null for a name Loss Lens does not know. */
export function roleOfName(name: string): NameRole | null {
  const last = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return ROLES.get(last) ?? null;
}

/** Names to suggest in messages. */
export const KNOWN_NAMES_HINT = 'p=, probs=, preds=, logits= or x= for predictions and y=, labels= or targets= for targets';
