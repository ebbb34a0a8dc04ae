import { msg } from '../../core';
import { readNumber } from './numberInput';
import type { Parsed } from './numberInput';

/*
 * Reading one sample's class scores and its target class as a person types them into an input box:
 * "2.0, 0.5, -1.0", "[0.7, 0.2, 0.1]", "logits = 1 2 3", "probs: 0.5 0.5". Pure text in, a value or
 * a message out, like numberInput.ts.
 */

export interface ClassScores {
  /** Logits, or probabilities that sum to 1 (then `areProbabilities`). */
  readonly values: readonly number[];
  readonly areProbabilities: boolean;
}

/** The Loss Explorer's multi-class range: more classes than this is not typed by hand. */
export const MAX_TYPED_CLASSES = 1000;
const SUM_TOLERANCE = 1e-6;
/** "0,9": two integers joined by a comma with no space, which many locales write for 0.9. */
const DECIMAL_COMMA = /^\s*([+-]?\d+),(\d+)\s*$/;
const NAMED = /^\s*(logits?|x|scores|probs|probabilities|p)\s*[=:]\s*(.*)$/is;

/** Whether `text` holds more than one number: a multi-class prediction rather than one p or logit. */
export function looksLikeClassScores(text: string): boolean {
  return splitNumbers(stripName(text).valueText).length > 1;
}

/**
 * Scores of C >= 2 classes. Named `logits=` or `probs=`, they are read as that; unnamed, numbers
 * in [0, 1] that sum to 1 are probabilities (with a note saying so), anything else logits.
 */
export function parseClassScores(text: string): Parsed<ClassScores> {
  const { name, valueText } = stripName(text);
  const pieces = splitNumbers(valueText);
  if (pieces.length === 0) return { ok: false, message: msg('Type the logits of the classes, for example 2.0, 0.5, -1.0 (or probabilities that sum to 1).') };
  if (pieces.length > MAX_TYPED_CLASSES) return { ok: false, message: msg('At most {0} classes can be typed (got {1}).', MAX_TYPED_CLASSES, pieces.length) };
  const values: number[] = [];
  for (const piece of pieces) {
    const value = readNumber(piece);
    if (value === null || Number.isNaN(value)) return { ok: false, message: msg('"{0}" is not a number.', piece) };
    values.push(value);
  }
  if (values.length < 2) return { ok: false, message: msg('A multi-class prediction needs the scores of at least 2 classes.') };
  const sum = values.reduce((a, b) => a + b, 0);
  const probabilityLike = values.every((v) => v >= 0 && v <= 1) && Math.abs(sum - 1) <= SUM_TOLERANCE;
  if (name === 'probs') {
    if (!values.every((v) => v >= 0 && v <= 1)) return { ok: false, message: msg('Probabilities must be in [0, 1].') };
    if (!probabilityLike) return { ok: false, message: msg('Probabilities must sum to 1 (they sum to {0}).', sum) };
    return { ok: true, value: { values, areProbabilities: true } };
  }
  if (name === 'logits') {
    if (values.some((v) => v === Infinity)) return { ok: false, message: msg('A logit of +inf has no softmax; use a large finite number.') };
    return { ok: true, value: { values, areProbabilities: false } };
  }
  if (probabilityLike) return { ok: true, value: { values, areProbabilities: true }, note: msg('They sum to 1, so they are read as probabilities; write logits=... to read them as logits.') };
  if (values.some((v) => v === Infinity)) return { ok: false, message: msg('A logit of +inf has no softmax; use a large finite number.') };
  return { ok: true, value: { values, areProbabilities: false }, note: logitsNote(valueText, values) };
}

/**
 * How unnamed scores were read, said as "1.5" gets "read as a logit": "0,9" may be a decimal comma
 * meant as 0.9, so that reading is spelled out with the way to write the number.
 */
function logitsNote(valueText: string, values: readonly number[]): string {
  const decimalComma = DECIMAL_COMMA.exec(valueText);
  if (decimalComma) return msg('"{0}" is read as the logits of 2 classes, {1} and {2}; the number {3} is written with a point.', valueText.trim(), values[0]!, values[1]!, `${decimalComma[1]}.${decimalComma[2]}`);
  return msg('Read as the logits of {0} classes: {1}.', values.length, values.join(', '));
}

/** A class index in [0, classes). */
export function parseClassIndex(text: string, classes: number): Parsed<number> {
  const trimmed = text.trim();
  const value = readNumber(trimmed);
  if (value === null) return { ok: false, message: trimmed === '' ? msg('Type the target class, 0 to {0}.', classes - 1) : msg('"{0}" is not a number.', trimmed) };
  if (!Number.isInteger(value) || value < 0 || value >= classes) return { ok: false, message: msg('The target class must be an integer from 0 to {0} (got {1}).', classes - 1, value) };
  return { ok: true, value };
}

function stripName(text: string): { name: 'logits' | 'probs' | undefined; valueText: string } {
  const named = NAMED.exec(text);
  if (!named) return { name: undefined, valueText: text };
  const word = named[1]!.toLowerCase();
  return { name: word === 'probs' || word === 'probabilities' || word === 'p' ? 'probs' : 'logits', valueText: named[2]! };
}

/** Numbers separated by commas or spaces, inside optional brackets. */
function splitNumbers(text: string): string[] {
  const inner = text.trim().replace(/^[[(]\s*/, '').replace(/\s*[\])]$/, '');
  return inner.split(/[\s,]+/).filter((piece) => piece !== '');
}
