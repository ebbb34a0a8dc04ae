/** A name bound in a scope. `from`..`to` is the value's token range; from = -1 when not a plain value (for targets, augmented assignments). */
export interface Binding {
  readonly scope: number;
  readonly from: number;
  readonly to: number;
  /** Offset of the binding (for its line and "before the call" checks). */
  readonly offset: number;
}
