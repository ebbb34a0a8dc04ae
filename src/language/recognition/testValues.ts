import type { Argument } from './argument';
import { sameValue, type Value } from './arrayValues';
import { expandKwargs, isChanged } from './kwargsLiterals';
import { bindingOfName } from './lossBindings';
import type { ParamValue, ValueOrigin } from './lossCall';
import type { PythonFile } from './pythonFile';
import { classKeyword, decoratorsBefore, headOf, qualifiedName, tokenAt } from './decorators';
import { closeOf, findTopLevel, lookUpName, MODULE_SCOPE, parametersOf, readDotted, splitTopLevel, type Binding } from './pythonModule';
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
 * - module- or class-level `pytestmark = pytest.mark.parametrize(...)` (or a list of marks holding
 *   one): pytest applies it to every test function there (only functions it collects: `test*`);
 * - `@parameterized.expand(TEST_CASES)` on a test method (MONAI's tests): parameterized passes each
 *   row positionally after `self` (a tuple or list row; a `param(...)` row with its keywords; a string
 *   row as one argument), so a column is the parameter's position; a dict cell passed on as
 *   `**input_param` gives the call each row's keywords (argumentMapping.ts merges the rows);
 * - a fixture of the same file with `params=[...]` whose body only returns `request.param`
 *   (`@pytest.fixture(params=[0.5, 2.0]) def gamma(request): return request.param`), or a dict
 *   literal of the file indexed by it (`return {"focal": 2.0, "ce": 0.0}[request.param]`).
 * Anything else stays unknown: a parameter the test reassigns, `indirect=` (the values go to a
 * fixture), a row that is not a literal, a name parametrized twice, a tuple the file changes, a
 * table built by code (appends, comprehensions, `product(...)`, `+`), a fixture that changes the value.
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
 * `**name` where `name` is a test's parameter whose every row is a dict literal (MONAI's
 * `FocalLoss(**input_param)` under `@parameterized.expand(TEST_CASES)`): each row's keyword
 * arguments, and where the rows are. Undefined when any row is not a literal dict.
 */
export function listedKwargRows(file: PythonFile, arg: Argument, scope: number): { readonly rows: readonly Argument[][]; readonly origin: ValueOrigin } | undefined {
  const { tokens, module } = file;
  if (arg.star !== '**' || arg.to !== arg.from + 1 || tokens.kind[arg.from] !== NAME) return undefined;
  const name = file.text(arg.from);
  const found = lookUpName(module, name, arg.bound?.scope ?? scope);
  if (!found || !('parameter' in found) || found.parameter.star !== '') return undefined;
  const read = parameterCells(file, found.scope, name);
  if (!read) return undefined;
  const rows: Argument[][] = [];
  for (const cell of read.cells) {
    const items = expandKwargs(file, { keyword: '', star: '**', from: cell.from, to: cell.to, bound: { scope: cell.scope, offset: cell.offset } }, cell.scope, cell.offset);
    if (!items) return undefined;
    rows.push(items);
  }
  return { rows, origin: { ...file.resolvedOrigin(read.offset), via: read.via } as ValueOrigin };
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
  const values = columnValues(file, first + 3, colon, 0, 1, scope, tokens.startAt(first));
  return values ? { values, offset: tokens.startAt(first), via: 'loop' } : undefined;
}

interface Rows {
  readonly values: readonly Value[];
  /** Offset of the decorator or the `for` statement that gives them. */
  readonly offset: number;
  readonly via: 'parametrize' | 'loop' | 'parameterized' | 'fixture';
}

/** Token ranges of a column's cells, each with where it is evaluated (the table's scope and line). */
interface Cells {
  readonly cells: readonly { readonly from: number; readonly to: number; readonly scope: number; readonly offset: number }[];
  readonly offset: number;
  readonly via: Rows['via'];
}

