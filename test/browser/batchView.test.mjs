// The "This batch" view in headless Chromium, fed the batches recorded from real debugpy sessions
// (test/fixtures/batch) as the host posts them: the debuggee's numbers at the call's parameters,
// the core's numbers after a control change, the estimated label for a sampled batch, text from
// the debuggee shown as text only, and the refresh round trip. Screenshots in light and dark go to
// $LOSSLENS_SCREENSHOTS when it is set.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedBatch, recordedBatch } from './batchPage.mjs';
import { closeCleanPage, explorerSuite, loadSourceModule, openAllSections, openExplorer, postFromHost } from './explorerPage.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const themes = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'webviewThemes.json'), 'utf8')).themes;

/** The numbers table as [[quantity, value, how], ...]. */
function numbersTable(page) {
  return page.locator('#batch-numbers tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
}

async function showBatch(page, batch) {
  await postFromHost(page, { type: 'batch', batch });
  await page.waitForFunction(() => !document.getElementById('batch-view').hidden && document.querySelectorAll('#batch-numbers tbody tr').length > 0);
}

function applyTheme(page, theme) {
  return page.evaluate(({ colors, bodyClass }) => {
    for (const [name, value] of Object.entries(colors)) document.documentElement.style.setProperty(name, value);
    document.body.className = bodyClass;
  }, theme);
}

describe('Loss Explorer batch view (headless Chromium)', function () {
  this.timeout(120_000);
  const env = explorerSuite({ width: 1280, height: 800 });
  let core;
  const f = (v) => core.formatNumber(v, 4);
  before(async () => {
    core = await loadSourceModule('core/index');
  });

  it('shows the stop, the inputs and the debuggee\'s exact numbers at the call\'s parameters (retina)', async () => {
    const { page } = env;
    const batch = recordedBatch('retina');
    await showBatch(page, batch);
    assert.equal(await page.isChecked('#mode-batch'), true);
    assert.equal(await page.isVisible('#binary-view'), false);
    assert.equal(await page.locator('#batch-stop').innerText(), 'Paused at live/retina_step.py:11 in train_step, 12:34:56');
    assert.match(await page.locator('#batch-inputs').innerText(), /^cls_logits float32 \[100000\] · gt_targets float32 \[100000\]$/);
    const rows = await numbersTable(page);
    const s = batch.summary;
    assert.deepEqual(rows[0], ['loss (focal loss, reduction "sum")', f(s.loss.sum), 'exact']);
    assert.deepEqual(rows.find((r) => r[0].startsWith('loss, sum / positives')).slice(1), [f(s.loss.perPositive), 'exact']);
    assert.deepEqual(rows.find((r) => r[0] === 'plain CE, mean').slice(1), [f(s.ce.mean), 'exact']);
    const pct = (v) => `${core.formatNumber(v * 100, v >= 0.1 ? 3 : 2)}%`;
    assert.deepEqual(rows.find((r) => r[0].startsWith('easy negatives (p_t > 0.9, 80,847)')).slice(1), [pct(s.easy.ceShare), 'exact']);
    assert.deepEqual(rows.find((r) => r[0].startsWith('easy negatives (p_t > 0.9): share of the loss')).slice(1), [pct(s.easy.flShare), 'exact']);
    assert.deepEqual(rows.find((r) => r[0].startsWith('hardest 1%')).slice(1), [pct(s.hardest.p1), 'exact']);
    assert.match(await page.locator('#batch-sample').innerText(), /Every value is exact over the whole batch \(100,000 values\)/);
    // Figure 4's readout reads the debuggee's curves at fraction 0.9.
    const view = s.view;
    const k = view.fractions.indexOf(0.9);
    assert.equal(await page.locator('#batch-readout').innerText(), `Under CE the easiest 90% of negatives carry ${pct(view.negatives.curves[0][k])} of the negative loss; at gamma 2, ${pct(view.negatives.curves[3][k])}.`);
    // The hardest samples by index in the prediction, with CE and FL from the core.
    const first = await page.locator('#batch-hardest tbody tr').first().evaluate((tr) => [...tr.children].map((c) => c.textContent));
    const hard = view.positives.hardest[0];
    assert.equal(first[0], `cls_logits[${hard.index.join(', ')}]`);
    assert.deepEqual(first.slice(1), ['positives', f(hard.pt), f(core.lossFromLogit('ce', hard.x, 1)), f(core.lossFromLogit('focal', hard.x, 1, { alpha: 0.25, gamma: 2 }))]);
    for (const id of ['batch-figure4-chart', 'batch-histogram-chart', 'batch-scatter-chart']) {
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      assert.ok(await page.evaluate((c) => document.getElementById(c).toDataURL().length > 5000, id), `${id} drawn`);
    }
  });

  it('recomputes with the core when gamma, alpha or label smoothing move, without asking the host', async () => {
    const { page } = env;
    const batch = recordedBatch('retina');
    await showBatch(page, batch);
    const posted = await page.evaluate(() => window.__posted.length);
    const prepared = core.prepareBatchView(batch.spec, batch.summary);
    await page.fill('#batch-gamma', '1.5');
    let n = core.batchViewNumbers(prepared, { alpha: 0.25, gamma: 1.5, labelSmoothing: 0, posWeight: null, weight: null });
    assert.deepEqual((await numbersTable(page))[0].slice(1), [f(n.loss.sum.value), 'exact']);
    assert.match(await page.locator('#batch-readout').innerText(), /; at gamma 1\.5, /);
    await page.fill('#batch-alpha', '0.5');
    await page.fill('#batch-smoothing', '0.1');
    n = core.batchViewNumbers(prepared, { alpha: 0.5, gamma: 1.5, labelSmoothing: 0.1, posWeight: null, weight: null });
    assert.deepEqual((await numbersTable(page))[0].slice(1), [f(n.loss.sum.value), 'exact']);
    // A refused value says why and keeps the last good one.
    await page.fill('#batch-smoothing', '2');
    assert.match(await page.locator('#batch-smoothing-error').innerText(), /label smoothing must be in \[0, 1\]/);
    assert.deepEqual((await numbersTable(page))[0].slice(1), [f(n.loss.sum.value), 'exact']);
    await page.click('#batch-reset');
    assert.deepEqual((await numbersTable(page))[0].slice(1), [f(batch.summary.loss.sum), 'exact']);
    await page.check('#batch-paper-gammas');
    assert.equal(await page.locator('#batch-figure4-chart').locator('xpath=../following-sibling::ul[1]/li').count(), 8);
    assert.equal(await page.evaluate(() => window.__posted.length), posted, 'nothing posted to the host');
  });

  it('softmax: the debuggee\'s mean with class weights and smoothing, per-class shares, and new weights from the core', async () => {
    const { page } = env;
    const batch = recordedBatch('softmax');
    await showBatch(page, batch);
    const rows = await numbersTable(page);
    assert.deepEqual(rows[0], ['loss (CE, reduction "mean")', f(batch.summary.loss.value), 'exact']);
    const total = batch.summary.perClass.loss.reduce((a, b) => a + b, 0);
    const share7 = batch.summary.perClass.loss[7] / total;
    assert.deepEqual(rows.find((r) => r[0] === 'share of the loss: class 7').slice(1), [`${core.formatNumber(share7 * 100, 3)}%`, 'exact']);
    assert.equal(await page.isVisible('#batch-alpha'), false);
    // CE at gamma 0 is read against the paper's gamma 2 (the debuggee's curves).
    const view = batch.summary.view;
    const k = view.fractions.indexOf(0.9);
    const pct = (v) => `${core.formatNumber(v * 100, v >= 0.1 ? 3 : 2)}%`;
    assert.equal(await page.locator('#batch-readout').innerText(), `Under CE the easiest 90% of samples carry ${pct(view.all.curves[0][k])} of the loss; at gamma 2, ${pct(view.all.curves[3][k])}.`);
    // Label smoothing: a single sample's loss needs its whole row, which the hardest list does not carry.
    assert.equal(await page.isVisible('#batch-hardest-note'), true);
    await page.fill('#batch-weights', '1 1 1 1 1 1 1 1 1 2');
    const n = core.batchViewNumbers(core.prepareBatchView(batch.spec, batch.summary), { alpha: null, gamma: 0, labelSmoothing: 0.1, posWeight: null, weight: [1, 1, 1, 1, 1, 1, 1, 1, 1, 2] });
    assert.deepEqual((await numbersTable(page))[0].slice(1), [f(n.loss.value.value), 'exact']);
    assert.match(await page.locator('#batch-note').innerText(), /only the total is known/);
    await page.fill('#batch-weights', '1 2');
    assert.match(await page.locator('#batch-weights-error').innerText(), /10/);
    const first = await page.locator('#batch-hardest tbody tr th').first().innerText();
    assert.match(first, /^logits\[\d+, :\]$/);
  });

  it('labels a batch larger than its sample: estimated from a sample of S of N', async function () {
    const { page } = env;
    const batch = generatedBatch(200000, 50000);
    await showBatch(page, batch);
    // At the call's parameters every number is the debuggee's.
    assert.match(await page.locator('#batch-sample').innerText(), /Every value is exact/);
    await page.fill('#batch-gamma', '1.5');
    assert.equal(await page.locator('#batch-sample').innerText(), 'Values marked ≈ are estimated from a sample of 50,000 of 200,000.');
    const first = (await numbersTable(page))[0];
    assert.match(first[1], /^≈ /);
    assert.equal(first[2], 'estimated');
    // gamma 1 is one of the paper's: exact again from the debuggee's sums.
    await page.fill('#batch-gamma', '1');
    assert.equal((await numbersTable(page))[0][2], 'exact');
  });

  it('shows expressions, labels and file names from the debuggee as text, never as HTML', async () => {
    const { page } = env;
    const batch = recordedBatch('retina', {
      pred: 'x[<b>1</b>]',
      target: '<img src=x onerror="window.__pwned=1">',
      label: '<script>window.__pwned=2</script>',
      stop: { file: '<i>a</i>.py', line: 3, frame: '<u>f</u>', time: '00:00:01' },
    });
    batch.summary = { ...batch.summary, inputs: { pred: { type: 'torch.Tensor', shape: [100000], dtype: '<em>float32</em>' }, target: batch.summary.inputs.target } };
    await showBatch(page, batch);
    assert.equal(await page.locator('#batch-view b, #batch-view img, #batch-view script, #batch-view i, #batch-view u, #batch-view em').count(), 0);
    assert.match(await page.locator('#batch-inputs').innerText(), /^x\[<b>1<\/b>\] <em>float32<\/em> \[100000\] · <img src=x onerror="window.__pwned=1">/);
    assert.equal(await page.locator('#batch-call').innerText(), '<script>window.__pwned=2</script>');
    assert.equal(await page.locator('#batch-stop').innerText(), 'Paused at <i>a</i>.py:3 in <u>f</u>, 00:00:01');
    assert.match(await page.locator('#batch-hardest tbody tr th').first().innerText(), /^x\[<b>1<\/b>\]\[\d+\]$/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });

  it('a batch with element weights: its stop and inputs, and no numbers the view cannot compute', async () => {
    const { page } = env;
    const batch = recordedBatch('retina');
    batch.spec = { ...batch.spec, elementWeight: [1, 0.5] };
    await postFromHost(page, { type: 'batch', batch });
    await page.waitForFunction(() => !document.getElementById('batch-view').hidden);
    assert.match(await page.locator('#batch-stop').innerText(), /retina_step\.py:11/);
    assert.match(await page.locator('#batch-unmodelled').innerText(), /does not model a pos_weight per class or element weights yet/);
    assert.equal(await page.isVisible('#batch-numbers'), false);
    assert.equal(await page.isVisible('#batch-figure4-chart'), false);
    // A batch it models brings the numbers back.
    await showBatch(page, recordedBatch('retina'));
    assert.equal(await page.isVisible('#batch-unmodelled'), false);
    assert.equal(await page.isVisible('#batch-numbers'), true);
  });

  it('refresh posts refreshBatch and shows the host\'s reading and failed states, keeping the batch', async () => {
    const { page } = env;
    await showBatch(page, recordedBatch('retina'));
    await page.click('#batch-refresh');
    assert.ok(await page.evaluate(() => window.__posted.some((m) => m.type === 'refreshBatch')));
    await postFromHost(page, { type: 'batchStatus', status: 'reading', detail: 'Reading the batch at the current stop…' });
    await page.waitForFunction(() => /Reading the batch/.test(document.getElementById('batch-status').textContent));
    await postFromHost(page, { type: 'batchStatus', status: 'failed', detail: 'the session is running, not paused' });
    await page.waitForFunction(() => /Not refreshed: the session is running, not paused/.test(document.getElementById('batch-status').textContent));
    assert.match(await page.locator('#batch-stop').innerText(), /retina_step\.py:11/);
  });

  it('exports the summary as CSV and Markdown and the charts as PNG with a caption', async () => {
    const { page } = env;
    await showBatch(page, recordedBatch('retina'));
    await page.click('#batch-copy-csv');
    await page.click('#batch-copy-markdown');
    await page.click('#batch-save-figure4-png');
    const posted = await page.evaluate(() => window.__posted.filter((m) => m.type === 'copyText' || m.type === 'savePng'));
    const csv = posted.find((m) => m.format === 'csv').text;
    assert.ok(csv.startsWith('quantity,value,how\r\nbatch,"Paused at live/retina_step.py:11 in train_step, 12:34:56 · cls_logits [100000] · alpha 0.25, gamma 2, label smoothing 0",\r\n'), csv);
    assert.ok(csv.includes(`"loss (focal loss, reduction ""sum"")",${f(2271.63739974173)},exact\r\n`), csv);
    assert.match(posted.find((m) => m.format === 'markdown').text, /^\| quantity \| value \| how \|/);
    assert.match(posted.find((m) => m.type === 'savePng').dataUrl, /^data:image\/png;base64,/);
  });

  it('a reloaded panel in the batch view (no batch kept: it is the debuggee data) says how to get one', async () => {
    const page = await openExplorer(env.browser, env.server.origin, { version: 1, mode: 'batch' }, { width: 640, height: 800 });
    try {
      assert.equal(await page.isChecked('#mode-batch'), true);
      assert.match(await page.locator('#batch-empty').innerText(), /^No batch yet: pause a Python debug session/);
      assert.equal(await page.isVisible('#batch-details'), false);
      assert.equal(await page.isVisible('#gamma-slider'), false, "the other views' shared gamma is hidden here");
      await page.check('#mode-binary');
      assert.equal(await page.isVisible('#gamma-slider'), true);
    } finally {
      await closeCleanPage(page);
    }
  });

  it('screenshots: light and dark, full and half width', async function () {
    const dir = process.env.LOSSLENS_SCREENSHOTS;
    if (!dir) this.skip();
    mkdirSync(dir, { recursive: true });
    const { page } = env;
    for (const [name, fixture] of [['retina', recordedBatch('retina')], ['softmax', recordedBatch('softmax')]]) {
      await showBatch(page, fixture);
      await openAllSections(page);
      for (const [theme, label] of [['Light Modern', 'light'], ['Dark Modern', 'dark']]) {
        await applyTheme(page, themes[theme]);
        for (const [width, size] of [[1280, 'full'], [640, 'half']]) {
          await page.setViewportSize({ width, height: 800 });
          // Bar charts below the fold are drawn when they come near the screen (as a person scrolls).
          for (const id of ['batch-class-count-chart', 'batch-class-share-chart']) if (await page.isVisible(`#${id}`)) await page.locator(`#${id}`).scrollIntoViewIfNeeded();
          await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
          await page.screenshot({ path: join(dir, `${name}-${label}-${size}.png`), fullPage: true });
        }
      }
    }
  });
});
