import type { LintRuleDefinition } from './ruleDefinition';

export const kerasAlphaIgnored = {
  id: 'keras-alpha-ignored',
  severity: 'warning',
  title: 'Keras binary focal alpha without apply_class_balancing=True',
  catches: 'Keras BinaryFocalCrossentropy / binary_focal_crossentropy given alpha without apply_class_balancing=True.',
  why: 'Keras uses alpha only when apply_class_balancing=True: without it, alpha=0.25 changes nothing.',
  example: 'import keras\nloss = keras.losses.BinaryFocalCrossentropy(alpha=0.25, gamma=2.0)\n',
  fixed: 'import keras\nloss = keras.losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.25, gamma=2.0)\n',
  fix: 'safe',
} as const satisfies LintRuleDefinition;
