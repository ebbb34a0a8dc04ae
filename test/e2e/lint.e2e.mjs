// The loss lint in the workbench: opening a training step that passes softmax probabilities to
// F.cross_entropy draws a warning squiggle under that argument and counts it in the status bar; its
// hover names the rule (source "Loss Lens", code double-softmax); the cursor on it brings the light
// bulb, Ctrl+. lists the quick fix, and choosing it passes the logits. Saves the squiggle, the light
// bulb and the open quick-fix menu in light and dark themes.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/server.mjs';

export const name = 'lint';

const FILE = 'mnist_classifier.py';
const ARGUMENT = 'F.softmax(logits, dim=1)';
const LOSS_LINE = `loss = F.cross_entropy(${ARGUMENT}, target)`;
// What the rule says and offers (src/language/lint/checks.ts), and what its fix does (README, "Loss
// lint": "pass the logits (remove the softmax)"): the softmax call is replaced by its input.
const MESSAGE = 'cross_entropy applies log_softmax itself: these probabilities get a second softmax';
const FIX_TITLE = 'Pass the logits to cross_entropy (remove the softmax)';
const FIXED_LINE = 'loss = F.cross_entropy(logits, target)';

export async function run(wb) {
  const path = join(repoRoot, 'test', 'sample-workspace', FILE);
  const original = readFileSync(path, 'utf8');
  if (!original.includes(LOSS_LINE)) throw new Error(`${FILE} lacks "${LOSS_LINE}"`);
  try {
    await check(wb, original, path);
  } finally {
    // The web workbench saves edits after a delay (files.autoSave defaults to afterDelay there):
    // whatever happened, the sample file stays as it was.
    if (readFileSync(path, 'utf8') !== original) writeFileSync(path, original);
  }
}

async function check(wb, original, path) {
  const page = wb.page;
  const expected = original.replace(LOSS_LINE, FIXED_LINE);

  await wb.openFile(FILE);
  const line = wb.line(LOSS_LINE);
  await line.waitFor();

  // The squiggle: a warning decoration under exactly the softmax argument of that line. The first
  // lint can wait for the extension to activate (slow on a loaded machine).
  const squiggle = page.locator('.monaco-editor .squiggly-warning');
  await squiggle.first().waitFor({ state: 'attached', timeout: 60_000 });
  await assertSquiggleUnderArgument(line, squiggle);
  // The status bar counts it: no errors, one warning (only this file is open).
  const problems = page.locator('.statusbar-item[id="status.problems"]');
  await problems.filter({ hasText: /^\s*0\s+1\s*$/ }).waitFor({ timeout: 20_000 });

  // The hover over the squiggle: the message, the source and the rule id.
  const hover = await wb.hover('softmax', { line: LOSS_LINE });
  const missing = [MESSAGE, 'Loss Lens', 'double-softmax'].filter((part) => !hover.includes(part));
  if (missing.length) throw new Error(`the squiggle's hover lacks ${missing.join(', ')}:\n${hover}`);
  await page.mouse.move(0, 0);
  await page.keyboard.press('Escape');
  await page.locator('.monaco-hover-content').filter({ visible: true }).first().waitFor({ state: 'hidden' });

  // The workbench starts in its default light theme.
  await openQuickFix(wb, line, original);
  await wb.screenshot('lint-quick-fix-light');
  await page.keyboard.press('Escape');
  await page.locator('.action-widget').filter({ visible: true }).first().waitFor({ state: 'hidden' });

  await wb.runCommand('Preferences: Color Theme');
  await wb.answerInput('Dark Modern');
  await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
  // The theme switch activates extensions for a moment: the picture shows the status bar at rest
  // (only a tidy picture depends on it, so a slow machine does not fail the check here).
  await page.locator('.statusbar-item', { hasText: 'Activating Extensions' }).waitFor({ state: 'hidden', timeout: 30_000 }).catch(() => undefined);
  const menu = await openQuickFix(wb, line, original);
  await wb.screenshot('lint-quick-fix-dark');

  // Choose the preferred fix in the menu: the menu opens with it highlighted, and Enter applies it.
  // (By mouse, the menu's pointer block takes the first move: the keyboard is what people use here.)
  await menu.locator('.monaco-list-row.focused', { hasText: FIX_TITLE }).waitFor();
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
  await wb.line(FIXED_LINE).waitFor({ timeout: 20_000 });
  const text = await editorText(wb);
  if (text !== expected) throw new Error(`after the quick fix the editor reads\n${text}\nexpected\n${expected}`);
  // The fix leaves nothing to report: the squiggle and the warning go.
  await squiggle.first().waitFor({ state: 'detached', timeout: 20_000 });
  await problems.filter({ hasText: /^\s*0\s+0\s*$/ }).waitFor({ timeout: 20_000 });

  // Undo: the mistake and its squiggle come back, and the workbench saves the file as it was.
  await page.keyboard.press('Control+Z');
  await line.waitFor({ timeout: 20_000 });
  await squiggle.first().waitFor({ state: 'attached', timeout: 20_000 });
  await page.locator('.tab.active:not(.dirty)', { hasText: FILE }).waitFor({ timeout: 20_000 });
  for (const until = Date.now() + 20_000; readFileSync(path, 'utf8') !== original;) {
    if (Date.now() > until) throw new Error(`${FILE} on disk was not saved back as it was`);
    await page.waitForTimeout(100);
  }
}

