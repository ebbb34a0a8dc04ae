import { classBases, enclosingClass, findTopLevel, isName, isOp, moduleSelfReceiverEnd, NAME, NUMBER, parametersOf, type PythonModule, type PythonTokens, splitTopLevel, STRING } from '../recognition';
import { assignedBy, type Assignment, type BindingTable, type Mutation, type ReturnStatement } from './bindings';
import { ACTIVATION_LAYERS, ACTIVATION_ONLY, KERAS_MODEL, SEQUENTIAL, SHAPE_FUNCTIONS, TFLEARN_LAYERS, TF_LAYER_FUNCTIONS, WRAPPERS, activationNature, functionNature, layerNature, methodNature, qualify, type Nature } from './producers';
import { argumentAt, argumentsOf, dottedName, dottedTokens, headOfToken, isPostfixChain, nameTokens, rangeText, statementLine, text, tokenAtOffset, topLevelWord, type Argument } from './syntax';

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
  /** For a value that comes out of a model or function of the file: where it is produced there. */
  readonly origin?: Origin;
  /** For a tflearn layer: the edit that makes its activation 'linear' (the layer's output becomes logits everywhere). */
  readonly linearActivation?: { readonly start: number; readonly end: number; readonly newText: string };
  /**
   * Where the value waits between its producer and the use, when that is not a local name: a self
   * attribute set in another method (`self.prob`, set in `__init__`), or a parameter every call site
   * fills with this kind (`y_hat` of `ACGAN.auxiliary_loss`). Messages name it; fixes made at the
   * producer then change what every other reader of the attribute or call site sees.
   */
  readonly holder?: Holder;
  /**
   * One class's column of a softmax / log_softmax output (`probs[:, 1]`): a probability of one class,
   * right for a loss that takes a probability, a double activation for one that takes logits.
   */
  readonly column?: true;
  /**
   * One element of the value's first dimension (`for out in outputs:`, `probs[0]`): what its
   * dimensions are then is not followed, so a subscript of it is unknown.
   */
  readonly row?: true;
  /**
   * The exponential of log-probabilities made elsewhere (`lp.exp()`, `torch.exp(model(x))`): softmax
   * probabilities produced by the exp, whose input is the log_softmax output, so removing the producer
   * leaves log-probabilities (what a loss that applies log_softmax itself, or NLL, takes as they are).
   * An exp with its log_softmax written inside is a plain softmax of the logits (see exponentiated).
   */
  readonly exp?: true;
}

/** See Val.holder: `self.prob` as written, or the parameter and the function it belongs to. */
export type Holder =
  | { readonly kind: 'attribute'; readonly name: string }
  /** The target of `for name in value:`, which takes the value's rows. */
  | { readonly kind: 'row'; readonly name: string }
  | { readonly kind: 'parameter'; readonly name: string; readonly owner: string };

/**
 * Where an imported model's activation is, in the other file (importedModels.ts): the file as its
 * message names it, the producer's range there (0-based lines and characters) and the producer as shown.
 */
export interface Home {
  readonly file: string;
  /** What the sources gave to find the file again (the editor's URI, the CLI's path), when they did. */
  readonly uri?: string;
  readonly start: { readonly line: number; readonly character: number };
  readonly end: { readonly line: number; readonly character: number };
  readonly shown: string;
}

/** Which model or function of the file gives the value, as its message names it. */
export interface Origin {
  /** `Net.forward`, `forward_propagation` (returns ...), or the name a Sequential is bound to (ends in ...). */
  readonly owner: string;
  readonly verb: 'returns' | 'ends';
  /** For a tuple output: the element (0-based) and how many there are. */
  readonly index?: number;
  readonly count?: number;
  /** The value as seen where it is produced (inside the forward or function), for fixes made there. */
  readonly inner: Val;
  /** The def scope of the forward / function (-1 for a Sequential, or a model of another file). */
  readonly scope: number;
  /**
   * A model defined in another file this file imports: where it makes the value there. The value's
   * producer offsets are then the name called in this file, and nothing in this file can be edited at its origin.
   */
  readonly home?: Home;
}

export interface Tuple {
  readonly tuple: readonly (Val | undefined)[];
}

export type Result = Val | Tuple | undefined;

/** A callable: an activation / linear layer, or a model (calling it gives `result`). */
export type Obj =
  | { readonly kind: 'layer'; readonly nature: Nature; readonly start: number; readonly end: number; readonly text: string }
  | { readonly kind: 'model'; readonly result: Result };

/**
 * Tensor methods that move or copy the values without changing them: the kind stays. `resize` /
 * `resize_` keep the elements in order (torch/_tensor.py Tensor.resize, deprecated, calls resize_);
 * `T` / `mT` / `data` are read as attributes.
 */
const SHAPE_METHODS = new Set(['view', 'reshape', 'resize', 'resize_', 'resize_as', 'resize_as_', 'squeeze', 'unsqueeze', 'flatten', 'float', 'double', 'half', 'contiguous', 'detach', 'clone', 'to', 'cuda', 'cpu', 'permute', 'transpose', 't', 'view_as', 'reshape_as', 'expand', 'expand_as', 'type', 'bfloat16', 'movedim', 'swapaxes', 'squeeze_', 'unsqueeze_']);
const SHAPE_ATTRIBUTES = new Set(['T', 'mT', 'data']);
/** The elementwise exponential: of log-probabilities, the probabilities. */
const EXP_FUNCTIONS = new Set(['torch.exp', 'torch.special.exp', 'tf.exp', 'tf.math.exp', 'jax.numpy.exp', 'keras.ops.exp']);
const MAX_DEPTH = 40;
/** Whether the name token `k` is a keyword in a call's arguments: `f(..., k=...)` (not a def's parameter). */
function isCallKeyword(t: PythonTokens, k: number): boolean {
  if (!isOp(t, k + 1, '=') || !(isOp(t, k - 1, '(') || isOp(t, k - 1, ','))) return false;
  const head = t.heads[headOfToken(t, k)]!;
  for (let i = k - 1; i >= head; i--) {
    if (isOp(t, i, ')') || isOp(t, i, ']') || isOp(t, i, '}')) {
      const opener = t.match[i]!;
      if (opener < 0) return false;
      i = opener;
      continue;
    }
    if (isOp(t, i, '[') || isOp(t, i, '{')) return false;
    if (isOp(t, i, '(')) return i > head && (t.kind[i - 1] === NAME || isOp(t, i - 1, ')') || isOp(t, i - 1, ']')) && !isName(t, i - 2, 'def') && !isName(t, i - 1, 'lambda');
  }
  return false;
}

/** An answer the Flow keeps, with the depth its computation needed (see Flow.memo). */
interface Kept {
  readonly value: unknown;
  readonly span: number;
}

/** A use of a name (not an attribute): whether it is called there and which definition of the file it names. */
interface NameUse {
  readonly token: number;
  readonly scope: number;
  /** The name's offset when it is a `def name` (which is no use of that def), else -1. */
  readonly ownDef: number;
  readonly call: boolean;
  /** The definition it names (undefined: none certain), once asked (null before). */
  defined: number | undefined | null;
}

