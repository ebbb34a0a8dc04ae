// Loss Lens with VS Code in Korean: run.mjs starts this scenario's workbench with `--locale ko` (its
// `locale` below; test/harness/server.mjs installs the offline language pack that makes the flag take
// effect). VS Code's own UI stays English (the pack translates none of its strings); what is Korean
// is what Loss Lens contributes. In the dark theme: the hover of the sample RetinaNet loop's focal
// loss call, in Korean with the core's numbers, then "Loss Lens: Open Loss Explorer" run from the
// command palette by its Korean title from package.nls.ko.json. Saves hover-ko.png and explorer-ko.png.
// The expected text is read from l10n/bundle.l10n.ko.json and package.nls.ko.json, not copied here.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from '../harness/server.mjs';

const require = createRequire(import.meta.url);
const { formatScientific, lossFromProb } = require('../../out/test/e2e/expected.js');
const HOVER_PT = [0.1, 0.5, 0.9, 0.99];
const shipped = (path) => JSON.parse(readFileSync(join(repoRoot, path), 'utf8'));
const format = (template, ...args) => template.replace(/\{(\d+)\}/g, (whole, i) => (Number(i) < args.length ? String(args[Number(i)]) : whole));

export const name = 'korean';
/** The display language run.mjs starts this scenario's server in. */
export const locale = 'ko';

export async function run(wb) {
  // Without a Korean font Chromium draws Hangul as boxes: the pictures would be useless.
  const fonts = spawnSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' }).stdout ?? '';
  if (!fonts.trim()) throw new Error('no Korean font installed (fc-list :lang=ko is empty): node test/harness/install.mjs --for test installs fonts-nanum');
  const ko = shipped('l10n/bundle.l10n.ko.json');
  const nls = shipped('package.nls.ko.json');
  // The page runs in Korean: the language pack's nls.messages.js set it (without the pack, 'en').
  const language = await wb.page.evaluate(() => globalThis._VSCODE_NLS_LANGUAGE);
  if (language !== 'ko') throw new Error(`the workbench's language is ${JSON.stringify(language)}, expected "ko"`);

  await chooseTheme(wb, 'Dark Modern');
  await wb.page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });

  await wb.openFile('retinanet_train.py');
  // The first sigmoid_focal_loss on screen is the import; the second is the call in classification_loss.
  const text = await wb.hover('sigmoid_focal_loss', { nth: 1 });
  // As the hover prints them: a negative exponent's sign is U+2212 (no line break after it).
  const cells = formatScientific([...HOVER_PT.map((pt) => lossFromProb('ce', pt, 1)), ...HOVER_PT.map((pt) => lossFromProb('focal', pt, 1, { alpha: 0.25, gamma: 2 }))]).map((cell) => cell.replace(/e-(\d)/, 'e\u2212$1'));
  const expected = [
    'torchvision.ops.sigmoid_focal_loss',
    format(ko['line {0}'], 10), // GAMMA = 2.0
    format(ko['line {0}'], 11), // ALPHA = 0.25
    ko['Open in Loss Explorer'],
    ko['Compute at a value...'],
    ...cells,
  ];
  const missing = expected.filter((part) => !text.includes(part));
  if (missing.length) throw new Error(`the Korean hover lacks ${missing.join(', ')}:\n${text}`);
  if (text.includes('Open in Loss Explorer')) throw new Error(`the hover's link is English:\n${text}`);
  const hover = wb.page.locator('.monaco-hover').filter({ visible: true }).first();
  await wb.settled(hover);
  const { frame, content } = await hover.evaluate((element) => {
    const scrollable = element.querySelector('.monaco-scrollable-element');
    return { frame: scrollable?.clientHeight ?? 0, content: scrollable?.firstElementChild?.scrollHeight ?? 0 };
  });
  if (!(frame > 0 && content <= frame + 1)) throw new Error(`the Korean hover scrolls: ${content} px of content in a ${frame} px box`);
  await wb.screenshot('hover-ko');
  await wb.page.mouse.move(0, 0);
  await wb.page.keyboard.press('Escape');

  // The palette lists the command by its Korean title (the manifest's %placeholders% filled in from
  // package.nls.ko.json); runCommand fails if no row has that title.
  const title = `${nls.category}: ${nls['command.openExplorer.title']}`;
  if (!/[가-힣]/.test(title)) throw new Error(`package.nls.ko.json's title is not Korean: ${title}`);
  await wb.runCommand(title);
  const view = wb.webview();
  const readout = view.locator('#readout');
  await readout.waitFor({ state: 'visible', timeout: 30_000 });
  await view.locator('#value-prediction').fill('0.6');
  await view.locator('#value-y').fill('1');
  await view.locator('#value-add').click();
  await view.locator('#values-table tbody tr').first().waitFor();
  await view.locator('header').scrollIntoViewIfNeeded();
  console.log(`    palette: "${title}"; panel readout: "${(await readout.innerText()).replace(/\s+/g, ' ').slice(0, 120)}"`);
  await wb.screenshot('explorer-ko');
}

/**
 * Picks a colour theme by its label. The picker lists the themes known when it opens, and right after
 * the workbench starts that can be none (only "Browse Additional Color Themes...", a gallery search
 * these machines cannot make): reopen it until the theme is listed, as runCommand does for commands.
 */
async function chooseTheme(wb, label, { attempts = 10 } = {}) {
  const row = wb.page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  for (let attempt = 1; ; attempt++) {
    await wb.runCommand('Preferences: Color Theme');
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch (error) {
      if (attempt === attempts) throw new Error(`no theme "${label}" in the picker`, { cause: error });
      await wb.page.keyboard.press('Escape');
      await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    }
  }
  await wb.page.locator('.quick-input-widget input').fill(label);
  await row.click();
}
