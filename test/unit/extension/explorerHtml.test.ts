import * as assert from 'node:assert/strict';
import { explorerCsp, explorerHtml, makeNonce } from '../../../src/extension/explorerHtml';
import { isWebviewStringsTable } from '../../../src/protocol';

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

  it('carries the strings table as escaped JSON in a data attribute, never as markup', () => {
    const hostile = '<img src=x onerror="alert(1)">&\'';
    const strings = { lang: 'ko', messages: { 'a {0}': `b {0} ${hostile}` } };
    const html = explorerHtml({ cspSource: source, nonce: 'N', scriptUri: 'https://x/main.js', styleUri: 'https://x/explorer.css', strings, title: `탐색기 ${hostile}` });
    assert.match(html, /<html lang="ko">/);
    assert.doesNotMatch(html, /<img/);
    assert.equal(html.match(/<script/g)?.length, 1);
    const attribute = /<main id="app" aria-label="([^"]*)" data-strings="([^"]*)"><\/main>/.exec(html);
    assert.ok(attribute, html);
    const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.equal(unescape(attribute[1]!), `탐색기 ${hostile}`);
    const table: unknown = JSON.parse(unescape(attribute[2]!));
    assert.deepEqual(table, strings);
    assert.ok(isWebviewStringsTable(table));
    assert.match(html, /<title>탐색기 &lt;img/);
    // Without a table: English, and no attribute for the page to read.
    const plain = explorerHtml({ cspSource: source, nonce: 'N', scriptUri: 'https://x/main.js', styleUri: 'https://x/explorer.css' });
    assert.match(plain, /<html lang="en">[\s\S]*<title>Loss Explorer<\/title>[\s\S]*<main id="app" aria-label="Loss Explorer"><\/main>/);
    assert.equal(explorerHtml({ cspSource: source, nonce: 'N', scriptUri: 's', styleUri: 't', strings: { ...strings, lang: 'ko" onload="x' } }).includes('<html lang="en">'), true);
  });

  it('makes a fresh 32-character nonce each time', () => {
    const a = makeNonce();
    assert.match(a, /^[A-Za-z0-9]{32}$/);
    assert.notEqual(a, makeNonce());
  });
});
