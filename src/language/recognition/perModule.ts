import type { PythonModule } from './pythonModule';

/**
 * A store of what was read from a module, by key. A module is one version's text (LossCallIndex
 * reads one per version), so what was read from it stays true while it is held.
 */
export type PerModule<K, V> = WeakMap<PythonModule, Map<K, V | null>>;

/** `read()` once per module and key (null kept for undefined, so a miss is not read again). */
export function readOnce<K, V>(store: PerModule<K, V>, module: PythonModule, key: K, read: () => V | undefined): V | undefined {
  let known = store.get(module);
  if (!known) store.set(module, (known = new Map()));
  let found = known.get(key);
  if (found === undefined) known.set(key, (found = read() ?? null));
  return found ?? undefined;
}
