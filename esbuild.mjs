// Builds Loss Lens: the extension for Node and for the web worker host, the webview app, and
// (with --tests) the test and benchmark bundles. esbuild does not type-check: `npm run typecheck` does.
//   node esbuild.mjs [--production] [--watch] [--tests]
import * as esbuild from 'esbuild';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { bundledPackages, noticesText } from './thirdPartyNotices.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  target: 'es2022',
  logLevel: 'warning',
  // Licences go to ThirdPartyNotices.txt (written below from what was bundled), not into the bundles.
  legalComments: 'none',
  // The Python snippet evaluated in a paused debuggee (src/live/batchSummary.py) ships as text.
  loader: { '.py': 'text' },
  metafile: true,
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
  {
    // One bundle for both extension hosts (package.json's `main` and `browser`): the extension uses
    // nothing of Node's (test/unit/layers.test.ts keeps it so), so the Node host runs the web
    // worker's code, and the .vsix carries it once (it was two copies of ~100 KB packed).
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview/main.js',
    platform: 'browser',
    format: 'iife',
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  },
  {
    // The `loss-lens-lint` bin: the same lint, run by Node on files and folders.
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli/loss-lens-lint.js',
    platform: 'node',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
];

/** Every file under `dir` whose name ends with `suffix`. */
function filesUnder(dir, suffix) {
  let found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(filesUnder(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

if (tests) {
  // Each test file is its own bundle so mocha can load and name them one by one.
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    // Integration suites run inside VS Code's extension host (test/integration/index.ts finds them
    // there); test/e2e/expected.ts lets the UI checks compute expected text with the core.
    entryPoints: [
      ...filesUnder('test/unit', '.test.ts'),
      'test/bench/index.ts',
      'test/eval/dumpCalls.ts',
      'test/live/recordBatches.ts',
      'test/integration/index.ts',
      ...filesUnder('test/integration', '.test.ts'),
      'test/e2e/expected.ts',
      'test/desktop/runTests.ts',
    ],
    outdir: 'out/test',
    outbase: 'test',
    platform: 'node',
    format: 'cjs',
    // Resolved from node_modules at run time (mocha loads reporters by name; vscode is the host's).
    external: ['vscode', 'mocha', 'fast-check', '@vscode/test-electron'],
    define: { LOSS_LENS_TEST_HOST: '"node"' },
  });
  // The same integration suites for the web worker extension host: one bundle, mocha's browser build
  // first (test/integration/web.ts), then every suite, so nothing is loaded from disk at run time.
  const suites = filesUnder('test/integration', '.test.ts').sort().map((file) => `import './${relative('test/integration', file).split(sep).join('/')}';`);
  builds.push({
    ...common,
    minify: false,
    sourcemap: 'inline',
    stdin: {
      contents: [`export { run } from './web';`, ...suites].join('\n'),
      resolveDir: 'test/integration',
      sourcefile: 'web-suites.ts',
      loader: 'ts',
    },
    outfile: 'out/test/integration-web/index.js',
    platform: 'browser',
    format: 'cjs',
    external: ['vscode'],
    define: { LOSS_LENS_TEST_HOST: '"web"', 'process.env.NODE_ENV': '"development"' },
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('esbuild: watching for changes');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  // The npm packages inside the shipped bundles (the first three builds), with their licence texts.
  writeFileSync('ThirdPartyNotices.txt', noticesText(bundledPackages(results.slice(0, 3).map((result) => result.metafile))));
}
