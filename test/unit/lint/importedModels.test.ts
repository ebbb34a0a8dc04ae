// Models defined in a sibling module and imported by the training script (issue 23: "the activation lives
// in the model and the loss in the training step"; on held-out code, half of the mistakes the lint missed
// had this shape). Each case is a pair of files written for the pattern, with the public code that showed
// it named above it: the model module served through ImportedSources (as the editor and the CLI serve
// it) and the script linted. Look-alikes stay silent: a model returning logits, a name the script binds
// itself, a library's module, a module not found, star imports, a return that depends on a flag, a
// model the module imports from a third file.
import * as assert from 'node:assert/strict';
import { lintPython, predictionSourceOf, type LintFinding } from '../../../src/language/lint';
import { LossCallIndex, type ImportedSources } from '../../../src/language/recognition';
import { predictionLine } from '../../../src/extension/hoverPrediction';
import { applyFix } from './applyEdits';
import { py } from '../../fixtures/pySource';

/** Sources serving `files` by module name ('model', '.model', 'models.cnn'), each with its file name. */
function sources(files: Record<string, string>): ImportedSources {
  return { get: (name) => (name in files ? { text: files[name]!, file: `${name.replace(/^\.+/, '').replace(/\./g, '/')}.py`, uri: `file:///workspace-root/${name.replace(/^\.+/, '')}.py` } : undefined) };
}

function lint(script: string, files: Record<string, string>): LintFinding[] {
  return lintPython(script, { imported: sources(files) });
}

/** Rule, the argument it underlines, and the message. */
function summary(script: string, files: Record<string, string>): [string, string, string][] {
  return lint(script, files).map((f) => [f.rule, script.slice(f.start, f.end), f.message]);
}

// dennybritz/cnn-text-classification-pt-like (a text CNN whose forward ends in F.softmax in model.py,
// train.py's CrossEntropyLoss on its output); Shawn1993/cnn-text-classification-pytorch model.py shape.
const SOFTMAX_MODEL = py`
  import torch.nn as nn
  import torch.nn.functional as F

  class CnnTextClassifier(nn.Module):
      def __init__(self, vocab, classes):
          super().__init__()
          self.embed = nn.Embedding(vocab, 128)
          self.fc = nn.Linear(128, classes)

      def forward(self, x):
          h = self.embed(x).mean(1)
          logits = self.fc(h)
          return F.softmax(logits, dim=1)
`;

const SOFTMAX_SCRIPT = py`
  import torch
  import torch.nn as nn
  from model import CnnTextClassifier

  model = CnnTextClassifier(5000, 4)
  criterion = nn.CrossEntropyLoss()
  for x, y in loader:
      out = model(x)
      loss = criterion(out, y)
`;

// tonylins/pytorch-mobilenet-v2 MobileNetV2.py shape: forward returns F.log_softmax(x, dim=1); the
// ImageNet script's CrossEntropyLoss (written in the script here).
const LOG_SOFTMAX_MODEL = py`
  import torch.nn as nn
  import torch.nn.functional as F

  class MobileNetV2(nn.Module):
      def __init__(self, n_class=1000):
          super(MobileNetV2, self).__init__()
          self.features = nn.Sequential(nn.Conv2d(3, 32, 3), nn.ReLU6())
          self.classifier = nn.Linear(32, n_class)

      def forward(self, x):
          x = self.features(x).mean(3).mean(2)
          x = self.classifier(x)
          return F.log_softmax(x, dim=1)
`;

