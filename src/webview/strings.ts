import { formatMessage, messageParts } from '../core/message';
import type { MessageArg } from '../core/message';
import { isWebviewStringsTable, MAX_STRINGS_TABLE } from '../protocol';
import type { WebviewStringsTable } from '../protocol';
import { WEBVIEW_STRINGS, type WebviewStringKey } from './englishStrings';

/*
 * The page's text in the display language. The host puts the display language and its loaded
 * translations (see protocol.ts) as JSON in the app root's data-strings attribute; the page's own
 * strings (englishStrings.ts) are looked up there by their English text. Without a table (the
 * browser tests, a table that fails validation) or a translation every string is English.
 *
 * The core's messages (a refused alpha, a list of logits that is not numbers) are made in the page
 * by the page's own copy of the core, whose `msg` remembers their template and arguments in this
 * page's memory; `localizeMessage` translates them from the table's `messages` exactly as the
 * host's `localize` does (src/extension/l10n.ts), so one Korean bundle serves both sides.
 */

const EMPTY: WebviewStringsTable = { lang: 'en', messages: {} };
let table: WebviewStringsTable | undefined;

function readTable(): WebviewStringsTable {
  if (typeof document === 'undefined') return EMPTY;
  const text = document.getElementById('app')?.dataset.strings;
  if (!text || text.length > MAX_STRINGS_TABLE) return EMPTY;
  try {
    const parsed: unknown = JSON.parse(text);
    return isWebviewStringsTable(parsed) ? parsed : EMPTY;
  } catch {
    return EMPTY;
  }
}

function current(): WebviewStringsTable {
  return (table ??= readTable());
}

/** The translation of an English text, or the text itself. */
function translated(english: string): string {
  const messages = current().messages;
  return Object.prototype.hasOwnProperty.call(messages, english) ? messages[english]! : english;
}

/** The string `key` in the display language, its {0}, {1}, ... filled with `args`. */
export function s(key: WebviewStringKey, ...args: MessageArg[]): string {
  return formatMessage(translated(WEBVIEW_STRINGS[key]), args);
}

/** Whether `key` is one of the page's strings (for keys made from data, such as a worked example's id). */
export function isStringKey(key: string): key is WebviewStringKey {
  return Object.prototype.hasOwnProperty.call(WEBVIEW_STRINGS, key);
}

/** A message of the core (made by `msg`) in the display language; any other text as it is, or its translation. */
export function localizeMessage(text: string): string {
  const parts = messageParts(text);
  if (!parts) return translated(text);
  return formatMessage(translated(parts.template), parts.args.map((arg) => (messageParts(arg) ? localizeMessage(arg) : arg)));
}
