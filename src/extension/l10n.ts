import { formatMessage, messageParts, type MessageArg } from '../core';

/*
 * Translation for the extension's pure modules (hover, reports: unit-tested in Node without vscode)
 * and for the messages the core and language layers make with `msg`. activate() sets the translator
 * to vscode.l10n.t; until then (and in unit tests) the text is the English template filled in.
 * Modules that import vscode call vscode.l10n.t directly; both are l10n.t with a string literal first, which
 * the l10n unit test reads from the sources.
 */

type Translator = (template: string, args: readonly string[]) => string;

let translator: Translator = formatMessage;

export function setTranslator(translate: Translator): void {
  translator = translate;
}

/** `template` (an English sentence with {0}, {1}, ... placeholders) in the display language. */
export function t(template: string, ...args: MessageArg[]): string {
  return translator(template, args.map(String));
}

/**
 * A sentence from the core or language layer, in the display language: made by `msg`, it is its
 * template translated with its arguments (each translated first when it is itself a message); any
 * other text is looked up as it is, and stays English when it has no translation.
 */
export function localize(text: string): string {
  const parts = messageParts(text);
  if (!parts) return translator(text, []);
  return translator(parts.template, parts.args.map((arg) => (messageParts(arg) ? localize(arg) : arg)));
}
