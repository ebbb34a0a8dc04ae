import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { batchFromLogits, float64Column, int32Column, lossFromProb, softmaxBatch, softmaxMeanDivisor } from '../../../src/core';
import { parseBatchSummary } from '../../../src/live/batchSummary';
import type { BatchSummary } from '../../../src/live/batchSummary';
import type { BatchRequest } from '../../../src/live/batchRequest';
import { liveHoverMarkdown } from '../../../src/extension/liveHoverMarkdown';
import { withTorchDtypeRefusal } from '../../../src/live/torchDtype';
import { DEFAULT_SETTINGS } from '../../../src/extension/settingsValues';

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
  /** PyTorch's error for the call the case stands for (null: it computes). */
  readonly raises?: string | null;
}

/** Markdown as the hover renders it: its backslash escapes (`big\\_logits`) removed. */
const unescaped = (markdown: string) => markdown.replace(/\\(.)/g, '$1');
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

  const ids = (name: string) => summaryOf(name).checks.map((check) => check.id);

  it('names the mistakes it sees, and reads without changing the program', () => {
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
    // A step that does not fit the tensor says so, with numpy's reason.
    assert.equal(refusal('steps bad reshape'), 'step');
    assert.equal(refusal('pos_weight does not broadcast'), 'weight-shape');
  });

  it('applies the arguments\' own steps as PyTorch does: view, cast, unsqueeze, sigmoid, log_softmax', () => {
    for (const name of ['steps view', 'steps sigmoid float unsqueeze', 'steps log_softmax']) assert.ok(byName(name).reference, name);
    // The shapes the loss receives, after the steps.
    assert.deepEqual(summaryOf('steps view').inputs.pred.shape, [28, 6]);
    assert.deepEqual(summaryOf('steps view').inputs.target.shape, [28]);
    assert.deepEqual(summaryOf('steps sigmoid float unsqueeze').inputs.target, { type: 'torch.Tensor', shape: [50, 1], dtype: 'float32', device: 'cpu' });
    assert.deepEqual(ids('steps sigmoid float unsqueeze'), []);
  });

  it('the hover section: short, the call\'s numbers as the core formats them, warnings only where a check fired', () => {
    const request = (name: string): BatchRequest => ({ pred: 'logits', target: 'targets', values: { pred: 'logits', target: 'targets' }, refs: {}, spec: byName(name).spec as never, live: {} });
    const stop = { line: 12, time: '10:00:00' };
    const section = (name: string) => liveHoverMarkdown(parseBatchSummary(JSON.stringify(byName(name).summary)) as never, request(name), stop, DEFAULT_SETTINGS)!;
    const focal = section('binary focal (torchvision)');
    assert.match(focal, /^\*\*This batch\*\* \(paused at line 12, 10:00:00\) · `logits` float32 \[2000\]/);
    assert.match(focal, /2,000 elements: \d+ positives/);
    assert.match(focal, /\*\*This call\*\* \(focal loss, reduction `"sum"`\): \*\*[\d.]+\*\*; sum \/ positives/);
    assert.doesNotMatch(focal, /⚠/);
    assert.ok(focal.split('\n').length <= 6, focal);
    assert.match(section('sigmoid into logits loss'), /⚠ Every prediction is in \\\[/);
    assert.match(section('softmax into CE'), /⚠ Every row is in \\\[0, 1\\\] and sums to 1/);
    assert.match(section('no positives'), /⚠ No positives in this batch/);
    assert.match(section('soft targets'), /ℹ \d+ targets are strictly between 0 and 1/);
    // Counts said without a plural to get wrong ("1 predictions").
    assert.match(section('nan input'), /⚠ NaN or infinite values: 1 in the predictions, 0 in the targets; the loss is NaN\\\./);
    // A variable of another frame: the call is not in this stop, and nothing is said.
    assert.equal(liveHoverMarkdown({ ok: false, error: 'evaluate', detail: "NameError: name 'probs' is not defined" }, request('dict'), stop, DEFAULT_SETTINGS), undefined);
    assert.match(liveHoverMarkdown(parseBatchSummary(JSON.stringify(byName('generator').summary)) as never, request('generator'), stop, DEFAULT_SETTINGS)!, /generator or iterator: reading it would consume it/);
  });

  it("says PyTorch raises where its call would (integer scores, integer or bool labels into BCE), and shows no loss there", () => {
    const dtypeCases = cases.filter((c) => c.raises !== undefined);
    assert.equal(dtypeCases.length, 7);
    const request = (c: Case, library?: string): BatchRequest => ({ pred: 'out.float()', target: 'labels', values: { pred: 'out', target: 'labels' }, refs: {}, spec: c.spec as never, live: {}, ...(library ? { library } : {}) });
    const stop = { line: 7, time: '10:00:00' };
    for (const c of dtypeCases) {
      const parsed = parseBatchSummary(JSON.stringify(c.summary));
      assert.equal(parsed.ok, true, c.name);
      for (const library of ['torch', 'torchvision']) {
        const read = withTorchDtypeRefusal(parsed, request(c, library));
        // The refusal agrees with PyTorch: exactly the calls that raise there.
        assert.equal(read.ok === false, c.raises !== null, `${c.name} (${library}): PyTorch ${c.raises === null ? 'computes' : `raises "${c.raises}"`}, Loss Lens ${read.ok === false ? `refuses (${read.error})` : 'computes'}`);
        const section = unescaped(liveHoverMarkdown(read, request(c, library), stop, DEFAULT_SETTINGS)!);
        if (c.raises === null) {
          assert.match(section, /\*\*This call\*\*/, c.name);
        } else {
          assert.doesNotMatch(section, /This call|plain CE/, `${c.name}: a loss the call never returns`);
          assert.match(section, /PyTorch's (losses take floating-point predictions|binary cross-entropy takes floating-point targets), so this call raises an error/, c.name);
        }
      }
      // Other libraries cast (Keras), and a selection names no library: their numbers stand.
      for (const library of ['keras', undefined]) assert.equal(withTorchDtypeRefusal(parsed, request(c, library)), parsed, `${c.name} (${library})`);
    }
    const section = (name: string) => unescaped(liveHoverMarkdown(withTorchDtypeRefusal(parseBatchSummary(JSON.stringify(byName(name).summary)), request(byName(name), 'torch')), request(byName(name), 'torch'), stop, DEFAULT_SETTINGS)!);
    // Named as the call writes the argument (after its steps: the dtype is what the loss receives).
    assert.match(section('dtype: int64 scores into cross_entropy'), /out\.float\(\) is int64: PyTorch's losses take floating-point predictions/);
    assert.match(section('dtype: int64 labels into BCELoss'), /labels is int64: PyTorch's binary cross-entropy takes floating-point targets, so this call raises an error \(pass labels\.float\(\)\)/);
    assert.match(section('dtype: bool labels into BCEWithLogits'), /labels is bool:/);
  });

  it("names a refused argument as the call does, not by the snippet's role, with its count grouped", () => {
    const request: BatchRequest = { pred: 'big_logits.view(-1)', target: 'big_targets', values: { pred: 'big_logits', target: 'big_targets' }, refs: {}, spec: byName('too large').spec as never, live: {} };
    const stop = { line: 7, time: '10:00:00' };
    const text = (name: string) => unescaped(liveHoverMarkdown(parseBatchSummary(JSON.stringify(byName(name).summary)), request, stop, DEFAULT_SETTINGS)!);
    // The snippet says `pred: 2001 elements`: the hover names the value it copies.
    assert.match(text('too large'), /: big_logits: 2,001 elements: more than 30,000,000 elements are not copied\.$/);
    assert.doesNotMatch(text('too large'), /\bpred\b/);
    // Shapes are those after the steps: named by the arguments as written.
    assert.match(text('shape mismatch'), /\(big_logits\.view\(-1\) \[10, 3\], big_targets \[7\]\)/);
    assert.match(text('dict'), /: big_logits is a dict: select the tensor in it/);
  });

  it("the Explorer's batch view: each group's sums are PyTorch's at every gamma, and the sample is the batch, positives first", () => {
    const c = byName('view binary');
    const s = summaryOf(c.name);
    const view = s.view;
    assert.ok(view && 'positives' in view);
    const reference = c.reference as unknown as { flPositives: Record<string, number>; flNegatives: Record<string, number>; smoothed: number };
    // The paper's gammas and the call's own (1.5).
    assert.deepEqual(view.gammas, [0, 0.5, 1, 2, 1.5]);
    view.gammas.forEach((gamma, i) => {
      const key = gamma === Math.trunc(gamma) ? gamma.toFixed(1) : String(gamma);
      assert.ok(rel(view.positives.flSums[i]!, reference.flPositives[key]!) <= 1e-9, `positives at gamma ${gamma}`);
      assert.ok(rel(view.negatives.flSums[i]!, reference.flNegatives[key]!) <= 1e-9, `negatives at gamma ${gamma}`);
    });
    // CE with label smoothing 0.1 and pos_weight 2 from the groups' log sums, as PyTorch computes it.
    const e = 0.1;
    const pw = 2;
    const group = (g: { sumLogP: number; sumLogQ: number }, ys: number) => -(pw * ys * g.sumLogP + (1 - ys) * g.sumLogQ);
    assert.ok(rel(group(view.positives, 1 - e / 2) + group(view.negatives, e / 2), reference.smoothed) <= 1e-9);
    // The columns decode to the batch: positives then negatives, each in the batch's order.
    const pred = c.pred as number[];
    const target = c.target as number[];
    const order = [...pred.keys()].filter((i) => target[i] === 1).concat([...pred.keys()].filter((i) => target[i] === 0));
    assert.deepEqual(Array.from(float64Column(view.sample.x)), order.map((i) => pred[i]!));
    assert.equal(view.sample.y, undefined, 'hard targets follow from the groups');
    // The curves rise from 0 to 1, and the histograms count every element.
    for (const curve of [...view.positives.curves, ...view.negatives.curves]) {
      assert.ok(curve && curve[0] === 0 && Math.abs(curve[curve.length - 1]! - 1) < 1e-12 && curve.every((v, i) => i === 0 || v >= curve[i - 1]!));
    }
    assert.equal([...view.positives.histogram, ...view.negatives.histogram].reduce((a, b) => a + b, 0), pred.length);
    // The hardest negative has the lowest p_t of its group, and is the element it names.
    const hardest = view.negatives.hardest[0]!;
    assert.equal(pred[hardest.flat], hardest.x);
    assert.equal(Math.max(...pred.filter((_, i) => target[i] === 0)), hardest.x);
  });

  it('a sampled view keeps every positive and samples the negatives up to the budget', () => {
    const view = summaryOf('view sampled').view;
    assert.ok(view && 'positives' in view);
    assert.equal(view.sample.size, 1000);
    assert.equal(view.sample.of, 3000);
    assert.equal(view.sample.groups.positives, view.positives.count);
    assert.equal(view.sample.groups.negatives, 1000 - view.positives.count);
    assert.equal(float64Column(view.sample.x).length, 1000);
  });

  it('a softmax view over a segmentation map: exact weighted and smoothed CE from the per-class sums; indices into the target', () => {
    const c = byName('view softmax segmentation');
    const s = summaryOf(c.name);
    const view = s.view;
    assert.ok(view && 'perClass' in view);
    const reference = c.reference as unknown as { value: number; smoothedOther: number; logPt: Record<string, number> };
    assert.ok(rel(s.loss.value!, reference.value) <= 1e-9);
    // Other weights and label smoothing 0.2, from the same sums: PyTorch's value.
    const w = [1, 3, 1, 1, 0.5];
    const e = 0.2;
    const nll = view.perClass.ceSum.reduce((sum, v, k) => sum + w[k]! * v, 0);
    const smooth = -view.perClass.logSum.reduce((sum, v, k) => sum + w[k]! * v, 0) / 5;
    const divisor = s.perClass!.count.reduce((sum, n, k) => sum + w[k]! * n, 0);
    assert.ok(rel(((1 - e) * nll + e * smooth) / divisor, reference.smoothedOther) <= 1e-9);
    // Two pixels are ignored: 46 of 48 are kept and sampled (all of them).
    assert.equal(view.all.count, 46);
    assert.equal(view.sample.size, 46);
    assert.equal(int32Column(view.sample.classIndex).length, 46);
    assert.ok(view.sample.weightedMeanLogP !== undefined, 'the call has class weights');
    // Each hardest sample's index is [n, h, w] into the target, and its p_t is PyTorch's there.
    let compared = 0;
    for (const h of view.all.hardest) {
      assert.equal(h.index.length, 3);
      const key = h.index.join(',');
      if (!(key in reference.logPt)) continue;
      assert.ok(Math.abs(Math.log(h.pt) - reference.logPt[key]!) <= 1e-12);
      compared++;
    }
    // 46 samples, 50 listed at most: every kept pixel is there, the three references too.
    assert.equal(compared, 3);
    const pts = view.all.hardest.map((h) => h.pt);
    assert.deepEqual(pts, [...pts].sort((a, b) => a - b), 'hardest first');
  });
});
