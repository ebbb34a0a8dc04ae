import * as assert from 'node:assert/strict';
import { MAX_SELECTION_LENGTH, parseSelection } from '../../../src/language/selection';
import type { SelectionRefusalCode } from '../../../src/language/selection';
import { describeResult, itReadsEach, type AcceptedForm } from './selectionExpect';
import { largeClassSelection } from './selectionFuzzInputs';

// Multi-class selections: rows of class values with one class index per row (selectionClasses.ts),
// and the 2-D selections that must stay binary, one target per value, as before.

const EXAMPLE = [2.0, 0.5, -1.0, 0.1, 0.2, 3.0];

interface ClassCase extends AcceptedForm {
  rows: number;
  classes: number;
  logits: number[];
  space: 'probability' | 'logit';
  targets: number[];
}

const ACCEPTED: ClassCase[] = [
  { text: 'logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], targets=[0, 2]', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2], notes: [] },
  { text: 'logits=[[1.5, -0.5], [0.2, 0.3]], y=[1, 0]', rows: 2, classes: 2, logits: [1.5, -0.5, 0.2, 0.3], space: 'logit', targets: [1, 0] },
  // Unnamed values: outside [0, 1], so logits.
  {
    text: 'torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]]), torch.tensor([0, 2])',
    rows: 2,
    classes: 3,
    logits: EXAMPLE,
    space: 'logit',
    targets: [0, 2],
    notes: [/outside \[0, 1\] \(2\.0\), so the rows are read as logits/],
  },
  { text: '[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]]\n[0, 2]', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2] },
  // Tensor and array literals with keywords, positional dtypes and layout-keeping methods.
  {
    text: 'logits = torch.tensor([[2.0, 0.5, -1.0],\n        [0.1, 0.2, 3.0]], dtype=torch.float64, requires_grad=True)\nlabels = torch.tensor([0, 2], dtype=torch.long)',
    rows: 2,
    classes: 3,
    logits: EXAMPLE,
    space: 'logit',
    targets: [0, 2],
  },
  { text: 'np.array([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], dtype=np.float32), np.array([0, 2])', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2] },
  { text: 'x = np.array([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], np.float32)\ny = [0, 2]', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2] },
  {
    text: 'torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]]).cuda().float(), torch.tensor([0, 2]).to(device)',
    rows: 2,
    classes: 3,
    logits: EXAMPLE,
    space: 'logit',
    targets: [0, 2],
  },
  { text: 'logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], targets=torch.tensor([0., 2.])', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2] },
  // Printed forms.
  {
    text: "tensor([[ 2.0000,  0.5000, -1.0000],\n        [ 0.1000,  0.2000,  3.0000]], device='cuda:0', grad_fn=<AddmmBackward0>)\ntensor([0, 2], device='cuda:0')",
    rows: 2,
    classes: 3,
    logits: EXAMPLE,
    space: 'logit',
    targets: [0, 2],
  },
  { text: 'logits = array([[ 2. ,  0.5, -1. ],\n       [ 0.1,  0.2,  3. ]])\nlabels = array([0, 2])', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2] },
  { text: 'logits = [[ 2.   0.5 -1. ]\n [ 0.1  0.2  3. ]]\ny = [0 2]', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2] },
  // Whitespace, newlines, trailing commas, tuples, comments.
  { text: 'logits = [\n  [2.0, 0.5, -1.0],\n  [0.1, 0.2, 3.0],\n]\ntargets = [0, 2]\n', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2] },
  { text: 'logits=[[2.0, 0.5, -1.0,], [0.1, 0.2, 3.0,],], targets=[0, 2,]', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2] },
  { text: '  logits=((2.0, 0.5, -1.0), (0.1, 0.2, 3.0)) ;\ttargets=(0, 2)  ', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2] },
  { text: 'logits = [[2.0, 0.5, -1.0],  # cat\n          [0.1, 0.2, 3.0]]  # bird\ntargets = [0, 2]', rows: 2, classes: 3, logits: EXAMPLE, space: 'logit', targets: [0, 2] },
  // Names: an unknown one fills the targets.
  {
    text: 'scores = [[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]]\nclasses = [0, 2]',
    rows: 2,
    classes: 3,
    logits: EXAMPLE,
    space: 'logit',
    targets: [0, 2],
    notes: [/"classes" is read as the targets/],
  },
  // Probabilities: named, or in [0, 1] with every row summing to 1. Their logs are the logits.
  {
    text: 'probs=[[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], labels=[0, 2]',
    rows: 2,
    classes: 3,
    logits: [0.7, 0.2, 0.1, 0.1, 0.1, 0.8].map(Math.log),
    space: 'probability',
    targets: [0, 2],
    notes: [/read as softmax probabilities/],
  },
  {
    text: '[[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]], [0, 2]',
    rows: 2,
    classes: 3,
    logits: [0.7, 0.2, 0.1, 0.1, 0.1, 0.8].map(Math.log),
    space: 'probability',
    targets: [0, 2],
    notes: [/sums to 1, so the rows are read as softmax probabilities/],
  },
  { text: 'p = [[1, 0], [0.25, 0.75]]\ny = [0, 1]', rows: 2, classes: 2, logits: [0, -Infinity, Math.log(0.25), Math.log(0.75)], space: 'probability', targets: [0, 1] },
  // Named logits stay logits even when their rows sum to 1.
  { text: 'logits=[[0.7, 0.2, 0.1]], y=[2]', rows: 1, classes: 3, logits: [0.7, 0.2, 0.1], space: 'logit', targets: [2], notes: [] },
  // One row and one whole-number y: its class.
  { text: 'logits=[[2.0, 0.5, -1.0]], y=1', rows: 1, classes: 3, logits: [2, 0.5, -1], space: 'logit', targets: [1], notes: [/y = 1 is read as the class of the one row of 3 values; write y=\[1, 1, 1\]/] },
];

