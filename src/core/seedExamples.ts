import { lossFromProb } from './losses';
import type { LossKind } from './params';

/*
 * The worked examples of the Korean walk-through this product was created from (shared/seed).
 * Each keeps the value the seed prints and the logarithm base it appears to use; the true value is
 * always computed by the core, never copied, and `agreesWithSeed` says whether the printed figure
 * is the true value rounded or truncated to the digits printed.
 */

export interface SeedExample {
  readonly id: string;
  /** What the seed computes, in English. */
  readonly title: string;
  readonly kind: LossKind;
  readonly p: number;
  readonly y: 0 | 1;
  readonly alpha: number | null;
  readonly gamma: number;
  /** The figure as the seed prints it. */
  readonly printed: string;
  /** The base the seed appears to use for this example (the printed figures mix ln and log10). */
  readonly seedBase: number;
  /** Why the printed figure differs, where it does. */
  readonly note?: string;
}

export const SEED_EXAMPLES: readonly SeedExample[] = [
  { id: 'ce-foreground', title: 'CE of a foreground predicted at 0.95', kind: 'ce', p: 0.95, y: 1, alpha: null, gamma: 0, printed: '0.05', seedBase: Math.E },
  { id: 'ce-background', title: 'CE of a background predicted at 0.05', kind: 'ce', p: 0.05, y: 0, alpha: null, gamma: 0, printed: '0.05', seedBase: Math.E },
  { id: 'balanced-positive-0.5', title: 'Balanced CE (alpha 0.75) of a positive at 0.5', kind: 'balanced', p: 0.5, y: 1, alpha: 0.75, gamma: 0, printed: '0.22', seedBase: 10 },
  { id: 'balanced-negative-0.5', title: 'Balanced CE (alpha 0.75) of a negative at 0.5', kind: 'balanced', p: 0.5, y: 0, alpha: 0.75, gamma: 0, printed: '0.07', seedBase: 10 },
  {
    id: 'balanced-positive-0.98', title: 'Balanced CE (alpha 0.75) of a positive at 0.98', kind: 'balanced', p: 0.98, y: 1, alpha: 0.75, gamma: 0, printed: '0.038', seedBase: 10,
    note: 'matches no logarithm base: log10 gives 0.00658, ln gives 0.0152',
  },
  { id: 'balanced-negative-0.2', title: 'Balanced CE (alpha 0.75) of a negative at 0.2', kind: 'balanced', p: 0.2, y: 0, alpha: 0.75, gamma: 0, printed: '0.024', seedBase: 10 },
  {
    id: 'focal-positive-0.98', title: 'FL (gamma 2) of a positive at 0.98', kind: 'focal', p: 0.98, y: 1, alpha: null, gamma: 2, printed: '3.50956972e-7', seedBase: 10,
    note: 'the exponent is off by one: log10 gives 3.50956972e-6',
  },
  { id: 'focal-negative-0.2', title: 'FL (gamma 2) of a negative at 0.2', kind: 'focal', p: 0.2, y: 0, alpha: null, gamma: 2, printed: '0.003', seedBase: 10 },
];

export interface SeedExampleValue {
  readonly example: SeedExample;
  /** The true value in the requested base. */
  readonly value: number;
  /** The true value in the base the seed appears to use. */
  readonly valueInSeedBase: number;
  /** Whether the printed figure is the true value (seed's base) rounded or truncated to the digits printed. */
  readonly agreesWithSeed: boolean;
}

/** The seed's examples with their true values in `base` (default e) and in the seed's own base. */
export function seedExampleValues(base: number = Math.E): SeedExampleValue[] {
  return SEED_EXAMPLES.map((example) => {
    const compute = (b: number) =>
      lossFromProb(example.kind, example.p, example.y, { alpha: example.alpha, gamma: example.gamma, base: b });
    const valueInSeedBase = compute(example.seedBase);
    return {
      example,
      value: compute(base),
      valueInSeedBase,
      agreesWithSeed: agreesWithPrinted(valueInSeedBase, example.printed),
    };
  });
}

/**
 * True when `printed` is `value` rounded or truncated to its last printed digit, that is when they
 * differ by less than one unit of that digit ("0.22" for 0.2258, "0.003" for 0.00388).
 */
export function agreesWithPrinted(value: number, printed: string): boolean {
  const match = /^(-?)(\d*)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(printed.trim());
  if (!match) return false;
  const decimals = match[3]?.length ?? 0;
  const exponent = match[4] ? Number(match[4]) : 0;
  const unit = Math.pow(10, exponent - decimals);
  return Math.abs(value - Number(printed)) < unit;
}