/** A call of a function defined in the file: its '(' token and the scope the call is in. */
interface CallSite {
  readonly open: number;
  readonly scope: number;
  /**
   * Keras `model.compile(loss=fn)` (open -1): Keras calls fn(y_true, y_pred) with the model's output as
   * y_pred; the model's tokens [from, to).
   */
  readonly compiled?: { readonly from: number; readonly to: number };
}

/**
 * The classes and functions of other files that this file imports (importedModels.ts), asked where
 * a callee is a name the file binds only by that import: what calling it gives. One level only.
 */
export interface ImportedKinds {
  /** `Net(...)`, `M.Net(...)`, `build_model(...)`: an instance of the imported class, or the model an imported function returns. */
  object(dotted: string, qualified: string, from: number, to: number): Obj | undefined;
  /** `forward_propagation(X)`: what the imported function returns. */
  returns(dotted: string, qualified: string, from: number, to: number): Result;
}

export class Flow {
  private readonly tokens: PythonTokens;
  private readonly visiting = new Set<string>();
  /** def scope -> every call of it in the file, or null when the function is referenced otherwise. */
  private readonly callSites = new Map<number, readonly CallSite[] | null>();
  /** name -> its uses as the file's tokens give them (for callSitesOf), read once per name. */
  private readonly uses = new Map<string, NameUse[]>();
  /**
   * Answers already computed (an assignment's value or callable, a def's returns, a parameter's
   * value): many loss calls read the same model and the same names. An answer is kept only when
   * nothing cut its computation short (the cycle guard), and with the depth it needed below where
   * it was asked, so a reuse deeper down than MAX_DEPTH allows computes it again: the answers are
   * exactly those of computing every time.
   */
  private readonly memo = new Map<string, Kept>();
  private readonly assignedValues = new Map<Assignment, Kept>();
  private readonly assignedObjects = new Map<Assignment, Kept>();
  /** How many computations the cycle guard cut short, and the deepest depth reached (see remember). */
  private cuts = 0;
  private scopesByOffset: Map<number, number> | undefined;
  private shallower: Int32Array | undefined;
  private deepest = 0;
  private methodClasses: Map<string, number> | undefined;

  constructor(
    private readonly module: PythonModule,
    private readonly table: BindingTable,
    /** Models of the files this one imports (absent: this file alone, as in the imported files' own flows). */
    private readonly imported?: ImportedKinds,
  ) {
    this.tokens = module.tokens;
  }

  /** The value of the expression [from, to) evaluated in `scope` at offset `at`. */
  valueOf(from: number, to: number, scope: number, at: number, depth = 0): Result {
    const t = this.tokens;
    if (depth > this.deepest) this.deepest = depth;
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
      if (!base || base.row) return undefined;
      // Rows (`probs[mask]`, `probs[:n]`) keep the class dimension; `probs[:, 1]` keeps one class of it.
      if ((base.nature === 'softmax' || base.nature === 'log_softmax') && selectsColumns(t, open + 1, last)) return { ...base, column: true };
      return dropsFirstDimension(t, open + 1, last) ? { ...base, row: true } : base;
    }
    if (t.kind[last] === NAME && isOp(t, last - 1, '.') && last - 1 > from && SHAPE_ATTRIBUTES.has(text(t, last))) return this.valueOf(from, last - 1, scope, at, depth + 1);
    if (!isOp(t, last, ')')) return undefined;
    const open = t.match[last]!;
    if (open <= from) return undefined;
    const dotted = dottedName(t, from, open);
    const qualified = dotted !== undefined ? qualify(this.module, dotted, (head) => this.isLocal(head, scope)) : undefined;
    if (qualified !== undefined) {
      if (EXP_FUNCTIONS.has(qualified)) {
        const input = argumentAt(argumentsOf(t, open), 0, ['input', 'x']);
        return input ? this.exponentiated(from, to, open, input, scope, at, depth) : undefined;
      }
      const nature = functionNature(qualified);
      if (nature) return this.produced(nature, 'call', from, to, open, argumentAt(argumentsOf(t, open), 0, ['input', 'x', 'logits', 'features']), open - 1);
      if (TFLEARN_LAYERS.has(qualified) || TF_LAYER_FUNCTIONS.has(qualified)) return this.tflearnLayer(from, to, open, TF_LAYER_FUNCTIONS.has(qualified));
      if (SHAPE_FUNCTIONS.has(qualified)) {
        const input = argumentAt(argumentsOf(t, open), 0, ['input', 'a', 'x', 'tensor']);
        return input ? this.valueOf(input.valueFrom, input.to, scope, at, depth + 1) : undefined;
      }
    }
    if (qualified === undefined && dotted !== undefined && open - from === 1) {
      // A function defined in the file: what its returns give.
      const defined = this.definitionOf(dotted, scope);
      if (defined !== undefined && this.module.scopes[defined]!.kind === 'def') return asModel(tagOrigin(this.returnsOf(defined, depth + 1), dotted, 'returns', defined));
    }
    if (dotted !== undefined && dotted.startsWith('self.') && open - from === 3 && dotted !== 'self.forward') {
      // `self.helper(x)`: a method of the enclosing class that no other class of the file defines.
      const owner = enclosingClass(this.module, scope);
      const methodName = dotted.slice(5);
      const method = owner < 0 ? undefined : this.module.scopes[owner]!.methods.get(methodName);
      if (method !== undefined && this.classesDefining(methodName) === 1) {
        return asModel(tagOrigin(this.returnsOf(method, depth + 1), `${this.module.scopes[owner]!.name}.${methodName}`, 'returns', method));
      }
    }
    if (qualified === undefined && open - from >= 3 && isOp(t, open - 2, '.') && t.kind[open - 1] === NAME) {
      const method = text(t, open - 1);
      if ((method === 'forward' || method === 'call') && !(open - 2 === from + 1 && isName(t, from, 'self'))) {
        // `model.forward(x)`: calling the model.
        const obj = this.objectOf(from, open - 2, scope, at, depth + 1);
        return obj?.kind === 'model' ? asModel(obj.result) : undefined;
      }
      if (method === 'exp' && open + 1 === last) return this.exponentiated(from, to, open, { valueFrom: from, to: open - 2 }, scope, at, depth);
      // `self.softmax(x)` calls the module's attribute (`self.softmax = nn.LogSoftmax(dim=1)`), not Tensor.softmax.
      const nature = open - 2 === from + 1 && isName(t, from, 'self') ? undefined : methodNature(method);
      if (nature) return this.produced(nature, 'call', from, to, open, { valueFrom: from, to: open - 2 }, open - 1);
      if (SHAPE_METHODS.has(method)) return this.valueOf(from, open - 2, scope, at, depth + 1);
      if (dotted === undefined || !dotted.startsWith('self.')) return undefined;
    }
    if (dotted === 'self' || dotted === 'self.forward') return asModel(this.forwardOf(enclosingClass(this.module, scope), depth + 1));
    // A function of another file the file imports (`from model import forward_propagation`): what it returns.
    if (this.imported && qualified !== undefined && dotted !== undefined && layerNature(qualified) === undefined) {
      const returned = this.imported.returns(dotted, qualified, from, open);
      if (returned) return returned;
    }
    if (qualified !== undefined && layerNature(qualified) === undefined && !SEQUENTIAL.has(qualified) && !KERAS_MODEL.has(qualified) && !WRAPPERS.has(qualified)) return undefined;
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

