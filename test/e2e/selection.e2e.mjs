// Selecting numbers in the editor and running "Compute Loss for Selection" from the context menu:
// the Loss Explorer opens with one table row per prediction. Saves selection.png.
export const name = 'selection';

export async function run(wb) {
  await wb.openFile('scratch_values.py');
  const page = wb.page;
  // Select lines 3 and 4 (preds and labels) with the keyboard, as a person would.
  await page.locator('.monaco-editor .view-line', { hasText: 'preds = [0.98' }).first().click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+End');
  // Right-click inside the selection (on the word "labels"), so the selection stays.
  await wb.contextMenu(page.locator('.monaco-editor .view-line span > span', { hasText: 'labels' }).first(), 'Compute Loss for Selection');
  const summary = await wb.waitForNotification('3 predictions');
  if (!/focal loss/.test(summary)) throw new Error(`notification reads "${summary}"`);
  const rows = wb.webview().locator('#values-table tbody tr');
  await rows.nth(2).waitFor({ timeout: 30_000 });
  const count = await rows.count();
  if (count !== 3) throw new Error(`the panel shows ${count} rows, expected 3`);
  await wb.screenshot('selection');
}
