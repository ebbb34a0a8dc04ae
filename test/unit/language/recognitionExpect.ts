import * as assert from 'node:assert/strict';
import { findLossCalls, type InputsKind, type LossCall, type ParamValue } from '../../../src/language/recognition';

/** Expected value and origin: 'explicit' | 'default' | 'unresolved' | a 0-based line for 'resolved'. */
export type Expected<T> = [value: T | undefined, origin: 'explicit' | 'default' | 'unresolved' | number];

export interface ExpectedCall {
  api: string;
  kind?: LossCall['kind'];
  callee?: string;
  alpha?: Expected<number | null>;
  gamma?: Expected<number>;
  inputs?: InputsKind | Expected<InputsKind>;
  classModel?: LossCall['classModel'];
  /** The number of classes the file states, with its origin; null: none stated. */
  classes?: Expected<number> | null;
  reduction?: string;
  /** Each pattern must match some caveat; `noCaveat` must match none. */
  caveats?: RegExp[];
  /** Why the call gets no table (CatalogEntry.notModeled). */
  notModeled?: RegExp;
  noCaveat?: RegExp[];
  extra?: Record<string, unknown>;
}

export interface Case {
  name: string;
  src: string;
  language?: 'python' | 'yaml';
  context?: string;
  calls: ExpectedCall[];
}

export function checkValue<T>(what: string, actual: ParamValue<T>, [value, origin]: Expected<T>): void {
  assert.deepEqual(actual.value, value, `${what} value (text ${JSON.stringify(actual.text)})`);
  if (typeof origin === 'number') assert.deepEqual(actual.origin, { kind: 'resolved', line: origin }, `${what} origin`);
  else assert.equal(actual.origin.kind, origin, `${what} origin`);
  if (origin === 'unresolved') assert.notEqual(actual.text, undefined);
}

export function checkCase(c: Case): void {
  const calls = findLossCalls(c.src, c.language ?? 'python', c.context);
  assert.deepEqual(calls.map((call) => call.api), c.calls.map((call) => call.api), 'recognized APIs');
  c.calls.forEach((expected, i) => {
    const call = calls[i]!;
    if (expected.kind) assert.equal(call.kind, expected.kind, 'kind');
    if (expected.callee) assert.equal(call.callee, expected.callee, 'callee');
    if (expected.alpha) checkValue('alpha', call.alpha, expected.alpha);
    if (expected.gamma) checkValue('gamma', call.gamma, expected.gamma);
    if (typeof expected.inputs === 'string') assert.equal(call.inputs.value, expected.inputs, 'inputs');
    else if (expected.inputs) checkValue('inputs', call.inputs, expected.inputs);
    if (expected.classModel !== undefined) assert.equal(call.classModel, expected.classModel, 'class model');
    if (expected.classes === null) assert.equal(call.classes, undefined, 'no number of classes');
    else if (expected.classes) checkValue('classes', call.classes!, expected.classes);
    if (expected.reduction !== undefined) assert.equal(call.reduction.value, expected.reduction, 'reduction');
    for (const pattern of expected.caveats ?? []) assert.ok(call.caveats.some((caveat) => pattern.test(caveat)), `a caveat matching ${pattern} in ${JSON.stringify(call.caveats)}`);
    if (expected.notModeled) assert.match(call.notModeled ?? '(none)', expected.notModeled);
    for (const pattern of expected.noCaveat ?? []) assert.ok(!call.caveats.some((caveat) => pattern.test(caveat)), `no caveat matching ${pattern} in ${JSON.stringify(call.caveats)}`);
    for (const [name, value] of Object.entries(expected.extra ?? {})) {
      assert.deepEqual(call.extra.find((e) => e.name === name)?.value.value, value, `extra ${name}`);
    }
    // Offsets point into the text: the name range is inside the call range.
    assert.ok(call.start <= call.nameStart && call.nameStart < call.nameEnd && call.nameEnd <= call.end && call.end <= c.src.length, 'ranges');
  });
}
