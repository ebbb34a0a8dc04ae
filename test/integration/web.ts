// Test index for VS Code's web worker extension host: like index.ts, VS Code calls run() from the
// file named by extensionTestsPath, but a web worker can neither read the folder nor require mocha
// from node_modules, so esbuild.mjs bundles this file with every suite after it, and mocha's browser
// build stands in for the Node one (mocha/mocha.js defines the global `mocha` in a worker too).
import 'mocha/mocha.js';

declare const mocha: {
  setup(options: { ui: string; reporter: string; color: boolean; timeout: number }): void;
  run(done: (failures: number) => void): void;
};

// Before the suites' modules run (they follow this one in the bundle), so describe/it exist.
mocha.setup({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000 });

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
