// Issue 20 (what a new user tripped over), the panel's items: the Figure 1 preset and the readout
// (7), charts off screen during a resize (10), the locked header (11), the headline above the fold
// (12), the alpha message (14), the settings link (17). Each test fails on the panel before the fix.
import * as assert from 'node:assert/strict';
import { explorerSuite, openAllSections, openExplorer, postFromHost } from './explorerPage.mjs';

const text = (page, selector) => page.locator(selector).innerText();
/** The Loss Explorer beside the editor in a 1280 x 800 workbench (test/e2e/explorer.e2e.mjs prints the size it measures). */
const PANEL_AT_1280x800 = { width: 465, height: 690 };

describe('Loss Explorer: what a new user tripped over (issue 20)', function () {
  this.timeout(60_000);
  const env = explorerSuite();

  it('7. the Figure 1 preset: the readout compares FL without alpha, as the caption says, and the boxes it ignores are disabled', async () => {
    const { page } = env;
    assert.match(await text(page, '#readout'), /FL \(alpha 0\.25, gamma 2\) is 400x lower than CE/);
    await page.check('#figure1');
    assert.match(await text(page, '#curves-note'), /FL without alpha/);
    // alpha stays on for the other curves, but the preset draws none with it: neither does the readout.
    assert.equal(await page.isChecked('#alpha-on'), true);
    assert.match(await text(page, '#readout'), /^at p_t = 0\.90 \(a positive\), FL \(no alpha, gamma 2\) is 100x lower than CE$/);
    for (const id of ['curve-ce', 'curve-balanced', 'curve-focal', 'curve-focal-star', 'alpha-on', 'alpha', 'alpha-slider', 'beta', 'beta-slider']) {
      assert.equal(await page.isDisabled(`#${id}`), true, `#${id} is enabled under the preset`);
    }
    await page.uncheck('#figure1');
    for (const id of ['curve-ce', 'curve-focal', 'alpha-on', 'alpha', 'beta']) assert.equal(await page.isDisabled(`#${id}`), false, `#${id}`);
    assert.match(await text(page, '#readout'), /FL \(alpha 0\.25, gamma 2\) is 400x lower than CE/);
    // A restored panel with the preset on starts with the boxes disabled too.
    await page.check('#figure1');
    const restored = await openExplorer(env.browser, env.server.origin, await page.evaluate(() => window.__state));
    try {
      assert.equal(await restored.isDisabled('#curve-ce'), true);
      assert.match(await text(restored, '#readout'), /FL \(no alpha, gamma 2\)/);
    } finally {
      await restored.close();
    }
  });

  it('10. charts off screen while the panel narrows take the new width: no horizontal scrollbar', async () => {
    const { page } = env;
    await page.setViewportSize({ width: 1000, height: 400 });
    await page.check('#mode-multiclass');
    await openAllSections(page);
    // Every chart drawn once at 1000 px, then the page back at the top: the lower ones far off screen.
    for (const canvas of await page.locator('#multiclass-view canvas').all()) await canvas.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 400, height: 400 });
    await page.waitForFunction(() => {
      const page = document.scrollingElement;
      return page.scrollWidth <= page.clientWidth && [...document.querySelectorAll('canvas')].every((c) => c.getBoundingClientRect().width <= c.parentElement.clientWidth + 0.5);
    }, undefined, { timeout: 10_000 }).catch(async () => {
      const widths = await page.evaluate(() => [...document.querySelectorAll('canvas')].map((c) => `${c.id} ${c.getBoundingClientRect().width} in ${c.parentElement.clientWidth}`));
      throw new Error(`a chart kept its old width: ${widths.join(', ')}`);
    });
  });

  it('11. the header names the file and line of the call it shows (so a locked panel says where it is)', async () => {
    const { page } = env;
    await postFromHost(page, { type: 'call', call: { label: 'torchvision.ops.sigmoid_focal_loss (retinanet_train.py, line 31)', api: 'torchvision.ops.sigmoid_focal_loss', kind: 'focal', alpha: 0.25, gamma: 2 } });
    await page.uncheck('#follow');
    assert.equal(await text(page, '#call-label'), 'Showing torchvision.ops.sigmoid_focal_loss (retinanet_train.py, line 31)');
  });

  it('12. at 1280 x 800 the headline readout is on screen when the panel opens, without scrolling', async () => {
    const page = await openExplorer(env.browser, env.server.origin, undefined, PANEL_AT_1280x800);
    try {
      const box = await page.locator('#readout').boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= PANEL_AT_1280x800.height, `the readout is at ${box?.y}..${box && box.y + box.height} of ${PANEL_AT_1280x800.height} px`);
      assert.match(await text(page, '#readout'), /400x lower than CE/);
    } finally {
      await page.close();
    }
  });

  it('14. a refused alpha points at the on/off box, not at "null"', async () => {
    const { page } = env;
    await page.fill('#alpha', '2');
    const message = await text(page, '#alpha-error');
    assert.equal(message, 'alpha must be in [0, 1] (got 2); for no alpha weighting, untick "alpha weighting on".');
    assert.doesNotMatch(message, /null/);
    assert.equal((await page.evaluate(() => window.__state)).alpha, 0.25);
  });

  it('17. a Settings link in the header asks the host to open the Loss Lens settings', async () => {
    const { page } = env;
    const link = page.locator('header #open-settings');
    assert.equal(await link.innerText(), 'Settings');
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'openSettings'));
  });
});
