import type { PythonModule } from '../recognition';

const TOP_LEVEL = new WeakMap<PythonModule, Map<string, PythonModule['scopes']>>();

/**
 * The module's top-level classes and functions by name (each name's in scope order), read once per
 * module: rules that look up the definition a call names ask for every recognised call.
 */
export function topLevelDefinitions(module: PythonModule): Map<string, PythonModule['scopes']> {
  let byName = TOP_LEVEL.get(module);
  if (!byName) {
    byName = new Map();
    for (const s of module.scopes) if (s.parent === 0 && s.kind !== 'module') byName.set(s.name, [...(byName.get(s.name) ?? []), s]);
    TOP_LEVEL.set(module, byName);
  }
  return byName;
}
