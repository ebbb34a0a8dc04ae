import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSelection } from '../../../src/language/selection';
import type { SelectionResult } from '../../../src/language/selection';

/*
 * parseSelection must never throw, never hang and never return nonsense, whatever is selected:
 * 100,000 inputs, random text and mutations of the accepted forms, each read in under 10 ms.
 */

const RUNS = 100_000;
const PER_INPUT_MS = 10;

const EXAMPLES = [
  '0.95',
  '-2.3e-1',
  'p=0.95, y=1',
  'logits=[0.2, 0.9], targets=[1, 0]',
  'preds = [0.98, 0.2]\nlabels = [1, 0]',
  '[0.98, 0.2], [1, 0]',
  '[[0.9, 0.1], [0.3, 0.7]]',
  'torch.tensor([[2.0, -1.0]], dtype=torch.float32).cuda()',
  "np.array([0.9, 0.1], dtype='float64')",
  'tf.constant([1.5, -2e-3])',
  'jnp.array([0.25, 0.75])',
  'tensor([0.9800, 0.2000], grad_fn=<SigmoidBackward0>)',
  'tf.Tensor([0.98 0.2 ], shape=(2,), dtype=float32)',
  'p,y\n0.9,1\n0.2,0\n',
  'score\tlabel\n0.9\t1\n0.2\t0',
  '0.9 1\n0.2 0',
  "[0.9, float('nan')]",
  'x=[1, -np.inf], y=1',
];

const INSERTS = ['[', ']', '(', ')', '{', '}', "'", '"', ',', ';', '=', ':', '\n', '\t', ' ', '-', '+', '.', 'e', '#', '\\', '...', 'nan', 'inf', 'torch.tensor(', 'np.array(', 'dtype=', 'y=', '1e400', '1e-400', '9'.repeat(400), '-0', '0x1F', '\u2026', '\u00a0', '\ud83d\ude00', '\ud800', '\u202e', '\u0000'];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ unit: 'binary', maxLength: 4 }), fc.double().map(String)) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }), times: fc.integer({ min: 2, max: 50 }) }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'truncate') out = out.slice(0, at);
    else if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else out = out.slice(0, at) + out.slice(at, at + m.length).repeat(m.times) + out.slice(at);
  }
  return out;
}

const TOKENS = ['[', ']', '(', ')', ',', ';', '=', '\n', ' ', 'p', 'y', 'logits', 'labels', 'x', 'torch.tensor', 'np.array', 'dtype', 'True', 'nan', '-', '.', "'inf'", 'float', '.cuda()'];

const inputs: fc.Arbitrary<string> = fc.oneof(
  // Mutated accepted forms.
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...EXAMPLES), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([text, ms]) => mutate(text, ms)) },
  // Token soup: near the grammar, so deep paths get exercised.
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.double().map(String), fc.integer().map(String)), { maxLength: 40 }).map((parts) => parts.join('')) },
  // Random unicode text.
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
);

/** The invariants of every result: refusals point into the text, accepted numbers are usable. */
function checkResult(text: string, result: SelectionResult): void {
  if (!result.ok) {
    assert.notEqual(result.code, 'internal', result.message);
    assert.ok(result.message.length > 0);
    if (result.offset !== undefined) {
      assert.ok(result.offset >= 0 && result.offset <= text.length, `offset ${result.offset}`);
      const token = result.token!;
      const shown = token.endsWith('...') ? token.slice(0, -3) : token;
      assert.ok(text.startsWith(shown, result.offset) || text.startsWith(token, result.offset), `token ${JSON.stringify(token)} at ${result.offset}`);
    }
    return;
  }
  assert.ok(result.predictions.length > 0);
  for (const p of result.predictions) {
    assert.ok(Number.isFinite(p));
    if (result.space === 'probability') assert.ok(p >= 0 && p <= 1);
  }
  if (result.targets !== null) {
    assert.equal(result.targets.length, result.predictions.length);
    for (const y of result.targets) assert.ok(y >= 0 && y <= 1);
  }
}

/** The fastest of a few reads of `text`, so a garbage collection does not count against the parser. */
function readTime(text: string): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 5 && best >= PER_INPUT_MS; attempt++) {
    const started = performance.now();
    parseSelection(text);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

describe('parseSelection: fuzz', function () {
  this.timeout(120_000);

  it(`never throws and reads each of ${RUNS.toLocaleString('en-US')} random and mutated inputs in under ${PER_INPUT_MS} ms`, () => {
    const started = performance.now();
    let slowest = 0;
    let accepted = 0;
    fc.assert(
      fc.property(inputs, (text) => {
        const t0 = performance.now();
        const result = parseSelection(text);
        let elapsed = performance.now() - t0;
        if (elapsed >= PER_INPUT_MS) elapsed = readTime(text);
        assert.ok(elapsed < PER_INPUT_MS, `${elapsed.toFixed(2)} ms for ${JSON.stringify(text.slice(0, 80))}`);
        slowest = Math.max(slowest, elapsed);
        if (result.ok) accepted++;
        checkResult(text, result);
      }),
      { numRuns: RUNS, seed: 1708_02002 },
    );
    const wall = (performance.now() - started) / 1000;
    console.log(`      fuzz: ${RUNS} inputs in ${wall.toFixed(1)} s, slowest ${slowest.toFixed(2)} ms, ${accepted} accepted`);
  });
});
