import { classBases, classKeyword, headOf, qualifiedName } from './decorators';
import { closeOf, readDotted, splitTopLevel, type PythonModule } from './pythonModule';
import { END, isName, isOp, NAME, NEWLINE, tokenText as text } from './pythonScanner';
import { nameTokensSpelled } from './spelledTokens';

/*
 * A loss class that leaves its reduction (and weight) to torch's own base class: `class
 * FocalLoss(nn.modules.loss._WeightedLoss)` whose `__init__` calls `super().__init__(weight,
 * reduction=reduction)`, then `F.cross_entropy(x, y, reduction=self.reduction, weight=self.weight)`
 * in `forward`. torch 1.13's torch/nn/modules/loss.py:
 *   class _Loss(Module):
 *       def __init__(self, size_average=None, reduce=None, reduction: str = 'mean'):
 *           if size_average is not None or reduce is not None:
 *               self.reduction = _Reduction.legacy_get_string(size_average, reduce)
 *           else:
 *               self.reduction = reduction
 *   class _WeightedLoss(_Loss):
 *       def __init__(self, weight=None, size_average=None, reduce=None, reduction: str = 'mean'):
 *           super(_WeightedLoss, self).__init__(size_average, reduce, reduction)
 *           self.register_buffer('weight', weight)
 * So `self.reduction` is the `reduction` argument of that call (when size_average and reduce are
 * None) and `self.weight` its `weight`: what the class's own `__init__` passes, read here as it is
 * read for `self.reduction = reduction` written in the class. Neither stores `size_average` (torch
 * 0.3 did; 1.13 raises AttributeError for `self.size_average` unless the class sets it).
 * Only when certain: one base, torch's; one call of its __init__ at the top of the class's own
 * `__init__` (not under an `if`), no `*args` / `**kwargs`; the class sets the attribute nowhere itself
 * (no `self.weight = ...`, `register_buffer`, `setattr`), and nothing in the file assigns `x.reduction`
 * on an object other than `self`.
 */

/** torch's loss bases and their __init__ parameters after self, in order. */
const LOSS_BASES: ReadonlyMap<string, readonly string[]> = new Map([
  ['torch.nn.modules.loss._Loss', ['size_average', 'reduce', 'reduction']],
  ['torch.nn.modules.loss._WeightedLoss', ['weight', 'size_average', 'reduce', 'reduction']],
]);

/** What the base stores when its __init__ is not given the parameter. */
const BASE_DEFAULTS: ReadonlyMap<string, 'mean' | null> = new Map([['reduction', 'mean'], ['weight', null]]);

/** `self.<attribute>` stored by torch's loss base from the class's call of its __init__. */
export interface BaseStoredAttribute {
  /** The base's short name (`_WeightedLoss`) and the class's __init__ (def scope). */
  readonly base: string;
  readonly init: number;
  /** The first token of the statement that calls the base's __init__. */
  readonly call: number;
  /** The argument's token range, or from = -1 when the call leaves the parameter to the base's default. */
  readonly from: number;
  readonly to: number;
  /** The base's default ('mean' for reduction, None for weight), used when from = -1. */
  readonly baseDefault: 'mean' | null;
  /**
   * For reduction: the size_average / reduce arguments the call passes (token ranges); the stored
   * reduction is the one passed only when each of them is None.
   */
  readonly legacy: readonly (readonly [number, number])[];
}

/**
 * `self.<attribute>` ('reduction' or 'weight') of class scope `classScope` when torch's `_Loss` /
 * `_WeightedLoss` base stores it from the class's `__init__` and nothing else in the file may set it.
 */
