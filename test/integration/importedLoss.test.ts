// A loss defined in another file of the workspace (`from my_losses import FocalLoss`): the hover
// reads that file through VS Code's file system and shows its defaults, saying which file they are from.
import * as assert from './assert';
import * as vscode from 'vscode';
import { fixtureUri, lossLensHover, lossLensHoverOnceRead, poll, positionOf } from './fixtures';

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

  it("shows a config module's constants passed to a library loss (import focal_config as cfg; cfg.ALPHA)", async () => {
    const uri = fixtureUri('train_config_values.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const position = positionOf(document, 'sigmoid_focal_loss(logits', 3);
    // The hover is there before focal_config.py is read (its values unresolved): wait for the values.
    const hover = (await poll(() => lossLensHover(uri, position), (text) => text?.includes('focal\\_config') === true, 30_000)).value;
    assert.ok(hover, 'no hover on sigmoid_focal_loss(...) with values from focal_config.py');
    assert.ok(hover.includes('alpha **0.5** *(focal\\_config\\.py line 2)*'), hover);
    assert.ok(hover.includes('gamma **1** *(focal\\_config\\.py line 3)*'), hover);
  });

  it("shows a library loss a module of the workspace re-exports (from shared_imports import focal_loss, kornia's)", async () => {
    const uri = fixtureUri('train_reexported_loss.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const position = positionOf(document, 'focal_loss(logits', 3);
    // Nothing is claimed before shared_imports.py is read: the first hover is the re-exported loss.
    const hover = await lossLensHoverOnceRead(uri, position);
    assert.ok(hover, 'no hover on focal_loss(...) imported through shared_imports.py');
    assert.match(hover, /kornia\\\.losses\\\.focal\\_loss/);
    assert.ok(hover.includes('alpha **0.5** *(written here)*'), hover);
    assert.ok(hover.includes('shared\\_imports\\.py imports it \\(line 5\\)'), hover);
  });

  it('reads the module a package re-exports a loss from (reexport_pkg/__init__.py -> focal.py), and a wrapper class of another file', async () => {
    const uri = fixtureUri('train_package_loss.py');
    const document = await vscode.workspace.openTextDocument(uri);
    // __init__.py is read first, then the module it names: wait for the values from focal.py.
    const focal = (await poll(() => lossLensHover(uri, positionOf(document, 'FocalLoss(gamma', 3)), (text) => text?.includes('focal\\.py') === true, 30_000)).value;
    assert.ok(focal, 'no hover on reexport_pkg.FocalLoss(...)');
    assert.match(focal, /user:FocalLoss/);
    assert.ok(focal.includes('gamma **2** *(written here)*'), focal);
    assert.ok(focal.includes('alpha **1** *(reexport\\_pkg/focal\\.py line 7)*'), focal);
    const wrapped = (await poll(() => lossLensHover(uri, positionOf(document, 'criterion(outputs', 3)), (text) => text?.includes('wrap\\.py') === true, 30_000)).value;
    assert.ok(wrapped, 'no hover on criterion(...) of LossA');
    assert.match(wrapped, /torch\\\.nn\\\.CrossEntropyLoss/);
    assert.ok(wrapped.includes('LossA\\.forward returns this loss, reexport\\_pkg/wrap\\.py line 10'), wrapped);
  });

  it("a training loop's criterion is the loss the script importing it passes (importer/main.py -> importer/epochs.py)", async () => {
    // epochs.py imports nothing of the workspace: the files beside it are listed and read in the background on the first
    // hover that needs them; the hover says nothing until then.
    const uri = fixtureUri('importer/epochs.py');
    const document = await vscode.workspace.openTextDocument(uri);
    const hover = await lossLensHoverOnceRead(uri, positionOf(document, 'criterion(outputs', 3));
    assert.ok(hover, 'no hover on criterion(outputs, targets) in epochs.py');
    assert.match(hover, /torch\\.nn\\.CrossEntropyLoss/);
    assert.ok(hover.includes('label\\_smoothing **0.1** *(importer/main\\.py line 8)*'), hover);
    assert.ok(hover.includes('the loss built at importer/main\\.py line 8'), hover);
    assert.ok(hover.includes("importer/main\\.py's calls of train\\_epoch pass as criterion"), hover);
    // A class constructed there: self.criterion is what main.py passes to Evaluator(...).
    const method = await lossLensHoverOnceRead(uri, positionOf(document, 'self.criterion(self.model', 8));
    assert.ok(method, 'no hover on self.criterion(...) in Evaluator.run');
    assert.match(method, /torch\\.nn\\.NLLLoss/);
    assert.ok(method.includes('ignore\\_index **0** *(importer/main\\.py line 9)*'), method);
  });

  it('an mmdet config that overrides gamma of a loss inherited from _base_ shows the base type and values', async () => {
    // The base is the sample workspace's config (one copy for both workspaces), outside this
    // workspace folder: the hover names it by its path. Its alpha line is read from the file itself.
    const uri = fixtureUri('configs/retinanet/gamma3.py');
    const baseText = new TextDecoder().decode(await vscode.workspace.fs.readFile(fixtureUri('../../sample-workspace/configs/retinanet_r50_fpn_1x_coco.py')));
    const alphaLine = baseText.split('\n').findIndex((line) => line.includes('alpha=0.25')) + 1;
    assert.ok(alphaLine > 0, 'no alpha=0.25 in the sample config');
    const document = await vscode.workspace.openTextDocument(uri);
    const position = positionOf(document, 'loss_cls', 3);
    const hover = await lossLensHoverOnceRead(uri, position);
    assert.ok(hover, 'no hover on loss_cls in the child config');
    assert.match(hover, /mmdet\\\.models\\\.losses\\\.FocalLoss/);
    assert.ok(hover.includes('gamma **3** *(written here)*'), hover);
    // The Markdown without its escapes (configs/retinanet\_r50\_fpn...).
    const text = hover.replace(/\\(.)/g, '$1');
    const origin = /alpha \*\*0\.25\*\* \*\([^)]*sample-workspace\/configs\/retinanet_r50_fpn_1x_coco\.py line (\d+)\)\*/.exec(text);
    assert.ok(origin, hover);
    assert.equal(Number(origin[1]), alphaLine);
  });
});
