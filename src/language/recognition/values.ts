import { readNumber } from '../input/numberInput';
import { headOfToken, isName, isOp, NAME, NUMBER, OP, STRING, tokenText, type PythonTokens } from './pythonScanner';
import { nameTokensSpelled } from './spelledTokens';
import { baseStoredAttribute } from './lossBaseAttributes';
import { configuredByDecorator } from './decorators';
import { CALLED_METHODS } from './dataclassLoss';
import { storesParameter } from './attributeStores';
import { reachingBindings } from './lossBindings';
import { closeOf, enclosingClass, lookUpName, MODULE_SCOPE, parametersOf, readDotted, splitTopLevel, type Binding, type Parameter, type PythonModule } from './pythonModule';
import { ARRAY_CONSTRUCTORS, ARRAY_LIBRARIES, combine, CONVENTIONAL_ARRAY_HEADS, filled, isNumberArray, MAX_ARRAY_LENGTH, negate, sameValue, VALUE_PRESERVING_METHODS, type ArithmeticOp, type Value } from './arrayValues';

/*
 * Evaluating the small expressions loss parameters are written with: literals, -x, simple
 * arithmetic, names or `self.x` that are bound to such expressions elsewhere in the file, and 1-D
 * lists and tensors of numbers (`torch.tensor([1.0, 3.0]).to(device)`, `torch.ones(C) * 2`).
 * Anything else (a tensor, a function call, a loop variable) is "not known": the caller keeps the
 * source text rather than guessing.
 */

export interface Known {
  readonly value: Value;
  /** Offset of the first binding the value was resolved through; undefined for a plain literal. */
  readonly resolvedAt?: number;
  /**
   * Set when the value goes through a parameter's default in a function (or class) that no call in
   * this file calls: it is what runs unless a call in another file passes another value.
   */
  readonly uncalledDefault?: true;
  /** Where the value was written when that is another file of the workspace (a config module's constant). */
  readonly resolvedIn?: { readonly file: string; readonly line: number };
}

/** A module-level constant `name` of the imported workspace module `module` (`from config import GAMMA`), when certain. */
export type ImportedValue = (module: string, name: string) => Known | undefined;

const MAX_DEPTH = 6;
/**
 * Keras's reduction constants (`tf.keras.losses.Reduction.NONE`): keras ReductionV2 and Keras 3's legacy
 * Reduction hold AUTO = "auto", NONE = "none", SUM = "sum", SUM_OVER_BATCH_SIZE = "sum_over_batch_size".
 * TF1's tf.compat.v1.losses.Reduction spells SUM as "weighted_sum": only the Keras paths are read.
 */
const KERAS_REDUCTIONS = /^(?:tensorflow\.keras|tensorflow\.python\.keras|keras|tf_keras)\.(?:losses\.Reduction|losses\.ReductionV2|utils\.losses_utils\.ReductionV2)\.(AUTO|NONE|SUM|SUM_OVER_BATCH_SIZE)$/;
/** Parentheses and unary signs nest at most this deep in an evaluated expression (no stack overflow on `((((...`). */
const MAX_NESTING = 64;
/** A name bound more often than this is not worth resolving (and would make resolution quadratic). */
const MAX_BINDINGS = 256;

export class Evaluator {
  /** Set when the file's imported workspace modules can be read (the hover in VS Code): their constants count. */
  importedValue: ImportedValue | undefined;

  constructor(private readonly module: PythonModule) {}

  /** Whether `head` (the first segment of a dotted call) names torch, numpy, tensorflow or jax in this file. */
  isArrayLibrary(head: string): boolean {
    const qualified = this.module.imports.get(head) ?? (this.module.scope(0).names.has(head) || this.module.definitions.has(head) ? undefined : CONVENTIONAL_ARRAY_HEADS.get(head));
    return qualified !== undefined && ARRAY_LIBRARIES.has(qualified.split('.')[0]!);
  }

  /** The fully qualified name a bare imported name stands for (`tensor` after `from torch import tensor`). */
  importOf(name: string): string | undefined {
    return this.module.imports.get(name);
  }

  /** The value of tokens [from, to) evaluated in `scope` at `offset`, or undefined when not known. */
  evaluate(from: number, to: number, scope: number, offset: number, depth = 0): Known | undefined {
    if (from < 0 || from >= to || depth > MAX_DEPTH) return undefined;
    const parser = new ExpressionReader(this, this.module.tokens, from, to, scope, offset, depth);
    const value = parser.expression();
    if (value === undefined || parser.position !== to) return undefined;
    const known: Known = parser.resolvedIn ? { value, resolvedIn: parser.resolvedIn } : parser.resolvedAt === undefined ? { value } : { value, resolvedAt: parser.resolvedAt };
    return parser.uncalledDefault ? { ...known, uncalledDefault: true } : known;
  }

