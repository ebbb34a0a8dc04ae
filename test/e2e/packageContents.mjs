// Checks of the installed .vsix's files (run.mjs --vsix, after installing it as a user would).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from '../harness/server.mjs';
import { bundledPackages, licenseText } from '../../thirdPartyNotices.mjs';

/** The shipped bundles' entry points, as esbuild.mjs builds them. */
const SHIPPED = [
  { entryPoints: ['src/extension/extension.ts'], platform: 'browser', external: ['vscode'] },
  { entryPoints: ['src/webview/main.ts'], platform: 'browser' },
];

/** The folder the extension was installed into under `extensionsDir`. */
export function installedFolder(extensionsDir) {
  const folder = readdirSync(extensionsDir).find((name) => name.startsWith('loss-lens.loss-lens-'));
  if (!folder) throw new Error(`no loss-lens.loss-lens-* folder in ${extensionsDir}`);
  return join(extensionsDir, folder);
}

/**
 * Every npm package the shipped bundles are built from (found again here from esbuild's own
 * dependency graph) has its licence text in the installed ThirdPartyNotices.txt. Returns the names.
 */
export async function checkNotices(folder) {
  const notices = join(folder, 'ThirdPartyNotices.txt');
  if (!existsSync(notices)) throw new Error('the .vsix has no ThirdPartyNotices.txt');
  const text = readFileSync(notices, 'utf8');
  // The loaders esbuild.mjs gives every build (the debuggee's Python snippet is bundled as text).
  const loader = { '.py': 'text' };
  const results = await Promise.all(SHIPPED.map((options) => esbuild.build({ ...options, loader, absWorkingDir: repoRoot, bundle: true, write: false, metafile: true, logLevel: 'silent' })));
  const packages = bundledPackages(results.map((result) => result.metafile), repoRoot);
  if (packages.length === 0) throw new Error('found no bundled package: the check would prove nothing');
  const missing = packages.filter((pkg) => !text.includes(licenseText(pkg)) || !text.includes(`${pkg.name} ${pkg.version}`));
  if (missing.length) throw new Error(`ThirdPartyNotices.txt lacks the licence of ${missing.map((pkg) => pkg.name).join(', ')}`);
  return packages.map((pkg) => `${pkg.name} ${pkg.version} (${pkg.license})`);
}
