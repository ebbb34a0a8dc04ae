// Every user-visible template has its Korean translation, with the same placeholders and code spans,
// and the bundles hold nothing else. The templates are read from the sources: `l10n.t('...')`
// (vscode.l10n.t and src/extension/l10n.ts) in src/extension, `msg('...')` in src/core and
// src/language (src/core/message.ts), and the webview's strings (src/webview/englishStrings.ts), which
// the page looks up in the translations the host hands it. `LOSSLENS_WRITE_L10N=1` rewrites l10n/bundle.l10n.json from the sources.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatMessage, messageParts, msg, resolveKoreanParticles } from '../../src/core';
import { localize, setTranslator, t } from '../../src/extension/l10n';
import { isWebviewStringsTable } from '../../src/protocol';
import { WEBVIEW_STRING_KEYS, WEBVIEW_STRINGS } from '../../src/webview/englishStrings';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

const LITERAL = String.raw`('(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")`;

function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

/** The first argument of every `<call>(` in `folder`, and calls whose first argument is not a plain literal. */
function templatesIn(folder: string, call: RegExp): { templates: Map<string, string>; dynamic: string[] } {
  const templates = new Map<string, string>();
  const dynamic: string[] = [];
  for (const file of sources(join(root, 'src', folder))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(new RegExp(`${call.source}\\(\\s*(?:${LITERAL}|([^\\s)]))`, 'g'))) {
      const where = `${relative(root, file)}:${text.slice(0, m.index).split('\n').length}`;
      if (m[1] !== undefined) templates.set(unquote(m[1]), where);
      // `template` is the mechanism forwarding a template it was given (extension.ts, core/message.ts).
      else if (!text.startsWith('template', m.index! + m[0].length - 1)) dynamic.push(where);
    }
  }
  return { templates, dynamic };
}

const host = templatesIn('extension', /\bl10n\.t/);
const layers = [templatesIn('core', /\bmsg/), templatesIn('language', /\bmsg/), templatesIn('live', /\bmsg/)];
const page = new Map(WEBVIEW_STRING_KEYS.map((key) => [WEBVIEW_STRINGS[key], `src/webview/englishStrings.ts: ${key}`] as const));
const used = new Map([...host.templates, ...layers.flatMap((l) => [...l.templates]), ...page]);
const bundlePath = join(root, 'l10n', 'bundle.l10n.json');
const koPath = join(root, 'l10n', 'bundle.l10n.ko.json');

if (process.env.LOSSLENS_WRITE_L10N === '1') {
  writeFileSync(bundlePath, `${JSON.stringify(Object.fromEntries([...used.keys()].map((k) => [k, k])), null, 2)}\n`);
}

const english = JSON.parse(readFileSync(bundlePath, 'utf8')) as Record<string, string>;
const korean = JSON.parse(readFileSync(koPath, 'utf8')) as Record<string, string>;