  /**
   * `torch.exp(x)` / `x.exp()` [from, to) with its input: a log_softmax input gives softmax
   * probabilities, produced by the exp. When the log_softmax is written inside it (`torch.exp(
   * F.log_softmax(z, dim=1))`, `self.log_softmax(h).exp()`) the whole is a softmax of `z`, whose input
   * is the logits; otherwise (a name, a model's output) its input is the log-probabilities (`exp`).
   */
  private exponentiated(from: number, to: number, open: number, input: { valueFrom: number; to: number }, scope: number, at: number, depth: number): Val | undefined {
    const inner = asVal(this.valueOf(input.valueFrom, input.to, scope, at, depth + 1));
    if (!inner || inner.nature !== 'log_softmax' || inner.row) return undefined;
    const t = this.tokens;
    const written = (inner.via === 'call' || inner.via === 'layer') && inner.callFrom === input.valueFrom && inner.callTo === input.to;
    return {
      nature: 'softmax', via: 'call', producerStart: t.start[from]!, producerEnd: t.end[to - 1]!, producerText: rangeText(t, from, open),
      callFrom: from, callTo: to, ...(written ? { inputFrom: inner.inputFrom, inputTo: inner.inputTo } : { inputFrom: input.valueFrom, inputTo: input.to, exp: true as const }),
      ...(inner.column ? { column: true as const } : {}),
    };
  }

  /**
   * `tflearn.fully_connected(net, n, activation='softmax')` (or TF 1's `tf.layers.dense(x, n, activation=...)`, the
   * same argument order): the output its activation gives. No call or
   * input range: removing it would remove the layer, not its activation (no fix is offered from here).
   */
  private tflearnLayer(from: number, to: number, open: number, tfLayer = false): Val | undefined {
    const t = this.tokens;
    const activation = argumentAt(argumentsOf(t, open), 2, ['activation']);
    let nature: Nature | 'other' = 'logits';
    let linearActivation: Val['linearActivation'];
    if (activation) {
      const fn = dottedName(t, activation.valueFrom, activation.to);
      nature = activationNature(rangeText(t, activation.valueFrom, activation.to), fn ? qualify(this.module, fn) : undefined);
      const quote = activation.to === activation.valueFrom + 1 && t.kind[activation.valueFrom] === STRING ? text(t, activation.valueFrom)[0] : undefined;
      if (quote === "'" || quote === '"') linearActivation = { start: t.start[activation.valueFrom]!, end: t.end[activation.valueFrom]!, newText: `${quote}linear${quote}` };
      // tf.layers.dense's activation is a function (None: linear), as exelban/tensorflow-cifar-10's pull request #7 set it.
      else if (tfLayer && fn && nature !== 'logits') linearActivation = { start: t.start[activation.valueFrom]!, end: t.end[activation.to - 1]!, newText: 'None' };
    }
    if (nature === 'other') return undefined;
    return { nature, via: 'call', producerStart: t.start[from]!, producerEnd: t.end[to - 1]!, producerText: rangeText(t, from, open), ...(linearActivation ? { linearActivation } : {}) };
  }

  /**
   * How many classes of the file define a method `name`, counted once per module: a method call is
   * followed only when one class defines it (a walk of every scope per call cost a large file most).
   */
  private classesDefining(name: string): number {
    if (!this.methodClasses) {
      this.methodClasses = new Map();
      for (const scope of this.module.scopes) if (scope.kind === 'class') for (const method of scope.methods.keys()) this.methodClasses.set(method, (this.methodClasses.get(method) ?? 0) + 1);
    }
    return this.methodClasses.get(name) ?? 0;
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
    if (!found) {
      const def = this.parameterScope(name, scope);
      return def < 0 ? undefined : heldBy(this.parameterValue(def, name, 'value', depth + 1) as Result, { kind: 'parameter', name, owner: this.ownerName(def) });
    }
    let result: Result;
    for (let i = 0; i < found.length; i++) {
      const a = found[i]!;
      let v = a.from < 0 ? undefined : this.assignedValue(a, depth + 1);
      if (a.element) v = this.inLoopBody(a, at) ? elementOf(this.tokens, this.module, v, name) : undefined;
      else if (a.index >= 0) v = v && 'tuple' in v && v.tuple.length === a.count ? v.tuple[a.index] : undefined;
      else if (v && 'tuple' in v) v = undefined;
      if (!v) return undefined;
      const named: Val = a.element || !(v.via === 'call' || v.via === 'layer') ? v : { ...v, via: 'name', assignScope: a.scope, assignOffset: a.offset };
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
      let v = a.from < 0 ? undefined : this.assignedValue(a, depth + 1);
      if (a.index >= 0) v = v && 'tuple' in v && v.tuple.length === a.count ? v.tuple[a.index] : undefined;
      if (!v || 'tuple' in v) return undefined;
      // Written at the assignment: held by the attribute until the use (the fix at the assignment changes every reader's value).
      const held: Val = v.via === 'call' || v.via === 'layer' ? { ...v, via: 'name', assignScope: a.scope, assignOffset: a.offset, holder: { kind: 'attribute', name: `self.${attribute}` } } : v;
      result = i === 0 ? held : agree(result, held);
      if (!result) return undefined;
    }
    return result;
  }

