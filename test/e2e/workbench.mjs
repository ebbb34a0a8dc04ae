// Drives a VS Code workbench (code-server in headless Chromium) the way a person would, for UI checks
// and README screenshots. Scenarios get a Workbench and use only these verbs, so the selectors that
// depend on VS Code's DOM live in one place. Selectors verified against VS Code 1.100.3.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../harness/browser.mjs';
import { repoRoot } from '../harness/server.mjs';

export const screenshotDir = join(repoRoot, 'screenshots');

export class Workbench {
  /** Opens `url` (see workbenchUrl in test/harness/server.mjs) and waits for the workbench to settle. */
  static async open(url, { width = 1280, height = 800, shotsDir = screenshotDir } = {}) {
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width, height } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The explorer lists the folder once the remote connection is up: a good "ready" signal.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    return new Workbench(browser, page, errors, shotsDir);
  }

  constructor(browser, page, errors, shotsDir = screenshotDir) {
    this.browser = browser;
    this.page = page;
    this.errors = errors;
    this.shotsDir = shotsDir;
  }

  async close() {
    await this.browser.close();
  }

  /** Opens a file by clicking its row in the explorer (top-level names, or expanded folders). */
  async openFile(name) {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await this.page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
    await this.page.locator('.monaco-editor .view-line').first().waitFor({ timeout: 20_000 });
  }

  /** Runs a command by its palette title ("Loss Lens: Compute Loss..."): F1, type, click the row. */
  async runCommand(title, { attempts = 10 } = {}) {
    // Focus the workbench without moving the editor's cursor (screenshots stay tidy): the active
    // tab if there is one, else the status bar.
    const tab = this.page.locator('.tab.active').first();
    await ((await tab.isVisible()) ? tab : this.page.locator('.statusbar')).click();
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    // The palette lists the commands known when it opens; an installed extension's contributions can
    // arrive a few seconds after the workbench shows, so reopen it until the command is listed.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await input.waitFor({ state: 'visible' });
      await input.fill(`>${title}`);
      try {
        await row.waitFor({ state: 'visible', timeout: 3000 });
        break;
      } catch (error) {
        if (attempt === attempts) throw new Error(`no command titled "${title}" in the palette`, { cause: error });
        await this.page.keyboard.press('Escape');
        await input.waitFor({ state: 'hidden' });
      }
    }
    await row.click();
  }

  /**
   * Clicks the active editor's title-bar action labelled `label` (an extension's editor/title button).
   * Its contributions can arrive a few seconds after the workbench shows: wait for the button.
   */
  async editorTitleAction(label, { timeout = 30_000 } = {}) {
    const button = this.page.locator(`.editor-group-container.active .editor-actions .action-label[aria-label*="${label}"]`).first();
    await button.waitFor({ state: 'visible', timeout });
    await button.click();
  }

  /**
   * Answers the open input box: waits for its title (e.g. "Compute Loss (2/4)") when given, replaces
   * the prefilled value with `value` and presses Enter.
   */
  async answerInput(value, { title } = {}) {
    const widget = this.page.locator('.quick-input-widget');
    if (title) await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible' });
    const input = widget.locator('input');
    await input.waitFor({ state: 'visible' });
    await input.fill(String(value));
    await input.press('Enter');
  }

  /**
   * Right-clicks `target` (a locator) and chooses the context-menu item titled `item`. Reopens the
   * menu until the item is listed: an installed extension's menu items arrive a few seconds after the
   * workbench shows.
   */
  async contextMenu(target, item, { attempts = 10 } = {}) {
    const menu = this.page.locator('.context-view .monaco-menu');
    const entry = menu.locator('.action-item', { hasText: item }).first();
    for (let attempt = 1; ; attempt++) {
      await target.click({ button: 'right' });
      try {
        await entry.waitFor({ state: 'visible', timeout: 3000 });
        break;
      } catch (error) {
        if (attempt === attempts) throw new Error(`no "${item}" in the context menu`, { cause: error });
        await this.page.keyboard.press('Escape');
        await menu.waitFor({ state: 'hidden' });
      }
    }
    // VS Code drops a mouse-up on a menu item for the first 100 ms after the menu renders (its
    // menu.ts: "Add mouse up listener later to avoid accidental clicks"), so a scripted click that
    // lands that soon is lost and the menu stays open: the failure this replaces. Point at the item as
    // a person does, wait until the menu shows it highlighted, and choose it with Enter, which runs the
    // same action without that guard; the menu closing says the action ran.
    await entry.hover();
    await menu.locator('.action-item.focused', { hasText: item }).waitFor({ state: 'visible' });
    await this.page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
  }

  /**
   * Resolves once the CSS animations and transitions running under `locator` have finished (a toast
   * or hover fading in), so a screenshot shows what a person sees; infinite ones (cursors) are ignored.
   */
  async settled(locator) {
    await locator.evaluate((element) => Promise.all(element.getAnimations({ subtree: true })
      .filter((animation) => Number.isFinite(animation.effect?.getComputedTiming().endTime))
      .map((animation) => animation.finished.catch(() => undefined))));
  }

  /** Texts of the notification toasts on screen now. */
  async notifications() {
    return this.page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
  }

  /** Waits for a toast containing `text` (string or RegExp) and returns its full text. */
  async waitForNotification(text, { timeout = 20_000 } = {}) {
    const toast = this.page.locator('.notification-toast .notification-list-item-message', { hasText: text }).first();
    await toast.waitFor({ state: 'visible', timeout });
    await this.settled(this.page.locator('.notifications-toasts')); // toasts fade in: screenshots catch them opaque
    return toast.innerText();
  }

  /**
   * Hovers the first (or `nth`) occurrence of `token` in the visible editor (only in lines containing
   * `line`, when given) and returns the hover's text.
   */
  async hover(token, { timeout = 60_000, nth = 0, line } = {}) {
    // Token spans sit inside one span per line: match the innermost, so `nth` counts tokens, not lines.
    const span = this.line(line).locator('span > span', { hasText: token }).nth(nth);
    // The workbench keeps hidden hover widgets around: only a visible one counts.
    const content = this.page.locator('.monaco-hover-content').filter({ visible: true });
    // Retry until `timeout`: the first hovers can come before the extension host has activated
    // the extension (slow on a loaded machine), or be swallowed while the editor settles.
    // Every other try asks by keyboard (Ctrl+K Ctrl+I, "Show or Focus Hover" at the cursor), which
    // does not depend on mouse timing.
    const until = Date.now() + timeout;
    for (let attempt = 0; Date.now() < until; attempt++) {
      await this.page.mouse.move(0, 0);
      if (attempt % 2 === 0) {
        await span.hover();
      } else {
        await span.click();
        await this.page.keyboard.press('Control+K');
        await this.page.keyboard.press('Control+I');
      }
      try {
        await content.first().waitFor({ state: 'visible', timeout: 3000 });
        return content.first().innerText();
      } catch { /* try again */ }
    }
    throw new Error(`no hover appeared over "${token}" within ${timeout / 1000} s`);
  }

  /**
   * The visible hover's box: the height of its scrollable frame and of its content. A hover fits
   * when the content is no taller than the frame (VS Code caps the frame, 250 px at 1280 x 800).
   */
  async hoverBox() {
    const hover = this.page.locator('.monaco-hover').filter({ visible: true }).first();
    await this.settled(hover);
    return hover.evaluate((element) => {
      const scrollable = element.querySelector('.monaco-scrollable-element');
      return { frame: scrollable?.clientHeight ?? 0, content: scrollable?.firstElementChild?.scrollHeight ?? 0 };
    });
  }

  /** Moves the editor's cursor to `line` (1-based; "12:5" for a column too) with Go to Line, which scrolls it into view. */
  async goToLine(line) {
    // The editor's input area takes the keys (a click could land on a line scrolled under the breadcrumbs).
    await this.page.locator('.editor-group-container.active .monaco-editor textarea').first().focus();
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}`);
    await input.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  /** The visible editor lines containing `text` (all of them without it), as a locator. */
  line(text) {
    return this.page.locator('.monaco-editor .view-line', text === undefined ? {} : { hasText: text });
  }

  /** The active webview's document (panel, custom editor): VS Code nests it in two iframes. */
  webview() {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** Saves NAME.png in screenshots/ at the repo root (or the folder given to open()); returns its path. */
  async screenshot(name) {
    mkdirSync(this.shotsDir, { recursive: true });
    const path = join(this.shotsDir, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }
}
