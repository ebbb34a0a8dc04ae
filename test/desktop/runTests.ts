// `npm run test:desktop`: the same integration suites in desktop VS Code through @vscode/test-electron.
// Set VSCODE_EXECUTABLE_PATH to an installed VS Code (e.g. /usr/share/code/code); without it,
// test-electron downloads one, which needs access to update.code.visualstudio.com.
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // Bundled to out/test/desktop/runTests.js: the repo root is three levels up.
  const root = join(__dirname, '..', '..', '..');
  const executable = process.env['VSCODE_EXECUTABLE_PATH'];
  await runTests({
    ...(executable ? { vscodeExecutablePath: executable } : {}),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [join(root, 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error('Desktop integration tests failed:', error);
  process.exit(1);
});