/**
 * The values a test's parameter `name` (of def scope `defScope`) receives from the file: pytest's
 * parametrize (decorators, `pytestmark`), parameterized's expand, or a parametrized fixture.
 */
function parametrizedValues(file: PythonFile, defScope: number, name: string): Rows | undefined {
  const cells = parameterCells(file, defScope, name);
  return cells && cellValues(file, cells);
}

/** The cells behind a test's parameter (see parametrizedValues), undefined when not certain. */
function parameterCells(file: PythonFile, defScope: number, name: string): Cells | undefined {
  const { module } = file;
  const def = module.scope(defScope);
  if (def.kind !== 'def' || def.paramsOpen < 2) return undefined;
  let found: Cells | undefined;
  let seen = 0;
  const add = (read: Cells | 'absent' | 'unknown'): boolean => {
    if (read === 'absent') return true;
    seen++;
    if (read === 'unknown') return false;
    found = read;
    return true;
  };
  const owners = [def.paramsOpen - 2];
  const parent = module.scope(def.parent);
  if (parent.kind === 'class') owners.push(classKeyword(module.tokens, parent.offset));
  for (const keyword of owners) {
    for (const decorator of decoratorsBefore(module.tokens, keyword)) {
      const marks = readParametrize(file, decorator + 1, name, def.parent, true);
      if (!add(marks)) return undefined;
      if (keyword === owners[0] && !add(readExpand(file, decorator + 1, defScope, name))) return undefined;
    }
  }
  // `pytestmark` applies to the functions pytest collects: `test*` (in a `Test*` class when a method).
  if (def.name.startsWith('test') && (def.parent === MODULE_SCOPE || (parent.kind === 'class' && parent.parent === MODULE_SCOPE && parent.name.startsWith('Test')))) {
    if (def.parent !== MODULE_SCOPE && !add(readPytestmark(file, def.parent, name))) return undefined;
    if (!add(readPytestmark(file, MODULE_SCOPE, name))) return undefined;
  }
  // pytest refuses a name parametrized twice; a file that does it says nothing certain.
  if (seen > 1) return undefined;
  if (seen === 1) return found;
  return def.name.startsWith('test') ? fixtureCells(file, defScope, name) : undefined;
}

/**
 * One mark written at token `at` (the dotted name after '@', or an element of `pytestmark`):
 * 'absent' when it is not a parametrize of `name`, 'unknown' when it is one whose values cannot be
 * read for certain, else the cells of `name`'s column. `decorator`: the call must end its line.
 */
function readParametrize(file: PythonFile, at: number, name: string, scope: number, decorator: boolean, to = file.tokens.count): Cells | 'absent' | 'unknown' {
  const { tokens, module } = file;
  const [dotted, open] = readDotted(tokens, at, to);
  if (qualifiedName(module, dotted) !== 'pytest.mark.parametrize' || !isOp(tokens, open, '(')) return 'absent';
  const close = closeOf(tokens, open);
  if (decorator ? tokens.kind[close + 1] !== NEWLINE : close !== to - 1) return 'unknown';
  let names: [number, number] | undefined;
  let rows: [number, number] | undefined;
  let position = 0;
  for (const [from, end] of splitTopLevel(tokens, open + 1, close)) {
    if (tokens.kind[from] === NAME && isOp(tokens, from + 1, '=')) {
      const keyword = file.text(from);
      if (keyword === 'argnames') names = [from + 2, end];
      else if (keyword === 'argvalues') rows = [from + 2, end];
      // The values go to a fixture of that name, which may turn them into anything.
      else if (keyword === 'indirect' && !(end === from + 3 && isName(tokens, from + 2, 'False'))) return argNames(file, names)?.includes(name) === false ? 'absent' : 'unknown';
      continue;
    }
    if (isOp(tokens, from, '*') || isOp(tokens, from, '**')) return 'unknown';
    if (position === 0) names = [from, end];
    else if (position === 1) rows = [from, end];
    position++;
  }
  const columns = argNames(file, names);
  if (!columns) return 'unknown';
  const column = columns.indexOf(name);
  if (column < 0) return 'absent';
  if (!rows) return 'unknown';
  const cells = columnCells(file, rows[0], rows[1], column, columns.length, scope, tokens.startAt(at));
  return cells ? { cells, offset: tokens.startAt(at - (decorator ? 1 : 0)), via: 'parametrize' } : 'unknown';
}

