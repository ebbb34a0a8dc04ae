import { msg } from '../../core';
import { readNumber } from '../input/numberInput';
import { SelectionRefused, quoteToken, refusal } from './selectionRefusal';
import type { SelectionToken } from './selectionTokens';

/*
 * Reads the values of a selection from its tokens: numbers, Python lists and tuples (nested ones
 * flattened, their shape kept beside the numbers), array literals such as torch.tensor([[...]],
 * dtype=...) or np.array(...), and the `name = value` items around them. Says nothing yet about which value is a prediction or a target:
 * selection.ts decides that. Recursive descent with a nesting limit; every step consumes a token,
 * so the work is linear in the length of the selection.
 */

/** A number of the selection and where it is written. */
export interface NumberLeaf {
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

export type SelectionValue =
  /** A single number ("0.95", "float('0.5')", "torch.tensor(2.0)"). */
  | { readonly kind: 'scalar'; readonly leaf: NumberLeaf; readonly start: number; readonly end: number }
  /** A list, tuple or array literal, flattened in reading order; `shape` says how it was nested. */
  | { readonly kind: 'list'; readonly leaves: NumberLeaf[]; readonly shape: ListShape; readonly start: number; readonly end: number }
  /** A bare name that is not a number: a CSV header cell, or a mistake. */
  | { readonly kind: 'name'; readonly name: string; readonly start: number; readonly end: number };

/**
 * How a list is nested, so rows of class logits can be told from a flat run of numbers. Computed as
 * the list is read, comparing each element with the first: O(depth) per element.
 */
export type ListShape =
  /** Every level regular: its sizes, outermost first ([2, 3] for two rows of three numbers). */
  | { readonly kind: 'regular'; readonly dims: readonly number[] }
  /** Elements unlike each other: `length` top-level elements, and the first odd one when it is one of them. */
  | { readonly kind: 'ragged'; readonly length: number; readonly odd: OddElement | null }
  /** After a method that may reshape it (.T, .reshape(...), .view(...)): the numbers are known, not their layout. */
  | { readonly kind: 'unknown' };

/** The first top-level element whose shape differs from the first element's. */
export interface OddElement {
  /** Its position among the top-level elements (0 is the first). */
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** How many elements it has, or null for a number. */
  readonly length: number | null;
  /** How many the first element has, or null when the first is a number. */
  readonly firstLength: number | null;
}

/** Predictions or targets as selection.ts reads them: their numbers and the text span they come from. */
export interface ValuePart {
  readonly leaves: readonly NumberLeaf[];
  readonly start: number;
  readonly end: number;
  /** A single bare number, which may stand for every element (y=1 with several logits). */
  readonly scalar: boolean;
  /** How a list was nested; null for a number or a table column. */
  readonly shape: ListShape | null;
}

/** One top-level item: `value` or `name = value` (also `name: value`). */
export interface SelectionItem {
  readonly name: string | null;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly value: SelectionValue;
  /** The top-level line it starts on (CSV rows); newlines inside brackets do not count. */
  readonly line: number;
}

/** Deepest bracket nesting read; tensors are rarely more than 5 deep. */
export const MAX_NESTING = 64;

/** Methods that leave a list's layout as it is: .cuda(), .float(), .to(device), .detach(), .numpy(), ... */
const LAYOUT_KEEPING_METHODS = new Set([
  'cuda',
  'cpu',
  'to',
  'type',
  'float',
  'double',
  'half',
  'bfloat16',
  'long',
  'int',
  'bool',
  'detach',
  'clone',
  'copy',
  'numpy',
  'contiguous',
  'requires_grad_',
  'astype',
]);

/** Call names whose first argument is the data: torch.tensor, np.array, tf.constant, jnp.array, float, ... */
const CONSTRUCTORS = new Set([
  'tensor',
  'as_tensor',
  'floattensor',
  'doubletensor',
  'halftensor',
  'longtensor',
  'inttensor',
  'booltensor',
  'array',
  'asarray',
  'constant',
  'convert_to_tensor',
  'variable',
  'float',
  'double',
  'int',
  'float16',
  'float32',
  'float64',
  'bfloat16',
]);

type Special = { readonly kind: 'number'; readonly value: number } | { readonly kind: 'nan' } | { readonly kind: 'infinite' };

/** Names that are numbers: nan, np.inf, math.inf, True, ... (by their last dotted part). */
function specialName(name: string): Special | null {
  switch (name.slice(name.lastIndexOf('.') + 1).toLowerCase()) {
    case 'nan':
      return { kind: 'nan' };
    case 'inf':
    case 'infinity':
    case 'ninf':
    case 'pinf':
      return { kind: 'infinite' };
    case 'true':
      return { kind: 'number', value: 1 };
    case 'false':
      return { kind: 'number', value: 0 };
    default:
      return null;
  }
}

/** Reads every top-level item; throws SelectionRefused at the first thing it cannot read. */
export function readSelectionItems(text: string, tokens: readonly SelectionToken[]): SelectionItem[] {
  return new ValueReader(text, tokens).items();
}

class ValueReader {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly SelectionToken[],
  ) {}

