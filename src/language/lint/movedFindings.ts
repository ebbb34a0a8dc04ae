import { movedOffset, touchesEdit, unchangedTokensSince, type PythonModule, type UnchangedTokens } from '../recognition';
import type { LintFinding } from './findings';

/*
 * The lint's findings across document versions. The rules read tokens only (suppression comments
 * are applied afterwards, to each version's own text), so a version whose tokens are the previous
 * version's but for the offsets after one edit (recognition's unchangedTokensSince: typing in a
 * comment, trailing spaces) has the previous version's findings with those offsets moved. The
 * rules' ranges are made of tokens, and their texts of the text those ranges cover; a finding
 * whose range, related place or fix touches the changed text (a fix that deletes the whole line
 * with its comment, or inserts where the text was typed) gives the reuse up.
 */

/** The findings of each module read, sorted and without duplicates, before suppressions (whole files only, no notebook context). */
const FOUND = new WeakMap<PythonModule, { readonly found: readonly LintFinding[]; readonly imports: unknown; readonly calls: unknown }>();

/**
 * `module`'s own findings when it was linted before with the same imported files and the same calls
 * (the same array, or none given both times: then recognition's of this text and these files): the
 * editor lints one version several times (diagnostics, code actions, "Fix all"), and the rules give
 * the same findings for the same tokens, calls and imported files.
 */
export function keptFindings(module: PythonModule, imports: unknown, calls: unknown): readonly LintFinding[] | undefined {
  const kept = FOUND.get(module);
  return kept && kept.imports === imports && kept.calls === calls ? kept.found : undefined;
}

/**
 * `module`'s findings moved from the version read before it, when its tokens are that version's and it
 * was linted with the same imported files (`imports`: their key, see index.ts).
 */
export function movedFindings(module: PythonModule, imports?: unknown): readonly LintFinding[] | undefined {
  const link = unchangedTokensSince(module);
  const kept = link && FOUND.get(link.previous);
  if (!link || !kept || kept.imports !== imports) return undefined;
  const before = kept.found;
  const moved: LintFinding[] = [];
  for (const f of before) {
    const finding = movedFinding(link, f);
    if (!finding) return undefined;
    moved.push(finding);
  }
  return moved;
}

export function rememberFindings(module: PythonModule, found: readonly LintFinding[], imports: unknown, calls: unknown): void {
  FOUND.set(module, { found, imports, calls });
}

function movedFinding(link: UnchangedTokens, f: LintFinding): LintFinding | undefined {
  const ranges = [f, ...(f.related && !f.related.inContext ? [f.related] : []), ...f.fixes.flatMap((fix) => fix.edits)];
  if (ranges.some((r) => touchesEdit(link, r.start, r.end))) return undefined;
  if (ranges.every((r) => r.end < link.at)) return f; // before the edit: nothing moved
  const move = <T extends { readonly start: number; readonly end: number }>(r: T): T => ({ ...r, start: movedOffset(link, r.start), end: movedOffset(link, r.end) });
  return {
    ...move(f),
    ...(f.related ? { related: f.related.inContext ? f.related : move(f.related) } : {}),
    fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(move) })),
  };
}
