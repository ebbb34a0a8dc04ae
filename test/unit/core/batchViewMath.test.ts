import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anyEstimated, at90, batchSummaryOf, batchViewNumbers, callControls, prepareBatchView } from '../../../src/core';
import type { BatchSpec, BatchSummary, BatchViewControls, BatchViewNumbers } from '../../../src/core';
import { assertAllClose, assertClose } from './closeTo';

// The Explorer's batch view math (src/core/batchViewMath.ts) on batches read from real debugpy
// sessions (test/fixtures/batch) and on batches test/live/view_cases.py makes and summarises with the
// debuggee snippet: at the call's parameters the sample path gives the debuggee's exact numbers; the
// exact paths (group sums, flSums, per-class sums) agree with the sample path when the sample is the
// whole batch; and every number equals PyTorch's float64 value at other parameters (1e-9), or, for a
// sampled batch, is marked estimated and is close.

const root = join(__dirname, '..', '..', '..', '..');
const DEBIAN_PYTHON = '/usr/bin/python3';
const REL = 1e-9;
const ABS = 1e-12;

interface Recorded {
  readonly request: { readonly spec: BatchSpec };
  readonly summary: unknown;
}

function fixture(name: string): { spec: BatchSpec; summary: BatchSummary } {
  const recorded = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'batch', `${name}.json`), 'utf8')) as Recorded;
  return { spec: recorded.request.spec, summary: readSummary(recorded.summary) };
}

function readSummary(data: unknown): BatchSummary {
  const parsed = batchSummaryOf(data);
  assert.ok(parsed.ok === true && parsed.summary.view, 'a summary with its view');
  return parsed.summary;
}

const value = (figure: { value: number | null }) => {
  assert.ok(figure.value !== null, 'a value');
  return figure.value;
};

/** Both paths at `controls`: every number the exact path gives equals the sample path's (the sample is the whole batch). */
function assertPathsAgree(spec: BatchSpec, summary: BatchSummary, controls: BatchViewControls, what: string): BatchViewNumbers {
  const prepared = prepareBatchView(spec, summary);
  const fast = batchViewNumbers(prepared, controls);
  const slow = batchViewNumbers(prepared, controls, true);
  assertClose(value(fast.loss.sum), value(slow.loss.sum), REL, ABS, `${what}: loss sum`);
  assertClose(value(fast.loss.mean), value(slow.loss.mean), REL, ABS, `${what}: loss mean`);
  fast.groups.forEach((g, k) => {
    if (g.loss.value === null && slow.groups[k]!.loss.value === null) return;
    assertClose(value(g.loss), value(slow.groups[k]!.loss), REL, ABS, `${what}: ${g.key} sum`);
  });
  assertClose(value(fast.easy.lossShare), value(slow.easy.lossShare), REL, ABS, `${what}: easy share`);
  assertClose(value(fast.hardest.p1), value(slow.hardest.p1), REL, ABS, `${what}: hardest 1%`);
  assertClose(value(fast.hardest.p20), value(slow.hardest.p20), REL, ABS, `${what}: hardest 20%`);
  fast.curves.sets.forEach((set, k) => {
    const other = slow.curves.sets[k]!;
    assertAllClose(set.ce!, other.ce!, 0, 1e-9, `${what}: ${set.key} CE curve`);
    assertAllClose(set.fl!, other.fl!, 0, 1e-9, `${what}: ${set.key} FL curve`);
  });
  assert.equal(anyEstimated(fast), false, `${what}: a whole-batch sample estimates nothing`);
  return fast;
}

