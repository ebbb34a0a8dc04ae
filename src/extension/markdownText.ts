/*
 * Text from the user's documents goes into hovers as text: these escape it for Markdown, so a
 * crafted comment or string can never become a link, an image or a command.
 */

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&]/g;

/** Text shown literally in Markdown prose or table cells. */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/** Text shown as inline code: a fence longer than any backtick run inside it. */
export function inlineCode(text: string): string {
  const flat = text.replace(/\r?\n\s*/g, ' ').replace(/\|/g, '¦');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A `command:` link URI with JSON arguments, as VS Code's Markdown expects. Parentheses and quotes
 * are encoded too (encodeURIComponent leaves them), so a label like "(line 3)" cannot end the link.
 */
export function commandUri(command: string, args: unknown): string {
  const encoded = encodeURIComponent(JSON.stringify([args])).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:${command}?${encoded}`;
}

/** The hover's Markdown as plain text for a notification or the output channel. */
export function plainTextOf(markdown: string): string {
  return markdown.replace(/\*\*/g, '').replace(/\\([\\`*_{}[\]()#+\-.!|<>~&])/g, '$1').replace(/`/g, '').replace(/ {2}\n/g, '\n');
}
