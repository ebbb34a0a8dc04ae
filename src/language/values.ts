import { readNumber } from './numberInput';
import { isName, isOp, NAME, NUMBER, OP, STRING, type PythonTokens } from './pythonScanner';
import { parametersOf, type Binding, type PythonModule } from './pythonModule';
import type { Literal } from './catalog';

/*
 * Evaluating the small expressions loss parameters are written with: literals, -x, simple
 * arithmetic, and names or `self.x` that are bound to such expressions elsewhere in the file.
 * Anything else (a tensor, a function call, a loop variable) is "not known": the caller keeps the
 * source text rather than guessing.
 */

export interface Known {
  readonly value: Literal;
  /** Offset of the first binding the value was resolved through; undefined for a plain literal. */
  readonly resolvedAt?: number;
}

const MAX_DEPTH = 6;
/** Parentheses and unary signs nest at most this deep in an evaluated expression (no stack overflow on `((((...`). */
const MAX_NESTING = 64;
/** A name bound more often than this is not worth resolving (and would make resolution quadratic). */
const MAX_BINDINGS = 256;

export class Evaluator {
  constructor(private readonly module: PythonModule) {}

  /** The value of tokens [from, to) evaluated in `scope` at `offset`, or undefined when not known. */
  evaluate(from: number, to: number, scope: number, offset: number, depth = 0): Known | undefined {
    if (from < 0 || from >= to || depth > MAX_DEPTH) return undefined;
    const parser = new ExpressionReader(this, this.module.tokens, from, to, scope, offset, depth);
    const value = parser.expression();
    if (value === undefined || parser.position !== to) return undefined;
    return parser.resolvedAt === undefined ? { value } : { value, resolvedAt: parser.resolvedAt };
  }

  /** A bare name seen from `scope` at `offset`: the innermost binding, Python's scoping (class bodies are skipped from methods). */
  resolveName(name: string, scope: number, offset: number, depth: number): Known | undefined {
    const scopes = this.module.scopes;
    let innermost = true;
    for (let s = scope; s >= 0; s = scopes[s]!.parent) {
      const current = scopes[s]!;
      if (current.kind === 'class' && !innermost) continue;
      innermost = false;
      const bindings = current.names.get(name);
      // Seen from a function, module assignments may run in any order relative to the call.
      if (bindings) return this.fromBindings(bindings, offset, depth, current.kind === 'module' && s !== scope);
      const parameter = current.kind === 'def' ? parametersOf(this.module.tokens, current).find((candidate) => candidate.name === name) : undefined;
      if (parameter) {
        // A parameter's literal default (e.g. `def __init__(self, gamma=2.0)`); a caller may pass another value.
        if (parameter.from < 0 || parameter.star !== '') return undefined;
        const known = this.evaluate(parameter.from, parameter.to, current.parent, parameter.offset, depth + 1);
        return known && { value: known.value, resolvedAt: parameter.offset };
      }
    }
    return undefined;
  }

  /** `self.attr` inside a method: assignments in the class's methods (the one in __init__ first) or a class attribute. */
  resolveSelf(attribute: string, scope: number, depth: number): Known | undefined {
    const scopes = this.module.scopes;
    let classScope = -1;
    for (let s = scope; s >= 0; s = scopes[s]!.parent) {
      if (scopes[s]!.kind === 'class') { classScope = s; break; }
    }
    if (classScope < 0) return undefined;
    const owner = scopes[classScope]!;
    const bindings = owner.selfAttributes.get(attribute);
    if (bindings) {
      const init = owner.methods.get('__init__');
      const inInit = bindings.filter((b) => b.scope === init);
      return this.fromBindings(inInit.length > 0 ? inInit : bindings, Infinity, depth, true);
    }
    const classLevel = owner.names.get(attribute);
    return classLevel ? this.fromBindings(classLevel, Infinity, depth, true) : undefined;
  }

  /**
   * One value from several bindings of a name: the last one before `offset`; in module scope (or
   * when none is before) every binding must agree, since functions may run after later assignments.
   */
  private fromBindings(bindings: readonly Binding[], offset: number, depth: number, anyOrder: boolean): Known | undefined {
    if (bindings.length > MAX_BINDINGS) return undefined;
    let chosen: Binding[] = bindings.filter((b) => b.offset < offset);
    if (chosen.length > 0 && !anyOrder) chosen = [chosen[chosen.length - 1]!];
    else if (chosen.length === 0 || anyOrder) chosen = [...bindings];
    let result: Known | undefined;
    for (const binding of chosen) {
      if (binding.from < 0) return undefined;
      const known = this.evaluate(binding.from, binding.to, binding.scope, binding.offset, depth + 1);
      if (!known) return undefined;
      if (result && result.value !== known.value) return undefined;
      // Point at the literal itself (e.g. the __init__ default behind `self.gamma = gamma`).
      result ??= { value: known.value, resolvedAt: known.resolvedAt ?? binding.offset };
    }
    return result;
  }
}

/** Recursive descent over: literal | name | self.name | ( e ) | -e | +e | e (+ - * / // **) e | float(e) | int(e). */
class ExpressionReader {
  position: number;
  resolvedAt: number | undefined;
  private nesting = 0;

  constructor(
    private readonly evaluator: Evaluator,
    private readonly tokens: PythonTokens,
    from: number,
    private readonly to: number,
    private readonly scope: number,
    private readonly offset: number,
    private readonly depth: number,
  ) {
    this.position = from;
  }

