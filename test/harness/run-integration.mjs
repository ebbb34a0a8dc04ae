// Runs the mocha suites in out/test/integration inside VS Code's real extension host (code-server +
// headless Chromium) and exits with their result: 0 when all pass, 1 on failures or on a timeout.
//   node test/harness/run-integration.mjs        (after `node esbuild.mjs --tests`)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './browser.mjs';
import { repoRoot, startServer, workbenchUrl } from './server.mjs';

const TIMEOUT_MS = Number(process.env.LOSS_LENS_TEST_TIMEOUT_MS || 5 * 60_000);
const testsIndex = join(repoRoot, 'out', 'test', 'integration', 'index.js');
const workspace = join(repoRoot, 'test', 'fixtures', 'workspace');

if (!existsSync(testsIndex)) {
  console.error(`${testsIndex} is missing: run \`node esbuild.mjs --tests\` first.`);
  process.exit(1);
}

const started = Date.now();
const server = await startServer({ workspace });
const browser = await launchChromium();
let code = 1;
try {
  const page = await browser.newPage();
  // VS Code forwards the extension host's console and the tests' exit code through these two
  // functions when it runs extension tests in a browser; they must exist before the page loads.
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  await page.exposeFunction('codeAutomationExit', (exitCode) => resolveExit(exitCode));
  await page.exposeFunction('codeAutomationLog', (_type, args) => console.log(...(args || [])));
  const url = workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: testsIndex });
  await page.goto(url);
  let timer;
  const timedOut = new Promise((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout('timeout'), TIMEOUT_MS);
  });
  const result = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') console.error(`Integration tests did not finish within ${TIMEOUT_MS / 1000} s.`);
  else code = Number(result) === 0 ? 0 : 1;
} finally {
  await browser.close();
  await server.stop();
}
console.log(`Integration run ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (server start, browser, tests).`);
process.exit(code);
