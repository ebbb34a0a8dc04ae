import type { LintRuleDefinition } from './ruleDefinition';

export const logitsIntoProbabilityLoss = {
  id: 'logits-into-probability-loss',
  severity: 'warning',
  title: 'raw logits into a loss that expects probabilities',
  catches: 'Raw logits (a last Linear / Dense without activation) reach BCELoss, F.binary_cross_entropy or a Keras loss with from_logits=False (its default).',
  why: 'PyTorch raises an error for values outside [0, 1]; Keras reads the logits as probabilities.',
  example: 'import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(optimizer="adam", loss="binary_crossentropy")\n',
  fixed: 'import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(1)])\nmodel.compile(optimizer="adam", loss=tf.keras.losses.BinaryCrossentropy(from_logits=True))\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
