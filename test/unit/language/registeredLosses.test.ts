import * as assert from 'node:assert/strict';
import { registeredLossNames } from '../../../src/language/recognition';

/*
 * The names a workspace file registers with an OpenMMLab registry, in the forms mmdetection's own
 * mmdet/models/losses/focal_loss.py has used: `@MODELS.register_module()` (3.x), `@LOSSES.register_module()`
 * (2.x), `@LOSSES.register_module` without parentheses (1.x, over `class FocalLoss(CrossEntropyLoss)`);
 * vendored copies with their own bodies are in public code (a `py_sigmoid_soft_focal_loss` beside
 * `@LOSSES.register_module()`, found by the code search without its repository). mmcv's
 * `Registry.register_module(name=None, force=False, module=None)` takes the name by keyword or first.
 */
describe("language: names a file registers with an OpenMMLab registry", () => {
  it('decorators with and without parentheses, name= or a first string, other decorators between, and the call form', () => {
    const text = [
      'from ..builder import LOSSES',
      '@MODELS.register_module()',
      'class FocalLoss(nn.Module):',
      '    pass',
      '@LOSSES.register_module',
      'class QualityFocalLoss(nn.Module):',
      '    pass',
      "@LOSSES.register_module(name='SoftFocal', force=True)",
      '@some_other_decorator',
      'class MySoftFocal(nn.Module):',
      '    pass',
      "@LOSSES.register_module('VarifocalLoss')",
      'class Vfl(nn.Module):',
      '    pass',
      "LOSSES.register_module(name='CrossEntropyLoss', module=MyCE)",
    ].join('\n');
    assert.deepEqual(registeredLossNames(text), ['FocalLoss', 'QualityFocalLoss', 'SoftFocal', 'VarifocalLoss', 'CrossEntropyLoss']);
  });

  it('nothing for classes without a registry decorator, a register_module in a comment line above a def, or other registries', () => {
    const text = [
      'class FocalLoss(nn.Module):',
      '    pass',
      '@LossRegistry.register("CrossEntropyLoss")',
      'class CE(nn.Module):',
      '    pass',
      '@LOSSES.register_module()',
      'def build_focal():',
      '    pass',
    ].join('\n');
    assert.deepEqual(registeredLossNames(text), []);
  });
});
