// UI checks: runs every test/e2e/*.e2e.mjs scenario in a fresh workbench page against one
// code-server (and one more per display language a scenario asks for with `export const locale`),
// and saves their screenshots to screenshots/. Exit code 0 when all pass.
//   node test/e2e/run.mjs                   the extension under development (needs `npm run build` and `node esbuild.mjs --tests`)
//   node test/e2e/run.mjs --vsix FILE.vsix  the packaged extension, installed as a user would
//   node test/e2e/run.mjs --grep compute    only scenarios whose name contains "compute"
//   node test/e2e/run.mjs --url URL         against a server already running (the URL `npm start` prints)
//   node test/e2e/run.mjs --readme          then copy the README's pictures to media/screenshots/ (npm run screenshots)
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installExtension, repoRoot, startServer, workbenchUrl } from '../harness/server.mjs';
import { checkNotices, installedFolder } from './packageContents.mjs';
import { pngsToWebp } from './webp.mjs';
import { Workbench, screenshotDir } from './workbench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const option = (flag) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const vsix = option('--vsix');
const grep = option('--grep');
const givenUrl = option('--url');
const forReadme = process.argv.includes('--readme');
/**
 * The screenshots README.md shows, refreshed by `npm run screenshots` as WebP (the .vsix ships them:
 * the installed extension's details page shows the README with its pictures).
 */
const README_SHOTS = ['hover', 'live-hover-light', 'live-hover-dark', 'batch-view-figure4-light', 'explorer-light', 'explorer-multiclass-dark', 'selection', 'lint-quick-fix-dark'];
const workspace = join(repoRoot, 'test', 'sample-workspace');
// One extension bundle for both hosts (about 550 KB, 150 KB packed: it grows with the catalog of
// libraries the hover knows and the lint's rules), the webview's (about 270 KB, mostly Chart.js), the Korean
// strings (143 KB, 36 KB packed), and three of the README's pictures as WebP (cropped to what they show)
// inlined in its README (packageReadme.mjs: about 250 KB with the text; base64 pictures hardly pack): 458 KB
// in all early on 2026-12-07, 528 KB at its end (24 files, none but the allow-list's). The limit leaves the
// code room to grow while a file that should not ship (a source map, node_modules, the screenshots folder:
// each adds hundreds of KB) still shows here.
const VSIX_LIMIT_KB = 600;

const files = readdirSync(here).filter((f) => f.endsWith('.e2e.mjs')).sort();
const scenarios = [];
for (const file of files) {
  const scenario = await import(pathToFileURL(join(here, file)).href);
  if (grep && !scenario.name.includes(grep)) continue;
  if (scenario.packagedOnly && !vsix) console.log(`  - ${scenario.name}: skipped (checks the packaged extension: run with --vsix)`);
  else scenarios.push(scenario);
}

const started = Date.now();
let extensionsDir;
if (vsix) {
  // A fresh extensions folder holding only the packaged extension: what ships is what is tested.
  // Everything the extension ships must stay small: .vscodeignore is an allow-list.
  const kb = statSync(vsix).size / 1024;
  console.log(`${vsix}: ${kb.toFixed(1)} KB (limit ${VSIX_LIMIT_KB} KB)`);
  if (kb > VSIX_LIMIT_KB) {
    console.error(`${vsix} is larger than ${VSIX_LIMIT_KB} KB: check .vscodeignore.`);
    process.exit(1);
  }
  extensionsDir = mkdtempSync(join(tmpdir(), 'loss-lens-vsix-ext-'));
  console.log(installExtension(resolve(vsix), extensionsDir));
}
// Scenarios that export a `locale` (korean.e2e.mjs: 'ko') need VS Code started in that display
// language: they run after the others, against a server of their own (none with --url).
const groups = [undefined, ...new Set(scenarios.map((scenario) => scenario.locale).filter(Boolean))];
/** Every scenario's outcome, printed as it comes and counted at the end: 'passed' or 'failed'. */
const results = new Map();
const report = (scenario, outcome, line) => {
  results.set(scenario.name, outcome);
  console.log(line);
};
// What must be closed whatever happens: the open browser and server, on a failure, an error thrown
// outside any check (a wait a scenario left pending) or Ctrl+C.
const open = { workbench: undefined, server: undefined };
let current;
process.on('unhandledRejection', (reason) => {
  const message = reason instanceof Error ? reason.message : String(reason);
  console.log(`    an error outside any check${current ? ` (during ${current.name})` : ''}: ${message.split('\n')[0]}`);
  if (current) results.set(current.name, 'failed');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    console.log(`\n${signal}: closing the browser and VS Code Server`);
    await cleanUp();
    process.exit(130);
  });
}
async function cleanUp() {
  await open.workbench?.close();
  open.workbench = undefined;
  await open.server?.stop().catch(() => {});
  open.server = undefined;
  if (extensionsDir) rmSync(extensionsDir, { recursive: true, force: true });
}

