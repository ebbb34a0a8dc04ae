import type { LintRuleDefinition } from './ruleDefinition';

export const softmaxIntoBce = {
  id: 'softmax-into-bce',
  severity: 'warning',
  title: 'softmax output into a binary (sigmoid) cross-entropy',
  catches: "A softmax over a number of outputs the file writes reaches a binary cross-entropy: Keras `Dense(n, activation='softmax')` (or Dense(n) then Activation('softmax') / Softmax()) as the model's last layer compiled with 'binary_crossentropy' / BinaryCrossentropy, or nn.Linear(.., n) then nn.Softmax(dim=1) in an nn.Sequential (or F.softmax(self.fc(x), dim=1) over a Linear) into BCELoss / F.binary_cross_entropy. One output is an error; three or more a warning; two outputs (with one-hot targets softmax + BCE equals CE) or an unknown number say nothing. Also one class's column of a softmax (`probs[:, 1]`) into a BCE that applies a sigmoid itself (BCEWithLogitsLoss): a probability read as a logit (the same column into BCELoss is right and says nothing).",
  why: 'The softmax of one value is always 1.0: the loss no longer depends on the input and the model learns nothing. Over three or more outputs each is scored as a separate yes/no, which is not categorical cross-entropy (the binary accuracy Keras then reports reads high), and a softmax cannot give several labels at once as multi-label BCE wants.',
  example: "from tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(16, activation='relu'), keras.layers.Dense(1, activation='softmax')])\nmodel.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])\n",
  fixed: "from tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(16, activation='relu'), keras.layers.Dense(1, activation='sigmoid')])\nmodel.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])\n",
  // One output: 'sigmoid' is safe (the output was the constant 1.0, so nothing could rely on it).
  // Three or more: loss='categorical_crossentropy' is unsafe (the targets must be one-hot), and offered only then.
  // A column into the logits BCE: the probability BCE (BCELoss, binary_cross_entropy) is safe (only this call changes).
  fix: 'sometimes',
} as const satisfies LintRuleDefinition;
