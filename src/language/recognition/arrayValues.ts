/*
 * The small 1-D arrays loss parameters are written with: class weights `torch.tensor([1.0, 2.0])`,
 * `pos_weight=torch.tensor([3.0])`, `torch.ones(C) * 2`. A value of the evaluator is a literal or
 * one of these; arithmetic between them is elementwise, as in the tensor libraries.
 */

/** A literal a parameter is written with (and a library's default): the scalar values of the evaluator. */
export type Literal = number | string | boolean | null;

export type Value = Literal | readonly number[];

/** Arrays longer than this are not read: class weights have at most a few thousand entries. */
export const MAX_ARRAY_LENGTH = 4096;

export type ArithmeticOp = '+' | '-' | '*' | '/' | '//' | '**';

export function isNumberArray(value: unknown): value is readonly number[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'number');
}

/** `a op b` for numbers, strings (+ only) and arrays with numbers or arrays of the same length; undefined otherwise. */
export function combine(a: Value | undefined, op: ArithmeticOp, b: Value | undefined): Value | undefined {
  if (typeof a === 'number' && typeof b === 'number') return apply(a, op, b);
  if (typeof a === 'string' && typeof b === 'string') return op === '+' ? a + b : undefined;
  const left = isNumberArray(a) ? a : typeof a === 'number' ? undefined : null;
  const right = isNumberArray(b) ? b : typeof b === 'number' ? undefined : null;
  if (left === null || right === null || (left === undefined && right === undefined)) return undefined;
  if (left && right && left.length !== right.length) return undefined;
  const length = (left ?? right)!.length;
  return Array.from({ length }, (_, i) => apply(left ? left[i]! : (a as number), op, right ? right[i]! : (b as number)));
}

function apply(a: number, op: ArithmeticOp, b: number): number {
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '//': return Math.floor(a / b);
    case '**': return a ** b;
  }
}

export function negate(value: Value | undefined): Value | undefined {
  if (typeof value === 'number') return -value;
  return isNumberArray(value) ? value.map((x) => -x) : undefined;
}

/** Equality of evaluated values: arrays by their elements. */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (!isNumberArray(a) || !isNumberArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => Object.is(x, b[i]));
}

/**
 * The one number a value stands for when it broadcasts as a scalar: a number, or an array whose
 * elements are all equal (`torch.tensor([3.0])`, `torch.ones(1) * 3`). Undefined otherwise.
 */
export function scalarOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (!isNumberArray(value) || value.length === 0) return undefined;
  return value.every((x) => x === value[0]) ? value[0] : undefined;
}

/** Libraries whose constructors turn a literal into a tensor with the same numbers. */
export const ARRAY_LIBRARIES = new Set(['torch', 'numpy', 'tensorflow', 'jax']);
/** Conventional names for those libraries, used when the file does not import them (a notebook cell). */
export const CONVENTIONAL_ARRAY_HEADS: ReadonlyMap<string, string> = new Map([['torch', 'torch'], ['np', 'numpy'], ['numpy', 'numpy'], ['tf', 'tensorflow'], ['jnp', 'jax.numpy']]);

/** Calls whose first argument is the data: the value is that argument's. */
export const ARRAY_CONSTRUCTORS = new Set(['tensor', 'Tensor', 'FloatTensor', 'DoubleTensor', 'HalfTensor', 'as_tensor', 'from_numpy', 'array', 'asarray', 'constant', 'convert_to_tensor']);
/** Methods that keep a tensor's numbers: `.to(device)`, `.cuda()`, `.float()`, ... */
export const VALUE_PRESERVING_METHODS = new Set(['to', 'cuda', 'cpu', 'float', 'double', 'half', 'detach', 'clone', 'contiguous', 'type']);

/** `ones(n)` / `full((n,), k)`: 1-D only; the shape is a number or a one-element list or tuple. */
export function filled(shape: Value | undefined, fill: Value | undefined): readonly number[] | undefined {
  const length = typeof shape === 'number' ? shape : isNumberArray(shape) && shape.length === 1 ? shape[0]! : undefined;
  if (length === undefined || !Number.isInteger(length) || length < 1 || length > MAX_ARRAY_LENGTH || typeof fill !== 'number') return undefined;
  return Array.from({ length }, () => fill);
}
