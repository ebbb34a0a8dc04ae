import * as assert from 'node:assert/strict';
import { findLossCalls, lossCallAt, LossCallIndex, mayBeLossCallWord } from '../../../src/language/recognition';
import { checkCase } from './recognitionExpect';
import { NEGATIVE, POSITIVE } from './recognitionSnippets';
import { PATHOLOGICAL_PYTHON } from './recognitionFuzzInputs';

describe('language: recognizing loss calls', () => {
  describe('snippets that must match', () => {
    for (const c of POSITIVE) it(c.name, () => checkCase(c));
  });

  describe('snippets that must not match', () => {
    for (const c of NEGATIVE) {
      it(c.name, () => assert.deepEqual(findLossCalls(c.src, c.language ?? 'python').map((call) => call.api), []));
    }
  });

  it('has at least 60 snippets', () => assert.ok(POSITIVE.length + NEGATIVE.length >= 60, `${POSITIVE.length} + ${NEGATIVE.length}`));

  it('resolves a constant from the notebook context with its line in the context', () => {
    const context = 'import torch\nfrom torchvision.ops import sigmoid_focal_loss as sfl\nGAMMA = 3.0\n';
    const [call] = findLossCalls('loss = sfl(x, y, gamma=GAMMA)\n', 'python', context);
    assert.equal(call?.gamma.value, 3);
    assert.deepEqual(call?.gamma.origin, { kind: 'resolved', line: 2, inContext: true });
    assert.equal(call?.start, 7);
    assert.equal(call?.nameEnd, 10);
  });

  it('does not report calls that are in the context', () => {
    const context = 'import torch.nn.functional as F\nF.cross_entropy(a, b)\n';
    assert.equal(findLossCalls('x = 1\n', 'python', context).length, 0);
  });

  it('keeps finding calls after half-typed code with an unclosed bracket', () => {
    const src = [
      'from torchvision.ops import sigmoid_focal_loss',
      'def broken(x):',
      '    return sigmoid_focal_loss(x, y, gamma=1.0,',
      '',
      'def fine(x, y):',
      '    return sigmoid_focal_loss(x, y, gamma=3.0)',
    ].join('\n');
    const calls = findLossCalls(src, 'python');
    assert.deepEqual(calls.map((c) => c.gamma.value), [1, 3]);
    assert.ok(calls[0]!.end <= src.indexOf('def fine'), 'the unclosed call ends before the next def');
  });

  it('survives an unterminated string', () => {
    const src = "from torchvision.ops import sigmoid_focal_loss\ns = 'oops\nl = sigmoid_focal_loss(x, y)\n";
    assert.equal(findLossCalls(src, 'python').length, 1);
  });

  it('gives the dict config name range on the type string', () => {
    const src = "cfg = dict(type='FocalLoss', gamma=2.0)\nmodel = dict(bbox_head=dict(loss_cls=cfg))\n";
    const [call] = findLossCalls(src, 'python');
    assert.equal(src.slice(call!.nameStart, call!.nameEnd), 'FocalLoss');
    assert.equal(src.slice(call!.start, call!.end), "dict(type='FocalLoss', gamma=2.0)");
  });

  it('lossCallAt finds the call at the name, inside the arguments, and not outside', () => {
    const src = 'import torch.nn.functional as F\nfrom torchvision.ops import sigmoid_focal_loss\nl = F.cross_entropy(a, b) + sigmoid_focal_loss(c, d, gamma=1)\n';
    assert.equal(lossCallAt(src, src.indexOf('cross_entropy') + 3, 'python')?.api, 'torch.nn.functional.cross_entropy');
    assert.equal(lossCallAt(src, src.indexOf('gamma=1') + 2, 'python')?.api, 'torchvision.ops.sigmoid_focal_loss');
    assert.equal(lossCallAt(src, src.indexOf('l ='), 'python'), undefined);
    assert.equal(lossCallAt(src, 0, 'python'), undefined);
  });

  it('lossCallAt prefers the innermost call', () => {
    const src = 'from torch import nn\nimport torch.nn.functional as F\nx = nn.BCEWithLogitsLoss(weight=F.cross_entropy(a, b))\n';
    assert.equal(lossCallAt(src, src.indexOf('(a, b)') + 1, 'python')?.api, 'torch.nn.functional.cross_entropy');
    assert.equal(lossCallAt(src, src.indexOf('weight'), 'python')?.api, 'torch.nn.BCEWithLogitsLoss');
  });

  it('LossCallIndex reuses its result for the same version and recomputes for a new one', () => {
    const index = new LossCallIndex();
    const src = 'import torch.nn.functional as F\nl = F.cross_entropy(a, b)\n';
    let reads = 0;
    const text = () => (reads++, src);
    const offset = src.indexOf('cross_entropy');
    assert.equal(index.callAt('file:///a.py', 1, text, offset, 'python')?.api, 'torch.nn.functional.cross_entropy');
    assert.equal(index.callAt('file:///a.py', 1, text, offset, 'python')?.api, 'torch.nn.functional.cross_entropy');
    assert.equal(reads, 1);
    assert.equal(index.callAt('file:///a.py', 2, 'x = 1\n', offset, 'python'), undefined);
    index.forget('file:///a.py');
    assert.equal(index.callAt('file:///a.py', 2, text, offset, 'python')?.api, 'torch.nn.functional.cross_entropy');
    assert.equal(reads, 2);
  });

  it('LossCallIndex finds the same call at every offset by the hovered line alone as with every call read', () => {
    // Nested calls, several calls on one line, a call over several lines and one inside another's name range.
    const src = [
      'import torch.nn.functional as F',
      'from torch import nn',
      'x = nn.BCEWithLogitsLoss(weight=F.cross_entropy(a, b)) + F.cross_entropy(c, d)',
      'y = F.binary_cross_entropy(',
      '    F.cross_entropy(e, f), g,',
      '    reduction="sum")',
      'z = [F.cross_entropy(h, i) for h, i in zip(F.nll_loss(j, k), l)]',
      '',
    ].join('\n');
    const lineByLine = new LossCallIndex();
    const everyCall = new LossCallIndex();
    everyCall.calls('file:///b.py', 1, src, 'python');
    let found = 0;
    for (let offset = -1; offset <= src.length + 1; offset++) {
      const near = lineByLine.callAt('file:///a.py', 1, src, offset, 'python');
      const all = everyCall.callAt('file:///b.py', 1, src, offset, 'python');
      assert.equal(near && `${near.api}@${near.start}`, all && `${all.api}@${all.start}`, `offset ${offset}`);
      if (near) found++;
    }
    assert.ok(found > src.length / 2, `${found} offsets on a call`);
  });

  it('mayBeLossCallWord accepts loss names and rejects ordinary words', () => {
    for (const word of ['sigmoid_focal_loss', 'sfl_loss', 'BinaryFocalCrossentropy', 'BCEWithLogitsLoss', 'cross_entropy', 'FOCAL_LOSS_GAMMA', 'fl_gamma', 'FocalLoss', 'dict']) {
      assert.ok(mayBeLossCallWord(word), word);
    }
    for (const word of ['print', 'x', 'range', 'self', 'sfl']) assert.ok(!mayBeLossCallWord(word), word);
    const text = 'from torchvision.ops import sigmoid_focal_loss as sfl\ndef my_fl(x, gamma=2):\n    pass\n';
    assert.ok(mayBeLossCallWord('sfl', text));
    assert.ok(mayBeLossCallWord('my_fl', text));
    assert.ok(!mayBeLossCallWord('pass', text));
  });

  it('YAML keys: ranges on the key with CRLF line endings, and lossCallAt', () => {
    const src = 'MODEL:\r\n  RETINANET:\r\n    FOCAL_LOSS_GAMMA: 3.0  # note\r\n';
    const [call] = findLossCalls(src, 'yaml');
    assert.equal(src.slice(call!.nameStart, call!.nameEnd), 'FOCAL_LOSS_GAMMA');
    assert.equal(src.slice(call!.start, call!.end), 'FOCAL_LOSS_GAMMA: 3.0');
    assert.equal(lossCallAt(src, src.indexOf('3.0'), 'yaml')?.gamma.value, 3);
    assert.equal(lossCallAt(src, 2, 'yaml'), undefined);
  });

  it('finds every call of a long generated file, in order', () => {
    const lines = ['from torchvision.ops import sigmoid_focal_loss as sfl', 'import torch.nn.functional as F'];
    for (let i = 0; i < 500; i++) lines.push(`x${i} = sfl(a, b, gamma=${i % 5}) if ok else F.cross_entropy(a, b)  # (`);
    const calls = findLossCalls(lines.join('\n'), 'python');
    assert.equal(calls.length, 1000);
    assert.deepEqual(calls.slice(0, 4).map((c) => c.gamma.value), [0, 0, 1, 0]);
    for (let i = 1; i < calls.length; i++) assert.ok(calls[i - 1]!.start < calls[i]!.start);
  });

  it('reads deep nesting and long lines, finding the call in each', () => {
    // How long each takes is machine-dependent: `npm run bench -- fuzz` prints it.
    for (const text of PATHOLOGICAL_PYTHON) {
      const calls = findLossCalls(text, 'python');
      assert.ok(calls.length >= 1, text.slice(0, 80));
    }
  });

  it('every call has offsets inside the text and a non-empty callee', () => {
    for (const c of POSITIVE) {
      for (const call of findLossCalls(c.src, c.language ?? 'python', c.context)) {
        assert.ok(call.callee.length > 0);
        assert.ok(call.nameStart >= call.start && call.nameEnd <= call.end && call.end <= c.src.length, c.name);
      }
    }
  });
});
