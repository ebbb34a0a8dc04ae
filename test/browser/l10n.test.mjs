// The page in the display language: the host's strings table (the display language and the loaded
// bundle, as explorerPanel.ts hands it over in a Korean VS Code, here l10n/bundle.l10n.ko.json) rides
// in the page's HTML, and every label,
// legend, aria-label and error message, the core's included, is Korean; without a table, English.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, loadPlaywright, loadSourceModule, openAllSections, openExplorer, startServer, closeCleanPage } from './explorerPage.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const korean = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.ko.json'), 'utf8'));
const text = (page, selector) => page.locator(selector).innerText();
const fill = (template, ...args) => template.replace(/\{(\d+)\}/g, (_, i) => args[Number(i)]);

describe('Loss Explorer in the display language (strings table from the host)', function () {
  this.timeout(60_000);
  let browser;
  let server;
  let page;

  before(async () => {
    // What explorerPanel.ts hands the page in a Korean VS Code: the language and vscode.l10n.bundle.
    const strings = { lang: 'ko', messages: korean };
    server = await startServer({ strings });
    browser = await loadPlaywright().chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  afterEach(() => closeCleanPage(page));

  it('shows labels, headings, the readout, legends, aria-labels and errors in Korean', async () => {
    page = await openExplorer(browser, server.origin, undefined, undefined, '/strings');
    await openAllSections(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'ko');
    assert.equal(await text(page, '#section-values summary'), '입력한 값');
    assert.equal(await text(page, '#section-imbalance summary'), '클래스 불균형');
    assert.equal(await text(page, 'label[for="follow"]'), '편집기 따라가기(해제하면 이 보기를 고정)');
    assert.equal(await text(page, 'label[for="gamma"]'), 'gamma(focusing parameter)');
    // The particle after the filled-in curve name is chosen from it ("gamma 2" reads 이: 는), not 은(는).
    assert.equal(await text(page, '#readout'), 'p_t = 0.90(positive)에서 FL (alpha 0.25, gamma 2)는 CE보다 400x 낮습니다');
    // Lines break between words, never inside one ("CE보 / 다"; issue 20, item 16).
    assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('readout')).wordBreak), 'keep-all');
    assert.equal(await text(page, 'label[for="mode-multiclass"]'), '다중 클래스(클래스 C개에 softmax)');
    assert.equal(await page.getAttribute('#loss-chart', 'aria-label'), 'p_t에 따른 loss');
    assert.equal(await page.getAttribute('#binary-view', 'aria-label'), '이진 loss');
    assert.equal(await page.getAttribute('#gamma-slider', 'aria-label'), 'gamma(focusing parameter) 슬라이더');
    assert.match(await page.getAttribute('#loss-chart', 'aria-description'), /^y축\(loss\) 선형, /);

    // A typed value: the table's source line and the loss chart's legend.
    await page.fill('#value-prediction', '0.9');
    await page.click('#value-add');
    assert.equal(await text(page, '#values-source'), '출처: 입력한 값');
    const legends = await page.locator('#binary-view .legend').allInnerTexts();
    assert.match(legends[0], /입력한 값: FL[\s\S]*입력한 값: CE/);
    assert.match(legends[2], /gamma 0[\s\S]*gamma 2/);
    assert.match(await text(page, '#imbalance-table thead'), /easy negative[\s\S]*hard negative/);

    // The paper's Table 1 under the readout, in Korean (a message of the core, with a message inside).
    await page.fill('#gamma', '1');
    const table1 = fill(korean['{0}: γ {1}, α {2}: {3}; FL {4}'], korean['Table 1 (COCO AP)'], '1', '0.25', '33.7', fill(korean['γ {0}, α {1}: {2} (chosen)'], '2', '0.25', '34.0'));
    assert.ok((await text(page, '#readout-detail')).endsWith(` · ${table1}`), await text(page, '#readout-detail'));
    assert.doesNotMatch(table1, /chosen/);
    await page.fill('#gamma', '2');

    // The core's message, made in the page, translated by its template with its arguments.
    await page.fill('#gamma', '-1');
    const coreMessage = fill(korean['{0} must be {1} (got {2})'], 'gamma', korean['a finite number >= 0'], '-1');
    assert.equal(await text(page, '#gamma-error'), coreMessage);
    assert.doesNotMatch(coreMessage, /must be/);
    // And the page's own, in the value form (the core refuses y = 2).
    await page.fill('#value-y', '2');
    await page.click('#value-add');
    assert.match(await text(page, '#value-error'), /[가-힣]/);
    assert.doesNotMatch(await text(page, '#value-error'), /must be/);

    // The multi-class view: its headline, a legend and a message of the page's own.
    await page.check('#mode-multiclass');
    assert.match(await text(page, '#mc-headline'), /^target 클래스 0, 클래스 \d+개 중 p = [\d.]+: CE [\d.]+ · FL \(gamma 2\) [\d.]+\. FL이 CE보다 [\d.]+x 낮습니다/);
    assert.match((await page.locator('#multiclass-view .legend').allInnerTexts()).join('\n'), /CE 기여분/);
    await page.fill('#mc-classes', '1');
    assert.equal(await text(page, '#mc-classes-error'), '클래스 수: [2, 1000] 범위의 정수여야 합니다(입력값 "1")');
  });

  it('is English without a table', async () => {
    page = await openExplorer(browser, server.origin);
    await openAllSections(page);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await text(page, '#section-values summary'), 'Your values');
    assert.equal(await page.getAttribute('#loss-chart', 'aria-label'), 'Loss against p_t');
    assert.match(await text(page, '#readout'), /^at p_t = 0\.90 \(a positive\), FL \(alpha 0\.25, gamma 2\) is 400x lower than CE$/);
    await page.fill('#gamma', '-1');
    assert.equal(await text(page, '#gamma-error'), 'gamma must be a finite number >= 0 (got -1)');
  });
});