  /** A bare name seen from `scope` at `offset`: the innermost binding, Python's scoping (class bodies are skipped from methods). */
  resolveName(name: string, scope: number, offset: number, depth: number): Known | undefined {
    const found = lookUpName(this.module, name, scope);
    if (!found) return this.importedName(name);
    // Seen from a function, module assignments may run in any order relative to the call.
    if ('bindings' in found) return this.fromBindings(found.bindings, offset, depth, found.scope === MODULE_SCOPE && found.scope !== scope);
    // A parameter's literal default (e.g. `def __init__(self, gamma=2.0)`), unless a call in the file passes
    // that parameter (`FocalLoss(gamma=2, reduction="none")`): then the default is not what runs there.
    const parameter = found.parameter;
    if (parameter.from < 0 || parameter.star !== '') return undefined;
    const passing = this.passing(found.scope, parameter);
    if (passing === 'maybe') return undefined;
    const known = this.evaluate(parameter.from, parameter.to, this.module.scope(found.scope).parent, parameter.offset, depth + 1);
    return known && { value: known.value, resolvedAt: parameter.offset, ...(passing === 'uncalled' || known.uncalledDefault ? { uncalledDefault: true as const } : {}) };
  }

  /** A name this file imports from a workspace module (`from config import GAMMA`, or `*`): that module's constant. */
  private importedName(name: string): Known | undefined {
    if (!this.importedValue) return undefined;
    const qualified = this.module.imports.get(name);
    const dot = qualified?.lastIndexOf('.') ?? -1;
    if (qualified && dot > 0) return this.importedValue(qualified.slice(0, dot), qualified.slice(dot + 1));
    for (const star of this.module.starImports) {
      const known = this.importedValue(star, name);
      if (known) return known;
    }
    return undefined;
  }

  /** `cnf.GAMMA` where `cnf` is an imported workspace module (`import configs.default_config as cnf`): its constant. */
  moduleAttribute(head: string, attribute: string): Known | undefined {
    const module = this.importedValue && this.module.imports.get(head);
    // A script overriding its config module's constant (`cnf.FL_GAMMA = args.gamma`) decides at run time.
    return module && !storesParameter(this.module, [head], [attribute], MODULE_SCOPE) ? this.importedValue!(module, attribute) : undefined;
  }

  /** Argument lists (token ranges) of the calls of each name in the file, found on first use. */
  private readonly callArguments = new Map<string, { readonly args: [number, number][]; readonly selfTest: boolean }[]>();

  /**
   * Whether some call in the file of the function of def scope `scope` (its class, for `__init__`) may pass
   * `parameter` ('maybe': by keyword, at its position, or through `*args` / `**kwargs`), none does ('never'),
   * or the file never calls it ('uncalled').
   */
  private passing(scope: number, parameter: Parameter): 'maybe' | 'never' | 'uncalled' {
    const { tokens } = this.module;
    const def = this.module.scope(scope);
    const owner = def.parent >= 0 ? this.module.scope(def.parent) : undefined;
    const isMethod = owner !== undefined && owner.kind === 'class';
    if (configuredByDecorator(this.module, def, owner)) return 'maybe';
    // A module's forward (Keras's call, any __call__) runs through its instances, `loss(pred, label, mask)`,
    // which a search for the method's name does not find (d2l's SigmoidBCELoss.forward(..., mask=None)).
    if (isMethod && CALLED_METHODS.includes(def.name)) return 'maybe';
    const callee = isMethod && def.name === '__init__' ? owner.name : def.name;
    const position = parametersOf(tokens, def).indexOf(parameter) - (isMethod ? 1 : 0);
    const calls = this.callsOf(callee);
    if (calls.length === 0) return 'uncalled';
    for (const { args } of calls) {
      let positional = 0;
      for (const [from] of args) {
        if (isOp(tokens, from, '*') || isOp(tokens, from, '**')) return 'maybe';
        if (tokens.kind[from] === NAME && isOp(tokens, from + 1, '=')) {
          if (isName(tokens, from, parameter.name)) return 'maybe';
          continue;
        }
        if (!parameter.keywordOnly && positional === position) return 'maybe';
        positional++;
      }
    }
    // Built only by the module's self-test (`if __name__ == "__main__":` under a loss class, as
    // pytorch-deeplab-xception's utils/loss.py does): the real construction is in another file.
    return calls.every((call) => call.selfTest) ? 'uncalled' : 'never';
  }

