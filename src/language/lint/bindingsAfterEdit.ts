import type { PythonModule, PythonTokens } from '../recognition';
import { readLines, type Assignment, type BindingTable, type Mutation, type ReturnStatement } from './bindings';

/*
 * The binding table of a new version of a document from the table of its previous version: the
 * lines before the edit keep their entries, the lines after it keep theirs moved (token, line and
 * offset shifts), and only the edited lines are read again. What a line binds depends on its own
 * tokens and on the scope structure, so this is exact when those are the same: the tokens after the
 * edit are checked to be the old ones moved, and the scopes to be the old ones; otherwise (an edit
 * that opens a string, adds a def, or a text that is not an edit of the previous one) undefined,
 * and the caller reads the table afresh.
 */

/** Above this share of the file's lines edited, a fresh read costs no more than the comparison. */
const MAX_EDITED_SHARE = 0.5;

export function bindingsAfterEdit(module: PythonModule, previous: PythonModule, table: BindingTable): BindingTable | undefined {
  const now = module.tokens;
  const old = previous.tokens;
  if (!sameScopes(module, previous)) return undefined;
  const oldText = old.text;
  const newText = now.text;
  const shorter = Math.min(oldText.length, newText.length);
  const a = commonPrefix(oldText, newText, shorter);
  const tail = commonSuffix(oldText, newText, shorter - a);
  const delta = newText.length - oldText.length;
  const oldEditEnd = oldText.length - tail;
  // The lines wholly before the edit: each ends before the next line starts, and that is before `a`.
  const before = Math.max(0, headsStartingBefore(old, a) - 1);
  // The first old line wholly after the edit.
  let after = headsStartingBefore(old, oldEditEnd);
  if (after < old.headCount && old.start[old.heads[after]!]! < oldEditEnd) after++;
  const dH = now.headCount - old.headCount;
  const dT = now.count - old.count;
  if (after < before || after + dH < before || (after - before) > MAX_EDITED_SHARE * old.headCount) return undefined;
  if (before > 0 && now.heads[before] !== old.heads[before]) return undefined;
  if (!movedTail(old, now, after, dH, dT, delta) || !sameLineScopes(module, previous, before, after, dH)) return undefined;
  const fresh: BindingTable = { names: new Map(), selfAttributes: new Map(), returns: new Map(), adds: new Map() };
  readLines(module, fresh, before, after + dH);
  const shift = { before, after, dH, dT, delta };
  return {
    names: mergeNested(table.names, fresh.names, shift, moveAssignment),
    selfAttributes: mergeNested(table.selfAttributes, fresh.selfAttributes, shift, moveAssignment),
    returns: merge(table.returns, fresh.returns, shift, moveReturn),
    adds: mergeNested(table.adds, fresh.adds, shift, moveMutation),
  };
}

interface Shift {
  /** Old lines [before, after) were edited; lines from `after` on moved by dH lines, dT tokens, delta characters. */
  readonly before: number;
  readonly after: number;
  readonly dH: number;
  readonly dT: number;
  readonly delta: number;
}

function commonPrefix(x: string, y: string, limit: number): number {
  const BLOCK = 256;
  let i = 0;
  while (i + BLOCK <= limit && x.slice(i, i + BLOCK) === y.slice(i, i + BLOCK)) i += BLOCK;
  while (i < limit && x.charCodeAt(i) === y.charCodeAt(i)) i++;
  return i;
}

function commonSuffix(x: string, y: string, limit: number): number {
  const BLOCK = 256;
  let i = 0;
  while (i + BLOCK <= limit && x.slice(x.length - i - BLOCK, x.length - i) === y.slice(y.length - i - BLOCK, y.length - i)) i += BLOCK;
  while (i < limit && x.charCodeAt(x.length - 1 - i) === y.charCodeAt(y.length - 1 - i)) i++;
  return i;
}

