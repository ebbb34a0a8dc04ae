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

/** For a notebook cell, the text of the code cells above it in the same language; otherwise undefined. */
export function notebookContextOf(document: vscode.TextDocument): string | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cells = notebook.getCells();
    const index = cells.findIndex((cell) => cell.document === document);
    if (index < 0) continue;
    const earlier = cells
      .slice(0, index)
      .filter((cell) => cell.kind === vscode.NotebookCellKind.Code && cell.document.languageId === document.languageId)
      .map((cell) => cell.document.getText());
    return earlier.length ? earlier.join('\n') : undefined;
  }
  return undefined;
}

/** A document's file name as a person reads it ("retinanet_train.py"): the last segment of its path (a notebook cell: the notebook's). */
export function documentName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