describe('batch view math (core) on recorded sessions', () => {
  it('retina: the sample path at the call parameters gives the debuggee\'s loss, shares and curves', () => {
    const { spec, summary } = fixture('retina');
    const prepared = prepareBatchView(spec, summary);
    const controls = callControls(spec, summary);
    assert.deepEqual(controls, { alpha: 0.25, gamma: 2, labelSmoothing: 0, posWeight: null, weight: null });
    const slow = batchViewNumbers(prepared, controls, true);
    assertClose(value(slow.loss.sum), summary.loss.sum, REL, ABS, 'loss.sum');
    assertClose(value(slow.loss.value), summary.loss.value!, REL, ABS, 'loss.value');
    assertClose(value(slow.loss.perPositive!), summary.loss.perPositive!, REL, ABS, 'per positive');
    assertClose(value(slow.easy.lossShare), summary.easy.flShare!, REL, ABS, 'easy negatives\' FL share');
    assertClose(value(slow.hardest.p1), summary.hardest.p1!, REL, ABS, 'hardest 1%');
    assertClose(value(slow.hardest.p20), summary.hardest.p20!, REL, ABS, 'hardest 20%');
    const view = summary.view as import('../../../src/core').BinaryBatchView;
    assertAllClose(slow.curves.sets[1]!.fl!, view.negatives.curves[3]!, 0, 1e-9, 'negatives FL curve at gamma 2');
    assertAllClose(slow.curves.sets[0]!.ce!, view.positives.curves[0]!, 0, 1e-9, 'positives CE curve');
    const fast = batchViewNumbers(prepared, controls);
    assert.equal(fast.loss.sum.value, summary.loss.sum);
    assert.equal(fast.sample.whole, true);
    const neg = fast.curves.sets.find((s) => s.key === 'negatives')!;
    assert.ok(at90(neg.ce, view.fractions)! < 0.5 && at90(neg.fl, view.fractions)! < at90(neg.ce, view.fractions)!, 'focal loss lowers the easiest 90% of negatives\' share');
  });

  it('retina: exact paths equal the sample path at other alpha, gamma, smoothing and pos_weight', () => {
    const { spec, summary } = fixture('retina');
    for (const controls of [
      { alpha: 0.5, gamma: 1, labelSmoothing: 0, posWeight: null, weight: null },
      { alpha: 0.25, gamma: 0.5, labelSmoothing: 0, posWeight: null, weight: null },
      { alpha: null, gamma: 0, labelSmoothing: 0, posWeight: null, weight: null },
      { alpha: 0.3, gamma: 0, labelSmoothing: 0.1, posWeight: 4, weight: null },
      { alpha: 0.25, gamma: 1.7, labelSmoothing: 0, posWeight: null, weight: null },
      { alpha: 0.25, gamma: 2, labelSmoothing: 0.05, posWeight: 2, weight: null },
    ]) {
      assertPathsAgree(spec, summary, controls, JSON.stringify(controls));
    }
  });

  it('softmax: the sample path at the call parameters gives the debuggee\'s mean with class weights and label smoothing', () => {
    const { spec, summary } = fixture('softmax');
    const prepared = prepareBatchView(spec, summary);
    const controls = callControls(spec, summary);
    assert.equal(controls.labelSmoothing, 0.1);
    const slow = batchViewNumbers(prepared, controls, true);
    assertClose(value(slow.loss.value), summary.loss.value!, REL, ABS, 'loss.value');
    assertClose(value(slow.loss.sum), summary.loss.sum, REL, ABS, 'loss.sum');
    summary.perClass!.loss.forEach((loss, k) => assertClose(value(slow.groups[k]!.loss), loss, REL, ABS, `class ${k}`));
  });

  it('softmax: exact paths equal the sample path at other class weights, smoothing and gamma', () => {
    const { spec, summary } = fixture('softmax');
    for (const controls of [
      { alpha: null, gamma: 0, labelSmoothing: 0.2, posWeight: null, weight: null },
      { alpha: null, gamma: 0, labelSmoothing: 0, posWeight: null, weight: [3, 1, 1, 1, 1, 1, 1, 1, 1, 0.2] },
      { alpha: null, gamma: 2, labelSmoothing: 0, posWeight: null, weight: [0.5, 1, 2, 1, 0.8, 1.2, 1, 3, 0.9, 1.1] },
      { alpha: null, gamma: 1, labelSmoothing: 0, posWeight: null, weight: null },
    ]) {
      assertPathsAgree(spec, summary, controls, JSON.stringify(controls));
    }
  });

  it('softmax: focal loss with label smoothing says it takes none, and other weights with smoothing say the sample cannot give them', () => {
    const { spec, summary } = fixture('softmax');
    const prepared = prepareBatchView(spec, summary);
    assert.equal(batchViewNumbers(prepared, { alpha: null, gamma: 2, labelSmoothing: 0.1, posWeight: null, weight: null }).note, 'focal-no-smoothing');
    const other = batchViewNumbers(prepared, { alpha: null, gamma: 0, labelSmoothing: 0.1, posWeight: null, weight: [2, 1, 1, 1, 1, 1, 1, 1, 1, 1] });
    // The total is exact from the per-class sums; what needs each sample's smoothing term is not made up.
    assert.equal(other.loss.sum.exact, true);
    assert.equal(other.note, 'smoothing-weights-unavailable');
    assert.equal(other.hardest.p1.value, null);
  });
});

