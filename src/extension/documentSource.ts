import * as vscode from 'vscode';
import type { SourceLanguage } from '../language/recognition';

/*
 * What recognition needs to know about a document: its language, and for a notebook cell the code of
 * the cells before it (imports and constants often live there).
 */

/** The recogniser's language for a document, or undefined when Loss Lens has nothing to say about it. */
export function sourceLanguageOf(document: vscode.TextDocument): SourceLanguage | undefined {
  if (document.languageId === 'python') return 'python';
  if (document.languageId === 'yaml') return 'yaml';
  return undefined;
}

/** The notebook a cell document belongs to; undefined for any other document. */
export function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((notebook) => notebook.getCells().some((cell) => cell.document === document));
}

/**
 * For a notebook cell, the code cells above it in the same language, in order: what recognition reads before
 * it (notebookContextOf joins their texts with newlines). Undefined for any other document.
 */
export function earlierCellsOf(document: vscode.TextDocument): vscode.NotebookCell[] | undefined {
  const notebook = notebookOf(document);
  if (!notebook) return undefined;
  const cells = notebook.getCells();
  const index = cells.findIndex((cell) => cell.document === document);
  return cells.slice(0, index).filter((cell) => cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === document.languageId);
}

/** For a notebook cell, the text of the code cells above it in the same language; otherwise undefined. */
export function notebookContextOf(document: vscode.TextDocument): string | undefined {
  const earlier = earlierCellsOf(document);
  return earlier?.length ? earlier.map((cell) => cell.document.getText()).join('\n') : undefined;
}

/** A document's file name as a person reads it ("retinanet_train.py"): the last segment of its path (a notebook cell: the notebook's). */
export function documentName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
