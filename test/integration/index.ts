// Test index for VS Code's extension host: VS Code calls run() from the file named by
// extensionTestsPath, both in code-server (test/harness/run-integration.mjs) and in desktop VS Code
// (test/desktop/runTests.ts). A new suite is just a new test/integration/<name>.test.ts: esbuild
// bundles it next to this file and run() picks up every *.test.js found here.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
// Required, not bundled: mocha loads reporters by name at run time; the extension host resolves it
// from the repo's node_modules (out/test/integration -> ../../../node_modules).
import Mocha from 'mocha';

function testFiles(dir: string): string[] {
  let found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found = found.concat(testFiles(path));
    else if (name.endsWith('.test.js')) found.push(path);
  }
  return found;
}

export function run(): Promise<void> {
  // No colours: the output travels through VS Code's log forwarding into a CI log.
  // LOSS_LENS_TEST_GREP (passed through the server's environment) runs only the matching tests.
  const grep = process.env.LOSS_LENS_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000, ...(grep ? { grep } : {}) });
  for (const file of testFiles(__dirname)) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
