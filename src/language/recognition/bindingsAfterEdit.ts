import type { Binding } from './binding';
import { LazyBindings } from './lazyBindings';

/*
 * What a scope binds after an edit that left the block structure alone, derived from what it bound
 * before instead of read again: a name's bindings are the previous ones before the edited lines,
 * then the edited lines' own, then the previous ones after the edited lines moved by the edit. A
 * name is translated when first asked for (a hover asks for a few), so a module scope with tens of
 * thousands of names costs nothing per edit; iterating the map translates every name, in the
 * order a read from scratch inserts them (by first binding). The result equals a read from scratch.
 */

/** Where the edit was, in the previous version's offsets, and how far what follows it moved. */
export interface BindingShift {
  /** Bindings at offsets in [from, to) of the previous version were on the edited lines. */
  readonly from: number;
  readonly to: number;
  /** Characters and tokens the text after the edited lines moved by. */
  readonly delta: number;
  readonly tokenDelta: number;
}

/** After this many edits in a row, a scope's bindings are read again rather than derived (bounds the chain of previous maps kept). */
const MAX_DEPTH = 32;

export class BindingsAfterEdit extends LazyBindings {
  private base: Map<string, Binding[]> | undefined;
  readonly depth: number;

  private constructor(base: Map<string, Binding[]>, private readonly shift: BindingShift, private readonly added: ReadonlyMap<string, readonly Binding[]>) {
    super();
    this.base = base;
    this.depth = base instanceof BindingsAfterEdit ? base.depth + 1 : 1;
  }

  /** The bindings after the edit, from `base` (the previous version's) and those of the edited lines (`added`); undefined when the chain is long (read it again). */
  static derive(base: Map<string, Binding[]>, shift: BindingShift, added: ReadonlyMap<string, readonly Binding[]>): Map<string, Binding[]> | undefined {
    if (base instanceof BindingsAfterEdit && base.base !== undefined && base.depth >= MAX_DEPTH) return undefined;
    return new BindingsAfterEdit(base, shift, added);
  }

  /** `name`'s bindings in this version, or undefined when it has none. */
  protected bindingsOf(name: string): Binding[] | undefined {
    return movedBindings(this.base!.get(name), this.added.get(name), this.shift);
  }

  /** Every name translated; the previous map is then no longer kept (onComplete). */
  protected *everyBinding(): Iterable<[string, Binding[]]> {
    for (const name of new Set<string>([...this.base!.keys(), ...this.added.keys()])) {
      const bindings = this.get(name);
      if (bindings) yield [name, bindings];
    }
  }

  protected override onComplete(): void {
    this.base = undefined;
  }
}

/** A name's bindings after an edit: `old` (the previous version's) before the edited lines, `added` (the edited lines'), then `old`'s after them, moved. */
export function movedBindings(old: readonly Binding[] | undefined, added: readonly Binding[] | undefined, shift: BindingShift): Binding[] | undefined {
  if (old === undefined && added === undefined) return undefined;
  const { from, to, delta, tokenDelta } = shift;
  const result: Binding[] = [];
  let k = 0;
  if (old) for (; k < old.length && old[k]!.offset < from; k++) result.push(old[k]!);
  if (added) result.push(...added);
  if (old) {
    while (k < old.length && old[k]!.offset < to) k++;
    for (; k < old.length; k++) {
      const binding = old[k]!;
      result.push({ scope: binding.scope, from: binding.from < 0 ? binding.from : binding.from + tokenDelta, to: binding.to < 0 ? binding.to : binding.to + tokenDelta, offset: binding.offset + delta });
    }
  }
  return result.length > 0 ? result : undefined;
}
