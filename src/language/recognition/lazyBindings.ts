import type { Binding } from './binding';

/*
 * A scope's bindings by name, worked out one name at a time when asked for (a hover asks for a
 * few) and all at once when the map is iterated or changed: then in the order a read from scratch
 * inserts them (by first binding). Subclasses say how one name's bindings and all of them are found.
 */
export abstract class LazyBindings extends Map<string, Binding[]> {
  private readonly absent = new Set<string>();
  private completed = false;

  /** `name`'s bindings, or undefined when it has none (asked once per name). */
  protected abstract bindingsOf(name: string): Binding[] | undefined;

  /** Every name's bindings, in any order (asked once, when the map is iterated or changed). */
  protected abstract everyBinding(): Iterable<[string, Binding[]]>;

  /** Calls `take` with each name worked out so far and its bindings (undefined: it has none), without working out any other. */
  forEachKnown(take: (name: string, bindings: Binding[] | undefined) => void): void {
    for (const [name, bindings] of super.entries()) take(name, bindings);
    for (const name of this.absent) take(name, undefined);
  }

  /** Records `name`'s bindings as already worked out (e.g. carried over from a previous version). */
  protected known(name: string, bindings: Binding[] | undefined): void {
    if (bindings === undefined) this.absent.add(name);
    else super.set(name, bindings);
  }

  /** Whether every name has been worked out (what is read afterwards costs nothing). */
  get isComplete(): boolean {
    return this.completed;
  }

  override get(name: string): Binding[] | undefined {
    const known = super.get(name);
    if (known !== undefined || this.completed || this.absent.has(name)) return known;
    const bindings = this.bindingsOf(name);
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

  /** Works out every name now (iteration does this too). */
  protected complete(): void {
    if (this.completed) return;
    const all = [...this.everyBinding()];
    all.sort((a, b) => a[1][0]!.offset - b[1][0]!.offset);
    this.absent.clear();
    super.clear();
    for (const [name, bindings] of all) super.set(name, bindings);
    this.completed = true;
    this.onComplete();
  }

  /** Called once every name is in the map (e.g. to let go of what the names were worked out from). */
  protected onComplete(): void {}
}
