import * as assert from 'node:assert/strict';
import { MAX_SELECTION_LENGTH, parseSelection } from '../../../src/language/selection';
import type { SelectionRefusalCode } from '../../../src/language/selection';
import { describeResult, itReadsEach, type AcceptedForm } from './selectionExpect';
import { largeSelection, oversizedSelection } from './selectionFuzzInputs';

interface Accepted extends AcceptedForm {
  predictions: number[];
  space: 'probability' | 'logit';
  targets: number[] | null;
}

const ACCEPTED: Accepted[] = [
  // A single number.
  { text: '0.95', predictions: [0.95], space: 'probability', targets: null, notes: [/read as a probability/] },
  { text: '  2.3\n', predictions: [2.3], space: 'logit', targets: null, notes: [/2\.3 is outside \[0, 1\], so it is read as a logit/] },
  { text: '-4.595', predictions: [-4.595], space: 'logit', targets: null },
  { text: '1e-3', predictions: [0.001], space: 'probability', targets: null },
  { text: '-2.5E+3', predictions: [-2500], space: 'logit', targets: null },
  { text: '.5', predictions: [0.5], space: 'probability', targets: null },
  { text: '1.', predictions: [1], space: 'probability', targets: null },
  // Named values.
  { text: 'p=0.95, y=1', predictions: [0.95], space: 'probability', targets: [1], notes: [] },
  { text: 'p = 0.2; y = 0', predictions: [0.2], space: 'probability', targets: [0] },
  { text: 'x=0.5, y=1', predictions: [0.5], space: 'logit', targets: [1] },
  { text: 'logits=[0.2, 0.9], targets=[1, 0]', predictions: [0.2, 0.9], space: 'logit', targets: [1, 0] },
  { text: 'preds=[3, -1], labels=[1, 0]', predictions: [3, -1], space: 'logit', targets: [1, 0], notes: [/outside \[0, 1\] \(3\)/] },
  { text: 'probs=[0.7, 0.1]\ny=[1, 0]', predictions: [0.7, 0.1], space: 'probability', targets: [1, 0] },
  { text: 'preds = [0.98, 0.2]\nlabels = [1, 0]\n', predictions: [0.98, 0.2], space: 'probability', targets: [1, 0] },
  { text: 'labels = [1, 0]\npreds = [0.98, 0.2]', predictions: [0.98, 0.2], space: 'probability', targets: [1, 0] },
  { text: 'y_true = [1, 0], y_pred = [0.9, 0.4]', predictions: [0.9, 0.4], space: 'probability', targets: [1, 0] },
  { text: 'self.logits = [1.5]', predictions: [1.5], space: 'logit', targets: null },
  { text: 'p: 0.9, y: 1', predictions: [0.9], space: 'probability', targets: [1] },
  { text: 'logits=[2, -1], y=1', predictions: [2, -1], space: 'logit', targets: [1, 1], notes: [/single target y = 1 applies to all 2/] },
  { text: 'p=0.95, y=1, alpha=0.25, gamma=2', predictions: [0.95], space: 'probability', targets: [1], notes: [/gamma is not read/] },
  { text: 'scores = [0.3]\nmask = [1]', predictions: [0.3], space: 'probability', targets: [1], notes: [/"mask" is read as the targets/] },
  // Python lists.
  { text: '[0.98, 0.2]', predictions: [0.98, 0.2], space: 'probability', targets: null },
  { text: '[0.98, 0.2,]', predictions: [0.98, 0.2], space: 'probability', targets: null },
  { text: '[[0.9, 0.1], [0.3, 0.7]]', predictions: [0.9, 0.1, 0.3, 0.7], space: 'probability', targets: null },
  { text: '[0.98, 0.2], [1, 0]', predictions: [0.98, 0.2], space: 'probability', targets: [1, 0] },
  { text: '[0.98, 0.2]\n[1, 0]', predictions: [0.98, 0.2], space: 'probability', targets: [1, 0] },
  { text: '(0.9, 0.1)', predictions: [0.9, 0.1], space: 'probability', targets: null },
  { text: '[0.5, 0.25], [0.9, 0.1]', predictions: [0.5, 0.25], space: 'probability', targets: [0.9, 0.1] },
  { text: '[True, False]', predictions: [1, 0], space: 'probability', targets: null },
  { text: '[0.9], [True]', predictions: [0.9], space: 'probability', targets: [1] },
  { text: '[1e-3, -2e+2]', predictions: [0.001, -200], space: 'logit', targets: null },
  { text: '[0.9, 0.2]  # scores\n[1, 0]  # labels', predictions: [0.9, 0.2], space: 'probability', targets: [1, 0] },
  // Tensor and array literals.
  { text: 'torch.tensor([[2.0, -1.0]])', predictions: [2, -1], space: 'logit', targets: null },
  { text: 'torch.tensor([0.9, 0.1], dtype=torch.float32)', predictions: [0.9, 0.1], space: 'probability', targets: null },
  { text: 'torch.tensor([1.5, -0.5], requires_grad=True).cuda()', predictions: [1.5, -0.5], space: 'logit', targets: null },
  { text: 'torch.tensor(2.0)', predictions: [2], space: 'logit', targets: null },
  { text: 'np.array([0.9, 0.1])', predictions: [0.9, 0.1], space: 'probability', targets: null },
  { text: 'np.array([0.9, 0.1], dtype=np.float64)', predictions: [0.9, 0.1], space: 'probability', targets: null },
  { text: 'np.array([0.9, 0.1], np.float32)', predictions: [0.9, 0.1], space: 'probability', targets: null },
  { text: "tf.constant([[1.2], [-0.3]], dtype='float32')", predictions: [1.2, -0.3], space: 'logit', targets: null },
  { text: 'jnp.array([0.25, 0.75])', predictions: [0.25, 0.75], space: 'probability', targets: null },
  { text: 'logits = torch.tensor([0.2, 0.4])\ntargets = torch.tensor([1., 0.])', predictions: [0.2, 0.4], space: 'logit', targets: [1, 0] },
  { text: 'np.array([0.9, 0.2]), np.array([1, 0])', predictions: [0.9, 0.2], space: 'probability', targets: [1, 0] },
  // Printed forms.
  { text: 'tensor([0.9800, 0.2000], grad_fn=<SigmoidBackward0>)', predictions: [0.98, 0.2], space: 'probability', targets: null },
  { text: "tensor([[ 2.1000, -3.0000]], device='cuda:0')", predictions: [2.1, -3], space: 'logit', targets: null },
  { text: 'array([0.9, 0.1], dtype=float32)', predictions: [0.9, 0.1], space: 'probability', targets: null },
  { text: 'tf.Tensor([0.98 0.2 ], shape=(2,), dtype=float32)', predictions: [0.98, 0.2], space: 'probability', targets: null },
  { text: '[[0.9 0.1]\n [0.3 0.7]]', predictions: [0.9, 0.1, 0.3, 0.7], space: 'probability', targets: null },
  // CSV and whitespace columns.
  { text: '0.9,1\n0.2,0\n0.7,1', predictions: [0.9, 0.2, 0.7], space: 'probability', targets: [1, 0, 1], notes: [/Two columns/] },
  { text: 'p,y\n0.9,1\n0.2,0\n', predictions: [0.9, 0.2], space: 'probability', targets: [1, 0] },
  { text: 'label,logit\r\n1,2.5\r\n0,-1.5\r\n', predictions: [2.5, -1.5], space: 'logit', targets: [1, 0] },
  { text: 'score\tlabel\n0.9\t1\n0.2\t0', predictions: [0.9, 0.2], space: 'probability', targets: [1, 0] },
  { text: '0.9 1\n0.2 0', predictions: [0.9, 0.2], space: 'probability', targets: [1, 0] },
  { text: '0.9  1\n\n0.2  0\n', predictions: [0.9, 0.2], space: 'probability', targets: [1, 0] },
  { text: 'a,b\n0.9,1\n0.2,0', predictions: [0.9, 0.2], space: 'probability', targets: [1, 0], notes: [/"a" is read as the predictions/, /"b" is read as the targets/] },
  { text: 'id,prob,label\n7,0.9,1\n8,0.2,0', predictions: [0.9, 0.2], space: 'probability', targets: [1, 0], notes: [/Ignored column "id"/] },
  { text: '0.9\n0.2\n0.7', predictions: [0.9, 0.2, 0.7], space: 'probability', targets: null },
  { text: 'logits\n0.9\n0.2', predictions: [0.9, 0.2], space: 'logit', targets: null },
  { text: '0.9, 0.2, 0.1', predictions: [0.9, 0.2, 0.1], space: 'probability', targets: null },
  { text: '-1.5e-2 3e1', predictions: [-0.015, 30], space: 'logit', targets: null },
];

