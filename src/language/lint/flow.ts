import { NAME, NUMBER, isName, isOp, type PythonTokens } from '../recognition/pythonScanner';
import { enclosingClass, parametersOf, splitTopLevel, type PythonModule } from '../recognition/pythonModule';
import type { Assignment, BindingTable } from './bindings';
import { ACTIVATION_LAYERS, ACTIVATION_ONLY, KERAS_MODEL, SEQUENTIAL, activationNature, functionNature, layerNature, methodNature, qualify, type Nature } from './producers';
import { argumentAt, argumentsOf, dottedName, isPostfixChain, rangeText, text, topLevelWord } from './syntax';

/*
 * The lint's data flow: what a value at a loss call is (softmax / log_softmax / sigmoid output, raw
 * logits, or unknown) and where that was decided. Certain only: a name follows the assignment that
 * dominates the use (branches that disagree give unknown), `self.x` its one value in the class, a
 * model call the class's forward (every return agreeing), an nn.Sequential / Keras model its last
 * layer. Anything else (parameters, other files, arithmetic, library calls) is unknown.
 */

/** How the producer reaches the value: written at the place (`call`: a function or method; `layer`: an activation module called there), through a name, or inside a model. */
export type Via = 'call' | 'layer' | 'name' | 'model';

export interface Val {
  readonly nature: Nature;
  readonly via: Via;
  /** Offsets of the producer (the activation call, the last layer, the Linear layer), for related information. */
  readonly producerStart: number;
  readonly producerEnd: number;
  /** What the producer is, as written ('F.softmax', 'nn.Softmax(dim=1)'). */
  readonly producerText: string;
  /** Token range of the producer call as written at the place (via call / layer), and of its input. */
  readonly callFrom?: number;
  readonly callTo?: number;
  readonly inputFrom?: number;
  readonly inputTo?: number;
  /** For function and method producers: the token of the function's name (`softmax`). */
  readonly nameToken?: number;
  /** For via 'name': the scope and offset of the assignment that holds the producer. */
  readonly assignScope?: number;
  readonly assignOffset?: number;
  /** For a Sequential model written in the file: the text range that removes its last layer. */
  readonly removal?: { readonly start: number; readonly end: number };
}

export interface Tuple {
  readonly tuple: readonly (Val | undefined)[];
}

export type Result = Val | Tuple | undefined;

/** A callable: an activation / linear layer, or a model (calling it gives `result`). */
type Obj =
  | { readonly kind: 'layer'; readonly nature: Nature; readonly start: number; readonly end: number; readonly text: string }
  | { readonly kind: 'model'; readonly result: Result };

const SHAPE_METHODS = new Set(['view', 'reshape', 'squeeze', 'unsqueeze', 'flatten', 'float', 'double', 'half', 'contiguous', 'detach', 'clone', 'to', 'cuda', 'cpu', 'permute', 'transpose', 'view_as', 'reshape_as', 'type', 'bfloat16']);
const MAX_DEPTH = 24;

export class Flow {
  private readonly tokens: PythonTokens;
  private readonly visiting = new Set<string>();

  constructor(
    private readonly module: PythonModule,
    private readonly table: BindingTable,
  ) {
    this.tokens = module.tokens;
  }

  /** The value of the expression [from, to) evaluated in `scope` at offset `at`. */
  valueOf(from: number, to: number, scope: number, at: number, depth = 0): Result {
    const t = this.tokens;
    if (from >= to || depth > MAX_DEPTH) return undefined;
    if (isOp(t, from, '(') && t.match[from] === to - 1) {
      const inner = splitTopLevel(t, from + 1, to - 1);
      if (inner.length === 1 && !isOp(t, to - 2, ',')) return this.valueOf(from + 1, to - 1, scope, at, depth + 1);
    }
    const ifAt = topLevelWord(t, from, to, 'if');
    if (ifAt > from) {
      const elseAt = topLevelWord(t, ifAt, to, 'else');
      if (elseAt < 0) return undefined;
      return agree(this.valueOf(from, ifAt, scope, at, depth + 1), this.valueOf(elseAt + 1, to, scope, at, depth + 1));
    }
    const pieces = splitTopLevel(t, from, to);
    if (pieces.length > 1 || isOp(t, to - 1, ',')) return { tuple: pieces.map(([s, e]) => asVal(this.valueOf(s, e, scope, at, depth + 1))) };
    if (!isPostfixChain(t, from, to)) return undefined;
    return this.chainValue(from, to, scope, at, depth + 1);
  }

