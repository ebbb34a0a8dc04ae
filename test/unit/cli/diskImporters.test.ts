// The files beside a linted file that import it, read from disk (DiskImports.importers): what a hover on a
// training function's `criterion(...)` needs from the script that builds the loss (importerLosses.ts). The layout is
// kenshohara/3D-ResNets-PyTorch's at 540a0ea (main.py and training.py side by side) and a package whose engine.py
// is imported relatively by its train.py.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskImports } from '../../../src/cli/diskImports';
import { findLossCalls } from '../../../src/language/recognition';

const TRAINING = 'def train_epoch(epoch, loader, model, criterion):\n    for x, y in loader:\n        loss = criterion(model(x), y)\n';

describe('the CLI reads the files that import a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'loss-lens-importers-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a script beside it importing it by name, and a package module importing it relatively; not a file importing another module', () => {
    writeFileSync(join(dir, 'training.py'), TRAINING);
    writeFileSync(join(dir, 'main.py'), 'from torch.nn import CrossEntropyLoss\nfrom training import train_epoch\ncriterion = CrossEntropyLoss()\ntrain_epoch(0, dl, net, criterion)\n');
    writeFileSync(join(dir, 'other.py'), 'from utils import train_epoch\n');
    mkdirSync(join(dir, 'pkg'));
    writeFileSync(join(dir, 'pkg', '__init__.py'), '');
    writeFileSync(join(dir, 'pkg', 'engine.py'), TRAINING);
    writeFileSync(join(dir, 'pkg', 'train.py'), 'import torch.nn as nn\nfrom .engine import train_epoch\ntrain_epoch(0, dl, net, nn.BCELoss())\n');
    const disk = new DiskImports(dir);
    const top = disk.sourcesFor(join(dir, 'training.py')).importers!();
    assert.deepEqual(top.map((f) => [f.file, f.modules]), [['main.py', ['training']]]);
    const inPackage = disk.sourcesFor(join(dir, 'pkg', 'engine.py')).importers!();
    assert.deepEqual(inPackage.map((f) => [f.file, f.modules]), [[join('pkg', 'train.py'), ['.engine']]]);
    // And recognition reads them: the criterion is main.py's.
    const call = findLossCalls(TRAINING, 'python', undefined, disk.sourcesFor(join(dir, 'training.py'))).find((c) => c.callee === 'criterion');
    assert.equal(call?.api, 'torch.nn.CrossEntropyLoss');
    assert.deepEqual(call?.builtAt?.line, { kind: 'resolved', line: 2, file: 'main.py' });
  });
});
