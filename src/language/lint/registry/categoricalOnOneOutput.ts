import type { LintRuleDefinition } from './ruleDefinition';

export const categoricalOnOneOutput = {
  id: 'categorical-on-one-output',
  severity: 'error',
  title: 'categorical cross-entropy on a model with one output',
  catches: "A Keras model whose last layer has one unit the file writes (`Dense(1, activation='sigmoid')`, `Dense(1)`, or Dense(1) then Activation(...)) compiled with a categorical loss: 'categorical_crossentropy' / CategoricalCrossentropy or 'sparse_categorical_crossentropy' / SparseCategoricalCrossentropy, with or without from_logits.",
  why: 'The categorical losses normalise over the classes (a softmax of the logits, or the probabilities divided by their sum): over one output that is always 1, so categorical cross-entropy is 0 whatever the model predicts and nothing is learned. The sparse form has one class: any label but 0 is out of range. A yes/no output of one unit takes binary_crossentropy; n classes take n units.',
  example: "from tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(16, activation='relu'), keras.layers.Dense(1, activation='sigmoid')])\nmodel.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])\n",
  fixed: "from tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(16, activation='relu'), keras.layers.Dense(1, activation='sigmoid')])\nmodel.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])\n",
  // No fix: binary_crossentropy is right for 0/1 labels, but labels of three classes (the Iris shape) need three units instead.
  fix: 'none',
} as const satisfies LintRuleDefinition;
