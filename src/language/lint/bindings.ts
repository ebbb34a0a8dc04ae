import { enclosingClass, END, findTopLevel, isName, isOp, NAME, NEWLINE, OP, type PythonModule, type PythonTokens, splitTopLevel } from '../recognition';
import { text } from './syntax';

/*
 * Every assignment the lint's data flow follows, per scope, in source order: `x = ...`, tuple targets
 * `a, b = ...` (with the element index), `self.x = ...` (in the enclosing class), and what kills a
 * name's value (`for x in`, `with ... as x`, `x += ...`, `del x`). Also each def's `return`s and
 * `name.add(...)` statements (Keras Sequential). Recognition's module reader keeps only plain targets;
 * the lint needs the others to know when a value is replaced.
 */

export interface Assignment {
  readonly scope: number;
  /** Token range of the assigned value; from = -1 when the statement replaces the value with something unknown. */
  readonly from: number;
  readonly to: number;
  /** Element of a tuple target (`a, b = f()` gives a index 0 of 2), or -1. */
  readonly index: number;
  readonly count: number;
  /** A `for name in <value>:` target: the name takes each element of the value, in the loop's body. */
  readonly element?: true;
  /**
   * `name += [a, b]` (from = -1: the value is not followed): the list literal's token range, whose last
   * element is then the list's last (a `*layers` unpacked into nn.Sequential).
   */
  readonly extendedBy?: { readonly from: number; readonly to: number };
  /** Offset of the target and of the statement's end (a use inside the statement still sees the old value). */
  readonly offset: number;
  readonly end: number;
  /** Logical line (head index) and its indentation. */
  readonly head: number;
  readonly indent: number;
}

export interface ReturnStatement {
  readonly from: number;
  readonly to: number;
  readonly head: number;
  readonly offset: number;
}

export interface BindingTable {
  /** scope -> name -> assignments in source order. */
  readonly names: Map<number, Map<string, Assignment[]>>;
  /** class scope -> attribute -> assignments to `self.attribute`. */
  readonly selfAttributes: Map<number, Map<string, Assignment[]>>;
  /** def scope -> its return statements. */
  readonly returns: Map<number, ReturnStatement[]>;
  /**
   * scope -> name -> the statements that change the container the name holds, in order: `name.add(...)`
   * (Keras Sequential), `name.add_module(...)` / `name.append(...)` (nn.Sequential, lists), other list
   * mutations (`extend`, `insert`, ...) and `name[...] = ...` (method '[]', open -1).
   */
  readonly adds: Map<number, Map<string, Mutation[]>>;
}

export interface Mutation {
  readonly method: string;
  /** The call's '(' token (-1 for a subscript assignment). */
  readonly open: number;
  readonly head: number;
  readonly indent: number;
  /** The scope the statement is in. */
  readonly scope: number;
}

/** Methods that change a Sequential or a list in place. */
const MUTATORS = new Set(['add', 'add_module', 'append', 'extend', 'insert', 'pop', 'remove', 'reverse', 'sort', 'clear', 'register_module']);

