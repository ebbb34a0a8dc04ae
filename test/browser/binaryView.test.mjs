// Issue 13, items 1-9: the binary view's headline, invalid entries, far-off points, the log axis,
// the values table in a half-width panel, PNG export, the worked examples, folding sections and
// input quirks. Each test fails on the panel before these fixes.
import * as assert from 'node:assert/strict';
import { explorerSuite, exportedPngBands, openAllSections, openExplorer, postFromHost } from './explorerPage.mjs';

const text = (page, selector) => page.locator(selector).innerText();
const dataset = (page, id) => page.evaluate((canvasId) => ({ ...document.getElementById(canvasId).dataset }), id);

describe('Loss Explorer binary view (issue 13)', function () {
  this.timeout(60_000);
  const env = explorerSuite();

  it('1. the headline names FL with alpha and gamma, and its ratio is CE / FL of the line under it', async () => {
    const { page } = env;
    const check = async (pattern) => {
      const headline = await text(page, '#readout');
      assert.match(headline, pattern);
      const detail = await text(page, '#readout-detail');
      const ce = Number(/CE ([\d.e-]+)/.exec(detail)[1]);
      const fl = Number(/· FL ([\d.e-]+)/.exec(detail)[1]);
      const ratio = Number(/is ([\d,.]+)x lower/.exec(headline)[1].replace(/,/g, ''));
      // Within the rounding of the printed figures.
      assert.ok(Math.abs(ratio / (ce / fl) - 1) < 0.01, `${headline} / ${detail}`);
    };
    await check(/^at p_t = 0\.90 \(a positive\), FL \(alpha 0\.25, gamma 2\) is 400x lower than CE$/);
    await page.selectOption('#target', '0');
    await check(/^at p_t = 0\.90 \(a negative\), FL \(alpha 0\.25, gamma 2\) is 133x lower than CE$/);
    await page.uncheck('#alpha-on');
    await check(/^at p_t = 0\.90 \(a negative\), FL \(no alpha, gamma 2\) is 100x lower than CE$/);
  });

  it('2. an invalid box keeps the last good value everywhere and says why next to itself', async () => {
    const { page } = env;
    await page.evaluate(() => document.body.style.setProperty('--vscode-inputValidation-errorBorder', 'rgb(255, 0, 0)'));
    const before = await page.evaluate(() => document.getElementById('loss-chart').toDataURL());
    await page.fill('#gamma', '-1');
    assert.equal(await page.getAttribute('#gamma', 'aria-invalid'), 'true');
    assert.equal(await page.inputValue('#gamma-slider'), '2', 'the slider stays at the last good gamma');
    assert.match(await text(page, '#gamma-error'), /gamma must be a finite number >= 0 \(got -1\)/);
    assert.equal(await page.getAttribute('#gamma', 'aria-describedby'), 'gamma-error');
    // The message is beside the box: same row, just after it.
    const [box, message] = await Promise.all([page.locator('#gamma').boundingBox(), page.locator('#gamma-error').boundingBox()]);
    assert.ok(Math.abs(box.y + box.height / 2 - (message.y + message.height / 2)) < box.height && message.x >= box.x + box.width - 1, 'message next to the box');
    assert.equal(await page.evaluate(() => getComputedStyle(document.getElementById('gamma')).borderTopColor), 'rgb(255, 0, 0)');
    assert.match(await text(page, '#readout'), /gamma 2\)/);
    assert.equal(await page.evaluate(() => document.getElementById('loss-chart').toDataURL()), before, 'curves unchanged');
    assert.equal((await page.evaluate(() => window.__state)).gamma, 2);
    await page.fill('#gamma', '3');
    assert.equal(await page.getAttribute('#gamma', 'aria-invalid'), null);
    assert.equal(await page.locator('#gamma-error').textContent(), '');
    assert.equal(await page.inputValue('#gamma-slider'), '3');
  });

  it('3. one extreme point leaves the axes fitted to the curves and is drawn at the edge with its value', async () => {
    const { page } = env;
    await postFromHost(page, { type: 'points', points: [{ logit: -1000, y: 1 }, { p: 0.9, y: 1 }], source: 'selection' });
    const loss = await dataset(page, 'loss-chart');
    assert.ok(Number(loss.yMax) <= 10, `y max ${loss.yMax}`);
    assert.equal(Number(loss.yMin), 0);
    assert.match(loss.edgeLabels, /FL 250/);
    assert.match(loss.edgeLabels, /CE 1000/);
    const grad = await dataset(page, 'grad-chart');
    assert.match(grad.edgeLabels, /logit -1000: dFL\/dx -0\.25/);
    assert.ok(Number(grad.yMin) >= -1 && Number(grad.yMax) <= 1);
  });

  it('4. the log y axis has readable decade labels and a range that follows the data', async () => {
    const { page } = env;
    await page.selectOption('#y-scale', 'log');
    let loss = await dataset(page, 'loss-chart');
    assert.match(loss.yTicks, /1e-6 1e-4 0\.01 1/);
    assert.doesNotMatch(loss.yTicks, /0\.00000|5\.0000/);
    await page.check('#figure1');
    await page.locator('#gamma-slider').fill('5');
    loss = await dataset(page, 'loss-chart');
    // FL at gamma 5 reaches 1e-18 at p_t = 0.999: all of it is on the axis.
    assert.ok(Number(loss.yMin) <= 1e-18, `y min ${loss.yMin}`);
    for (const label of loss.yTicks.split(' ')) assert.match(label, /^(1e-?\d+|0\.01|0\.1|1|10|100|1000)$/);
  });

  it('5. the values table fits a half-width panel (640 px): FL and FL* without scrolling, headers and labels whole', async () => {
    const page = await openExplorer(env.browser, env.server.origin, undefined, { width: 640, height: 800 });
    try {
      await postFromHost(page, { type: 'points', points: [{ p: 0.9, y: 1 }, { p: 0.0002634, y: 1 }, { p: 0.999999, y: 0 }, { logit: -3, y: 0.3 }], source: 'selection' });
      const layout = await page.evaluate(() => {
        const scroll = document.querySelector('#values-table').parentElement;
        const headers = [...document.querySelectorAll('#values-table thead th')];
        const star = headers.at(-1).getBoundingClientRect();
        const expression = headers.find((th) => th.getAttribute('aria-label') === '(1 - p_t)^gamma');
        const range = document.createRange();
        range.selectNodeContents(expression);
        const tops = [...range.getClientRects()].map((r) => r.top);
        const label = document.querySelector('label[for="value-y"]').getBoundingClientRect();
        const box = document.getElementById('value-y').getBoundingClientRect();
        return {
          overflow: scroll.scrollWidth - scroll.clientWidth,
          starRight: star.right,
          scrollRight: scroll.getBoundingClientRect().right,
          expressionLines: Math.max(...tops) - Math.min(...tops),
          labelToBox: Math.abs(label.top + label.height / 2 - (box.top + box.height / 2)),
        };
      });
      assert.ok(layout.overflow <= 0, `overflows by ${layout.overflow} px`);
      assert.ok(layout.starRight <= layout.scrollRight + 0.5, 'FL* visible');
      assert.ok(layout.expressionLines < 8, '(1 - p_t)^gamma on one line');
      assert.ok(layout.labelToBox < 6, '"target y" beside its box');
    } finally {
      await page.close();
    }
  });

  it('6. an exported chart PNG carries its title, parameters and legend', async () => {
    const { page } = env;
    await page.click('#save-loss-png');
    const png = (await page.evaluate(() => window.__posted)).find((m) => m.type === 'savePng').dataUrl;
    const bands = await exportedPngBands(page, png, 'loss-chart');
    assert.ok(bands.height - bands.chartHeight > 40, `caption space ${bands.height - bands.chartHeight}`);
    assert.ok(bands.above > 100, 'a title above the chart');
    assert.ok(bands.below > 100, 'a legend below the chart');
  });

  it('7. the worked examples say what they are and whether each figure agrees, is truncated, rounded or wrong', async () => {
    const { page } = env;
    await openAllSections(page);
    assert.match(await text(page, '#examples-about'), /Korean explanation of the focal loss paper/);
    const rows = await page.locator('#examples-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ printed: tr.children[1].textContent, verdict: tr.className, check: tr.lastElementChild.textContent })),
    );
    const verdictOf = (printed) => rows.find((r) => r.printed === printed).verdict;
    assert.equal(verdictOf('0.07'), 'verdict-truncated');
    assert.equal(verdictOf('0.003'), 'verdict-truncated');
    assert.equal(verdictOf('0.024'), 'verdict-agrees');
    assert.equal(verdictOf('0.038'), 'verdict-wrong');
    assert.equal(verdictOf('3.50956972e-7'), 'verdict-wrong');
    assert.equal(rows.filter((r) => r.verdict === 'verdict-truncated').length, 3, '0.22 for 0.2258 is truncated too');
  });

  it('8. sections fold from the keyboard and stay as they were across a reload', async () => {
    const { page } = env;
    assert.equal(await page.evaluate(() => document.getElementById('section-curves').open), true);
    assert.equal(await page.evaluate(() => document.getElementById('section-imbalance').open), false);
    await page.focus('#section-imbalance > summary');
    await page.keyboard.press('Enter');
    await page.focus('#section-curves > summary');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => window.__state?.sections?.imbalance === true && window.__state.sections.curves === false);
    const state = await page.evaluate(() => window.__state);
    const restored = await openExplorer(env.browser, env.server.origin, state);
    try {
      assert.deepEqual(
        await restored.evaluate(() => [...document.querySelectorAll('#binary-view > details')].map((d) => [d.id, d.open])),
        [['section-curves', false], ['section-values', true], ['section-imbalance', true], ['section-examples', false]],
      );
    } finally {
      await restored.close();
    }
  });

  it('9. only decimal numbers count (0x10 is refused), and p close to 1 shows enough digits', async () => {
    const { page } = env;
    await page.selectOption('#value-space', 'logit');
    await page.fill('#value-prediction', '0x10');
    await page.click('#value-add');
    assert.match(await text(page, '#value-error'), /got "0x10"/);
    assert.equal(await page.locator('#values-table tbody tr').count(), 0);
    await page.fill('#gamma', '0x10');
    assert.equal(await page.getAttribute('#gamma', 'aria-invalid'), 'true');
    await page.fill('#value-prediction', '1.6e1');
    await page.click('#value-add');
    assert.match(await text(page, '#values-table tbody tr:first-child'), /^0\.9999999\s+16\s+1\s+0\.9999999\s/);
    await page.click('#value-clear');
    await page.selectOption('#value-space', 'p');
    await page.fill('#value-prediction', '0.999999');
    await page.fill('#value-y', '0');
    await page.click('#value-add');
    const cells = await page.locator('#values-table tbody tr:first-child td').allInnerTexts();
    assert.equal(cells[0], '0.999999');
    assert.equal(cells[3], '1e-6');
  });

  it("10. the readout ends with the paper's Table 1 where alpha or gamma leave 0.25 and 2 (issue 24)", async () => {
    const { page } = env;
    const detail = () => text(page, '#readout-detail');
    assert.doesNotMatch(await detail(), /Table 1/, "the paper's own setting");
    await page.fill('#gamma', '1');
    assert.match(await detail(), / · Table 1 \(COCO AP\): γ 1, α 0\.25: 33\.7; FL γ 2, α 0\.25: 34\.0 \(chosen\)$/);
    await page.fill('#gamma', '0');
    assert.match(await detail(), /Table 1 \(COCO AP\): CE α 0\.25: 10\.8; CE α 0\.75: 31\.1/);
    await page.fill('#gamma', '2');
    await page.locator('#alpha-slider').fill('0.5');
    assert.match(await detail(), /Table 1 \(COCO AP\): at γ 2 the table has only α 0\.25 \(34\.0, chosen\)$/);
  });
});