interface PyCase {
  readonly name: string;
  readonly spec: BatchSpec;
  readonly summary: unknown;
  readonly references: { params: Record<string, unknown>; sum: number; mean?: number; positives?: number; easyShare?: number; hardest?: number[]; curves?: { positives: number[]; negatives: number[] }; curve?: number[] }[];
  readonly torchvision?: number;
}

describe('batch view math (core) against PyTorch (view_cases.py)', function () {
  this.timeout(180_000);
  let cases: PyCase[] = [];
  before(() => {
    const run = spawnSync(DEBIAN_PYTHON, [join(root, 'test', 'live', 'view_cases.py'), join(root, 'src', 'live', 'batchSummary.py')], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(run.status, 0, `${DEBIAN_PYTHON} failed (npm run harness installs python3-torch and python3-numpy):\n${run.stderr}`);
    cases = JSON.parse(run.stdout) as PyCase[];
  });
  const byName = (name: string) => cases.find((c) => c.name === name)!;
  const binaryControls = (params: Record<string, unknown>): BatchViewControls => ({ alpha: params.alpha as number | null, gamma: params.gamma as number, labelSmoothing: params.labelSmoothing as number, posWeight: params.posWeight as number | null, weight: null });

  it('binary, sample = batch: loss, group share, easy share, hardest shares and Figure 4 equal PyTorch at six parameter sets', () => {
    const c = byName('binary whole');
    const summary = readSummary(c.summary);
    const prepared = prepareBatchView(c.spec, summary);
    assert.ok(prepared.model === 'sigmoid' && prepared.whole);
    for (const ref of c.references) {
      const what = JSON.stringify(ref.params);
      const n = batchViewNumbers(prepared, binaryControls(ref.params));
      assertClose(value(n.loss.sum), ref.sum, REL, ABS, `${what} sum`);
      assertClose(value(n.groups[0]!.loss), ref.positives!, REL, ABS, `${what} positives`);
      assertClose(value(n.easy.lossShare), ref.easyShare!, REL, ABS, `${what} easy share`);
      assertClose(value(n.hardest.p1), ref.hardest![0]!, REL, ABS, `${what} hardest 1%`);
      assertClose(value(n.hardest.p20), ref.hardest![1]!, REL, ABS, `${what} hardest 20%`);
      assertAllClose(n.curves.sets[0]!.fl!, ref.curves!.positives, 0, 1e-9, `${what} positives curve`);
      assertAllClose(n.curves.sets[1]!.fl!, ref.curves!.negatives, 0, 1e-9, `${what} negatives curve`);
      assert.equal(anyEstimated(n), false, what);
    }
    const tv = batchViewNumbers(prepared, binaryControls({ alpha: 0.5, gamma: 1, labelSmoothing: 0, posWeight: null }));
    assertClose(value(tv.loss.sum), c.torchvision!, REL, ABS, 'torchvision sigmoid_focal_loss(alpha 0.5, gamma 1)');
  });

  it('binary, 10^6 anchors sampled to 10^5: exact where the sums give it, otherwise estimated and close', () => {
    const c = byName('binary sampled');
    const summary = readSummary(c.summary);
    const prepared = prepareBatchView(c.spec, summary);
    assert.ok(prepared.model === 'sigmoid' && !prepared.whole);
    const n0 = batchViewNumbers(prepared, callControls(c.spec, summary));
    assert.deepEqual(n0.sample, { size: 100000, of: 1000000, whole: false });
    // The rare positives are all in the sample; the negatives are sampled.
    assert.equal(prepared.groups[0].weight, 1);
    assert.ok(prepared.groups[1].weight > 9);
    for (const ref of c.references) {
      const what = JSON.stringify(ref.params);
      const n = batchViewNumbers(prepared, binaryControls(ref.params));
      const gamma = ref.params.gamma as number;
      const exactExpected = gamma === 0 || ([0.5, 1, 2].includes(gamma) && ref.params.labelSmoothing === 0 && !ref.params.posWeight);
      assert.equal(n.loss.sum.exact, exactExpected, `${what} exact`);
      if (exactExpected) assertClose(value(n.loss.sum), ref.sum, REL, ABS, `${what} sum`);
      else assertClose(value(n.loss.sum), ref.sum, 0.03, 0, `${what} estimated sum`);
      assertClose(value(n.easy.lossShare), ref.easyShare!, 0.05, 0.002, `${what} easy share`);
      assertClose(value(n.hardest.p20), ref.hardest![1]!, 0.03, 0, `${what} hardest 20%`);
      assert.equal(anyEstimated(n), true, `${what}: some numbers are estimated`);
    }
  });

  it('binary soft targets: the loss, its mean and the hardest shares from the sample equal PyTorch, the debuggee\'s at the call', () => {
    const c = byName('binary soft targets');
    const summary = readSummary(c.summary);
    assert.ok(summary.soft! > 1000, 'soft targets');
    const prepared = prepareBatchView(c.spec, summary);
    assertClose(value(batchViewNumbers(prepared, callControls(c.spec, summary), true).loss.value), summary.loss.value!, REL, ABS, 'sample path at the call');
    for (const ref of c.references) {
      const what = JSON.stringify(ref.params);
      const n = batchViewNumbers(prepared, binaryControls(ref.params));
      assertClose(value(n.loss.sum), ref.sum, REL, ABS, `${what} sum`);
      assertClose(value(n.loss.mean), ref.mean!, REL, ABS, `${what} mean`);
      assertClose(value(n.hardest.p1), ref.hardest![0]!, REL, ABS, `${what} hardest 1%`);
      assertClose(value(n.hardest.p20), ref.hardest![1]!, REL, ABS, `${what} hardest 20%`);
    }
  });

  it('softmax: CE at other class weights and smoothing, and FL at other gammas, equal F.cross_entropy and a float64 FL', () => {
    const c = byName('softmax CE weights smoothing');
    const summary = readSummary(c.summary);
    const prepared = prepareBatchView(c.spec, summary);
    for (const ref of c.references) {
      const what = JSON.stringify(ref.params);
      const controls: BatchViewControls = { alpha: null, gamma: ref.params.gamma as number, labelSmoothing: ref.params.labelSmoothing as number, posWeight: null, weight: ref.params.weight as number[] | null };
      const n = batchViewNumbers(prepared, controls);
      assertClose(value(n.loss.sum), ref.sum, REL, ABS, `${what} sum`);
      assertClose(value(n.loss.mean), ref.mean!, REL, ABS, `${what} mean`);
      if (ref.curve) assertAllClose(n.curves.sets[0]!.fl!, ref.curve, 0, 1e-9, `${what} curve`);
      if (ref.hardest) {
        assertClose(value(n.hardest.p1), ref.hardest[0]!, REL, ABS, `${what} hardest 1%`);
        assertClose(value(n.hardest.p20), ref.hardest[1]!, REL, ABS, `${what} hardest 20%`);
      }
    }
  });
});

describe('batch view ordering (core)', () => {
  it('orders values >= 0 as a stable comparison sort does, ties by index, -0 with 0; anything else too', async () => {
    const { ascendingOrder } = await import('../../../src/core/batchViewFigures');
    let seed = 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const values of [
      Float64Array.from({ length: 5000 }, () => random() ** 8),
      Float64Array.from({ length: 5000 }, () => Math.floor(random() * 20) / 7),
      Float64Array.from([0, -0, 1e-300, 5e-324, Infinity, 2, 2, 0, 1]),
      Float64Array.from([3, -1, 2, NaN, 0, -0]),
      new Float64Array(0),
    ]) {
      const expected = Array.from(values.keys()).sort((a, b) => {
        const [x, y] = [values[a]!, values[b]!];
        if (x !== x || y !== y) return x !== x ? (y !== y ? a - b : 1) : -1;
        return x - y || a - b;
      });
      assert.deepEqual(Array.from(ascendingOrder(values)), expected);
    }
  });
});
