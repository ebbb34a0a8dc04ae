import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { batchFromLogits, lossFromProb, softmaxBatch, softmaxMeanDivisor } from '../../../src/core';
import { parseBatchSummary } from '../../../src/live/batchSummary';
import type { BatchSummary } from '../../../src/live/batchSummary';

// The snippet Loss Lens evaluates in a paused debuggee (src/live/batchSummary.py), run by Debian's
// python3 on batches test/live/summary_cases.py makes: every loss it sums equals PyTorch's float64
// value for the same batch (1e-9 relative), and equals Loss Lens's numeric core on the same values
// (1e-12), so the hover's batch numbers are the core's numbers. It also refuses what it must.

const root = join(__dirname, '..', '..', '..', '..');
/** Debian's interpreter, where python3-torch and python3-numpy are (npm test installs them). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

interface Case {
  readonly name: string;
  readonly spec: Record<string, unknown>;
  readonly summary: unknown;
  readonly reference: { sum?: number; value?: number; ce?: number } | null;
  readonly unchanged: boolean;
  readonly pred?: unknown;
  readonly target?: unknown;
}

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('the debuggee snippet (batchSummary.py) against PyTorch and the core', function () {
  this.timeout(120_000);
  let cases: Case[] = [];
  const byName = (name: string) => {
    const found = cases.find((c) => c.name === name);
    assert.ok(found, `no case ${name}`);
    return found;
  };
  const summaryOf = (name: string): BatchSummary => {
    const parsed = parseBatchSummary(JSON.stringify(byName(name).summary));
    assert.ok(parsed.ok === true, `${name}: ${JSON.stringify(parsed)}`);
    return parsed.summary;
  };

  before(() => {
    const run = spawnSync(DEBIAN_PYTHON, [join(root, 'test', 'live', 'summary_cases.py'), join(root, 'src', 'live', 'batchSummary.py')], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(run.status, 0, `${DEBIAN_PYTHON} failed (npm run harness installs python3-torch and python3-numpy):\n${run.stderr}`);
    cases = JSON.parse(run.stdout) as Case[];
  });

  it('sums every loss kind as PyTorch does in float64', () => {
    let compared = 0;
    for (const c of cases) {
      if (!c.reference) continue;
      const s = summaryOf(c.name);
      if (c.reference.sum !== undefined) assert.ok(rel(s.loss.sum, c.reference.sum) <= 1e-9, `${c.name}: sum ${s.loss.sum}, PyTorch ${c.reference.sum}`);
      if (c.reference.value !== undefined) assert.ok(rel(s.loss.value!, c.reference.value) <= 1e-9, `${c.name}: ${s.loss.value}, PyTorch ${c.reference.value}`);
      if (c.reference.ce !== undefined) assert.ok(rel(s.ce.sum, c.reference.ce) <= 1e-9, `${c.name}: CE ${s.ce.sum}, PyTorch ${c.reference.ce}`);
      compared++;
    }
    assert.ok(compared >= 9, `only ${compared} cases had a reference`);
  });

  it('equals the numeric core on the same values: binary focal, pos_weight, probabilities', () => {
    const focal = byName('binary focal (torchvision)');
    const logits = Float64Array.from(focal.pred as number[]);
    const ys = Float64Array.from(focal.target as number[]);
    const s = summaryOf(focal.name);
    assert.ok(rel(s.loss.sum, batchFromLogits('focal', logits, ys, { alpha: 0.25, gamma: 2 })) <= 1e-12);
    assert.ok(rel(s.ce.sum, batchFromLogits('ce', logits, ys)) <= 1e-12);
    const bce = byName('BCEWithLogits pos_weight');
    const x = Float64Array.from((bce.pred as number[][]).flat());
    const y = Float64Array.from((bce.target as number[][]).flat());
    assert.ok(rel(summaryOf(bce.name).loss.sum, batchFromLogits('ce', x, y, { posWeight: 3 })) <= 1e-12);
    const probs = byName('BCELoss probabilities');
    const p = probs.pred as number[];
    const t = probs.target as number[];
    // The core refuses p = 0 or 1 with y on the other side (an infinite loss); PyTorch clamps log at -100.
    const finite = p.map((v, i) => [v, t[i]!] as const).filter(([v, y]) => !((v === 0 && y === 1) || (v === 1 && y === 0)));
    const clamped = p.length - finite.length;
    const coreSum = finite.reduce((acc, [v, y]) => acc + lossFromProb('ce', v, y), 0) + clamped * 100;
    assert.ok(rel(summaryOf(probs.name).loss.sum, coreSum) <= 1e-12, `${summaryOf(probs.name).loss.sum} vs ${coreSum}`);
  });

  it('equals the numeric core on the same values: softmax CE with weights, smoothing and ignore_index; focal', () => {
    const c = byName('softmax CE weight smoothing ignore');
    const rows = c.pred as number[][];
    const targets = c.target as number[];
    const spec = c.spec as { weight: number[]; labelSmoothing: number; ignoreIndex: number };
    const params = { classWeights: spec.weight, labelSmoothing: spec.labelSmoothing, ignoreIndex: spec.ignoreIndex };
    const sum = softmaxBatch('ce', Float64Array.from(rows.flat()), 6, targets, params);
    const s = summaryOf(c.name);
    assert.ok(rel(s.loss.sum, sum) <= 1e-12, `${s.loss.sum} vs core ${sum}`);
    assert.ok(rel(s.loss.value!, sum / softmaxMeanDivisor(6, targets, params)) <= 1e-12);
    const f = byName('softmax focal kornia');
    const fr = f.pred as number[][];
    const ft = f.target as number[];
    const focalSum = softmaxBatch('focal', Float64Array.from(fr.flat()), 4, ft, { gamma: 2, classWeights: [0.75, 0.25, 0.25, 0.25] });
    assert.ok(rel(summaryOf(f.name).loss.sum, focalSum) <= 1e-12);
  });

  it("counts, shares and the seed's argument add up", () => {
    const s = summaryOf('binary focal (torchvision)');
    assert.equal(s.model, 'sigmoid');
    assert.equal(s.n, 2000);
    assert.equal(s.positives! + s.negatives!, 2000);
    assert.ok(s.easy.ceShare! > 0 && s.easy.ceShare! < 1);
    // Focal loss lowers the easy negatives' share.
    assert.ok(s.easy.flShare! < s.easy.ceShare!);
    assert.ok(s.hardest.p1! > 0.01 && s.hardest.p1! < s.hardest.p20! && s.hardest.p20! <= 1);
    assert.deepEqual(s.inputs.pred.shape, [2000]);
    assert.equal(s.inputs.pred.dtype, 'float32');
  });

  it('names the mistakes it sees, and reads without changing the program', () => {
    const ids = (name: string) => summaryOf(name).checks.map((check) => check.id);
    assert.deepEqual(ids('sigmoid into logits loss'), ['probabilities-into-logits']);
    assert.deepEqual(ids('softmax into CE'), ['softmax-into-logits']);
    assert.deepEqual(ids('no positives'), ['no-positives']);
    assert.deepEqual(ids('soft targets'), ['soft-targets']);
    const nan = parseBatchSummary(JSON.stringify(byName('nan input').summary));
    assert.ok(nan.ok === 'checks-only' && nan.checks[0]!.id === 'not-finite' && nan.checks[0]!.pred === 1, JSON.stringify(nan));
    // Correct batches raise nothing: no false alarm.
    for (const name of ['binary focal (torchvision)', 'BCEWithLogits pos_weight', 'softmax CE weight smoothing ignore', 'softmax CE segmentation', 'softmax focal kornia', 'numpy inputs']) assert.deepEqual(ids(name), [], name);
    for (const c of cases) assert.ok(c.unchanged, `${c.name} changed its input`);
  });

  it('refuses dicts, generators, shape mismatches, too many elements and bad class indices with a code', () => {
    const refusal = (name: string) => {
      const parsed = parseBatchSummary(JSON.stringify(byName(name).summary));
      assert.ok(parsed.ok === false, name);
      return parsed.error;
    };
    assert.equal(refusal('dict'), 'mapping');
    assert.equal(refusal('generator'), 'iterator');
    assert.equal(refusal('shape mismatch'), 'shape');
    assert.equal(refusal('too large'), 'too-large');
    assert.equal(refusal('class out of range'), 'class-range');
  });
});
