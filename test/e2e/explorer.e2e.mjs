// "Loss Lens: Open Loss Explorer" in the workbench: the panel opens beside the editor, draws its
// curves under VS Code's own webview host with no CSP complaints, takes a typed value, and redraws
// in the new colours when the theme changes, and comes back after a reload. Saves both views (binary, multi-class) in light, dark and high contrast.

import { readFileSync } from 'node:fs';
import { FIXTURE, panelVariables, webviewColors } from './themeColors.mjs';

export const name = 'loss-explorer';

export async function run(wb) {
  const complaints = [];
  wb.page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) complaints.push(text);
  });
  await wb.openFile('retinanet_train.py');
  // The editor title's button of a Python file opens the panel (issue 20, item 17).
  await wb.editorTitleAction('Open Loss Explorer');
  const view = wb.webview();
  const readout = view.locator('#readout');
  await readout.waitFor({ state: 'visible', timeout: 30_000 });
  const text = await readout.innerText();
  // The ratio names the curves and parameters it compares (alpha included: 400x, as the hover says).
  if (!/at p_t = 0\.90 \(a positive\), FL \(alpha 0\.25, gamma 2\) is 400x lower than CE/.test(text)) throw new Error(`readout reads "${text}"`);
  // The headline is on screen as the panel opens, without scrolling (issue 20, item 12);
  // test/browser/newUser.test.mjs checks the same at this panel size.
  const fold = await readout.evaluate((element) => ({ bottom: element.getBoundingClientRect().bottom, width: innerWidth, height: innerHeight }));
  console.log(`    panel ${fold.width} x ${fold.height} px; headline bottom at ${Math.round(fold.bottom)} px`);
  if (fold.bottom > fold.height) throw new Error(`the headline readout is below the fold: ${fold.bottom} px of ${fold.height}`);
  // VS Code's light theme gives the colours test/fixtures/webviewThemes.json holds (the contrast checks use them).
  // Chosen by name: a fresh workbench has started in Light+ as well as in Light Modern (seen in CI).
  await wb.runCommand('Preferences: Color Theme');
  await wb.answerInput('Light Modern');
  await sameThemeColours(view, 'Light Modern');

  await view.locator('#value-prediction').fill('0.6');
  await view.locator('#value-y').fill('1');
  await view.locator('#value-add').click();
  await view.locator('#values-table tbody tr').first().waitFor();
  // Adding a value focuses the input further down; the pictures show the top of the panel.
  await view.locator('header').scrollIntoViewIfNeeded();
  // The workbench starts in its default light theme.
  await wb.screenshot('explorer-light');
  await showMulticlass(view, 'explorer-multiclass-light', wb);

  await wb.runCommand('Preferences: Color Theme');
  await wb.answerInput('Dark Modern');
  // The workbench and then the webview take the dark theme (VS Code sets the webview body's class;
  // the charts redraw from the class change before anything else can run on the page).
  await wb.page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
  await view.locator('body.vscode-dark').waitFor({ timeout: 30_000 });
  await sameThemeColours(view, 'Dark Modern');
  await view.locator('header').scrollIntoViewIfNeeded();
  await wb.screenshot('explorer-dark');
  await showMulticlass(view, 'explorer-multiclass-dark', wb);

  await wb.runCommand('Preferences: Color Theme');
  await wb.answerInput('Dark High Contrast');
  await view.locator('body.vscode-high-contrast').waitFor({ timeout: 30_000 });
  await sameThemeColours(view, 'Dark High Contrast');
  await view.locator('header').scrollIntoViewIfNeeded();
  await wb.screenshot('explorer-high-contrast');
  await showMulticlass(view, 'explorer-multiclass-high-contrast', wb);

  // The serializer restores the panel after a reload, with the parameters the page saved.
  // "Reload Window" shuts the workbench down properly, so it saves the webview's state first
  // (a bare page reload may not get to flush it).
  await view.locator('#gamma').fill('3');
  // The page has taken the new gamma (and saved its state with it) once the readout says so.
  await view.locator('#readout', { hasText: 'gamma 3)' }).waitFor({ timeout: 30_000 });
  // Both at once, so a failing command still settles the wait for the page's load (a wait left
  // pending would reject after the browser closes, outside any check).
  await Promise.all([wb.page.waitForEvent('load', { timeout: 120_000 }), wb.runCommand('Developer: Reload Window')]);
  await wb.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  const restored = wb.webview().locator('#gamma');
  await restored.waitFor({ state: 'visible', timeout: 60_000 });
  const gamma = await restored.inputValue();
  if (gamma !== '3') throw new Error(`after a reload gamma is "${gamma}", expected "3"`);

  if (complaints.length > 0) throw new Error(`CSP complaints:\n  ${complaints.join('\n  ')}`);
}

/** Switches to the multi-class view, takes its picture, and switches back to the binary view. */
async function showMulticlass(view, picture, wb) {
  await view.locator('#mode-multiclass').check();
  await view.locator('#mc-headline').scrollIntoViewIfNeeded();
  await wb.screenshot(picture);
  await view.locator('#mode-binary').check();
}

/** Fails when the webview's theme colours are not the fixture's for `label` (regenerate it with node test/e2e/themeColors.mjs). */
async function sameThemeColours(view, label) {
  const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')).themes[label].colors;
  // The webview takes a new theme's variables after the workbench does: the state waited for is
  // every variable as the fixture has it (or 30 s, then the differences are the failure).
  const until = Date.now() + 30_000;
  for (;;) {
    const live = await webviewColors(view, panelVariables());
    const differ = Object.keys({ ...expected, ...live }).filter((name) => expected[name] !== live[name]);
    if (differ.length === 0) return;
    if (Date.now() > until) throw new Error(`${label}: the webview's colours differ from ${FIXTURE}: ${differ.map((n) => `${n} ${live[n]} (fixture ${expected[n]})`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
