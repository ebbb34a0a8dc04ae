// Hovering a loss call in the sample RetinaNet loop: the hover names the API, says gamma and alpha
// come from the module constants, and shows the core's CE / FL table. Saves hover.png.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { formatNumbersAlike, formatRatio, lossFromProb } = require('../../out/test/e2e/expected.js');
const HOVER_PT = [0.1, 0.5, 0.9, 0.99];

export const name = 'hover';

export async function run(wb) {
  await wb.openFile('retinanet_train.py');
  // The first sigmoid_focal_loss on screen is the import; the second is the call in classification_loss.
  const text = await wb.hover('sigmoid_focal_loss', { nth: 1 });
  // The table's CE and FL rows at p_t = 0.1 ... 0.99, in the one notation the hover uses for the whole table.
  const ce = HOVER_PT.map((pt) => lossFromProb('ce', pt, 1));
  const fl = HOVER_PT.map((pt) => lossFromProb('focal', pt, 1, { alpha: 0.25, gamma: 2 }));
  const cells = formatNumbersAlike([...ce, ...fl]);
  const expected = [
    'torchvision.ops.sigmoid_focal_loss',
    'line 10', // GAMMA = 2.0
    'line 11', // ALPHA = 0.25
    ...cells,
    formatRatio(ce[2] / fl[2]),
    'Open in Loss Explorer',
  ];
  const missing = expected.filter((part) => !text.includes(part));
  if (missing.length) throw new Error(`the hover lacks ${missing.join(', ')}:\n${text}`);
  const hover = wb.page.locator('.monaco-hover').filter({ visible: true }).first();
  await wb.settled(hover);
  // An ordinary call's hover fits its box at 1280 x 800: the scrollable frame is as tall as its content.
  const { frame, content } = await hover.evaluate((element) => {
    const scrollable = element.querySelector('.monaco-scrollable-element');
    const inner = scrollable?.firstElementChild;
    return { frame: scrollable?.clientHeight ?? 0, content: inner?.scrollHeight ?? 0 };
  });
  console.log(`    hover: ${content} px of content in a ${frame} px box`);
  if (!(frame > 0 && content <= frame + 1)) throw new Error(`the hover scrolls: ${content} px of content in a ${frame} px box`);
  await wb.screenshot('hover');
}
