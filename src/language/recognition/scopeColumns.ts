import type { TokenEdit } from './pythonRescan';

/*
 * The block structure of a module as columns, one entry per scope in line order: what a version
 * re-read after an edit needs of the previous version's scopes without building them all. An edit
 * that leaves the structure alone keeps the kinds, names, parents, indentation and methods (the
 * same arrays) and moves the positions of the scopes after it (typed-array adds over the scopes).
 */

export type ScopeKind = 'module' | 'def' | 'class';

export interface ScopeColumns {
  readonly count: number;
  readonly kind: readonly ScopeKind[];
  readonly name: readonly string[];
  readonly parent: Int32Array;
  readonly indent: Int32Array;
  readonly methods: readonly Map<string, number>[];
  /** Offset of the scope's name, its parameter list's '(' token (-1 if none), and its body's logical lines [bodyFrom, bodyTo). */
  readonly offset: Int32Array;
  readonly paramsOpen: Int32Array;
  readonly bodyFrom: Int32Array;
  readonly bodyTo: Int32Array;
}

interface ScopeFields {
  readonly kind: ScopeKind;
  readonly name: string;
  readonly parent: number;
  readonly indent: number;
  readonly methods: Map<string, number>;
  readonly offset: number;
  readonly paramsOpen: number;
  readonly bodyFrom: number;
  readonly bodyTo: number;
}

export function columnsOf(scopes: readonly ScopeFields[]): ScopeColumns {
  const column = (field: (scope: ScopeFields) => number) => {
    const values = new Int32Array(scopes.length);
    for (let s = 0; s < scopes.length; s++) values[s] = field(scopes[s]!);
    return values;
  };
  return {
    count: scopes.length,
    kind: scopes.map((scope) => scope.kind),
    name: scopes.map((scope) => scope.name),
    parent: column((scope) => scope.parent),
    indent: column((scope) => scope.indent),
    methods: scopes.map((scope) => scope.methods),
    offset: column((scope) => scope.offset),
    paramsOpen: column((scope) => scope.paramsOpen),
    bodyFrom: column((scope) => scope.bodyFrom),
    bodyTo: column((scope) => scope.bodyTo),
  };
}

/**
 * The columns after an edit that left the structure alone: the scopes whose body starts after the
 * edited lines move by the edit's lines, tokens and characters; a body that ends after them ends
 * that many lines later, or where the edited lines now end it (`endedAt`).
 */
export function columnsAfterEdit(old: ScopeColumns, edit: TokenEdit, endedAt: ReadonlyMap<number, number>): ScopeColumns {
  const lines = edit.newEndHead - edit.oldEndHead;
  const tokenShift = edit.newEndToken - edit.oldEndToken;
  const { restartHead, delta } = edit;
  // Scopes are in line order: those that move are the ones from the first whose body starts after the restart.
  let firstMoved = old.count;
  for (let lo = 0, hi = old.count; lo < hi;) {
    const mid = (lo + hi) >> 1;
    if (old.bodyFrom[mid]! > restartHead) hi = firstMoved = mid;
    else lo = mid + 1;
  }
  const movedBy = (column: Int32Array, by: number, skipNegative: boolean): Int32Array => {
    if (by === 0 || firstMoved === old.count) return column;
    const moved = column.slice();
    for (let s = firstMoved; s < old.count; s++) if (!skipNegative || moved[s]! >= 0) moved[s] += by;
    return moved;
  };
  let bodyTo = old.bodyTo;
  if (lines !== 0 || endedAt.size > 0) {
    bodyTo = old.bodyTo.slice();
    if (lines !== 0) for (let s = 0; s < old.count; s++) if (bodyTo[s]! >= restartHead) bodyTo[s] += lines;
    for (const [scope, at] of endedAt) bodyTo[scope] = at;
  }
  return {
    ...old,
    offset: movedBy(old.offset, delta, false),
    paramsOpen: movedBy(old.paramsOpen, tokenShift, true),
    bodyFrom: movedBy(old.bodyFrom, lines, false),
    bodyTo,
  };
}
