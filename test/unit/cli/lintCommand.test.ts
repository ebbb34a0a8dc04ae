// The loss-lens-lint command (src/cli): findings as path:line:col lines, SARIF, --fix, exit codes,
// on real files in a temporary folder.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLintCli } from '../../../src/cli/lintCommand';

const MISTAKE = 'import torch\nimport torch.nn.functional as F\n\ndef f(x, y):\n    return F.cross_entropy(torch.softmax(x, dim=1), y)\n';
const CLEAN = 'import torch.nn.functional as F\n\ndef f(x, y):\n    return F.cross_entropy(x, y)\n';

function run(cwd: string, ...args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = runLintCli(args, { cwd, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out, err };
}

describe('loss-lens-lint', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loss-lens-lint-'));
    mkdirSync(join(dir, 'train'));
    mkdirSync(join(dir, '.venv'));
    writeFileSync(join(dir, 'train', 'step.py'), MISTAKE);
    writeFileSync(join(dir, 'train', 'clean.py'), CLEAN);
    writeFileSync(join(dir, '.venv', 'skipped.py'), MISTAKE);
    writeFileSync(join(dir, 'notes.txt'), MISTAKE);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints path:line:col: rule message for every .py under the folders and exits 1', () => {
    const { code, out } = run(dir);
    assert.equal(code, 1);
    assert.deepEqual(out, [`${join('train', 'step.py')}:5:28: double-softmax cross_entropy applies log_softmax itself: these probabilities get a second softmax`]);
  });

  it('skips a link whose target is gone (a package folder linking to a removed include folder) instead of crashing', () => {
    symlinkSync(join(dir, 'removed'), join(dir, 'train', 'include'));
    symlinkSync(join(dir, 'removed.py'), join(dir, 'train', 'gone.py'));
    const { code, out } = run(dir);
    assert.equal(code, 1);
    assert.deepEqual(out, [`${join('train', 'step.py')}:5:28: double-softmax cross_entropy applies log_softmax itself: these probabilities get a second softmax`]);
  });

  it('exits 0 on clean files, 2 on a missing path or an unknown option', () => {
    assert.equal(run(dir, 'train/clean.py').code, 0);
    assert.equal(run(dir, 'nowhere.py').code, 2);
    assert.equal(run(dir, '--frobnicate').code, 2);
    assert.equal(run(dir, '--format', 'xml').code, 2);
  });

  it('writes SARIF 2.1.0 with the rules and each result\'s region and related location', () => {
    const { code, out } = run(dir, '--format', 'sarif');
    assert.equal(code, 1);
    const log = JSON.parse(out.join('\n')) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[]; relatedLocations?: unknown[] }[] }[] };
    assert.equal(log.version, '2.1.0');
    const [result, ...rest] = log.runs[0]!.results;
    assert.deepEqual(rest, []);
    assert.equal(result!.ruleId, 'double-softmax');
    assert.equal(log.runs[0]!.tool.driver.rules[result!.ruleIndex]!.id, 'double-softmax');
    assert.equal(result!.level, 'warning');
    assert.equal(result!.locations[0]!.physicalLocation.artifactLocation.uri, 'train/step.py');
    assert.deepEqual(result!.locations[0]!.physicalLocation.region, { startLine: 5, startColumn: 28, endLine: 5, endColumn: 51 });
    assert.equal(result!.relatedLocations?.length, 1);
  });

  it('--fix applies the safe fixes, rewrites the file and reports what is left', () => {
    const { code, out } = run(dir, '--fix', 'train');
    assert.equal(code, 0, out.join('\n'));
    assert.equal(readFileSync(join(dir, 'train', 'step.py'), 'utf8'), MISTAKE.replace('torch.softmax(x, dim=1)', 'x'));
    assert.equal(readFileSync(join(dir, 'train', 'clean.py'), 'utf8'), CLEAN);
  });

  describe('models in files beside the linted file', () => {
    // A model module and the training script that imports it (the text-CNN shape of importedModels.test.ts).
    const MODEL = 'import torch.nn as nn\nimport torch.nn.functional as F\n\nclass Net(nn.Module):\n    def forward(self, x):\n        return F.softmax(self.fc(x), dim=1)\n';
    const SCRIPT = (from: string) => `import torch\nimport torch.nn as nn\n${from}\n\nmodel = Net()\ncriterion = nn.CrossEntropyLoss()\nloss = criterion(model(x), y)\n`;
    const MESSAGE = '`Net.forward` returns `F.softmax(self.fc(x), dim=1)`';

    it('reads the imported module beside the script; its place is the related location in SARIF', () => {
      mkdirSync(join(dir, 'cnn'));
      writeFileSync(join(dir, 'cnn', 'model.py'), MODEL);
      writeFileSync(join(dir, 'cnn', 'train.py'), SCRIPT('from model import Net'));
      const { code, out } = run(dir, 'cnn');
      assert.equal(code, 1);
      assert.deepEqual(out, [`${join('cnn', 'train.py')}:7:18: double-softmax ${MESSAGE} (${join('cnn', 'model.py')}, line 6): CrossEntropyLoss applies log_softmax itself: these probabilities get a second softmax`]);
      const sarif = JSON.parse(run(dir, 'cnn', '--format', 'sarif').out.join('\n')) as { runs: { results: { relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[] }[] }[] };
      assert.deepEqual(sarif.runs[0]!.results[0]!.relatedLocations![0]!.physicalLocation, { artifactLocation: { uri: 'cnn/model.py' }, region: { startLine: 6, startColumn: 16, endLine: 6, endColumn: 44 } });
    });

    it('a package: `from .nets import Net` and `from pkg.nets import Net` from inside it, run from anywhere', () => {
      mkdirSync(join(dir, 'src', 'pkg'), { recursive: true });
      writeFileSync(join(dir, 'src', 'pkg', '__init__.py'), '');
      writeFileSync(join(dir, 'src', 'pkg', 'nets.py'), MODEL);
      writeFileSync(join(dir, 'src', 'pkg', 'relative.py'), SCRIPT('from .nets import Net'));
      writeFileSync(join(dir, 'src', 'pkg', 'absolute.py'), SCRIPT('from pkg.nets import Net'));
      const { out } = run(join(dir, 'train'), join(dir, 'src'));
      assert.deepEqual(out.map((line) => line.replace(/:\d+:\d+: .*\((.*), line (\d+)\).*/, ' $1 $2')), [
        `${join('..', 'src', 'pkg', 'absolute.py')} ${join('..', 'src', 'pkg', 'nets.py')} 6`,
        `${join('..', 'src', 'pkg', 'relative.py')} ${join('..', 'src', 'pkg', 'nets.py')} 6`,
      ]);
    });

    it('silent when the module is missing, or is a library\'s name (a torchvision/ folder in the project)', () => {
      writeFileSync(join(dir, 'train', 'missing.py'), SCRIPT('from model import Net'));
      mkdirSync(join(dir, 'train', 'torchvision'));
      writeFileSync(join(dir, 'train', 'torchvision', 'models.py'), MODEL);
      writeFileSync(join(dir, 'train', 'library.py'), SCRIPT('from torchvision.models import Net'));
      assert.deepEqual(run(dir, 'train/missing.py', 'train/library.py').out, []);
    });

    it('--fix switches the loss to NLLLoss on torch.log(...) in the script and leaves the model file alone', () => {
      mkdirSync(join(dir, 'cnn'));
      writeFileSync(join(dir, 'cnn', 'model.py'), MODEL);
      writeFileSync(join(dir, 'cnn', 'train.py'), SCRIPT('from model import Net'));
      const { code } = run(dir, '--fix', 'cnn');
      assert.equal(code, 0);
      assert.equal(readFileSync(join(dir, 'cnn', 'model.py'), 'utf8'), MODEL);
      assert.match(readFileSync(join(dir, 'cnn', 'train.py'), 'utf8'), /criterion = nn\.NLLLoss\(\)\nloss = criterion\(torch\.log\(model\(x\)\), y\)/);
    });
  });
});
