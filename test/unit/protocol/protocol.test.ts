import * as assert from 'node:assert/strict';
import { isExplorerCall, isHostMessage, isWebviewMessage, logBaseValue } from '../../../src/protocol';

describe('protocol', () => {
  const call = { label: 'torchvision.ops.sigmoid_focal_loss (line 12)', api: 'torchvision.ops.sigmoid_focal_loss', kind: 'focal', alpha: 0.25, gamma: 2 };

  it('accepts well-formed host messages and refuses malformed ones', () => {
    assert.ok(isExplorerCall(call));
    assert.ok(isHostMessage({ type: 'call', call }));
    assert.ok(isHostMessage({ type: 'points', points: [{ p: 0.9, y: 1 }, { logit: -2, y: 0 }], source: 'selection' }));
    assert.ok(isHostMessage({ type: 'settings', settings: { logBase: '10', precision: 4, defaultAlpha: null, defaultGamma: 2 } }));
    assert.ok(!isHostMessage({ type: 'call', call: { ...call, kind: 'hinge' } }));
    assert.ok(!isHostMessage({ type: 'call', call: { ...call, alpha: 1.5 } }));
    assert.ok(!isHostMessage({ type: 'points', points: [{ p: 0.9, logit: 1, y: 1 }], source: 's' }));
    assert.ok(!isHostMessage({ type: 'settings', settings: { logBase: '3', precision: 4, defaultAlpha: null, defaultGamma: 2 } }));
    assert.ok(!isHostMessage(null));
    assert.ok(!isHostMessage('call'));
  });

  it('accepts only known webview messages with bounded payloads', () => {
    assert.ok(isWebviewMessage({ type: 'ready' }));
    assert.ok(isWebviewMessage({ type: 'follow', follow: false }));
    assert.ok(isWebviewMessage({ type: 'copyText', format: 'csv', text: 'a,b' }));
    assert.ok(isWebviewMessage({ type: 'nothingToExport', format: 'markdown' }));
    assert.ok(!isWebviewMessage({ type: 'nothingToExport', format: 'pdf' }));
    assert.ok(isWebviewMessage({ type: 'savePng', dataUrl: 'data:image/png;base64,AAAA' }));
    assert.ok(!isWebviewMessage({ type: 'savePng', dataUrl: 'file:///etc/passwd' }));
    assert.ok(!isWebviewMessage({ type: 'saveText', format: 'html', text: '' }));
    assert.ok(!isWebviewMessage({ type: 'follow', follow: 'yes' }));
    assert.ok(!isWebviewMessage({ type: 'eval' }));
  });

  it('maps log base names to numbers', () => {
    assert.equal(logBaseValue('e'), Math.E);
    assert.equal(logBaseValue('2'), 2);
    assert.equal(logBaseValue('10'), 10);
  });
});
