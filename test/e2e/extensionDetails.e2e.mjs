// The extension's details page (Extensions view > Loss Lens), as someone who installed the .vsix
// sees it: the README with every picture it shows, none broken, and the icon. Saves extension-details.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/server.mjs';
import { PACKAGED_PICTURES } from '../../packageReadme.mjs';

export const name = 'extension-details';
/** Only the packaged extension's README has its pictures inlined (packageReadme.mjs): run.mjs --vsix. */
export const packagedOnly = true;

export async function run(wb) {
  // The pictures the packaged README keeps (packageReadme.mjs leaves the others out of the .vsix).
  const readmeImages = [...readFileSync(join(repoRoot, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((src) => PACKAGED_PICTURES.has(src));
  if (readmeImages.length !== PACKAGED_PICTURES.size) throw new Error(`README.md shows ${readmeImages.length} of the ${PACKAGED_PICTURES.size} pictures the .vsix ships`);
  await wb.runCommand('Extensions: Show Enabled Extensions');
  // By its exact name: a test fixture installed beside it ("debugpy adapter (Loss Lens test fixture)",
  // for the live-hover check) also mentions Loss Lens.
  const entry = wb.page.locator('.extensions-viewlet .monaco-list-row').filter({ has: wb.page.locator('.name', { hasText: /^Loss Lens$/ }) }).first();
  await entry.waitFor({ state: 'visible', timeout: 60_000 });
  await entry.click();
  await wb.page.locator('.extension-editor .name', { hasText: /^Loss Lens$/ }).waitFor({ state: 'visible', timeout: 60_000 });
  // The icon in the page's header.
  const icon = wb.page.locator('.extension-editor .icon').first();
  await icon.waitFor({ state: 'visible' });
  if (!(await decodes(icon))) throw new Error('the details page shows a broken icon');
  // The README renders in a webview; the first heading says it has arrived.
  const readme = wb.webview();
  await readme.locator('h1', { hasText: 'Loss Lens' }).first().waitFor({ timeout: 60_000 });
  const images = readme.locator('img');
  const count = await images.count();
  if (count !== readmeImages.length) throw new Error(`the details page shows ${count} images, the README has ${readmeImages.length} (${readmeImages.join(', ')})`);
  const broken = [];
  for (let i = 0; i < count; i++) {
    const image = images.nth(i);
    // decode() settles when the image has loaded (or failed to): no wait for time.
    if (!(await decodes(image))) broken.push(await image.getAttribute('src'));
  }
  if (broken.length) throw new Error(`broken images on the details page:\n  ${broken.join('\n  ')}`);
  await images.first().scrollIntoViewIfNeeded();
  await wb.screenshot('extension-details');
}

/** Whether the <img> behind `locator` loads and decodes to a picture with a size. */
function decodes(locator) {
  return locator.evaluate((image) => image.decode().then(() => image.naturalWidth > 0, () => false));
}
