// Runs the mocha suites of test/integration inside VS Code's real extension hosts (code-server +
// headless Chromium) and exits with their result: 0 when all pass, 1 on failures or on a timeout.
// The suites run twice: in the Node extension host (out/test/integration/index.js) and in the web
// worker extension host, as in VS Code for the Web (out/test/integration-web/index.js).
//   node test/harness/run-integration.mjs               both hosts (after `node esbuild.mjs --tests`)
//   node test/harness/run-integration.mjs --host web    one of them: node or web
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from './browser.mjs';
import { WEB_WORKER_HOST_SETTINGS, repoRoot, startServer, workbenchUrl } from './server.mjs';

const TIMEOUT_MS = Number(process.env.LOSS_LENS_TEST_TIMEOUT_MS || 5 * 60_000);
const workspace = join(repoRoot, 'test', 'fixtures', 'workspace');
const HOSTS = {
  node: { name: 'Node extension host', index: join(repoRoot, 'out', 'test', 'integration', 'index.js'), settings: {} },
  web: { name: 'web worker extension host', index: join(repoRoot, 'out', 'test', 'integration-web', 'index.js'), settings: WEB_WORKER_HOST_SETTINGS },
};
const hostFlag = process.argv.indexOf('--host');
const chosen = hostFlag > 0 ? [process.argv[hostFlag + 1]] : Object.keys(HOSTS);
for (const host of chosen) {
  if (!HOSTS[host]) {
    console.error(`--host takes ${Object.keys(HOSTS).join(' or ')}, not "${host}".`);
    process.exit(2);
  }
  if (!existsSync(HOSTS[host].index)) {
    console.error(`${HOSTS[host].index} is missing: run \`node esbuild.mjs --tests\` first.`);
    process.exit(1);
  }
}

/** One run of the suites in one host: a fresh server (its settings pick the host) and page. */
async function runIn({ name, index, settings }) {
  const started = Date.now();
  console.log(`\nIntegration suites in the ${name}:`);
  const server = await startServer({ workspace, settings });
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
    await page.goto(workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath: index }));
    let timer;
    const timedOut = new Promise((resolveTimeout) => {
      timer = setTimeout(() => resolveTimeout('timeout'), TIMEOUT_MS);
    });
    const result = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') console.error(`The suites in the ${name} did not finish within ${TIMEOUT_MS / 1000} s.`);
    else code = Number(result) === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`Integration run in the ${name} ${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (server start, browser, tests).`);
  return code;
}

let failed = 0;
for (const host of chosen) failed += await runIn(HOSTS[host]);
process.exit(failed ? 1 : 0);