interface BinaryCase {
  text: string;
  predictions: number[];
  targets: number[] | null;
  notes?: RegExp[];
}

const STILL_BINARY: BinaryCase[] = [
  // Targets shaped like the logits, or as many: multi-label binary.
  { text: 'logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], targets=[[1, 0, 0], [0, 0, 1]]', predictions: EXAMPLE, targets: [1, 0, 0, 0, 0, 1] },
  { text: 'logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], targets=[1, 0, 0, 0, 0, 1]', predictions: EXAMPLE, targets: [1, 0, 0, 0, 0, 1] },
  { text: '[[0.9, 0.1], [0.3, 0.7]], [[1, 0], [0, 1]]', predictions: [0.9, 0.1, 0.3, 0.7], targets: [1, 0, 0, 1] },
  // One y for every value.
  { text: 'logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], y=1', predictions: EXAMPLE, targets: [1, 1, 1, 1, 1, 1], notes: [/applies to all 6/] },
  { text: 'logits=[[2.0, 0.5, -1.0]], y=0.5', predictions: [2, 0.5, -1], targets: [0.5, 0.5, 0.5] },
  // No targets: binary, asked for y, with a hint.
  { text: 'torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])', predictions: EXAMPLE, targets: null, notes: [/add targets=\[\.\.\.\] with one class index per row/] },
  // Not rows of C >= 2: ragged with a target per value, one column, three dimensions.
  { text: '[[0.9], [0.1, 0.2]], [1, 0, 1]', predictions: [0.9, 0.1, 0.2], targets: [1, 0, 1] },
  { text: 'logits=[[2.0], [0.5]], y=[1, 0]', predictions: [2, 0.5], targets: [1, 0] },
  { text: 'logits=[[[2.0, 0.5], [0.1, 0.2]]], targets=[1, 0, 0, 1]', predictions: [2, 0.5, 0.1, 0.2], targets: [1, 0, 0, 1] },
];

interface Refused {
  text: string;
  code: SelectionRefusalCode;
  offset?: number;
  token?: string;
  message?: RegExp;
}

const ROWS = 'logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], targets=';

