import fc from 'fast-check';
import { findLossCalls, lossCallAt, type LossCall } from '../../../src/language/recognition';
import { NEGATIVE, POSITIVE } from './recognitionSnippets';

/*
 * The inputs of the recognition fuzz: mutations of the recogniser's own positive and negative
 * snippets, Python-like token soup and random text. Shared by the fuzz test (which checks what comes
 * back) and `npm run bench -- fuzz` (which times each input and prints the worst).
 */

export const RECOGNITION_FUZZ_RUNS = 100_000;
export const RECOGNITION_FUZZ_SEED = 20171;

const SEEDS = [...POSITIVE.map((c) => c.src), ...NEGATIVE.map((c) => c.src)];
const YAML_SEEDS = POSITIVE.filter((c) => c.language === 'yaml').map((c) => c.src);
const PIECES = [
  '(', ')', '[', ']', '{', '}', '"', "'", '"""', "'''", '#', '\\', '\\\n', '\n', '\r\n', '\r', '\t', '    ', 'f"{', "f'{x", '}', ':', '=', ',', '*', '**', '.',
  'def ', 'class ', 'import ', 'from ', 'return ', '@', 'lambda ', 'self.', 'gamma=', 'alpha=', 'None', 'True', '-1', '1e-3', '0x', '_',
  'sigmoid_focal_loss(', 'F.cross_entropy(', "dict(type='FocalLoss'", "{'type': 'FocalLoss'", 'FOCAL_LOSS_GAMMA: ', 'fl_gamma:', '\u2028', '\uFEFF', '\u00a0', 'é', '𝛾', '\ud800',
];

type Mutation = { at: number; remove: number; insert: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 8 }), fc.nat()),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 6 }), fc.constant('')),
});

function mutate(seed: string, mutations: readonly Mutation[]): string {
  let text = seed;
  for (const { at, remove, insert } of mutations) {
    const position = text.length === 0 ? 0 : at % (text.length + 1);
    text = text.slice(0, position) + insert + text.slice(position + (remove % (text.length - position + 1)));
  }
  return text;
}

const pythonish = fc.array(fc.constantFrom(...PIECES, 'x', 'y', ' ', 'loss', '2.0', 'torch', 'nn', 'F'), { maxLength: 60 }).map((parts) => parts.join(''));

export const recognitionFuzzInputs = fc.record({
  text: fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([seed, ms]) => mutate(seed, ms)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...SEEDS), fc.nat()).map(([seed, at]) => seed.slice(0, at % (seed.length + 1))) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...YAML_SEEDS), fc.array(mutation, { maxLength: 4 })).map(([seed, ms]) => mutate(seed, ms)) },
    { weight: 2, arbitrary: pythonish },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  ),
  language: fc.constantFrom<'python' | 'yaml'>('python', 'python', 'python', 'yaml'),
  context: fc.option(fc.tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { maxLength: 2 })).map(([seed, ms]) => mutate(seed, ms)), { freq: 4 }),
  offset: fc.nat(),
});

/** What the hover does with one input: every call in the text, and the call at one offset. */
export function recognize(text: string, language: 'python' | 'yaml', context: string | undefined, offset: number): LossCall[] {
  const calls = findLossCalls(text, language, context ?? undefined);
  lossCallAt(text, text.length === 0 ? 0 : offset % (text.length + 1), language, context ?? undefined);
  return calls;
}

/** Deep nesting, long lines and many calls: inputs that would expose a quadratic or recursive path. */
const head = 'from torchvision.ops import sigmoid_focal_loss\n';
export const PATHOLOGICAL_PYTHON: readonly string[] = [
  `${head}l = sigmoid_focal_loss(x, y, gamma=${'('.repeat(20_000)}2${')'.repeat(20_000)})\n`,
  `${head}l = sigmoid_focal_loss(x, y, gamma=${'-'.repeat(20_000)}2)\n`,
  `${head}l = sigmoid_focal_loss(x, y, gamma=${'['.repeat(20_000)}\n`,
  `${head}${'g = 1\n'.repeat(5_000)}${'l = sigmoid_focal_loss(x, y, gamma=g)\n'.repeat(2_000)}`,
  `${head}l = sigmoid_focal_loss(${'a, '.repeat(50_000)})\n`,
  `${head}s = f"${'{'.repeat(5_000)}"\n` + `l = sigmoid_focal_loss(x, y)\n`,
];