  items(): SelectionItem[] {
    const items: SelectionItem[] = [];
    let line = 0;
    for (;;) {
      for (let t = this.peek(); t !== undefined && (t.kind === 'newline' || this.isPunct(t, ',') || this.isPunct(t, ';')); t = this.peek()) {
        if (t.kind === 'newline') line++;
        this.pos++;
      }
      const first = this.peek();
      if (first === undefined) return items;
      const next = this.tokens[this.pos + 1];
      if (first.kind === 'name' && next !== undefined && (this.isPunct(next, '=') || this.isPunct(next, ':'))) {
        this.pos += 2;
        items.push({ name: this.textOf(first), nameStart: first.start, nameEnd: first.end, value: this.value(0), line });
      } else {
        items.push({ name: null, nameStart: first.start, nameEnd: first.start, value: this.value(0), line });
      }
    }
  }

  /** One value: a number, a list, a call, a name, with an optional sign and method calls after it. */
  private value(depth: number): SelectionValue {
    const t = this.peek();
    if (t === undefined) throw this.refuseAtEnd(msg('The selection ends where a value was expected.'));
    if (depth > MAX_NESTING) {
      throw new SelectionRefused(refusal('too-deep', msg('Brackets are nested more than {0} deep.', MAX_NESTING), this.text, t.start, t.end));
    }
    let value: SelectionValue;
    if (t.kind === 'sign') {
      this.pos++;
      const operand = this.value(depth + 1);
      if (operand.kind !== 'scalar') throw this.unparsable(t, msg('a sign can only stand before a number.'));
      const sign = this.textOf(t) === '-' ? -1 : 1;
      const leaf = { value: sign * operand.leaf.value, start: t.start, end: operand.end };
      value = { kind: 'scalar', leaf, start: t.start, end: operand.end };
    } else if (t.kind === 'number') {
      this.pos++;
      value = { kind: 'scalar', leaf: this.numberLeaf(t), start: t.start, end: t.end };
    } else if (this.isPunct(t, '[') || this.isPunct(t, '(')) {
      const leaves: NumberLeaf[] = [];
      const { end, shape } = this.listInto(leaves, depth);
      value = { kind: 'list', leaves, shape, start: t.start, end };
    } else if (t.kind === 'name') {
      const next = this.tokens[this.pos + 1];
      value = next !== undefined && this.isPunct(next, '(') ? this.call(depth) : this.name(t);
    } else if (t.kind === 'string') {
      throw this.unparsable(t, msg('a string is not a number.'));
    } else if (t.kind === 'bad') {
      const token = this.textOf(t);
      const why = token === '...' || token === '\u2026' ? msg('the printout is abbreviated; print the full array.') : msg('it is not a number, a list or an array literal.');
      throw this.unparsable(t, why);
    } else {
      throw this.unparsable(t, msg('a value was expected here.'));
    }
    return this.methodCalls(value);
  }

  /**
   * Skips `.cuda()`, `.float()`, `.to(device)`, `.T` after a value: they do not change its numbers.
   * Those that may change its layout (.T, .reshape(...)) leave a list's shape unknown.
   */
  private methodCalls(value: SelectionValue): SelectionValue {
    let end = value.end;
    let relaidOut = false;
    for (;;) {
      const dot = this.peek();
      const name = this.tokens[this.pos + 1];
      if (dot === undefined || !this.isPunct(dot, '.') || name === undefined || name.kind !== 'name') break;
      this.pos += 2;
      end = name.end;
      if (!LAYOUT_KEEPING_METHODS.has(this.textOf(name).toLowerCase())) relaidOut = true;
      const open = this.peek();
      if (open !== undefined && this.isPunct(open, '(')) {
        this.pos++;
        for (let t = this.peek(); t === undefined || !this.isPunct(t, ')'); t = this.peek()) {
          if (t !== undefined && this.isPunct(t, ',')) this.pos++;
          else this.skipExpression(open);
        }
        end = this.tokens[this.pos++]!.end;
      }
    }
    if (end === value.end) return value;
    if (value.kind === 'list') return relaidOut ? { ...value, end, shape: { kind: 'unknown' } } : { ...value, end };
    return value.kind === 'scalar' ? { ...value, end } : value;
  }

