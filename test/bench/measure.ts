/** Median wall time in nanoseconds of `runs` runs of `work`, after one warm-up run. */
export function measure(runs: number, work: () => unknown): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start));
  }
  return percentile(times, 0.5);
}

/** The q-quantile (0..1) of `values`, nearest rank. */
export function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** One printed figure: its name, value, unit, and target where there is one. */
export type Figure = [name: string, value: number, unit: string, target: number | undefined];

/** Prints one figure a line, with its target where there is one. */
export function report(section: string, rows: Figure[]): void {
  console.log(`\n${section}`);
  for (const [name, value, unit, target] of rows) {
    const verdict = target === undefined ? '' : value <= target ? `  (target <= ${target}: met)` : `  (target <= ${target}: MISSED)`;
    console.log(`  ${name.padEnd(56)} ${value.toFixed(value < 10 ? 2 : 1).padStart(9)} ${unit}${verdict}`);
  }
}

/** Timings of each piece of `work` per unit (ns / `units`), over rounds that run every piece in turn. */
export interface Rounds<K extends string> {
  best(name: K): number;
  median(name: K): number;
  /** The figures report() prints for `name`: best and median and, but for the floor, the median over rounds of its time over the floor's. */
  figures(name: K, label: string, unit: string, target?: number): Figure[];
}

/**
 * Runs every piece of `work` once to compile it, then `rounds` rounds of all of them back to back:
 * on a shared VM whose speed drifts, pieces timed in the same round are comparable, and `floor`
 * (the work a piece cannot avoid) is what the ratios divide by.
 */
export function interleavedRounds<K extends string>(work: Record<K, () => unknown>, rounds: number, units: number, floor: NoInfer<K>): Rounds<K> {
  const entries = Object.entries(work) as [K, () => unknown][];
  const times = Object.fromEntries(entries.map(([name]) => [name, [] as number[]])) as Record<K, number[]>;
  for (const [, run] of entries) run();
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of entries) {
      const start = process.hrtime.bigint();
      run();
      times[name].push(Number(process.hrtime.bigint() - start) / units);
    }
  }
  const best = (name: K) => Math.min(...times[name]);
  const median = (name: K) => percentile(times[name], 0.5);
  const ratio = (name: K) => percentile(times[name].map((t, i) => t / times[floor][i]!), 0.5);
  return {
    best,
    median,
    figures: (name, label, unit, target) => [
      [`${label}, best`, best(name), unit, target],
      [`${label}, median`, median(name), unit, target],
      ...(name === floor ? [] : [[`${label} / floor, median`, ratio(name), 'x', undefined] as Figure]),
    ],
  };
}