/** What a translation must keep: the {n} placeholders and the `code spans`, sorted. */
function kept(text: string): string[] {
  return [...(text.match(/\{\d+\}/g) ?? []), ...(text.match(/`[^`]*`/g) ?? [])].sort();
}

describe('l10n', () => {
  it('takes every template as a string literal (so it can be read from the source)', () => {
    assert.deepEqual([host.dynamic, ...layers.map((l) => l.dynamic)].flat(), []);
    assert.ok(host.templates.size > 100 && layers.every((l) => l.templates.size > 10), `${host.templates.size} host templates`);
  });

  it('the English bundle is exactly the templates of the sources, each its own value', () => {
    assert.deepEqual(Object.keys(english).sort(), [...used.keys()].sort(), 'run the unit tests with LOSSLENS_WRITE_L10N=1 to rewrite l10n/bundle.l10n.json');
    for (const [key, value] of Object.entries(english)) assert.equal(value, key);
  });

  it('every template has a Korean translation with the same placeholders and code spans', () => {
    const missing = [...used].filter(([key]) => typeof korean[key] !== 'string' || korean[key] === '').map(([key, where]) => `${where}: ${key}`);
    assert.deepEqual(missing, []);
    for (const key of used.keys()) assert.deepEqual(kept(korean[key]!), kept(key), `${key}\n-> ${korean[key]}`);
  });

  it('the Korean bundle has no stale key', () => {
    assert.deepEqual(Object.keys(korean).filter((key) => !used.has(key)), []);
  });

  it("the webview's strings: each key's English text is a bundle entry with its Korean", () => {
    assert.ok(WEBVIEW_STRING_KEYS.length > 100, `${WEBVIEW_STRING_KEYS.length} webview strings`);
    for (const key of WEBVIEW_STRING_KEYS) {
      const text = WEBVIEW_STRINGS[key];
      assert.equal(text, text.trim(), key);
      assert.equal(english[text], text, `${key}: "${text}" is not in l10n/bundle.l10n.json`);
      assert.ok(typeof korean[text] === 'string' && korean[text] !== '', `${key}: "${text}" has no Korean`);
      assert.deepEqual(kept(korean[text]!), kept(text), `${key}: ${text}\n-> ${korean[text]}`);
    }
  });

  it("the table the host hands the page is the language and the loaded bundle, and nothing but strings passes", () => {
    const table = { lang: 'ko', messages: korean };
    assert.ok(isWebviewStringsTable(table));
    assert.equal(table.messages[WEBVIEW_STRINGS['section.values']], '입력한 값');
    assert.equal(formatMessage(table.messages[WEBVIEW_STRINGS['explorer.showing']]!, ['x']), '표시 중: x');
    assert.equal(isWebviewStringsTable({ lang: 'en', messages: {} }), true);
    assert.equal(isWebviewStringsTable({ ...table, messages: { a: 1 } }), false);
    assert.equal(isWebviewStringsTable({ messages: {} }), false);
  });

  it('no Korean sentence shows both particle forms once filled in (issue 20, item 16)', () => {
    // Sentences the host formats with vscode.l10n.t directly never pass through the particle
    // choice (src/extension/l10n.ts's translator does): they must be written so none is needed.
    const direct = templatesIn('extension', /\bvscode\.l10n\.t/).templates;
    const bothForms = /은\(는\)|이\(가\)|을\(를\)|과\(와\)|\(으\)로/;
    assert.deepEqual([...direct.keys()].filter((key) => bothForms.test(korean[key] ?? '')).map((key) => `${direct.get(key)}: ${korean[key]}`), []);
    // Every other sentence is finished by the translator: filled with a word, no both-forms is left.
    try {
      setTranslator((template, args) => resolveKoreanParticles(formatMessage(korean[template] ?? template, args)));
      const words = ['cross_entropy', '0.9', 'label_smoothing', '"x"', '모델', 'torch.tensor', '3'];
      for (const key of used.keys()) {
        if (direct.has(key)) continue;
        const count = (key.match(/\{\d+\}/g) ?? []).reduce((max, p) => Math.max(max, Number(p.slice(1, -1)) + 1), 0);
        for (const word of words) {
          const text = t(key, ...Array.from({ length: count }, () => word));
          assert.doesNotMatch(text, bothForms, `${key}\n-> ${text}`);
        }
      }
      assert.equal(t('"{0}" is not a number.', 'cross_entropy'), '"cross_entropy"는 숫자가 아닙니다.');
    } finally {
      setTranslator(formatMessage);
    }
  });

  it('names Loss Lens commands in Korean text by their Korean titles, as the palette shows them (issue 20, item 16)', () => {
    const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const titles = Object.entries(nls).filter(([key]) => /^command\..*\.title$/.test(key)).map(([, title]) => title.replace(/\.\.\.$/, ''));
    const english = Object.entries(korean).flatMap(([key, text]) => titles.filter((title) => text.includes(title)).map((title) => `${key} -> ${title}`));
    assert.deepEqual(english, []);
  });

  it("calls the Korean document the project began from what it is, not \"the walk-through\" (issue 20, item 8)", () => {
    // Inside a VS Code walkthrough, "the walk-through" reads as the walkthrough itself.
    const nlsFiles = ['package.nls.json', 'package.nls.ko.json'].map((file) => readFileSync(join(root, file), 'utf8'));
    const pages = readdirSync(join(root, 'media', 'walkthrough')).map((file) => readFileSync(join(root, 'media', 'walkthrough', file), 'utf8'));
    for (const text of [...Object.values(english), ...Object.values(korean), ...Object.values(WEBVIEW_STRINGS), ...nlsFiles, ...pages]) {
      assert.doesNotMatch(text, /walk-through/i, text.slice(0, 120));
    }
  });

  it('msg keeps the English text and localize translates it with its arguments, nested messages too', () => {
    const inner = msg('a number in [0, 1]');
    const text = msg('{0} must be {1} (got {2})', 'alpha', inner, '2');
    assert.equal(text, 'alpha must be a number in [0, 1] (got 2)');
    assert.deepEqual(messageParts(text), { template: '{0} must be {1} (got {2})', args: ['alpha', inner, '2'] });
    try {
      setTranslator((template, args) => formatMessage(korean[template] ?? template, args));
      assert.equal(localize(text), 'alpha: [0, 1] 범위의 숫자만 허용됩니다(입력값 2)');
      assert.equal(t('Loss Lens: {0}', 'x'), 'Loss Lens: x');
      assert.equal(localize('not a message'), 'not a message');
    } finally {
      setTranslator(formatMessage);
    }
  });

  it('msg remembers a text until 4096 other texts were made after it, the latest making winning, and forgets older ones (bounded)', () => {
    const first = msg('{0} must be {1} (got {2})', 'gamma', 'kept', 'first');
    for (let i = 0; i < 4096; i++) msg('filler {0}', `a${i}`);
    assert.deepEqual(messageParts(first), { template: '{0} must be {1} (got {2})', args: ['gamma', 'kept', 'first'] });
    // Made again: remembered from then on, with the arguments of the latest making.
    const again = msg('{0} must be {1} (got {2})', 'gamma', 'kept', 'first');
    for (let i = 0; i < 4096; i++) msg('filler {0}', `b${i}`);
    assert.equal(messageParts(again)?.template, '{0} must be {1} (got {2})');
    for (let i = 0; i < 2 * 4097; i++) msg('filler {0}', `c${i}`);
    assert.equal(messageParts(again), undefined);
  });
});