  /** A bracketed list or tuple at the current "[" or "(": its numbers go into `out`. Returns its end and shape. */
  private listInto(out: NumberLeaf[], depth: number): { end: number; shape: ListShape } {
    const open = this.tokens[this.pos++]!;
    const close = this.textOf(open) === '[' ? ']' : ')';
    const shape = new ShapeTracker();
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t === undefined) throw this.unparsable(open, msg('this "{0}" is never closed.', this.textOf(open)));
      if (this.isPunct(t, close)) {
        this.pos++;
        return { end: t.end, shape: shape.result() };
      }
      const next = this.tokens[this.pos + 1];
      if (t.kind === 'number' && (next === undefined || next.kind !== 'punct' || this.text.charAt(next.start) !== '.')) {
        // The common case, without the objects value() makes: lists can hold 100,000 numbers.
        this.pos++;
        out.push(this.numberLeaf(t));
        shape.add(null, t.start, t.end);
      } else if (this.isPunct(t, '[') || this.isPunct(t, '(')) {
        if (depth + 1 > MAX_NESTING) {
          throw new SelectionRefused(refusal('too-deep', msg('Brackets are nested more than {0} deep.', MAX_NESTING), this.text, t.start, t.end));
        }
        const inner = this.listInto(out, depth + 1);
        shape.add(inner.shape, t.start, inner.end);
      } else {
        const item = this.value(depth + 1);
        if (item.kind === 'scalar') {
          out.push(item.leaf);
          shape.add(null, item.start, item.end);
        } else if (item.kind === 'list') {
          for (const leaf of item.leaves) out.push(leaf);
          shape.add(item.shape, item.start, item.end);
        } else {
          throw this.unparsable(this.tokenAt(item.start), msg('it is not a number.'));
        }
      }
      // Commas are optional: NumPy and TensorFlow print arrays as [0.98 0.2 ].
      this.skipNewlines();
      const after = this.peek();
      if (after !== undefined && this.isPunct(after, ',')) this.pos++;
    }
  }

  /** A call at the current name: an array constructor whose first positional argument is the data. */
  private call(depth: number): SelectionValue {
    const nameToken = this.tokens[this.pos]!;
    const name = this.textOf(nameToken);
    const kind = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
    if (!CONSTRUCTORS.has(kind)) {
      throw this.unparsable(nameToken, msg('"{0}(...)" is not a list or an array literal (torch.tensor, np.array, tf.constant, jnp.array).', name));
    }
    const open = this.tokens[this.pos + 1]!;
    this.pos += 2;
    let data: SelectionValue | null = null;
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t === undefined) throw this.unparsable(open, msg('this "(" is never closed.'));
      if (this.isPunct(t, ')')) {
        this.pos++;
        if (data === null) throw this.unparsable(nameToken, msg('"{0}()" has no data.', name));
        return { ...data, start: nameToken.start, end: t.end };
      }
      const next = this.tokens[this.pos + 1];
      if (t.kind === 'name' && next !== undefined && this.isPunct(next, '=')) {
        this.pos += 2; // dtype=..., device='cuda:0', requires_grad=True, grad_fn=<...>: not data
        this.skipExpression(open);
      } else if (data !== null) {
        this.skipExpression(open); // np.array(data, np.float32): the dtype
      } else if (t.kind === 'string') {
        this.pos++;
        data = this.numberInString(t);
      } else {
        data = this.value(depth + 1);
        if (data.kind === 'name') throw this.unparsable(this.tokenAt(data.start), msg('it is not a number.'));
      }
      this.skipNewlines();
      const after = this.peek();
      if (after !== undefined && this.isPunct(after, ',')) this.pos++;
      else if (after !== undefined && !this.isPunct(after, ')')) throw this.unparsable(after, msg('a "," or ")" was expected here.'));
    }
  }

  /** float('nan'), float("-inf"), np.float32('0.5'): the number in a string argument. */
  private numberInString(t: SelectionToken): SelectionValue {
    const inner = this.text.slice(t.start + 1, t.end - 1).trim();
    const lower = inner.toLowerCase();
    if (lower === 'nan' || lower === '+nan' || lower === '-nan') throw this.special(t, { kind: 'nan' });
    const value = readNumber(inner);
    if (value === null) throw this.unparsable(t, msg('the string does not hold a number.'));
    if (!Number.isFinite(value)) throw this.special(t, { kind: 'infinite' });
    const leaf = { value, start: t.start, end: t.end };
    return { kind: 'scalar', leaf, start: t.start, end: t.end };
  }

  private name(t: SelectionToken): SelectionValue {
    this.pos++;
    const name = this.textOf(t);
    const special = specialName(name);
    if (special === null) return { kind: 'name', name, start: t.start, end: t.end };
    if (special.kind !== 'number') throw this.special(t, special);
    return { kind: 'scalar', leaf: { value: special.value, start: t.start, end: t.end }, start: t.start, end: t.end };
  }

  private numberLeaf(t: SelectionToken): NumberLeaf {
    const value = readNumber(this.textOf(t));
    if (value === null) throw this.unparsable(t, msg('it is not a number.')); // the tokenizer makes this unreachable
    if (!Number.isFinite(value)) {
      throw new SelectionRefused(
        refusal('infinite', msg('{0} is too large for a double: it would be infinite.', quoteToken(this.text, t.start, t.end)), this.text, t.start, t.end),
      );
    }
    return { value, start: t.start, end: t.end };
  }

  /** Skips one call argument, up to the "," or ")" that ends it (not consumed). */
  private skipExpression(open: SelectionToken): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t === undefined) throw this.unparsable(open, msg('this "(" is never closed.'));
      if (t.kind === 'punct') {
        const c = this.textOf(t);
        if (depth === 0 && (c === ',' || c === ')')) return;
        if (c === '(' || c === '[' || c === '{') depth++;
        else if (c === ')' || c === ']' || c === '}') {
          if (depth === 0) throw this.unparsable(t, msg('it does not close the "(" before it.'));
          depth--;
        }
      }
      this.pos++;
    }
  }

  private skipNewlines(): void {
    while (this.peek()?.kind === 'newline') this.pos++;
  }

  private peek(): SelectionToken | undefined {
    return this.tokens[this.pos];
  }

  private tokenAt(start: number): SelectionToken {
    // Only called for a value just read, so it is among the last tokens.
    for (let k = this.pos - 1; k >= 0; k--) if (this.tokens[k]!.start === start) return this.tokens[k]!;
    return { kind: 'bad', start, end: start };
  }

  private isPunct(t: SelectionToken, c: string): boolean {
    return t.kind === 'punct' && this.text.charAt(t.start) === c;
  }

  private textOf(t: SelectionToken): string {
    return this.text.slice(t.start, t.end);
  }

  private unparsable(t: SelectionToken, why: string): SelectionRefused {
    const token = quoteToken(this.text, t.start, t.end);
    return new SelectionRefused(refusal('unparsable', msg('Could not read "{0}": {1}', token, why), this.text, t.start, t.end));
  }

  private special(t: SelectionToken, special: Special): SelectionRefused {
    const token = quoteToken(this.text, t.start, t.end);
    if (special.kind === 'nan') {
      return new SelectionRefused(refusal('nan', msg('"{0}" is NaN: a loss of NaN says nothing. Replace it with a number.', token), this.text, t.start, t.end));
    }
    return new SelectionRefused(
      refusal('infinite', msg('"{0}" is infinite: use a large finite logit (such as 30) instead.', token), this.text, t.start, t.end),
    );
  }

  private refuseAtEnd(message: string): SelectionRefused {
    return new SelectionRefused(refusal('unparsable', message, this.text, this.text.length, this.text.length));
  }
}

