// Applies a quick fix's edits to the text, as VS Code does (one workspace edit, no overlaps): the lint
// tests check the code a fix gives.
import type { LintEdit, LintFix } from '../../../src/language/lint';

export function applyEdits(text: string, edits: readonly LintEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

export function applyFix(text: string, fix: LintFix): string {
  return applyEdits(text, fix.edits);
}
