/* A call's argument as written, the unit argumentMapping.ts binds to parameters. */

/** One written argument: positional, keyword, *args or **kwargs; token range of its value. */
export interface Argument {
  readonly keyword: string;
  readonly star: '' | '*' | '**';
  readonly from: number;
  readonly to: number;
  /**
   * For an argument written where the loss was built (`criterion = nn.CrossEntropyLoss(weight=w)`,
   * `partial(sigmoid_focal_loss, gamma=2)`) and used elsewhere: where it is evaluated, and the offset
   * its value is said to come from ("line 12" rather than "written here").
   */
  readonly bound?: { readonly scope: number; readonly offset: number };
}
