import type { CatalogEntry, ParamSpec } from './catalog';
import { isNumberArray } from './arrayValues';
import { ClassCounts, isClassCount } from './classCount';
import type { LossCall, ParamValue, ValueOrigin } from './lossCall';
import { buildCatalogCall, defaultValue, EXPLICIT, UNRESOLVED, type CallSite } from './lossCallBuilder';
import type { PythonFile } from './pythonFile';
import { splitTopLevel } from './pythonModule';
import { isOp, NAME } from './pythonScanner';
import { expandKwargs } from './kwargsLiterals';
import { expandStarArgs, listedArgument, listedKwargRows } from './testValues';
import { sameValue, type Value } from './arrayValues';
import type { Argument } from './argument';

export type { Argument } from './argument';

/*
 * The arguments written in a call, mapped to a signature's parameters the way Python binds them:
 * positions in order, keywords by name, and what *args / **kwargs leave unknown. Each value is
 * evaluated where it was written (or where a bound loss was built) and says where it came from.
 */


export class ArgumentMapper {
  private classCounts: ClassCounts | undefined;

  constructor(private readonly file: PythonFile) {}

  /** The arguments between tokens [from, to) (inside a call's parentheses). */
  read(from: number, to: number): Argument[] {
    const { tokens } = this.file;
    return splitTopLevel(tokens, from, to).map(([start, end]): Argument => {
      if (isOp(tokens, start, '*') || isOp(tokens, start, '**')) return { keyword: '', star: isOp(tokens, start, '*') ? '*' : '**', from: start + 1, to: end };
      if (tokens.kind[start] === NAME && isOp(tokens, start + 1, '=')) return { keyword: this.file.text(start), star: '', from: start + 2, to: end };
      return { keyword: '', star: '', from: start, to: end };
    });
  }

  /** Values of `params` for the written `args`: explicit/resolved/unresolved, the default, or unknown through *args/**kwargs. */
  map(params: readonly ParamSpec[], written: readonly Argument[], scope: number, offset: number, rowsRead = false): Map<string, ParamValue<unknown>> {
    // A test's `**input_param` whose rows are dict literals (testValues.ts): the call once per row.
    const listed = rowsRead ? -1 : written.findIndex((arg) => arg.star === '**' && !expandKwargs(this.file, arg, scope, offset));
    const rows = listed >= 0 ? listedKwargRows(this.file, written[listed]!, scope) : undefined;
    if (rows) return this.mergeRows(params, rows.rows.map((items) => this.map(params, [...written.slice(0, listed), ...items, ...written.slice(listed + 1)], scope, offset, true)), rows.origin, `**${this.file.source(written[listed]!.from, written[listed]!.to)}`);
    const values = new Map<string, ParamValue<unknown>>();
    // A `**` dict literal of the file stands for its keys (kwargsLiterals.ts), a `*` tuple literal for its
    // elements (testValues.ts); any other stays unknown.
    const args = written.flatMap((arg) => (arg.star === '**' ? (expandKwargs(this.file, arg, scope, offset) ?? [arg]) : arg.star === '*' ? (expandStarArgs(this.file, arg, scope, offset) ?? [arg]) : [arg]));
    let position = 0;
    let starArgs: Argument | undefined;
    let starKwargs: Argument | undefined;
    for (const arg of args) {
      if (arg.star === '*') { starArgs ??= arg; continue; }
      if (arg.star === '**') { starKwargs ??= arg; continue; }
      if (arg.keyword) {
        if (params.some((param) => param.name === arg.keyword)) values.set(arg.keyword, this.value(arg, scope, offset));
        continue;
      }
      if (starArgs) continue; // positions after *args are unknown
      const param = params[position++];
      if (param && !param.keywordOnly) values.set(param.name, this.value(arg, scope, offset));
    }
    for (const param of params) {
      if (values.has(param.name)) continue;
      const splat = !param.keywordOnly && starArgs ? starArgs : starKwargs;
      if (splat) values.set(param.name, { value: undefined, origin: UNRESOLVED, text: `${splat.star}${this.file.source(splat.from, splat.to)}` });
      else if (param.required) values.set(param.name, { value: undefined, origin: UNRESOLVED, text: '' });
      else values.set(param.name, defaultValue(param.default ?? null));
    }
    return values;
  }