/** How many logical lines start before `offset`. */
function headsStartingBefore(tokens: PythonTokens, offset: number): number {
  let lo = 0;
  let hi = tokens.headCount;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens.start[tokens.heads[mid]!]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the lines from old line `after` on are the new lines from `after + dH` on, moved. */
function movedTail(old: PythonTokens, now: PythonTokens, after: number, dH: number, dT: number, delta: number): boolean {
  for (let h = after; h < old.headCount; h++) {
    if (now.heads[h + dH] !== old.heads[h]! + dT || now.headIndent[h + dH] !== old.headIndent[h]) return false;
  }
  const first = after < old.headCount ? old.heads[after]! : old.count;
  for (let k = first; k < old.count; k++) {
    const m = old.match[k]!;
    if (now.kind[k + dT] !== old.kind[k] || now.start[k + dT] !== old.start[k]! + delta || now.end[k + dT] !== old.end[k]! + delta) return false;
    if (now.match[k + dT] !== (m >= first ? m + dT : m < 0 ? m : now.match[k + dT])) return false;
  }
  return true;
}

/** The same scopes (kind, name, nesting), so scope indices and enclosing classes are the same. */
function sameScopes(module: PythonModule, previous: PythonModule): boolean {
  const a = module.scopes;
  const b = previous.scopes;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.kind !== b[i]!.kind || a[i]!.name !== b[i]!.name || a[i]!.parent !== b[i]!.parent) return false;
  }
  return true;
}

/** The kept lines are in the same scopes. */
function sameLineScopes(module: PythonModule, previous: PythonModule, before: number, after: number, dH: number): boolean {
  for (let h = 0; h < before; h++) if (module.headScope[h] !== previous.headScope[h]) return false;
  for (let h = after; h < previous.tokens.headCount; h++) if (module.headScope[h + dH] !== previous.headScope[h]) return false;
  return true;
}

// Written out field by field (no spread): a large file moves tens of thousands of entries.
function moveAssignment(a: Assignment, s: Shift): Assignment {
  return {
    scope: a.scope, from: a.from < 0 ? a.from : a.from + s.dT, to: a.to < 0 ? a.to : a.to + s.dT, index: a.index, count: a.count,
    offset: a.offset + s.delta, end: a.end + s.delta, head: a.head + s.dH, indent: a.indent,
  };
}

function moveReturn(r: ReturnStatement, s: Shift): ReturnStatement {
  return { from: r.from + s.dT, to: r.to + s.dT, head: r.head + s.dH, offset: r.offset + s.delta };
}

function moveMutation(m: Mutation, s: Shift): Mutation {
  return { method: m.method, open: m.open < 0 ? m.open : m.open + s.dT, head: m.head + s.dH, indent: m.indent, scope: m.scope };
}

/** One list in line order: the old entries before the edit, the edited lines' entries, the old ones after it moved. */
function mergeList<T extends { readonly head: number }>(old: readonly T[] | undefined, fresh: readonly T[] | undefined, s: Shift, move: (entry: T, s: Shift) => T): T[] {
  const out: T[] = [];
  if (old) for (const e of old) if (e.head < s.before) out.push(e);
  if (fresh) out.push(...fresh);
  if (old) for (const e of old) if (e.head >= s.after) out.push(move(e, s));
  return out;
}

function merge<T extends { readonly head: number }>(old: Map<number, T[]>, fresh: Map<number, T[]>, s: Shift, move: (entry: T, s: Shift) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const key of keysOf(old, fresh)) {
    const list = mergeList(old.get(key), fresh.get(key), s, move);
    if (list.length > 0) out.set(key, list);
  }
  return out;
}

function mergeNested<T extends { readonly head: number }>(old: Map<number, Map<string, T[]>>, fresh: Map<number, Map<string, T[]>>, s: Shift, move: (entry: T, s: Shift) => T): Map<number, Map<string, T[]>> {
  const out = new Map<number, Map<string, T[]>>();
  for (const scope of keysOf(old, fresh)) {
    const byName = new Map<string, T[]>();
    const o = old.get(scope) ?? new Map<string, T[]>();
    const f = fresh.get(scope) ?? new Map<string, T[]>();
    for (const name of keysOf(o, f)) {
      const list = mergeList(o.get(name), f.get(name), s, move);
      if (list.length > 0) byName.set(name, list);
    }
    if (byName.size > 0) out.set(scope, byName);
  }
  return out;
}

/** The keys of both maps: the old map's in its order, then the new ones. */
function keysOf<K>(a: Map<K, unknown>, b: Map<K, unknown>): K[] {
  const keys = [...a.keys()];
  for (const k of b.keys()) if (!a.has(k)) keys.push(k);
  return keys;
}