/** `pytestmark = pytest.mark.parametrize(...)` (or a list / tuple of marks) bound once in `scope` (the module or a class). */
function readPytestmark(file: PythonFile, scope: number, name: string): Cells | 'absent' | 'unknown' {
  const { tokens, module } = file;
  const bindings = module.scope(scope).names.get('pytestmark');
  if (!bindings) return 'absent';
  if (bindings.length !== 1 || bindings[0]!.from < 0 || isChanged(file, 'pytestmark')) return 'unknown';
  const { from, to } = bindings[0]!;
  const marks = (isOp(tokens, from, '[') || isOp(tokens, from, '(')) && tokens.match[from] === to - 1 ? splitTopLevel(tokens, from + 1, to - 1) : [[from, to] as [number, number]];
  let found: Cells | 'absent' = 'absent';
  for (const [start, end] of marks) {
    const [dotted] = readDotted(tokens, start, end);
    // A name or call that is not a mark of pytest's may stand for a parametrize: not certain.
    if (!qualifiedName(module, dotted).startsWith('pytest.mark.')) return 'unknown';
    const read = readParametrize(file, start, name, scope, false, end);
    if (read === 'unknown' || (read !== 'absent' && found !== 'absent')) return 'unknown';
    if (read !== 'absent') found = read;
  }
  return found;
}

/**
 * `@parameterized.expand(rows)` on a test method: each row is passed after `self`, positionally (a
 * tuple or list), as `param(*args, **kwargs)`, or as one argument (a string); wolever/parameterized's
 * `param.from_decorator`. 'absent' when the decorator is not expand.
 */
function readExpand(file: PythonFile, at: number, defScope: number, name: string): Cells | 'absent' | 'unknown' {
  const { tokens, module } = file;
  const [dotted, open] = readDotted(tokens, at, tokens.count);
  const qualified = qualifiedName(module, dotted);
  if ((qualified !== 'parameterized.parameterized.expand' && qualified !== 'parameterized.expand') || !isOp(tokens, open, '(')) return 'absent';
  const close = closeOf(tokens, open);
  const def = module.scope(defScope);
  const params = parametersOf(tokens, def);
  const index = params.findIndex((p) => p.name === name);
  // A method: the first parameter is self, which parameterized passes before the row.
  if (tokens.kind[close + 1] !== NEWLINE || module.scope(def.parent).kind !== 'class' || index < 1 || params.slice(0, index + 1).some((p) => p.star !== '' || p.keywordOnly)) return 'unknown';
  const column = index - 1;
  let input: [number, number] | undefined;
  for (const [from, end] of splitTopLevel(tokens, open + 1, close)) {
    if (isOp(tokens, from, '*') || isOp(tokens, from, '**')) return 'unknown';
    if (tokens.kind[from] === NAME && isOp(tokens, from + 1, '=')) {
      if (file.text(from) === 'input') input = [from + 2, end];
    } else input ??= [from, end];
  }
  if (!input) return 'unknown';
  const table = literalSequence(file, input[0], input[1], def.parent, tokens.startAt(at));
  if (!table) return 'unknown';
  const cells: Cells['cells'][number][] = [];
  for (const [from, end] of splitTopLevel(tokens, table.from + 1, table.to - 1)) {
    const cell = expandCell(file, from, end, column, name, table.scope, table.offset);
    if (!cell) return 'unknown';
    cells.push(cell);
  }
  return cells.length > 0 && cells.length <= MAX_ROWS ? { cells, offset: tokens.startAt(at - 1), via: 'parameterized' } : 'unknown';
}

