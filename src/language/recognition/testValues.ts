import type { Argument } from './argument';
import { sameValue, type Value } from './arrayValues';
import { isChanged } from './kwargsLiterals';
import { bindingOfName } from './lossBindings';
import type { ParamValue } from './lossCall';
import type { PythonFile } from './pythonFile';
import { classKeyword, decoratorsBefore, headOf, qualifiedName, tokenAt } from './decorators';
import { closeOf, findTopLevel, lookUpName, readDotted, splitTopLevel, type Binding } from './pythonModule';
import { isName, isOp, NAME, NEWLINE, STRING } from './pythonScanner';
import { pythonString } from './values';

/*
 * Values a test gives a loss call without writing them at the call (issue 24):
 * - the variable of a `for` loop over a literal list around the call (`for use_softmax in [True,
 *   False]:` in MONAI's tests, `for gamma in [0, 0.5, 1, 2, 5]:` in Figure 1 scripts): every value;
 * - a test function's parameter filled by pytest's `@pytest.mark.parametrize("alpha", [0.2, 0.5])`
 *   (or `"alpha,gamma", [(0.25, 2.0), (0.5, 1.0)]`, `pytest.param(...)` rows, on the function or its
 *   class): the call receives every value of its column, all of them shown;
 * - `*args` whose tuple is a literal in the file (`args = (0.25, 2.0)` then `loss(x, y, *args)`), as
 *   kornia's tests write it: its elements are positional arguments.
 * Anything else stays unknown: a parameter the test reassigns, `indirect=` (the values go to a
 * fixture), a row that is not a literal, a name parametrized twice, a tuple the file changes.
 */

/** At most this many rows are read (a generated table is not worth listing). */
const MAX_ROWS = 64;

/**
 * The values a bare-name argument takes, when the file lists them: a test's parameter filled by
 * pytest's parametrize, or the variable of a `for` loop over a literal list around the call
 * (`for use_softmax in [True, False]:`). Undefined when the file does not say.
 */
export function listedArgument(file: PythonFile, arg: Argument, scope: number, offset: number): ParamValue<unknown> | undefined {
  const { tokens, module } = file;
  if (arg.to !== arg.from + 1 || tokens.kind[arg.from] !== NAME) return undefined;
  const name = file.text(arg.from);
  const at = arg.bound?.scope ?? scope;
  const found = lookUpName(module, name, at);
  if (!found) return undefined;
  // A parameter only (no assignment to it anywhere in the function), of a def scope; or a loop variable.
  const rows = 'parameter' in found ? (found.parameter.star === '' ? parametrizedValues(file, found.scope, name) : undefined) : found.scope === at ? loopValues(file, found.bindings, arg.bound?.offset ?? offset) : undefined;
  if (!rows) return undefined;
  const text = file.source(arg.from, arg.to);
  const origin = { ...file.resolvedOrigin(rows.offset), via: rows.via };
  const distinct: Value[] = [];
  for (const value of rows.values) if (!distinct.some((seen) => sameValue(seen, value))) distinct.push(value);
  return distinct.length === 1 ? { value: distinct[0], origin, text } : { value: undefined, values: distinct, origin, text };
}

/**
 * The values of a loop variable bound only by one `for name in [...]:` (a list or tuple literal, or
 * a name bound once to one) whose body holds the use at `use`.
 */
function loopValues(file: PythonFile, bindings: readonly Binding[], use: number): Rows | undefined {
  const { tokens } = file;
  if (bindings.length !== 1 || bindings[0]!.from >= 0) return undefined;
  const target = tokenAt(tokens, bindings[0]!.offset);
  const head = headOf(tokens, target);
  let first = tokens.heads[head]!;
  if (isName(tokens, first, 'async')) first++;
  // `for name in ...:` with one name as the target (a tuple target is not read).
  if (!isName(tokens, first, 'for') || target !== first + 1 || !isName(tokens, first + 2, 'in')) return undefined;
  const last = (head + 1 < tokens.headCount ? tokens.heads[head + 1]! : tokens.count) - 1;
  const colon = findTopLevel(tokens, first + 3, last + 1, ':');
  if (colon < 0 || colon !== last - 1) return undefined;
  // The use is in the loop's body: every logical line from the for to it is indented under it.
  const useHead = headOf(tokens, tokenAt(tokens, use));
  if (useHead <= head) return undefined;
  for (let h = head + 1; h <= useHead; h++) if (tokens.headIndent[h]! <= tokens.headIndent[head]!) return undefined;
  const scope = file.module.headScope[head]!;
  const values = columnValues(file, first + 3, colon, 0, 1, scope, tokens.start[first]!);
  return values ? { values, offset: tokens.start[first]!, via: 'loop' } : undefined;
}

