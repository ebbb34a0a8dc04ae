// "Loss Lens: Compute Loss..." from the command palette: four input boxes, then a notification with
// CE, balanced CE and focal loss. Expected text comes from the extension's own report code.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { computeReport, summaryLine, DEFAULT_SETTINGS } = require('../../out/test/e2e/expected.js');

export const name = 'compute-loss';

export async function run(wb) {
  await wb.openFile('retinanet_train.py');
  await wb.runCommand('Loss Lens: Compute Loss...');
  await wb.answerInput('0.9', { title: 'Compute Loss (1/4)' });
  await wb.answerInput('1', { title: 'Compute Loss (2/4)' });
  await wb.answerInput('0.25', { title: 'Compute Loss (3/4)' });
  await wb.answerInput('2', { title: 'Compute Loss (4/4)' });
  // The workbench runs with default settings.
  const expected = summaryLine(computeReport({ p: 0.9 }, 1, 0.25, 2, DEFAULT_SETTINGS), DEFAULT_SETTINGS);
  const shown = await wb.waitForNotification('focal loss');
  if (!shown.includes(expected)) throw new Error(`notification reads\n  ${shown}\nexpected\n  ${expected}`);
  await wb.screenshot('compute-loss');
}