  private chainValue(from: number, to: number, scope: number, at: number, depth: number): Result {
    const t = this.tokens;
    if (to - from === 1 && t.kind[from] === NAME) return this.nameValue(text(t, from), scope, at, depth);
    if (to - from === 3 && isName(t, from, 'self') && isOp(t, from + 1, '.')) return this.selfValue(text(t, from + 2), scope, depth);
    const last = to - 1;
    if (isOp(t, last, ']')) {
      const open = t.match[last]!;
      const base = this.valueOf(from, open, scope, at, depth + 1);
      if (base && 'tuple' in base) {
        const index = open + 2 === last && t.kind[open + 1] === NUMBER ? Number(text(t, open + 1)) : NaN;
        return Number.isInteger(index) ? base.tuple[index] : undefined;
      }
      return base;
    }
    if (!isOp(t, last, ')')) return undefined;
    const open = t.match[last]!;
    if (open <= from) return undefined;
    const dotted = dottedName(t, from, open);
    const qualified = dotted !== undefined ? qualify(this.module, dotted, (head) => this.isLocal(head, scope)) : undefined;
    if (qualified !== undefined) {
      const nature = functionNature(qualified);
      if (nature) return this.produced(nature, 'call', from, to, open, argumentAt(argumentsOf(t, open), 0, ['input', 'x', 'logits', 'features']), open - 1);
    }
    if (qualified === undefined && open - from >= 3 && isOp(t, open - 2, '.') && t.kind[open - 1] === NAME) {
      const method = text(t, open - 1);
      const nature = methodNature(method);
      if (nature) return this.produced(nature, 'call', from, to, open, { valueFrom: from, to: open - 2 }, open - 1);
      if (SHAPE_METHODS.has(method)) return this.valueOf(from, open - 2, scope, at, depth + 1);
      if (dotted === undefined || !dotted.startsWith('self.')) return undefined;
    }
    if (dotted === 'self' || dotted === 'self.forward') return asModel(this.forwardOf(enclosingClass(this.module, scope), depth + 1));
    if (qualified !== undefined && layerNature(qualified) === undefined && !SEQUENTIAL.has(qualified) && !KERAS_MODEL.has(qualified)) return undefined;
    const obj = this.objectOf(from, open, scope, at, depth + 1);
    if (!obj) return undefined;
    if (obj.kind === 'model') return asModel(obj.result);
    const input = argumentAt(argumentsOf(t, open), 0, ['input', 'x', 'inputs']);
    return {
      nature: obj.nature, via: 'layer', producerStart: t.start[from]!, producerEnd: t.end[last]!, producerText: obj.text,
      callFrom: from, callTo: to, inputFrom: input?.valueFrom, inputTo: input?.to,
    };
  }

  private produced(nature: Nature, via: Via, from: number, to: number, open: number, input: { valueFrom: number; to: number } | undefined, nameToken: number): Val {
    const t = this.tokens;
    return {
      nature, via, producerStart: t.start[from]!, producerEnd: t.end[to - 1]!, producerText: rangeText(t, from, open),
      callFrom: from, callTo: to, inputFrom: input?.valueFrom, inputTo: input?.to, nameToken,
    };
  }

  /** Whether `name` is bound locally (assigned or a parameter) from `scope`, so it is not a module head. */
  private isLocal(name: string, scope: number): boolean {
    if (this.module.imports.has(name)) return false;
    for (let s = scope; s >= 0; s = this.module.scopes[s]!.parent) {
      if (this.table.names.get(s)?.has(name)) return true;
      const current = this.module.scopes[s]!;
      if (current.kind === 'def' && parametersOf(this.tokens, current).some((p) => p.name === name)) return true;
    }
    return false;
  }

  private nameValue(name: string, scope: number, at: number, depth: number): Result {
    const found = this.candidates(name, scope, at);
    if (!found) return undefined;
    let result: Result;
    for (let i = 0; i < found.length; i++) {
      const a = found[i]!;
      let v = a.from < 0 ? undefined : this.valueOf(a.from, a.to, a.scope, a.offset, depth + 1);
      if (a.index >= 0) v = v && 'tuple' in v && v.tuple.length === a.count ? v.tuple[a.index] : undefined;
      else if (v && 'tuple' in v) v = undefined;
      if (!v) return undefined;
      const named: Val = v.via === 'call' || v.via === 'layer' ? { ...v, via: 'name', assignScope: a.scope, assignOffset: a.offset } : v;
      result = i === 0 ? named : agree(result, named);
      if (!result) return undefined;
    }
    return result;
  }

