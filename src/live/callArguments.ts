/*
 * The arguments of a call as written (`criterion(logits[valid], targets, reduction='sum')`): split at
 * top-level commas, keyword names apart. Brackets and strings are skipped as wholes; text that does not
 * close gives undefined.
 */

export interface CallArgument {
  readonly name?: string;
  readonly text: string;
}

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** The arguments of the first call in `text` (from its first `(`), or undefined when it does not close. */
export function callArguments(source: string): CallArgument[] | undefined {
  let text = source;
  const open = text.indexOf('(');
  if (open < 0) return undefined;
  const stack: string[] = [];
  const parts: string[] = [];
  let from = open + 1;
  for (let i = open + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const end = triple ? text.indexOf(c.repeat(3), i + 3) : stringEnd(text, i, c);
      if (end < 0) return undefined;
      i = triple ? end + 2 : end;
      continue;
    }
    if (c === '#') {
      const eol = text.indexOf('\n', i);
      if (eol < 0) return undefined;
      // A comment is no part of an argument: blanked, so a comma in it splits nothing.
      text = text.slice(0, i) + ' '.repeat(eol - i) + text.slice(eol);
      i = eol;
      continue;
    }
    if (c in CLOSING) stack.push(CLOSING[c]!);
    else if (c === ')' && stack.length === 0) {
      parts.push(text.slice(from, i));
      return parts.map((part) => part.trim()).filter((part, k, all) => part.length > 0 || k < all.length - 1).map(argumentOf);
    } else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return undefined;
    } else if (c === ',' && stack.length === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  return undefined;
}

/** The index of the quote closing the string that opens at `start`; -1 when it does not close on its line. */
export function stringEnd(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n') return -1;
  }
  return -1;
}

function argumentOf(part: string): CallArgument {
  const keyword = /^([A-Za-z_]\w*)\s*=(?!=)\s*([\s\S]*)$/.exec(part);
  const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
  return keyword ? { name: keyword[1]!, text: flat(keyword[2]!) } : { text: flat(part) };
}
