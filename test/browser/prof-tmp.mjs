import { recordedBatch } from './batchPage.mjs';
import { CHROMIUM_ARGS, loadPlaywright, openAllSections, openExplorer, startServer } from './explorerPage.mjs';
const server = await startServer();
const browser = await loadPlaywright().chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await openExplorer(browser, server.origin, undefined, { width: 1280, height: 800 });
await openAllSections(page);
await page.evaluate((b) => { window.__batch = b; }, recordedBatch('retina'));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const mode = process.argv[2];
await cdp.send('Profiler.start');
const times = await page.evaluate(async (mode) => {
  const out = [];
  if (mode === 'first') {
    for (let i = 0; i < 5; i++) { const s = performance.now(); window.dispatchEvent(new MessageEvent('message', { data: { type: 'batch', batch: window.__batch } })); out.push(performance.now() - s); await new Promise((d) => requestAnimationFrame(d)); }
  } else {
    window.dispatchEvent(new MessageEvent('message', { data: { type: 'batch', batch: window.__batch } }));
    const slider = document.getElementById('batch-gamma-slider');
    for (let i = 0; i < 40; i++) { slider.value = String(1 + (i % 10) * 0.3); const s = performance.now(); slider.dispatchEvent(new Event('input', { bubbles: true })); out.push(performance.now() - s); await new Promise((d) => requestAnimationFrame(d)); }
  }
  return out;
}, mode);
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = {};
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = `${n.callFrame.functionName || '(anon)'}:${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self[k] = (self[k] || 0) + profile.timeDeltas[i]; });
console.log(times.map((t) => t.toFixed(1)).join(' '));
console.log(Object.entries(self).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(v / 1000).toFixed(1)}ms ${k}`).join('\n'));
await browser.close(); await server.close();