interface Rows {
  readonly values: readonly Value[];
  /** Offset of the decorator or the `for` statement that gives them. */
  readonly offset: number;
  readonly via: 'parametrize' | 'loop';
}

/** The values `@pytest.mark.parametrize` gives parameter `name` of def scope `defScope` (its own decorators and its class's). */
function parametrizedValues(file: PythonFile, defScope: number, name: string): Rows | undefined {
  const { module } = file;
  const def = module.scope(defScope);
  if (def.kind !== 'def' || def.paramsOpen < 2) return undefined;
  let found: Rows | undefined;
  let seen = 0;
  const owners = [def.paramsOpen - 2];
  const parent = module.scope(def.parent);
  if (parent.kind === 'class') owners.push(classKeyword(module.tokens, parent.offset));
  for (const keyword of owners) {
    for (const decorator of decoratorsBefore(module.tokens, keyword)) {
      const read = readParametrize(file, decorator, name, def.parent);
      if (read === 'absent') continue;
      seen++;
      if (read === 'unknown') return undefined;
      found = read;
    }
  }
  // pytest refuses a name parametrized twice; a file that does it says nothing certain.
  return seen === 1 ? found : undefined;
}

/**
 * One decorator: 'absent' when it is not a parametrize of `name`, 'unknown' when it is one whose
 * values cannot be read for certain, else the values of `name`'s column.
 */
function readParametrize(file: PythonFile, at: number, name: string, scope: number): Rows | 'absent' | 'unknown' {
  const { tokens, module } = file;
  const [dotted, open] = readDotted(tokens, at + 1, tokens.count);
  if (qualifiedName(module, dotted) !== 'pytest.mark.parametrize' || !isOp(tokens, open, '(')) return 'absent';
  const close = closeOf(tokens, open);
  if (tokens.kind[close + 1] !== NEWLINE) return 'unknown';
  let names: [number, number] | undefined;
  let rows: [number, number] | undefined;
  let position = 0;
  for (const [from, to] of splitTopLevel(tokens, open + 1, close)) {
    if (tokens.kind[from] === NAME && isOp(tokens, from + 1, '=')) {
      const keyword = file.text(from);
      if (keyword === 'argnames') names = [from + 2, to];
      else if (keyword === 'argvalues') rows = [from + 2, to];
      // The values go to a fixture of that name, which may turn them into anything.
      else if (keyword === 'indirect' && !(to === from + 3 && isName(tokens, from + 2, 'False'))) return argNames(file, names)?.includes(name) === false ? 'absent' : 'unknown';
      continue;
    }
    if (isOp(tokens, from, '*') || isOp(tokens, from, '**')) return 'unknown';
    if (position === 0) names = [from, to];
    else if (position === 1) rows = [from, to];
    position++;
  }
  const columns = argNames(file, names);
  if (!columns) return 'unknown';
  const column = columns.indexOf(name);
  if (column < 0) return 'absent';
  if (!rows) return 'unknown';
  const values = columnValues(file, rows[0], rows[1], column, columns.length, scope, tokens.start[at]!);
  return values ? { values, offset: tokens.start[at]!, via: 'parametrize' } : 'unknown';
}

/** parametrize's argnames: `"alpha, gamma"` or `["alpha", "gamma"]` / `("alpha", "gamma")`. */
function argNames(file: PythonFile, range: [number, number] | undefined): string[] | undefined {
  if (!range) return undefined;
  const { tokens } = file;
  const [from, to] = range;
  if (to === from + 1 && tokens.kind[from] === STRING) {
    const text = pythonString(file.text(from));
    return text?.split(',').map((piece) => piece.trim()).filter((piece) => piece !== '');
  }
  if ((isOp(tokens, from, '[') || isOp(tokens, from, '(')) && tokens.match[from] === to - 1) {
    const names: string[] = [];
    for (const [start, end] of splitTopLevel(tokens, from + 1, to - 1)) {
      const text = end === start + 1 && tokens.kind[start] === STRING ? pythonString(file.text(start)) : undefined;
      if (text === undefined) return undefined;
      names.push(text.trim());
    }
    return names;
  }
  return undefined;
}