try {
  console.log(`UI checks (${givenUrl ? givenUrl : vsix ? `installed from ${vsix}` : 'extension under development'}):`);
  if (vsix) {
    // Not a workbench check, but one of what the user installs: the bundled packages' licences.
    const notices = { name: 'third-party-notices' };
    try {
      const packages = await checkNotices(installedFolder(extensionsDir));
      report(notices, 'passed', `  ✔ ${notices.name}: ThirdPartyNotices.txt has the licence of ${packages.join(', ')}`);
    } catch (error) {
      report(notices, 'failed', `  ✖ ${notices.name}: ${error instanceof Error ? error.message : error}`);
    }
  }
  for (const locale of groups) {
    const group = scenarios.filter((scenario) => scenario.locale === locale);
    if (group.length === 0) continue;
    if (locale && givenUrl) {
      console.log(`  - ${group.map((scenario) => scenario.name).join(', ')}: skipped (needs VS Code started with --locale ${locale}, not the server at --url)`);
      continue;
    }
    try {
      // A scenario that debugs a sample (`export const debugAdapter = true`) needs the debugpy test fixture.
      const debugAdapter = group.some((scenario) => scenario.debugAdapter);
      open.server = givenUrl ? { stop: async () => {} } : await startServer({ workspace, extensionsDir, debugAdapter, ...(locale ? { locale } : {}) });
    } catch (error) {
      for (const scenario of group) report(scenario, 'failed', `  ✖ ${scenario.name}: VS Code Server did not start: ${error instanceof Error ? error.message : error}`);
      continue;
    }
    const url = givenUrl ?? workbenchUrl(open.server, { folder: workspace, ...(vsix ? {} : { extensionDevelopmentPath: repoRoot }) });
    for (const scenario of group) {
      const t0 = Date.now();
      current = scenario;
      let wb;
      try {
        // The packaged run keeps its pictures apart: screenshots/*.png are the README's.
        wb = open.workbench = await Workbench.open(url, { shotsDir: vsix ? join(screenshotDir, 'vsix') : screenshotDir });
        await scenario.run(wb);
        if (results.get(scenario.name) === 'failed') throw new Error('an error outside the check (above)');
        report(scenario, 'passed', `  ✔ ${scenario.name}${locale ? ` (VS Code in ${locale})` : ''} (${Date.now() - t0} ms)`);
      } catch (error) {
        const shot = wb ? await wb.screenshot(`failure-${scenario.name}`).catch(() => 'none') : 'none (no workbench)';
        report(scenario, 'failed', `  ✖ ${scenario.name}: ${error instanceof Error ? error.message : error}\n    screenshot: ${shot}`);
        if (wb?.errors.length) console.log(`    page errors:\n      ${wb.errors.join('\n      ')}`);
      } finally {
        await wb?.close();
        open.workbench = undefined;
        current = undefined;
      }
    }
    await open.server.stop().catch((error) => console.log(`    VS Code Server did not stop cleanly: ${error.message}`));
    open.server = undefined;
  }
} finally {
  await cleanUp();
}
const failures = [...results.values()].filter((outcome) => outcome !== 'passed').length + scenarios.filter((scenario) => !results.has(scenario.name) && !(scenario.locale && givenUrl)).length;
if (forReadme && !failures) {
  const target = join(repoRoot, 'media', 'screenshots');
  mkdirSync(target, { recursive: true });
  await pngsToWebp(README_SHOTS.map((shot) => [join(screenshotDir, `${shot}.png`), join(target, `${shot}.webp`)]));
  console.log(`README pictures copied to ${target}`);
}
const passed = [...results.values()].filter((outcome) => outcome === 'passed').length;
console.log(`UI checks: ${passed} passed, ${failures} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failures ? 1 : 0);