export function baseStoredAttribute(module: PythonModule, classScope: number, attribute: string): BaseStoredAttribute | undefined {
  const { tokens } = module;
  const cls = module.scope(classScope);
  if (cls.kind !== 'class' || !BASE_DEFAULTS.has(attribute)) return undefined;
  const base = lossBaseOf(module, classScope);
  const params = base === undefined ? undefined : LOSS_BASES.get(base);
  if (!base || !params || !params.includes(attribute)) return undefined;
  if (cls.selfAttributes.has(attribute) || cls.names.has(attribute)) return undefined;
  const init = cls.methods.get('__init__');
  if (init === undefined) return undefined;
  const [classFrom, classTo] = classTokens(module, classScope);
  // Set some other way: `self.register_buffer('weight', w)`, `setattr(self, ...)`, `crit.reduction = 'none'`.
  for (const k of nameTokensSpelled(tokens, ['register_buffer', 'setattr'])) if (k >= classFrom && k < classTo) return undefined;
  // (`self.reduction = ...` in another class sets that class's instances, not this one's.)
  for (const k of nameTokensSpelled(tokens, [attribute])) {
    if (!isOp(tokens, k - 1, '.') || !(isOp(tokens, k + 1, '=') || isOp(tokens, k + 1, ':'))) continue;
    if (!(isName(tokens, k - 2, 'self') && !isOp(tokens, k - 3, '.'))) return undefined;
  }
  const call = baseInitCall(module, classScope, init, base);
  if (!call) return undefined;
  const mapped = new Map<string, [number, number]>();
  let position = 0;
  for (const [from, to] of splitTopLevel(tokens, call.open + 1, closeOf(tokens, call.open)).slice(call.skip)) {
    if (isOp(tokens, from, '*') || isOp(tokens, from, '**')) return undefined;
    if (tokens.kind[from] === NAME && isOp(tokens, from + 1, '=')) {
      const keyword = text(tokens, from);
      if (!params.includes(keyword) || mapped.has(keyword)) return undefined;
      mapped.set(keyword, [from + 2, to]);
      continue;
    }
    const name = params[position++];
    if (name === undefined || mapped.has(name)) return undefined;
    mapped.set(name, [from, to]);
  }
  const value = mapped.get(attribute);
  const legacy = attribute === 'reduction' ? (['size_average', 'reduce'].map((p) => mapped.get(p)).filter((r) => r !== undefined) as [number, number][]) : [];
  return { base: base.slice(base.lastIndexOf('.') + 1), init, call: call.first, from: value ? value[0] : -1, to: value ? value[1] : -1, baseDefault: BASE_DEFAULTS.get(attribute)!, legacy };
}

/** The qualified name of the class's one base when it is one of torch's loss bases, else undefined. */
function lossBaseOf(module: PythonModule, classScope: number): string | undefined {
  const bases = classBases(module, classScope);
  if (bases.length !== 1 || !bases[0]!.whole) return undefined;
  const qualified = qualifiedName(module, bases[0]!.dotted);
  return LOSS_BASES.has(qualified) ? qualified : undefined;
}

/**
 * The one statement of `__init__` (at its body's top level) that calls the base's __init__:
 * `super().__init__(...)`, `super(Cls, self).__init__(...)` or `Base.__init__(self, ...)`; its '(' and
 * how many leading arguments are not the base's parameters (1 for the explicit `self`).
 */
function baseInitCall(module: PythonModule, classScope: number, init: number, base: string): { first: number; open: number; skip: number } | undefined {
  const { tokens } = module;
  const def = module.scope(init);
  const defHead = headOf(tokens, def.paramsOpen);
  let bodyIndent = -1;
  let found: { first: number; open: number; skip: number } | undefined;
  for (const k of nameTokensSpelled(tokens, ['__init__'])) {
    const h = headOf(tokens, k);
    if (h <= defHead || module.headScope[h] !== init || !isOp(tokens, k - 1, '.') || !isOp(tokens, k + 1, '(')) continue;
    if (bodyIndent < 0) bodyIndent = tokens.headIndent[defHead + 1]!;
    const first = tokens.heads[h]!;
    let skip: number;
    if (isName(tokens, first, 'super') && isOp(tokens, first + 1, '(')) {
      const superArgs = splitTopLevel(tokens, first + 2, closeOf(tokens, first + 1));
      const plain = superArgs.length === 0;
      const named = superArgs.length === 2 && superArgs[0]![1] === superArgs[0]![0] + 1 && isName(tokens, superArgs[0]![0], module.scope(classScope).name) && isName(tokens, superArgs[1]![0], 'self') && superArgs[1]![1] === superArgs[1]![0] + 1;
      if (!(plain || named) || closeOf(tokens, first + 1) + 2 !== k) return undefined;
      skip = 0;
    } else {
      const [dotted, after] = readDotted(tokens, first, k);
      if (after !== k - 1 || qualifiedName(module, dotted) !== base || !isName(tokens, k + 2, 'self')) return undefined;
      skip = 1;
    }
    // The whole statement is the call, at the body's top level (not under an `if`).
    const next = h + 1 < tokens.headCount ? tokens.heads[h + 1]! : tokens.count;
    let end = closeOf(tokens, k + 1) + 1;
    while (end < next && (tokens.kind[end] === NEWLINE || tokens.kind[end] === END)) end++;
    if (tokens.headIndent[h] !== bodyIndent || end !== next) return undefined;
    if (found) return undefined;
    found = { first, open: k + 1, skip };
  }
  return found;
}

/** The token range of the class's definition: its `class` keyword to the first token after its body. */
function classTokens(module: PythonModule, classScope: number): [number, number] {
  const { tokens } = module;
  const keyword = classKeyword(tokens, module.scope(classScope).offset);
  let h = headOf(tokens, keyword) + 1;
  const indent = tokens.headIndent[headOf(tokens, keyword)]!;
  while (h < tokens.headCount && tokens.headIndent[h]! > indent) h++;
  return [keyword, h < tokens.headCount ? tokens.heads[h]! : tokens.count];
}