  private callsOf(name: string): { readonly args: [number, number][]; readonly selfTest: boolean }[] {
    let calls = this.callArguments.get(name);
    if (calls === undefined) {
      const { tokens } = this.module;
      calls = [];
      // One search of the text for the name, not a walk over every token (hover after an edit of a large file).
      for (const i of nameTokensSpelled(tokens, [name])) {
        if (!isName(tokens, i, name) || !isOp(tokens, i + 1, '(') || isName(tokens, i - 1, 'def') || isName(tokens, i - 1, 'class')) continue;
        calls.push({ args: splitTopLevel(tokens, i + 2, closeOf(tokens, i + 1)), selfTest: inMainGuard(tokens, i) });
      }
      this.callArguments.set(name, calls);
    }
    return calls;
  }

  /** `self.attr` inside a method: assignments in the class's methods (the one in __init__ first) or a class attribute. */
  resolveSelf(attribute: string, scope: number, depth: number): Known | undefined {
    const classScope = enclosingClass(this.module, scope);
    if (classScope < 0) return undefined;
    const owner = this.module.scope(classScope);
    const bindings = owner.selfAttributes.get(attribute);
    if (bindings) {
      const init = owner.methods.get('__init__');
      const inInit = bindings.filter((b) => b.scope === init);
      // Another method that sets it (`def update_weight(self, w): self.weight = w`) may run before any
      // call: __init__'s value is then not known to be the one used. Moving it (`self.alpha =
      // self.alpha.to(x.device)`) keeps the value.
      const { tokens } = this.module;
      const keepsValue = (b: Binding) => b.from >= 0 && isName(tokens, b.from, 'self') && isOp(tokens, b.from + 1, '.') && isName(tokens, b.from + 2, attribute) && isOp(tokens, b.from + 3, '.');
      if (inInit.length > 0 && bindings.some((b) => b.scope !== init && !keepsValue(b))) return undefined;
      return this.fromBindings(inInit.length > 0 ? inInit : bindings, Infinity, depth, true);
    }
    const classLevel = owner.names.get(attribute);
    if (classLevel) return this.fromBindings(classLevel, Infinity, depth, true);
    return this.resolveBaseStored(classScope, attribute, depth);
  }

  /**
   * `self.reduction` / `self.weight` that torch's `_Loss` / `_WeightedLoss` stores from the class's call
   * of its __init__ (lossBaseAttributes.ts): the argument read in `__init__` (a parameter's default,
   * unless a construction passes it), or the base's own default at that call's line.
   */
  private resolveBaseStored(classScope: number, attribute: string, depth: number): Known | undefined {
    const stored = baseStoredAttribute(this.module, classScope, attribute);
    if (!stored) return undefined;
    const { tokens } = this.module;
    const offset = tokens.startAt(stored.call);
    let uncalled = false;
    // The legacy size_average / reduce decide the reduction unless both are None.
    for (const [from, to] of stored.legacy) {
      const known = this.evaluate(from, to, stored.init, offset, depth + 1);
      if (!known || known.value !== null) return undefined;
      uncalled ||= known.uncalledDefault === true;
    }
    let known: Known | undefined;
    if (stored.from < 0) known = { value: stored.baseDefault, resolvedAt: offset };
    else {
      const read = this.evaluate(stored.from, stored.to, stored.init, offset, depth + 1);
      known = read && { value: read.value, resolvedAt: read.resolvedAt ?? offset, ...(read.uncalledDefault ? { uncalledDefault: true as const } : {}) };
    }
    return known && uncalled ? { ...known, uncalledDefault: true } : known;
  }

  /**
   * One value from several bindings of a name: those before `offset` that may reach it (the last unconditional
   * one and any under an if / loop / except after it: `if balanced: alpha = 0.25 else: alpha = -1` is not -1), which
   * must agree; in module scope (or when none is before) every binding must agree, since functions may run after
   * later assignments.
   */
  private fromBindings(bindings: readonly Binding[], offset: number, depth: number, anyOrder: boolean): Known | undefined {
    if (bindings.length > MAX_BINDINGS) return undefined;
    let chosen: readonly Binding[] = bindings.filter((b) => b.offset < offset);
    if (chosen.length > 0 && !anyOrder) chosen = reachingBindings(this.module, chosen);
    else if (chosen.length === 0 || anyOrder) chosen = [...bindings];
    let result: Known | undefined;
    let uncalled = false;
    for (const binding of chosen) {
      if (binding.from < 0) return undefined;
      const known = this.evaluate(binding.from, binding.to, binding.scope, binding.offset, depth + 1);
      if (!known) return undefined;
      if (result && !sameValue(result.value, known.value)) return undefined;
      // Point at the literal itself (e.g. the __init__ default behind `self.gamma = gamma`), in its file.
      result ??= known.resolvedIn ? { value: known.value, resolvedIn: known.resolvedIn } : { value: known.value, resolvedAt: known.resolvedAt ?? binding.offset };
      uncalled ||= known.uncalledDefault === true;
    }
    return result && uncalled ? { ...result, uncalledDefault: true } : result;
  }
}

