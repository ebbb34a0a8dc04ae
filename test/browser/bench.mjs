// Loss Explorer speed in headless Chromium, on the production (minified) bundle.
// Run: npm run bench:webview. Prints one figure a line with its target.
//   - gamma slider input -> charts redrawn (handler time: the charts draw synchronously, Chart.js
//     the axes and the series plugin the curves, so the canvas holds the new curves when the input
//     event returns; nothing is deferred to a later frame), with the 1e5-anchor imbalance view
//   - the same at the paper's scale (1e7 negatives): one exp pass per class per gamma change
//   - building the paper-scale classes, and the bundle size
//   - the multi-class view with 1,000 classes: gamma slider and one class's logit slider -> softmax,
//     contributions and gradient bars, the class table and the CE / FL curves redrawn. A bar chart
//     far below the fold is drawn when it comes near the screen, so at 1200 x 900 that is what the
//     person sees redrawn; the same at 1200 x 2600, every chart on screen, is the worst case.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, loadPlaywright, openAllSections, openExplorer, startServer } from './explorerPage.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = 41;

const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const bundleBytes = statSync(join(root, 'dist', 'webview', 'main.js')).size;

/** Moves a slider `runs` times; per move, the input handler's time and the time to the next frame. */
function sliderTimes(page, runs, id = 'gamma-slider') {
  return page.evaluate(async ({ n, id }) => {
    const slider = document.getElementById(id);
    const handler = [];
    const frame = [];
    for (let i = 0; i < n; i++) {
      slider.value = String(1 + (i % 10) * 0.3);
      const start = performance.now();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      handler.push(performance.now() - start);
      await new Promise((done) => requestAnimationFrame(() => done()));
      frame.push(performance.now() - start);
    }
    return { handler, frame };
  }, { n: runs, id });
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

const rows = [];
function record(name, value, unit, target) {
  rows.push([name, value, unit, target]);
}

const server = await startServer();
const browser = await loadPlaywright().chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await openExplorer(browser, server.origin, undefined, { width: 1200, height: 900 });
  // Every section open: the worst case, every chart laid out.
  await openAllSections(page);
  const curves = await page.evaluate(() => document.getElementById('curves-note').textContent);
  await sliderTimes(page, 30); // warm-up: let the JIT settle
  let t = await sliderTimes(page, RUNS);
  record('gamma input -> redrawn (4 loss + 4 gradient curves x 1000, 1e5 imbalance), median', quantile(t.handler, 0.5), 'ms', 16);
  record('  same, p95', quantile(t.handler, 0.95), 'ms', 16);
  record('  same, to next animation frame, median', quantile(t.frame, 0.5), 'ms', undefined);

  await page.check('#figure1');
  await sliderTimes(page, 5);
  t = await sliderTimes(page, RUNS);
  record('Figure 1 preset (5 + 5 curves x 1000, 1e5 imbalance), median', quantile(t.handler, 0.5), 'ms', 16);
  record('  same, p95', quantile(t.handler, 0.95), 'ms', 16);
  await page.uncheck('#figure1');
  await sliderTimes(page, 5);
  t = await sliderTimes(page, RUNS);
  record('normal view again (JIT warm), median', quantile(t.handler, 0.5), 'ms', 16);
  record('  same, p95', quantile(t.handler, 0.95), 'ms', 16);

  await page.selectOption('#imbalance-scale', 'paper');
  await page.waitForFunction(() => /built in/.test(document.getElementById('imbalance-status').textContent), undefined, { timeout: 120_000 });
  const status = await page.evaluate(() => document.getElementById('imbalance-status').textContent);
  record('paper scale: build 1e5 positives + 1e7 negatives (+ Figure 4)', Number(/built in (\d+) ms/.exec(status)[1]), 'ms', undefined);
  await sliderTimes(page, 3);
  t = await sliderTimes(page, 15);
  record('paper scale: gamma input -> table and charts redrawn, median', quantile(t.handler, 0.5), 'ms', 100);
  record('  same, p95', quantile(t.handler, 0.95), 'ms', 100);
  const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN);
  record('paper scale: JS heap in use', heap / 1e6, 'MB', undefined);

  const multi = await openExplorer(browser, server.origin, undefined, { width: 1200, height: 900 });
  await openAllSections(multi);
  await multi.check('#mode-multiclass');
  await multi.fill('#mc-classes', '1000');
  await multi.fill('#mc-weights', Array.from({ length: 1000 }, (_, c) => 1 + (c % 3)).join(' '));
  await multi.fill('#mc-smoothing', '0.1');
  await sliderTimes(multi, 30);
  t = await sliderTimes(multi, RUNS);
  record('multi-class, 1000 classes: gamma input -> 3 bar charts, table, 2 curves x 1000, median', quantile(t.handler, 0.5), 'ms', 16);
  record('  same, p95', quantile(t.handler, 0.95), 'ms', 16);
  await sliderTimes(multi, 10, 'mc-logit-slider');
  t = await sliderTimes(multi, RUNS, 'mc-logit-slider');
  record('multi-class, 1000 classes: one logit input -> everything redrawn, median', quantile(t.handler, 0.5), 'ms', 16);
  record('  same, p95', quantile(t.handler, 0.95), 'ms', 16);
  await multi.setViewportSize({ width: 1200, height: 2600 });
  await sliderTimes(multi, 10);
  t = await sliderTimes(multi, RUNS);
  record('multi-class, every chart on screen (1200 x 2600): gamma input -> redrawn, median', quantile(t.handler, 0.5), 'ms', 16);
  record('  same, p95', quantile(t.handler, 0.95), 'ms', 16);
  await sliderTimes(multi, 10, 'mc-logit-slider');
  t = await sliderTimes(multi, RUNS, 'mc-logit-slider');
  record('multi-class, every chart on screen: one logit input -> redrawn, median', quantile(t.handler, 0.5), 'ms', 16);
  record('  same, p95', quantile(t.handler, 0.95), 'ms', 16);
  const multiViolations = await multi.evaluate(() => window.__violations.concat(window.__errors));
  if (multiViolations.length > 0) throw new Error(`multi-class page: ${multiViolations.join(', ')}`);
  const violations = await page.evaluate(() => window.__violations);
  if (violations.length > 0) throw new Error(`CSP violations: ${violations.join(', ')}`);
  console.log(`\nLoss Explorer webview (${curves.trim()})`);
} finally {
  await browser.close();
  await server.close();
}
record('webview bundle, minified (dist/webview/main.js)', bundleBytes / 1024, 'KB', 250);

const { loadavg, cpus } = await import('node:os');
console.log(`  (machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}; figures are wall times)`);
for (const [name, value, unit, target] of rows) {
  const verdict = target === undefined ? '' : value <= target ? `  (target <= ${target}: met)` : `  (target <= ${target}: MISSED)`;
  console.log(`  ${name.padEnd(84)} ${value.toFixed(value < 10 ? 2 : 1).padStart(8)} ${unit}${verdict}`);
}
