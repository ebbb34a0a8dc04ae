import type { LintRuleDefinition } from './ruleDefinition';

export const focalFactorMultiplied = {
  id: 'focal-factor-multiplied',
  severity: 'warning',
  title: 'focal modulating factor multiplied by gamma instead of raised to it',
  catches: 'A hand-written focal loss (a function or a class method whose name says focal) that computes the modulating factor as `(1 - p) * gamma` while the same body raises another factor to gamma (`p ** gamma`, `tf.pow(p, gamma)`): fudannlp16/focal-loss\'s `((1-y_pred)*gamma)` next to `(y_pred**gamma)`.',
  why: '(1 - p) * gamma scales the loss of the positives by gamma instead of down-weighting the easy ones: with gamma = 2 they weigh twice as much as plain cross-entropy, and the focusing the paper describes is gone for them.',
  example: 'import tensorflow as tf\n\ndef binary_focal(labels, logits, alpha=0.25, gamma=2):\n    p = tf.nn.sigmoid(logits)\n    pos = -labels * alpha * ((1 - p) * gamma) * tf.math.log(p)\n    neg = -(1 - labels) * (1 - alpha) * (p ** gamma) * tf.math.log(1 - p)\n    return pos + neg\n',
  fixed: 'import tensorflow as tf\n\ndef binary_focal(labels, logits, alpha=0.25, gamma=2):\n    p = tf.nn.sigmoid(logits)\n    pos = -labels * alpha * ((1 - p) ** gamma) * tf.math.log(p)\n    neg = -(1 - labels) * (1 - alpha) * (p ** gamma) * tf.math.log(1 - p)\n    return pos + neg\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
