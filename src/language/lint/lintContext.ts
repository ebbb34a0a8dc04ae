import type { LossCall, PythonModule, PythonTokens } from '../recognition';
import type { BindingTable } from './bindings';
import type { Flow } from './flow';

/** What every rule reads of one file: its tokens, module, bindings, data flow and recognised calls. */
export interface LintContext {
  readonly tokens: PythonTokens;
  readonly module: PythonModule;
  readonly table: BindingTable;
  readonly flow: Flow;
  readonly calls: readonly LossCall[];
  readonly lines: Int32Array;
  /** Offsets before `base` belong to the context (earlier cells): nothing is reported there. */
  readonly base: number;
}
