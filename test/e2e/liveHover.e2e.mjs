// Live values as a new user meets them on the sample workspace (README, "Live values from a paused
// debug session"): a breakpoint on the RetinaNet sample's `loss = sigmoid_focal_loss(` line (F9),
// its launch configuration started (F5) under the debugpy test fixture, and, once the program stops
// there, the status bar's "Loss Lens: batch" entry and the hover on the call with its section about
// this batch. The hover must fit its box at 1280 x 800. Saves live-hover-light.png and
// live-hover-dark.png (the README's pictures: the editor around the hover). Then the hover's link
// opens the Loss Explorer's "This batch" view (batch-view-dark.png, batch-view-light.png).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/server.mjs';

export const name = 'live-hover';
/** The server needs the `debugpy` debug type: the test fixture (test/fixtures/debugpy-adapter). */
export const debugAdapter = true;

const SCRIPT = 'retinanet_train.py';
const STOP_AT = 'loss = sigmoid_focal_loss(';
/** The paused line in the editor, and not the comment further down that quotes it. */
const STOP_LINE = /^\W*loss\W+sigmoid_focal_loss\($/;
/** torch and torchvision take long to import on a busy machine: wait for the stop, however long. */
const STOP_TIMEOUT_MS = 300_000;

export async function run(wb) {
  const page = wb.page;
  const lines = readFileSync(join(repoRoot, 'test', 'sample-workspace', SCRIPT), 'utf8').split('\n');
  const stopLine = lines.findIndex((line) => line.includes(STOP_AT)) + 1;
  if (stopLine === 0) throw new Error(`no "${STOP_AT}" in ${SCRIPT}`);

  await wb.runCommand('Preferences: Color Theme');
  await wb.answerInput('Light Modern');
  await page.locator('.monaco-workbench.vs').waitFor({ timeout: 30_000 });
  await themePainted(wb, 'light');
  await wb.openFile(SCRIPT);
  // Toggle Breakpoint (F9) on the line: the breakpoint's dot shows in the glyph margin.
  await wb.goToLine(stopLine);
  await wb.runCommand('Debug: Toggle Breakpoint');
  await page.locator('.monaco-editor .codicon-debug-breakpoint').first().waitFor({ state: 'visible', timeout: 30_000 });
  // F5 starts the sample's launch configuration (its only one); the stop shows as the paused
  // frame's arrow in the glyph margin and the debug toolbar.
  await wb.runCommand('Debug: Start Debugging');
  await page.locator('.debug-toolbar').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.monaco-editor .codicon-debug-stackframe').first().waitFor({ state: 'visible', timeout: STOP_TIMEOUT_MS });
  // The status bar entry for the loss call on the paused line (pausedStatusItem.ts).
  await page.locator('.statusbar-item', { hasText: 'Loss Lens: batch' }).first().waitFor({ state: 'visible', timeout: 60_000 });

  // The Debug Console the launch opened takes half the editor's height: closed, as for reading code.
  await wb.runCommand('View: Hide Panel');
  await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 30_000 });
  await lineClearOfToolbar(wb);
  await showLiveHover(wb);
  await wb.screenshot('live-hover-light', { clip: await pictureClip(wb) });
  await releaseAlt(wb);

  await wb.runCommand('Preferences: Color Theme');
  await wb.answerInput('Dark Modern');
  await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
  await themePainted(wb, 'dark');
  await showLiveHover(wb);
  await wb.screenshot('live-hover-dark', { clip: await pictureClip(wb) });
  await releaseAlt(wb);
  await openBatchView(wb);
  await wb.screenshot('batch-view-dark');
  // The same view in the light theme: the page redraws its charts in the new colours.
  await wb.runCommand('Preferences: Color Theme');
  await wb.answerInput('Light Modern');
  await page.locator('.monaco-workbench.vs').waitFor({ timeout: 30_000 });
  await themePainted(wb, 'light');
  await wb.webview().locator('body.vscode-light').waitFor({ timeout: 30_000 });
  await wb.webview().locator('#batch-stop').scrollIntoViewIfNeeded();
  await wb.screenshot('batch-view-light');
  // The README's picture: the panel at the paper's Figure 4 for this batch, with its readout.
  await wb.webview().locator('#batch-readout').evaluate((element) => (element.closest('details, section') ?? element).scrollIntoView({ block: 'start' }));
  const panel = await page.locator('iframe.webview.ready').first().boundingBox();
  await wb.screenshot('batch-view-figure4-light', { clip: { x: Math.round(panel.x), y: Math.round(panel.y), width: Math.round(panel.width), height: Math.round(panel.height) } });

  // The session ends with the check: stopping it hides the debug toolbar and the status bar entry.
  await wb.runCommand('Debug: Stop');
  await page.locator('.debug-toolbar').waitFor({ state: 'hidden', timeout: 60_000 });
  await page.locator('.statusbar-item', { hasText: 'Loss Lens: batch' }).first().waitFor({ state: 'hidden', timeout: 60_000 });
}

