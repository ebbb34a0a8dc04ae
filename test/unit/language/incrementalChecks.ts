import * as assert from 'node:assert/strict';
import type { PythonModule, PythonTokens } from '../../../src/language/recognition';

/* What the incremental-read tests compare against a read from scratch: the tokens offset by offset and array by array, and a module as plain data. */

/** Fails at the first token or head where `actual` differs from `expected`. */
export function sameTokens(actual: PythonTokens, expected: PythonTokens, what: string): void {
  assert.equal(actual.count, expected.count, `${what}: token count`);
  assert.equal(actual.headCount, expected.headCount, `${what}: head count`);
  // The offsets as the hover reads them first, before reading the arrays settles what is pending.
  sameOffsets(actual, expected, what);
  for (const key of ['kind', 'start', 'end', 'match'] as const) {
    for (let k = 0; k < expected.count; k++) if (actual[key][k] !== expected[key][k]) assert.fail(`${what}: ${key}[${k}] ${actual[key][k]} != ${expected[key][k]}`);
  }
  for (const key of ['heads', 'headIndent'] as const) {
    for (let h = 0; h < expected.headCount; h++) if (actual[key][h] !== expected[key][h]) assert.fail(`${what}: ${key}[${h}] ${actual[key][h]} != ${expected[key][h]}`);
  }
}

/** Fails at the first token whose startAt/endAt differ from `expected`'s offsets (moves an edit left pending are added on read: see tokenOffsets.ts). */
export function sameOffsets(actual: PythonTokens, expected: PythonTokens, what: string): void {
  assert.equal(actual.count, expected.count, `${what}: token count`);
  for (let k = 0; k < expected.count; k++) {
    if (actual.startAt(k) !== expected.start[k] || actual.endAt(k) !== expected.end[k]) assert.fail(`${what}: startAt/endAt(${k}) ${actual.startAt(k)}-${actual.endAt(k)} != ${expected.start[k]}-${expected.end[k]}`);
  }
}

/** Everything a module holds, as data deepEqual can compare: scopes, the scope of every line, imports, definitions, bindings. */
export function described(module: PythonModule): unknown {
  const entries = <V>(map: Map<string, V>) => [...map.entries()];
  return {
    headScope: [...module.headScope],
    imports: entries(module.imports),
    starImports: module.starImports,
    definitions: entries(module.definitions),
    configAssignments: module.configAssignments,
    scopes: module.scopes.map((scope) => ({
      kind: scope.kind, name: scope.name, parent: scope.parent, indent: scope.indent, offset: scope.offset, paramsOpen: scope.paramsOpen,
      names: entries(scope.names), selfAttributes: entries(scope.selfAttributes), methods: entries(scope.methods),
    })),
  };
}
