import type { LazyLossCall, LossCall } from './lossCall';
import type { PythonModule } from './pythonModule';
import type { TokenEdit } from './pythonRescan';
import { END, NEWLINE, tokenAtOffset, type PythonTokens } from './pythonScanner';

/*
 * Reuse across document versions when an edit cannot have changed what recognition and the lint
 * read. Both read tokens only (names, numbers, strings, operators, line structure); comments and
 * blank lines are not tokens. An edit that changes text on one physical line, after the last token
 * of its logical line or on a line holding no token (typing in a comment, trailing spaces), leaves
 * every token's kind and text, the line structure and the indentation as they were: only the
 * offsets after the edit move. Such a version's calls and findings are the previous version's with
 * those offsets moved, except for what touches the edit (a fix that deletes the line with its
 * comment, one that inserts where the text was typed) or, for calls, its line: that is read
 * again, or the reuse is given up.
 *
 * Whether an edit is such an edit is checked, not assumed: the re-read tokens (rescanPython) must
 * have the same kinds, texts and indentation as the ones they replace, and the changed text must
 * hold no line break and lie where no token can see it.
 */

/** A version whose tokens are the previous version's but for the offsets after one edit. */
export interface UnchangedTokens {
  /** The version read just before, whose tokens this one's equal. */
  readonly previous: PythonModule;
  /** Old text [at, at + removed) became new text [at, at + inserted). */
  readonly at: number;
  readonly removed: number;
  readonly inserted: number;
  /** The physical line holding the edit in the previous version's text: [lineStart, lineEnd] (lineEnd: its line break or the text's end). */
  readonly lineStart: number;
  readonly lineEnd: number;
}

const links = new WeakMap<PythonModule, UnchangedTokens>();

/** How `module` differs from the version read before it, when only offsets after one edit moved (see above). */
export function unchangedTokensSince(module: PythonModule): UnchangedTokens | undefined {
  return links.get(module);
}

/** An offset of the previous version (outside the edited line) in the version of `link`. */
export function movedOffset(link: UnchangedTokens, offset: number): number {
  return offset > link.at ? offset + link.inserted - link.removed : offset;
}

/** Whether the range [start, end] of the previous version overlaps or borders the changed text (its offsets are not simply moved). */
export function touchesEdit(link: UnchangedTokens, start: number, end: number): boolean {
  return start <= link.at + link.removed && end >= link.at;
}

/** Whether the range [start, end] of the previous version touches the edited line. */
export function touchesEditedLine(link: UnchangedTokens, start: number, end: number): boolean {
  return start <= link.lineEnd && end >= link.lineStart;
}

/** What an edit re-read of the previous version, taken while its arrays are still its own (rescanPython's callback). */
export interface TokensBeforeEdit {
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly texts: readonly string[];
  readonly indents: Int32Array;
  /** Where the first token after the re-read ones started (the text's length when none). */
  readonly endOffset: number;
}

export function tokensBeforeEdit(previous: PythonTokens, edit: TokenEdit): TokensBeforeEdit {
  const texts: string[] = [];
  for (let k = edit.restartToken; k < edit.oldEndToken; k++) texts.push(previous.text.slice(previous.startAt(k), previous.endAt(k)));
  return {
    count: previous.count,
    kinds: previous.kind.slice(edit.restartToken, edit.oldEndToken),
    texts,
    indents: previous.headIndent.slice(edit.restartHead, edit.oldEndHead),
    endOffset: edit.oldEndToken < previous.count ? previous.startAt(edit.oldEndToken) : previous.text.length,
  };
}

/** Records that `module` (read from `previous` by `edit`) has `previous`'s tokens but for moved offsets, when it does. */
export function linkIfUnchanged(previous: PythonModule, module: PythonModule, edit: TokenEdit, before: TokensBeforeEdit): void {
  const link = unchangedBy(previous, module.tokens, edit, before);
  if (link === undefined) return;
  // Only one step back is kept: the previous version's own link would hold every version before it.
  links.delete(previous);
  links.set(module, link);
}

