// No module of src/ reaches itself through its imports (type-only imports included): data such as
// the catalog depends on helpers, never the reverse, so each piece can be read and tested on its own.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { sources } from './sourceFiles';

const src = join(__dirname, '..', '..', '..', 'src');

/** The src files a file imports (relative imports, resolved to `x.ts` or `x/index.ts`). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+'(\.[^']+)'/gm)].flatMap((m) => {
    const base = join(dirname(file), m[1]!);
    const found = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
    return found ? [found] : [];
  });
}

/** Every cycle met in a depth-first walk, as 'a.ts -> b.ts -> a.ts'. */
function importCycles(files: readonly string[], root: string): string[] {
  const graph = new Map(files.map((file) => [file, importsOf(file)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next].map((f) => relative(root, f)).join(' -> '));
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

describe('import cycles', () => {
  it('src/ has none', () => {
    assert.deepEqual(importCycles(sources(src), src), []);
  });

  it('the check finds a cycle made by a type-only import, as catalog -> catalog/helpers -> arrayValues -> catalog was', () => {
    const root = mkdtempSync(join(tmpdir(), 'cycles-'));
    try {
      mkdirSync(join(root, 'catalog'));
      writeFileSync(join(root, 'catalog.ts'), "import { p } from './catalog/helpers';\nexport const CATALOG = [p];\n");
      writeFileSync(join(root, 'catalog', 'helpers.ts'), "import { scalarOf } from '../arrayValues';\nexport const p = scalarOf;\n");
      writeFileSync(join(root, 'arrayValues.ts'), "import type { Literal } from './catalog';\nexport const scalarOf = (x: Literal) => x;\n");
      assert.deepEqual(importCycles(sources(root), root), [['arrayValues.ts', 'catalog.ts', join('catalog', 'helpers.ts'), 'arrayValues.ts'].join(' -> ')]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
