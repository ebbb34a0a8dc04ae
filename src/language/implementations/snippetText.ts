/*
 * VS Code snippet text, built from plain code and tab stops. Snippet syntax gives "$", "}" and "\"
 * meanings, so code text is escaped with a backslash before them; tab stops are ${n:default}.
 * snippetToPlainCode undoes both, for previews and for tests that read the code back.
 */

/** Code as written, or a tab stop with its default value. */
export type CodePiece = string | { readonly tabStop: number; readonly placeholder: string };

/** Escapes code text for a snippet: "\", "$" and "}" get a backslash before them. */
export function escapeSnippetText(text: string): string {
  let out = '';
  for (const c of text) out += c === '\\' || c === '$' || c === '}' ? `\\${c}` : c;
  return out;
}

/** The snippet for `pieces`: escaped code and ${n:placeholder} tab stops ($0 stays as written). */
export function piecesToSnippet(pieces: readonly CodePiece[]): string {
  return pieces
    .map((piece) =>
      typeof piece === 'string' ? escapeSnippetText(piece) : piece.tabStop === 0 && piece.placeholder === '' ? '$0' : `\${${piece.tabStop}:${escapeSnippetText(piece.placeholder)}}`,
    )
    .join('');
}

/** The code `pieces` stand for, every tab stop at its default. */
export function piecesToPlainCode(pieces: readonly CodePiece[]): string {
  return pieces.map((piece) => (typeof piece === 'string' ? piece : piece.placeholder)).join('');
}

/**
 * Plain code from snippet text: ${n:default} becomes its default (nested tab stops too), $n and ${n}
 * become nothing, and "\$", "\}", "\\" lose their backslash. Choices and variables are not used
 * by Loss Lens snippets; a choice ${n|a,b|} becomes its first option.
 */
export function snippetToPlainCode(snippet: string): string {
  let out = '';
  let i = 0;
  const n = snippet.length;
  /** How deep inside ${n: ... } we are: a "}" there closes the tab stop. */
  let open = 0;
  while (i < n) {
    const c = snippet[i]!;
    const next = snippet[i + 1];
    if (c === '\\' && (next === '$' || next === '}' || next === '\\')) {
      out += next;
      i += 2;
    } else if (c === '$' && next !== undefined && next >= '0' && next <= '9') {
      i++;
      while (i < n && snippet[i]! >= '0' && snippet[i]! <= '9') i++;
    } else if (c === '$' && next === '{') {
      let k = i + 2;
      while (k < n && snippet[k]! >= '0' && snippet[k]! <= '9') k++;
      if (k === i + 2) {
        out += c; // not a tab stop: keep it as text
        i++;
      } else if (snippet[k] === ':') {
        open++;
        i = k + 1;
      } else if (snippet[k] === '}') {
        i = k + 1;
      } else if (snippet[k] === '|') {
        const end = snippet.indexOf('|}', k + 1);
        const options = snippet.slice(k + 1, end < 0 ? n : end);
        out += options.split(',')[0] ?? '';
        i = end < 0 ? n : end + 2;
      } else {
        out += c;
        i++;
      }
    } else if (c === '}' && open > 0) {
      open--;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
