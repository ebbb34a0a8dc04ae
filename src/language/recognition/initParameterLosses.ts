import type { ArgumentMapper } from './argumentMapping';
import { tokensSpelled, type Candidate } from './candidates';
import { argumentCandidates } from './functionParameterLosses';
import { headOf } from './lossBindings';
import { closeOf, lookUpName, parametersOf, type Binding, type PythonModule } from './pythonModule';
import { isName, isOp, NAME, tokenText } from './pythonScanner';

export type { Candidate } from './candidates';

/*
 * A loss handed to a class through its constructor: `def __init__(self, loss=nn.CrossEntropyLoss())`
 * then `self.loss = loss`, or `loss=None` then `self.loss = loss or nn.BCELoss()` / `if loss is None:
 * loss = nn.BCELoss()` (mlelarge/graph_neural_net toolbox/losses.py, and the same shape in many
 * trainers). What `self.loss` holds is the default unless a construction passes the parameter, so the
 * candidates are the default (or the fallback) and what every construction of the class in the file
 * passes; any use of the class the file does not show completely (a subclass, `*args`, the class
 * passed around, `module.Cls(...)`) makes it uncertain. Constructions in other files are not seen.
 */

/**
 * The expressions `self.x = <binding>` may hold when the binding is an `__init__` parameter `p` or
 * `p or <fallback>`: undefined when the binding is not of that shape or the file leaves it uncertain.
 */
export function initParameterCandidates(module: PythonModule, mapper: ArgumentMapper, binding: Binding): Candidate[] | undefined {
  const { tokens } = module;
  const { from, to } = binding;
  if (from < 0 || tokens.kind[from] !== NAME) return undefined;
  const orFallback = to > from + 2 && isName(tokens, from + 1, 'or');
  if (to !== from + 1 && !orFallback) return undefined;
  const init = module.scope(binding.scope);
  if (init.kind !== 'def' || init.name !== '__init__' || init.parent < 0 || module.scope(init.parent).kind !== 'class') return undefined;
  const name = tokenText(tokens, from);
  const params = parametersOf(tokens, init);
  const index = params.findIndex((p) => p.name === name);
  const param = params[index];
  if (!param || param.star !== '' || index === 0) return undefined;
  const defaultIsNone = param.from >= 0 && param.to === param.from + 1 && isName(tokens, param.from, 'None');
  const candidates: Candidate[] = [];
  const defaultCandidate: Candidate = { scope: init.parent, from: param.from, to: param.to, offset: tokens.startAt(param.from) };
  const found = lookUpName(module, name, binding.scope);
  if (!found || found.scope !== binding.scope) return undefined;
  if ('bindings' in found) {
    // `if loss is None: loss = nn.BCELoss()` before `self.loss = loss`.
    if (orFallback) return undefined;
    const before = found.bindings.filter((b) => b.offset < binding.offset);
    if (before.length === 0 || before.length !== found.bindings.length || before.some((b) => b.from < 0)) return undefined;
    candidates.push(...before);
    if (param.from >= 0 && !defaultIsNone) candidates.push(defaultCandidate);
  } else if (orFallback) {
    if (param.from >= 0) candidates.push(defaultIsNone ? { scope: binding.scope, from: from + 2, to, offset: binding.offset } : defaultCandidate);
  } else if (param.from >= 0 && !defaultIsNone) {
    candidates.push(defaultCandidate);
  }
  const passed = passedValues(module, mapper, init.parent, name, index - 1, param.keywordOnly);
  if (!passed) return undefined;
  candidates.push(...passed);
  return candidates.length > 0 ? candidates : undefined;
}

/**
 * What the file's constructions of the class at `classScope` pass for the parameter (`position`
 * counted after self): undefined when a use of the class is not a construction the file shows whole.
 */
function passedValues(module: PythonModule, mapper: ArgumentMapper, classScope: number, name: string, position: number, keywordOnly: boolean): Candidate[] | undefined {
  const { tokens } = module;
  const owner = module.scope(classScope);
  const passed: Candidate[] = [];
  for (const k of tokensSpelled(module, owner.name)) {
    // The class statement itself, and `super(Cls, self)` in its methods.
    if (tokens.startAt(k) === owner.offset) continue;
    if (isName(tokens, k - 1, 'class') || isName(tokens, k - 1, 'def')) return undefined;
    if (isOp(tokens, k - 1, '(') && isName(tokens, k - 2, 'super')) continue;
    if (isOp(tokens, k - 1, '.') || !isOp(tokens, k + 1, '(')) return undefined;
    const close = closeOf(tokens, k + 1);
    const args = mapper.read(k + 2, close);
    if (args.some((arg) => arg.star !== '')) return undefined;
    const given = args.find((arg) => arg.keyword === name) ?? (keywordOnly ? undefined : args.filter((arg) => arg.keyword === '')[position]);
    if (!given) continue;
    // What the argument holds: the expression, or a name's binding (`crit = nn.BCELoss().cuda()` then `Trainer(net, crit)`)
    // before the statement (`bce = FocalLoss(bce, 2.0)` passes the earlier `bce`, not the one it binds).
    const head = headOf(module, k);
    const values = argumentCandidates(module, mapper, given.from, given.to, module.headScope[head]!, tokens.startAt(tokens.heads[head]!), 0);
    if (!values) return undefined;
    passed.push(...values);
  }
  return passed;
}

