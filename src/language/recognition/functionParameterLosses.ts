import type { ArgumentMapper } from './argumentMapping';
import { tokensSpelled, type Candidate } from './candidates';
import { bindingsOfName, headOf } from './lossBindings';
import { closeOf, lookUpName, parametersOf, type PythonModule } from './pythonModule';
import { isKeywordArgumentName, isName, isOp, NAME, tokenText } from './pythonScanner';

/*
 * A loss handed to a function as an argument: `def train(model, loader, criterion): ... loss =
 * criterion(out, y)` called as `train(model, dl, nn.CrossEntropyLoss())`, or with a name bound to
 * one (`criterion = nn.CrossEntropyLoss(); train(model, dl, criterion)`), or by keyword
 * (`fit(model, loss_fn=F.cross_entropy)`). Seen in pytorch/examples mnist/main.py (`train(args,
 * model, device, train_loader, optimizer, epoch)` with the loss inside; the same loop with the loss
 * passed in is the usual variant), kuangliu-style and course notebooks' `train(model, loader,
 * criterion, optimizer)` loops, and the d2l `train_epoch_ch3(net, train_iter, loss, updater)`.
 *
 * What the parameter holds is what the file's calls of the function pass (or its default where a
 * call leaves it out): the candidates. Any use of the function the file does not show whole (passed
 * as a value, `*args` / `**kwargs` at a call, a second definition of the name, a method) makes it
 * uncertain, and a function the file never calls gives no candidates: the hover stays silent.
 * Calls in other files are not seen (the hover says so).
 */

/** How many parameters deep a loss may be handed on (`main(criterion)` passing it to `train(criterion)`). */
const MAX_DEPTH = 2;

/** The function and parameter a name stands for, when it is a plain parameter of a function (not a method). */
export interface FunctionParameter {
  readonly function: string;
  readonly parameter: string;
}

/**
 * The expressions the parameter `name` of the function enclosing `scope` may hold, from every call
 * of the function in the file: undefined when `name` is not such a parameter or any call is uncertain.
 */
export function functionParameterCandidates(module: PythonModule, mapper: ArgumentMapper, name: string, scope: number, depth = 0): { readonly owner: FunctionParameter; readonly candidates: Candidate[] } | undefined {
  const { tokens } = module;
  const found = lookUpName(module, name, scope);
  if (!found || !('parameter' in found) || depth > MAX_DEPTH) return undefined;
  const fn = module.scope(found.scope);
  // A method is called through objects the file may not show (`self.fit(...)`, `trainer.fit(...)`).
  if (fn.kind !== 'def' || fn.parent < 0 || module.scope(fn.parent).kind === 'class') return undefined;
  const param = found.parameter;
  if (param.star !== '') return undefined;
  const index = parametersOf(tokens, fn).indexOf(param);
  const candidates: Candidate[] = [];
  let calls = 0;
  let defaultUsed = false;
  for (const k of tokensSpelled(module, fn.name)) {
    if (tokens.startAt(k) === fn.offset) continue;
    // Another definition or binding of the name: which one a call reaches is not certain.
    if (isName(tokens, k - 1, 'def') || isName(tokens, k - 1, 'class') || isName(tokens, k - 1, 'import') || isName(tokens, k - 1, 'as')) return undefined;
    // An attribute of something else (`model.train()`), or a keyword argument's name (`f(train=True)`).
    if (isOp(tokens, k - 1, '.') || isKeywordArgumentName(tokens, k)) continue;
    // Used as a value (`Thread(target=train)`, `pool.map(train, ...)`, `train = other`): its calls are not seen.
    if (!isOp(tokens, k + 1, '(')) return undefined;
    const siteScope = module.headScope[headOf(module, k)]!;
    // The call must reach this definition (not a local function of the same name).
    const reached = lookUpName(module, fn.name, siteScope);
    if (!reached || !('bindings' in reached) || reached.scope !== fn.parent || reached.bindings.length !== 1 || reached.bindings[0]!.offset !== fn.offset) return undefined;
    const args = mapper.read(k + 2, closeOf(tokens, k + 1));
    if (args.some((arg) => arg.star !== '')) return undefined;
    calls++;
    const given = args.find((arg) => arg.keyword === name) ?? (param.keywordOnly ? undefined : args.filter((arg) => arg.keyword === '')[index]);
    if (!given) {
      defaultUsed = true;
      continue;
    }
    // The bindings before the statement: `crit = wrap(crit)` passes the earlier `crit`, not the one it binds.
    const passed = argumentCandidates(module, mapper, given.from, given.to, siteScope, tokens.startAt(tokens.heads[headOf(module, k)]!), depth);
    if (!passed) return undefined;
    candidates.push(...passed);
  }
  if (calls === 0) return undefined;
  if (defaultUsed) {
    // No default is a TypeError, `None` a fallback the body chooses: neither is a loss the file shows.
    if (param.from < 0 || (param.to === param.from + 1 && isName(tokens, param.from, 'None'))) return undefined;
    candidates.push({ scope: fn.parent, from: param.from, to: param.to, offset: tokens.startAt(param.from) });
  }
  return { owner: { function: fn.name, parameter: name }, candidates };
}

/**
 * What an argument [from, to) written at `offset` in `scope` may hold: the expression itself, or for
 * a bare name, what the name is bound to there (every branch's binding), or what a parameter of the
 * caller is passed in turn. Undefined when that is not certain.
 */
export function argumentCandidates(module: PythonModule, mapper: ArgumentMapper, from: number, to: number, scope: number, offset: number, depth: number): Candidate[] | undefined {
  const { tokens } = module;
  if (to !== from + 1 || tokens.kind[from] !== NAME) return [{ scope, from, to, offset: tokens.startAt(from) }];
  const name = tokenText(tokens, from);
  const found = lookUpName(module, name, scope);
  // Not bound in the file: an imported loss function (`sigmoid_focal_loss`), read as it is.
  if (!found) return [{ scope, from, to, offset: tokens.startAt(from) }];
  if ('parameter' in found) return functionParameterCandidates(module, mapper, name, scope, depth + 1)?.candidates;
  const bindings = bindingsOfName(module, name, scope, offset);
  if (!bindings || bindings.some((b) => b.from < 0)) return undefined;
  return [...bindings];
}
