// Starts and stops VS Code Server (the code-server npm package, VS Code 1.100.3) for Loss Lens's
// integration runs, UI checks and `npm start`. Why this route: @vscode/test-electron downloads
// VS Code, which machines that reach only the npm registry cannot do; code-server ships VS Code
// Server as an npm package, and its workbench takes the extension under development in its URL.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
/**
 * A test-only extension that contributes the `debugpy` debug type and starts Debian's
 * `python3 -m debugpy.adapter` (the Python Debugger extension cannot be downloaded here), so Python
 * debug sessions start as they would for a user. Copied into the extensions folder with `debugAdapter`.
 */
export const DEBUGPY_FIXTURE = join(repoRoot, 'test', 'fixtures', 'debugpy-adapter');

/**
 * Copies the debugpy fixture into `extensionsDir` as an installed extension (publisher.name-version/).
 * A folder that `--install-extension` has written to lists its extensions in extensions.json, and
 * VS Code then loads only those: the fixture is added to that list too.
 */
export function installDebugAdapterFixture(extensionsDir) {
  const manifest = JSON.parse(readFileSync(join(DEBUGPY_FIXTURE, 'package.json'), 'utf8'));
  const folder = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
  const location = join(extensionsDir, folder);
  cpSync(DEBUGPY_FIXTURE, location, { recursive: true });
  const listPath = join(extensionsDir, 'extensions.json');
  if (!existsSync(listPath)) return;
  const list = JSON.parse(readFileSync(listPath, 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  if (list.some((entry) => entry.identifier?.id === id)) return;
  list.push({
    identifier: { id },
    version: manifest.version,
    location: { $mid: 1, fsPath: location, external: pathToFileURL(location).href, path: location, scheme: 'file' },
    relativeLocation: folder,
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  });
  writeFileSync(listPath, JSON.stringify(list));
}

export async function startServer({ workspace, port, extensionsDir, settings = {}, locale, quiet = true, timeoutMs = 60_000, debugAdapter = false } = {}) {
  const chosenPort = port ?? (await freePort());
  const scratch = mkdtempSync(join(tmpdir(), 'loss-lens-code-server-'));
  const userDataDir = join(scratch, 'data');
  const extDir = extensionsDir ?? join(scratch, 'ext');
  mkdirSync(extDir, { recursive: true });
  if (debugAdapter) installDebugAdapterFixture(extDir);
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
  // The display language (`ko`): what vscode.env.language and vscode.l10n give the extension. VS Code
  // takes --locale only when a language pack for it is installed (see installTestLanguagePack).
  let removeLanguagePack = () => {};
  if (locale && !locale.toLowerCase().startsWith('en')) removeLanguagePack = installTestLanguagePack({ locale, extensionsDir: extDir, userDataDir });
  if (locale) args.push('--locale', locale);
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
    removeLanguagePack();
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
 * Installs an empty language pack for `locale` (e.g. `ko`), written here instead of downloaded (these
 * machines cannot reach the Marketplace), so that `--locale ko` takes effect. VS Code Server 1.100
 * decides the display language like this (out/server-main.js, read from the installed server):
 * - the workbench page (vs/server/node/webClientServer.js) takes the locale from --locale, else
 *   argv.json's "locale", else the `vscode.nls.locale` cookie, else the browser's Accept-Language;
 *   for anything but English it asks getBrowserNLSConfiguration (vs/server/node/remoteLanguagePacks.js)
 *   for an nls.messages.js, which resolveNLSConfiguration (vs/base/node/nls.js) only builds when the
 *   user-data folder's languagepacks.json lists a pack for that locale whose `vscode` translations
 *   file exists. That script sets the page's language (globalThis._VSCODE_NLS_LANGUAGE); without it
 *   the page stays English whatever --locale says.
 * - both extension hosts get the page's language: vscode.env.language is the workbench's
 *   `platform.language` (sent in the extension host's init data), the Node host's VSCODE_NLS_CONFIG
 *   is resolved for the language the page asks for (vs/server/node/extensionHostConnection.js), and
 *   the extension's manifest (package.nls.<language>.json) and l10n bundle are picked by that language.
 * languagepacks.json is written by the server's LanguagePackService
 * (vs/platform/languagePacks/node/languagePacks.js) after an extension with
 * `contributes.localizations` is installed through the running server; `code-server
 * --install-extension` does not run that step. So this writes what an install leaves behind: the
 * pack's folder in the extensions folder and its extensions.json entry, and the languagepacks.json
 * entry in the format (hash: md5 of the pack's id and version) that service writes. The pack
 * translates no VS Code string ({"contents": {}}): VS Code's own UI stays English, and only the
 * language reaches the extensions. Returns a function that removes it from `extensionsDir` again.
 */
export function installTestLanguagePack({ locale, extensionsDir, userDataDir }) {
  const languageId = locale.toLowerCase();
  const name = `test-language-pack-${languageId}`;
  const publisher = 'loss-lens-harness';
  const id = `${publisher}.${name}`;
  const version = '0.0.0';
  const folder = `${id}-${version}`;
  const location = join(extensionsDir, folder);
  const languageName = new Intl.DisplayNames(['en'], { type: 'language' }).of(languageId) ?? languageId;
  const localizedLanguageName = new Intl.DisplayNames([languageId], { type: 'language' }).of(languageId) ?? languageName;
  const translations = join(location, 'translations', 'main.i18n.json');
  mkdirSync(dirname(translations), { recursive: true });
  writeFileSync(join(location, 'package.json'), JSON.stringify({
    name, publisher, version,
    displayName: `${languageName} test language pack (Loss Lens harness)`,
    description: `Makes --locale ${languageId} take effect offline; translates no VS Code string.`,
    engines: { vscode: '^1.100.0' },
    categories: ['Language Packs'],
    contributes: {
      localizations: [{ languageId, languageName, localizedLanguageName, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] }],
    },
  }, null, 2));
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const registry = join(extensionsDir, 'extensions.json');
  const registryBefore = existsSync(registry) ? readFileSync(registry, 'utf8') : undefined;
  const url = pathToFileURL(location);
  const entry = {
    identifier: { id }, version,
    location: { $mid: 1, fsPath: location, external: url.href, path: url.pathname, scheme: 'file' },
    relativeLocation: folder,
    metadata: { isApplicationScoped: true, installedTimestamp: Date.now(), source: 'vsix' },
  };
  writeFileSync(registry, JSON.stringify([...(registryBefore ? JSON.parse(registryBefore) : []), entry]));
  const hash = createHash('md5').update(id).update(version).digest('hex');
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({
    [languageId]: { hash, extensions: [{ extensionIdentifier: { id }, version }], translations: { vscode: translations }, label: localizedLanguageName },
  }));
  return () => {
    rmSync(location, { recursive: true, force: true });
    if (registryBefore === undefined) rmSync(registry, { force: true });
    else writeFileSync(registry, registryBefore);
  };
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
