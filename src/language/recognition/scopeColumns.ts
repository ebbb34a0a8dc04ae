import type { TokenEdit } from './pythonRescan';
import { MAX_RANGES, settled, shiftAfterEdit, type PendingShift } from './tokenOffsets';

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
  /**
   * Offset of the scope's name (read it with scopeOffset: edits' moves are added on read, as for
   * tokens, see tokenOffsets.ts), its parameter list's '(' token (-1 if none), and its body's
   * logical lines [bodyFrom, bodyTo).
   */
  readonly offset: Int32Array;
  readonly offsetShift?: PendingShift;
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

/**
 * Columns filled while a module is read from scratch, scope by scope: the first edit after that read
 * needs them, and a second pass over tens of thousands of scope objects then (scattered in memory)
 * cost more than the rest of that edit.
 */
export class ColumnsBuilder {
  private readonly kind: ScopeKind[] = [];
  private readonly name: string[] = [];
  private readonly methods: Map<string, number>[] = [];
  /** The number columns, filled in place (grown by doubling): build() hands out views of them, no copy. */
  private numbers: Record<NumberColumn, Int32Array> = newColumns(64);

  /** Adds the next scope (its body's end comes later, from setBodyTo). */
  add(scope: Omit<ScopeFields, 'bodyTo'>): void {
    const index = this.kind.length;
    if (index === this.numbers.parent.length) this.grow();
    const { numbers } = this;
    this.kind.push(scope.kind);
    this.name.push(scope.name);
    this.methods.push(scope.methods);
    numbers.parent[index] = scope.parent;
    numbers.indent[index] = scope.indent;
    numbers.offset[index] = scope.offset;
    numbers.paramsOpen[index] = scope.paramsOpen;
    numbers.bodyFrom[index] = scope.bodyFrom;
    numbers.bodyTo[index] = -1;
  }

  setBodyTo(index: number, bodyTo: number): void {
    this.numbers.bodyTo[index] = bodyTo;
  }

  /** The columns (the builder is not used afterwards: they share its arrays). */
  build(): ScopeColumns {
    const { numbers } = this;
    const count = this.kind.length;
    return {
      count,
      kind: this.kind,
      name: this.name,
      methods: this.methods,
      parent: numbers.parent.subarray(0, count),
      indent: numbers.indent.subarray(0, count),
      offset: numbers.offset.subarray(0, count),
      paramsOpen: numbers.paramsOpen.subarray(0, count),
      bodyFrom: numbers.bodyFrom.subarray(0, count),
      bodyTo: numbers.bodyTo.subarray(0, count),
    };
  }

  private grow(): void {
    const grown = newColumns(this.numbers.parent.length * 2);
    for (const key of NUMBER_COLUMNS) grown[key].set(this.numbers[key]);
    this.numbers = grown;
  }
}

type NumberColumn = 'parent' | 'indent' | 'offset' | 'paramsOpen' | 'bodyFrom' | 'bodyTo';
const NUMBER_COLUMNS: readonly NumberColumn[] = ['parent', 'indent', 'offset', 'paramsOpen', 'bodyFrom', 'bodyTo'];

function newColumns(capacity: number): Record<NumberColumn, Int32Array> {
  return { parent: new Int32Array(capacity), indent: new Int32Array(capacity), offset: new Int32Array(capacity), paramsOpen: new Int32Array(capacity), bodyFrom: new Int32Array(capacity), bodyTo: new Int32Array(capacity) };
}

/** The offset of scope `index`'s name. */
export function scopeOffset(columns: ScopeColumns, index: number): number {
  return columns.offset[index]! + (columns.offsetShift?.at(index) ?? 0);
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
  // The names' offsets move lazily (a copy and an add over tens of thousands of scopes was a large part of an edit).
  let offset = old.offset;
  let offsetShift = firstMoved === old.count || delta === 0 ? old.offsetShift : shiftAfterEdit(old.offsetShift, firstMoved, firstMoved, firstMoved, delta).shift;
  if (offsetShift && offsetShift.ranges > MAX_RANGES) {
    offset = old.offset.slice();
    settled(offset, offsetShift, old.count);
    offsetShift = undefined;
  }
  return {
    ...old,
    offset,
    offsetShift,
    paramsOpen: movedBy(old.paramsOpen, tokenShift, true),
    bodyFrom: movedBy(old.bodyFrom, lines, false),
    bodyTo,
  };
}