describe('lint: models imported from another file of the workspace', () => {
  it("a forward ending in F.softmax in model.py, fed to train.py's CrossEntropyLoss: named with its file and line, related information there", () => {
    const [finding, ...rest] = lint(SOFTMAX_SCRIPT, { model: SOFTMAX_MODEL });
    assert.deepEqual(rest, []);
    assert.equal(finding?.rule, 'double-softmax');
    assert.equal(SOFTMAX_SCRIPT.slice(finding!.start, finding!.end), 'out');
    assert.match(finding!.message, /^`CnnTextClassifier\.forward` returns `F\.softmax\(logits, dim=1\)` \(model\.py, line 13\): CrossEntropyLoss applies log_softmax itself/);
    const related = finding!.related!;
    assert.match(related.message, /^`CnnTextClassifier\.forward` returns/);
    assert.deepEqual(related.elsewhere, { file: 'model.py', uri: 'file:///workspace-root/model.py', start: { line: 12, character: 15 }, end: { line: 12, character: 39 } });
    const line = SOFTMAX_MODEL.split('\n')[related.elsewhere!.start.line]!;
    assert.equal(line.slice(related.elsewhere!.start.character, related.elsewhere!.end.character), 'F.softmax(logits, dim=1)');
    // In this file, the related offsets are the model's name where it is constructed.
    assert.equal(SOFTMAX_SCRIPT.slice(related.start, related.end), 'CnnTextClassifier');
  });

  it('the fixes edit this file only: NLLLoss on torch.log(out), safe; nothing removes the softmax in model.py', () => {
    const [finding] = lint(SOFTMAX_SCRIPT, { model: SOFTMAX_MODEL });
    const titles = finding!.fixes.map((f) => `${f.safety}${f.preferred ? '*' : ''}: ${f.title}`);
    assert.deepEqual(titles, ['safe*: Use NLLLoss on torch.log(out)']);
    const fixed = applyFix(SOFTMAX_SCRIPT, finding!.fixes[0]!);
    assert.match(fixed, /criterion = nn\.NLLLoss\(\)/);
    assert.match(fixed, /loss = criterion\(torch\.log\(out\), y\)/);
    assert.deepEqual(lint(fixed, { model: SOFTMAX_MODEL }), []);
  });

  it('a forward ending in F.log_softmax, imported relatively, into CrossEntropyLoss: redundant (information), NLLLoss takes it as it is', () => {
    const script = py`
      import torch.nn as nn
      from .MobileNetV2 import MobileNetV2

      net = MobileNetV2(n_class=10).cuda()
      criterion = nn.CrossEntropyLoss().cuda()
      output = net(images)
      loss = criterion(output, target)
    `;
    const [finding, ...rest] = lint(script, { '.MobileNetV2': LOG_SOFTMAX_MODEL });
    assert.deepEqual(rest, []);
    assert.equal(finding?.rule, 'double-softmax');
    assert.equal(finding?.severity, 'information');
    assert.match(finding!.message, /^`MobileNetV2\.forward` returns `F\.log_softmax\(x, dim=1\)` \(MobileNetV2\.py, line 13\): /);
    assert.deepEqual(finding!.fixes.map((f) => [f.title, f.safety]), [['Use NLLLoss, which takes the log_softmax output as it is', 'safe']]);
    assert.match(applyFix(script, finding!.fixes[0]!), /criterion = nn\.NLLLoss\(\)\.cuda\(\)/);
  });

  // jcjohnson/pytorch-examples-like course code: models.py's Net.forward returns F.log_softmax(out, dim=1),
  // main.py calls F.cross_entropy(model(X), y) (`import models as M`, and `import models`).
  it('`import models as M` / `import models` then M.Net(): F.cross_entropy(model(X), y)', () => {
    const models = py`
      import torch.nn as nn
      import torch.nn.functional as F

      class Net(nn.Module):
          def __init__(self):
              super().__init__()
              self.fc = nn.Linear(784, 10)

          def forward(self, x):
              out = self.fc(x)
              return F.log_softmax(out, dim=1)
    `;
    const cases = [['import models as M', 'M.Net()', 'models'], ['import models', 'models.Net()', 'models'], ['from models import Net as Classifier', 'Classifier()', 'models'], ['import nets.models', 'nets.models.Net()', 'nets.models'], ['import nets.models as M', 'M.Net()', 'nets.models'], ['from . import models', 'models.Net()', '.models']] as const;
    for (const [imports, construct, name] of cases) {
      const script = `import torch.nn.functional as F\n${imports}\n\nmodel = ${construct}\nloss = F.cross_entropy(model(X), y)\n`;
      assert.deepEqual(summary(script, { [name]: models }).map(([rule, arg]) => [rule, arg]), [['double-softmax', 'model(X)']], script);
      assert.match(lint(script, { [name]: models })[0]!.message, new RegExp(`\\(${name.replace(/^\./, '').replace('.', '/')}\\.py, line 11\\)`));
      assert.deepEqual(lint(script, { [name]: models })[0]!.fixes.map((f) => f.title), ['Use nll_loss, which takes the log_softmax output as it is']);
    }
  });

  // say4n/pytorch-segnet-like: SegNet.forward returns (x_00d, F.softmax(x_00d, dim=1)), train.py unpacks
  // `predicted_tensor, softmaxed_tensor = model(input_tensor)` and gives the softmaxed one to CrossEntropyLoss.
  it('a tuple output: the element given to the loss is the softmax one ("as output 2 of 2")', () => {
    const segnet = py`
      import torch.nn as nn
      import torch.nn.functional as F

      class SegNet(nn.Module):
          def forward(self, input_img):
              x_00d = self.decoder_convtr_00(input_img)
              x_softmax = F.softmax(x_00d, dim=1)
              return x_00d, x_softmax
    `;
    const script = py`
      import torch
      from model import SegNet

      model = SegNet().cuda()
      criterion = torch.nn.CrossEntropyLoss(weight=class_weights).cuda()
      predicted_tensor, softmaxed_tensor = model(input_tensor)
      loss = criterion(softmaxed_tensor, target_tensor)
      other = criterion(predicted_tensor, target_tensor)
    `;
    const found = summary(script, { model: segnet });
    assert.deepEqual(found.map(([rule, arg]) => [rule, arg]), [['double-softmax', 'softmaxed_tensor']]);
    assert.match(found[0]![2], /^`SegNet\.forward` returns `F\.softmax\(x_00d, dim=1\)` as output 2 of 2 \(model\.py, line 7\): /);
  });

  // fungtion/DANN-like (Classifier.forward returns F.softmax in model.py): when train.py constructs the
  // classifier and passes it to its own train(), every call agreeing, the parameter is followed as in one file.
  it('an imported model passed to a function of the script, every call agreeing; a function only called from another file stays silent', () => {
    const model = py`
      import torch.nn as nn
      import torch.nn.functional as F

      class Classifier(nn.Module):
          def forward(self, x):
              x = self.fc2(F.relu(self.fc1(x)))
              return F.softmax(x)
    `;
    const script = py`
      import torch.nn as nn
      from model import Classifier

      def train(classifier, loader):
          criterion = nn.CrossEntropyLoss()
          for x, y in loader:
              loss = criterion(classifier(x), y)

      train(Classifier(), loader)
    `;
    assert.deepEqual(summary(script, { model }).map(([rule, arg]) => [rule, arg]), [['double-softmax', 'classifier(x)']]);
    // train() called only by main.py: nothing in this file says what `classifier` is.
    const library = script.replace('train(Classifier(), loader)\n', '');
    assert.deepEqual(lint(library, { model }), []);
  });

  it('a factory function of the module that returns an nn.Sequential ending in nn.Softmax, into nll_loss', () => {
    const nets = py`
      import torch.nn as nn

      def build_model(hidden):
          layers = nn.Sequential(nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, 10), nn.Softmax(dim=1))
          return layers
    `;
    const script = py`
      import torch.nn.functional as F
      from nets import build_model

      model = build_model(256)
      loss = F.nll_loss(model(x), y)
    `;
    const found = summary(script, { nets });
    assert.deepEqual(found.map(([rule, arg]) => [rule, arg]), [['nll-without-log-softmax', 'model(x)']]);
    assert.match(found[0]![2], /^`layers` ends in `nn\.Softmax\(dim=1\)` \(nets\.py, line 4\): /);
  });

  it('a sigmoid forward into BCEWithLogitsLoss (double-sigmoid: BCELoss, safe) and into CrossEntropyLoss (sigmoid-into-softmax-loss, no fix)', () => {
    const model = py`
      import torch
      import torch.nn as nn

      class Detector(nn.Module):
          def forward(self, x):
              return torch.sigmoid(self.head(x))
    `;
    const bce = 'import torch.nn as nn\nfrom model import Detector\n\nnet = Detector()\ncriterion = nn.BCEWithLogitsLoss()\nloss = criterion(net(x), y)\n';
    const [sigmoid] = lint(bce, { model });
    assert.equal(sigmoid?.rule, 'double-sigmoid');
    assert.match(sigmoid!.message, /^`Detector\.forward` returns `torch\.sigmoid\(self\.head\(x\)\)` \(model\.py, line 6\): /);
    assert.deepEqual(sigmoid!.fixes.map((f) => [f.title, f.safety, f.preferred]), [['Use BCELoss, which takes the sigmoid output as it is', 'safe', true]]);
    const ce = bce.replace('BCEWithLogitsLoss', 'CrossEntropyLoss');
    assert.deepEqual(lint(ce, { model }).map((f) => [f.rule, f.fixes.length]), [['sigmoid-into-softmax-loss', 0]]);
  });

  it('a function of the module called directly: what it returns', () => {
    const utils = py`
      import torch

      def forward_propagation(X, w):
          Z = X @ w
          return torch.sigmoid(Z)
    `;
    const script = 'import torch.nn.functional as F\nfrom utils import forward_propagation\n\nA = forward_propagation(X, w)\nloss = F.binary_cross_entropy_with_logits(A, Y)\n';
    const found = summary(script, { utils });
    assert.deepEqual(found.map(([rule, arg]) => [rule, arg]), [['double-sigmoid', 'A']]);
    assert.match(found[0]![2], /^`forward_propagation` returns `torch\.sigmoid\(Z\)` \(utils\.py, line 5\): /);
  });

  it('a Keras model built by a function of the module, compiled in the script with from_logits=True', () => {
    const model = py`
      from tensorflow import keras

      def build_model():
          return keras.Sequential([keras.layers.Dense(64, activation='relu'), keras.layers.Dense(10, activation='softmax')])
    `;
    const script = 'from tensorflow import keras\nfrom model import build_model\n\nmodel = build_model()\nmodel.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))\n';
    const found = lint(script, { model });
    assert.deepEqual(found.map((f) => f.rule), ['double-softmax']);
    assert.match(found[0]!.message, /\(model\.py, line 4\)/);
    assert.equal(found[0]!.related?.elsewhere?.start.line, 3);
    assert.deepEqual(found[0]!.fixes.map((f) => f.title), ['Use from_logits=False (the model outputs probabilities)']);
  });

  describe('look-alikes stay silent', () => {
    const script = SOFTMAX_SCRIPT;
    it('the module\'s forward returns logits', () => {
      assert.deepEqual(lint(script, { model: SOFTMAX_MODEL.replace('return F.softmax(logits, dim=1)', 'return logits') }), []);
    });

    it('the module is not found, or the script imports nothing of it', () => {
      assert.deepEqual(lint(script, {}), []);
      assert.deepEqual(lintPython(script), []);
      assert.deepEqual(lint(script, { other: SOFTMAX_MODEL }), []);
    });

    it('the name is also defined, assigned, a parameter or imported twice in the script', () => {
      const local = script.replace('model = CnnTextClassifier', 'class CnnTextClassifier(nn.Module):\n    def forward(self, x):\n        return self.fc(x)\n\nmodel = CnnTextClassifier');
      assert.deepEqual(lint(local, { model: SOFTMAX_MODEL }), []);
      assert.deepEqual(lint(script.replace('\nmodel = ', '\nCnnTextClassifier = torch.jit.script(CnnTextClassifier)\nmodel = '), { model: SOFTMAX_MODEL }), []);
      assert.deepEqual(lint(script.replace('from model import CnnTextClassifier', 'try:\n    from model import CnnTextClassifier\nexcept ImportError:\n    from .model import CnnTextClassifier'), { model: SOFTMAX_MODEL, '.model': SOFTMAX_MODEL }), []);
      const parameter = 'import torch.nn as nn\nfrom model import CnnTextClassifier\n\ndef run(CnnTextClassifier, x, y):\n    model = CnnTextClassifier(5000, 4)\n    return nn.CrossEntropyLoss()(model(x), y)\n';
      assert.deepEqual(lint(parameter, { model: SOFTMAX_MODEL }), []);
      const loopTarget = script.replace('for x, y in loader:', 'for CnnTextClassifier in (A, B):\n    pass\nfor x, y in loader:');
      assert.deepEqual(lint(loopTarget, { model: SOFTMAX_MODEL }), []);
      // Renamed on import: `CnnTextClassifier` itself is not bound here (a name of the file's own, unknown).
      assert.deepEqual(lint(script.replace('from model import CnnTextClassifier', 'from model import CnnTextClassifier as Cnn\nfrom other import CnnTextClassifier'), { model: SOFTMAX_MODEL }), []);
    });

    it('an import from a library, even where the workspace holds a module of its name', () => {
      const library = 'import torch.nn as nn\nfrom torchvision.models import resnet18\n\nmodel = resnet18()\nloss = nn.CrossEntropyLoss()(model(x), y)\n';
      const vendored = 'import torch.nn.functional as F\n\ndef resnet18():\n    return Net()\n\nclass Net:\n    def forward(self, x):\n        return F.softmax(x, dim=1)\n';
      assert.deepEqual(lint(library, { 'torchvision.models': vendored }), []);
    });

    it('star imports: the name from `from model import *`, or any star import beside the import', () => {
      assert.deepEqual(lint(script.replace('from model import CnnTextClassifier', 'from model import *'), { model: SOFTMAX_MODEL }), []);
      assert.deepEqual(lint(script.replace('from model import CnnTextClassifier', 'from model import CnnTextClassifier\nfrom utils import *'), { model: SOFTMAX_MODEL, utils: '' }), []);
    });

    it('a return that depends on a flag (training, a constructor argument)', () => {
      const training = SOFTMAX_MODEL.replace('        return F.softmax(logits, dim=1)', '        if self.training:\n            return logits\n        return F.softmax(logits, dim=1)');
      assert.deepEqual(lint(script, { model: training }), []);
      const flag = SOFTMAX_MODEL.replace('        return F.softmax(logits, dim=1)', '        if self.use_softmax:\n            logits = F.softmax(logits, dim=1)\n        return logits');
      assert.deepEqual(lint(script, { model: flag }), []);
    });

    it('a model the module imports from a third file (one level only), or defines twice', () => {
      assert.deepEqual(lint(script, { model: 'from .nets import CnnTextClassifier\n', '.nets': SOFTMAX_MODEL, nets: SOFTMAX_MODEL }), []);
      assert.deepEqual(lint(script, { model: `${SOFTMAX_MODEL}\nclass CnnTextClassifier(nn.Module):\n    def forward(self, x):\n        return self.fc(x)\n` }), []);
    });
  });

  describe('caching and the hover', () => {
    it('the same module object linted with other imported files (another key) is analysed again; the same key reuses it', () => {
      const index = new LossCallIndex();
      const withModel = Object.assign(sources({ model: SOFTMAX_MODEL }), { key: 'model:v1' });
      const without = Object.assign(sources({}), { key: 'model:none' });
      const first = index.read('file:///train.py', 1, SOFTMAX_SCRIPT, 'python', undefined, without);
      assert.deepEqual(lintPython(SOFTMAX_SCRIPT, { calls: first.calls, module: first.module, imported: first.imported }), []);
      const second = index.read('file:///train.py', 1, SOFTMAX_SCRIPT, 'python', undefined, withModel);
      assert.equal(second.module, first.module, 'same tokens: the index hands out the same module');
      assert.deepEqual(lintPython(SOFTMAX_SCRIPT, { calls: second.calls, module: second.module, imported: second.imported }).map((f) => f.rule), ['double-softmax']);
      // A key already read: its sources are not asked again.
      let asked = 0;
      const counting = { key: 'model:v1', get: (name: string) => (asked++, withModel.get(name)) };
      assert.deepEqual(lintPython(SOFTMAX_SCRIPT, { calls: second.calls, module: second.module, imported: counting }).map((f) => f.rule), ['double-softmax']);
      assert.equal(asked, 0);
      // A comment typed in the script (same tokens, moved findings) with the model gone: nothing moved from before.
      const edited = SOFTMAX_SCRIPT.replace('loss = criterion(out, y)', 'loss = criterion(out, y)  # step');
      const third = index.read('file:///train.py', 2, edited, 'python', undefined, without);
      assert.deepEqual(lintPython(edited, { calls: third.calls, module: third.module, imported: third.imported }), []);
    });

    it("the hover's input line names the other file", () => {
      const read = new LossCallIndex().read('file:///train.py', 1, SOFTMAX_SCRIPT, 'python', undefined, Object.assign(sources({ model: SOFTMAX_MODEL }), { key: 'k' }));
      const call = read.calls.filter((c) => c.library !== 'user').sort((a, b) => b.start - a.start)[0]!;
      const source = predictionSourceOf(read.module!, call, read.imported);
      assert.deepEqual(source && { ...source }, { argument: 'out', nature: 'softmax', producer: 'F.softmax(logits, dim=1)', line: 12, file: 'model.py', origin: { owner: 'CnnTextClassifier.forward', verb: 'returns', index: undefined, count: undefined } });
      assert.equal(predictionLine(source!), '**Input** `out` is probabilities (softmax): `CnnTextClassifier.forward` returns `F.softmax(logits, dim=1)` (`model.py`, line 13).');
    });
  });
});
