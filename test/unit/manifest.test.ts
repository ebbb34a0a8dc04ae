// What package.json promises the Extensions view and the marketplace, checked against the files,
// and the integration suites' own assertions (they must be able to fail).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as integrationAssert from '../integration/assert';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { icon?: string };

describe('package.json', () => {
  it('names a 128 x 128 PNG icon that .vscodeignore lets into the package', () => {
    assert.ok(manifest.icon, 'no icon');
    const png = readFileSync(join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // IHDR: width and height are the big-endian words at bytes 16 and 20.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes(`!${manifest.icon}`), `.vscodeignore does not let ${manifest.icon} through`);
  });
});

describe('test/integration/assert', () => {
  it('passes what holds and throws on what does not', () => {
    integrationAssert.ok(1);
    integrationAssert.equal(NaN, NaN);
    integrationAssert.match('gamma 2', /gamma \d/);
    integrationAssert.deepEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] });
    assert.throws(() => integrationAssert.ok(0), integrationAssert.AssertionError);
    assert.throws(() => integrationAssert.equal(0, -0), /expected 0, got 0/);
    assert.throws(() => integrationAssert.equal('1', 1));
    assert.throws(() => integrationAssert.match('gamma', /alpha/));
    assert.throws(() => integrationAssert.deepEqual([1, 2], [1, 2, 3]));
    assert.throws(() => integrationAssert.deepEqual({ a: 1 }, { b: 1 }));
    assert.throws(() => integrationAssert.deepEqual([1], { 0: 1 }));
    assert.throws(() => integrationAssert.ok(false, 'said so'), /said so/);
  });
});

// Manifest localisation (issue 14): VS Code replaces every "%key%" string of package.json with
// package.nls.json's value, or package.nls.<locale>.json's in that display language.
type Nls = Record<string, string>;
const readJson = (name: string) => JSON.parse(readFileSync(join(root, name), 'utf8')) as unknown;
const nlsEn = readJson('package.nls.json') as Nls;
const nlsKo = readJson('package.nls.ko.json') as Nls;
/** Product and brand names that read the same in every language. */
const SAME_IN_EVERY_LANGUAGE = new Set(['Loss Lens']);

