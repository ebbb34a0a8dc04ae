// Open Sample's script (issue 20, item 15): its step comments are numbered top to bottom, in both
// display languages, and each step says what the lines around it hold.
import * as assert from 'node:assert/strict';
import { sampleScript } from '../../../src/extension/sampleScript';

describe('sampleScript', () => {
  for (const language of ['en', 'ko']) {
    it(`numbers its step comments 1, 2, 3 from the top (${language})`, () => {
      const numbers = sampleScript(language)
        .split('\n')
        .flatMap((line) => /^# (\d+)\. /.exec(line)?.[1] ?? [])
        .map(Number);
      assert.deepEqual(numbers, [1, 2, 3]);
    });
  }

  it('puts the hover step right above the focal loss call and the selection step right under the values', () => {
    const lines = sampleScript('en').split('\n');
    const hover = lines.findIndex((line) => line.includes('Rest the mouse'));
    assert.match(lines[hover + 1]!, /^loss = sigmoid_focal_loss\(/);
    const select = lines.findIndex((line) => line.includes('Select the two lines above'));
    assert.match(lines[select - 1]!, /^targets = /);
    assert.match(lines[select - 2]!, /^logits = /);
  });
});
