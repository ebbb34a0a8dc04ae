import type * as vscode from 'vscode';
import { earlierCellsOf } from './documentSource';
import { withOrigins, type LossCall } from '../language/recognition';

/*
 * Recognition reads a notebook cell after the code cells above it, joined with newlines
 * (documentSource.ts), so a value written in an earlier cell has a line of that joined text: a number
 * no reader can find. The hover asks for the cell's number and its line instead ("cell 3, line 2").
 */

/** Maps a 0-based line of the joined earlier cells to the cell's 1-based number in the notebook and its line there. */
export type CellOfContextLine = (line: number) => { readonly cell: number; readonly line: number } | undefined;

/** For a notebook cell, the cell of each line of its context; undefined for any other document. */
export function cellsOfContext(document: vscode.TextDocument): CellOfContextLine | undefined {
  // The cells notebookContextOf joins, in its order: each adds its line count.
  const earlier = earlierCellsOf(document)?.map((cell) => ({ cell: cell.index + 1, lines: cell.document.lineCount }));
  if (!earlier) return undefined;
  return (line) => {
    let first = 0;
    for (const { cell, lines } of earlier) {
      if (line < first + lines) return { cell, line: line - first };
      first += lines;
    }
    return undefined;
  };
}

/** The call with every value written in an earlier cell placed in its cell; the same call when none is. */
export function withCellOrigins(call: LossCall, cellOf: CellOfContextLine | undefined): LossCall {
  if (!cellOf) return call;
  return withOrigins(call, (origin) => {
    if (origin.kind !== 'resolved' || !origin.inContext || origin.file) return origin;
    const at = cellOf(origin.line);
    return at ? { ...origin, line: at.line, cell: at.cell } : origin;
  });
}
