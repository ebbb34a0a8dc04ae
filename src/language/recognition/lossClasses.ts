import type { ArgumentMapper } from './argumentMapping';
import { tokensSpelled, type Candidate } from './candidates';
import { functionParameterCandidates } from './functionParameterLosses';
import { initParameterCandidates } from './initParameterLosses';
import { bindingOfName, bindingsOfSelf } from './lossBindings';
import { lookUpName, readDotted, type PythonModule } from './pythonModule';
import { isName, isOp } from './pythonScanner';

/*
 * A loss class held as a value and built later: a class attribute (`DEFAULT_LOSS_CLS =
 * nn.BCEWithLogitsLoss`, then `self.DEFAULT_LOSS_CLS()`: NVIDIA-Merlin/models
 * merlin/models/torch/outputs/classification.py @ bb8b7bd), a config class's attribute handed to a
 * constructor (`criterion = nn.CrossEntropyLoss` in `class TrainConfig`, `Fitter(criterion=TrainConfig.criterion)`,
 * `self.criterion = criterion().to(device)`: tztechno/tz_kaggle RPS_pytorch_efficientnet_b5.py @ b1213fb),
 * `self.criterion = nn.CrossEntropyLoss` then `self.loss_function = self.criterion()` (a CNNModel of the
 * code corpus), or a name (`loss_cls = nn.BCELoss` then `loss_cls()`). What is built is the class's
 * object with the arguments written where it is built. Where the name may hold another class (a subclass
 * or another binding sets it again, a caller the file does not show), nothing is said.
 */

/** A loss class an expression names: its path (what the catalog or the user's losses are looked up by) and where it is named. */
export interface NamedClass {
  readonly path: readonly string[];
  /** Offset where the class itself is written (`nn.BCEWithLogitsLoss` at the class attribute). */
  readonly offset: number;
  /** Set when the class reaches the expression through a constructor's or function's parameter. */
  readonly parameter?: { readonly owner: string; readonly name: string };
}

/** How many names deep a class is followed (`criterion` -> `TrainConfig.criterion` -> `nn.CrossEntropyLoss`). */
const MAX_DEPTH = 3;

/**
 * The class an expression [from, to) names when it holds a class (written as a CapWords dotted name, not
 * called) that `isLossClass` accepts, followed through names, `self.X` / `Cls.X` class attributes and
 * parameters; undefined when it is not certain or not a loss class.
 */
export function namedLossClass(
  module: PythonModule,
  mapper: ArgumentMapper,
  from: number,
  to: number,
  scope: number,
  offset: number,
  isLossClass: (path: readonly string[]) => boolean,
  depth = 0,
): NamedClass | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const { tokens } = module;
  const [dotted, after] = readDotted(tokens, from, to);
  if (dotted === '' || after !== to) return undefined;
  const segments = dotted.split('.');
  const last = segments[segments.length - 1]!;
  const follow = (candidates: readonly Candidate[] | undefined, parameter?: NamedClass['parameter']): NamedClass | undefined => {
    if (!candidates || candidates.length === 0) return undefined;
    let one: NamedClass | undefined;
    for (const c of candidates) {
      const found = namedLossClass(module, mapper, c.from, c.to, c.scope, c.offset, isLossClass, depth + 1);
      if (!found || (one && one.path.join('.') !== found.path.join('.'))) return undefined;
      one ??= found;
    }
    return one && parameter && !one.parameter ? { ...one, parameter } : one;
  };
  if (segments[0] !== 'self' && /^[A-Z]/.test(last) && isLossClass(segments)) return { path: segments, offset: tokens.startAt(from) };
  if (segments.length === 1) {
    const found = lookUpName(module, last, scope);
    if (!found) return undefined;
    if ('bindings' in found) {
      const binding = bindingOfName(module, last, scope, offset);
      return binding && binding.from >= 0 ? follow([binding]) : undefined;
    }
    // A parameter: what the file's constructions of the class (an `__init__`) or calls of the function pass.
    const fn = module.scope(found.scope);
    if (fn.name === '__init__' && fn.parent >= 0 && module.scope(fn.parent).kind === 'class') {
      const bare = { scope: found.scope, from, to, offset: tokens.startAt(from) };
      return follow(initParameterCandidates(module, mapper, bare), { owner: module.scope(fn.parent).name, name: last });
    }
    const passed = functionParameterCandidates(module, mapper, last, scope);
    return passed ? follow(passed.candidates, { owner: passed.owner.function, name: last }) : undefined;
  }
  if (segments.length !== 2) return undefined;
  if (segments[0] === 'self') {
    // The class attribute (or `self.X = <class>`): one binding, none set again by a subclass (bindingsOfSelf adds theirs).
    const bindings = bindingsOfSelf(module, last, scope);
    return bindings && bindings.length === 1 && bindings[0]!.from >= 0 ? follow(bindings) : undefined;
  }
  // `TrainConfig.criterion`: a class of the module, its class attribute, never set from outside (`TrainConfig.criterion = ...`).
  const owner = module.definitions.get(segments[0]!);
  const ownerScope = owner === undefined ? undefined : module.scope(owner);
  if (!ownerScope || ownerScope.kind !== 'class' || ownerScope.parent !== 0) return undefined;
  const bindings = ownerScope.names.get(last);
  if (!bindings || bindings.length !== 1 || bindings[0]!.from < 0 || assignedFromOutside(module, segments[0]!, last)) return undefined;
  return follow(bindings);
}

/** Whether the file assigns `Owner.attribute = ...` anywhere (or augments it). */
function assignedFromOutside(module: PythonModule, owner: string, attribute: string): boolean {
  const { tokens } = module;
  return tokensSpelled(module, attribute).some((k) => isOp(tokens, k - 1, '.') && isName(tokens, k - 2, owner) && isOp(tokens, k + 1, '='));
}
