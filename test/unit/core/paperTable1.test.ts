import * as assert from 'node:assert/strict';
import { PAPER_CHOICE, PAPER_TABLE_1A, PAPER_TABLE_1B, paperTable1Line } from '../../../src/core';

/*
 * Table 1 of Lin et al. (RetinaNet, ResNet-50-FPN, COCO minival AP), as the team's LOSSES.md transcribes
 * the paper: (a) CE with alpha .10: 0.0, .25: 10.8, .50: 30.2, .75: 31.1, .90: 30.8, .99: 28.7, .999: 25.1;
 * (b) FL, gamma with its best alpha: (0, .75) 31.1; (0.1, .75) 31.4; (0.2, .75) 31.9; (0.5, .50) 32.9;
 * (1, .25) 33.7; (2, .25) 34.0; (5, .25) 32.2. Typed here again from that text, not from the core.
 */

const TABLE_1A: [alpha: number, ap: number][] = [[0.1, 0.0], [0.25, 10.8], [0.5, 30.2], [0.75, 31.1], [0.9, 30.8], [0.99, 28.7], [0.999, 25.1]];
const TABLE_1B: [gamma: number, alpha: number, ap: number][] = [[0, 0.75, 31.1], [0.1, 0.75, 31.4], [0.2, 0.75, 31.9], [0.5, 0.5, 32.9], [1, 0.25, 33.7], [2, 0.25, 34.0], [5, 0.25, 32.2]];

describe("core: the paper's Table 1", () => {
  it('holds the numbers of Table 1a and 1b', () => {
    assert.deepEqual(PAPER_TABLE_1A.map((r) => [r.alpha, r.ap]), TABLE_1A);
    assert.ok(PAPER_TABLE_1A.every((r) => r.gamma === 0));
    assert.deepEqual(PAPER_TABLE_1B.map((r) => [r.gamma, r.alpha, r.ap]), TABLE_1B);
    assert.deepEqual([PAPER_CHOICE.gamma, PAPER_CHOICE.alpha, PAPER_CHOICE.ap], [2, 0.25, 34.0]);
    assert.equal(PAPER_CHOICE.ap, Math.max(...PAPER_TABLE_1B.map((r) => r.ap)), 'the choice is the best row');
  });

  it("says nothing for the paper's own setting or an unknown gamma", () => {
    assert.equal(paperTable1Line(0.25, 2), undefined);
    assert.equal(paperTable1Line(0.25, undefined), undefined);
    assert.equal(paperTable1Line(0.25, -1), undefined);
    assert.equal(paperTable1Line(0.25, Number.NaN), undefined);
  });

  it('alpha-balanced CE at 0.25 collapsed to 10.8 AP; the best CE alpha was 0.75 (31.1)', () => {
    const line = paperTable1Line(0.25, 0)!;
    assert.match(line, /^Table 1 of the paper \(RetinaNet, ResNet-50-FPN, COCO minival\): CE with alpha 0\.25 gave 10\.8 AP; the best alpha for CE, 0\.75, gave 31\.1; FL gamma 2, alpha 0\.25: 34\.0 AP, its choice\.$/);
    assert.match(paperTable1Line(0.75, 0)!, /the best alpha for CE was 0\.75 \(31\.1 AP\)/);
    assert.match(paperTable1Line(null, 0)!, /the best alpha for CE was 0\.75 \(31\.1 AP\)/);
  });

  it('each measured gamma gives its row: 0.5 with 0.5 gave 32.9, 1 with 0.25 gave 33.7, 5 with 0.25 gave 32.2', () => {
    assert.match(paperTable1Line(0.5, 0.5)!, /gamma 0\.5 with alpha 0\.5 gave 32\.9 AP \(the best alpha for that gamma\)/);
    assert.match(paperTable1Line(0.25, 1)!, /gamma 1 with alpha 0\.25 gave 33\.7 AP/);
    assert.match(paperTable1Line(0.25, 5)!, /gamma 5 with alpha 0\.25 gave 32\.2 AP/);
    assert.match(paperTable1Line(0.75, 1)!, /gamma 1 did best with alpha 0\.25 \(33\.7 AP\)/);
  });

  it('gamma 2 with another alpha: the table has only the best alpha there', () => {
    const line = paperTable1Line(0.5, 2)!;
    assert.match(line, /at gamma 2 the best alpha was 0\.25 \(34\.0 AP, its choice\); other alphas at that gamma are not in the table\./);
    assert.equal(paperTable1Line(null, 2), line);
  });

  it('an unmeasured gamma names the rows around it, or the last one', () => {
    assert.match(paperTable1Line(0.25, 1.5)!, /has no gamma 1\.5: gamma 1 gave 33\.7 AP \(alpha 0\.25\), gamma 2 gave 34\.0 AP \(alpha 0\.25\)/);
    assert.match(paperTable1Line(0.25, 3)!, /gamma 2 gave 34\.0 AP \(alpha 0\.25\), gamma 5 gave 32\.2 AP/);
    assert.match(paperTable1Line(0.25, 8)!, /stops at gamma 5 \(32\.2 AP, alpha 0\.25\); gamma 8 was not measured/);
  });
});
