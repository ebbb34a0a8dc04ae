// The multi-class view in headless Chromium: its numbers against the core (computed here in Node
// from the same sources), editing the sample, host calls and rows, switching views, the keyboard.
import * as assert from 'node:assert/strict';
import { explorerSuite, exportedPngBands, loadSourceModule, nearScreenReported, openAllSections, openExplorer, postFromHost } from './explorerPage.mjs';

const text = (page, selector) => page.locator(selector).innerText();

/** The class table as { class: [logit, p, target, weight, CE part, FL part, dCE/dx, dFL/dx] }. */
function classTable(page) {
  return page.locator('#mc-class-table tbody tr').evaluateAll((trs) =>
    Object.fromEntries(trs.map((tr) => [tr.children[0].textContent, [...tr.children].slice(1).map((td) => td.textContent)])),
  );
}

describe('Loss Explorer multi-class view (headless Chromium)', function () {
  this.timeout(60_000);
  const env = explorerSuite();
  let core;
  let terms;
  before(async () => {
    core = await loadSourceModule('core/index');
    terms = await loadSourceModule('core/softmaxContributions');
  });
  const f = (v) => core.formatNumber(v, 4);

  /** Checks the headline and class table against the core for `logits`, `target` and `params`. */
  async function expectCore(page, logits, target, params, gamma) {
    const ce = core.softmaxLoss('ce', logits, target, params);
    const focalParams = { ...params, gamma };
    const ceGrad = new Float64Array(logits.length);
    const flGrad = new Float64Array(logits.length);
    core.softmaxLoss('ce', logits, target, params, ceGrad);
    const fl = core.softmaxLoss('focal', logits, target, focalParams, flGrad);
    const p = core.softmaxProbabilities(logits);
    const ceParts = terms.softmaxContributions('ce', logits, target, params);
    const flParts = terms.softmaxContributions('focal', logits, target, focalParams);
    const headline = await text(page, '#mc-headline');
    assert.ok(headline.includes(`CE ${f(ce)} · FL (gamma ${core.formatNumber(gamma)}) ${f(fl)}`), headline);
    const table = await classTable(page);
    for (const [c, cells] of Object.entries(table)) {
      const k = Number(c);
      assert.deepEqual([cells[1], cells[4], cells[5], cells[6], cells[7]], [f(p[k]), f(ceParts[k]), f(flParts[k]), f(ceGrad[k]), f(flGrad[k])], `class ${c}`);
    }
    return { ce, fl };
  }

  it('shows the softmax, the losses, contributions and gradients of the default sample as the core computes them', async () => {
    const { page } = env;
    await page.check('#mode-multiclass');
    assert.equal(await page.isVisible('#binary-view'), false);
    const { ce, fl } = await expectCore(page, [2, 0.5, -1, 0, 1], 0, { classWeights: null, labelSmoothing: 0, base: Math.E }, 2);
    assert.match(await text(page, '#mc-headline'), new RegExp(`FL is ${core.formatRatio(ce / fl).replace('.', '\\.')} lower than CE`));
    assert.equal(Object.keys(await classTable(page)).length, 5);
    for (const id of ['mc-prob-chart', 'mc-part-chart', 'mc-grad-chart', 'mc-curve-chart']) {
      // A bar chart far below the fold is drawn when it comes near the screen (IntersectionObserver).
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      await page.waitForFunction((c) => document.getElementById(c).toDataURL().length > 5000, id, { timeout: 5000 }).catch(() => undefined);
      assert.ok(await page.evaluate((c) => document.getElementById(c).toDataURL().length > 5000, id), `${id} drawn`);
    }
    assert.match(await text(page, '#mc-curve-note'), /other 4 classes share 1 - p_t evenly/);
  });

  it('edits logits, probabilities, the target, soft targets, weights, alpha, smoothing and C, checking each with the core', async () => {
    const { page } = env;
    await page.check('#mode-multiclass');
    await page.fill('#mc-values', '1, 2, 3');
    assert.equal(await page.inputValue('#mc-classes'), '3', 'another count changes C');
    await page.fill('#mc-target', '2');
    await page.fill('#mc-weights', '1 2 0.5');
    await page.fill('#mc-smoothing', '0.1');
    await page.fill('#gamma', '1.5');
    const params = { classWeights: [1, 2, 0.5], labelSmoothing: 0.1, base: Math.E };
    await expectCore(page, [1, 2, 3], 2, params, 1.5);

    await page.fill('#mc-alpha', '0.75, 0.25, 0.25');
    await expectCore(page, [1, 2, 3], 2, { ...params, classWeights: [0.75, 0.5, 0.125] }, 1.5);
    await page.fill('#mc-alpha', '');

    await page.selectOption('#mc-target-mode', 'soft');
    await page.fill('#mc-soft-target', '0.2, 0.3, 0.5');
    await expectCore(page, [1, 2, 3], [0.2, 0.3, 0.5], params, 1.5);
    await page.fill('#mc-soft-target', '0.2, 0.3, 0.6');
    assert.equal(await page.getAttribute('#mc-soft-target', 'aria-invalid'), 'true');
    assert.match(await text(page, '#mc-soft-target-error'), /target must be probabilities summing to 1/);
    await page.selectOption('#mc-target-mode', 'class');

    await page.selectOption('#mc-input-as', 'probabilities');
    await page.fill('#mc-values', '0.7, 0.2, 0.1');
    await expectCore(page, [Math.log(0.7), Math.log(0.2), Math.log(0.1)], 2, params, 1.5);
    await page.fill('#mc-values', '0.7, 0.2, 0.2');
    assert.match(await text(page, '#mc-values-error'), /probabilities must sum to 1/);
    await page.selectOption('#mc-input-as', 'logits');

    // Refused entries keep the last good value and say why beside the field.
    await page.fill('#mc-weights', '1, -2, 3');
    assert.match(await text(page, '#mc-weights-error'), /classWeights\[1\] must be a finite number >= 0 \(got -2\)/);
    await page.fill('#mc-values', '1, 0x10, 3');
    assert.match(await text(page, '#mc-values-error'), /item 2 is not a decimal number/);
    await page.fill('#mc-smoothing', '2');
    assert.match(await text(page, '#mc-smoothing-error'), /labelSmoothing must be a number in \[0, 1\] \(got 2\)/);
    await page.fill('#mc-classes', '1');
    assert.match(await text(page, '#mc-classes-error'), /classes must be a whole number in \[2, 1000\]/);
    await expectCore(page, [Math.log(0.7), Math.log(0.2), Math.log(0.1)], 2, params, 1.5);

    // One class's logit on its slider.
    await page.fill('#mc-selected', '1');
    await page.locator('#mc-logit-slider').fill('4');
    await expectCore(page, [Math.log(0.7), 4, Math.log(0.1)], 2, params, 1.5);
  });

  it('handles 1000 classes: the table lists the target and the most probable, the numbers still from the core', async () => {
    const { page } = env;
    await page.check('#mode-multiclass');
    await page.fill('#mc-classes', '1000');
    await page.fill('#mc-target', '999');
    const logits = [2, 0.5, -1, 0, 1, ...new Array(995).fill(0)];
    await expectCore(page, logits, 999, { classWeights: null, labelSmoothing: 0, base: Math.E }, 2);
    const listed = Object.keys(await classTable(page));
    assert.equal(listed.length, 12);
    assert.ok(listed.includes('999') && listed.includes('0'));
    assert.match(await text(page, '#mc-table-note'), /12 of 1000 classes/);
  });

  it('drives the view from a host call and host rows, keeping shared parameters across views', async () => {
    const { page } = env;
    await page.selectOption('#log-base', '2');
    await postFromHost(page, { type: 'multiclassCall', call: { label: 'kornia.losses.focal_loss (line 9)', api: 'kornia.losses.focal_loss', kind: 'focal', classes: 3, gamma: 3, classWeights: null, alpha: { value: 0.25, appliesTo: 'foreground' }, labelSmoothing: 0 } });
    assert.equal(await page.isChecked('#mode-multiclass'), true);
    assert.equal(await text(page, '#call-label'), 'Showing kornia.losses.focal_loss (line 9)');
    assert.equal(await page.inputValue('#mc-alpha'), '0.75, 0.25, 0.25');
    assert.equal(await page.inputValue('#gamma'), '3');
    await expectCore(page, [2, 0.5, -1], 0, { classWeights: [0.75, 0.25, 0.25], labelSmoothing: 0, base: 2 }, 3);

    await postFromHost(page, { type: 'multiclassPoints', points: [{ logits: [2, 0.5, -1, 0.1], target: 0 }, { logits: [0.1, 0.2, 3, -1], target: 2 }], source: 'selection' });
    assert.equal(await page.inputValue('#mc-classes'), '4');
    assert.equal(await page.locator('#mc-rows-table tbody tr').count(), 2);
    assert.match(await text(page, '#mc-rows-source'), /2 rows from selection/);
    await page.click('#mc-rows-table tbody tr:nth-child(2) button');
    assert.equal(await page.inputValue('#mc-values'), '0.1, 0.2, 3, -1');
    assert.equal(await page.inputValue('#mc-target'), '2');

    // The binary view keeps gamma and the base; a binary call switches back.
    await page.check('#mode-binary');
    assert.equal(await page.inputValue('#gamma'), '3');
    assert.match(await text(page, '#readout-detail'), /CE 0\.152/);
    await page.fill('#gamma', '1');
    await page.check('#mode-multiclass');
    assert.match(await text(page, '#mc-headline'), /FL \(gamma 1\)/);
    await postFromHost(page, { type: 'call', call: { label: 'sigmoid_focal_loss (line 1)', api: 'torchvision.ops.sigmoid_focal_loss', kind: 'focal', alpha: 0.25, gamma: 2 } });
    assert.equal(await page.isChecked('#mode-binary'), true);

    // Malformed multi-class messages change nothing.
    await page.check('#mode-multiclass');
    const before = await text(page, '#mc-headline');
    await postFromHost(page, { type: 'multiclassCall', call: { label: 'x', api: 'x', kind: 'focal', classes: 3, gamma: 2, classWeights: [1, 2], alpha: null, labelSmoothing: 0 } });
    await postFromHost(page, { type: 'multiclassPoints', points: [{ logits: [1, 2], target: 5 }], source: 's' });
    assert.equal(await text(page, '#mc-headline'), before);
  });

  it('restores the view and its sample after a reload', async () => {
    const { page } = env;
    await page.check('#mode-multiclass');
    await page.fill('#mc-values', '0.5, 1.5, -2, 4');
    await page.fill('#mc-target', '3');
    const state = await page.evaluate(() => window.__state);
    const restored = await openExplorer(env.browser, env.server.origin, state);
    try {
      assert.equal(await restored.isChecked('#mode-multiclass'), true);
      assert.equal(await restored.inputValue('#mc-values'), '0.5, 1.5, -2, 4');
      assert.equal(await restored.inputValue('#mc-target'), '3');
    } finally {
      await restored.close();
    }
  });

  it('every control is labelled and reached in order with Tab; views and sections switch from the keyboard', async () => {
    const { page } = env;
    await page.focus('#mode-binary');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.isChecked('#mode-multiclass'), true, 'arrow keys move through the radio group');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, button, textarea')]
        .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
        .map((el) => el.id),
    );
    assert.deepEqual(unlabelled, []);
    const reached = [];
    await page.focus('#follow');
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => document.activeElement.id || document.activeElement.tagName.toLowerCase()));
    }
    const expected = ['mode-multiclass', 'gamma-slider', 'gamma', 'y-scale', 'log-base', 'mc-classes-slider', 'mc-classes', 'mc-input-as', 'mc-values', 'mc-selected', 'mc-logit-slider', 'mc-logit', 'mc-target-mode', 'mc-target', 'mc-weights', 'mc-alpha', 'mc-smoothing-slider', 'mc-smoothing'];
    const positions = expected.map((id) => reached.indexOf(id));
    assert.ok(positions.every((p) => p >= 0), `reached: ${reached.join(' ')}`);
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'in reading order');
    assert.ok(reached.filter((id) => id === 'summary').length >= 3, 'section headings are in the tab order');

    await page.focus('#mc-logit-slider');
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.inputValue('#mc-logit'), '2.1');
    await page.focus('#section-mc-classes > summary');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.getElementById('section-mc-classes').open), false);
  });

  it('a bar chart far below the fold is redrawn when it scrolls near the screen, with the values of the latest change', async () => {
    const { page } = env;
    await page.setViewportSize({ width: 1000, height: 400 });
    await page.check('#mode-multiclass');
    await openAllSections(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    const pixels = (id) => page.evaluate((c) => document.getElementById(c).toDataURL(), id);
    await page.locator('#mc-grad-chart').scrollIntoViewIfNeeded();
    await nearScreenReported(page, 'mc-grad-chart', true);
    const before = await pixels('mc-grad-chart');
    await page.evaluate(() => window.scrollTo(0, 0));
    await nearScreenReported(page, 'mc-grad-chart', false);
    await page.fill('#gamma', '4');
    assert.equal(await pixels('mc-grad-chart'), before, 'not redrawn while far off screen');
    await page.locator('#mc-grad-chart').scrollIntoViewIfNeeded();
    await page.waitForFunction((b) => document.getElementById('mc-grad-chart').toDataURL() !== b, before, { timeout: 5000 });
    // What it shows now is what a chart drawn at gamma 4 from the start shows.
    const fresh = await openExplorer(env.browser, env.server.origin, undefined, { width: 1000, height: 400 });
    try {
      await fresh.check('#mode-multiclass');
      await openAllSections(fresh);
      await fresh.fill('#gamma', '4');
      await fresh.locator('#mc-grad-chart').scrollIntoViewIfNeeded();
      await nearScreenReported(fresh, 'mc-grad-chart', true);
      assert.equal(await pixels('mc-grad-chart'), await fresh.evaluate(() => document.getElementById('mc-grad-chart').toDataURL()));
    } finally {
      await fresh.close();
    }
  });

  it('exports each chart as a PNG with a title naming it, its legend and the parameters', async () => {
    const { page } = env;
    await page.check('#mode-multiclass');
    await openAllSections(page);
    await page.fill('#mc-values', '2, 0.5, -1, 0, 1');
    await page.fill('#mc-target', '1');
    await page.fill('#mc-weights', '1 2 3 1 1');
    await page.fill('#mc-smoothing', '0.1');
    await page.fill('#gamma', '3');
    const charts = [
      { button: '#mc-save-prob-png', canvas: 'mc-prob-chart', title: 'Softmax probability of each class', legend: ['p = softmax(logits)'] },
      { button: '#mc-save-part-png', canvas: 'mc-part-chart', title: "Each class's contribution to CE and FL", legend: ['CE part', 'FL part (gamma 3)'] },
      { button: '#mc-save-grad-png', canvas: 'mc-grad-chart', title: 'Gradient of CE and FL per logit', legend: ['dCE/dx', 'dFL/dx'] },
      { button: '#mc-save-curve-png', canvas: 'mc-curve-chart', title: 'CE and FL against p_t of the true class', legend: ['CE', 'FL (gamma 3)', 'this sample: CE', 'this sample: FL'] },
    ];
    for (const chart of charts) {
      // The text the export draws, read by watching fillText while the button is clicked.
      await page.evaluate(() => {
        window.__drawn = [];
        const fillText = CanvasRenderingContext2D.prototype.fillText;
        window.__restoreFillText = () => (CanvasRenderingContext2D.prototype.fillText = fillText);
        CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
          window.__drawn.push(String(text));
          return fillText.call(this, text, ...rest);
        };
      });
      await page.click(chart.button);
      const drawn = await page.evaluate(() => {
        window.__restoreFillText();
        return window.__drawn;
      });
      const posted = (await page.evaluate(() => window.__posted)).filter((m) => m.type === 'savePng');
      const png = posted[posted.length - 1].dataUrl;
      assert.match(png, /^data:image\/png;base64,/);
      const image = await exportedPngBands(page, png, chart.canvas);
      assert.equal(image.width, image.chartWidth, `${chart.canvas}: as wide as the chart`);
      assert.ok(image.height > image.chartHeight + 40, `${chart.canvas}: room for the caption (${image.height} vs ${image.chartHeight})`);
      assert.ok(image.above > 100, `${chart.canvas}: a title above the chart`);
      assert.ok(image.below > 100, `${chart.canvas}: a legend below the chart`);
      // An off-screen bar chart paints itself first (its ticks), then the caption is drawn.
      const caption = drawn.slice(drawn.indexOf(chart.title));
      assert.ok(drawn.includes(chart.title), `${chart.canvas}: titled, in ${JSON.stringify(drawn)}`);
      for (const label of chart.legend) assert.ok(caption.includes(label), `${chart.canvas}: legend "${label}" in ${JSON.stringify(caption)}`);
      const parameters = caption.slice(1).join(' ');
      for (const part of ['5 classes, target class 1', 'gamma 3', 'class weights [1, 2, 3, 1, 1]', 'no alpha', 'label smoothing 0.1', 'log base e']) {
        assert.ok(parameters.includes(part), `${chart.canvas}: "${part}" in ${parameters}`);
      }
    }
  });
});
