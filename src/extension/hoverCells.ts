import * as vscode from 'vscode';
import type { LossCall, ParamValue, ValueOrigin } from '../language/recognition';

/*
 * Recognition reads a notebook cell after the code cells above it, joined with newlines
 * (documentSource.ts), so a value written in an earlier cell has a line of that joined text: a number
 * no reader can find. The hover asks for the cell's number and its line instead ("cell 3, line 2").
 */

/** Maps a 0-based line of the joined earlier cells to the cell's 1-based number in the notebook and its line there. */
export type CellOfContextLine = (line: number) => { readonly cell: number; readonly line: number } | undefined;

/** For a notebook cell, the cell of each line of its context; undefined for any other document. */
export function cellsOfContext(document: vscode.TextDocument): CellOfContextLine | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  const notebook = vscode.workspace.notebookDocuments.find((candidate) => candidate.getCells().some((cell) => cell.document === document));
  if (!notebook) return undefined;
  const cells = notebook.getCells();
  const index = cells.findIndex((cell) => cell.document === document);
  // The same cells, in the same order, as notebookContextOf joins: each adds its line count.
  const earlier = cells
    .slice(0, index)
    .filter((cell) => cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === document.languageId)
    .map((cell) => ({ cell: cell.index + 1, lines: cell.document.lineCount }));
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
  const origin = (o: ValueOrigin): ValueOrigin => {
    if (o.kind !== 'resolved' || !o.inContext || o.file) return o;
    const at = cellOf(o.line);
    return at ? { ...o, line: at.line, cell: at.cell } : o;
  };
  const value = <T>(v: ParamValue<T>): ParamValue<T> => ({ ...v, origin: origin(v.origin) });
  const optional = <T>(v: ParamValue<T> | undefined) => (v ? value(v) : undefined);
  return {
    ...call,
    alpha: value(call.alpha),
    gamma: value(call.gamma),
    beta: optional(call.beta),
    inputs: value(call.inputs),
    reduction: value(call.reduction),
    classes: optional(call.classes),
    extra: call.extra.map((extra) => ({ name: extra.name, value: value(extra.value) })),
    builtAt: call.builtAt && {
      ...call.builtAt,
      line: origin(call.builtAt.line),
      alsoAt: call.builtAt.alsoAt?.map(origin),
      loop: call.builtAt.loop && origin(call.builtAt.loop),
    },
  };
}
