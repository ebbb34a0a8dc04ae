import type { LintRuleDefinition } from './ruleDefinition';

export const focalFactorMultiplied = {
  id: 'focal-factor-multiplied',
  severity: 'warning',
  title: 'focal modulating factor multiplied by gamma instead of raised to it',
  catches: 'A hand-written focal loss (a function or a class method whose name says focal) that computes the modulating factor as `(1 - p) * gamma` while the same body raises another factor to gamma (`p ** gamma`, `tf.pow(p, gamma)`): fudannlp16/focal-loss\'s `((1-y_pred)*gamma)` next to `(y_pred**gamma)`.',
  why: '(1 - p) * gamma scales the loss of the positives by gamma instead of down-weighting the easy ones: with gamma = 2 they weigh twice as much as plain cross-entropy, and the focusing the paper describes is gone for them.',
  example: 'import tensorflow as tf\n\ndef focal_loss_sigmoid(labels, logits, alpha=0.25, gamma=2):\n    y_pred = tf.nn.sigmoid(logits)\n    return -labels * (1 - alpha) * ((1 - y_pred) * gamma) * tf.log(y_pred) - (1 - labels) * alpha * (y_pred ** gamma) * tf.log(1 - y_pred)\n',
  fixed: 'import tensorflow as tf\n\ndef focal_loss_sigmoid(labels, logits, alpha=0.25, gamma=2):\n    y_pred = tf.nn.sigmoid(logits)\n    return -labels * (1 - alpha) * ((1 - y_pred) ** gamma) * tf.log(y_pred) - (1 - labels) * alpha * (y_pred ** gamma) * tf.log(1 - y_pred)\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
