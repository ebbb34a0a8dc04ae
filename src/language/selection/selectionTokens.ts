/*
 * Tokens of a selection the "Compute Loss for Selection" command reads: numbers, names, strings,
 * brackets and separators, each with its offset so a refusal can point at what it could not read.
 * One pass over the text, character by character and without regular expressions, so a 1 MB
 * selection costs linear time whatever it holds.
 */

export type SelectionTokenKind =
  /** A decimal number, its sign included when one is written right before it ("-2.5e3"). */
  | 'number'
  /** An identifier, dotted parts included ("np.array", "torch.float32", "y_true"). */
  | 'name'
  /** A quoted string on one line ('nan' in float('nan'), dtype='float32'). */
  | 'string'
  /** One of [ ] ( ) { } , ; = : and a "." that starts a method call (".cuda()"). */
  | 'punct'
  /** A + or - written before a name or a call ("-inf", "-float('inf')"). */
  | 'sign'
  | 'newline'
  /** A run of characters that is none of the above ("0.5x", "...", "<SigmoidBackward0>"). */
  | 'bad';

export interface SelectionToken {
  readonly kind: SelectionTokenKind;
  readonly start: number;
  /** Offset just past the token. */
  readonly end: number;
}

const enum Char {
  Tab = 9,
  Newline = 10,
  VerticalTab = 11,
  FormFeed = 12,
  Return = 13,
  Space = 32,
  DoubleQuote = 34,
  Hash = 35,
  SingleQuote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Digit0 = 48,
  Digit9 = 57,
  Colon = 58,
  Semicolon = 59,
  Equals = 61,
  UpperA = 65,
  UpperE = 69,
  UpperZ = 90,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Underscore = 95,
  LowerA = 97,
  LowerE = 101,
  LowerZ = 122,
  OpenBrace = 123,
  CloseBrace = 125,
  NoBreakSpace = 160,
}

function isDigit(c: number): boolean {
  return c >= Char.Digit0 && c <= Char.Digit9;
}

function isNameStart(c: number): boolean {
  return (c >= Char.LowerA && c <= Char.LowerZ) || (c >= Char.UpperA && c <= Char.UpperZ) || c === Char.Underscore;
}

function isNamePart(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

/** Spaces and tabs; a newline is a token of its own because it separates CSV rows. */
function isBlank(c: number): boolean {
  return c === Char.Space || c === Char.Tab || c === Char.Return || c === Char.VerticalTab || c === Char.FormFeed || c === Char.NoBreakSpace;
}

function isPunct(c: number): boolean {
  return (
    c === Char.OpenBracket ||
    c === Char.CloseBracket ||
    c === Char.OpenParen ||
    c === Char.CloseParen ||
    c === Char.OpenBrace ||
    c === Char.CloseBrace ||
    c === Char.Comma ||
    c === Char.Semicolon ||
    c === Char.Equals ||
    c === Char.Colon
  );
}

/** Where a number or a name must end; anything else glued to it makes the whole run a bad token. */
function isDelimiter(c: number): boolean {
  return (
    Number.isNaN(c) ||
    isBlank(c) ||
    c === Char.Newline ||
    isPunct(c) ||
    c === Char.Hash ||
    c === Char.SingleQuote ||
    c === Char.DoubleQuote
  );
}

/** Splits `text` into tokens. Blanks and # comments are dropped; nothing here fails. */
export function tokenizeSelection(text: string): SelectionToken[] {
  const tokens: SelectionToken[] = [];
  const n = text.length;
  let i = 0;
  const at = (k: number) => text.charCodeAt(k); // NaN past the end
  /** The end of a bad token that starts at `from`: the next delimiter. */
  const badEnd = (from: number) => {
    let k = from;
    while (k < n && !isDelimiter(at(k))) k++;
    return k;
  };
  while (i < n) {
    const c = at(i);
    const start = i;
    if (isBlank(c)) {
      i++;
    } else if (c === Char.Newline) {
      tokens.push({ kind: 'newline', start, end: ++i });
    } else if (c === Char.Hash) {
      while (i < n && at(i) !== Char.Newline) i++;
    } else if (isPunct(c)) {
      tokens.push({ kind: 'punct', start, end: ++i });
    } else if (c === Char.SingleQuote || c === Char.DoubleQuote) {
      const end = stringEnd(text, i);
      i = end > 0 ? end : lineEnd(text, start); // an unclosed quote spoils the rest of its line
      tokens.push({ kind: end > 0 ? 'string' : 'bad', start, end: i });
    } else if (isDigit(c) || ((c === Char.Plus || c === Char.Minus || c === Char.Dot) && startsNumber(text, i))) {
      const end = numberEnd(text, i);
      if (isDelimiter(at(end))) {
        tokens.push({ kind: 'number', start, end });
        i = end;
      } else {
        i = badEnd(end);
        tokens.push({ kind: 'bad', start, end: i });
      }
    } else if (isNameStart(c)) {
      let k = i + 1;
      for (;;) {
        while (k < n && isNamePart(at(k))) k++;
        if (at(k) === Char.Dot && isNameStart(at(k + 1))) k += 2;
        else break;
      }
      if (isDelimiter(at(k))) {
        tokens.push({ kind: 'name', start, end: k });
        i = k;
      } else {
        i = badEnd(k);
        tokens.push({ kind: 'bad', start, end: i });
      }
    } else if (c === Char.Dot && isNameStart(at(i + 1))) {
      tokens.push({ kind: 'punct', start, end: ++i });
    } else if ((c === Char.Plus || c === Char.Minus) && (isNameStart(at(i + 1)) || at(i + 1) === Char.OpenParen)) {
      tokens.push({ kind: 'sign', start, end: ++i });
    } else {
      i = badEnd(i + 1);
      tokens.push({ kind: 'bad', start, end: i });
    }
  }
  return tokens;
}

/** Whether a sign or a dot at `i` starts a number: "-2", "+.5", ".5". */
function startsNumber(text: string, i: number): boolean {
  let k = i;
  const c = text.charCodeAt(k);
  if (c === Char.Plus || c === Char.Minus) k++;
  const d = text.charCodeAt(k);
  if (isDigit(d)) return true;
  return d === Char.Dot && isDigit(text.charCodeAt(k + 1));
}

/** The end of the number that starts at `i` (sign, digits, fraction, exponent). */
function numberEnd(text: string, i: number): number {
  let k = i;
  const n = text.length;
  const at = (j: number) => text.charCodeAt(j);
  if (at(k) === Char.Plus || at(k) === Char.Minus) k++;
  while (k < n && isDigit(at(k))) k++;
  if (at(k) === Char.Dot) {
    k++;
    while (k < n && isDigit(at(k))) k++;
  }
  const e = at(k);
  if (e === Char.LowerE || e === Char.UpperE) {
    let j = k + 1;
    if (at(j) === Char.Plus || at(j) === Char.Minus) j++;
    if (isDigit(at(j))) {
      while (j < n && isDigit(at(j))) j++;
      k = j;
    }
  }
  return k;
}

/** The end of the quoted string at `i`, past its closing quote; -1 when the line ends first. */
function stringEnd(text: string, i: number): number {
  const quote = text.charCodeAt(i);
  let k = i + 1;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (c === quote) return k + 1;
    if (c === Char.Newline) return -1;
    k += c === Char.Backslash ? 2 : 1;
  }
  return -1;
}

function lineEnd(text: string, i: number): number {
  const k = text.indexOf('\n', i);
  return k < 0 ? text.length : k;
}