  /** `Class.method` for a method, the function's name otherwise (as messages name them). */
  private ownerName(defScope: number): string {
    const def = this.module.scopes[defScope]!;
    const parent = this.module.scopes[def.parent];
    return parent && parent.kind === 'class' ? `${parent.name}.${def.name}` : def.name;
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
      // (Read only where it decides: most uses are settled by the assignments alone.)
      const isParameter = () => current.kind === 'def' && parametersOf(this.tokens, current).some((p) => p.name === name);
      if (own && own.length > 0) {
        if (!innermost) return own;
        // The assignments ending by `at` (a scope's list is in source order, so their ends ascend).
        const before = assignedBy(own, 'end', at);
        if (before === 0) return undefined;
        const useHead = headAtOffset(this.tokens, at);
        const chosen: Assignment[] = [];
        let dominated = false;
        for (let i = before - 1; i >= 0; i--) {
          chosen.push(own[i]!);
          if (this.dominates(own[i]!, useHead)) { dominated = true; break; }
        }
        if (!dominated && (chosen.length < 2 || isParameter())) return undefined;
        return chosen;
      }
      if (isParameter() || this.module.imports.has(name) || current.names.has(name)) return undefined;
      innermost = false;
    }
    return undefined;
  }

  /** Whether the offset `at` is in the body of the `for` whose target assignment `a` is (after the header's ':'). */
  private inLoopBody(a: Assignment, at: number): boolean {
    const useHead = headAtOffset(this.tokens, at);
    if (useHead === a.head) return at >= a.end;
    if (useHead < a.head) return false;
    const indents = this.tokens.headIndent;
    for (let h = a.head + 1; h <= useHead; h++) if (indents[h]! <= a.indent) return false;
    return true;
  }

  /** Whether assignment `a` runs on every path to the logical line `useHead` (by indentation). */
  private dominates(a: Assignment, useHead: number): boolean {
    const indents = this.tokens.headIndent;
    if (indents[useHead]! < a.indent) return false;
    // No line between them is shallower than the assignment's (a.indent is its line's indentation).
    return this.shallowerAfter()[a.head]! >= useHead;
  }

  /**
   * For each logical line, the first later line indented less than it (headCount when none): one
   * pass with a stack, so `dominates` needs no walk over the lines between (a module-level
   * `model.add(...)` far below its `model = Sequential()` was a walk over most of the file).
   */
  private shallowerAfter(): Int32Array {
    if (this.shallower) return this.shallower;
    const t = this.tokens;
    const indents = t.headIndent;
    const next = new Int32Array(t.headCount).fill(t.headCount);
    const open: number[] = [];
    for (let h = 0; h < t.headCount; h++) {
      while (open.length > 0 && indents[open[open.length - 1]!]! > indents[h]!) next[open.pop()!] = h;
      open.push(h);
    }
    return (this.shallower = next);
  }

  /** What calling the class's forward (`__call__`, Keras `call`) returns: every return agreeing. */
  forwardOf(classScope: number, depth: number): Result {
    if (depth > this.deepest) this.deepest = depth;
    if (classScope < 0 || depth > MAX_DEPTH) return undefined;
    const owner = this.module.scopes[classScope]!;
    const name = forwardName(owner.methods);
    const method = owner.methods.get(name);
    if (method === undefined) {
      const base = this.forwardingBase(classScope);
      return base === undefined ? undefined : this.forwardOf(base, depth + 1);
    }
    return tagOrigin(this.returnsOf(method, depth), `${owner.name}.${name}`, 'returns', method);
  }

  /**
   * The one base class, defined in the file, whose forward (`__call__`, `call`) a class without its own
   * runs (`class Net(Base):` adding only an `__init__`): the base's forward then reads the same
   * attributes, so what it returns is what the class returns. Undefined when the class sets an
   * attribute the base also sets (`self.fc = ...` replacing the base's layer) or shares another method
   * with it, or the base names no forward of its own (a longer chain is not followed).
   */
  private forwardingBase(classScope: number): number | undefined {
    const bases = classBases(this.module, classScope);
    if (bases.length !== 1 || !bases[0]!.whole || bases[0]!.dotted.includes('.')) return undefined;
    const owner = this.module.scopes[classScope]!;
    const base = this.definitionOf(bases[0]!.dotted, owner.parent);
    if (base === undefined || base === classScope) return undefined;
    const baseScope = this.module.scopes[base]!;
    if (baseScope.kind !== 'class' || !baseScope.methods.has(forwardName(baseScope.methods))) return undefined;
    for (const method of owner.methods.keys()) if (method !== '__init__' && baseScope.methods.has(method)) return undefined;
    const own = this.table.selfAttributes.get(classScope);
    const inherited = this.table.selfAttributes.get(base);
    if (own && inherited) for (const attribute of own.keys()) if (inherited.has(attribute)) return undefined;
    return base;
  }

  private returnsOf(defScope: number, depth: number): Result {
    const key = `r${defScope}`;
    if (this.visiting.has(key)) { this.cuts++; return undefined; }
    const returns = this.table.returns.get(defScope);
    if (!returns || returns.length === 0) return undefined;
    const known = this.recall(this.memo, key, depth);
    if (known) return known.value as Result;
    return this.remember(this.memo, key, depth, () => this.agreeingReturns(key, defScope, returns, depth));
  }

  private agreeingReturns(key: string, defScope: number, returns: readonly ReturnStatement[], depth: number): Result {
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
    if (depth > this.deepest) this.deepest = depth;
    if (from >= to || depth > MAX_DEPTH) return undefined;
    const dotted = dottedName(t, from, to);
    if (dotted !== undefined && (to - from === 1 || (to - from === 3 && dotted.startsWith('self.')))) {
      const isSelf = to - from === 3;
      const name = isSelf ? dotted.slice(5) : dotted;
      const list = isSelf ? this.selfAssignments(name, scope) : this.candidates(name, scope, at);
      if (!list && !isSelf) {
        const def = this.parameterScope(name, scope);
        if (def >= 0) return this.parameterValue(def, name, 'object', depth + 1) as Obj | undefined;
        // A function of the file named, not called (`train(forward_propagation, X)`): calling it gives its returns.
        const defined = this.definitionOf(name, scope);
        if (defined === undefined || this.module.scopes[defined]!.kind !== 'def') return undefined;
        return { kind: 'model', result: tagOrigin(this.returnsOf(defined, depth + 1), name, 'returns', defined) };
      }
      if (!list || list.some((a) => a.from < 0 || a.index >= 0 || a.element) || (isSelf && list.length !== 1)) return undefined;
      // Several bindings may reach the use (`model = Net()`, then `if cuda: model = model.cuda()`): certain when all agree.
      let obj: Obj | undefined;
      for (let i = 0; i < list.length; i++) {
        const a = list[i]!;
        const o = this.assignedObject(a, dotted, depth);
        obj = i === 0 ? o : agreeObjects(obj, o);
        if (!obj) return undefined;
      }
      return obj;
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
      const defined = this.scopeAt(bindings[0]!.offset);
      return defined !== undefined && scopes[defined]!.parent === s && scopes[defined]!.name === name ? defined : undefined;
    }
    return undefined;
  }

  /** The class or def scope whose name is at `offset` (the first one, as a search in scope order finds it). */
  private scopeAt(offset: number): number | undefined {
    if (!this.scopesByOffset) {
      this.scopesByOffset = new Map();
      const scopes = this.module.scopes;
      for (let i = scopes.length - 1; i > 0; i--) this.scopesByOffset.set(scopes[i]!.offset, i);
    }
    return this.scopesByOffset.get(offset);
  }

  /** The value expression [from, to) as a callable. `name`/`assignment`: the name it is bound to (for Keras `name.add(...)`). */
  private objectOfValue(from: number, to: number, scope: number, at: number, depth: number, name?: string, assignment?: Assignment): Obj | undefined {
    const t = this.tokens;
    if (depth > this.deepest) this.deepest = depth;
    if (depth > MAX_DEPTH) return undefined;
    if (to - from === 1 || (to - from === 3 && isName(t, from, 'self'))) return this.objectOf(from, to, scope, at, depth + 1);
    if (!isOp(t, to - 1, ')') || !isPostfixChain(t, from, to)) return undefined;
    const open = t.match[to - 1]!;
    // `Net().to(device)`, `.cuda()`, `.eval()`: nn.Module methods that return the module itself (recognition's
    // moduleSelfReceiverEnd, which also lets a loss bound through them be recognised).
    const receiverEnd = moduleSelfReceiverEnd(t, from, to);
    if (receiverEnd < to) return this.objectOfValue(from, receiverEnd, scope, at, depth + 1, name, assignment);
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
    if (WRAPPERS.has(qualified)) {
      // `nn.DataParallel(model)`, `TimeDistributed(Dense(n, activation='softmax'))`: what the wrapped one gives.
      const wrapped = argumentAt(args, 0, ['module', 'model', 'layer']);
      return wrapped && !isOp(t, wrapped.from, '*') ? this.objectOf(wrapped.valueFrom, wrapped.to, scope, at, depth + 1) : undefined;
    }
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
    if (SEQUENTIAL.has(qualified)) return this.sequentialOf(qualified === 'torch.nn.Sequential', args, scope, at, depth + 1, name, assignment);
    if (KERAS_MODEL.has(qualified)) {
      // `outputs=`, or Keras 1's `output=` (Keras 2's legacy_model_constructor_support converts it), one
      // tensor or a list / tuple of one (several outputs each take a loss: not followed).
      const outputs = argumentAt(args, 1, ['outputs', 'output']);
      if (!outputs || isOp(t, outputs.from, '*')) return undefined;
      let [from, to] = [outputs.valueFrom, outputs.to];
      if ((isOp(t, from, '[') || isOp(t, from, '(')) && t.match[from] === to - 1) {
        const items = splitTopLevel(t, from + 1, to - 1);
        if (items.length !== 1) return undefined;
        [from, to] = items[0]!;
      }
      return { kind: 'model', result: tagOrigin(this.valueOf(from, to, scope, at, depth + 1), name ?? 'Model', 'ends', -1) };
    }
    // A class or model-building function of another file the file imports (`from model import Net`).
    return this.imported?.object(dotted, qualified, from, open);
  }

  /**
   * What calling the module-level class or function `name` of this file gives, for a file that
   * imports it (importedModels.ts): an instance (the class's forward), or the model the function
   * returns; `returns`: what the function returns. Undefined when `name` is not one certain definition.
   */
  exported(name: string): { readonly object: Obj | undefined; readonly returns: Result } | undefined {
    const defined = this.definitionOf(name, 0);
    if (defined === undefined) return undefined;
    if (this.module.scopes[defined]!.kind === 'class') return { object: { kind: 'model', result: this.forwardOf(defined, 0) }, returns: undefined };
    return { object: this.functionModel(defined, 0), returns: tagOrigin(this.returnsOf(defined, 0), name, 'returns', defined) };
  }

  /**
   * An nn.Sequential / Keras Sequential as a model: its last layer, from the arguments (a Keras list, a
   * torch `*layers` list built in the file) and from the statements after it that add layers
   * (`add`, `add_module`, `append`). Any other change to it, or an add that may not run, gives unknown.
   */
  private sequentialOf(torch: boolean, args: readonly Argument[], scope: number, at: number, depth: number, name?: string, assignment?: Assignment): Obj | undefined {
    const t = this.tokens;
    if (args.some((a) => a.keyword !== undefined && a.keyword !== 'name')) return undefined;
    let layers: { from: number; to: number }[] = args.filter((a) => a.keyword === undefined);
    let last: { from: number; to: number; scope: number; at: number; removal?: { start: number; end: number } } | undefined;
    if (!torch) {
      if (layers.length > 1) return undefined;
      if (layers.length === 1) {
        const open = layers[0]!.from;
        if (!isOp(t, open, '[') || t.match[open] !== layers[0]!.to - 1) return undefined;
        layers = splitTopLevel(t, open + 1, t.match[open]!).map(([s, e]) => ({ from: s, to: e }));
      }
    }
    if (layers.length > 0) {
      const final = layers[layers.length - 1]!;
      if (isOp(t, final.from, '*')) {
        if (!torch || final.to !== final.from + 2 || t.kind[final.from + 1] !== NAME) return undefined;
        last = this.listLast(text(t, final.from + 1), scope, t.start[final.from]!);
        if (!last) return undefined;
      } else {
        // (A wrapped last layer is not removed: the wrapper may hold more than the activation.)
        const removal = torch && layers.length > 1 && !this.isWrapperCall(final.from, final.to, scope) ? { start: t.end[layers[layers.length - 2]!.to - 1]!, end: t.end[final.to - 1]! } : undefined;
        last = { from: final.from, to: final.to, scope, at, removal };
      }
    }
    const added = name !== undefined && assignment ? this.lastAdded(name, assignment, torch ? ['add_module', 'append'] : ['add']) : undefined;
    if (added === null) return undefined;
    if (added) last = added;
    if (!last) return undefined;
    const layer = this.objectOfValue(last.from, last.to, last.scope, last.at, depth + 1);
    if (!layer || layer.kind !== 'layer') return undefined;
    const val: Val = { nature: layer.nature, via: 'model', producerStart: t.start[last.from]!, producerEnd: t.end[last.to - 1]!, producerText: rangeText(t, last.from, last.to), removal: last.removal };
    return { kind: 'model', result: { ...val, origin: { owner: name ?? (torch ? 'nn.Sequential' : 'Sequential'), verb: 'ends', inner: val, scope: -1 } } };
  }

  /** Whether [from, to) is a call of a wrapper module (`nn.DataParallel(...)`, `TimeDistributed(...)`). */
  private isWrapperCall(from: number, to: number, scope: number): boolean {
    const t = this.tokens;
    if (!isOp(t, to - 1, ')')) return false;
    const dotted = dottedName(t, from, t.match[to - 1]!);
    const qualified = dotted !== undefined ? qualify(this.module, dotted, (head) => this.isLocal(head, scope)) : undefined;
    return qualified !== undefined && WRAPPERS.has(qualified);
  }

  /**
   * The layer added last to the container bound to `name` by `assignment` (`model.add(layer)`,
   * `model.add_module('sm', layer)`, `layers.append(layer)`): undefined when nothing is added after it,
   * null when something else changes it or the last add may not run.
   */
  private lastAdded(name: string, assignment: Assignment, methods: readonly string[]): { from: number; to: number; scope: number; at: number; removal?: { start: number; end: number } } | undefined | null {
    const t = this.tokens;
    const isSelf = name.startsWith('self.');
    const owner = isSelf ? enclosingClass(this.module, assignment.scope) : assignment.scope;
    const all = this.table.adds.get(owner)?.get(name) ?? [];
    // A notebook or script that builds another model under the same name (`model = Sequential()` in a
    // later cell) adds to that one: the adds that count end at the name's next assignment, which must
    // be a plain statement at the same indentation (one inside an `if` may not run).
    const assigned = isSelf ? undefined : this.table.names.get(assignment.scope)?.get(name);
    const next = assigned?.[assignedBy(assigned, 'offset', assignment.end)];
    if (next && next.indent !== assignment.indent) return null;
    const until = next ? next.offset : Infinity;
    const at = (m: Mutation) => (m.open < 0 ? t.start[t.heads[m.head]!]! : t.start[m.open]!);
    // A name's changes in its own scope are in source order: those between the assignment and the next
    // one are a run of them, found by a binary search (a script at module level that builds a model
    // under one name again and again has thousands; a walk over all of them per model was quadratic).
    // `self.x`'s are kept by class, from any of its methods.
    const after = isSelf
      ? all.filter((m) => (at(m) > assignment.end && at(m) < until) || m.scope !== assignment.scope)
      : runBetween(all, at, assignment.end, until);
    if (after.length === 0) return undefined;
    if (after.some((m) => m.scope !== assignment.scope || !methods.includes(m.method))) return null;
    const lastOne = after[after.length - 1]!;
    if (!this.dominates(assignment, lastOne.head) || lastOne.indent !== assignment.indent) return null;
    const arg = argumentAt(argumentsOf(t, lastOne.open), lastOne.method === 'add_module' ? 1 : 0, lastOne.method === 'add' ? ['layer'] : ['module']);
    if (!arg || arg.keyword === undefined && isOp(t, arg.from, '*')) return null;
    const removal = this.isWrapperCall(arg.valueFrom, arg.to, assignment.scope) ? undefined : statementLine(this.tokens, lastOne.head);
    return { from: arg.valueFrom, to: arg.to, scope: assignment.scope, at: t.start[lastOne.open]!, removal };
  }

  /**
   * The last element of the list a `*name` unpacks: a list literal bound once, or extended last by one
   * (`layers += [nn.Linear(a, b), nn.Softmax()]` after a list built any way: locuslab/e2e-model-learning
   * newsvendor/mle_net.py at 5c3fb0d), with appends after it.
   */
  private listLast(name: string, scope: number, at: number): { from: number; to: number; scope: number; at: number; removal?: { start: number; end: number } } | undefined {
    const t = this.tokens;
    const list = this.candidates(name, scope, at);
    if (!list || list.length !== 1 || list[0]!.index >= 0 || list[0]!.element) return undefined;
    const a = list[0]!;
    const literal = a.from >= 0 ? { from: a.from, to: a.to } : a.extendedBy;
    if (!literal || !isOp(t, literal.from, '[') || t.match[literal.from] !== literal.to - 1) return undefined;
    const all = this.table.adds.get(a.scope)?.get(name) ?? [];
    if (all.some((m) => m.open >= 0 ? t.start[m.open]! > at : false)) return undefined;
    const added = this.lastAdded(name, a, ['append']);
    if (added === null) return undefined;
    if (added) return added;
    const items = splitTopLevel(t, literal.from + 1, literal.to - 1);
    if (items.length === 0) return undefined;
    const [from, to] = items[items.length - 1]!;
    if (isOp(t, from, '*') || topLevelWord(t, from, to, 'for') >= 0) return undefined;
    const removal = items.length > 1 ? { start: t.end[items[items.length - 2]![1] - 1]!, end: t.end[to - 1]! } : undefined;
    return { from, to, scope: a.scope, at: a.offset, removal };
  }

  /** The def scope whose parameter `name` is (not assigned anywhere in it), or -1. */
  private parameterScope(name: string, scope: number): number {
    const s = scope;
    const current = this.module.scopes[s];
    if (!current || current.kind !== 'def') return -1;
    if (this.table.names.get(s)?.has(name)) return -1;
    const parent = this.module.scopes[current.parent];
    if (!parent) return -1;
    const params = parametersOf(this.tokens, current);
    // A method: its parameters after `self` (static and class methods do not name their first parameter self).
    if (parent.kind === 'class' && (params[0]?.name !== 'self' || name === 'self')) return -1;
    return params.some((p) => p.name === name && p.star === '') ? s : -1;
  }

  /**
   * A parameter's value (or callable) when every call of its function in the file passes the same
   * kind: the function is only ever called (never passed on or rebound) and each call gives the argument.
   */
  private parameterValue(defScope: number, name: string, kind: 'value' | 'object', depth: number): Result | Obj | undefined {
    const key = `p${defScope}:${name}:${kind}`;
    if (depth > this.deepest) this.deepest = depth;
    if (depth > MAX_DEPTH) return undefined;
    if (this.visiting.has(key)) { this.cuts++; return undefined; }
    const known = this.recall(this.memo, key, depth);
    if (known) return known.value as Result | Obj | undefined;
    return this.remember(this.memo, key, depth, () => this.agreeingArguments(key, defScope, name, kind, depth));
  }

  private agreeingArguments(key: string, defScope: number, name: string, kind: 'value' | 'object', depth: number): Result | Obj | undefined {
    const def = this.module.scopes[defScope]!;
    const params = parametersOf(this.tokens, def);
    const param = params.find((p) => p.name === name);
    if (!param) return undefined;
    const method = this.module.scopes[def.parent]?.kind === 'class';
    // `self.method(a, b)` fills the parameters after self.
    const position = param.keywordOnly ? -1 : params.filter((p) => !p.keywordOnly && p.star === '').indexOf(param) - (method ? 1 : 0);
    const sites = this.callSitesOf(defScope);
    if (!sites || sites.length === 0) return undefined;
    const t = this.tokens;
    this.visiting.add(key);
    try {
      let result: Result | Obj | undefined;
      for (let i = 0; i < sites.length; i++) {
        const site = sites[i]!;
        if (site.compiled) {
          // Only the prediction: y_true comes from the data, and a model of several outputs gets the loss per output.
          const plain = params.filter((p) => !p.keywordOnly && p.star === '');
          if (kind !== 'value' || method || plain.length !== 2 || params.length !== 2 || position !== 1) return undefined;
          const obj = this.objectOf(site.compiled.from, site.compiled.to, site.scope, t.start[site.compiled.from]!, depth + 1);
          const v = obj?.kind === 'model' && obj.result && !('tuple' in obj.result) ? asModel(obj.result) : undefined;
          result = i === 0 ? v : agree(result as Result, v);
          if (!result) return undefined;
          continue;
        }
        const args = argumentsOf(t, site.open);
        if (args.some((a) => isOp(t, a.from, '*') || isOp(t, a.from, '**'))) return undefined;
        const arg = argumentAt(args, position < 0 ? 999 : position, [name]);
        if (!arg) return undefined;
        const at = t.start[arg.valueFrom]!;
        if (kind === 'value') {
          const v = this.valueOf(arg.valueFrom, arg.to, site.scope, at, depth + 1);
          result = i === 0 ? v : agree(result as Result, v);
        } else {
          const o = this.objectOf(arg.valueFrom, arg.to, site.scope, at, depth + 1);
          result = i === 0 ? o : agreeObjects(result as Obj | undefined, o);
        }
        if (!result) return undefined;
      }
      return result;
    } finally {
      this.visiting.delete(key);
    }
  }

  /** Every call of the function defined at `defScope`, or null when its name is used any other way. */
  private callSitesOf(defScope: number): readonly CallSite[] | null {
    const known = this.callSites.get(defScope);
    if (known !== undefined) return known;
    const def = this.module.scopes[defScope]!;
    if (this.module.scopes[def.parent]?.kind === 'class') {
      const sites = def.name === '__init__' ? this.constructionSites(def.parent) : this.methodCallSites(defScope);
      this.callSites.set(defScope, sites);
      return sites;
    }
    const sites: CallSite[] = [];
    let result: CallSite[] | null = sites;
    for (const use of this.usesOf(def.name)) {
      if (use.ownDef === def.offset) continue;
      const compiled = use.call ? undefined : compiledBy(this.tokens, use.token);
      if (!use.call && !compiled) { result = null; break; }
      // Which definition the use names: read only for the uses reached (a scope's names are read lazily).
      if (use.defined === null) use.defined = this.definitionOf(def.name, use.scope);
      if (use.defined !== defScope) { result = null; break; }
      sites.push(compiled ? { open: -1, scope: use.scope, compiled } : { open: use.token + 1, scope: use.scope });
    }
    this.callSites.set(defScope, result);
    return result;
  }

  /**
   * Every call of the method defined at `defScope`: `self.method(...)` inside its own class. Null when
   * the file reaches the name any other way (`model.method(...)`, `self.method` passed on, a call from
   * another class, which may be a subclass or a look-alike), or when another class of the file defines
   * a method of that name.
   */
  private methodCallSites(defScope: number): CallSite[] | null {
    const t = this.tokens;
    const def = this.module.scopes[defScope]!;
    const owner = def.parent;
    if (this.classesDefining(def.name) > 1) return null;
    const sites: CallSite[] = [];
    // A plain name of that spelling (a module function or variable) may be what readers meant: not certain.
    if (nameTokens(t, def.name).some((k) => !isName(t, k - 1, 'def') && !isCallKeyword(t, k))) return null;
    for (const k of dottedTokens(t, def.name)) {
      const scope = this.module.headScope[headOfToken(t, k)]!;
      if (!isName(t, k - 2, 'self') || isOp(t, k - 3, '.') || !isOp(t, k + 1, '(') || enclosingClass(this.module, scope) !== owner) return null;
      sites.push({ open: k + 1, scope });
    }
    return sites;
  }

  /**
   * Every construction of the class at `classScope` (`TimeDistributed(nn.Sequential(...))`), which
   * fills its `__init__`'s parameters after self. Null when the file names the class any other way
   * (a subclass, `isinstance`, the class passed on), since what those construct is not followed.
   */
  private constructionSites(classScope: number): CallSite[] | null {
    const t = this.tokens;
    const owner = this.module.scopes[classScope]!;
    const sites: CallSite[] = [];
    for (const use of this.usesOf(owner.name)) {
      const k = use.token;
      if (isName(t, k - 1, 'class') || (isOp(t, k - 1, '(') && isName(t, k - 2, 'super') && isOp(t, k + 1, ','))) continue;
      if (!use.call) return null;
      if (use.defined === null) use.defined = this.definitionOf(owner.name, use.scope);
      if (use.defined !== classScope) return null;
      sites.push({ open: k + 1, scope: use.scope });
    }
    return sites;
  }

  /**
   * The uses of `name` not after a '.', each read once however many functions of the file share
   * the name (a large file has many `forward`s and `train`s).
   */
  private usesOf(name: string): NameUse[] {
    let uses = this.uses.get(name);
    if (uses) return uses;
    const t = this.tokens;
    const found: NameUse[] = [];
    for (const k of nameTokens(t, name)) {
      if (isOp(t, k - 1, '.')) continue;
      // A keyword argument of another call (`datasets.MNIST('.data', train=True)`) does not name the function.
      if (isCallKeyword(t, k)) continue;
      const scope = this.module.headScope[headOfToken(t, k)]!;
      found.push({
        token: k, scope,
        ownDef: isName(t, k - 1, 'def') ? t.start[k]! : -1,
        call: isOp(t, k + 1, '(') && !(isOp(t, k - 1, '=') && isOp(t, k - 2, ',')),
        defined: null,
      });
    }
    this.uses.set(name, (uses = found));
    return uses;
  }
  /** Calling what the function returns (a model built and returned by a function in the file). */
  private functionModel(defScope: number, depth: number): Obj | undefined {
    const returns = this.table.returns.get(defScope);
    if (!returns || returns.length !== 1) return undefined;
    const key = `f${defScope}`;
    if (this.visiting.has(key)) { this.cuts++; return undefined; }
    this.visiting.add(key);
    try {
      const r = returns[0]!;
      return this.objectOf(r.from, r.to, defScope, r.offset, depth + 1);
    } finally {
      this.visiting.delete(key);
    }
  }

  /** The value assignment `a` gives (its whole right-hand side), computed once. */
  private assignedValue(a: Assignment, depth: number): Result {
    const known = this.recall(this.assignedValues, a, depth);
    if (known) return known.value as Result;
    return this.remember(this.assignedValues, a, depth, () => this.valueOf(a.from, a.to, a.scope, a.offset, depth));
  }

  /** The callable assignment `a` (to `dotted`) gives, computed once. */
  private assignedObject(a: Assignment, dotted: string, depth: number): Obj | undefined {
    const known = this.recall(this.assignedObjects, a, depth);
    if (known) return known.value as Obj | undefined;
    return this.remember(this.assignedObjects, a, depth, () => this.objectOfValue(a.from, a.to, a.scope, a.offset, depth + 1, dotted, a));
  }

  /** A kept answer for `key` that holds at `depth` (see memo). */
  private recall<K>(kept: Map<K, Kept>, key: K, depth: number): Kept | undefined {
    const hit = kept.get(key);
    if (!hit || depth + hit.span > MAX_DEPTH) return undefined;
    if (depth + hit.span > this.deepest) this.deepest = depth + hit.span;
    return hit;
  }

  /** Computes an answer at `depth` and keeps it when no cycle cut it short. */
  private remember<K, T>(kept: Map<K, Kept>, key: K, depth: number, compute: () => T): T {
    const cuts = this.cuts;
    const outer = this.deepest;
    this.deepest = depth;
    const value = compute();
    const span = this.deepest - depth;
    if (this.cuts === cuts && depth + span <= MAX_DEPTH) kept.set(key, { value, span });
    if (outer > this.deepest) this.deepest = outer;
    return value;
  }

  /** The one assignment a use of `name` at `at` sees, when it is certain. */
  assignmentOf(name: string, scope: number, at: number): Assignment | undefined {
    const list = this.candidates(name, scope, at);
    return list && list.length === 1 && list[0]!.from >= 0 && list[0]!.index < 0 && !list[0]!.element ? list[0] : undefined;
  }

  /** What the callee [from, to) returns when called (a model's output), for `model.compile(...)`. */
  modelOutput(from: number, to: number, scope: number, at: number): Result {
    const obj = this.objectOf(from, to, scope, at, 0);
    return obj?.kind === 'model' ? asModel(obj.result) : undefined;
  }
}

