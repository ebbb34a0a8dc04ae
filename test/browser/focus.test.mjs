// Issue 14: the host's `focus` message (a walkthrough step's state) opens the section it names,
// scrolls it into view and sets alpha, gamma, Figure 1, the readout and the imbalance counts.
import * as assert from 'node:assert/strict';
import { explorerSuite, postFromHost } from './explorerPage.mjs';

const text = (page, selector) => page.locator(selector).innerText();
const isOpen = (page, section) => page.evaluate((id) => document.getElementById(id).open, `section-${section}`);
/** The section's heading is at the top of the viewport, or as near as the page's end lets it come. */
const scrolledTo = (page, section) =>
  page.waitForFunction((id) => {
    const top = document.getElementById(id).getBoundingClientRect().top;
    const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    return Math.abs(top) < 2 || (atEnd && window.scrollY > 0 && top > 0 && top < window.innerHeight / 2);
  }, `section-${section}`);

describe('Loss Explorer focus message (issue 14)', function () {
  this.timeout(60_000);
  const env = explorerSuite({ width: 1000, height: 700 });

  it('opens the worked examples, scrolled into view, at alpha 0.75 and gamma 0', async () => {
    const { page } = env;
    assert.equal(await isOpen(page, 'examples'), false, 'folded at first');
    await postFromHost(page, { type: 'focus', focus: { section: 'examples', alpha: 0.75, gamma: 0, figure1: false } });
    await page.waitForFunction(() => document.getElementById('section-examples').open);
    assert.equal(await page.inputValue('#alpha'), '0.75');
    assert.equal(await page.inputValue('#gamma'), '0');
    assert.equal(await page.isChecked('#alpha-on'), true);
    await scrolledTo(page, 'examples');
    assert.ok(await page.locator('#examples-table tbody tr').count() >= 8);
    const state = await page.evaluate(() => window.__state);
    assert.equal(state.sections.examples, true, 'remembered as open');
    assert.equal(state.alpha, 0.75);
    assert.equal(state.gamma, 0);
  });

  it('shows Figure 1 without alpha at gamma 2, read at p_t = 0.9: 100x lower', async () => {
    const { page } = env;
    await postFromHost(page, { type: 'focus', focus: { section: 'curves', alpha: null, gamma: 2, figure1: true, readPt: 0.9 } });
    await page.waitForFunction(() => document.getElementById('figure1').checked);
    assert.equal(await page.isChecked('#alpha-on'), false);
    assert.equal(await page.inputValue('#gamma'), '2');
    assert.equal(await page.inputValue('#read-pt'), '0.9');
    assert.match(await text(page, '#readout'), /^at p_t = 0\.90 \(a positive\), FL \(no alpha, gamma 2\) is 100x lower than CE$/);
    assert.match(await text(page, '#curves-note'), /Figure 1/);
  });

  it('opens the imbalance view at paper scale and rebuilds it there', async () => {
    const { page } = env;
    await postFromHost(page, { type: 'focus', focus: { section: 'imbalance', alpha: 0.25, gamma: 2, imbalanceScale: 'paper' } });
    await page.waitForFunction(() => document.getElementById('section-imbalance').open);
    assert.equal(await page.inputValue('#imbalance-scale'), 'paper');
    await page.waitForFunction(() => /built in/.test(document.getElementById('imbalance-status').textContent), undefined, { timeout: 30_000 });
    assert.match(await text(page, '#imbalance-status'), /^100,000 : 10,000,000 \(paper scale\): built in \d+ ms\.$/);
    await scrolledTo(page, 'imbalance');
    assert.equal((await page.evaluate(() => window.__state)).imbalance.scale, 'paper');
  });

  it('switches to the multi-class view for its sections, and back', async () => {
    const { page } = env;
    await postFromHost(page, { type: 'focus', focus: { section: 'mc-curve', gamma: 1 } });
    await page.waitForFunction(() => !document.getElementById('multiclass-view').hidden);
    assert.equal(await page.isChecked('#mode-multiclass'), true);
    await postFromHost(page, { type: 'focus', focus: { section: 'values' } });
    await page.waitForFunction(() => !document.getElementById('binary-view').hidden);
    assert.equal(await page.inputValue('#gamma'), '1', 'gamma is shared and kept');
  });

  it('ignores a malformed focus', async () => {
    const { page } = env;
    await postFromHost(page, { type: 'focus', focus: { section: 'examples', gamma: -1 } });
    await postFromHost(page, { type: 'focus', focus: { section: 'nowhere' } });
    // Messages are handled in order: once a valid one after them has taken effect, so had they.
    assert.equal(await isOpen(page, 'imbalance'), false, 'folded at first');
    await postFromHost(page, { type: 'focus', focus: { section: 'imbalance' } });
    await page.waitForFunction(() => document.getElementById('section-imbalance').open);
    assert.equal(await isOpen(page, 'examples'), false);
    assert.equal(await page.inputValue('#gamma'), '2');
  });
});