/**
 * The hover on the call, as a person gets it while paused: the mouse on `sigmoid_focal_loss` with Alt
 * held (without Alt, VS Code shows the debugger's own hover of the name there, which says "Hold Alt
 * key to switch to editor language hover"; Show Hover from the keyboard does the same). Retried until
 * the batch section has come (the first read of a stop evaluates the snippet in the debuggee);
 * checks the section and that the hover fits its box. Alt stays held for the screenshot: releaseAlt().
 */
async function showLiveHover(wb, { timeout = 120_000 } = {}) {
  const span = wb.line(STOP_LINE).locator('span > span', { hasText: 'sigmoid_focal_loss' }).first();
  const batch = wb.page.locator('.monaco-hover-content').filter({ visible: true }).filter({ hasText: 'This batch' });
  const until = Date.now() + timeout;
  for (;;) {
    await wb.page.mouse.move(0, 0);
    // A tooltip the pointer left behind (the debug toolbar's "Step Into (F11)") goes first.
    await wb.page.locator('.workbench-hover').filter({ visible: true }).first().waitFor({ state: 'hidden', timeout: 30_000 });
    await wb.page.keyboard.down('Alt');
    await span.hover();
    try {
      await batch.first().waitFor({ state: 'visible', timeout: 10_000 });
      break;
    } catch (error) {
      await releaseAlt(wb);
      if (Date.now() > until) throw new Error(`no batch section in the hover on ${STOP_AT} within ${timeout / 1000} s`, { cause: error });
    }
  }
  const text = await batch.first().innerText();
  const expected = ['torchvision.ops.sigmoid_focal_loss', 'This batch', '92,160 elements', 'Easy negatives (p_t > 0.9)', 'Open this batch in the Loss Explorer'];
  const missing = expected.filter((part) => !text.includes(part));
  if (missing.length) throw new Error(`the hover lacks ${missing.join(', ')}:\n${text}`);
  if (/⚠/.test(text)) throw new Error(`the sample's batch is correct, yet the hover warns:\n${text}`);
  const { frame, content } = await wb.hoverBox();
  console.log(`    live hover: ${content} px of content in a ${frame} px box`);
  if (!(frame > 0 && content <= frame + 1)) throw new Error(`the hover scrolls: ${content} px of content in a ${frame} px box`);
}

/**
 * The README's picture: the editor, from its tabs (the debug toolbar floats there) to a few lines
 * below the paused line or the hover, whichever ends lower. The rest of the window (the Run and
 * Debug view, more code, the status bar) would only make the picture heavier (the .vsix inlines it).
 */
async function pictureClip(wb) {
  const editor = await wb.page.locator('.part.editor').boundingBox();
  const line = await wb.line(STOP_LINE).first().boundingBox();
  const hover = await wb.page.locator('.monaco-hover', { hasText: 'This batch' }).filter({ visible: true }).first().boundingBox();
  const viewport = wb.page.viewportSize();
  const bottom = Math.min(viewport.height, Math.max(line.y + line.height, hover.y + hover.height) + 2 * line.height);
  return { x: Math.round(editor.x), y: Math.round(editor.y), width: Math.round(viewport.width - editor.x), height: Math.round(bottom - editor.y) };
}

