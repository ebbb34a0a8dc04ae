/*
 * The user-visible sentences of the layers that cannot call VS Code (core, language). `msg(template,
 * ...args)` returns the English text, exactly as written before, and remembers which template and
 * arguments made it; the extension translates that text in one place (`localize` in
 * src/extension/l10n.ts: vscode.l10n.t(template, ...args), each argument that is itself a message
 * translated first). Templates are plain string literals with {0}, {1}, ... placeholders, so the l10n
 * unit test reads them from the sources and checks each has its Korean translation. A text not made
 * by `msg` (or forgotten: the memory is bounded) stays English, never wrong.
 */

/** An argument as a template literal would show it (`${x}`): null and undefined as words. */
export type MessageArg = string | number | boolean | null | undefined;

/** How a message was made: its template and its arguments as text. */
export interface MessageParts {
  readonly template: string;
  readonly args: readonly string[];
}

/**
 * Enough for every message of the open documents; the oldest are forgotten first. Two generations
 * rather than one map kept in use order: a text is remembered until REMEMBERED other texts were made
 * after it (as a least-recently-made map of that size would), and making one is a single insertion
 * (the lint makes thousands per large file; a delete and re-insert per message was most of its cost).
 */
const REMEMBERED = 4096;
let made = new Map<string, MessageParts>();
let madeBefore = new Map<string, MessageParts>();

/** `template` with {0}, {1}, ... replaced by the arguments (a placeholder without one stays as written). */
export function formatMessage(template: string, args: readonly MessageArg[]): string {
  if (args.length === 0) return template;
  // What template.replace(/\{(\d+)\}/g, ...) gives, by a scan (the lint formats thousands of messages per file).
  let out = '';
  let copied = 0;
  for (let open = template.indexOf('{'); open >= 0; open = template.indexOf('{', open + 1)) {
    let close = open + 1;
    while (close < template.length && template.charCodeAt(close) >= 48 && template.charCodeAt(close) <= 57) close++;
    if (close === open + 1 || template.charCodeAt(close) !== 125 /* } */) continue;
    const index = Number(template.slice(open + 1, close));
    if (index >= args.length) continue;
    out += template.slice(copied, open) + String(args[index]);
    copied = close + 1;
    open = close;
  }
  return copied === 0 ? template : out + template.slice(copied);
}

/** The English text of `template` with `args`, remembered so the extension can translate it. */
export function msg(template: string, ...args: MessageArg[]): string {
  const text = formatMessage(template, args);
  made.set(text, { template, args: args.map(String) });
  if (made.size > REMEMBERED) {
    madeBefore = made;
    made = new Map();
  }
  return text;
}

/** The template and arguments that made `text`, when `msg` made it. */
export function messageParts(text: string): MessageParts | undefined {
  return made.get(text) ?? madeBefore.get(text);
}
