import type { Binding } from './binding';

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

export class BindingsAfterEdit extends Map<string, Binding[]> {
  private base: Map<string, Binding[]> | undefined;
  private readonly absent = new Set<string>();
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

  override get(name: string): Binding[] | undefined {
    const known = super.get(name);
    if (known !== undefined || this.base === undefined || this.absent.has(name)) return known;
    const bindings = this.translated(name);
    if (bindings === undefined) this.absent.add(name);
    else super.set(name, bindings);
    return bindings;
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  override get size(): number {
    this.complete();
    return super.size;
  }

  override entries(): IterableIterator<[string, Binding[]]> {
    this.complete();
    return super.entries();
  }

  override keys(): IterableIterator<string> {
    this.complete();
    return super.keys();
  }

  override values(): IterableIterator<Binding[]> {
    this.complete();
    return super.values();
  }

  override forEach(callback: (value: Binding[], key: string, map: Map<string, Binding[]>) => void, thisArg?: unknown): void {
    this.complete();
    super.forEach(callback, thisArg);
  }

  override [Symbol.iterator](): IterableIterator<[string, Binding[]]> {
    return this.entries();
  }

  override set(name: string, bindings: Binding[]): this {
    this.complete();
    return super.set(name, bindings);
  }

  override delete(name: string): boolean {
    this.complete();
    return super.delete(name);
  }

  override clear(): void {
    this.complete();
    super.clear();
  }

  /** `name`'s bindings in this version, or undefined when it has none. */
  private translated(name: string): Binding[] | undefined {
    const { from, to, delta, tokenDelta } = this.shift;
    const old = this.base!.get(name);
    const added = this.added.get(name);
    if (old === undefined && added === undefined) return undefined;
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

  /** Every name translated, in a read from scratch's order (by first binding); the previous map is then no longer kept. */
  private complete(): void {
    const base = this.base;
    if (base === undefined) return;
    const names = new Set<string>([...base.keys(), ...this.added.keys()]);
    const all: [string, Binding[]][] = [];
    for (const name of names) {
      const bindings = this.get(name);
      if (bindings) all.push([name, bindings]);
    }
    all.sort((a, b) => a[1][0]!.offset - b[1][0]!.offset);
    this.base = undefined;
    super.clear();
    for (const [name, bindings] of all) super.set(name, bindings);
  }
}
