// A loss defined in another file of the workspace (`from my_losses import FocalLoss`): the hover
// reads that file through VS Code's file system and shows its defaults, saying which file they are from.
import * as assert from './assert';
import * as vscode from 'vscode';
import { fixtureUri, lossLensHoverOnceRead, positionOf } from './fixtures';

describe('Hover on a loss imported from the workspace', () => {
  before(async () => {
    await vscode.extensions.getExtension('loss-lens.loss-lens')!.activate();
  });

  it("shows FocalLoss's defaults from my_losses.py once the file is read", async () => {
    const uri = fixtureUri('train_own_loss.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const position = positionOf(document, 'FocalLoss(alpha', 3);
    // The imported file is read in the background on the first hover; later hovers include it.
    const hover = await lossLensHoverOnceRead(uri, position);
    assert.ok(hover, 'no hover on FocalLoss(...) imported from my_losses.py');
    assert.match(hover, /user:FocalLoss/);
    assert.ok(hover.includes('alpha **0.5** *(written here)*'), hover);
    assert.ok(hover.includes('gamma **2** *(my\\_losses\\.py line 5)*'), hover);
    assert.ok(hover.includes('defined in my\\_losses\\.py \\(line 8\\)'), hover);
  });

  it('an mmdet config that overrides gamma of a loss inherited from _base_ shows the base type and values', async () => {
    const uri = fixtureUri('configs/retinanet/gamma3.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const position = positionOf(document, 'loss_cls', 3);
    const hover = await lossLensHoverOnceRead(uri, position);
    assert.ok(hover, 'no hover on loss_cls in the child config');
    assert.match(hover, /mmdet\\\.models\\\.losses\\\.FocalLoss/);
    assert.ok(hover.includes('gamma **3** *(written here)*'), hover);
    assert.ok(hover.includes('alpha **0.25** *(configs/\\_base\\_/retinanet\\.py line 11)*'), hover);
  });
});
