// The third-party notices Loss Lens ships: every npm package esbuild bundled into dist/, found from
// the build's metafile, with its name, version, licence and licence text, written to
// ThirdPartyNotices.txt (packaged in the .vsix). The minified bundles carry no licence comments.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The packages (name, version, licence, folder) whose files are inputs of the given esbuild metafiles. */
export function bundledPackages(metafiles, root = process.cwd()) {
  const found = new Map();
  for (const metafile of metafiles) {
    for (const input of Object.keys(metafile.inputs)) {
      if (!input.includes('node_modules/')) continue;
      const folder = packageFolder(resolve(root, input));
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
      found.set(manifest.name, { name: manifest.name, version: manifest.version, license: manifest.license ?? 'UNKNOWN', folder });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The package folder holding `file`: the one right under its last node_modules/ (scoped: two levels). */
function packageFolder(file) {
  const at = file.lastIndexOf('node_modules/') + 'node_modules/'.length;
  const parts = file.slice(at).split('/');
  return file.slice(0, at) + parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/');
}

/** The text of the package's LICENSE / LICENCE / COPYING file. */
export function licenseText(pkg) {
  const file = readdirSync(pkg.folder).find((name) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(name));
  if (!file) throw new Error(`${pkg.name} ships no LICENSE file: add its licence text to thirdPartyNotices.mjs by hand`);
  return readFileSync(join(pkg.folder, file), 'utf8').trim();
}

/** ThirdPartyNotices.txt for `packages`. */
export function noticesText(packages) {
  const parts = packages.map((pkg) => `${pkg.name} ${pkg.version} (${pkg.license})\n${'-'.repeat(60)}\n${licenseText(pkg)}\n`);
  return [
    'Loss Lens includes the following third-party software, each under its own licence below.',
    '',
    ...parts,
  ].join('\n');
}
