// Sets up what `npm start` and `npm test` need on a Debian machine, and does nothing that is already
// done: the Debian packages (installed with apt-get when missing and run as root; otherwise the exact
// command to run), then VS Code Server (the code-server npm package) and playwright-core in
// test/harness/node_modules, kept out of the extension's own dependencies.
//   node test/harness/install.mjs --for start   VS Code Server only (building its native modules)
//   node test/harness/install.mjs --for test    also Chromium, which the browser tests and UI checks drive, and a Korean font
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const purpose = process.argv.includes('--for') ? process.argv[process.argv.indexOf('--for') + 1] : 'test';
if (purpose !== 'start' && purpose !== 'test') {
  console.error(`install.mjs: --for takes "start" or "test", not "${purpose}".`);
  process.exit(2);
}

/** code-server builds native modules (argon2, node-pty, kerberos, ...) from source; its search needs rg. */
const BUILD_PACKAGES = ['build-essential', 'python3', 'libkrb5-dev', 'ripgrep'];
/** The browser the tests drive, and a Korean font for it (the UI checks' Korean screenshots show Hangul, not boxes). */
const BROWSER_PACKAGES = ['chromium', 'fonts-nanum'];
/**
 * Python debug sessions for live values: Debian's debugpy adapter and the libraries the sample and test
 * scripts import, all for Debian's own /usr/bin/python3 (no PyPI here).
 */
const DEBUG_PACKAGES = ['python3-debugpy', 'python3-numpy', 'python3-torch', 'python3-torchvision'];
const packages = purpose === 'test' ? [...BUILD_PACKAGES, ...BROWSER_PACKAGES, ...DEBUG_PACKAGES] : [...BUILD_PACKAGES, ...DEBUG_PACKAGES];
const harnessInstalled = ['code-server', 'playwright-core'].every((name) => existsSync(join(here, 'node_modules', name, 'package.json')));
// Once the harness is built, starting it needs no Debian package; the tests still need the browser's.
const who = purpose === 'start' ? '`npm start` needs' : 'the tests need';
const needed = harnessInstalled ? packages.filter((name) => BROWSER_PACKAGES.includes(name) || DEBUG_PACKAGES.includes(name)) : packages;
installDebianPackages(needed.filter((name) => !debianPackageInstalled(name)));
if (!harnessInstalled) installHarness();

/** Whether dpkg knows `name` as installed (false where there is no dpkg: the message then says what to install). */
function debianPackageInstalled(name) {
  const query = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return query.status === 0 && query.stdout.includes('install ok installed');
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function installDebianPackages(missing) {
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    console.error(`Loss Lens: ${who} Debian packages that are not installed: ${missing.join(', ')}.`);
    console.error(`Install them as root, then run this again:\n\n  sudo sh -c '${command}'\n`);
    process.exit(1);
  }
  console.log(`Loss Lens: ${who} Debian packages that are not installed; installing ${missing.join(', ')} (apt-get update, then apt-get install)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // apt's own output only when something fails: a successful install prints nothing but our line.
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...missing]]) {
    const apt = spawnSync('apt-get', args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (apt.status !== 0) {
      console.error(`${apt.stdout ?? ''}${apt.stderr ?? ''}${apt.error ? String(apt.error) : ''}`);
      console.error(`Installing ${missing.join(', ')} failed (apt-get's output is above). The command was: ${command}`);
      process.exit(1);
    }
  }
}

function installHarness() {
  console.log('Installing VS Code Server 1.100.3 (code-server 4.100.3) and playwright-core into test/harness (once; about 1.5 minutes and 320 MB)...');
  // @vscode/ripgrep's postinstall downloads rg from GitHub, which these machines cannot reach: seed its
  // download cache with Debian's rg instead.
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  const ripgrepCache = join(tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  mkdirSync(ripgrepCache, { recursive: true });
  const seeded = run('tar', ['czf', join(ripgrepCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', dirname(rg), 'rg']);
  if (seeded !== 0) process.exit(seeded);
  const started = Date.now();
  // nodedir: native modules build against Node's own headers (no header download); yes: node-pty runs
  // `npx node-gyp`; --unsafe-perm: code-server's postinstall refuses to run as root without it.
  const npm = spawn('npm', ['ci', '--unsafe-perm', '--no-audit', '--no-fund'], {
    cwd: here,
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, npm_config_nodedir: dirname(dirname(process.execPath)), npm_config_yes: 'true' },
  });
  // npm 11 calls --unsafe-perm an unknown option, yet passes it on to code-server's install script,
  // which needs it: say so once instead of showing npm's warning.
  createInterface({ input: npm.stderr }).on('line', (line) => {
    if (line.includes('Unknown cli config "--unsafe-perm"')) console.log('(code-server\'s install script needs --unsafe-perm when run as root; npm 11 no longer lists the option but still passes it on.)');
    else console.error(line);
  });
  npm.on('close', (status) => {
    if (status !== 0) {
      console.error('Installing the test harness failed; see the npm output above.');
      process.exit(status ?? 1);
    }
    console.log(`Test harness installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  });
}
