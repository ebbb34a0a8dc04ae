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
    try {
      const page = await browser.newPage({ viewport: { width, height } });
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(url, { timeout: 120_000 });
      await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
      // The explorer lists the folder once the remote connection is up: a good "ready" signal.
      await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 120_000 });
      return new Workbench(browser, page, errors, shotsDir);
    } catch (error) {
      // A workbench that never came up still closes its browser.
      await browser.close().catch(() => {});
      throw error;
    }
  }

  constructor(browser, page, errors, shotsDir = screenshotDir) {
    this.browser = browser;
    this.page = page;
    this.errors = errors;
    this.shotsDir = shotsDir;
  }

  /** Closes the browser; never throws (a browser that already died is closed). */
  async close() {
    await this.browser.close().catch(() => {});
  }

  /** Opens a file by clicking its row in the explorer (top-level names, or expanded folders). */
  async openFile(name) {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
    await this.page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
    await this.page.locator('.monaco-editor .view-line').first().waitFor({ timeout: 20_000 });
  }

  /** Runs a command by its palette title ("Loss Lens: Compute Loss..."): F1, type, click the row. */
  async runCommand(title, { attempts = 10 } = {}) {
    const row = this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    // The palette lists the commands known when it opens; an installed extension's contributions can
    // arrive a few seconds after the workbench shows, so reopen it until the command is listed.
    for (let attempt = 1; ; attempt++) {
      const input = await this.openPalette();
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
   * Opens the command palette with F1 and returns its input. The palette has opened when the quick
   * input shows with its input focused and holding the ">" F1 puts there; until then the keystroke is
   * sent again (not the whole check), after giving the workbench the focus back: a key pressed
   * while focus is elsewhere (see focusWorkbench) is lost.
   */
  async openPalette({ attempts = 6, timeout = 10_000 } = {}) {
    const input = this.page.locator('.quick-input-widget input');
    for (let attempt = 1; ; attempt++) {
      const focus = await this.focusWorkbench();
      await this.page.keyboard.press('F1');
      try {
        await this.page.waitForFunction(() => {
          const active = document.activeElement;
          return active instanceof HTMLInputElement && active.closest('.quick-input-widget') !== null
            && active.offsetParent !== null && active.value.startsWith('>');
        }, undefined, { timeout, polling: 100 });
        return input;
      } catch (error) {
        const now = await this.describeFocus();
        if (attempt === attempts) throw new Error(`F1 opened no command palette (${attempts} keystrokes; focus before the last on ${focus}, now on ${now})`, { cause: error });
        console.log(`    (F1 #${attempt} opened no command palette within ${timeout / 1000} s; focus was on ${focus}, now on ${now}: pressing it again)`);
        // A palette that opened with something else in its input, or half-way: close it first.
        if (await input.isVisible()) {
          await this.page.keyboard.press('Escape');
          await input.waitFor({ state: 'hidden' });
        }
      }
    }
  }

  /**
   * Gives the keyboard focus to the workbench itself, not to a webview's frame, without moving the
   * editor's cursor (screenshots stay tidy): the first editor group's active tab if there is one, else
   * the status bar. Returns where the focus is then (describeFocus).
   */
  async focusWorkbench() {
    // A webview (the Loss Explorer, a details page) that is still loading can take the focus after
    // the click: keys pressed inside its frame reach the workbench only once the frame's own page has
    // loaded and forwards them. So the click counts once the focus sits in the workbench's own page.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const tab = this.page.locator('.tab.active').first();
      await ((await tab.isVisible()) ? tab : this.page.locator('.statusbar')).click();
      const inWorkbench = await this.page.waitForFunction(() => document.hasFocus() && !(document.activeElement instanceof HTMLIFrameElement), undefined, { timeout: 2000, polling: 100 })
        .then(() => true, () => false);
      if (inWorkbench) break;
    }
    return this.describeFocus();
  }

  /** The focused element of the workbench page, for messages: "IFRAME.webview ready", "TEXTAREA.inputarea ...". */
  describeFocus() {
    return this.page.evaluate(() => {
      const active = document.activeElement;
      if (!active) return 'nothing';
      const cls = typeof active.className === 'string' ? active.className.trim().split(/\s+/).slice(0, 3).join('.') : '';
      return `${active.tagName}${cls ? `.${cls}` : ''}${document.hasFocus() ? '' : ' (page not focused)'}`;
    }).catch((error) => `unknown (${error.message.split('\n')[0]})`);
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

  /**
   * Saves NAME.png in screenshots/ at the repo root (or the folder given to open()); returns its path.
   * `clip` ({ x, y, width, height } in page pixels) keeps only that part of the window.
   */
  async screenshot(name, { clip } = {}) {
    mkdirSync(this.shotsDir, { recursive: true });
    const path = join(this.shotsDir, `${name}.png`);
    await this.page.screenshot({ path, ...(clip ? { clip } : {}) });
    return path;
  }
}