interface Refused {
  text: string;
  code: SelectionRefusalCode;
  offset?: number;
  token?: string;
  message?: RegExp;
}

const REFUSED: Refused[] = [
  { text: '', code: 'empty' },
  { text: '  \n\t ', code: 'empty' },
  { text: '# just a comment', code: 'empty' },
  { text: '[]', code: 'empty', offset: 0, token: '[]' },
  { text: 'abc', code: 'unparsable', offset: 0, token: 'abc', message: /"abc": it is a name/ },
  { text: '0.9, foo', code: 'unparsable', offset: 5, token: 'foo' },
  { text: '[0.9, foo]', code: 'unparsable', offset: 6, token: 'foo', message: /not a number/ },
  { text: '0.5x', code: 'unparsable', offset: 0, token: '0.5x' },
  { text: '[0.1, 0.2.3]', code: 'unparsable', offset: 6, token: '0.2.3' },
  { text: '[0.1, 1-2]', code: 'unparsable', offset: 6, token: '1-2' },
  { text: '[0.9, 0.2', code: 'unparsable', offset: 0, token: '[', message: /never closed/ },
  { text: '[0.9, 0.2)', code: 'unparsable', offset: 9, token: ')' },
  { text: 'model(x)', code: 'unparsable', offset: 0, token: 'model', message: /not a list or an array literal/ },
  { text: 'p = sigmoid(logits)', code: 'unparsable', offset: 4, token: 'sigmoid' },
  { text: '[0.1, ..., 0.9]', code: 'unparsable', offset: 6, token: '...', message: /abbreviated/ },
  { text: "['0.9']", code: 'unparsable', offset: 1, token: "'0.9'", message: /string/ },
  { text: '{0.9}', code: 'unparsable', offset: 0, token: '{' },
  { text: '0.9 €', code: 'unparsable', offset: 4, token: '€' },
  { text: 'p=0.9, 1', code: 'unparsable', offset: 7, token: '1', message: /name it too/ },
  { text: 'torch.tensor()', code: 'unparsable', offset: 0, token: 'torch.tensor', message: /no data/ },
  { text: 'nan', code: 'nan', offset: 0, token: 'nan' },
  { text: '[0.9, NaN]', code: 'nan', offset: 6, token: 'NaN' },
  { text: '[0.9, np.nan]', code: 'nan', offset: 6, token: 'np.nan' },
  { text: "[0.9, float('nan')]", code: 'nan', offset: 12, token: "'nan'" },
  { text: 'p=0.9, y=math.nan', code: 'nan', offset: 9, token: 'math.nan' },
  { text: 'inf', code: 'infinite', offset: 0, token: 'inf' },
  { text: '[1, -np.inf]', code: 'infinite', offset: 5, token: 'np.inf' },
  { text: "float('-inf')", code: 'infinite', offset: 6, token: "'-inf'" },
  { text: 'logits=[1e400]', code: 'infinite', offset: 8, token: '1e400', message: /too large/ },
  { text: '[0.9, 0.2], [1]', code: 'length-mismatch', offset: 12, token: '[1]', message: /2 predictions but 1 target/ },
  { text: 'preds=[0.9, 0.2, 0.4]\nlabels=[1, 0]', code: 'length-mismatch', offset: 29, token: '[1, 0]' },
  { text: '[0.9, 0.2], [1, 2]', code: 'target-range', offset: 16, token: '2' },
  { text: 'p=0.9, y=-1', code: 'target-range', offset: 9, token: '-1', message: /\{-1, \+1\}/ },
  { text: '0.9,1\n0.2,1.5', code: 'target-range', offset: 10, token: '1.5' },
  { text: 'p=2', code: 'probability-range', offset: 2, token: '2', message: /logits=/ },
  { text: 'probs=[0.5, -0.1]', code: 'probability-range', offset: 12, token: '-0.1' },
  { text: 'y=1', code: 'no-predictions', offset: 0, token: 'y' },
  { text: 'label\n1\n0', code: 'no-predictions', offset: 0, token: 'label' },
  { text: '[0.9], [1], [0]', code: 'too-many-values', offset: 12, token: '[0]' },
  { text: 'p=0.9, logits=[1]', code: 'too-many-values', offset: 7, token: 'logits' },
  { text: 'y=1, labels=[1]', code: 'too-many-values', offset: 5, token: 'labels' },
  { text: '0.9,1,7\n0.2,0,8', code: 'too-many-values', offset: 6, token: '7' },
  { text: '0.9,1\n0.2', code: 'ragged', offset: 6, token: '0.2', message: /Line 2 has 1 values/ },
  { text: 'p,y\n0.9,1,3\n0.2,0,4', code: 'ragged', offset: 0, token: 'p' },
  { text: '['.repeat(100) + ']'.repeat(100), code: 'too-deep' },
];