  expression(): Literal | undefined {
    let left = this.term();
    while (left !== undefined && this.position < this.to && (this.op('+') || this.op('-'))) {
      const plus = this.op('+');
      this.position++;
      const right = this.term();
      if (typeof left === 'string' && typeof right === 'string' && plus) left = left + right;
      else if (typeof left === 'number' && typeof right === 'number') left = plus ? left + right : left - right;
      else return undefined;
    }
    return left;
  }

  private term(): Literal | undefined {
    let left = this.unary();
    while (left !== undefined && this.position < this.to && (this.op('*') || this.op('/') || this.op('//'))) {
      const which = this.text(this.position);
      this.position++;
      const right = this.unary();
      if (typeof left !== 'number' || typeof right !== 'number') return undefined;
      left = which === '*' ? left * right : which === '/' ? left / right : Math.floor(left / right);
    }
    return left;
  }

  private unary(): Literal | undefined {
    if (this.op('-') || this.op('+')) {
      const negate = this.op('-');
      this.position++;
      if (++this.nesting > MAX_NESTING) return undefined;
      const value = this.unary();
      this.nesting--;
      return typeof value === 'number' ? (negate ? -value : value) : undefined;
    }
    const base = this.atom();
    if (base !== undefined && this.op('**')) {
      this.position++;
      const exponent = this.unary();
      return typeof base === 'number' && typeof exponent === 'number' ? base ** exponent : undefined;
    }
    return base;
  }

  private atom(): Literal | undefined {
    const t = this.position;
    if (t >= this.to) return undefined;
    const kind = this.tokens.kind[t];
    if (kind === NUMBER) {
      this.position++;
      return pythonNumber(this.text(t)) ?? undefined;
    }
    if (kind === STRING) {
      let value = '';
      while (this.position < this.to && this.tokens.kind[this.position] === STRING) {
        const piece = pythonString(this.text(this.position));
        if (piece === undefined) return undefined;
        value += piece;
        this.position++;
      }
      return value;
    }
    if (isOp(this.tokens, t, '(')) {
      const close = this.tokens.match[t]!;
      if (close <= t || close >= this.to || ++this.nesting > MAX_NESTING) return undefined;
      this.position++;
      const value = this.expression();
      this.nesting--;
      if (this.position !== close) return undefined;
      this.position++;
      return value;
    }
    if (kind !== NAME) return undefined;
    const name = this.text(t);
    if (name === 'None') { this.position++; return null; }
    if (name === 'True' || name === 'False') { this.position++; return name === 'True'; }
    if ((name === 'float' || name === 'int') && isOp(this.tokens, t + 1, '(')) {
      const close = this.tokens.match[t + 1]!;
      if (close <= t + 1 || close >= this.to || ++this.nesting > MAX_NESTING) return undefined;
      this.position = t + 2;
      const value = this.expression();
      this.nesting--;
      if (this.position !== close || typeof value !== 'number') return undefined;
      this.position++;
      return name === 'int' ? Math.trunc(value) : value;
    }
    if (name === 'self' && isOp(this.tokens, t + 1, '.') && this.tokens.kind[t + 2] === NAME && !isOp(this.tokens, t + 3, '.') && !isOp(this.tokens, t + 3, '(')) {
      this.position = t + 3;
      return this.take(this.evaluator.resolveSelf(this.text(t + 2), this.scope, this.depth + 1));
    }
    if (isOp(this.tokens, t + 1, '.') || isOp(this.tokens, t + 1, '(') || isOp(this.tokens, t + 1, '[') || isName(this.tokens, t, 'lambda')) return undefined;
    this.position++;
    return this.take(this.evaluator.resolveName(name, this.scope, this.offset, this.depth + 1));
  }

  private take(known: Known | undefined): Literal | undefined {
    if (!known) return undefined;
    if (this.resolvedAt === undefined) this.resolvedAt = known.resolvedAt;
    return known.value;
  }

  private op(op: string): boolean {
    return this.tokens.kind[this.position] === OP && isOp(this.tokens, this.position, op);
  }

  private text(i: number): string {
    return this.tokens.text.slice(this.tokens.start[i]!, this.tokens.end[i]!);
  }
}

/** A Python numeric literal: 2, 2.0, .5, 1e-3, 1_000, 0x10; null for complex or malformed. */
export function pythonNumber(text: string): number | null {
  const plain = text.replace(/_/g, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(plain)) return parseInt(plain.slice(2), 16);
  if (/^0[oO][0-7]+$/.test(plain)) return parseInt(plain.slice(2), 8);
  if (/^0[bB][01]+$/.test(plain)) return parseInt(plain.slice(2), 2);
  if (/[a-zA-Z]/.test(plain.replace(/[eE][+-]?\d+$/, ''))) return null;
  return readNumber(plain);
}

/** The content of a plain (not f-) string literal token, undefined for f-strings and unterminated ones. */
export function pythonString(token: string): string | undefined {
  const quoteAt = token.search(/['"]/);
  if (quoteAt < 0 || /[fFtT]/.test(token.slice(0, quoteAt))) return undefined;
  const q = token[quoteAt]!;
  const triple = token.startsWith(q.repeat(3), quoteAt) && token.length >= quoteAt + 6;
  const width = triple ? 3 : 1;
  if (token.length < quoteAt + 2 * width || !token.endsWith(q.repeat(width))) return undefined;
  return token.slice(quoteAt + width, token.length - width);
}
