// Compute Loss for Selection on rows of class logits with class-index targets, in a real workbench:
// the command returns the softmax CE and focal loss the core computes, follows the gamma and base
// settings, refuses what does not fit, and leaves the (binary) Loss Explorer closed.
import * as assert from './assert';
import * as vscode from 'vscode';
import { softmaxBatch, softmaxMeanDivisor } from '../../src/core';
import type { ComputeSelectionResult } from '../../src/extension/selectionCommand';
import { explorerTabs, waitFor, withSetting } from './fixtures';

const TEXT = 'logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], targets=[0, 2]';
const LOGITS = Float64Array.from([2.0, 0.5, -1.0, 0.1, 0.2, 3.0]);
const TARGETS = [0, 2];

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));

function compute(text: string): Thenable<ComputeSelectionResult | undefined> {
  return vscode.commands.executeCommand<ComputeSelectionResult | undefined>('lossLens.computeSelection', { text });
}

describe('Compute Loss for Selection on rows of class logits', () => {
  before(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('returns 2 rows x 3 classes with the CE sum and mean and the focal loss the core computes', async () => {
    const result = await compute(TEXT);
    const losses = result?.classLosses;
    assert.ok(losses, `no class losses: ${JSON.stringify(result)}`);
    assert.equal(result.losses, undefined);
    assert.equal(losses.rows, 2);
    assert.equal(losses.classes, 3);
    assert.equal(losses.space, 'logit');
    const base = losses.logBase === 'e' ? Math.E : Number(losses.logBase);
    const ce = softmaxBatch('ce', LOGITS, 3, TARGETS, { base });
    assert.ok(close(losses.ce.sum, ce), `CE sum ${losses.ce.sum} vs ${ce}`);
    assert.ok(close(losses.ce.mean, ce / softmaxMeanDivisor(3, TARGETS)), `CE mean ${losses.ce.mean}`);
    const focal = softmaxBatch('focal', LOGITS, 3, TARGETS, { gamma: losses.gamma, base });
    assert.ok(close(losses.focal.sum, focal), `focal sum ${losses.focal.sum} vs ${focal}`);
    assert.ok(close(losses.focal.mean, focal / 2), `focal mean ${losses.focal.mean}`);
    assert.match(losses.summary, /^2 rows × 3 classes \(logits\): CE /);
    // The rows are plotted in the panel's multi-class view.
    await waitFor(() => explorerTabs().length === 1, 'the Loss Explorer');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('follows the gamma and base settings', async () => {
    await withSetting('defaultGamma', 0.5, () =>
      withSetting('logBase', '2', async () => {
        const losses = (await compute(TEXT))?.classLosses;
        assert.ok(losses);
        assert.equal(losses.gamma, 0.5);
        assert.equal(losses.logBase, '2');
        assert.ok(close(losses.ce.sum, softmaxBatch('ce', LOGITS, 3, TARGETS, { base: 2 })));
        assert.ok(close(losses.focal.sum, softmaxBatch('focal', LOGITS, 3, TARGETS, { gamma: 0.5, base: 2 })));
        assert.match(losses.summary, /gamma 0\.5, no alpha \(log2\)$/);
      }),
    );
  });

  it('refuses ragged rows and class indices out of range with the reason and place', async () => {
    const ragged = await compute('logits=[[2.0, 0.5], [0.1, 0.2, 3.0]], targets=[0, 2]');
    assert.equal(ragged?.refusal?.code, 'ragged');
    assert.equal(ragged?.refusal?.token, '[0.1, 0.2, 3.0]');
    const range = await compute('logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], targets=[0, 3]');
    assert.equal(range?.refusal?.code, 'class-index');
    assert.equal(range?.refusal?.token, '3');
  });

  it('keeps a 2-D selection with a 0/1 target per value binary', async () => {
    const result = await compute('logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], targets=[[1, 0, 0], [0, 0, 1]]');
    assert.ok(result?.losses, JSON.stringify(result));
    assert.equal(result.classLosses, undefined);
    assert.equal(result.losses.count, 6);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
