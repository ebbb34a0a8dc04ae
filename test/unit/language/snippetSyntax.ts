// Checks shared by the focal implementation suites: snippet syntax and relative differences.
import * as assert from 'node:assert/strict';

export function relativeDifference(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

/** Checks snippet syntax: every "$" escaped or a tab stop, every "}" escaped or closing one. */
export function tabStopsOf(snippet: string): { stops: string[]; finalStops: number } {
  const stops: string[] = [];
  let finalStops = 0;
  let open: { index: string; from: number } | null = null;
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i]!;
    if (c === '\\') {
      assert.ok('$}\\'.includes(snippet[i + 1] ?? ''), `a stray backslash at ${i}`);
      i++;
    } else if (c === '$') {
      const match = /^\$(?:\{(\d+):|(\d+))/.exec(snippet.slice(i, i + 8));
      assert.ok(match, `an unescaped "$" at ${i}: ${JSON.stringify(snippet.slice(i, i + 20))}`);
      assert.equal(open, null, 'no nested tab stops');
      if (match[2] !== undefined) {
        assert.equal(match[2], '0');
        finalStops++;
        i += match[0].length - 1;
      } else {
        open = { index: match[1]!, from: i + match[0].length };
        i += match[0].length - 1;
      }
    } else if (c === '}') {
      assert.ok(open !== null, `an unescaped "}" at ${i}`);
      stops.push(`${open.index}:${snippet.slice(open.from, i)}`);
      open = null;
    }
  }
  assert.equal(open, null, 'every tab stop is closed');
  return { stops, finalStops };
}
