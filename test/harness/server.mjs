// Starts and stops VS Code Server (the code-server npm package, VS Code 1.100.3) for Loss Lens's
// integration runs, UI checks and `npm start`. Why this route: @vscode/test-electron downloads
// VS Code, which machines that reach only the npm registry cannot do; code-server ships VS Code
// Server as an npm package, and its workbench takes the extension under development in its URL.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The extension's root folder (where its package.json is), computed so the repo can live anywhere. */
export const repoRoot = resolve(here, '..', '..');
export const codeServerBin = join(here, 'node_modules', '.bin', 'code-server');

/**
 * User settings for every server started here: no prompts or welcome pages that would cover the
 * notifications the checks read (the repo's own .git sits above every workspace folder), no
 * network calls these machines cannot make.
 */
export const QUIET_SETTINGS = {
  'git.openRepositoryInParentFolders': 'never',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
};

/** A TCP port nobody listens on right now: the OS picks one for a throwaway listener. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** `port` if it can be bound on 127.0.0.1, otherwise a free one. */
export function portOrFree(port) {
  return new Promise((resolvePort) => {
    const probe = createServer();
    probe.once('error', () => resolvePort(freePort()));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolvePort(port)));
  });
}

/** Installs a packaged extension offline into `extensionsDir` (what a user's "Install from VSIX" does). */
export function installExtension(vsixPath, extensionsDir) {
  // A throwaway user-data folder too, so nothing lands in ~/.local/share/code-server.
  const userDataDir = mkdtempSync(join(tmpdir(), 'loss-lens-install-'));
  const result = spawnSync(codeServerBin, ['--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsixPath], {
    encoding: 'utf8',
  });
  rmSync(userDataDir, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`code-server --install-extension failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout.trim();
}

/**
 * Starts code-server with `--auth none` on 127.0.0.1, with throwaway user-data and extensions folders
 * (unless `extensionsDir` is given, e.g. one a .vsix was installed into) and QUIET_SETTINGS plus
 * `settings` as the user's settings, and resolves once it answers.
 * Returns `{ host, port, pid, baseUrl, extensionsDir, stop(), exited, log() }`; stop() kills it by
 * PID and removes the temporary folders; `exited` resolves if the server ends by itself.
 */
export async function startServer({ workspace, port, extensionsDir, settings = {}, quiet = true, timeoutMs = 60_000 } = {}) {
  const chosenPort = port ?? (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 'loss-lens-code-server-'));
  const userDataDir = join(scratch, 'data');
  const extDir = extensionsDir ?? join(scratch, 'ext');
  mkdirSync(extDir, { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  const args = [
    '--config', '/dev/null', // no password file written to the home folder
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extDir,
  ];
  if (workspace) args.push(workspace);
  // detached: its own process group, so stop() also ends the extension hosts it forks.
  const child = spawn(codeServerBin, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  const keep = (chunk) => {
    log += chunk;
    if (!quiet) process.stderr.write(chunk);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exitedPromise = new Promise((done) => child.once('exit', (code, signal) => done(code ?? signal)));
  child.once('exit', () => (exited = true));

  const host = `127.0.0.1:${chosenPort}`;
  const baseUrl = `http://${host}`;
  const stop = async () => {
    if (!exited) {
      const gone = new Promise((done) => child.once('exit', done));
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(scratch, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited before answering:\n${log}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${baseUrl} within ${timeoutMs} ms:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { host, port: chosenPort, pid: child.pid, baseUrl, extensionsDir: extDir, stop, exited: exitedPromise, log: () => log };
}

/**
 * The workbench URL for `folder`. extensionDevelopmentPath / extensionTestsPath go in the `payload`
 * query parameter because code-server does not take them on its command line.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${server.host}${extensionDevelopmentPath}`]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', `vscode-remote://${server.host}${extensionTestsPath}`]);
  let url = `${server.baseUrl}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * User settings that make VS Code run Loss Lens in its web worker extension host, as VS Code for the
 * Web does, instead of the Node one (the workbench URL's `extensionDevelopmentKind` is ignored by
 * VS Code 1.100; this setting is not).
 */
export const WEB_WORKER_HOST_SETTINGS = { 'remote.extensionKind': { 'loss-lens.loss-lens': ['web'] } };
