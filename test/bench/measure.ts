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

/** Prints one figure a line, with its target where there is one. */
export function report(section: string, rows: [name: string, value: number, unit: string, target: number | undefined][]): void {
  console.log(`\n${section}`);
  for (const [name, value, unit, target] of rows) {
    const verdict = target === undefined ? '' : value <= target ? `  (target <= ${target}: met)` : `  (target <= ${target}: MISSED)`;
    console.log(`  ${name.padEnd(56)} ${value.toFixed(value < 10 ? 2 : 1).padStart(9)} ${unit}${verdict}`);
  }
}
