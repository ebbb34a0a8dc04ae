import { findLossCalls } from '../../src/language/recognition';
import { lintPython } from '../../src/language/lint';
import { LINT_CASES } from '../fixtures/lintCases';
import { percentile, report } from './measure';

/*
 * Cost of the loss lint on a 20,000-line Python file made of the lint corpus's cases one after
 * another (each in its own function, so names do not leak between cases). Target: diagnostics within
 * 50 ms of the index being ready (lintPython given the recognised calls), and the whole lint
 * (recognition included) for reference.
 */

export function lintBenchFile(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    const c = LINT_CASES[i % LINT_CASES.length]!;
    out.push(...c.code.split('\n'), '');
  }
  return out.slice(0, lines).join('\n');
}

function timeMs(work: () => unknown): number {
  const start = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function benchLint(): void {
  const text = lintBenchFile(20_000);
  const calls = findLossCalls(text, 'python');
  let findings = 0;
  for (let i = 0; i < 3; i++) findings = lintPython(text, { calls }).length;
  const ready = Array.from({ length: 15 }, () => timeMs(() => lintPython(text, { calls })));
  const whole = Array.from({ length: 7 }, () => timeMs(() => lintPython(text)));
  report(`Loss lint, 20,000 lines, ${calls.length} loss calls, ${findings} findings`, [
    ['lint after the index is ready, median', percentile(ready, 0.5), 'ms', 50],
    ['lint after the index is ready, max', Math.max(...ready), 'ms', undefined],
    ['lint with recognition, median', percentile(whole, 0.5), 'ms', undefined],
  ]);
}
