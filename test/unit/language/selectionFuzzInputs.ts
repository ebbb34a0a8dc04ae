import fc from 'fast-check';
import { MAX_SELECTION_LENGTH } from '../../../src/language/selection';

/*
 * The inputs of the selection fuzz: random text and mutations of the forms parseSelection accepts.
 * Shared by the fuzz test (which checks what comes back) and `npm run bench -- fuzz` (which times
 * each read and prints the worst), so both see the same 100,000 inputs.
 */

export const SELECTION_FUZZ_RUNS = 100_000;
export const SELECTION_FUZZ_SEED = 1708_02002;

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
  // Rows of class logits (or probabilities) with class-index targets.
  'logits=[[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]], targets=[0, 2]',
  'logits = torch.tensor([[2.0, 0.5, -1.0],\n        [0.1, 0.2, 3.0]], dtype=torch.float64)\nlabels = torch.tensor([0, 2])',
  'probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])\ny = np.array([0, 2])',
  '[[0.9, 0.1], [0.3, 0.7]], [0, 1]',
  'x=[[1.5, -0.5]], y=1',
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

export const selectionFuzzInputs: fc.Arbitrary<string> = fc.oneof(
  // Mutated accepted forms.
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...EXAMPLES), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([text, ms]) => mutate(text, ms)) },
  // Token soup: near the grammar, so deep paths get exercised.
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.double().map(String), fc.integer().map(String)), { maxLength: 40 }).map((parts) => parts.join('')) },
  // Random unicode text.
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 120 }) },
);

/** `preds = [...]` and `labels = [...]` lines of n values each: the largest selections people make. */
export function largeSelection(n: number): string {
  const values = Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000);
  return `preds = [${values.join(', ')}]\nlabels = [${values.map((v) => (v > 0.5 ? 1 : 0)).join(', ')}]`;
}

/** `logits = [[...], ...]` of rows x classes values and `targets = [...]` of one class index per row. */
export function largeClassSelection(rows: number, classes: number): string {
  const row = (i: number) => `[${Array.from({ length: classes }, (_, c) => (((i * 7919 + c * 104729) % 2000) - 1000) / 250).join(', ')}]`;
  return `logits = [${Array.from({ length: rows }, (_, i) => row(i)).join(',\n')}]\ntargets = [${Array.from({ length: rows }, (_, i) => (i * 31) % classes).join(', ')}]`;
}

/** A list just over MAX_SELECTION_LENGTH characters, which is refused before it is read. */
export function oversizedSelection(): string {
  return `[${'0.5, '.repeat(Math.ceil(MAX_SELECTION_LENGTH / 5))}]`;
}
