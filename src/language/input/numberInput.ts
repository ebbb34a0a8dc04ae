import { msg } from '../../core';
import type { Prediction } from '../../core';

/*
 * Reading the numbers a person types into an input box. Pure text in, a value or a message out:
 * the message says what was wrong so the input box can show it while the person types.
 */

export type Parsed<T> = { readonly ok: true; readonly value: T; readonly note?: string } | { readonly ok: false; readonly message: string };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

/** A decimal number as people write it in code ("0.9", "-2.5e3", ".5", "inf"); null when it is not one. */
export function readNumber(text: string): number | null {
  const trimmed = text.trim();
  if (NUMBER.test(trimmed)) return Number(trimmed);
  const infinity = INFINITY.exec(trimmed);
  if (infinity) return infinity[1] === '-' ? -Infinity : Infinity;
  return null;
}

const NAMED = /^\s*(p|prob|probability|x|logit)\s*[=:]\s*(.*)$/i;

/**
 * A prediction: "0.9" (a probability), "2.3" (outside [0, 1], so a logit), "logit=0.5" or "x=0.5"
 * (a logit by name), "p=0.9" (a probability by name).
 */
export function parsePrediction(text: string): Parsed<Prediction> {
  const named = NAMED.exec(text);
  const name = named?.[1]?.toLowerCase();
  const valueText = named ? named[2]! : text;
  if (valueText.trim() === '') return { ok: false, message: msg('Type a probability in [0, 1] or a logit (for example 0.9 or logit=2.2).') };
  const value = readNumber(valueText);
  if (value === null) return { ok: false, message: msg('"{0}" is not a number.', valueText.trim()) };
  if (name === 'x' || name === 'logit') return { ok: true, value: { logit: value } };
  if (value >= 0 && value <= 1) return { ok: true, value: { p: value } };
  if (name !== undefined) return { ok: false, message: msg('A probability must be in [0, 1] (got {0}); write logit={0} for a logit.', value) };
  return { ok: true, value: { logit: value }, note: msg('{0} is outside [0, 1], so it is read as a logit.', value) };
}

/** A number in [0, 1] (a target or alpha). `allowNone` accepts "" and "none" as null. */
export function parseUnitInterval(text: string, what: string, allowNone = false): Parsed<number | null> {
  const trimmed = text.trim();
  if (allowNone && (trimmed === '' || /^(none|null|off|-1)$/i.test(trimmed))) return { ok: true, value: null };
  const value = readNumber(trimmed);
  if (value === null) return { ok: false, message: trimmed === '' ? msg('Type {0}.', what) : msg('"{0}" is not a number.', trimmed) };
  if (!(value >= 0 && value <= 1)) return { ok: false, message: msg('{0} must be in [0, 1] (got {1}).', capitalize(what), value) };
  return { ok: true, value };
}

/** A focusing parameter gamma >= 0. */
export function parseGamma(text: string): Parsed<number> {
  const value = readNumber(text);
  if (value === null) return { ok: false, message: text.trim() === '' ? msg('Type gamma (the paper uses 2).') : msg('"{0}" is not a number.', text.trim()) };
  if (!(value >= 0 && value < Infinity)) return { ok: false, message: msg('Gamma must be a finite number >= 0 (got {0}).', value) };
  return { ok: true, value };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
