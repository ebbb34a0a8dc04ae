import type { Binding } from './binding';
import type { PythonModule } from './pythonModule';
import { nameTokensSpelled } from './spelledTokens';

/** An expression a bound name may hold, with where it is evaluated (a parameter's candidates: initParameterLosses.ts, functionParameterLosses.ts). */
export interface Candidate extends Binding {}

const NAME_TOKENS = new WeakMap<PythonModule, Map<string, number[]>>();

/** The NAME tokens spelled like a class's or function's name, searched once per module and name (every call of `self.loss` asks). */
export function tokensSpelled(module: PythonModule, name: string): number[] {
  let byName = NAME_TOKENS.get(module);
  if (!byName) NAME_TOKENS.set(module, (byName = new Map()));
  let found = byName.get(name);
  if (!found) byName.set(name, (found = nameTokensSpelled(module.tokens, [name])));
  return found;
}