/** One row of expand's table: the cell passed as positional `column` (or keyword `name` of a `param(...)`). */
function expandCell(file: PythonFile, from: number, to: number, column: number, name: string, scope: number, offset: number): Cells['cells'][number] | undefined {
  const { tokens, module } = file;
  const [dotted, open] = readDotted(tokens, from, to);
  const qualified = dotted === '' ? '' : qualifiedName(module, dotted);
  if ((qualified === 'parameterized.param' || qualified === 'parameterized.parameterized.param') && isOp(tokens, open, '(') && tokens.match[open] === to - 1) {
    const items = splitTopLevel(tokens, open + 1, to - 1);
    if (items.some(([start]) => isOp(tokens, start, '*') || isOp(tokens, start, '**'))) return undefined;
    const keyword = items.find(([start]) => tokens.kind[start] === NAME && isOp(tokens, start + 1, '=') && file.text(start) === name);
    if (keyword) return { from: keyword[0] + 2, to: keyword[1], scope, offset };
    const positional = items.filter(([start]) => !(tokens.kind[start] === NAME && isOp(tokens, start + 1, '=')));
    const cell = positional[column];
    return cell && { from: cell[0], to: cell[1], scope, offset };
  }
  if (to === from + 1 && tokens.kind[from] === STRING) return column === 0 ? { from, to, scope, offset } : undefined;
  // A row written as a name (MONAI's `TEST_CASE_1 = [...]`): the list or tuple it is bound to.
  const row = literalSequence(file, from, to, scope, offset);
  if (!row) return undefined;
  const cells = splitTopLevel(tokens, row.from + 1, row.to - 1);
  if (cells.some(([start]) => isOp(tokens, start, '*') || isOp(tokens, start, '**'))) return undefined;
  const cell = cells[column];
  return cell && { from: cell[0], to: cell[1], scope: row.scope, offset: row.offset };
}

/** A list or tuple literal at [from, to), or the one a name is bound to once and never changed. */
function literalSequence(file: PythonFile, from: number, to: number, scope: number, offset: number): { from: number; to: number; scope: number; offset: number } | undefined {
  const { tokens, module } = file;
  if (to === from + 1 && tokens.kind[from] === NAME) {
    const binding = bindingOfName(module, file.text(from), scope, offset);
    if (!binding || binding.from < 0 || isChanged(file, file.text(from))) return undefined;
    return literalSequence(file, binding.from, binding.to, binding.scope, binding.offset);
  }
  if (!(isOp(tokens, from, '[') || isOp(tokens, from, '(')) || tokens.match[from] !== to - 1) return undefined;
  // A comprehension is code, not a table.
  for (let k = from + 1; k < to - 1; k++) {
    if (isName(tokens, k, 'for')) return undefined;
    if (tokens.match[k]! > k) k = tokens.match[k]!;
  }
  return { from, to, scope, offset };
}

/**
 * A fixture of the file named `name`, seen from test `defScope` (its class's first, then the
 * module's), with `params=[...]` and a body that only returns (or yields) `request.param`.
 */
function fixtureCells(file: PythonFile, defScope: number, name: string): Cells | undefined {
  const { module } = file;
  const def = module.scope(defScope);
  for (const owner of [def.parent, MODULE_SCOPE]) {
    if (module.scope(owner).kind === 'def') return undefined;
    const fixtures: Cells[] = [];
    let named = 0;
    for (let s = 0; s < module.scopes.length; s++) {
      const candidate = module.scope(s);
      if (candidate.kind !== 'def' || candidate.parent !== owner || candidate.paramsOpen < 2) continue;
      const read = readFixture(file, s, name);
      if (read === 'absent') continue;
      named++;
      if (read !== 'unknown') fixtures.push(read);
    }
    // Several definitions: the last one wins at import, and that is not worth guessing.
    if (named > 1) return undefined;
    if (named === 1) return fixtures[0];
    if (owner === MODULE_SCOPE) break;
  }
  return undefined;
}

