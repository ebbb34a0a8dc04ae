// The multi-class view's pure parts in Node: softmaxContributions and softmaxSpreadCurve (new in
// src/core) against softmaxLoss, and the protocol's validators for multi-class host messages.
import * as assert from 'node:assert/strict';
import { loadSourceModule } from './explorerPage.mjs';

const close = (a, b, rel = 1e-12) => Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));

describe('softmax contributions and the spread curve (core)', function () {
  this.timeout(60_000);
  let core;
  let terms;
  before(async () => {
    core = await loadSourceModule('core/index');
    terms = await loadSourceModule('core/softmaxContributions');
  });

  const cases = [
    { logits: [2, 0.5, -1, 0, 1], target: 0, params: { gamma: 2 } },
    { logits: [2, 0.5, -1, 0, 1], target: 3, params: { gamma: 0.5, labelSmoothing: 0.1, classWeights: [0.75, 0.25, 0.25, 0.25, 0.25] } },
    { logits: [30, -30, 0], target: 0, params: { gamma: 2, base: 10 } },
    { logits: [1, 2, 3], target: [0.2, 0.3, 0.5], params: { gamma: 1, labelSmoothing: 0.2 } },
    { logits: [-Infinity, 0, 1], target: 2, params: { gamma: 2 } },
  ];

  it('sum to softmaxLoss for CE and focal loss, any weights, smoothing, base and target', () => {
    for (const { logits, target, params } of cases) {
      for (const kind of ['ce', 'focal']) {
        const parts = terms.softmaxContributions(kind, logits, target, params);
        const total = parts.reduce((a, b) => a + b, 0);
        const loss = core.softmaxLoss(kind, logits, target, params);
        assert.ok(close(total, loss, 1e-12), `${kind} ${JSON.stringify({ logits, target, params })}: ${total} vs ${loss}`);
      }
    }
  });

  it('keeps its precision on a confident sample', () => {
    const logits = [40, 0, 0];
    const [own] = terms.softmaxContributions('ce', logits, 0);
    assert.ok(close(own, core.softmaxLoss('ce', logits, 0), 1e-9));
    assert.ok(own > 0, 'not rounded to 0');
  });

  it('the spread curve is softmaxLoss of logits that spread 1 - p_t evenly', () => {
    const classes = 1000;
    const params = { gamma: 2, labelSmoothing: 0.1, classWeights: Array.from({ length: classes }, (_, c) => 1 + (c % 3)) };
    const pts = Float64Array.from([0.001, 0.3, 0.9, 0.999]);
    for (const kind of ['ce', 'focal']) {
      const curve = terms.softmaxSpreadCurve(kind, pts, classes, 7, 7, params);
      pts.forEach((pt, i) => {
        const logits = Array.from({ length: classes }, (_, c) => Math.log(c === 7 ? pt : (1 - pt) / (classes - 1)));
        assert.ok(close(curve[i], core.softmaxLoss(kind, logits, 7, params), 1e-9), `${kind} at ${pt}`);
      });
    }
  });

  it('refuses what softmaxLoss refuses, with the core error', () => {
    assert.throws(() => terms.softmaxContributions('focal', [1, NaN], 0), { name: 'LossInputError' });
    assert.throws(() => terms.softmaxContributions('focal', [1, 2], 2), { name: 'LossInputError' });
    assert.throws(() => terms.softmaxContributions('focal', [1, 2], 0, { gamma: -1 }), { name: 'LossInputError' });
    assert.throws(() => terms.softmaxSpreadCurve('ce', [0.5], 3, 5, 0), { name: 'LossInputError' });
  });
});

describe('protocol: multi-class host messages', function () {
  this.timeout(60_000);
  let protocol;
  before(async () => {
    protocol = await loadSourceModule('protocol');
  });

  const call = { label: 'nn.CrossEntropyLoss (line 3)', api: 'torch.nn.CrossEntropyLoss', kind: 'ce', classes: 3, gamma: 0, classWeights: [1, 2, 3], alpha: null, labelSmoothing: 0.1 };

  it('accepts well-formed calls and points', () => {
    assert.ok(protocol.isHostMessage({ type: 'multiclassCall', call }));
    assert.ok(protocol.isHostMessage({ type: 'multiclassCall', call: { ...call, kind: 'focal', gamma: 2, classes: undefined, classWeights: null, alpha: { value: 0.25, appliesTo: 'foreground' } } }));
    assert.ok(protocol.isHostMessage({ type: 'multiclassCall', call: { ...call, alpha: { perClass: [0.5, 0.25, 0.25] } } }));
    assert.ok(protocol.isHostMessage({ type: 'multiclassPoints', points: [{ logits: [2, 0.5, -1], target: 0 }, { logits: [0.1, 0.2, Infinity], target: 2 }], source: 'selection' }));
    assert.ok(protocol.isHostMessage({ type: 'multiclassPoints', points: [], source: 'selection' }));
  });

  it('refuses malformed ones', () => {
    const bad = [
      { ...call, kind: 'focal-star' },
      { ...call, classes: 1 },
      { ...call, classes: 1001, classWeights: null },
      { ...call, classWeights: [1, 2] },
      { ...call, classWeights: [1, -2, 3] },
      { ...call, alpha: { perClass: [0.5, 0.5] } },
      { ...call, alpha: { value: 2, appliesTo: 'every' } },
      { ...call, alpha: { value: 0.25, appliesTo: 'some' } },
      { ...call, labelSmoothing: 1.5 },
      { ...call, gamma: -1 },
      { ...call, label: 3 },
    ];
    for (const c of bad) assert.equal(protocol.isHostMessage({ type: 'multiclassCall', call: c }), false, JSON.stringify(c));
    const badPoints = [
      [{ logits: [1], target: 0 }],
      [{ logits: [1, 2], target: 2 }],
      [{ logits: [1, NaN], target: 0 }],
      [{ logits: [1, 2], target: 0.5 }],
      [{ logits: [1, 2], target: 0 }, { logits: [1, 2, 3], target: 0 }],
      'rows',
    ];
    for (const points of badPoints) assert.equal(protocol.isHostMessage({ type: 'multiclassPoints', points, source: 's' }), false, JSON.stringify(points));
    assert.equal(protocol.isHostMessage({ type: 'multiclassPoints', points: [], source: 1 }), false);
  });
});