  /**
   * One value per parameter from the calls of several rows: the rows' value when they agree (as it
   * came), every distinct value when they differ (at the table), unknown when any row's is.
   */
  private mergeRows(params: readonly ParamSpec[], rows: readonly Map<string, ParamValue<unknown>>[], origin: ValueOrigin, text: string): Map<string, ParamValue<unknown>> {
    const merged = new Map<string, ParamValue<unknown>>();
    for (const param of params) {
      const each = rows.map((row) => row.get(param.name)).filter((value): value is ParamValue<unknown> => value !== undefined);
      if (each.length !== rows.length || each.length === 0) continue;
      const first = each[0]!;
      const known = each.every((value) => value.origin.kind !== 'unresolved' && value.value !== undefined && value.values === undefined && value.list === undefined);
      if (!known) {
        merged.set(param.name, each.every((value) => value.origin.kind === first.origin.kind && value.text === first.text && value.value === first.value) ? first : { value: undefined, origin: UNRESOLVED, text });
        continue;
      }
      const distinct: Value[] = [];
      for (const value of each) if (!distinct.some((seen) => sameValue(seen, value.value as Value))) distinct.push(value.value as Value);
      merged.set(param.name, distinct.length === 1 ? first : { value: undefined, values: distinct, origin, text });
    }
    return merged;
  }

  /** One argument's value, evaluated in `scope` at `offset` (or where it was bound). */
  value(arg: Argument, scope: number, offset: number): ParamValue<unknown> {
    const text = this.file.source(arg.from, arg.to);
    const known = this.file.evaluator.evaluate(arg.from, arg.to, arg.bound?.scope ?? scope, arg.bound?.offset ?? offset);
    // A test's parameter or a loop's variable: the values parametrize or the loop gives it (testValues.ts).
    if (!known) return listedArgument(this.file, arg, scope, offset) ?? { value: undefined, origin: UNRESOLVED, text };
    if (known.resolvedIn) return { value: known.value, origin: { kind: 'resolved', line: known.resolvedIn.line, file: known.resolvedIn.file }, text };
    const at = known.resolvedAt ?? arg.bound?.offset;
    if (at === undefined) return { value: known.value, origin: EXPLICIT, text };
    const origin = this.file.resolvedOrigin(at);
    return { value: known.value, origin: known.uncalledDefault && origin.kind === 'resolved' ? { ...origin, via: 'uncalledDefault' } : origin, text };
  }

  /** The call of catalog API `entry` with `args` written at `offset` in `scope`, with the number of classes the file states. */
  catalogCall(entry: CatalogEntry, args: readonly Argument[], site: CallSite, scope: number, offset: number): LossCall {
    return this.withClassCount(buildCatalogCall(entry, site, this.map(entry.params, args, scope, offset)), scope, offset);
  }

  /** A softmax call with the number of classes the file states: its class weights' length, else num_classes and similar. */
  private withClassCount(call: LossCall, scope: number, offset: number): LossCall {
    if (call.classModel !== 'softmax') return call;
    const weight = call.extra.find((e) => e.name === 'weight')?.value;
    if (weight && isNumberArray(weight.value) && isClassCount(weight.value.length)) {
      return { ...call, classes: { value: weight.value.length, origin: weight.origin, text: `the ${weight.value.length} class weights` } };
    }
    this.classCounts ??= new ClassCounts(this.file.module, this.file.evaluator);
    const known = this.classCounts.at(scope, offset);
    if (!known || typeof known.value !== 'number') return call;
    return { ...call, classes: { value: known.value, origin: known.resolvedAt === undefined ? EXPLICIT : this.file.resolvedOrigin(known.resolvedAt), text: String(known.value) } };
  }
}
