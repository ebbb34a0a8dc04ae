// UI checks: runs every test/e2e/*.e2e.mjs scenario in a fresh workbench page against one
// code-server (and one more per display language a scenario asks for with `export const locale`),
// and saves their screenshots to screenshots/. Exit code 0 when all pass.
//   node test/e2e/run.mjs                   the extension under development (needs `npm run build` and `node esbuild.mjs --tests`)
//   node test/e2e/run.mjs --vsix FILE.vsix  the packaged extension, installed as a user would
//   node test/e2e/run.mjs --grep compute    only scenarios whose name contains "compute"
//   node test/e2e/run.mjs --url URL         against a server already running (the URL `npm start` prints)
//   node test/e2e/run.mjs --readme          then copy the README's pictures to media/screenshots/ (npm run screenshots)
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installExtension, repoRoot, startServer, workbenchUrl } from '../harness/server.mjs';
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
/** The screenshots README.md shows, refreshed by `npm run screenshots`. */
const README_SHOTS = ['hover', 'lint-quick-fix-light', 'lint-quick-fix-dark', 'explorer-light', 'explorer-dark', 'explorer-high-contrast', 'explorer-multiclass-light', 'explorer-multiclass-dark', 'explorer-multiclass-high-contrast', 'selection', 'compute-loss', 'hover-ko', 'explorer-ko'];
const workspace = join(repoRoot, 'test', 'sample-workspace');
const VSIX_LIMIT_KB = 400;

const files = readdirSync(here).filter((f) => f.endsWith('.e2e.mjs')).sort();
const scenarios = [];
for (const file of files) {
  const scenario = await import(pathToFileURL(join(here, file)).href);
  if (!grep || scenario.name.includes(grep)) scenarios.push(scenario);
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
let failures = 0;
try {
  console.log(`UI checks (${givenUrl ? givenUrl : vsix ? `installed from ${vsix}` : 'extension under development'}):`);
  for (const locale of groups) {
    const group = scenarios.filter((scenario) => scenario.locale === locale);
    if (group.length === 0) continue;
    if (locale && givenUrl) {
      console.log(`  - ${group.map((scenario) => scenario.name).join(', ')}: skipped (needs VS Code started with --locale ${locale}, not the server at --url)`);
      continue;
    }
    const server = givenUrl ? { stop: async () => {} } : await startServer({ workspace, extensionsDir, ...(locale ? { locale } : {}) });
    const url = givenUrl ?? workbenchUrl(server, { folder: workspace, ...(vsix ? {} : { extensionDevelopmentPath: repoRoot }) });
    try {
      for (const scenario of group) {
        const t0 = Date.now();
        // The packaged run keeps its pictures apart: screenshots/*.png are the README's.
        const wb = await Workbench.open(url, { shotsDir: vsix ? join(screenshotDir, 'vsix') : screenshotDir });
        try {
          await scenario.run(wb);
          console.log(`  ✔ ${scenario.name}${locale ? ` (VS Code in ${locale})` : ''} (${Date.now() - t0} ms)`);
        } catch (error) {
          failures++;
          const shot = await wb.screenshot(`failure-${scenario.name}`).catch(() => 'none');
          console.log(`  ✖ ${scenario.name}: ${error instanceof Error ? error.message : error}\n    screenshot: ${shot}`);
          if (wb.errors.length) console.log(`    page errors:\n      ${wb.errors.join('\n      ')}`);
        } finally {
          await wb.close();
        }
      }
    } finally {
      await server.stop();
    }
  }
} finally {
  if (extensionsDir) rmSync(extensionsDir, { recursive: true, force: true });
}
if (forReadme && !failures) {
  const target = join(repoRoot, 'media', 'screenshots');
  mkdirSync(target, { recursive: true });
  for (const shot of README_SHOTS) copyFileSync(join(screenshotDir, `${shot}.png`), join(target, `${shot}.png`));
  console.log(`README pictures copied to ${target}`);
}
console.log(`${scenarios.length - failures} passing, ${failures} failing (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failures ? 1 : 0);
