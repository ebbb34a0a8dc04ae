// Issue 20, item 9: every text the panel draws, in every built-in theme, has at least WCAG AA's
// 4.5:1 contrast against what it is drawn on. The theme colours are VS Code's own, read from a
// real workbench (test/e2e/themeColors.mjs wrote test/fixtures/webviewThemes.json); each test sets
// them on the page as VS Code does (variables on the root, the theme's class on the body) and
// measures every element that shows text, in both views, with the states that colour text (a
// refused value, the worked examples' verdicts, a field error).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordedBatch } from './batchPage.mjs';
import { explorerSuite, openAllSections, postFromHost } from './explorerPage.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'webviewThemes.json'), 'utf8'));
const AA = 4.5;

/** Sets a theme as VS Code's webview host does. */
function applyTheme(page, theme) {
  return page.evaluate(({ colors, bodyClass }) => {
    for (const name of [...document.documentElement.style]) if (name.startsWith('--vscode-')) document.documentElement.style.removeProperty(name);
    for (const [name, value] of Object.entries(colors)) document.documentElement.style.setProperty(name, value);
    document.body.className = bodyClass;
  }, theme);
}

/** Every visible element with text of its own (or a form control), its colour and the background under it, blended; below `minimum` only. */
function lowContrast(page, minimum) {
  return page.evaluate((min) => {
    const parse = (css) => {
      // color-mix() computes to color(srgb r g b [/ a]) with channels in [0, 1].
      const srgb = /color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.]+))?\)/.exec(css);
      if (srgb) return { r: Number(srgb[1]) * 255, g: Number(srgb[2]) * 255, b: Number(srgb[3]) * 255, a: srgb[4] === undefined ? 1 : Number(srgb[4]) };
      const m = /rgba?\(([^)]+)\)/.exec(css);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
    const channel = (v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
    const ratio = (a, b) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    /** The opaque colour under `element`: its own and its ancestors' backgrounds, blended from the page's. */
    const backgroundOf = (element) => {
      const layers = [];
      for (let e = element; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) layers.push(c);
        if (c && c.a === 1) break;
      }
      let colour = { r: 255, g: 255, b: 255, a: 1 };
      if (layers.length && layers[layers.length - 1].a === 1) colour = layers.pop();
      for (const layer of layers.reverse()) colour = over(layer, colour);
      return colour;
    };
    const found = [];
    for (const element of document.querySelectorAll('body *')) {
      if (element.closest('.visually-hidden, script, style, canvas, option')) continue;
      const own = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== '');
      const control = element.matches('input:not([type=checkbox]):not([type=radio]):not([type=range]), select, textarea');
      if (!own && !control) continue;
      if (element.getClientRects().length === 0 || getComputedStyle(element).visibility === 'hidden') continue;
      // WCAG exempts inactive controls and their labels.
      if (element.closest(':disabled') || (element.matches('label') && element.control?.disabled)) continue;
      const style = getComputedStyle(element);
      const fg = parse(style.color);
      const bg = backgroundOf(element);
      const contrast = ratio(over(fg, bg), bg);
      if (contrast < min) {
        const name = element.id ? `#${element.id}` : `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
        const inside = element.closest('[id]')?.id;
        found.push(`${name}${inside && `#${inside}` !== name ? ` in #${inside}` : ''} "${(element.textContent || element.value || '').trim().slice(0, 30)}": ${style.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}) = ${contrast.toFixed(2)}:1`);
      }
    }
    return found;
  }, minimum);
}

describe('Loss Explorer text contrast in every built-in theme (WCAG AA, issue 20 item 9)', function () {
  this.timeout(60_000);
  const env = explorerSuite();

  it('the fixture holds the six built-in themes with the variables the panel uses', () => {
    assert.deepEqual(Object.keys(fixture.themes).sort(), ['Dark High Contrast', 'Dark Modern', 'Dark+', 'Light High Contrast', 'Light Modern', 'Light+']);
    for (const [label, theme] of Object.entries(fixture.themes)) {
      assert.ok(theme.colors['--vscode-editor-background'] && theme.colors['--vscode-foreground'], label);
      assert.match(theme.bodyClass, /^vscode-(light|dark|high-contrast|high-contrast-light)$/, label);
    }
  });

  for (const [label, theme] of Object.entries(fixture.themes)) {
    it(`${label}: every text in the three views, with errors, verdicts and checks showing, reaches ${AA}:1`, async () => {
      const { page } = env;
      await applyTheme(page, theme);
      await openAllSections(page);
      // States that colour text: a field error, a refused value row, the examples' verdicts (always shown).
      await page.fill('#gamma', '-1');
      await page.fill('#value-prediction', '0.9');
      await page.fill('#value-y', '2');
      await page.click('#value-add');
      await page.locator('#examples-table tbody tr.verdict-truncated').first().waitFor();
      const binary = await lowContrast(page, AA);
      await page.fill('#gamma', '2');
      await page.check('#mode-multiclass');
      await openAllSections(page);
      await page.fill('#mc-classes', '1');
      const multiclass = await lowContrast(page, AA);
      // The batch view with a warning and a note showing (the checks' colours), and a refused value.
      const batch = recordedBatch('retina');
      batch.summary = { ...batch.summary, checks: [{ id: 'probabilities-into-logits', min: 0.01, max: 0.99 }, { id: 'soft-targets', count: 3 }] };
      await postFromHost(page, { type: 'batch', batch });
      await page.waitForFunction(() => document.querySelectorAll('#batch-checks li').length === 2);
      await openAllSections(page);
      await page.fill('#batch-smoothing', '2');
      const batchView = await lowContrast(page, AA);
      assert.deepEqual([...binary, ...multiclass, ...batchView], []);
    });
  }
});
