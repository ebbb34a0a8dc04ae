import * as assert from 'node:assert/strict';
import { explorerCsp, explorerHtml, makeNonce } from '../../../src/extension/explorerHtml';

describe('extension/explorerHtml', () => {
  const source = 'https://*.vscode-cdn.net';

  it('allows nothing by default, scripts by nonce only, and no inline or eval', () => {
    const csp = explorerCsp(source, 'abc123');
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-abc123'/);
    assert.match(csp, new RegExp(`style-src ${source.replace(/[.*]/g, '\\$&')}(;|$)`));
    assert.match(csp, /img-src \S+ data:/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  });

  it('puts the policy, the stylesheet and the one nonce-carrying script in the page', () => {
    const html = explorerHtml({ cspSource: source, nonce: 'N0nce', scriptUri: 'https://x/main.js?a=1&b="2"', styleUri: 'https://x/explorer.css' });
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none';[^"]*script-src 'nonce-N0nce'">/);
    assert.match(html, /<script nonce="N0nce" src="https:\/\/x\/main.js\?a=1&amp;b=&quot;2&quot;"><\/script>/);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<link href="https:\/\/x\/explorer.css" rel="stylesheet">/);
  });

  it('makes a fresh 32-character nonce each time', () => {
    const a = makeNonce();
    assert.match(a, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(a, makeNonce());
  });
});