function readFixture(file: PythonFile, defScope: number, name: string): Cells | 'absent' | 'unknown' {
  const { tokens, module } = file;
  const def = module.scope(defScope);
  for (const at of decoratorsBefore(tokens, def.paramsOpen - 2)) {
    const [dotted, open] = readDotted(tokens, at + 1, tokens.count);
    const qualified = qualifiedName(module, dotted);
    if (qualified !== 'pytest.fixture') continue;
    let fixtureName = def.name;
    let params: [number, number] | undefined;
    if (isOp(tokens, open, '(')) {
      const close = closeOf(tokens, open);
      for (const [from, end] of splitTopLevel(tokens, open + 1, close)) {
        if (!(tokens.kind[from] === NAME && isOp(tokens, from + 1, '='))) return def.name === name ? 'unknown' : 'absent';
        const keyword = file.text(from);
        if (keyword === 'params') params = [from + 2, end];
        else if (keyword === 'name') {
          const given = end === from + 3 && tokens.kind[from + 2] === STRING ? pythonString(file.text(from + 2)) : undefined;
          if (given === undefined) return 'unknown';
          fixtureName = given;
        }
      }
    }
    if (fixtureName !== name) return 'absent';
    const body = params && fixtureBody(file, defScope);
    if (!params || !body) return 'unknown';
    const cells = columnCells(file, params[0], params[1], 0, 1, def.parent, tokens.startAt(at));
    const values = cells && (body === 'param' ? cells : throughMapping(file, cells, body));
    return values ? { cells: values, offset: tokens.startAt(at), via: 'fixture' } : 'unknown';
  }
  return def.name === name ? 'unknown' : 'absent';
}

/**
 * What the fixture's body gives for each param: `request.param` itself ('param'), or a dict literal
 * of the file indexed by it (`return {"focal": 2.0, "ce": 0.0}[request.param]`, or a name bound once
 * to such a dict and never changed). The body is (a docstring and) that one return / yield, `request`
 * the fixture's one parameter. Undefined for any other body.
 */
function fixtureBody(file: PythonFile, defScope: number): 'param' | { readonly from: number; readonly to: number; readonly scope: number; readonly offset: number } | undefined {
  const { tokens, module } = file;
  const def = module.scope(defScope);
  const params = parametersOf(tokens, def);
  if (params.length !== 1 || params[0]!.name !== 'request' || params[0]!.star !== '') return undefined;
  const defHead = headOf(tokens, def.paramsOpen);
  const statements: number[] = [];
  for (let h = defHead + 1; h < tokens.headCount && tokens.headIndent[h]! > tokens.headIndent[defHead]!; h++) statements.push(h);
  const body = statements.filter((h, i) => !(i === 0 && tokens.kind[tokens.heads[h]!] === STRING && tokens.kind[tokens.heads[h]! + 1] === NEWLINE));
  if (body.length !== 1) return undefined;
  const k = tokens.heads[body[0]!]!;
  if (!isName(tokens, k, 'return') && !isName(tokens, k, 'yield')) return undefined;
  const requestParam = (at: number) => isName(tokens, at, 'request') && isOp(tokens, at + 1, '.') && isName(tokens, at + 2, 'param');
  if (requestParam(k + 1) && tokens.kind[k + 4] === NEWLINE) return 'param';
  // MAPPING[request.param] / {...}[request.param]
  let close = k + 1;
  if (tokens.kind[close] === NAME && !isOp(tokens, close + 1, '.')) close++;
  else if (isOp(tokens, close, '{') && tokens.match[close]! > close) close = tokens.match[close]! + 1;
  else return undefined;
  if (!(isOp(tokens, close, '[') && requestParam(close + 1) && isOp(tokens, close + 4, ']') && tokens.kind[close + 5] === NEWLINE)) return undefined;
  let dict = { from: k + 1, to: close, scope: defScope, offset: tokens.startAt(k) };
  if (close === k + 2) {
    const binding = bindingOfName(module, file.text(k + 1), defScope, tokens.startAt(k));
    if (!binding || binding.from < 0 || isChanged(file, file.text(k + 1), k + 1)) return undefined;
    dict = { from: binding.from, to: binding.to, scope: binding.scope, offset: binding.offset };
  }
  return isOp(tokens, dict.from, '{') && tokens.match[dict.from] === dict.to - 1 ? dict : undefined;
}

