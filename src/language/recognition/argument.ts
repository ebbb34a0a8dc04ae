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

/** Whether `args` write keyword `param` as exactly the one token `literal` (`use_sigmoid=False`). */
export function writesLiteral(args: readonly Argument[], param: string, literal: string, tokenText: (k: number) => string): boolean {
  return args.some((arg) => arg.keyword === param && arg.star === '' && arg.to === arg.from + 1 && tokenText(arg.from) === literal);
}
