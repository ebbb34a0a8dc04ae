// Installs the test harness (VS Code Server from the code-server npm package, and playwright-core)
// into test/harness/node_modules on first use; does nothing when it is there. Used by `npm start`,
// `npm test` and .ci/run, so a fresh clone needs only the Debian packages below.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const installed = ['code-server', 'playwright-core'].every((name) => existsSync(join(here, 'node_modules', name, 'package.json')));
if (installed) process.exit(0);

const DEBIAN_PACKAGES = 'chromium build-essential python3 libkrb5-dev ripgrep';
const which = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim();
const missing = ['chromium', 'rg', 'make', 'g++', 'python3'].filter((command) => !which(command));
if (missing.length > 0 || !existsSync('/usr/include/krb5.h')) {
  console.error(`The test harness needs Debian packages that are not installed (missing: ${[...missing, ...(existsSync('/usr/include/krb5.h') ? [] : ['krb5 headers'])].join(', ')}).`);
  console.error(`Install them with:  sudo apt-get update && sudo apt-get install -y ${DEBIAN_PACKAGES}`);
  process.exit(1);
}

console.log('Installing VS Code Server 1.100.3 (code-server 4.100.3) and playwright-core into test/harness: once, a few minutes...');
// @vscode/ripgrep's postinstall downloads rg from GitHub, which these machines cannot reach: seed its
// download cache with Debian's rg instead.
const ripgrepCache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
mkdirSync(ripgrepCache, { recursive: true });
const seeded = spawnSync('tar', ['czf', join(ripgrepCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', dirname(which('rg')), 'rg'], { stdio: 'inherit' });
if (seeded.status !== 0) process.exit(seeded.status ?? 1);
// nodedir: native modules build against Node's own headers (no header download); yes: node-pty runs
// `npx node-gyp`; --unsafe-perm: code-server's postinstall refuses to run as root without it.
const started = Date.now();
const npm = spawnSync('npm', ['ci', '--unsafe-perm', '--no-audit', '--no-fund'], {
  cwd: here,
  stdio: 'inherit',
  env: { ...process.env, npm_config_nodedir: dirname(dirname(process.execPath)), npm_config_yes: 'true' },
});
if (npm.status !== 0) {
  console.error('Installing the test harness failed; see the npm output above.');
  process.exit(npm.status ?? 1);
}
console.log(`Test harness installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
