// Which modules a script imports that may be files of the workspace (the editor reads those files for
// the hover's losses and the lint's models defined there): every module of an import list, the
// modules a package's `from . import a, b` names, and no library.
import * as assert from 'node:assert/strict';
import { importedModuleNames, isLibraryModule } from '../../../src/language/recognition';

describe('importedModuleNames', () => {
  it('reads from-imports, import lists, dotted and relative modules, and leaves libraries out', () => {
    const text = [
      'import os, sys',
      'import torch, model',
      'import torch.nn as nn',
      'import nets.cnn as C, utils',
      'from torchvision.models import resnet18',
      'from losses import FocalLoss',
      'from .train_utils import step',
      'from . import nets, heads as H',
      'from .. import config',
      '    from lazy import thing  # inside a function',
    ].join('\n');
    assert.deepEqual(importedModuleNames(text, 20), ['model', 'nets.cnn', 'utils', 'losses', '.train_utils', '.', '.nets', '.heads', '..', '..config', 'lazy']);
  });

  it('stops at the limit', () => {
    assert.deepEqual(importedModuleNames('import a\nimport b\nimport c\n', 2), ['a', 'b']);
  });

  it('isLibraryModule: absolute names under a library root only', () => {
    assert.equal(isLibraryModule('torchvision.models'), true);
    assert.equal(isLibraryModule('models'), false);
    assert.equal(isLibraryModule('.torch'), false);
  });
});