const REFUSED: Refused[] = [
  { text: 'logits=[[2.0, 0.5], [0.1, 0.2, 3.0]], targets=[0, 2]', code: 'ragged', offset: 20, token: '[0.1, 0.2, 3.0]', message: /Row 2 of the predictions has 3 values but row 1 has 2/ },
  { text: 'logits=[[2.0, 0.5, -1.0], 4.0], targets=[0, 2]', code: 'ragged', offset: 26, token: '4.0', message: /Row 2 of the predictions is a number \(4\.0\)/ },
  { text: `${ROWS}[0, 3]`, code: 'class-index', offset: ROWS.length + 4, token: '3', message: /Class index 3 is out of range: .* from 0 to 2 for 3 classes/ },
  { text: `${ROWS}[-1, 2]`, code: 'class-index', offset: ROWS.length + 1, token: '-1' },
  { text: `${ROWS}[0, 1.5]`, code: 'class-index', offset: ROWS.length + 4, token: '1.5', message: /must be a whole number \(got 1\.5\)/ },
  { text: `${ROWS}[0, -100]`, code: 'class-index', token: '-100', message: /ignore_index/ },
  { text: `${ROWS}[0, 2, 1]`, code: 'length-mismatch', offset: ROWS.length, token: '[0, 2, 1]', message: /2 rows of 3 values but 3 targets: give one class index per row \(2\) or one 0\/1 target per value \(6\)/ },
  { text: `${ROWS}[0]`, code: 'length-mismatch', message: /but 1 target:/ },
  { text: 'logits=torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]]).T, targets=[0, 2]', code: 'length-mismatch', token: '[0, 2]', message: /\.T or \.reshape\(\)\) may change its layout, so its rows are not known/ },
  { text: 'probs=[[0.7, 0.2, 0.1], [0.1, 0.1, 0.7]], y=[0, 2]', code: 'row-sum', offset: 25, token: '0.1, 0.1, 0.7', message: /row 2 sums to 0\.9, not 1 \(within 1e-6\)/ },
  { text: 'probs=[[0.3333, 0.3333, 0.3333]], y=[0]', code: 'row-sum', message: /Rounded printouts/ },
  { text: '[[0.5, 0.2, 0.1], [0.1, 0.1, 0.8]], [0, 2]', code: 'row-sum', offset: 2, message: /neither clearly probabilities nor clearly logits: name them logits=/ },
  { text: 'probs=[[1.5, -0.5], [0.2, 0.8]], y=[0, 1]', code: 'probability-range', offset: 8, token: '1.5' },
  // One sample written flat: a binary selection, so a class index is out of its range, with a hint.
  { text: 'logits=[2.0, 0.5, -1.0], y=2', code: 'target-range', token: '2', message: /write class logits as rows, \[\[\.\.\.\], \[\.\.\.\]\], with one class index per row/ },
];

describe('parseSelection: rows of class values with class-index targets', () => {
  itReadsEach(ACCEPTED, 'classes', ['rows', 'classes', 'logits', 'space', 'targets']);

  it('reads 10,000 rows of 5 class logits and their classes (50,000 values)', () => {
    // Its time is machine-dependent: `npm run bench -- fuzz` prints it.
    const text = largeClassSelection(10_000, 5);
    assert.ok(text.length < MAX_SELECTION_LENGTH);
    const result = parseSelection(text);
    assert.ok(result.ok && result.kind === 'classes', describeResult(result).slice(0, 300));
    assert.equal(result.rows, 10_000);
    assert.equal(result.classes, 5);
    assert.equal(result.logits.length, 50_000);
    assert.equal(result.targets.length, 10_000);
  });

  it('refuses rows of class values over 1 MB before reading them', () => {
    const text = largeClassSelection(30_000, 5);
    assert.ok(text.length > MAX_SELECTION_LENGTH);
    const result = parseSelection(text);
    assert.ok(!result.ok);
    assert.equal(result.code, 'too-large');
  });
});

describe('parseSelection: 2-D selections that stay binary', () => {
  for (const c of STILL_BINARY) {
    it(JSON.stringify(c.text), () => {
      const result = parseSelection(c.text);
      assert.ok(result.ok && result.kind === 'binary', describeResult(result));
      assert.deepEqual(result.predictions, c.predictions);
      assert.deepEqual(result.targets, c.targets);
      for (const pattern of c.notes ?? []) {
        assert.ok(result.notes.some((note) => pattern.test(note)), `a note matching ${pattern} in ${JSON.stringify(result.notes)}`);
      }
    });
  }
});

describe('parseSelection: refusals of rows of class values', () => {
  for (const c of REFUSED) {
    it(`${c.code}: ${JSON.stringify(c.text)}`, () => {
      const result = parseSelection(c.text);
      assert.ok(!result.ok, describeResult(result));
      assert.equal(result.code, c.code, describeResult(result));
      if (c.offset !== undefined) assert.equal(result.offset, c.offset, describeResult(result));
      if (c.token !== undefined) {
        assert.equal(result.token, c.token, describeResult(result));
        assert.equal(c.text.slice(result.offset, result.offset! + c.token.length), c.token, 'the token is at its offset');
      }
      if (c.message) assert.match(result.message, c.message);
    });
  }
});
