// Loads the built webview bundle in headless Chromium under the panel's real CSP, with a stand-in
// for the VS Code side: acquireVsCodeApi records what the page posts and keeps its state, and
// host messages arrive through window.postMessage as they do in a webview.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

/** playwright-core lives in the test harness's own node_modules, not the extension's. */
export function loadPlaywright() {
  return require(join(root, 'test', 'harness', 'node_modules', 'playwright-core'));
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** A TypeScript module of the source tree (a path under src/, without .ts), bundled for Node and imported. */
export async function loadSourceModule(path) {
  const outfile = join(root, 'out', 'test', 'browser', `${path.replace(/[\\/]/g, '_')}.mjs`);
  await esbuild.build({ entryPoints: [join(root, 'src', `${path}.ts`)], outfile, bundle: true, format: 'esm', platform: 'neutral', logLevel: 'warning' });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

/** The same HTML builder the panel uses, bundled from its TypeScript source. */
export function loadHtmlBuilder() {
  return loadSourceModule('extension/explorerHtml');
}

/**
 * An exported chart PNG (a data: URL) measured against the chart canvas `chartId` it was made from:
 * its size and the chart's, and the pixels that differ from the background (the top-left corner) in
 * the upper half of the caption space above the chart (the title) and in the bottom 30 rows (the
 * legend).
 */
export function exportedPngBands(page, url, chartId) {
  return page.evaluate(async ({ url, chartId }) => {
    const image = new Image();
    image.src = url;
    await image.decode();
    const chart = document.getElementById(chartId);
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const ink = (y0, y1) => {
      const { data } = ctx.getImageData(0, y0, canvas.width, y1 - y0);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2]) n++;
      return n;
    };
    const top = canvas.height - chart.height;
    return { width: image.naturalWidth, height: image.naturalHeight, chartWidth: chart.width, chartHeight: chart.height, above: ink(0, Math.floor(top / 2)), below: ink(canvas.height - 30, canvas.height) };
  }, { url, chartId });
}

/**
 * Resolves once an IntersectionObserver with the bar charts' own margin (barChart.ts) has reported
 * the box of canvas `id` as near the screen (`near`) or not. The chart's own observer was made
 * earlier, so it has been told in the same step and has drawn (or put off drawing) by then.
 */
export function nearScreenReported(page, id, near) {
  return page.evaluate(({ id, near }) => new Promise((resolve) => {
    const observer = new IntersectionObserver((entries) => {
      if (entries[entries.length - 1].isIntersecting !== near) return;
      observer.disconnect();
      resolve();
    }, { rootMargin: '25% 0px' });
    observer.observe(document.getElementById(id).parentElement);
  }), { id, near });
}

/** Opens every folding section (they start partly folded), so their controls can be used. */
export function openAllSections(page) {
  return page.evaluate(() => {
    for (const details of document.querySelectorAll('details.section')) details.open = true;
  });
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json' };

/**
 * A server on 127.0.0.1 for the page and the two resource folders the panel allows, nothing else.
 * With `strings` (a WebviewStringsTable, as the host builds it), /strings serves the page with that
 * table, as the panel does in another display language; / is always the page without one.
 */
export async function startServer({ strings } = {}) {
  const { explorerHtml, makeNonce } = await loadHtmlBuilder();
  let origin = '';
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/' || (path === '/strings' && strings)) {
      const table = path === '/strings' ? strings : undefined;
      const html = explorerHtml({ cspSource: origin, nonce: makeNonce(), scriptUri: `${origin}/dist/webview/main.js`, styleUri: `${origin}/media/explorer.css`, strings: table });
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
      return;
    }
    if (!(path.startsWith('/dist/webview/') || path.startsWith('/media/')) || path.includes('..')) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(root, path));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((done) => server.close(done)) };
}

/** Runs in the page before any of its scripts: the VS Code stand-in and the CSP watch. */
function hostStandIn(initialState) {
  window.__posted = [];
  window.__violations = [];
  window.__errors = [];
  window.__state = initialState;
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (message) => window.__posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => window.__state,
      setState: (state) => {
        window.__state = JSON.parse(JSON.stringify(state));
      },
    };
  };
}

/** Opens the explorer page; `initialState` is what getState returns (a restored panel); `path` '/strings' for the page with a strings table. */
export async function openExplorer(browser, origin, initialState = undefined, viewport = { width: 1000, height: 900 }, path = '/') {
  const page = await browser.newPage({ viewport });
  await page.addInitScript(hostStandIn, initialState ?? null);
  await page.goto(`${origin}${path}`);
  await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
  return page;
}

/** Sends a host -> webview message. */
export function postFromHost(page, message) {
  return page.evaluate((m) => window.postMessage(m, '*'), message);
}

/**
 * Mocha hooks for a suite of page tests: one browser and server per suite, a fresh page per test
 * (`env.page`), and after each test the checks every page must pass (no CSP violation, no error).
 */
export function explorerSuite(viewport = undefined) {
  const env = { browser: undefined, server: undefined, page: undefined };
  before(async () => {
    env.server = await startServer();
    env.browser = await loadPlaywright().chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  beforeEach(async () => {
    env.page = await openExplorer(env.browser, env.server.origin, undefined, viewport);
  });
  afterEach(() => closeCleanPage(env.page));
  return env;
}

/** Closes a page opened by openExplorer, failing if it met a CSP violation or a page error. */
export async function closeCleanPage(page) {
  const violations = await page.evaluate(() => window.__violations);
  const errors = await page.evaluate(() => window.__errors);
  await page.close();
  if (violations.length > 0) throw new Error(`securitypolicyviolation: ${violations.join(', ')}`);
  if (errors.length > 0) throw new Error(`page errors: ${errors.join(', ')}`);
}