/** Recursive descent over: literal | name | self.name | ( e ) | -e | +e | e (+ - * / // **) e | float(e) | int(e). */
class ExpressionReader {
  position: number;
  resolvedAt: number | undefined;
  resolvedIn: Known['resolvedIn'];
  /** Whether some value read went through an uncalled function's parameter default (Known.uncalledDefault). */
  uncalledDefault = false;
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

  expression(): Value | undefined {
    let left = this.term();
    while (left !== undefined && this.position < this.to && (this.op('+') || this.op('-'))) {
      const which = this.text(this.position) as ArithmeticOp;
      this.position++;
      left = combine(left, which, this.term());
    }
    return left;
  }

  private term(): Value | undefined {
    let left = this.unary();
    while (left !== undefined && this.position < this.to && (this.op('*') || this.op('/') || this.op('//'))) {
      const which = this.text(this.position) as ArithmeticOp;
      this.position++;
      left = combine(left, which, this.unary());
    }
    return left;
  }

  private unary(): Value | undefined {
    if (this.op('-') || this.op('+')) {
      const minus = this.op('-');
      this.position++;
      if (++this.nesting > MAX_NESTING) return undefined;
      const value = this.unary();
      this.nesting--;
      return minus ? negate(value) : typeof value === 'number' || isNumberArray(value) ? value : undefined;
    }
    const base = this.atom();
    if (base !== undefined && this.op('**')) {
      this.position++;
      return combine(base, '**', this.unary());
    }
    return base;
  }

  private atom(): Value | undefined {
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
    if (isOp(this.tokens, t, '[') || (isOp(this.tokens, t, '(') && this.isTuple(t))) return this.numberList(t);
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
    if (isOp(this.tokens, t + 1, '.') && this.tokens.kind[t + 2] === NAME && !isOp(this.tokens, t + 3, '.') && !isOp(this.tokens, t + 3, '(') && !isOp(this.tokens, t + 3, '[')) {
      const known = this.evaluator.moduleAttribute(name, this.text(t + 2));
      if (known) {
        this.position = t + 3;
        return this.take(known);
      }
    }
    if (isOp(this.tokens, t + 1, '.')) {
      const [dotted, next] = readDotted(this.tokens, t, this.to);
      const head = dotted.split('.')[0]!;
      const reduction = KERAS_REDUCTIONS.exec((this.evaluator.importOf(head) ?? head) + dotted.slice(head.length));
      if (reduction && !isOp(this.tokens, next, '(') && !isOp(this.tokens, next, '.')) {
        this.position = next;
        return reduction[1]!.toLowerCase();
      }
    }
    if (isOp(this.tokens, t + 1, '.') || isOp(this.tokens, t + 1, '(')) return this.arrayCall(t);
    if (isOp(this.tokens, t + 1, '[') || isName(this.tokens, t, 'lambda')) return undefined;
    this.position++;
    return this.take(this.evaluator.resolveName(name, this.scope, this.offset, this.depth + 1));
  }

  /** Whether the parenthesis at `open` holds a tuple: a comma at its top level. */
  private isTuple(open: number): boolean {
    const close = this.tokens.match[open]!;
    if (close <= open + 1 || close >= this.to) return false;
    return isOp(this.tokens, close - 1, ',') || splitTopLevel(this.tokens, open + 1, close).length > 1;
  }

  /** `[a, b, ...]` or `(a, b, ...)` of numbers: a 1-D array (nested lists are not read). */
  private numberList(open: number): Value | undefined {
    const close = this.tokens.match[open]!;
    if (close <= open || close >= this.to) return undefined;
    const pieces = splitTopLevel(this.tokens, open + 1, close);
    if (pieces.length > MAX_ARRAY_LENGTH) return undefined;
    const numbers: number[] = [];
    for (const [from, to] of pieces) {
      const element = this.evaluator.evaluate(from, to, this.scope, this.offset, this.depth + 1);
      if (!element || typeof element.value !== 'number') return undefined;
      if (this.resolvedAt === undefined) this.resolvedAt = element.resolvedAt;
      this.uncalledDefault ||= element.uncalledDefault === true;
      numbers.push(element.value);
    }
    this.position = close + 1;
    return numbers;
  }