/** Asserts that one squiggle lies on `line` and spans the text ARGUMENT within it. */
async function assertSquiggleUnderArgument(line, squiggle) {
  const argument = await line.evaluate((element, wanted) => {
    // The line's text nodes in order; the argument's box is a DOM range over its characters.
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node, from: all.length });
      all += node.data;
    }
    const at = all.replace(/\u00a0/g, ' ').indexOf(wanted);
    if (at < 0) return undefined;
    const locate = (offset) => {
      const hit = nodes.findLast((n) => n.from <= offset);
      return [hit.node, offset - hit.from];
    };
    const range = document.createRange();
    range.setStart(...locate(at));
    const [lastNode, lastOffset] = locate(at + wanted.length - 1);
    range.setEnd(lastNode, lastOffset + 1);
    const box = range.getBoundingClientRect();
    const lineBox = element.getBoundingClientRect();
    return { left: box.left, right: box.right, top: lineBox.top, bottom: lineBox.bottom };
  }, ARGUMENT);
  if (!argument) throw new Error(`no "${ARGUMENT}" in the rendered line`);
  const boxes = [];
  for (const one of await squiggle.all()) {
    const box = await one.boundingBox();
    if (box) boxes.push(box);
  }
  const near = (a, b) => Math.abs(a - b) <= 2;
  const onLine = boxes.filter((b) => b.y + b.height / 2 > argument.top && b.y + b.height / 2 < argument.bottom);
  if (onLine.length !== 1 || !near(onLine[0].x, argument.left) || !near(onLine[0].x + onLine[0].width, argument.right)) {
    throw new Error(`expected one squiggle under "${ARGUMENT}" (x ${argument.left.toFixed(0)}-${argument.right.toFixed(0)}, y ${argument.top.toFixed(0)}-${argument.bottom.toFixed(0)}); squiggles: ${JSON.stringify(boxes)}`);
  }
}

/**
 * Puts the cursor in the squiggled argument (on "logits" in it), waits for the light bulb on that line, opens the
 * quick-fix menu with Ctrl+. and waits for it to list the fix. Returns the menu.
 */
async function openQuickFix(wb, line, original) {
  const page = wb.page;
  // By keyboard from the file's start: a click on the word can land while the editor re-renders after
  // the theme change, and Go to Line would scroll the file's top out of the picture. The status bar
  // confirms where the cursor is.
  const lines = original.split('\n');
  const row = lines.findIndex((text) => text.includes(LOSS_LINE));
  const column = lines[row].indexOf(ARGUMENT) + 'F.softmax('.length + 3; // inside "logits"
  await page.locator('.editor-group-container .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < row; i++) await page.keyboard.press('ArrowDown');
  for (let i = 1; i < column; i++) await page.keyboard.press('ArrowRight');
  await page.locator('.statusbar-item[id="status.editor.selection"]', { hasText: `Ln ${row + 1}, Col ${column}` }).waitFor({ timeout: 20_000 });
  // Off the text, so no hover covers the menu in the picture.
  const box = await page.locator('.editor-group-container .monaco-editor').first().boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height - 20);
  const bulb = page.locator('.monaco-editor .lightBulbWidget').filter({ visible: true }).first();
  await bulb.waitFor({ timeout: 30_000 });
  // VS Code 1.100 draws it as the widget's own codicon: lightbulb-autofix when a fix is preferred.
  const iconClass = (await bulb.getAttribute('class')) ?? '';
  if (!/codicon-(light-bulb|lightbulb)/.test(iconClass)) throw new Error(`the light bulb shows "${iconClass}"`);
  const bulbBox = await bulb.boundingBox();
  const lineBox = await line.boundingBox();
  const middle = bulbBox.y + bulbBox.height / 2;
  if (!(middle > lineBox.y && middle < lineBox.y + lineBox.height)) throw new Error(`the light bulb (y ${bulbBox.y}) is not on the squiggled line (y ${lineBox.y})`);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget').filter({ visible: true }).first();
  await menu.locator('.monaco-list-row', { hasText: FIX_TITLE }).waitFor({ timeout: 20_000 });
  await wb.settled(menu);
  return menu;
}

/** The editor's text, read from its rendered lines (the file is short enough to show whole). */
async function editorText(wb) {
  const lines = await wb.page.locator('.editor-group-container .monaco-editor .view-lines').first().evaluate((element) =>
    [...element.querySelectorAll('.view-line')]
      .map((row) => ({ top: parseFloat(row.style.top), text: row.textContent.replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((row) => row.text));
  return lines.join('\n');
}
