// The README the .vsix ships (dist/README.md): README.md with its pictures inlined as data: URLs.
// VS Code's extension details page allows only https: and data: images (its Content-Security-Policy
// is "img-src https: data:"), and an extension installed from a .vsix has no web address for its
// files, so a relative link (media/screenshots/hover.webp) shows as a broken image there.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const TYPES = { '.webp': 'image/webp', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** README.md's markdown with every relative image link replaced by the image's data: URL. */
export function inlineImages(markdown, readFile = (path) => readFileSync(path)) {
  return markdown.replace(/(!\[[^\]]*\]\()([^)\s]+)(\))/g, (whole, open, src, close) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return whole; // already absolute (https:, data:)
    const type = TYPES[src.slice(src.lastIndexOf('.')).toLowerCase()];
    if (!type) throw new Error(`README.md: no image type for ${src} (SVG is not allowed on the details page)`);
    return `${open}data:${type};base64,${readFile(src).toString('base64')}${close}`;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/README.md', inlineImages(readFileSync('README.md', 'utf8')));
}
