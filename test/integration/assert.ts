// The assertions the integration suites use, for both extension hosts: the web worker host has no
// `node:assert`, and one module serves both so a suite means the same thing in each.

export class AssertionError extends Error {
  override readonly name = 'AssertionError';
}

function fail(message: string | undefined, fallback: string): never {
  throw new AssertionError(message ?? fallback);
}

function show(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function ok(value: unknown, message?: string): asserts value {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}

/** Object.is equality, as node:assert/strict's equal (NaN equals NaN; 0 and -0 differ). */
export function equal<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!Object.is(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

export function match(actual: string, pattern: RegExp, message?: string): void {
  if (typeof actual !== 'string' || !pattern.test(actual)) fail(message, `${show(actual)} does not match ${pattern}`);
}

export function doesNotMatch(actual: string, pattern: RegExp, message?: string): void {
  if (typeof actual !== 'string' || pattern.test(actual)) fail(message, `${show(actual)} matches ${pattern}`);
}

/** Structural equality of primitives, arrays and plain objects, each leaf compared with Object.is. */
export function deepEqual<T>(actual: unknown, expected: T, message?: string): asserts actual is T {
  if (!sameStructure(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
}

function sameStructure(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameStructure((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
