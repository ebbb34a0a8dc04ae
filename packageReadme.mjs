// The README the .vsix ships (dist/README.md): README.md with its pictures inlined as data: URLs.
// VS Code's extension details page allows only https: and data: images (its Content-Security-Policy
// is "img-src https: data:"), and an extension installed from a .vsix has no web address for its
// files, so a relative link (media/screenshots/hover.webp) shows as a broken image there.
// Inlined pictures are most of the .vsix's weight, so it carries only the few the details page
// needs (PACKAGED_PICTURES: what Loss Lens shows, in one theme); the others are left out there.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';

const TYPES = { '.webp': 'image/webp', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif' };

/** The README's pictures the .vsix's details page shows: the hover, the live hover, the Explorer. */
export const PACKAGED_PICTURES = new Set([
  'media/screenshots/hover.webp',
  'media/screenshots/live-hover-light.webp',
  'media/screenshots/explorer-light.webp',
]);

const IMAGE = /(!\[[^\]]*\]\()([^)\s]+)(\))/g;

/**
 * README.md's markdown with every relative image link in `keep` replaced by the image's data: URL,
 * and every other relative image (a paragraph of its own) left out.
 */
export function inlineImages(markdown, readFile = (path) => readFileSync(path), keep = PACKAGED_PICTURES) {
  const kept = markdown.replace(/^!\[[^\]]*\]\(([^)\s]+)\)\n\n/gm, (whole, src) => (isRelative(src) && !keep.has(src) ? '' : whole));
  return kept.replace(IMAGE, (whole, open, src, close) => {
    if (!isRelative(src)) return whole; // already absolute (https:, data:)
    if (!keep.has(src)) throw new Error(`README.md: ${src} is not in a paragraph of its own, so it cannot be left out of the .vsix; add it to PACKAGED_PICTURES or give it its own paragraph`);
    const type = TYPES[src.slice(src.lastIndexOf('.')).toLowerCase()];
    if (!type) throw new Error(`README.md: no image type for ${src} (SVG is not allowed on the details page)`);
    return `${open}data:${type};base64,${readFile(src).toString('base64')}${close}`;
  });
}

function isRelative(src) {
  return !/^[a-z][a-z0-9+.-]*:/i.test(src);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('dist', { recursive: true });
  writeFileSync('dist/README.md', inlineImages(readFileSync('README.md', 'utf8')));
}
