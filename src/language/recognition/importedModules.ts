import { readModule, type PythonModule } from './pythonModule';
import { scanPython } from './pythonScanner';
import type { Evaluator } from './values';

/*
 * Other files of the workspace, read as modules once per text: the hover's losses defined there
 * (userLosses.ts) and the lint's models defined there (lint/importedModels.ts) read the same parse,
 * and a script read again (each version typed) finds its imported files' modules already read.
 */

/** The last texts read, by text (Map order is the order of use): a workspace's scripts import a handful of files. */
const MODULES = new Map<string, PythonModule>();
const MODULES_KEPT = 32;

export function importedModule(text: string): PythonModule {
  let module = MODULES.get(text);
  if (module) MODULES.delete(text);
  else module = readModule(scanPython(text));
  MODULES.set(text, module);
  if (MODULES.size > MODULES_KEPT) MODULES.delete(MODULES.keys().next().value!);
  return module;
}

/** A module of the workspace read for the definitions a file imports from it (userLosses.ts, importedWrappers.ts). */
export interface ImportedHome {
  readonly file: string;
  readonly module: PythonModule;
  readonly evaluator: Evaluator;
  readonly starts: Int32Array;
}
