import * as assert from 'node:assert/strict';
import { lastHeadAtOrBefore, scanPython } from '../../../src/language/recognition/pythonScanner';
import { random, seeds } from './incrementalEdits';

/*
 * lastHeadAtOrBefore searched from a head found before (the hover's lookups near the last one) gives
 * the same head as the plain binary search, from any starting head, for any offset.
 */

describe('language: the logical line at an offset, searched from a nearby one', () => {
  it('equals the plain search from every kind of starting head', () => {
    const next = random(20261207);
    for (const seed of seeds()) {
      const tokens = scanPython(seed);
      const last = tokens.headCount - 1;
      const offsets = [-1, 0, seed.length, seed.length + 5, ...Array.from({ length: 60 }, () => Math.floor(next() * (seed.length + 1)))];
      for (let head = 0; head <= last; head++) offsets.push(tokens.start[tokens.heads[head]!]!, tokens.start[tokens.heads[head]!]! - 1);
      const starts = [-1, 0, last, last + 1, Math.floor(last / 2), ...Array.from({ length: 8 }, () => Math.floor(next() * (last + 1)))];
      for (const offset of offsets) {
        const expected = lastHeadAtOrBefore(tokens, offset);
        if (expected >= 0) assert.ok(tokens.start[tokens.heads[expected]!]! <= offset && (expected === last || tokens.start[tokens.heads[expected + 1]!]! > offset));
        for (const near of starts) assert.equal(lastHeadAtOrBefore(tokens, offset, near), expected, `offset ${offset} from head ${near} of ${last + 1}`);
      }
    }
  });
});
