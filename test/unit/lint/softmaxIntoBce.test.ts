// softmax-into-bce (issue 23, item 3): when a softmax fed to a binary cross-entropy is certainly wrong.
import * as assert from 'node:assert/strict';
import { lintPython } from '../../../src/language/lint';

const rules = (src: string) => lintPython(src).filter((f) => f.rule === 'softmax-into-bce');

describe('softmax-into-bce', () => {
  it('one output is an error with a safe sigmoid fix; three or more a warning with the unsafe categorical fix', () => {
    const one = rules("from tensorflow import keras\nmodel = keras.Sequential()\nmodel.add(keras.layers.Dense(16, activation='relu'))\nmodel.add(keras.layers.Dense(1, activation='softmax'))\nmodel.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])\n");
    assert.equal(one.length, 1);
    assert.equal(one[0]!.severity, 'error');
    assert.match(one[0]!.message, /always 1\.0/);
    assert.match(one[0]!.message, /line 4/);
    assert.deepEqual(one[0]!.fixes.map((f) => [f.safety, f.edits[0]!.newText]), [['safe', "'sigmoid'"]]);
    const five = rules("from keras.models import Sequential\nfrom keras.layers import Dense\nmodel = Sequential()\nmodel.add(Dense(64, activation='relu'))\nmodel.add(Dense(5, activation='softmax'))\nmodel.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])\n");
    assert.equal(five.length, 1);
    assert.equal(five[0]!.severity, undefined);
    assert.deepEqual(five[0]!.fixes.map((f) => [f.safety, f.preferred, f.edits[0]!.newText]), [['unsafe', false, "'categorical_crossentropy'"]]);
    assert.match(five[0]!.fixes[0]!.title, /one-hot/);
  });

  it('torch: nn.Linear(.., 1) then nn.Softmax in a Sequential into BCELoss, fixed with nn.Sigmoid()', () => {
    const found = rules('import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(20, 8), nn.ReLU(), nn.Linear(8, 1), nn.Softmax(dim=1))\ncriterion = nn.BCELoss()\nloss = criterion(model(x), y)\n');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /`model` ends in `nn.Softmax\(dim=1\)`/);
    assert.deepEqual(found[0]!.fixes.map((f) => [f.safety, f.edits[0]!.newText]), [['safe', 'nn.Sigmoid()']]);
    // Into BCEWithLogitsLoss: still nothing learned, but no one-line fix.
    const logits = rules('import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(8, 1), nn.Softmax(dim=1))\ncriterion = nn.BCEWithLogitsLoss()\nloss = criterion(model(x), y)\n');
    assert.equal(logits.length, 1);
    assert.deepEqual(logits[0]!.fixes, []);
  });

  it('a softmax layer after the layer that sets n: model.add(Dense(1)) then Activation, a list, and F.softmax over self.fc', () => {
    const added = rules("from keras.models import Sequential\nfrom keras.layers import Dense, Activation\nmodel = Sequential()\nmodel.add(Dense(64, input_dim=20))\nmodel.add(Activation('relu'))\nmodel.add(Dense(1))\nmodel.add(Activation('softmax'))\nmodel.compile(loss='binary_crossentropy', optimizer='rmsprop')\n");
    assert.equal(added.length, 1);
    assert.deepEqual(added[0]!.fixes.map((f) => f.edits[0]!.newText), ["'sigmoid'"]);
    const listed = rules("import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(3), tf.keras.layers.Softmax()])\nmodel.compile(loss=tf.keras.losses.BinaryCrossentropy())\n");
    assert.equal(listed.length, 1);
    assert.match(listed[0]!.message, /each of the 3 softmax outputs/);
    const forward = rules('import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 1)\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\nnet = Net()\nloss = F.binary_cross_entropy(net(x), y)\n');
    assert.equal(forward.length, 1);
    assert.match(forward[0]!.message, /`Net.forward` returns/);
    assert.deepEqual(forward[0]!.fixes.map((f) => [f.safety, f.edits[0]!.newText]), [['safe', 'torch.sigmoid(self.fc(x))']]);
  });

  it('silent: two outputs, an unknown number, a sigmoid, a categorical loss, softmax not last', () => {
    for (const src of [
      "from keras.models import Sequential\nfrom keras.layers import Dense\nmodel = Sequential()\nmodel.add(Dense(2, activation='softmax'))\nmodel.compile(loss='binary_crossentropy', optimizer='adam')\n",
      "from keras.models import Sequential\nfrom keras.layers import Dense\nmodel = Sequential()\nmodel.add(Dense(num_classes, activation='softmax'))\nmodel.compile(loss='binary_crossentropy', optimizer='adam')\n",
      "from keras.models import Sequential\nfrom keras.layers import Dense\nmodel = Sequential()\nmodel.add(Dense(1, activation='sigmoid'))\nmodel.compile(loss='binary_crossentropy', optimizer='adam')\n",
      "from keras.models import Sequential\nfrom keras.layers import Dense\nmodel = Sequential()\nmodel.add(Dense(10, activation='softmax'))\nmodel.compile(loss='categorical_crossentropy', optimizer='adam')\n",
      "from keras.models import Sequential\nfrom keras.layers import Dense\nmodel = Sequential()\nmodel.add(Dense(10, activation='softmax'))\nmodel.add(Dense(1, activation='sigmoid'))\nmodel.compile(loss='binary_crossentropy', optimizer='adam')\n",
      'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(8, 2), nn.Softmax(dim=1))\ncriterion = nn.BCELoss()\nloss = criterion(model(x), y)\n',
      'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(8, n), nn.Softmax(dim=1))\ncriterion = nn.BCELoss()\nloss = criterion(model(x), y)\n',
      // a torch softmax over the batch (dim=0) or with the implicit dim, a Keras softmax over another axis
      'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(8, 1), nn.Softmax(dim=0))\ncriterion = nn.BCELoss()\nloss = criterion(model(x), y)\n',
      'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(8, 1), nn.Softmax())\ncriterion = nn.BCELoss()\nloss = criterion(model(x), y)\n',
      'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(16, 1)\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=0)\nnet = Net()\nloss = F.binary_cross_entropy(net(x), y)\n',
      "import tensorflow as tf\nmodel = tf.keras.Sequential([tf.keras.layers.Dense(3), tf.keras.layers.Softmax(axis=1)])\nmodel.compile(loss=tf.keras.losses.BinaryCrossentropy())\n",
      // an add between them, on another receiver, or a self.fc assigned twice
      "from keras.models import Sequential\nfrom keras.layers import Dense, Activation, Dropout\nmodel = Sequential()\nmodel.add(Dense(1))\nmodel.add(Dropout(0.5))\nmodel.add(Activation('softmax'))\nmodel.compile(loss='binary_crossentropy', optimizer='rmsprop')\n",
      "from keras.models import Sequential\nfrom keras.layers import Dense, Activation\nmodel = Sequential()\nother.add(Dense(1))\nmodel.add(Activation('softmax'))\nmodel.compile(loss='binary_crossentropy', optimizer='rmsprop')\n",
      'import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\nclass Net(nn.Module):\n    def __init__(self, wide):\n        super().__init__()\n        self.fc = nn.Linear(16, 1)\n        if wide:\n            self.fc = nn.Linear(16, 10)\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\nnet = Net(True)\nloss = F.binary_cross_entropy(net(x), y)\n',
    ]) assert.deepEqual(rules(src), [], src);
  });
});
