import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { findLossCalls, lossCallAt, type LossCall } from '../../../src/language';
import { NEGATIVE, POSITIVE } from './recognitionSnippets';

/*
 * 100,000 random and mutated inputs: recognition never throws, returns calls whose ranges lie in
 * the text, and handles each input in under 10 ms. An input over 2 ms is timed again (best of 4)
 * before it counts, so a GC pause or a busy machine does not fail the test; the worst time is printed.
 */

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

const input = fc.record({
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

function recognize(text: string, language: 'python' | 'yaml', context: string | undefined, offset: number): LossCall[] {
  const calls = findLossCalls(text, language, context ?? undefined);
  lossCallAt(text, text.length === 0 ? 0 : offset % (text.length + 1), language, context ?? undefined);
  return calls;
}

function timed(work: () => void): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

describe('language: recognition fuzz', function () {
  this.timeout(240_000);

  it('never throws, keeps ranges inside the text, and takes under 10 ms per input on 100,000 inputs', () => {
    let worst = 0;
    let retimed = 0;
    const wall = timed(() =>
      fc.assert(
        fc.property(input, ({ text, language, context, offset }) => {
          let calls: LossCall[] = [];
          let ms = timed(() => (calls = recognize(text, language, context ?? undefined, offset)));
          if (ms >= 2) {
            retimed++;
            ms = Math.min(ms, ...[0, 1, 2].map(() => timed(() => recognize(text, language, context ?? undefined, offset))));
          }
          worst = Math.max(worst, ms);
          assert.ok(ms < 10, `${ms.toFixed(1)} ms for ${JSON.stringify(text.slice(0, 200))}`);
          for (const call of calls) {
            assert.ok(call.start >= 0 && call.start <= call.nameStart && call.nameStart <= call.nameEnd && call.nameEnd <= call.end && call.end <= text.length, `range of ${call.api}`);
            assert.ok(call.alpha.value === undefined || call.alpha.value === null || Number.isFinite(call.alpha.value) || Math.abs(call.alpha.value) === Infinity);
          }
        }),
        { numRuns: 100_000, seed: 20171, endOnFailure: true },
      ),
    );
    console.log(`      fuzz: 100,000 inputs in ${(wall / 1000).toFixed(1)} s; worst ${worst.toFixed(2)} ms per input; ${retimed} re-timed`);
  });
});