/** The items of `list` (ascending by `at`) with `at` in (after, until). */
function runBetween<T>(list: readonly T[], at: (item: T) => number, after: number, until: number): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(list[mid]!) <= after) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < list.length && at(list[end]!) < until) end++;
  return list.slice(lo, end);
}

/**
 * A value that reaches the use through a parameter: the call sites' producers are in other functions,
 * so it is held by the parameter (no fix at one call site covers the others) unless a model or
 * function of the file it comes out of already says where it is made.
 */
function heldBy(result: Result, holder: Holder): Result {
  if (!result) return undefined;
  const hold = (v: Val): Val => (v.origin ? { ...v, holder } : { ...v, via: v.via === 'call' || v.via === 'layer' ? 'name' : v.via, assignScope: undefined, assignOffset: undefined, holder });
  if ('tuple' in result) return { tuple: result.tuple.map((v) => (v ? hold(v) : undefined)) };
  return hold(result);
}

/**
 * Each element of `result` as a `for` loop gives it: a tuple's elements when they agree; a tensor's
 * rows, which keep what the values are (a softmax only when it is over the last axis, so each row is
 * still over the classes).
 */
function elementOf(tokens: PythonTokens, module: PythonModule, result: Result, target: string): Val | undefined {
  if (!result) return undefined;
  if ('tuple' in result) {
    let folded: Result = result.tuple[0];
    for (const v of result.tuple.slice(1)) folded = agree(folded, v);
    return asVal(folded);
  }
  if (result.row || result.column) return undefined;
  if ((result.nature === 'softmax' || result.nature === 'log_softmax') && !overLastAxis(tokens, module, result)) return undefined;
  // The row is not the iterable: no fix that edits the iterable's name or producer is offered from the use.
  const holder: Holder | undefined = result.origin || result.holder ? result.holder : { kind: 'row', name: target };
  return { ...result, row: true, via: result.via === 'call' || result.via === 'layer' ? 'name' : result.via, assignScope: undefined, assignOffset: undefined, holder };
}

