import type { LintRuleDefinition } from './ruleDefinition';

export const doubleSigmoid = {
  id: 'double-sigmoid',
  severity: 'warning',
  title: 'sigmoid output into a loss that applies the sigmoid itself',
  catches: 'A sigmoid output reaches BCEWithLogitsLoss, binary_cross_entropy_with_logits, sigmoid_focal_loss, tf.nn.sigmoid_cross_entropy_with_logits, TF 1 tf.losses.sigmoid_cross_entropy, optax sigmoid losses or a Keras binary loss with from_logits=True.',
  why: 'Probabilities in [0, 1] become sigmoid(p) in about [0.5, 0.73]: the model can never be confidently negative.',
  example: 'import tensorflow as tf\n\ndef forward_propagation(X, W):\n    return tf.sigmoid(tf.matmul(X, W))\n\ncost = tf.nn.sigmoid_cross_entropy_with_logits(logits=forward_propagation(X, W), labels=Y)\n',
  fixed: 'import tensorflow as tf\n\ndef forward_propagation(X, W):\n    return tf.matmul(X, W)\n\ncost = tf.nn.sigmoid_cross_entropy_with_logits(logits=forward_propagation(X, W), labels=Y)\n',
  fix: 'sometimes',
} as const satisfies LintRuleDefinition;
