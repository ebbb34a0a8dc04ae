import { closeOf, splitTopLevel, type PythonModule } from './pythonModule';
import { isName, isOp, NAME, STRING, type PythonTokens } from './pythonScanner';
import { pythonString } from './values';

/*
 * mmdetection-style config inheritance: `_base_ = ['../_base_/models/retinanet_r50_fpn.py']` and a
 * child that overrides some keys of a loss dict (`model = dict(bbox_head=dict(loss_cls=dict(gamma=3.0)))`).
 * The child's dict has no `type`; the base file's dict at the same key path does. These helpers find
 * the key path of a dict(...) call and the dict at a key path in another module.
 */

/** The files a config inherits from: the strings of its module-level `_base_` (a string or a list of them). */
export function baseFilesOf(module: PythonModule): string[] {
  const bindings = module.scope(0).names.get('_base_');
  const binding = bindings?.[bindings.length - 1];
  if (!binding || binding.from < 0) return [];
  const tokens = module.tokens;
  const files: string[] = [];
  for (let k = binding.from; k < binding.to; k++) {
    if (tokens.kind[k] !== STRING) continue;
    const file = pythonString(tokens.text.slice(tokens.startAt(k), tokens.endAt(k)));
    if (file !== undefined && file.endsWith('.py')) files.push(file);
  }
  return files;
}

/**
 * The key path of the `dict(` whose name is token `k`: `model = dict(bbox_head=dict(loss_cls=dict(`
 * gives ['model', 'bbox_head', 'loss_cls'] for the innermost; undefined unless every level is a
 * keyword argument of a dict(...) up to a module-level assignment.
 */
export function dictKeyPath(tokens: PythonTokens, k: number, enclosingOpen: (k: number) => number): string[] | undefined {
  const path: string[] = [];
  for (let name = k, depth = 0; depth < 16; depth++) {
    if (!isOp(tokens, name - 1, '=') || tokens.kind[name - 2] !== NAME) return undefined;
    path.unshift(tokens.text.slice(tokens.startAt(name - 2), tokens.endAt(name - 2)));
    const open = enclosingOpen(name - 2);
    if (open < 0) return isOp(tokens, name - 3, '.') ? undefined : path; // `model = dict(`: the top
    if (!isOp(tokens, open, '(') || !isName(tokens, open - 1, 'dict')) return undefined;
    name = open - 1;
  }
  return undefined;
}

/** The `dict(` call (its name token) at `path` in a config module: the top-level assignment, then keyword by keyword. */
export function dictAtPath(module: PythonModule, path: readonly string[]): number | undefined {
  const tokens = module.tokens;
  const bindings = module.scope(0).names.get(path[0]!);
  const binding = bindings?.[bindings.length - 1];
  if (!binding || binding.from < 0 || !isName(tokens, binding.from, 'dict') || !isOp(tokens, binding.from + 1, '(')) return undefined;
  let name = binding.from;
  for (const key of path.slice(1)) {
    const open = name + 1;
    const argument = splitTopLevel(tokens, open + 1, closeOf(tokens, open)).find(([from]) => tokens.kind[from] === NAME && isOp(tokens, from + 1, '=') && tokens.text.slice(tokens.startAt(from), tokens.endAt(from)) === key);
    if (!argument || !isName(tokens, argument[0] + 2, 'dict') || !isOp(tokens, argument[0] + 3, '(')) return undefined;
    name = argument[0] + 2;
  }
  return name;
}
