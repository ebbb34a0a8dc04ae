import { formatNumber } from '../core';
import { s } from './strings';
import { parseTyped } from './typedNumber';

/*
 * Lists of numbers typed into the multi-class view: the logits or probabilities of a sample, a
 * soft target, class weights, alpha per class. Items are separated by commas, spaces or new lines
 * (and may sit in brackets, as pasted from Python); each is a decimal number as parseTyped reads it.
 */

export type ListResult = { readonly ok: true; readonly values: number[] } | { readonly ok: false; readonly message: string };

/** The numbers of `text`, or a message naming the first item that is not one. */
export function parseNumberList(text: string, what: string): ListResult {
  const items = text.replace(/^\s*[[(]|[\])]\s*$/g, '').split(/[\s,;]+/).filter((item) => item !== '');
  const values: number[] = [];
  for (let i = 0; i < items.length; i++) {
    const value = parseTyped(items[i]!);
    if (Number.isNaN(value)) return { ok: false, message: s('list.error.notNumber', what, i + 1, JSON.stringify(items[i]!.slice(0, 40))) };
    values.push(value);
  }
  return { ok: true, values };
}

/** A list of exactly `count` numbers; `check` names what is wrong with an item, or returns null. */
export function parseListOf(text: string, what: string, count: number, check: (value: number) => string | null): ListResult {
  const parsed = parseNumberList(text, what);
  if (!parsed.ok) return parsed;
  if (parsed.values.length !== count) {
    return { ok: false, message: s('list.error.length', what, count, parsed.values.length) };
  }
  for (let i = 0; i < parsed.values.length; i++) {
    const problem = check(parsed.values[i]!);
    if (problem) return { ok: false, message: s('list.error.item', what, i + 1, problem, parsed.values[i]) };
  }
  return parsed;
}

/**
 * A list as the boxes show it, comma separated: exactly (the shortest text that reads back as the
 * same number) unless `digits` is given, for derived values such as probabilities.
 */
export function formatNumberList(values: ArrayLike<number>, digits?: number): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    parts.push(digits === undefined ? (Number.isFinite(v) ? String(v) : v > 0 ? 'inf' : '-inf') : formatNumber(v, digits));
  }
  return parts.join(', ');
}
