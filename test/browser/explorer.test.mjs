// The Loss Explorer webview in headless Chromium, under the panel's real CSP.
// Run: npm run test:browser (builds, then mocha over test/browser/*.test.mjs).
import * as assert from 'node:assert/strict';
import { CHROMIUM_ARGS, loadPlaywright, openAllSections, openExplorer, postFromHost, startServer, closeCleanPage } from './explorerPage.mjs';

const HOSTILE = '<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>';

/** Opaque pixels on a canvas: a blank chart has none. */
function inkOf(page, id) {
  return page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId);
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
    return ink;
  }, id);
}

const pixels = (page, id) => page.evaluate((canvasId) => document.getElementById(canvasId).toDataURL(), id);
const text = (page, selector) => page.locator(selector).innerText();

async function typeInto(page, selector, value) {
  await page.fill(selector, String(value));
}

describe('Loss Explorer webview (headless Chromium)', function () {
  this.timeout(60_000);
  let browser;
  let server;
  let page;

  before(async () => {
    server = await startServer();
    browser = await loadPlaywright().chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    page = await openExplorer(browser, server.origin);
  });

  afterEach(() => closeCleanPage(page));

  it('posts ready before anything else, then its follow state', async () => {
    const posted = await page.evaluate(() => window.__posted);
    assert.equal(posted[0].type, 'ready');
    assert.deepEqual(posted[1], { type: 'follow', follow: true });
  });

  it('labels each chart with an HTML legend', async () => {
    await openAllSections(page);
    const legends = await page.locator('#binary-view .legend').allInnerTexts();
    assert.equal(legends.length, 4);
    assert.match(legends[0], /CE[\s\S]*balanced CE[\s\S]*FL[\s\S]*FL\*/);
    assert.match(legends[3], /gamma 0[\s\S]*gamma 2/);
  });

  it('renders all four charts (canvases not blank)', async () => {
    await openAllSections(page);
    await page.waitForFunction(() => document.getElementById('figure4-negatives').clientHeight > 0);
    for (const id of ['loss-chart', 'grad-chart', 'figure4-positives', 'figure4-negatives']) {
      assert.ok((await inkOf(page, id)) > 1000, `${id} has ink`);
    }
    assert.match(await text(page, '#readout'), /at p_t = 0\.90 \(a positive\), FL \(alpha 0\.25, gamma 2\) is 400x lower than CE/);
  });

  it('gamma slider and box redraw the curves and the readout', async () => {
    const before = await pixels(page, 'loss-chart');
    const gradBefore = await pixels(page, 'grad-chart');
    await page.locator('#gamma-slider').fill('5');
    assert.equal(await page.inputValue('#gamma'), '5');
    assert.match(await text(page, '#readout'), /FL \(alpha 0\.25, gamma 5\) is 400,000x lower than CE/);
    assert.notEqual(await pixels(page, 'loss-chart'), before);
    assert.notEqual(await pixels(page, 'grad-chart'), gradBefore);
    await typeInto(page, '#gamma', 1);
    assert.match(await text(page, '#readout'), /FL \(alpha 0\.25, gamma 1\) is 40x lower than CE/);
    await typeInto(page, '#gamma', 0);
    assert.match(await text(page, '#readout'), /FL \(alpha 0\.25, gamma 0\) is 4x lower than CE/);
    await page.uncheck('#alpha-on');
    assert.match(await text(page, '#readout'), /FL \(no alpha, gamma 0\) equals CE/);
    assert.match(await text(page, '#curves-note'), /FL\* divides by gamma/);
  });

  it('refuses a bad typed parameter with the core message and keeps the last good value', async () => {
    await typeInto(page, '#gamma', '-1');
    assert.match(await text(page, '#gamma-error'), /gamma must be a finite number >= 0 \(got -1\)/);
    await typeInto(page, '#alpha', 'abc');
    assert.match(await text(page, '#alpha-error'), /alpha must be in \[0, 1\] \(got abc\); for no alpha weighting, untick "alpha weighting on"/);
    assert.match(await text(page, '#readout'), /gamma 2/);
    await typeInto(page, '#alpha', '0.5');
    assert.equal(await page.locator('#alpha-error').textContent(), '');
  });

  it('alpha, alpha off, beta, target class, y axis, log base and curve toggles change what they should', async () => {
    const detail = () => text(page, '#readout-detail');
    assert.match(await detail(), /for a positive: CE 0\.1054 · balanced CE 0\.02634 · FL 0\.0002634/);
    await page.locator('#alpha-slider').fill('0.5');
    assert.match(await detail(), /balanced CE 0\.05268/);
    await page.uncheck('#alpha-on');
    assert.match(await detail(), /balanced CE 0\.1054/);
    assert.ok(await page.locator('#alpha').isDisabled());
    await page.check('#alpha-on');
    await page.selectOption('#target', '0');
    assert.match(await detail(), /for a negative: CE 0\.1054 · balanced CE 0\.05268/);
    await page.selectOption('#log-base', '10');
    assert.match(await detail(), /CE 0\.04576/);
    assert.match(await text(page, '#curves-note'), /base 10/);

    const before = await pixels(page, 'loss-chart');
    await typeInto(page, '#beta', 2);
    const afterBeta = await pixels(page, 'loss-chart');
    assert.notEqual(afterBeta, before, 'beta moves FL*');
    await page.selectOption('#y-scale', 'log');
    const afterLog = await pixels(page, 'loss-chart');
    assert.notEqual(afterLog, afterBeta, 'log axis');
    await page.uncheck('#curve-ce');
    const afterToggle = await pixels(page, 'loss-chart');
    assert.notEqual(afterToggle, afterLog, 'CE hidden');
    await page.check('#figure1');
    assert.notEqual(await pixels(page, 'loss-chart'), afterToggle, 'Figure 1 preset');
    assert.match(await text(page, '#curves-note'), /Figure 1/);
    const legend = await page.locator('.curves .legend').first().innerText();
    assert.match(legend, /gamma 0 \(CE\)[\s\S]*gamma 0\.5[\s\S]*gamma 5/);
  });

  it('the readout follows the pointer and the keyboard', async () => {
    const box = await page.locator('#loss-chart').boundingBox();
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.waitForFunction(() => !document.getElementById('readout').textContent.includes('0.90'));
    assert.match(await text(page, '#readout'), /at p_t = 0\.\d+/);
    await page.focus('#read-pt');
    await page.locator('#read-pt').fill('0.5');
    assert.match(await text(page, '#readout'), /at p_t = 0\.50 \(a positive\), FL \(alpha 0\.25, gamma 2\) is 16x lower than CE/);
  });

  it('typed values appear in the table; bad ones show the core message, never NaN', async () => {
    await typeInto(page, '#value-prediction', '0.9');
    await typeInto(page, '#value-y', '1');
    await page.click('#value-add');
    const row = await text(page, '#values-table tbody tr:first-child');
    assert.match(row, /0\.9\s+2\.197\s+1\s+0\.9\s+0\.25\s+0\.01\s+0\.1054\s+0\.02634\s+0\.0002634/);
    await page.selectOption('#value-space', 'logit');
    await typeInto(page, '#value-prediction', '-3');
    await typeInto(page, '#value-y', '0');
    await page.press('#value-prediction', 'Enter');
    assert.equal(await page.locator('#values-table tbody tr').count(), 2);

    await page.selectOption('#value-space', 'p');
    await typeInto(page, '#value-prediction', 'abc');
    await page.click('#value-add');
    assert.match(await text(page, '#value-error'), /p must be a probability in \[0, 1\] \(got "abc"\)/);
    await typeInto(page, '#value-prediction', '1.5');
    await page.click('#value-add');
    assert.match(await text(page, '#value-error'), /got 1\.5/);
    await typeInto(page, '#value-prediction', '0.5');
    await typeInto(page, '#value-y', '2');
    await page.click('#value-add');
    assert.match(await text(page, '#value-error'), /y must be a target in \[0, 1\] \(got 2\)/);
    assert.equal(await page.locator('#values-table tbody tr').count(), 2);
    assert.doesNotMatch(await text(page, 'main'), /\bNaN\b/);
    // The points are drawn on the chart as markers too.
    await page.click('#value-clear');
    assert.equal(await page.locator('#values-table tbody tr').count(), 0);
  });

  it('shows host points and calls; hostile strings stay text', async () => {
    await postFromHost(page, { type: 'points', points: [{ p: 0.95, y: 1 }, { logit: 2, y: 0 }, { p: 1.5, y: 1 }], source: HOSTILE });
    assert.equal(await page.locator('#values-table tbody tr').count(), 3);
    assert.match(await text(page, '#values-table tbody tr:nth-child(3)'), /p must be a probability in \[0, 1\] \(got 1\.5\)/);
    assert.equal(await text(page, '#values-source'), `From: ${HOSTILE}`);

    await postFromHost(page, { type: 'call', call: { label: `${HOSTILE} (line 12)`, api: 'torchvision.ops.sigmoid_focal_loss', kind: 'focal-star', alpha: null, gamma: 4, beta: 0 } });
    assert.equal(await text(page, '#call-label'), `Showing ${HOSTILE} (line 12)`);
    assert.equal(await page.inputValue('#gamma'), '4');
    assert.equal(await page.isChecked('#alpha-on'), false);
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.equal(await page.locator('script').count(), 1);
  });

  it('ignores malformed host messages', async () => {
    const before = await text(page, '#readout');
    await postFromHost(page, { type: 'call', call: { label: 'x', api: 'x', kind: 'hinge', alpha: 2, gamma: -1 } });
    await postFromHost(page, { type: 'points', points: 'nope', source: 1 });
    await postFromHost(page, { type: 'settings', settings: { logBase: 'pi' } });
    await postFromHost(page, 'call');
    assert.equal(await text(page, '#readout'), before);
  });

  it('applies settings: base, precision and default alpha/gamma until the person sets them', async () => {
    await postFromHost(page, { type: 'settings', settings: { logBase: '2', precision: 6, defaultAlpha: null, defaultGamma: 1 } });
    assert.equal(await page.inputValue('#log-base'), '2');
    assert.equal(await page.inputValue('#gamma'), '1');
    assert.match(await text(page, '#readout-detail'), /CE 0\.152003/);
    await typeInto(page, '#gamma', 3);
    await postFromHost(page, { type: 'settings', settings: { logBase: 'e', precision: 4, defaultAlpha: 0.25, defaultGamma: 1 } });
    assert.equal(await page.inputValue('#gamma'), '3');
  });

  it('exports values as CSV and Markdown and charts as PNG through the host', async () => {
    await page.click('#copy-csv');
    assert.match(await text(page, '#export-status'), /No values/);
    await postFromHost(page, { type: 'points', points: [{ p: 0.9, y: 1 }], source: 'selection' });
    await page.click('#copy-csv');
    await page.click('#save-markdown');
    await page.click('#save-loss-png');
    const posted = await page.evaluate(() => window.__posted.filter((m) => m.type !== 'ready' && m.type !== 'follow'));
    assert.equal(posted[0].type, 'copyText');
    assert.equal(posted[0].format, 'csv');
    assert.match(posted[0].text, /^p,logit,y,p_t,alpha_t,\(1 - p_t\)\^gamma,CE,balanced CE,FL,FL\*\r\n0\.9,2\.197,1,0\.9,0\.25,0\.01,0\.1054,0\.02634,0\.0002634,/);
    assert.equal(posted[1].type, 'saveText');
    assert.match(posted[1].text, /^\| p \| logit \|/);
    assert.equal(posted[2].type, 'savePng');
    assert.match(posted[2].dataUrl, /^data:image\/png;base64,/);
    await postFromHost(page, { type: 'exported', what: 'PNG', ok: true, detail: 'saved to /tmp/x.png' });
    assert.equal(await text(page, '#export-status'), 'PNG: saved to /tmp/x.png.');
  });

  it('answers every export the host asks for, an empty table too', async () => {
    await postFromHost(page, { type: 'export', format: 'markdown', action: 'copy' });
    await postFromHost(page, { type: 'points', points: [{ p: 0.9, y: 1 }], source: 'selection' });
    await postFromHost(page, { type: 'export', format: 'markdown', action: 'copy' });
    const posted = await page.evaluate(() => window.__posted.filter((m) => m.type !== 'ready' && m.type !== 'follow'));
    assert.deepEqual(posted[0], { type: 'nothingToExport', format: 'markdown' });
    assert.equal(posted[1].type, 'copyText');
    assert.match(posted[1].text, /^\| p \| logit \|/);
  });

  it('the follow toggle tells the host', async () => {
    await page.uncheck('#follow');
    const posted = await page.evaluate(() => window.__posted);
    assert.deepEqual(posted.at(-1), { type: 'follow', follow: false });
  });

  it('keeps only parameters in its state and restores from them', async () => {
    await typeInto(page, '#gamma', 0.5);
    await page.selectOption('#y-scale', 'log');
    await postFromHost(page, { type: 'points', points: [{ p: 0.3, y: 1 }], source: 'selection' });
    const state = await page.evaluate(() => window.__state);
    assert.equal(state.gamma, 0.5);
    assert.equal(state.yScale, 'log');
    assert.ok(JSON.stringify(state).length < 3000, 'no rendered data in state');
    const restored = await openExplorer(browser, server.origin, state);
    assert.equal(await restored.inputValue('#gamma'), '0.5');
    assert.equal(await restored.inputValue('#y-scale'), 'log');
    assert.equal(await restored.locator('#values-table tbody tr').count(), 1);
    assert.deepEqual(await restored.evaluate(() => window.__violations), []);
    await restored.close();
  });

  it('shows the imbalance view and recomputes it on gamma and distribution changes', async () => {
    await openAllSections(page);
    const table = () => text(page, '#imbalance-table tbody');
    assert.equal(await page.locator('#imbalance-table tbody tr').count(), 3);
    const first = await table();
    await typeInto(page, '#gamma', 1);
    const second = await table();
    assert.notEqual(second, first);
    const negBefore = await pixels(page, 'figure4-negatives');
    await page.locator('#neg-mean-slider').fill('-2');
    assert.notEqual(await table(), second);
    assert.notEqual(await pixels(page, 'figure4-negatives'), negBefore);
    await typeInto(page, '#neg-sd', '-1');
    assert.match(await text(page, '#neg-sd-error'), /negatives logit spread must be a finite number >= 0/);
  });

  it('builds the paper scale (1e7 negatives) and redraws its table on a gamma change', async () => {
    await openAllSections(page);
    await page.selectOption('#imbalance-scale', 'paper');
    await page.waitForFunction(() => /100,000 : 10,000,000.*built in/.test(document.getElementById('imbalance-status').textContent), undefined, { timeout: 60_000 });
    const before = await text(page, '#imbalance-table tbody');
    await page.evaluate(() => {
      const slider = document.getElementById('gamma-slider');
      slider.value = '3';
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    });
    // How long that takes is machine-dependent: npm run bench:webview prints it.
    assert.notEqual(await text(page, '#imbalance-table tbody'), before);
    const state = await page.evaluate(() => window.__state);
    assert.equal(state.imbalance.scale, 'paper');
  });

  it('lists the worked examples and marks the two misprints', async () => {
    await openAllSections(page);
    assert.equal(await page.locator('#examples-table tbody tr').count(), 8);
    assert.equal(await page.locator('#examples-table tbody tr.verdict-wrong').count(), 2);
    assert.match(await text(page, '#examples-table'), /exponent is off by one/);
  });

  it('redraws in the new colours when the theme changes', async () => {
    const before = await pixels(page, 'loss-chart');
    await page.evaluate(() => {
      document.body.style.setProperty('--vscode-charts-blue', '#ff00ff');
      document.body.style.setProperty('--vscode-editor-foreground', '#00ff00');
      document.body.className = 'vscode-dark';
    });
    await page.waitForFunction((b) => document.getElementById('loss-chart').toDataURL() !== b, before);
  });

  it('controls are labelled and reachable from the keyboard', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, button, textarea')]
        .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
        .map((el) => el.id),
    );
    assert.deepEqual(unlabelled, []);
    await page.focus('#gamma-slider');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.inputValue('#gamma'), '2.1');
  });
});