  private selfValue(attribute: string, scope: number, depth: number): Result {
    const owner = enclosingClass(this.module, scope);
    const list = owner < 0 ? undefined : this.table.selfAttributes.get(owner)?.get(attribute);
    if (!list || list.length === 0) return undefined;
    let result: Result;
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      let v = a.from < 0 ? undefined : this.valueOf(a.from, a.to, a.scope, a.offset, depth + 1);
      if (a.index >= 0) v = v && 'tuple' in v && v.tuple.length === a.count ? v.tuple[a.index] : undefined;
      if (!v || 'tuple' in v) return undefined;
      result = i === 0 ? v : agree(result, v);
      if (!result) return undefined;
    }
    return result;
  }

  /**
   * The assignments a use of `name` at `at` may see: in the use's own scope, the last one that
   * dominates the use and any later ones in branches; from an enclosing scope, all of them. Undefined
   * when the name is a parameter or import there, or nothing certain binds it.
   */
  private candidates(name: string, scope: number, at: number): Assignment[] | undefined {
    const scopes = this.module.scopes;
    let innermost = true;
    for (let s = scope; s >= 0; s = scopes[s]!.parent) {
      const current = scopes[s]!;
      if (current.kind === 'class' && !innermost) continue;
      const own = this.table.names.get(s)?.get(name);
      const isParameter = current.kind === 'def' && parametersOf(this.tokens, current).some((p) => p.name === name);
      if (own && own.length > 0) {
        if (!innermost) return own;
        const before = own.filter((a) => a.end <= at);
        if (before.length === 0) return undefined;
        const useHead = headAtOffset(this.tokens, at);
        const chosen: Assignment[] = [];
        let dominated = false;
        for (let i = before.length - 1; i >= 0; i--) {
          chosen.push(before[i]!);
          if (this.dominates(before[i]!, useHead)) { dominated = true; break; }
        }
        if (!dominated && (chosen.length < 2 || isParameter)) return undefined;
        return chosen;
      }
      if (isParameter || this.module.imports.has(name) || current.names.has(name)) return undefined;
      innermost = false;
    }
    return undefined;
  }

  /** Whether assignment `a` runs on every path to the logical line `useHead` (by indentation). */
  private dominates(a: Assignment, useHead: number): boolean {
    const indents = this.tokens.headIndent;
    if (indents[useHead]! < a.indent) return false;
    for (let h = a.head + 1; h < useHead; h++) if (indents[h]! < a.indent) return false;
    return true;
  }

  /** What calling the class's forward (`__call__`, Keras `call`) returns: every return agreeing. */
  forwardOf(classScope: number, depth: number): Result {
    if (classScope < 0 || depth > MAX_DEPTH) return undefined;
    const owner = this.module.scopes[classScope]!;
    const method = owner.methods.get('forward') ?? owner.methods.get('__call__') ?? owner.methods.get('call');
    return method === undefined ? undefined : this.returnsOf(method, depth);
  }

  private returnsOf(defScope: number, depth: number): Result {
    const key = `r${defScope}`;
    if (this.visiting.has(key)) return undefined;
    const returns = this.table.returns.get(defScope);
    if (!returns || returns.length === 0) return undefined;
    this.visiting.add(key);
    try {
      let result: Result;
      for (let i = 0; i < returns.length; i++) {
        const r = returns[i]!;
        const v = this.valueOf(r.from, r.to, defScope, r.offset, depth + 1);
        if (!v) return undefined;
        result = i === 0 ? v : agree(result, v);
        if (!result) return undefined;
      }
      return result;
    } finally {
      this.visiting.delete(key);
    }
  }

  /** The expression [from, to) as a callable: a layer or a model, followed through names. */
  objectOf(from: number, to: number, scope: number, at: number, depth: number): Obj | undefined {
    const t = this.tokens;
    if (from >= to || depth > MAX_DEPTH) return undefined;
    const dotted = dottedName(t, from, to);
    if (dotted !== undefined && (to - from === 1 || (to - from === 3 && dotted.startsWith('self.')))) {
      const isSelf = to - from === 3;
      const name = isSelf ? dotted.slice(5) : dotted;
      const list = isSelf ? this.selfAssignments(name, scope) : this.candidates(name, scope, at);
      if (!list || list.length !== 1 || list[0]!.from < 0 || list[0]!.index >= 0) return undefined;
      const a = list[0]!;
      return this.objectOfValue(a.from, a.to, a.scope, a.offset, depth + 1, isSelf ? undefined : name, a);
    }
    return this.objectOfValue(from, to, scope, at, depth + 1);
  }

  private selfAssignments(attribute: string, scope: number): Assignment[] | undefined {
    const owner = enclosingClass(this.module, scope);
    return owner < 0 ? undefined : this.table.selfAttributes.get(owner)?.get(attribute);
  }

  /** The scope of the class or function defined in the file under `name` (and not assigned otherwise). */
  private definitionOf(name: string, scope: number): number | undefined {
    const scopes = this.module.scopes;
    for (let s = scope; s >= 0; s = scopes[s]!.parent) {
      if (this.table.names.get(s)?.has(name)) return undefined;
      const bindings = scopes[s]!.names.get(name);
      if (!bindings) continue;
      if (bindings.length !== 1 || bindings[0]!.from >= 0) return undefined;
      const defined = scopes.findIndex((candidate, i) => i > 0 && candidate.parent === s && candidate.name === name && candidate.offset === bindings[0]!.offset);
      return defined < 0 ? undefined : defined;
    }
    return undefined;
  }

  /** The value expression [from, to) as a callable. `name`/`assignment`: the name it is bound to (for Keras `name.add(...)`). */
  private objectOfValue(from: number, to: number, scope: number, at: number, depth: number, name?: string, assignment?: Assignment): Obj | undefined {
    const t = this.tokens;
    if (depth > MAX_DEPTH) return undefined;
    if (to - from === 1 || (to - from === 3 && isName(t, from, 'self'))) return this.objectOf(from, to, scope, at, depth + 1);
    if (!isOp(t, to - 1, ')') || !isPostfixChain(t, from, to)) return undefined;
    const open = t.match[to - 1]!;
    const dotted = dottedName(t, from, open);
    if (dotted === undefined) return undefined;
    const args = argumentsOf(t, open);
    const qualified = qualify(this.module, dotted, (head) => this.isLocal(head, scope));
    const start = t.start[from]!;
    const end = t.end[to - 1]!;
    const written = rangeText(t, from, to);
    if (qualified === undefined) {
      if (open - from !== 1) return undefined;
      // An instance of a class in the file is a model; a function in the file may build and return one.
      const defined = this.definitionOf(dotted, scope);
      if (defined === undefined) return undefined;
      if (this.module.scopes[defined]!.kind === 'class') return { kind: 'model', result: this.forwardOf(defined, depth + 1) };
      return this.functionModel(defined, depth + 1);
    }
    const fixed = layerNature(qualified);
    if (fixed) return { kind: 'layer', nature: fixed, start, end, text: written };
    if (ACTIVATION_LAYERS.has(qualified)) {
      const activation = args.find((a) => a.keyword === 'activation');
      if (!activation) return { kind: 'layer', nature: 'logits', start, end, text: written };
      const value = rangeText(t, activation.valueFrom, activation.to);
      const fn = dottedName(t, activation.valueFrom, activation.to);
      const nature = activationNature(value, fn ? qualify(this.module, fn) : undefined);
      return nature === 'other' ? undefined : { kind: 'layer', nature, start, end, text: written };
    }
    if (ACTIVATION_ONLY.has(qualified)) {
      const first = argumentAt(args, 0, ['activation']);
      if (!first) return undefined;
      const fn = dottedName(t, first.valueFrom, first.to);
      const nature = activationNature(rangeText(t, first.valueFrom, first.to), fn ? qualify(this.module, fn) : undefined);
      return nature === 'other' ? undefined : { kind: 'layer', nature, start, end, text: written };
    }
    if (SEQUENTIAL.has(qualified)) {
      let layers = args.filter((a) => a.keyword === undefined);
      let listed = false;
      if (qualified !== 'torch.nn.Sequential' && layers.length === 1 && isOp(t, layers[0]!.from, '[') && t.match[layers[0]!.from] === layers[0]!.to - 1) {
        const open = layers[0]!.from;
        layers = splitTopLevel(t, open + 1, t.match[open]!).map(([s, e]) => ({ from: s, to: e, valueFrom: s }));
        listed = true;
      } else if (qualified !== 'torch.nn.Sequential' && layers.length > 0) return undefined;
      let lastFrom = -1;
      let lastTo = -1;
      let lastScope = scope;
      let lastAt = at;
      if (layers.length > 0) { lastFrom = layers[layers.length - 1]!.from; lastTo = layers[layers.length - 1]!.to; }
      const adds = name !== undefined && assignment ? this.table.adds.get(assignment.scope)?.get(name)?.filter((open) => t.start[open]! > assignment.end) : undefined;
      if (adds && adds.length > 0) {
        const addOpen = adds[adds.length - 1]!;
        const arg = argumentAt(argumentsOf(t, addOpen), 0, ['layer']);
        if (!arg) return undefined;
        lastFrom = arg.from; lastTo = arg.to; lastScope = assignment!.scope; lastAt = t.start[addOpen]!;
      } else if (qualified !== 'torch.nn.Sequential' && !listed) return undefined;
      if (lastFrom < 0) return undefined;
      const layer = this.objectOfValue(lastFrom, lastTo, lastScope, lastAt, depth + 1);
      if (!layer || layer.kind !== 'layer') return undefined;
      const removal = qualified === 'torch.nn.Sequential' && layers.length > 1 && !adds?.length
        ? { start: t.end[layers[layers.length - 2]!.to - 1]!, end: t.end[lastTo - 1]! }
        : undefined;
      const val: Val = { nature: layer.nature, via: 'model', producerStart: t.start[lastFrom]!, producerEnd: t.end[lastTo - 1]!, producerText: rangeText(t, lastFrom, lastTo), removal };
      return { kind: 'model', result: val };
    }
    if (KERAS_MODEL.has(qualified)) {
      const outputs = argumentAt(args, 1, ['outputs']);
      return outputs ? { kind: 'model', result: this.valueOf(outputs.valueFrom, outputs.to, scope, at, depth + 1) } : undefined;
    }
    return undefined;
  }

  /** Calling what the function returns (a model built and returned by a function in the file). */
  private functionModel(defScope: number, depth: number): Obj | undefined {
    const returns = this.table.returns.get(defScope);
    if (!returns || returns.length !== 1) return undefined;
    const key = `f${defScope}`;
    if (this.visiting.has(key)) return undefined;
    this.visiting.add(key);
    try {
      const r = returns[0]!;
      return this.objectOf(r.from, r.to, defScope, r.offset, depth + 1);
    } finally {
      this.visiting.delete(key);
    }
  }

  /** The one assignment a use of `name` at `at` sees, when it is certain. */
  assignmentOf(name: string, scope: number, at: number): Assignment | undefined {
    const list = this.candidates(name, scope, at);
    return list && list.length === 1 && list[0]!.from >= 0 && list[0]!.index < 0 ? list[0] : undefined;
  }

  /** What the callee [from, to) returns when called (a model's output), for `model.compile(...)`. */
  modelOutput(from: number, to: number, scope: number, at: number): Result {
    const obj = this.objectOf(from, to, scope, at, 0);
    return obj?.kind === 'model' ? asModel(obj.result) : undefined;
  }
}

function asVal(result: Result): Val | undefined {
  return result && !('tuple' in result) ? result : undefined;
}

function asModel(result: Result): Result {
  if (!result) return undefined;
  if ('tuple' in result) return { tuple: result.tuple.map((v) => (v ? { ...v, via: 'model' as const } : undefined)) };
  return { ...result, via: 'model' };
}

/** The value both paths give, or unknown when they differ. */
export function agree(a: Result, b: Result): Result {
  if (!a || !b) return undefined;
  if ('tuple' in a || 'tuple' in b) {
    if (!('tuple' in a) || !('tuple' in b) || a.tuple.length !== b.tuple.length) return undefined;
    return { tuple: a.tuple.map((v, i) => asVal(agree(v, b.tuple[i]))) };
  }
  return a.nature === b.nature ? a : undefined;
}

function headAtOffset(tokens: PythonTokens, offset: number): number {
  let lo = 0;
  let hi = tokens.headCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tokens.start[tokens.heads[mid]!]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