/**
 * Whether the softmax producing `val` is over the last axis: `dim=-1` written (torch's function,
 * method or nn.Softmax), or TensorFlow / Keras / JAX with the default axis (-1) or -1 written.
 */
function overLastAxis(tokens: PythonTokens, module: PythonModule, val: Val): boolean {
  const inner = val.origin?.inner ?? val;
  const k = tokenAtOffset(tokens, inner.producerStart);
  let end = k;
  while (isOp(tokens, end + 1, '.') && tokens.kind[end + 2] === NAME) end += 2;
  const dotted = dottedName(tokens, k, end + 1);
  const qualified = dotted !== undefined && isOp(tokens, end + 1, '(') ? qualify(module, dotted) : undefined;
  let paren: number;
  let position: number;
  let torch: boolean;
  if (qualified !== undefined && (functionNature(qualified) !== undefined || layerNature(qualified) !== undefined)) {
    // `torch.softmax(x, dim)`, `tf.nn.softmax(x, axis)`; a layer takes it first: `nn.Softmax(dim)`, `keras.layers.Softmax(axis)`.
    paren = end + 1;
    position = layerNature(qualified) !== undefined ? 0 : 1;
    torch = qualified.startsWith('torch.');
  } else if (inner.nameToken !== undefined && isOp(tokens, inner.nameToken - 1, '.') && isOp(tokens, inner.nameToken + 1, '(')) {
    // The tensor method `x.softmax(dim)`.
    paren = inner.nameToken + 1;
    position = 0;
    torch = true;
  } else return false;
  const axis = argumentAt(argumentsOf(tokens, paren), position, ['dim', 'axis']);
  // torch's implicit dim depends on the rank (deprecated); TensorFlow, Keras and JAX default to -1.
  if (!axis) return !torch;
  return rangeText(tokens, axis.valueFrom, axis.to).replace(/\s+/g, '') === '-1';
}

