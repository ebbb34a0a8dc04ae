// The extension activates in a real extension host without errors and registers its command.
import * as assert from './assert';
import * as vscode from 'vscode';
import { EXPECTED_HOST, actualHost } from './host';

const EXTENSION_ID = 'loss-lens.loss-lens'; // publisher.name from package.json

describe('Activation', () => {
  it(`runs in the ${EXPECTED_HOST === 'web' ? 'web worker' : 'Node'} extension host`, () => {
    assert.equal(actualHost(), EXPECTED_HOST);
    // The web worker host can load only the package.json "browser" bundle, the Node host its "main".
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.equal(extension.extensionKind, EXPECTED_HOST === 'web' ? vscode.ExtensionKind.UI : vscode.ExtensionKind.Workspace);
  });

  it('activates without errors and reports how long it took', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    const started = performance.now();
    await extension.activate(); // rejects if activate() throws
    const elapsed = performance.now() - started;
    assert.equal(extension.isActive, true);
    // Printed so a slow activation shows up in the CI log (activation blocks the command's first run).
    console.log(`      Loss Lens activation took ${elapsed.toFixed(1)} ms (${EXPECTED_HOST} extension host)`);
  });

  it('registers lossLens.computeLoss', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('lossLens.computeLoss'));
  });
});
