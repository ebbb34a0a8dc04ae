import type { PythonTokens } from './pythonScanner';

/*
 * Whether a version's text matches a short pattern anywhere (a config's text naming mmdet), without
 * a search of the whole text after each edit. A version keeps a few offsets where the pattern
 * matches (or that it matches nowhere). A version re-read after an edit (rescanPython) keeps the
 * previous version's offsets whose match and the characters next to it lie outside the edited text
 * (moved by the edit), and adds the matches found in the edited text and a margin around it: any
 * match that the edit made or changed lies there. When the edit removed every offset kept and added
 * none, the text is searched again when next asked. The answer equals pattern.test(text).
 */

/** A pattern (searched with the global flag added) whose matches are at most `longest` characters, looking at most one character past either end (\b). */
export interface ShortPattern {
  readonly regex: RegExp;
  readonly longest: number;
}

/** Offsets where the pattern matches (at most MAX_KEPT), none when it matches nowhere. */
type Matches = readonly number[];

/** Offsets kept per version and pattern: enough that an edit rarely removes them all. */
const MAX_KEPT = 8;

const known = new WeakMap<PythonTokens, Map<ShortPattern, Matches>>();

/** Whether `pattern` matches somewhere in `tokens.text`. */
export function textMentions(tokens: PythonTokens, pattern: ShortPattern): boolean {
  let byPattern = known.get(tokens);
  if (byPattern === undefined) known.set(tokens, (byPattern = new Map()));
  let matches = byPattern.get(pattern);
  if (matches === undefined) byPattern.set(pattern, (matches = matchesIn(tokens.text, pattern, 0, tokens.text.length, MAX_KEPT)));
  return matches.length > 0;
}

/**
 * Records that `next`'s text is `previous`'s with old text [prefix, oldChangeEnd) replaced by new
 * text [prefix, newChangeEnd): what `previous` knew of each pattern is carried over (see above).
 */
export function mentionsAfterEdit(previous: PythonTokens, next: PythonTokens, prefix: number, oldChangeEnd: number, newChangeEnd: number): void {
  const before = known.get(previous);
  if (before === undefined) return;
  const after = new Map<ShortPattern, Matches>();
  const delta = newChangeEnd - oldChangeEnd;
  const text = next.text;
  for (const [pattern, old] of before) {
    const reach = pattern.longest + 1;
    // A match whose characters and neighbours are all unchanged is still one; the others, and any new one, lie within reach of the edit.
    const kept = old.filter((at) => at + reach <= prefix - 1 || at - 1 >= oldChangeEnd).map((at) => (at < prefix ? at : at + delta));
    const near = matchesIn(text, pattern, Math.max(0, prefix - reach - 1), Math.min(text.length, newChangeEnd + reach + 1), MAX_KEPT);
    const matches = [...kept, ...near].slice(0, MAX_KEPT);
    // Nothing kept or found: only a version without any match is known to have none after the edit.
    if (matches.length > 0 || old.length === 0) after.set(pattern, matches);
  }
  known.set(next, after);
}

/**
 * Up to `limit` offsets in [from, to) where the pattern matches text (reading text[from, to) only:
 * a match at either end of it, whose neighbour lies outside, counts only at the text's own ends).
 */
function matchesIn(text: string, pattern: ShortPattern, from: number, to: number, limit: number): number[] {
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  const regex = new RegExp(pattern.regex.source, pattern.regex.flags.includes('g') ? pattern.regex.flags : `${pattern.regex.flags}g`);
  const found: number[] = [];
  for (let m = regex.exec(part); m !== null && found.length < limit; m = regex.exec(part)) {
    const at = from + m.index;
    if ((at > from || from === 0) && (at + m[0].length < to || to === text.length)) found.push(at);
    // Every offset where a match starts (matches may overlap).
    regex.lastIndex = m.index + 1;
  }
  return found;
}
