// The colours VS Code hands the Loss Explorer's webview in each built-in theme, read from a real
// workbench: the `--vscode-*` variables the panel uses (media/explorer.css, src/webview/theme.ts)
// as VS Code 1.100.3 sets them on the webview's root. The browser tests check the panel's text
// contrast against them (test/browser/contrast.test.mjs); explorer.e2e.mjs checks that the themes it
// visits still give these values, so the fixture cannot drift from VS Code unnoticed.
//   node test/e2e/themeColors.mjs    rewrites test/fixtures/webviewThemes.json (needs `npm run build`)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot, startServer, workbenchUrl } from '../harness/server.mjs';
import { Workbench } from './workbench.mjs';

export const FIXTURE = join(repoRoot, 'test', 'fixtures', 'webviewThemes.json');
/** workbench.colorTheme ids of VS Code's built-in themes, by the label its picker shows. */
export const THEMES = {
  'Light Modern': 'Default Light Modern',
  'Dark Modern': 'Default Dark Modern',
  'Light+': 'Default Light+',
  'Dark+': 'Default Dark+',
  'Dark High Contrast': 'Default High Contrast',
  'Light High Contrast': 'Default High Contrast Light',
};

/** Every `--vscode-*` variable the panel's stylesheet and chart theme read. */
export function panelVariables() {
  const sources = [join(repoRoot, 'media', 'explorer.css'), join(repoRoot, 'src', 'webview', 'theme.ts')].map((file) => readFileSync(file, 'utf8'));
  return [...new Set(sources.flatMap((text) => text.match(/--vscode-[A-Za-z0-9-]+/g) ?? []))].sort();
}

/** The values of `names` on the webview's root, as VS Code set them (absent ones left out). */
export function webviewColors(view, names) {
  return view.locator('html').evaluate((html, wanted) => {
    const style = getComputedStyle(html);
    return Object.fromEntries(wanted.map((name) => [name, style.getPropertyValue(name).trim()]).filter(([, value]) => value !== ''));
  }, names);
}

async function capture() {
  const workspace = join(repoRoot, 'test', 'sample-workspace');
  const names = panelVariables();
  const themes = {};
  for (const [label, id] of Object.entries(THEMES)) {
    const server = await startServer({ workspace, settings: { 'workbench.colorTheme': id } });
    const wb = await Workbench.open(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot }));
    try {
      await wb.runCommand('Loss Lens: Open Loss Explorer');
      const view = wb.webview();
      await view.locator('#readout').waitFor({ state: 'visible', timeout: 30_000 });
      const kind = await view.locator('body').getAttribute('class');
      themes[label] = { bodyClass: /vscode-[a-z-]+/.exec(kind ?? '')?.[0] ?? '', colors: await webviewColors(view, names) };
      console.log(`${label}: ${Object.keys(themes[label].colors).length} of ${names.length} variables (${themes[label].bodyClass})`);
    } finally {
      await wb.close();
      await server.stop();
    }
  }
  writeFileSync(FIXTURE, `${JSON.stringify({ vscode: '1.100.3', variables: names, themes }, null, 2)}\n`);
  console.log(`wrote ${FIXTURE}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await capture();