/** Whether the subscript [from, to) is one index of the first dimension (`[0]`, `[i]`), which drops that dimension. */
function dropsFirstDimension(t: PythonTokens, from: number, to: number): boolean {
  const parts = splitTopLevel(t, from, to);
  return parts.length === 1 && findTopLevel(t, from, to, ':') < 0 && !isOp(t, from, '...');
}

/**
 * Whether the subscript [from, to) picks columns (`[:, 1]`, `[..., 0]`, `[i, j]`), not only rows
 * (`[mask]`, `[:n]`, `[0]`): any element after the first that is not a bare `:`, or an Ellipsis first.
 */
function selectsColumns(t: PythonTokens, from: number, to: number): boolean {
  const parts = splitTopLevel(t, from, to);
  if (parts.length < 2) return false;
  if (parts[0]![1] - parts[0]![0] === 1 && isOp(t, parts[0]![0], '...')) return true;
  return parts.slice(1).some(([s, e]) => !(e === s + 1 && isOp(t, s, ':')));
}

/** Marks a model's or function's output with where it is produced (kept when it already says). */
function tagOrigin(result: Result, owner: string, verb: 'returns' | 'ends', scope: number): Result {
  if (!result) return undefined;
  if ('tuple' in result) {
    const count = result.tuple.length;
    return { tuple: result.tuple.map((v, index) => (v && !v.origin ? { ...v, origin: { owner, verb, index, count, inner: v, scope } } : v)) };
  }
  return result.origin ? result : { ...result, origin: { owner, verb, inner: result, scope } };
}