/** The shape of a list as its elements arrive: each is compared with the first, nothing is kept per element. */
class ShapeTracker {
  private count = 0;
  /** The first element's shape (null for a number), while every element so far is like it. */
  private first: ListShape | null = null;
  private regular = true;
  private unknown = false;
  private odd: OddElement | null = null;

  /** One more element: null for a number, else the shape of the list it is. */
  add(element: ListShape | null, start: number, end: number): void {
    const index = this.count++;
    if (element !== null && element.kind !== 'regular') {
      // Irregular inside: this list is irregular too, but its own elements may still line up.
      if (element.kind === 'unknown') this.unknown = true;
      this.regular = false;
    } else if (index === 0) {
      this.first = element;
    } else if (this.regular && !sameShape(this.first, element)) {
      this.regular = false;
      this.odd = { index, start, end, length: lengthOf(element), firstLength: lengthOf(this.first) };
    }
  }

  result(): ListShape {
    if (this.unknown) return { kind: 'unknown' };
    if (!this.regular) return { kind: 'ragged', length: this.count, odd: this.odd };
    const inner = this.first === null || this.first.kind !== 'regular' ? [] : this.first.dims;
    return { kind: 'regular', dims: [this.count, ...inner] };
  }
}

function lengthOf(shape: ListShape | null): number | null {
  return shape !== null && shape.kind === 'regular' ? shape.dims[0]! : null;
}

/** Whether two elements (null: a number; else regular lists) have the same shape. */
function sameShape(a: ListShape | null, b: ListShape | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.kind !== 'regular' || b.kind !== 'regular' || a.dims.length !== b.dims.length) return false;
  for (let k = 0; k < a.dims.length; k++) if (a.dims[k] !== b.dims[k]) return false;
  return true;
}