  /**
   * A tensor built from numbers: `torch.tensor(x)`, `np.array(x)`, `tf.constant(x)` (the value of x),
   * `torch.ones(n)`, `torch.full((n,), k)`, then any of `.to(device)`, `.cuda()`, `.float()`, ...
   */
  private arrayCall(t: number): Value | undefined {
    let k = t;
    while (isOp(this.tokens, k + 1, '.') && this.tokens.kind[k + 2] === NAME) k += 2;
    const open = k + 1;
    if (!isOp(this.tokens, open, '(')) return undefined;
    const close = this.tokens.match[open]!;
    if (close <= open || close >= this.to) return undefined;
    const head = this.text(t);
    const name = this.text(k);
    const qualified = k === t ? this.evaluator.importOf(head) : undefined;
    if (k === t ? qualified === undefined || !ARRAY_LIBRARIES.has(qualified.split('.')[0]!) : !this.evaluator.isArrayLibrary(head)) return undefined;
    const member = k === t ? qualified!.slice(qualified!.lastIndexOf('.') + 1) : name;
    const positional: [number, number][] = [];
    let fill: [number, number] | undefined;
    for (const [from, to] of splitTopLevel(this.tokens, open + 1, close)) {
      if (this.tokens.kind[from] === NAME && isOp(this.tokens, from + 1, '=')) {
        if (this.text(from) === 'fill_value') fill = [from + 2, to];
        continue; // dtype=, device=, requires_grad=: the numbers stay the same
      }
      positional.push([from, to]);
    }
    const value = (range: [number, number] | undefined) => {
      if (!range) return undefined;
      const known = this.evaluator.evaluate(range[0], range[1], this.scope, this.offset, this.depth + 1);
      if (known && this.resolvedAt === undefined) this.resolvedAt = known.resolvedAt;
      this.uncalledDefault ||= known?.uncalledDefault === true;
      return known?.value;
    };
    let result: Value | undefined;
    if (ARRAY_CONSTRUCTORS.has(member) && positional.length >= 1) {
      const data = value(positional[0]);
      result = typeof data === 'number' || isNumberArray(data) ? data : undefined;
    } else if (member === 'ones' && positional.length === 1) result = filled(value(positional[0]), 1);
    else if (member === 'full' && positional.length >= 1) result = filled(value(positional[0]), value(positional[1] ?? fill));
    if (result === undefined) return undefined;
    let end = close + 1;
    while (isOp(this.tokens, end, '.') && this.tokens.kind[end + 1] === NAME && VALUE_PRESERVING_METHODS.has(this.text(end + 1)) && isOp(this.tokens, end + 2, '(')) {
      const methodClose = this.tokens.match[end + 2]!;
      if (methodClose <= end + 2 || methodClose >= this.to) return undefined;
      end = methodClose + 1;
    }
    this.position = end;
    return result;
  }

  private take(known: Known | undefined): Value | undefined {
    if (!known) return undefined;
    if (this.resolvedAt === undefined && this.resolvedIn === undefined) {
      this.resolvedAt = known.resolvedAt;
      this.resolvedIn = known.resolvedIn;
    }
    this.uncalledDefault ||= known.uncalledDefault === true;
    return known.value;
  }

  private op(op: string): boolean {
    return this.tokens.kind[this.position] === OP && isOp(this.tokens, this.position, op);
  }

  private text(i: number): string {
    return this.tokens.text.slice(this.tokens.startAt(i), this.tokens.endAt(i));
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

/** Whether token `k` lies in a module-level `if __name__ == "__main__":` block. */
function inMainGuard(tokens: PythonTokens, k: number): boolean {
  let head = headOfToken(tokens, k);
  while (head > 0 && tokens.headIndent[head]! > 0) head--;
  const h = tokens.heads[head]!;
  if (h === k || !isName(tokens, h, 'if') || !isName(tokens, h + 1, '__name__') || !isOp(tokens, h + 2, '==') || tokens.kind[h + 3] !== STRING) return false;
  const quoted = tokenText(tokens, h + 3);
  return quoted.slice(1, -1) === '__main__' && isOp(tokens, h + 4, ':');
}