/** Two callables that are the same kind of thing (both models with agreeing outputs, or layers of one nature). */
function agreeObjects(a: Obj | undefined, b: Obj | undefined): Obj | undefined {
  if (!a || !b) return undefined;
  if (a.kind === 'model' && b.kind === 'model') return agree(a.result, b.result) ? a : undefined;
  if (a.kind === 'layer' && b.kind === 'layer') return a.nature === b.nature ? a : undefined;
  return undefined;
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

/**
 * The model of `model.compile(loss=fn)` (or `self.model.compile(...)`) when the NAME token `k` is that
 * whole `fn`: its tokens [from, to).
 */
function compiledBy(t: PythonTokens, k: number): { from: number; to: number } | undefined {
  if (!isOp(t, k - 1, '=') || !isName(t, k - 2, 'loss') || !isCallKeyword(t, k - 2) || !(isOp(t, k + 1, ',') || isOp(t, k + 1, ')'))) return undefined;
  // The '(' of the call the keyword is given to.
  let open = k - 3;
  while (open >= 0 && !isOp(t, open, '(')) open = isOp(t, open, ')') || isOp(t, open, ']') || isOp(t, open, '}') ? t.match[open]! - 1 : open - 1;
  if (open < 3 || !isName(t, open - 1, 'compile') || !isOp(t, open - 2, '.') || t.kind[open - 3] !== NAME) return undefined;
  if (isOp(t, open - 4, '.')) return isName(t, open - 5, 'self') && !isOp(t, open - 6, '.') ? { from: open - 5, to: open - 2 } : undefined;
  return { from: open - 3, to: open - 2 };
}

/** The method that calling an instance runs: `forward` (torch), `__call__`, else Keras' `call`. */
function forwardName(methods: ReadonlyMap<string, number>): string {
  return methods.has('forward') ? 'forward' : methods.has('__call__') ? '__call__' : 'call';
}