export function readBindings(module: PythonModule): BindingTable {
  const tokens = module.tokens;
  const table: BindingTable = { names: new Map(), selfAttributes: new Map(), returns: new Map(), adds: new Map() };
  for (let h = 0; h < tokens.headCount; h++) {
    const first = tokens.heads[h]!;
    let last = h + 1 < tokens.headCount ? tokens.heads[h + 1]! - 1 : tokens.count - 1;
    while (last > first && (tokens.kind[last] === NEWLINE || tokens.kind[last] === END)) last--;
    last++; // exclusive
    const scope = module.headScope[h]!;
    const indent = tokens.headIndent[h]!;
    const t = first;
    const site = { scope, head: h, indent, module, table };
    if (isName(tokens, t, 'def') || isName(tokens, t, 'class') || isName(tokens, t, 'async') || isName(tokens, t, 'import') || isName(tokens, t, 'from') || isOp(tokens, t, '@')) continue;
    if (isName(tokens, t, 'return')) {
      const list = table.returns.get(scope) ?? [];
      list.push({ from: t + 1, to: last, head: h, offset: tokens.start[t]! });
      table.returns.set(scope, list);
      continue;
    }
    if (isName(tokens, t, 'for')) {
      const inAt = findWord(tokens, t + 1, last, 'in');
      const colon = inAt < 0 ? -1 : findTopLevel(tokens, inAt + 1, last, ':');
      // `for out in outputs:`: out is each element of outputs (a row of a tensor); other targets are unknown.
      if (inAt === t + 2 && tokens.kind[t + 1] === NAME && colon > inAt + 1) record(site, text(tokens, t + 1), inAt + 1, colon, -1, 0, tokens.start[t + 1]!, tokens.end[colon]!, true);
      else killNames(site, t + 1, inAt < 0 ? last : inAt, tokens.end[last - 1]!);
      continue;
    }
    if (isName(tokens, t, 'with')) {
      for (let k = t + 1; k < last; k++) if (isName(tokens, k, 'as')) killNames(site, k + 1, k + 2, tokens.end[last - 1]!);
      continue;
    }
    if (isName(tokens, t, 'del')) { killNames(site, t + 1, last, tokens.end[last - 1]!); continue; }
    // `name.add(...)`, `name.append(...)`, ...
    if (tokens.kind[t] === NAME && isOp(tokens, t + 1, '.') && tokens.kind[t + 2] === NAME && isOp(tokens, t + 3, '(') && MUTATORS.has(text(tokens, t + 2))) {
      addMutation(table, scope, text(tokens, t), { method: text(tokens, t + 2), open: t + 3, head: h, indent, scope });
      continue;
    }
    // `self.name.add_module(...)`: kept in the class's scope under 'self.name'.
    if (isName(tokens, t, 'self') && isOp(tokens, t + 1, '.') && tokens.kind[t + 2] === NAME && isOp(tokens, t + 3, '.') && tokens.kind[t + 4] === NAME && isOp(tokens, t + 5, '(') && MUTATORS.has(text(tokens, t + 4))) {
      const owner = enclosingClass(module, scope);
      if (owner >= 0) addMutation(table, owner, 'self.' + text(tokens, t + 2), { method: text(tokens, t + 4), open: t + 5, head: h, indent, scope });
      continue;
    }
    // `name[...] = ...`: the container changes.
    if (tokens.kind[t] === NAME && isOp(tokens, t + 1, '[') && findTopLevel(tokens, t, last, '=') === tokens.match[t + 1]! + 1) {
      addMutation(table, scope, text(tokens, t), { method: '[]', open: -1, head: h, indent, scope });
    }
    readAssignment(site, t, last);
  }
  return table;
}

/**
 * How many of `list` (one scope's assignments to one name, in source order: their ends and target
 * offsets ascend) have `key` at or before `offset`. By 'end': those a use at `offset` may see; by
 * 'offset': list[that many] is the first assigned after `offset`.
 */
export function assignedBy(list: readonly Assignment[], key: 'end' | 'offset', offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]![key] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function addMutation(table: BindingTable, scope: number, name: string, mutation: Mutation): void {
  let byName = table.adds.get(scope);
  if (!byName) table.adds.set(scope, (byName = new Map()));
  const list = byName.get(name);
  if (list) list.push(mutation);
  else byName.set(name, [mutation]);
}

interface Site {
  readonly scope: number;
  readonly head: number;
  readonly indent: number;
  readonly module: PythonModule;
  readonly table: BindingTable;
}

function findWord(tokens: PythonTokens, from: number, to: number, word: string): number {
  for (let k = from; k < to; k++) if (isName(tokens, k, word)) return k;
  return -1;
}

function killNames(site: Site, from: number, to: number, end: number): void {
  const tokens = site.module.tokens;
  for (let k = from; k < to; k++) {
    if (tokens.kind[k] !== NAME || isOp(tokens, k - 1, '.')) continue;
    if (isName(tokens, k, 'self') && isOp(tokens, k + 1, '.')) {
      record(site, 'self.' + text(tokens, k + 2), -1, -1, -1, 0, tokens.start[k]!, end);
      k += 2;
      continue;
    }
    record(site, text(tokens, k), -1, -1, -1, 0, tokens.start[k]!, end);
  }
}

