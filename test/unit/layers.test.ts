// The layers point one way: core (math) <- language (reading source text) <- live (a paused
// debuggee's values) <- extension (VS Code adapters), core <- webview, and protocol.ts is the only module both sides of the webview import.
// Checked on the import lines.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { sources } from './sourceFiles';

const root = join(__dirname, '..', '..', '..');
const src = join(root, 'src');

/** The modules a file imports, resolved to src-relative folders ('core', 'language', 'protocol.ts', 'vscode', ...). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map((m) => {
    const spec = m[1]!;
    if (!spec.startsWith('.')) return spec;
    const target = relative(src, join(file, '..', spec));
    return target.split(/[\\/]/)[0]!.replace(/^protocol$/, 'protocol.ts');
  });
}

const allowed: Record<string, string[]> = {
  core: ['core'],
  language: ['core', 'language'],
  webview: ['core', 'webview', 'protocol.ts', 'chart.js'],
  // live/ reads a paused debuggee's values without vscode: the snippet, requests, parsing.
  live: ['core', 'language', 'live'],
  extension: ['core', 'language', 'live', 'extension', 'protocol.ts', 'vscode'],
  cli: ['core', 'language', 'cli', 'node:fs', 'node:path'],
};

describe('layers', () => {
  for (const [layer, may] of Object.entries(allowed)) {
    it(`${layer} imports only ${may.join(', ')}`, () => {
      for (const file of sources(join(src, layer))) {
        for (const target of importsOf(file)) {
          const folder = target.startsWith('chart.js') ? 'chart.js' : target;
          assert.ok(may.includes(folder), `${relative(root, file)} imports ${target}`);
        }
      }
    });
  }

  // Inside language/, the folders are independent readers of text: recognition, selection and
  // implementations share only input/ (typed numbers), never each other.
  it('language/ folders import only core, their own folder and input/', () => {
    for (const folder of ['recognition', 'selection', 'implementations', 'input']) {
      for (const file of sources(join(src, 'language', folder))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
          if (!m[1]!.startsWith('.')) continue;
          const target = relative(join(src, 'language'), join(file, '..', m[1]!)).split(/[\\/]/);
          const ok = target[0] === '..' ? target[1] === 'core' : target[0] === folder || target[0] === 'input';
          assert.ok(ok, `${relative(root, file)} imports ${m[1]}`);
        }
      }
    }
  });

  // The lint reads source text through recognition's public entry point (its index.ts), never its
  // internals, so recognition can change inside without the lint noticing.
  it('language/lint imports only core, its own folder and recognition through its index.ts', () => {
    const files = sources(join(src, 'language', 'lint'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
        assert.ok(m[1]!.startsWith('.'), `${relative(root, file)} imports ${m[1]}`);
        const target = relative(join(src, 'language'), join(file, '..', m[1]!)).split(/[\\/]/);
        const ok = target[0] === '..' ? target[1] === 'core' && target.length === 2
          : target[0] === 'lint' || (target[0] === 'recognition' && (target.length === 1 || (target.length === 2 && target[1] === 'index')));
        assert.ok(ok, `${relative(root, file)} imports ${m[1]}`);
      }
    }
  });

  // Types, and the validators of a batch summary and its spec both sides check a `batch` message with.
  it('protocol.ts imports types from core, and only the batch summary validators as code', () => {
    const text = readFileSync(join(src, 'protocol.ts'), 'utf8');
    for (const line of text.split('\n').filter((l) => /^\s*import\b/.test(l))) assert.match(line, /^import (type .*|\{ batchSummaryOf, isBatchSpec \}) from '\.\/core\//, line);
  });

  it('core and language use no DOM or Node globals', () => {
    for (const file of [...sources(join(src, 'core')), ...sources(join(src, 'language'))]) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      assert.doesNotMatch(code, /\b(document|window|process|require|Buffer|globalThis)\b\s*[.(]/, relative(root, file));
    }
  });

  it('the extension bundle, which both extension hosts run, requires nothing but vscode', () => {
    const code = readFileSync(join(root, 'dist', 'extension.js'), 'utf8');
    const required = [...new Set([...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!))];
    assert.deepEqual(required, ['vscode']);
  });

  it("the host bundle carries none of the page's strings (they are the webview bundle's alone)", () => {
    // The texts themselves: the table must not be pulled into the host by any import.
    const page = readFileSync(join(src, 'webview', 'englishStrings.ts'), 'utf8');
    // ASCII texts only: esbuild writes other characters as escapes.
    const texts = [...page.matchAll(/^\s*'[a-zA-Z.]+': '([^'\\]{30,})',?$/gm)].map((m) => m[1]!).filter((text) => /^[\x20-\x7e]+$/.test(text));
    assert.ok(texts.length > 50, `${texts.length} long page strings found`);
    const code = readFileSync(join(root, 'dist', 'extension.js'), 'utf8');
    const inside = texts.filter((text) => code.includes(text));
    assert.deepEqual(inside, [], 'dist/extension.js holds page strings');
    assert.ok(texts.every((text) => readFileSync(join(root, 'dist', 'webview', 'main.js'), 'utf8').includes(text)), 'the webview bundle holds them');
  });
});
