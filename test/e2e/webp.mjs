// Writes a screenshot PNG as WebP through the browser's own encoder (Chromium's canvas), so the
// README's pictures ship in the .vsix at a fraction of their PNG size with no image tool to install.
import { readFileSync, writeFileSync } from 'node:fs';
import { launchChromium } from '../harness/browser.mjs';

/** Converts each `[png, webp]` pair of paths at `quality` (0..1). */
export async function pngsToWebp(pairs, { quality = 0.6 } = {}) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    for (const [png, webp] of pairs) {
      const base64 = await page.evaluate(async ({ data, quality }) => {
        const image = new Image();
        image.src = `data:image/png;base64,${data}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.naturalWidth;
        canvas.height = image.naturalHeight;
        canvas.getContext('2d').drawImage(image, 0, 0);
        const url = canvas.toDataURL('image/webp', quality);
        if (!url.startsWith('data:image/webp')) throw new Error('this browser cannot encode WebP');
        return url.slice(url.indexOf(',') + 1);
      }, { data: readFileSync(png).toString('base64'), quality });
      writeFileSync(webp, Buffer.from(base64, 'base64'));
    }
  } finally {
    await browser.close();
  }
}