/** Every string in `value` with the JSON path it sits at. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

const placeholderKey = (s: string) => /^%([^%\s]+)%$/.exec(s)?.[1];

/** What must stay the same in a translation: {0} placeholders, `code spans`, setting links and link targets. */
function invariants(text: string): string[] {
  const found = [
    ...(text.match(/\{\d+\}/g) ?? []),
    ...(text.match(/`[^`]*`/g) ?? []),
    ...(text.match(/#lossLens\.[\w.-]+#/g) ?? []),
    ...[...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => `link ${m[1]}`),
  ];
  return found.sort();
}

/** The text once code, links and product names are taken out: what a translator translates. */
function prose(text: string): string {
  let rest = text.replace(/`[^`]*`/g, ' ').replace(/\]\([^)\s]+\)/g, '] ').replace(/#lossLens\.[\w.-]+#/g, ' ');
  for (const name of SAME_IN_EVERY_LANGUAGE) rest = rest.split(name).join(' ');
  return rest.replace(/[\s\p{P}\p{S}\d]+/gu, '');
}

describe('package.json localisation', () => {
  const used = strings(manifest).flatMap(([path, s]) => {
    const key = placeholderKey(s);
    return key ? [{ path, key }] : [];
  });

  it('names only keys package.nls.json has', () => {
    assert.ok(used.length > 40, `only ${used.length} placeholders`);
    const missing = used.filter(({ key }) => !(key in nlsEn));
    assert.deepEqual(missing, []);
  });

  it('has no key in package.nls.json that package.json does not use', () => {
    const usedKeys = new Set(used.map(({ key }) => key));
    assert.deepEqual(Object.keys(nlsEn).filter((key) => !usedKeys.has(key)), []);
  });

  it('leaves no user-visible text in contributes or the description unlocalised', () => {
    const visible = /(^description$|\.(title|category|description|markdownDescription|altText)$|\.enumDescriptions\[\d+\]$)/;
    const literal = strings({ description: (manifest as Record<string, unknown>).description, contributes: (manifest as Record<string, unknown>).contributes, capabilities: (manifest as Record<string, unknown>).capabilities })
      .filter(([path, s]) => visible.test(path) && !placeholderKey(s));
    assert.deepEqual(literal, []);
  });

  it('has a Korean value for every key, with the same placeholders, code, setting links and link targets', () => {
    assert.deepEqual(Object.keys(nlsKo).sort(), Object.keys(nlsEn).sort(), 'package.nls.ko.json has other keys');
    for (const [key, en] of Object.entries(nlsEn)) {
      const ko = nlsKo[key];
      assert.equal(typeof en, 'string', key);
      assert.equal(typeof ko, 'string', key);
      assert.ok(ko!.trim().length > 0, `${key} is empty in Korean`);
      assert.deepEqual(invariants(ko!), invariants(en), `${key}: placeholders, code or links differ`);
    }
  });

  it('translates every value that has words: Korean text, not an English copy', () => {
    const hangul = /[\uac00-\ud7a3]/;
    for (const [key, en] of Object.entries(nlsEn)) {
      const ko = nlsKo[key]!;
      if (key.endsWith('.media')) {
        assert.match(ko, /\.ko\.md$/, `${key}: the Korean step should show the Korean page`);
        continue;
      }
      if (prose(en) === '') {
        // Only code or a product name: the same in both.
        assert.equal(ko, en, key);
        continue;
      }
      assert.notEqual(ko, en, `${key} is not translated`);
      assert.match(ko, hangul, `${key} has no Korean`);
    }
  });

  it('ships the walkthrough pages of both languages, in Korean where they are Korean', () => {
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    const shipped = (path: string) =>
      ignore.some((line) => line.startsWith('!') && new RegExp(`^${line.slice(1).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '.*').replace(/(?<!\.)\*/g, '[^/]*')}$`).test(path));
    const pages = Object.entries(nlsEn).filter(([key]) => key.endsWith('.media'));
    assert.equal(pages.length, 5);
    for (const [key, enPath] of pages) {
      for (const path of [enPath, nlsKo[key]!]) {
        const text = readFileSync(join(root, path), 'utf8');
        assert.ok(text.startsWith('# '), `${path} starts with its heading`);
        assert.ok(shipped(path), `.vscodeignore does not let ${path} through`);
      }
      assert.match(readFileSync(join(root, nlsKo[key]!), 'utf8'), /[\uac00-\ud7a3]/, `${nlsKo[key]} has no Korean`);
    }
    assert.ok(shipped('package.nls.json') && shipped('package.nls.ko.json'), '.vscodeignore must ship package.nls*.json');
  });
});

describe('F5 (.vscode/launch.json and tasks.json)', () => {
  /** A VS Code settings file: JSON with // comment lines. */
  const jsonc = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8').replace(/^\s*\/\/.*$/gm, ''));

  it('builds with an npm script that exists, then starts an Extension Development Host on the sample workspace', () => {
    const { configurations } = jsonc('.vscode/launch.json') as { configurations: { type: string; args: string[]; preLaunchTask: string }[] };
    const { tasks } = jsonc('.vscode/tasks.json') as { tasks: { label: string; script: string }[] };
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    assert.ok(configurations.length > 0);
    for (const launch of configurations) {
      assert.equal(launch.type, 'extensionHost');
      assert.ok(launch.args.includes('--extensionDevelopmentPath=${workspaceFolder}'), JSON.stringify(launch.args));
      const folder = launch.args.find((arg) => !arg.startsWith('--'));
      assert.equal(folder, '${workspaceFolder}/test/sample-workspace');
      assert.ok(existsSync(join(root, 'test', 'sample-workspace', 'retinanet_train.py')));
      const task = tasks.find((t) => t.label === launch.preLaunchTask);
      assert.ok(task, `no task labelled ${launch.preLaunchTask}`);
      assert.equal(scripts[task!.script], 'node esbuild.mjs');
    }
  });
});
