import type { Argument } from './argument';
import { bindingOfName } from './lossBindings';
import type { PythonFile } from './pythonFile';
import { splitTopLevel } from './pythonModule';
import { isName, isOp, NAME, STRING } from './pythonScanner';
import { pythonString } from './values';

/*
 * `**kwargs` whose dict is a literal in the file: `**{'alpha': 0.5}`, `**dict(gamma=1.0)`, or a name
 * bound once to one (`kw = dict(alpha=0.5, gamma=1.0)` then `loss(x, y, **kw)`). Its keys become keyword
 * arguments, each evaluated where the dict was written. A dict the file changes anywhere (`kw['gamma'] = 3`,
 * `kw.update(...)`: any subscript or attribute of the name), or with `**` or computed keys inside, stays unknown.
 */

/** The keyword arguments a `**` argument stands for, or undefined when the file does not say for certain. */
export function expandKwargs(file: PythonFile, arg: Argument, scope: number, offset: number): Argument[] | undefined {
  const { tokens } = file;
  if (arg.to === arg.from + 1 && tokens.kind[arg.from] === NAME) {
    const name = file.text(arg.from);
    const binding = bindingOfName(file.module, name, arg.bound?.scope ?? scope, arg.bound?.offset ?? offset);
    if (!binding || binding.from < 0 || isChanged(file, name)) return undefined;
    return dictItems(file, binding.from, binding.to, { scope: binding.scope, offset: binding.offset });
  }
  return dictItems(file, arg.from, arg.to, arg.bound);
}

/** The items of a dict literal spanning tokens [from, to), as keyword arguments evaluated at `bound`. */
function dictItems(file: PythonFile, from: number, to: number, bound: Argument['bound']): Argument[] | undefined {
  const { tokens } = file;
  const withBound = (item: Omit<Argument, 'bound'>): Argument => (bound ? { ...item, bound } : item);
  if (isOp(tokens, from, '{') && tokens.match[from] === to - 1) {
    const items: Argument[] = [];
    for (const [start, end] of splitTopLevel(tokens, from + 1, to - 1)) {
      const key = tokens.kind[start] === STRING && isOp(tokens, start + 1, ':') ? pythonString(file.text(start)) : undefined;
      if (key === undefined || start + 2 >= end) return undefined;
      items.push(withBound({ keyword: key, star: '', from: start + 2, to: end }));
    }
    return items;
  }
  if (isName(tokens, from, 'dict') && isOp(tokens, from + 1, '(') && tokens.match[from + 1] === to - 1 && !file.module.scope(0).names.has('dict')) {
    const items: Argument[] = [];
    for (const [start, end] of splitTopLevel(tokens, from + 2, to - 1)) {
      if (tokens.kind[start] !== NAME || !isOp(tokens, start + 1, '=') || start + 2 >= end) return undefined;
      items.push(withBound({ keyword: file.text(start), star: '', from: start + 2, to: end }));
    }
    return items;
  }
  return undefined;
}

/**
 * Whether `name` is ever subscripted, has an attribute taken or is augmented (`+=`, `|=`) in the file: it
 * may be changed there. `except`: the token of a use known to only read it (a fixture's `MAPPING[request.param]`).
 */
export function isChanged(file: PythonFile, name: string, except = -1): boolean {
  const { tokens } = file;
  for (let k = 0; k < tokens.count; k++) {
    if (k !== except && tokens.kind[k] === NAME && (isOp(tokens, k + 1, '[') || isOp(tokens, k + 1, '.') || isOp(tokens, k + 1, '+=') || isOp(tokens, k + 1, '*=') || isOp(tokens, k + 1, '|=')) && !isOp(tokens, k - 1, '.') && file.text(k) === name) return true;
  }
  return false;
}
