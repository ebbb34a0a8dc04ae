import { isOp, NAME, type PythonModule, type PythonTokens } from '../recognition';
import type { BindingTable } from './bindings';
import type { LintEdit } from './findings';
import type { Val } from './flow';
import { argumentsOf, isPostfixChain, rangeText, text } from './syntax';

/* The edits quick fixes are made of. Each returns undefined when the edit would not be certain. */

/** Replaces the producer written at the place (`torch.softmax(x, dim=1)`) by its input (`x`). */
export function removeProducer(tokens: PythonTokens, val: Val): LintEdit | undefined {
  if ((val.via !== 'call' && val.via !== 'layer') || val.callFrom === undefined || val.inputFrom === undefined || val.inputTo === undefined) return undefined;
  let input = rangeText(tokens, val.inputFrom, val.inputTo);
  const followed = isOp(tokens, val.callTo!, '.') || isOp(tokens, val.callTo!, '[');
  if (followed && !isPostfixChain(tokens, val.inputFrom, val.inputTo)) input = `(${input})`;
  return { start: tokens.start[val.callFrom]!, end: tokens.end[val.callTo! - 1]!, newText: input };
}

/**
 * For a value held by a name (`probs = jax.nn.softmax(logits)` ... `loss(probs)`): replaces the
 * name at the argument's root by the producer's input, when that input is a plain name of the same
 * scope that nothing rebinds between the producer's assignment and the use.
 */
export function namedInput(tokens: PythonTokens, table: BindingTable, val: Val, root: number, useScope: number, useOffset: number): LintEdit | undefined {
  if (val.via !== 'name' || val.inputFrom === undefined || val.inputTo !== val.inputFrom + 1 || tokens.kind[val.inputFrom] !== NAME) return undefined;
  if (val.assignScope !== useScope || val.assignOffset === undefined || tokens.kind[root] !== NAME || isOp(tokens, root + 1, '(')) return undefined;
  const input = text(tokens, val.inputFrom);
  if (input === 'self') return undefined;
  const rebound = table.names.get(useScope)?.get(input)?.some((a) => a.offset >= val.assignOffset! && a.offset < useOffset);
  if (rebound) return undefined;
  return { start: tokens.start[root]!, end: tokens.end[root]!, newText: input };
}

/** The edit that makes a value the loss should not see disappear: at the place, or through its name. */
export function logitsEdit(tokens: PythonTokens, table: BindingTable, val: Val, argFrom: number, useScope: number): LintEdit | undefined {
  return removeProducer(tokens, val) ?? namedInput(tokens, table, val, argFrom, useScope, tokens.start[argFrom]!);
}

/** Sets a keyword argument of the call opened at `open` (replacing its value, or appending it). */
export function setKeyword(tokens: PythonTokens, open: number, keyword: string, value: string): LintEdit | undefined {
  const close = tokens.match[open]!;
  if (close <= open) return undefined;
  const args = argumentsOf(tokens, open);
  const existing = args.find((a) => a.keyword === keyword);
  if (existing) return { start: tokens.start[existing.valueFrom]!, end: tokens.end[existing.to - 1]!, newText: value };
  if (args.some((a) => isOp(tokens, a.from, '**'))) return undefined;
  const trailingComma = isOp(tokens, close - 1, ',');
  const at = tokens.start[close]!;
  const prefix = args.length === 0 || trailingComma ? '' : ', ';
  return { start: at, end: at, newText: `${prefix}${keyword}=${value}` };
}

/** The local spelling of `torch.nn.functional.log_softmax` in this file, if it imports torch or F. */
export function logSoftmaxName(module: PythonModule): string | undefined {
  for (const [local, full] of module.imports) if (full === 'torch.nn.functional') return `${local}.log_softmax`;
  for (const [local, full] of module.imports) if (full === 'torch') return `${local}.log_softmax`;
  return undefined;
}

/** The local spelling of Keras' losses module, if the file imports tensorflow or keras. */
export function kerasLossesPrefix(module: PythonModule): string | undefined {
  for (const [local, full] of module.imports) if (full === 'keras' || full === 'tensorflow.keras') return `${local}.losses`;
  for (const [local, full] of module.imports) if (full === 'tensorflow') return `${local}.keras.losses`;
  for (const [local, full] of module.imports) if (full === 'keras.losses' || full === 'tensorflow.keras.losses') return local;
  return undefined;
}