function readAssignment(site: Site, first: number, last: number): void {
  const tokens = site.module.tokens;
  // Augmented assignment: the name's value is replaced by something the lint does not follow.
  if (tokens.kind[first] === NAME && tokens.kind[first + 1] === OP) {
    const op = text(tokens, first + 1);
    if (op.length >= 2 && op.endsWith('=') && op !== '==' && op !== '<=' && op !== '>=' && op !== '!=') {
      const list = op === '+=' && isOp(tokens, first + 2, '[') && tokens.match[first + 2] === last - 1 ? { from: first + 2, to: last } : undefined;
      record(site, text(tokens, first), -1, -1, -1, 0, tokens.start[first]!, tokens.end[last - 1]!, undefined, list);
      return;
    }
  }
  const eqs: number[] = [];
  for (let from = first, eq = findTopLevel(tokens, from, last, '='); eq >= 0; eq = findTopLevel(tokens, from, last, '=')) {
    eqs.push(eq);
    from = eq + 1;
  }
  if (eqs.length === 0) return;
  const valueFrom = eqs[eqs.length - 1]! + 1;
  if (valueFrom >= last) return;
  const end = tokens.end[last - 1]!;
  let targetFrom = first;
  for (const eq of eqs) {
    readTargets(site, targetFrom, eq, valueFrom, last, end);
    targetFrom = eq + 1;
  }
}

function readTargets(site: Site, from: number, to: number, valueFrom: number, valueTo: number, end: number): void {
  const tokens = site.module.tokens;
  // `x = ...`, most targets: what the general reading below gives for one name (`to` is an '=', not a ',').
  if (to === from + 1 && tokens.kind[from] === NAME) {
    record(site, text(tokens, from), valueFrom, valueTo, -1, 0, tokens.start[from]!, end);
    return;
  }
  // An annotation `x: T = v`.
  const colon = findTopLevel(tokens, from, to, ':');
  if (colon >= 0) to = colon;
  while ((isOp(tokens, from, '(') || isOp(tokens, from, '[')) && tokens.match[from] === to - 1) { from++; to--; }
  const pieces = splitTopLevel(tokens, from, to);
  const tuple = pieces.length > 1 || (pieces.length === 1 && isOp(tokens, to, ',')) || findTopLevel(tokens, from, to, ',') >= 0;
  for (let i = 0; i < pieces.length; i++) {
    const [s, e] = pieces[i]!;
    const name = targetName(tokens, s, e);
    if (name === undefined) {
      // A nested or starred target: whatever names it holds are replaced by unknown values.
      if (isOp(tokens, s, '(') || isOp(tokens, s, '[') || isOp(tokens, s, '*')) killNames(site, s, e, end);
      continue;
    }
    if (tuple) record(site, name, valueFrom, valueTo, i, pieces.length, tokens.start[s]!, end);
    else record(site, name, valueFrom, valueTo, -1, 0, tokens.start[s]!, end);
  }
}

/** `x` or `self.x` (as 'self.x'); undefined for subscripts, other attributes and starred targets. */
function targetName(tokens: PythonTokens, s: number, e: number): string | undefined {
  if (e === s + 1 && tokens.kind[s] === NAME) return text(tokens, s);
  if (e === s + 3 && isName(tokens, s, 'self') && isOp(tokens, s + 1, '.') && tokens.kind[s + 2] === NAME) return 'self.' + text(tokens, s + 2);
  return undefined;
}

function record(site: Site, name: string, from: number, to: number, index: number, count: number, offset: number, end: number, element?: true, extendedBy?: Assignment['extendedBy']): void {
  // (No spread for the common assignment: the file's every assignment is recorded on each version's first lint.)
  const plain: Assignment = { scope: site.scope, from, to, index, count, offset, end, head: site.head, indent: site.indent };
  const assignment: Assignment = element || extendedBy ? { ...plain, ...(element ? { element } : {}), ...(extendedBy ? { extendedBy } : {}) } : plain;
  let owner = site.scope;
  let map = site.table.names;
  if (name.startsWith('self.')) {
    owner = enclosingClass(site.module, site.scope);
    if (owner < 0) return;
    map = site.table.selfAttributes;
    name = name.slice(5);
  }
  let byName = map.get(owner);
  if (!byName) map.set(owner, (byName = new Map()));
  const list = byName.get(name);
  if (list) list.push(assignment);
  else byName.set(name, [assignment]);
}
