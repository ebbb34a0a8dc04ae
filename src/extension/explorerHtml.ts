/*
 * The Loss Explorer page shell and its Content Security Policy. Pure (no vscode import) so the
 * browser tests load the bundle under exactly the policy the panel uses.
 */
import type { WebviewStringsTable } from '../protocol';

export interface ExplorerHtmlOptions {
  /** webview.cspSource: where the panel may load styles, images and fonts from. */
  readonly cspSource: string;
  /** A fresh random value per render; only scripts carrying it run. */
  readonly nonce: string;
  /** webview.asWebviewUri of dist/webview/main.js and media/explorer.css, as strings. */
  readonly scriptUri: string;
  readonly styleUri: string;
  /** The display language and its translations (protocol.ts); without them the page is English. */
  readonly strings?: WebviewStringsTable;
  /** The page's title in the display language (the panel's own). */
  readonly title?: string;
}

/**
 * Nothing by default; scripts only by nonce; styles, images and fonts only from the extension's
 * own resources, plus data: images so a chart can be exported as PNG. No 'unsafe-inline' or
 * 'unsafe-eval': Chart.js sizes its canvas through CSSOM property writes, which CSP allows.
 */
export function explorerCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** A nonce of 32 characters from [A-Za-z0-9], from the platform's secure random source. */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let nonce = '';
  for (const byte of bytes) nonce += alphabet[byte % alphabet.length];
  return nonce;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The page: an empty app root the webview bundle fills in, so no document text is ever part of the
 * HTML. The strings table rides along as JSON in the root's data-strings attribute (escaped as any
 * attribute value, read by the page with JSON.parse and validated): data, never markup.
 */
export function explorerHtml(options: ExplorerHtmlOptions): string {
  const csp = escapeAttribute(explorerCsp(options.cspSource, options.nonce));
  const strings = options.strings;
  const title = escapeAttribute(options.title ?? 'Loss Explorer');
  const lang = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(strings?.lang ?? '') ? strings!.lang : 'en';
  const data = strings ? ` data-strings="${escapeAttribute(JSON.stringify(strings))}"` : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${escapeAttribute(options.styleUri)}" rel="stylesheet">
<title>${title}</title>
</head>
<body>
<main id="app" aria-label="${title}"${data}></main>
<script nonce="${escapeAttribute(options.nonce)}" src="${escapeAttribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