function unchangedBy(previous: PythonModule, tokens: PythonTokens, edit: TokenEdit, before: TokensBeforeEdit): UnchangedTokens | undefined {
  const { restartToken, oldEndToken, newEndToken, restartHead, oldEndHead, newEndHead } = edit;
  if (tokens.count !== before.count || newEndToken !== oldEndToken || newEndHead !== oldEndHead) return undefined;
  const oldText = previous.tokens.text;
  const text = tokens.text;
  for (let k = restartToken; k < newEndToken; k++) {
    const i = k - restartToken;
    if (tokens.kind[k] !== before.kinds[i]) return undefined;
    const start = tokens.startAt(k);
    const expected = before.texts[i]!;
    if (tokens.endAt(k) - start !== expected.length || !text.startsWith(expected, start)) return undefined;
  }
  for (let h = restartHead; h < newEndHead; h++) if (tokens.headIndent[h] !== before.indents[h - restartHead]) return undefined;
  // The changed text, within the re-read lines: the common prefix from the restart, the common suffix back from their end.
  let at = edit.restartOffset;
  let oldEnd = before.endOffset;
  let newEnd = oldEnd + edit.delta;
  while (at < oldEnd && at < newEnd && oldText.charCodeAt(at) === text.charCodeAt(at)) at++;
  while (oldEnd > at && newEnd > at && oldText.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  if (hasLineBreak(oldText, at, oldEnd) || hasLineBreak(text, at, newEnd)) return undefined;
  // Where no token sees it: after the last token of a logical line (before its NEWLINE), or on a line without tokens.
  const k = tokenAtOffset(tokens, at);
  const next = tokens.startAt(k);
  if (next < newEnd || (k > 0 && tokens.endAt(k - 1) > at)) return undefined;
  const endsLine = tokens.kind[k] === NEWLINE || tokens.kind[k] === END;
  const ownLine = (k === 0 || tokens.kind[k - 1] === NEWLINE) && hasLineBreak(text, newEnd, next);
  if (!endsLine && !ownLine) return undefined;
  let lineEnd = at;
  while (lineEnd < oldText.length && !isLineBreak(oldText.charCodeAt(lineEnd))) lineEnd++;
  let lineStart = at;
  while (lineStart > 0 && !isLineBreak(oldText.charCodeAt(lineStart - 1))) lineStart--;
  return { previous, at, removed: oldEnd - at, inserted: newEnd - at, lineStart, lineEnd };
}

function isLineBreak(code: number): boolean {
  return code === 10 || code === 13;
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (isLineBreak(text.charCodeAt(i))) return true;
  return false;
}

/** A lazily built call that says whether it was built (the next version moves built calls instead of building them again). */
export interface TrackedCall extends LazyLossCall {
  built(): LossCall | undefined;
}

export function tracked(call: LazyLossCall): TrackedCall {
  let built: LossCall | undefined;
  return { start: call.start, end: call.end, nameStart: call.nameStart, nameEnd: call.nameEnd, call: () => (built ??= call.call()), built: () => built };
}

function builtCall(call: LossCall): TrackedCall {
  return { start: call.start, end: call.end, nameStart: call.nameStart, nameEnd: call.nameEnd, call: () => call, built: () => call };
}

/**
 * The calls of the version of `link`, from the previous version's: a built call before the edited
 * line is kept as it is, one after it moved; the others are found again on their own logical line (`near`, the new version's
 * line search). Undefined when one is not found there as it was (then every call is searched again).
 */
export function movedCalls(previous: readonly TrackedCall[], link: UnchangedTokens, near: (offset: number) => LazyLossCall[]): TrackedCall[] | undefined {
  const result: TrackedCall[] = [];
  for (const call of previous) {
    // A call through a wrapper method names where the method's returned call is (`through`): when that is at or
    // after the edit it may have moved, so the call is read again below instead of kept.
    const kept = call.built();
    const built = kept?.through && kept.through.start >= link.lineStart ? undefined : kept;
    const start = movedOffset(link, call.start);
    if (built && call.end < link.lineStart) {
      result.push(builtCall(built)); // before the edit: nothing moved
      continue;
    }
    if (built && !touchesEditedLine(link, call.start, call.end)) {
      result.push(builtCall({ ...built, start, end: movedOffset(link, built.end), nameStart: movedOffset(link, built.nameStart), nameEnd: movedOffset(link, built.nameEnd) }));
      continue;
    }
    const nameStart = movedOffset(link, call.nameStart);
    const again = near(nameStart).find((c) => c.start === start && c.nameStart === nameStart);
    if (!again) return undefined;
    result.push(tracked(again));
  }
  return result;
}
