import type { LintRuleDefinition } from './ruleDefinition';

export const sigmoidIntoSoftmaxLoss = {
  id: 'sigmoid-into-softmax-loss',
  severity: 'warning',
  title: 'sigmoid outputs into a softmax (categorical) cross-entropy',
  catches: "Per-class sigmoid outputs reaching a loss over classes: `torch.sigmoid(x)` (or a model ending in nn.Sigmoid) into CrossEntropyLoss / F.cross_entropy, and a Keras model whose last Dense has activation='sigmoid' compiled with categorical_crossentropy / sparse_categorical_crossentropy (either from_logits). A Keras last layer of one unit is categorical-on-one-output's case instead.",
  why: "CrossEntropyLoss applies log_softmax itself: sigmoid outputs in [0, 1] become logits whose softmax stays close to uniform, so the loss cannot approach 0 and training crawls (PyTorch-YOLOv3 issues #10 and #108). Keras' categorical cross-entropy on probabilities divides the outputs by their sum: independent sigmoids renormalised are not a softmax's distribution (fchollet/deep-learning-with-python-notebooks issues #279 and #292). One label per sample wants logits into the softmax loss (or a softmax layer in Keras); several labels want a sigmoid (binary) cross-entropy.",
  example: "import torch\nimport torch.nn.functional as F\ndef class_loss(logits, y):\n    probs = torch.sigmoid(logits)\n    return F.cross_entropy(probs, y)\n",
  fixed: "import torch\nimport torch.nn.functional as F\ndef class_loss(logits, y):\n    return F.cross_entropy(logits, y)\n",
  // PyTorch: passing the logits is safe when nothing else reads the sigmoid (else offered unsafe);
  // Keras: the last layer's activation changes what the model predicts, so unsafe.
  fix: 'sometimes',
} as const satisfies LintRuleDefinition;
