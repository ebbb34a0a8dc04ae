// The "Why focal loss?" walkthrough (issue 14): its command links open the Loss Explorer with
// arguments the panel accepts, and what its texts claim is what the core computes.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ceOverFocalRatio, lossFromProb } from '../../src/core';
import { PAPER_CHOICE, PAPER_TABLE_1A, PAPER_TABLE_1B } from '../../src/core/paperTable1';
import { classSamples, imbalanceRows } from '../../src/core/imbalance';
import { isExplorerFocus, isExplorerPoint } from '../../src/protocol';
import { commandLinks } from '../integration/walkthroughLinks';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown?: string } }[] }[] };
};
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
const nlsKo = JSON.parse(readFileSync(join(root, 'package.nls.ko.json'), 'utf8')) as Record<string, string>;
const text = (value: string, table = nls) => table[/^%(.+)%$/.exec(value)?.[1] ?? ''] ?? value;

describe('walkthrough "Why focal loss?"', () => {
  const walkthrough = manifest.contributes.walkthroughs.find((w) => w.id === 'whyFocalLoss');
  const steps = walkthrough?.steps ?? [];
  const contributed = new Set(manifest.contributes.commands.map((c) => c.command));

  it('has five steps, each with a markdown page and at least one command link that opens the Loss Explorer or the sample', () => {
    assert.deepEqual(steps.map((s) => s.id), ['imbalance', 'balanced', 'focal', 'together', 'code']);
    for (const step of steps) {
      assert.ok(step.media.markdown, `${step.id} has no markdown page`);
      const links = commandLinks(text(step.description));
      assert.ok(links.some((l) => l.command === 'lossLens.openExplorer'), `${step.id} does not open the Loss Explorer`);
      // Each link stands on a line of its own, so VS Code draws it as a button.
      for (const line of text(step.description).split('\n').slice(1)) assert.match(line, /^\[[^\]]+\]\([^)]+\)$/, `${step.id}: ${line}`);
    }
  });

  it('passes the Loss Explorer only arguments it accepts: a focus the protocol validates, and points', () => {
    for (const step of steps) {
      for (const link of commandLinks(text(step.description))) {
        if (link.command !== 'lossLens.openExplorer') {
          assert.ok(contributed.has(link.command) || link.command === 'workbench.action.quickOpen', `${step.id}: ${link.command}`);
          continue;
        }
        assert.equal(link.args.length, 1);
        const args = link.args[0] as { focus?: unknown; points?: unknown[]; source?: unknown };
        assert.deepEqual(Object.keys(args).filter((k) => !['focus', 'points', 'source'].includes(k)), []);
        assert.ok(isExplorerFocus(args.focus), `${step.id}: ${JSON.stringify(args.focus)}`);
        assert.ok(args.points === undefined || args.points.every(isExplorerPoint));
      }
    }
  });

  it('has the same links in Korean', () => {
    for (const step of steps) {
      const en = commandLinks(text(step.description)).map((l) => [l.command, l.args]);
      const ko = commandLinks(text(step.description, nlsKo)).map((l) => [l.command, l.args]);
      assert.deepEqual(ko, en, step.id);
    }
  });

  it('claims what the core computes', function () {
    // The paper scale builds 10^7 negatives.
    this.timeout(60_000);
    // Step 1: under CE the easy negatives make most of the total, at both scales of the panel, with its default distributions.
    for (const [positives, negatives] of [[100, 100_000], [100_000, 10_000_000]] as const) {
      const rows = imbalanceRows(
        classSamples(1, { count: positives, meanLogit: 1, sdLogit: 1.5 }),
        classSamples(0, { count: negatives, meanLogit: -5, sdLogit: 1.5 }),
        { alpha: 0.25, gamma: 2 },
      );
      const ce = rows.find((r) => r.loss === 'ce')!;
      assert.ok(ce.easyNegativeShare > 0.5, `${positives} : ${negatives}: easy negatives ${ce.easyNegativeShare}`);
    }
    // Step 2: alpha 0.75 makes the negative at 0.2 three times smaller relative to the positive at 0.98 than CE does.
    const ratio = (kind: 'ce' | 'balanced') => lossFromProb(kind, 0.2, 0, { alpha: 0.75 }) / lossFromProb(kind, 0.98, 1, { alpha: 0.75 });
    assert.ok(Math.abs(ratio('balanced') / ratio('ce') - 1 / 3) < 1e-12);
    // ... and the printed 0.038 matches neither base.
    for (const base of [Math.E, 10]) assert.ok(Math.abs(lossFromProb('balanced', 0.98, 1, { alpha: 0.75, base }) - 0.038) > 0.01);
    // Step 3: at gamma 2, FL keeps 81%, 25% and 1% of CE at p_t = 0.1, 0.5 and 0.9: 100 times lower at 0.9.
    for (const [pt, kept] of [[0.1, 0.81], [0.5, 0.25], [0.9, 0.01]] as const) {
      const share = lossFromProb('focal', pt, 1, { alpha: null, gamma: 2 }) / lossFromProb('ce', pt, 1);
      assert.ok(Math.abs(share - kept) < 1e-12, `${pt}: ${share}`);
    }
    assert.equal(Math.round(ceOverFocalRatio(0.9, 2)), 100);
  });

  it("step 4's table is Table 1 as the core holds it (the hover's line reads the same rows), in English and Korean", () => {
    for (const page of ['4-together.md', '4-together.ko.md']) {
      const markdown = readFileSync(join(root, 'media', 'walkthrough', page), 'utf8');
      const rows = [...markdown.matchAll(/^\| ([^|]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \|$/gm)].map((m) => ({ label: m[1]!, alpha: Number(m[2]), gamma: Number(m[3]), ap: Number(m[4]) }));
      const ce = rows.filter((row) => row.label.startsWith('alpha-balanced CE'));
      const fl = rows.filter((row) => row.label.startsWith('FL'));
      assert.equal(ce.length + fl.length, rows.length, page);
      // Every row is a measured one: alpha-balanced CE from Table 1a, FL (with its best alpha) from Table 1b.
      for (const row of ce) assert.ok(PAPER_TABLE_1A.some((r) => r.alpha === row.alpha && r.gamma === row.gamma && r.ap === row.ap), `${page}: ${JSON.stringify(row)}`);
      for (const row of fl) assert.ok(PAPER_TABLE_1B.some((r) => r.alpha === row.alpha && r.gamma === row.gamma && r.ap === row.ap), `${page}: ${JSON.stringify(row)}`);
      // The rows: CE at its best alpha and at 0.25, FL at gamma 0.5, 1, 2 (the choice), 5.
      assert.deepEqual(ce.map((row) => row.alpha), [0.25, 0.75], page);
      assert.deepEqual(fl.map((row) => row.gamma), [0.5, 1, 2, 5], page);
      const best = PAPER_TABLE_1A.reduce((a, b) => (b.ap > a.ap ? b : a));
      assert.equal(ce[1]!.ap, best.ap, page);
      assert.deepEqual(fl.find((row) => row.gamma === PAPER_CHOICE.gamma), { label: fl.find((row) => row.gamma === 2)!.label, alpha: PAPER_CHOICE.alpha, gamma: PAPER_CHOICE.gamma, ap: PAPER_CHOICE.ap }, page);
    }
  });
});
