import type { LintRuleId } from './rules';

/*
 * `# noqa: loss-lens` silences every rule on its line; `# loss-lens: ignore[rule-id, ...]` the rules
 * named (`# loss-lens: ignore` alone: all). Read from the line's comment, after the code.
 */

const NOQA = /#.*\bnoqa\s*:\s*[^#\n]*\bloss-lens\b/;
const IGNORE = /#.*\bloss-lens\s*:\s*ignore\b(?:\[([^\]]*)\])?/;

export function isSuppressed(line: string, rule: LintRuleId): boolean {
  if (line.indexOf('#') < 0) return false;
  if (NOQA.test(line)) return true;
  const m = IGNORE.exec(line);
  if (!m) return false;
  if (m[1] === undefined) return true;
  return m[1].split(',').map((s) => s.trim()).includes(rule);
}