/** The values of one column of parametrize's argvalues (a list or tuple literal, or a name bound once to one). */
function columnValues(file: PythonFile, from: number, to: number, column: number, width: number, scope: number, offset: number): Value[] | undefined {
  const { tokens, module } = file;
  if (to === from + 1 && tokens.kind[from] === NAME) {
    const binding = bindingOfName(module, file.text(from), scope, offset);
    if (!binding || binding.from < 0 || isChanged(file, file.text(from))) return undefined;
    return columnValues(file, binding.from, binding.to, column, width, binding.scope, binding.offset);
  }
  if (!(isOp(tokens, from, '[') || isOp(tokens, from, '(')) || tokens.match[from] !== to - 1) return undefined;
  const elements = splitTopLevel(tokens, from + 1, to - 1);
  if (elements.length === 0 || elements.length > MAX_ROWS) return undefined;
  const values: Value[] = [];
  for (const [start, end] of elements) {
    const cells = rowCells(file, start, end, width);
    const cell = cells?.[column];
    if (!cell) return undefined;
    const known = file.evaluator.evaluate(cell[0], cell[1], scope, offset);
    if (!known) return undefined;
    values.push(known.value);
  }
  return values;
}

/** The cells of one row: `pytest.param(a, b, id=...)`'s positional arguments, a tuple of `width` for several names, else the row itself. */
function rowCells(file: PythonFile, from: number, to: number, width: number): [number, number][] | undefined {
  const { tokens, module } = file;
  const [dotted, open] = readDotted(tokens, from, to);
  if (dotted !== '' && qualifiedName(module, dotted) === 'pytest.param' && isOp(tokens, open, '(') && tokens.match[open] === to - 1) {
    const cells = splitTopLevel(tokens, open + 1, to - 1).filter(([start]) => !(tokens.kind[start] === NAME && isOp(tokens, start + 1, '=')));
    if (cells.some(([start]) => isOp(tokens, start, '*') || isOp(tokens, start, '**'))) return undefined;
    return cells.length === width ? cells : undefined;
  }
  if (width === 1) return [[from, to]];
  if (!(isOp(tokens, from, '(') || isOp(tokens, from, '[')) || tokens.match[from] !== to - 1) return undefined;
  const cells = splitTopLevel(tokens, from + 1, to - 1);
  return cells.length === width ? cells : undefined;
}

/**
 * The positional arguments a `*args` argument stands for, when its tuple or list is a literal in the
 * file (`*(0.25, 2.0)`, or `args = (0.25, 2.0)` bound once and never changed): each element evaluated
 * where the tuple was written. Undefined when the file does not say for certain.
 */
export function expandStarArgs(file: PythonFile, arg: Argument, scope: number, offset: number): Argument[] | undefined {
  const { tokens, module } = file;
  let from = arg.from;
  let to = arg.to;
  let bound = arg.bound;
  if (to === from + 1 && tokens.kind[from] === NAME) {
    const name = file.text(from);
    const binding = bindingOfName(module, name, bound?.scope ?? scope, bound?.offset ?? offset);
    if (!binding || binding.from < 0 || isChanged(file, name)) return undefined;
    ({ from, to } = binding);
    bound = { scope: binding.scope, offset: binding.offset };
  }
  if (!(isOp(tokens, from, '(') || isOp(tokens, from, '[')) || tokens.match[from] !== to - 1) return undefined;
  const elements = splitTopLevel(tokens, from + 1, to - 1);
  // `(x)` is no tuple; a star inside is not a literal.
  if (isOp(tokens, from, '(') && elements.length === 1 && !isOp(tokens, to - 2, ',')) return undefined;
  if (elements.some(([start]) => isOp(tokens, start, '*') || isOp(tokens, start, '**'))) return undefined;
  return elements.map(([start, end]): Argument => (bound ? { keyword: '', star: '', from: start, to: end, bound } : { keyword: '', star: '', from: start, to: end }));
}