describe('parseSelection: accepted forms', () => {
  itReadsEach(ACCEPTED, 'binary', ['predictions', 'space', 'targets']);

  it('names logits= explicitly even when all values lie in [0, 1]', () => {
    const result = parseSelection('logits=[0.1, 0.2, 0.3]');
    assert.ok(result.ok && result.kind === 'binary');
    assert.equal(result.space, 'logit');
    assert.deepEqual(result.notes, []);
  });

  it('reads a selection of 50,000 predictions and labels', () => {
    // Its time is machine-dependent: `npm run bench -- fuzz` prints it.
    const n = 50_000;
    const result = parseSelection(largeSelection(n));
    assert.ok(result.ok && result.kind === 'binary', describeResult(result));
    assert.equal(result.predictions.length, n);
    assert.equal(result.targets?.length, n);
  });
});

describe('parseSelection: refusals', () => {
  for (const c of REFUSED) {
    it(`${c.code}: ${JSON.stringify(c.text.length > 40 ? `${c.text.slice(0, 40)}...` : c.text)}`, () => {
      const result = parseSelection(c.text);
      assert.ok(!result.ok, describeResult(result));
      assert.equal(result.code, c.code, describeResult(result));
      assert.ok(result.message.length > 0);
      if (c.offset !== undefined) assert.equal(result.offset, c.offset, describeResult(result));
      if (c.token !== undefined) {
        assert.equal(result.token, c.token, describeResult(result));
        assert.equal(c.text.slice(result.offset, result.offset! + c.token.length), c.token, 'the token is at its offset');
      }
      if (c.message) assert.match(result.message, c.message);
    });
  }

  it('too-large: refuses over 1 MB', () => {
    const result = parseSelection(oversizedSelection());
    assert.ok(!result.ok);
    assert.equal(result.code, 'too-large');
  });

  it('accepts exactly MAX_SELECTION_LENGTH characters', () => {
    const body = '0.5, '.repeat(Math.floor((MAX_SELECTION_LENGTH - 2) / 5));
    const text = `[${body}]`.padEnd(MAX_SELECTION_LENGTH, ' ');
    assert.equal(text.length, MAX_SELECTION_LENGTH);
    assert.ok(parseSelection(text).ok);
  });

  it('quotes at most 40 characters of a long bad token', () => {
    const result = parseSelection(`0.9, ${'x'.repeat(5000)}`);
    assert.ok(!result.ok);
    assert.equal(result.code, 'unparsable');
    assert.equal(result.token, `${'x'.repeat(40)}...`);
    assert.ok(result.message.length < 200);
  });

  it('never throws on input that is not a string', () => {
    const result = parseSelection(undefined as unknown as string);
    assert.ok(!result.ok);
  });
});
