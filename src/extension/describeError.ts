import { localize } from './l10n';

/** An error as the Loss Lens output channel shows it: the stack when there is one, its message in the display language. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const message = localize(error.message);
  if (!error.stack) return message;
  return message === error.message ? error.stack : `${message}\n${error.stack}`;
}