/**
 * Scrolls the editor (Ctrl+Up, a line at a time, the cursor staying) until the paused line sits
 * low enough for the hover to open above it under the debug toolbar, which floats over the tabs and
 * would cover the hover's first line.
 */
async function lineClearOfToolbar(wb, { below = 400, attempts = 40 } = {}) {
  const line = wb.line(STOP_LINE).first();
  await wb.page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
  for (let attempt = 0; ; attempt++) {
    const box = await line.boundingBox();
    if (box && box.y >= below) return;
    if (attempt === attempts) throw new Error(`the paused line stays at y ${box?.y} after ${attempts} lines scrolled`);
    await wb.page.keyboard.press('Control+ArrowUp');
    // The editor has scrolled when the line has moved down.
    await wb.page.waitForFunction(({ source, y }) => {
      const pattern = new RegExp(source);
      const row = [...document.querySelectorAll('.monaco-editor .view-line')].find((element) => pattern.test(element.textContent));
      return row !== undefined && row.getBoundingClientRect().y > y;
    }, { source: STOP_LINE.source, y: box?.y ?? -1 }, { timeout: 10_000, polling: 50 });
  }
}

/**
 * The status bar's "Loss Lens: batch" entry, clicked: the panel opens beside the editor on its "This
 * batch" view, with the stop it came from and the debuggee's numbers (the hover's link runs the same
 * command with the same place: liveValues.test.ts follows the link's URI).
 */
async function openBatchView(wb) {
  await wb.page.locator('.statusbar-item', { hasText: 'Loss Lens: batch' }).first().click();
  const view = wb.webview();
  const stop = view.locator('#batch-stop', { hasText: 'classification_loss' });
  // Reading the view's sample (10^5 values) takes a moment in the debuggee: wait for the page to show it.
  await stop.waitFor({ state: 'visible', timeout: 120_000 });
  const header = await stop.innerText();
  if (!/retinanet_train\.py:\d+/.test(header)) throw new Error(`the batch view's stop reads "${header}"`);
  const table = await view.locator('#batch-numbers').innerText();
  if (!/exact/.test(table)) throw new Error(`the batch view's numbers are not marked exact:\n${table}`);
  const readout = await view.locator('#batch-readout').innerText();
  if (!/easiest 90% of negatives carry [\d.]+% of the negative loss/.test(readout)) throw new Error(`the batch view's readout reads "${readout}"`);
  await view.locator('#batch-stop').scrollIntoViewIfNeeded();
}

/** Lets go of Alt and closes the hover. */
async function releaseAlt(wb) {
  await wb.page.keyboard.up('Alt');
  await wb.page.mouse.move(0, 0);
  await wb.page.keyboard.press('Escape');
}

/**
 * Waits until the workbench paints in the theme chosen: the class on .monaco-workbench comes before
 * the theme's colours do (a screenshot taken then showed light panels around a dark editor).
 */
async function themePainted(wb, kind) {
  const painted = await wb.page.waitForFunction((dark) => {
    const luminance = (selector) => {
      const element = document.querySelector(selector);
      const rgba = element ? getComputedStyle(element).backgroundColor.match(/[\d.]+/g)?.map(Number) : undefined;
      // A transparent part shows what is under it: not a colour of its own.
      if (!rgba || (rgba.length === 4 && rgba[3] === 0)) return undefined;
      return (0.2126 * rgba[0] + 0.7152 * rgba[1] + 0.0722 * rgba[2]) / 255;
    };
    const parts = ['.part.sidebar', '.part.editor .monaco-editor-background'].map(luminance);
    return parts.every((l) => l === undefined || (dark ? l < 0.35 : l > 0.5)) && parts.some((l) => l !== undefined);
  }, kind === 'dark', { timeout: 30_000, polling: 100 }).catch((error) => error);
  if (painted instanceof Error) {
    const seen = await wb.page.evaluate(() => ['.part.sidebar', '.part.editor .monaco-editor-background']
      .map((selector) => `${selector} ${document.querySelector(selector) ? getComputedStyle(document.querySelector(selector)).backgroundColor : 'absent'}`));
    throw new Error(`the workbench did not paint in a ${kind} theme: ${seen.join(', ')}`, { cause: painted });
  }
}