/** Each param's value through a fixture's dict: the item whose literal key equals it (a missing key raises: unknown). */
function throughMapping(file: PythonFile, cells: Cells['cells'], dict: { from: number; to: number; scope: number; offset: number }): Cells['cells'][number][] | undefined {
  const { tokens } = file;
  const items: { key: Value; from: number; to: number }[] = [];
  for (const [start, end] of splitTopLevel(tokens, dict.from + 1, dict.to - 1)) {
    const colon = findTopLevel(tokens, start, end, ':');
    const key = colon > start ? file.evaluator.evaluate(start, colon, dict.scope, dict.offset) : undefined;
    if (!key || colon + 1 >= end || items.some((item) => sameValue(item.key, key.value))) return undefined;
    items.push({ key: key.value, from: colon + 1, to: end });
  }
  const mapped: Cells['cells'][number][] = [];
  for (const cell of cells) {
    const key = file.evaluator.evaluate(cell.from, cell.to, cell.scope, cell.offset);
    const item = key && items.find((candidate) => sameValue(candidate.key, key.value));
    if (!item) return undefined;
    mapped.push({ from: item.from, to: item.to, scope: dict.scope, offset: dict.offset });
  }
  return mapped;
}

/** The values of cells, each evaluated where its table was written; undefined when one is not known. */
function cellValues(file: PythonFile, read: Cells): Rows | undefined {
  const values: Value[] = [];
  for (const cell of read.cells) {
    const known = file.evaluator.evaluate(cell.from, cell.to, cell.scope, cell.offset);
    if (!known) return undefined;
    values.push(known.value);
  }
  return { values, offset: read.offset, via: read.via };
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

/** The values of one column of a table (a list or tuple literal, or a name bound once to one). */
function columnValues(file: PythonFile, from: number, to: number, column: number, width: number, scope: number, offset: number): readonly Value[] | undefined {
  const cells = columnCells(file, from, to, column, width, scope, offset);
  return cells && cellValues(file, { cells, offset, via: 'loop' })?.values;
}

/** The cells of one column of a table (a list or tuple literal, or a name bound once to one), each with where it is evaluated. */
function columnCells(file: PythonFile, from: number, to: number, column: number, width: number, scope: number, offset: number): Cells['cells'][number][] | undefined {
  const { tokens, module } = file;
  if (to === from + 1 && tokens.kind[from] === NAME) {
    const binding = bindingOfName(module, file.text(from), scope, offset);
    if (!binding || binding.from < 0 || isChanged(file, file.text(from))) return undefined;
    return columnCells(file, binding.from, binding.to, column, width, binding.scope, binding.offset);
  }
  if (!(isOp(tokens, from, '[') || isOp(tokens, from, '(')) || tokens.match[from] !== to - 1) return undefined;
  const elements = splitTopLevel(tokens, from + 1, to - 1);
  if (elements.length === 0 || elements.length > MAX_ROWS) return undefined;
  const cells: Cells['cells'][number][] = [];
  for (const [start, end] of elements) {
    const cell = rowCells(file, start, end, width)?.[column];
    if (!cell) return undefined;
    cells.push({ from: cell[0], to: cell[1], scope, offset });
  }
  return cells;
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
