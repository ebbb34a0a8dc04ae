import { NAME, tokenAtOffset, type PythonTokens } from './pythonScanner';

/*
 * The NAME tokens spelled like one of some names (the class count's num_classes and synonyms, the
 * calls of a function whose parameter default is read), found by one regex search of the text: far
 * cheaper than a walk over every token of a large file. Kept per version and list of names; a
 * version re-read after an edit (rescanPython) derives its list from the previous version's when
 * that one searched for the same names: the tokens before the edited lines kept, the edited lines
 * searched, those after them moved by the edit's token count. The edited lines start and end at
 * logical lines that follow a physical line break, so no match crosses their bounds, and the result
 * equals a search of the whole text.
 */

/** The tokens [restartToken, oldEndToken) of the previous version became [restartToken, newEndToken) (a TokenEdit, see pythonRescan.ts). */
export interface EditedTokens {
  readonly restartToken: number;
  readonly oldEndToken: number;
  readonly newEndToken: number;
}

const found = new WeakMap<PythonTokens, Map<string, number[]>>();
/** For a version re-read from another: that version's searches (not its tokens) and the edit. */
const derivedFrom = new WeakMap<PythonTokens, { readonly searched: Map<string, number[]>; readonly edit: EditedTokens }>();

/** Records that `next` was re-read from `previous` by `edit` (see above). */
export function spelledAfterEdit(previous: PythonTokens, next: PythonTokens, edit: EditedTokens): void {
  derivedFrom.set(next, { searched: searchesOf(previous), edit });
}

/** The NAME tokens spelled like one of `names` (not in strings or comments), in file order. */
export function nameTokensSpelled(tokens: PythonTokens, names: readonly string[]): number[] {
  const key = names.join('\n');
  const searched = searchesOf(tokens);
  let result = searched.get(key);
  if (result === undefined) {
    result = afterEdit(tokens, names, key) ?? spelledIn(tokens, names, 0, tokens.text.length);
    searched.set(key, result);
  }
  return result;
}

function searchesOf(tokens: PythonTokens): Map<string, number[]> {
  let searched = found.get(tokens);
  if (searched === undefined) found.set(tokens, (searched = new Map()));
  return searched;
}

function afterEdit(tokens: PythonTokens, names: readonly string[], key: string): number[] | undefined {
  const from = derivedFrom.get(tokens);
  const before = from?.searched.get(key);
  if (from === undefined || before === undefined) return undefined;
  const { restartToken, oldEndToken, newEndToken } = from.edit;
  const result: number[] = [];
  let i = 0;
  for (; i < before.length && before[i]! < restartToken; i++) result.push(before[i]!);
  const end = newEndToken < tokens.count ? tokens.startAt(newEndToken) : tokens.text.length;
  result.push(...spelledIn(tokens, names, tokens.startAt(restartToken), end));
  const tokenDelta = newEndToken - oldEndToken;
  while (i < before.length && before[i]! < oldEndToken) i++;
  for (; i < before.length; i++) result.push(before[i]! + tokenDelta);
  return result;
}

/** The tokens spelled like one of `names` among those whose text starts in [from, to). */
function spelledIn(tokens: PythonTokens, names: readonly string[], from: number, to: number): number[] {
  const result: number[] = [];
  const text = tokens.text;
  const words = new RegExp(names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  words.lastIndex = from;
  for (let m = words.exec(text); m && m.index < to; m = words.exec(text)) {
    const at = m.index;
    const k = tokenAtOffset(tokens, at);
    if (tokens.startAt(k) === at && tokens.kind[k] === NAME) {
      // The match may be a prefix of the token (num_class in num_classes): take the token if it is one of the names.
      const length = tokens.endAt(k) - at;
      if (length === m[0].length || names.some((name) => name.length === length && text.startsWith(name, at))) result.push(k);
      words.lastIndex = Math.max(words.lastIndex, tokens.endAt(k));
    }
  }
  return result;
}
